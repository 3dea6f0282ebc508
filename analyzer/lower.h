/* lower.h — lowering a function definition from libclang cursors to the CFG IR (cfg.h).
 *
 * This is the only module besides the front end that walks cursors. It makes C's control flow
 * explicit (if/else, switch with fall-through, loops, goto and labels, break/continue, return,
 * && / || / ?: and the comma operator, do { } while (0), calls that never return) and turns API
 * macros into single calls using the macro map (macros.h).
 *
 * Ownership: the CFG and everything in it are allocated in the arena passed in; the environment
 * is borrowed for the duration of the call.
 *
 * Failure: rc_lower_function returns 0 and the CFG, or -1 (with *why set to a static string) when
 * the function cannot be lowered (nesting too deep for the recursion guard); nothing to free. */
#ifndef RC_LOWER_H
#define RC_LOWER_H

#include "cfg.h"
#include "macros.h"

#include <clang-c/Index.h>

typedef struct {
  CXTranslationUnit tu;
  RcIntern *intern;
  const RcMacroMap *macros;                  /* may be NULL: no macro is recognised */
  bool (*is_noreturn)(void *ctx, const RcName *callee); /* may be NULL */
  void *ctx;
} RcLowerEnv;

int rc_lower_function(const RcLowerEnv *env, CXCursor fn, RcArena *arena, RcCfg **out,
                      const char **why);

/* True when `type` is a pointer to a Python object (PyObject *, PyTupleObject *, a struct whose
 * first member is PyObject_HEAD). `intern` caches the answer per type spelling. */
bool rc_lower_type_is_obj(RcIntern *intern, CXType type);

#endif
