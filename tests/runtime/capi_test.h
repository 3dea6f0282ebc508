/* capi_test.h — helpers the C-API tests share: a check window per test that must end without a
 * defect, comparisons of str objects with C strings, and the current exception's type and text.
 * Header-only (static definitions): each test program includes it once, after test.h.
 */
#ifndef RT_CAPI_TEST_H
#define RT_CAPI_TEST_H

#define PYREFCHECK_NEWER_API 1   /* the tests use the API CPython added after 3.11 too */
#include "Python.h"
#include "../test.h"

#define CAPI_UNUSED __attribute__((unused))

/* Opens a check window; CAPI_END_CLEAN closes it and fails the test on any defect it reports. */
#define CAPI_BEGIN()                                                                               \
  size_t capi_defects_before_ = rt_defect_count();                                                 \
  rt_check_begin()

#define CAPI_END_CLEAN()                                                                           \
  do {                                                                                             \
    PyErr_Clear();                                                                                 \
    rt_check_end();                                                                                \
    for (size_t i_ = capi_defects_before_; i_ < rt_defect_count(); i_++) {                         \
      const RtDefect *d_ = rt_defect_get(i_);                                                      \
      TEST_FAIL_AT("defect %s (%s) at %s:%d: %s", rt_defect_kind_name(d_->kind), d_->type_name,    \
                   d_->site_file ? d_->site_file : "?", d_->site_line, d_->message);               \
    }                                                                                              \
  } while (0)

/* Ends a test program after Py_FinalizeEx(): fails (the debug layer's report on stdout) when the
 * runtime saw a defect, else returns `failed`. */
CAPI_UNUSED static int capi_defects_or(int failed)
{
  if (rt_debug_layer_enabled() && rt_defect_count() != 0) {
    rt_defects_write_json(stdout);
    return 1;
  }
  return failed;
}

/* Whether the str o holds exactly s (o may be NULL: false). */
CAPI_UNUSED static int str_is(PyObject *o, const char *s)
{
  return o != NULL && PyUnicode_Check(o) && PyUnicode_CompareWithASCIIString(o, s) == 0;
}

/* The text of the current exception (static buffer), without clearing it; "" when none. */
CAPI_UNUSED static const char *exc_text(void)
{
  static char buf[512];
  PyObject *exc = PyErr_GetRaisedException();
  buf[0] = '\0';
  if (exc == NULL) return buf;
  PyObject *s = PyObject_Str(exc);
  if (s != NULL) snprintf(buf, sizeof(buf), "%s", PyUnicode_AsUTF8(s));
  Py_XDECREF(s);
  PyErr_Clear();
  PyErr_SetRaisedException(exc);
  return buf;
}

/* Checks that exception type is set with the given text (NULL: any text), then clears it. */
#define CHECK_RAISED(type, text)                                                                   \
  do {                                                                                             \
    if (!PyErr_ExceptionMatches(type)) {                                                           \
      PyObject *t_ = PyErr_Occurred();                                                             \
      TEST_FAIL_AT("expected %s, got %s (%s)", ((PyTypeObject *)(type))->tp_name,                  \
                   t_ ? ((PyTypeObject *)t_)->tp_name : "no exception", exc_text());               \
    } else if ((text) != NULL && strcmp(exc_text(), (text) ? (text) : "") != 0) {                  \
      TEST_FAIL_AT("expected message \"%s\", got \"%s\"", (text) ? (text) : "", exc_text());       \
    }                                                                                              \
    PyErr_Clear();                                                                                 \
  } while (0)

#define CHECK_NO_ERROR()                                                                           \
  do {                                                                                             \
    if (PyErr_Occurred()) {                                                                        \
      TEST_FAIL_AT("unexpected exception %s: %s", ((PyTypeObject *)PyErr_Occurred())->tp_name,     \
                   exc_text());                                                                    \
      PyErr_Clear();                                                                               \
    }                                                                                              \
  } while (0)

#define CHECK_STR(o, s)                                                                            \
  do {                                                                                             \
    PyObject *o_ = (o);                                                                            \
    if (!str_is(o_, (s))) {                                                                        \
      PyObject *r_ = o_ ? PyObject_Repr(o_) : NULL;                                                \
      TEST_FAIL_AT("expected '%s', got %s", (s), r_ ? PyUnicode_AsUTF8(r_) : "NULL");              \
      Py_XDECREF(r_);                                                                              \
      PyErr_Clear();                                                                               \
    }                                                                                              \
  } while (0)

/* repr(o) compared with s; o is released (it may be NULL: the check fails). */
#define CHECK_REPR_STEAL(o, s)                                                                     \
  do {                                                                                             \
    PyObject *ob_ = (o);                                                                           \
    PyObject *rr_ = ob_ ? PyObject_Repr(ob_) : NULL;                                               \
    if (!str_is(rr_, (s)))                                                                         \
      TEST_FAIL_AT("expected repr %s, got %s (%s)", (s), rr_ ? PyUnicode_AsUTF8(rr_) : "NULL",     \
                   exc_text());                                                                    \
    PyErr_Clear();                                                                                 \
    Py_XDECREF(rr_);                                                                               \
    Py_XDECREF(ob_);                                                                               \
  } while (0)

#endif
