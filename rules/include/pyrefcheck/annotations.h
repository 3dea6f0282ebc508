/* pyrefcheck/annotations.h — ownership annotations for your own C-API-style functions.
 *
 * Copy this header into your project (or add pyrefcheck's rules/include to the include path).
 * The macros tell pyrefcheck what a function does with references; pyrefcheck checks the callers
 * against them *and* the function's own body. For a plain compiler they expand to nothing, so the
 * header costs nothing in a normal build. Under Clang (which pyrefcheck's parser is) they become
 * __attribute__((annotate("pyrefcheck_..."))). Clang's own RetainCountChecker spellings,
 * annotate("rc_ownership_returns_retained"), "rc_ownership_returns_not_retained" and
 * "rc_ownership_consumed", are accepted too.
 *
 *   PYREFCHECK_RETURNS_NEW PyObject *make_point(double x, double y);
 *   PYREFCHECK_RETURNS_BORROWED PyObject *registry_get(PyObject *registry, const char *key);
 *   PYREFCHECK_STEALS(2) int bag_add(PyObject *bag, PyObject *item);  // 1-based, like nonnull
 *   int bag_put(PyObject *bag, PYREFCHECK_STOLEN PyObject *item);     // on the parameter
 *   PYREFCHECK_SETS_EXCEPTION int load_config(PyObject *cfg);         // -1 (NULL) sets one
 *   PYREFCHECK_SETS_EXCEPTION_ON_NEGATIVE int lookup(PyObject *m);    // < 0 sets one
 */
#ifndef PYREFCHECK_ANNOTATIONS_H
#define PYREFCHECK_ANNOTATIONS_H

/* How an annotation is spelled. Defining PYREFCHECK_ANNOTATE_ before including this header
 * overrides it (pyrefcheck's own tests use that to read the strings back). */
#ifndef PYREFCHECK_ANNOTATE_
#if defined(__clang__)
#define PYREFCHECK_ANNOTATE_(text) __attribute__((annotate(text)))
#else
#define PYREFCHECK_ANNOTATE_(text)
#endif
#endif

#define PYREFCHECK_RETURNS_NEW PYREFCHECK_ANNOTATE_("pyrefcheck_returns_new")
#define PYREFCHECK_RETURNS_BORROWED PYREFCHECK_ANNOTATE_("pyrefcheck_returns_borrowed")
#define PYREFCHECK_STEALS(n) PYREFCHECK_ANNOTATE_("pyrefcheck_steals=" #n)
#define PYREFCHECK_STOLEN PYREFCHECK_ANNOTATE_("pyrefcheck_steals")
#define PYREFCHECK_SETS_EXCEPTION PYREFCHECK_ANNOTATE_("pyrefcheck_sets_exception")
#define PYREFCHECK_SETS_EXCEPTION_ON_NEGATIVE                                                      \
  PYREFCHECK_ANNOTATE_("pyrefcheck_sets_exception_on_negative")

#endif
