/* describe.c — an API record told in words (`pyrefcheck rules show`) and in one line
 * (`pyrefcheck rules list`). Output only; no state. */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

static const char *effect_words(RcArgEffect e) {
  switch (e) {
  case RC_ARG_VALUE: return "not a reference";
  case RC_ARG_BORROW: return "borrowed (the caller keeps its reference)";
  case RC_ARG_STEAL: return "STOLEN, on success and on failure";
  case RC_ARG_STEAL_ON_SUCCESS: return "STOLEN only when the call succeeds";
  case RC_ARG_OUT_NEW: return "out-parameter: receives a new reference";
  case RC_ARG_OUT_BORROWED: return "out-parameter: receives a borrowed reference";
  case RC_ARG_INOUT: return "in/out: *p is owned; released and replaced by a new reference or NULL";
  case RC_ARG_INCREF: return "gains a reference (Py_INCREF)";
  case RC_ARG_DECREF: return "loses a reference (Py_DECREF)";
  case RC_ARG_CLEAR: return "lvalue: released, then set to NULL";
  case RC_ARG_REPLACE: return "lvalue: old value released, then replaced by the stolen argument";
  }
  return "?";
}

static const char *fail_words(const RcApi *a) {
  switch (a->fail) {
  case RC_FAIL_NEVER: return "cannot fail";
  case RC_FAIL_NULL: return "returns NULL";
  case RC_FAIL_MINUS_ONE: return "returns -1";
  case RC_FAIL_NEGATIVE: return "returns a negative value";
  case RC_FAIL_ZERO: return "returns 0";
  case RC_FAIL_MINUS_ONE_CHECK: return "returns -1, also a valid result: check PyErr_Occurred()";
  case RC_FAIL_NULL_ABSENT: return "returns NULL, which also means \"not found\"";
  }
  return "?";
}

static const char *exc_words(RcExcKind e) {
  switch (e) {
  case RC_EXC_SET: return "with an exception set";
  case RC_EXC_NOT_SET: return "WITHOUT setting an exception";
  case RC_EXC_MAYBE: return "with or without an exception";
  }
  return "?";
}

void rc_api_describe(const RcApi *a, FILE *out) {
  char v1[8], v2[8];
  fprintf(out, "%s  (%s, %s:%d)\n", a->name, rc_api_kind_name(a->kind), a->file ? a->file : "?",
          a->line);
  switch (a->ret) {
  case RC_REF_NEW: fprintf(out, "  returns: a NEW reference (%s) the caller must release\n", a->ret_type); break;
  case RC_REF_BORROWED:
    fprintf(out, "  returns: a BORROWED reference (%s)", a->ret_type);
    if (a->borrowed_from >= 0)
      fprintf(out, ", valid while '%s' keeps it", a->args[a->borrowed_from].name);
    fputc('\n', out);
    break;
  case RC_REF_NULL: fprintf(out, "  returns: always NULL (%s)\n", a->ret_type); break;
  case RC_REF_NONE:
    fprintf(out, "  returns: %s\n", a->ret_type && a->ret_type[0] ? a->ret_type : "nothing (a statement)");
    break;
  }
  if (a->fail == RC_FAIL_NEVER) fputs("  failure: cannot fail\n", out);
  else fprintf(out, "  failure: %s %s\n", fail_words(a), exc_words(a->exc));
  if (a->flags & RC_API_FAILS_ON_BAD_ARG) fputs("  fails only on a bad argument (wrong type, index out of range)\n", out);
  if (a->success != RC_SUCCESS_UNKNOWN)
    fprintf(out, "  success: %s\n", a->success == RC_SUCCESS_ZERO   ? "returns 0"
                                    : a->success == RC_SUCCESS_BOOL ? "returns 0 or 1"
                                    : a->success == RC_SUCCESS_FOUND
                                        ? "returns 1 with new references in its out-parameters, 0 with NULL in them"
                                        : "returns a count (>= 0)");
  if (a->flags & RC_API_RESULT_IS_ARG)
    fprintf(out, "  result: is '%s' itself\n", a->args[a->result_arg].name);
  if (a->flags & RC_API_REPORTS_EXCEPTION) fputs("  result: non-NULL exactly when an exception is set\n", out);
  if (a->flags & RC_API_UNTRACKS) fputs("  untracks its object argument from the cycle collector\n", out);
  if (a->flags & RC_API_MODIFIES)
    fputs("  modifies its container argument: references borrowed from it may be invalidated\n", out);
  if (a->flags & RC_API_FALSE_FOR_NULL) fputs("  returns 0 for a NULL object argument\n", out);
  if (a->flags & RC_API_SMALL_INT_CACHED)
    fputs("  cannot fail for a constant argument in -5 ... 256 (CPython's cached small ints)\n", out);
  if (a->flags & RC_API_FROM_ANNOTATIONS) fputs("  derived from annotations in the source\n", out);
  for (int i = 0; i < a->nargs; i++) {
    const RcApiArg *g = &a->args[i];
    fprintf(out, "  arg %d %s (%s): %s%s\n", i, g->name, g->type, effect_words(g->effect),
            g->nullable ? "; NULL accepted" : "");
  }
  if (a->flags & RC_API_VARIADIC) fputs("  ...: variadic arguments\n", out);
  if (a->format != RC_FORMAT_NONE)
    fprintf(out, "  format: argument %d is a %s format string\n", a->format_arg,
            a->format == RC_FORMAT_PARSE   ? "PyArg_Parse"
            : a->format == RC_FORMAT_BUILD ? "Py_BuildValue"
                                           : "PyUnicode_FromFormat");
  if (a->flags & RC_API_RUNS_PYTHON)
    fputs("  may run arbitrary Python code: borrowed references may be invalidated\n", out);
  if (a->flags & RC_API_NORETURN) fputs("  never returns\n", out);
  if (a->flags & RC_API_RETURNS_FROM_CALLER) fputs("  returns from the calling function\n", out);
  if (a->flags & RC_API_SETS_EXCEPTION) fputs("  always leaves an exception set\n", out);
  if (a->flags & RC_API_CLEARS_EXCEPTION) fputs("  leaves no exception set\n", out);
  if (a->checks_type) fprintf(out, "  type test: 1 for an argument declared as %s *\n", a->checks_type);
  fprintf(out, "  versions: %s", a->since <= RC_PY_OLDEST ? "3.8 or older" : rc_py_version_format(a->since, v1));
  if (a->until) fprintf(out, " to %s\n", rc_py_version_format(a->until, v2));
  else fputs(" to the newest\n", out);
  if (a->deprecated) fprintf(out, "  deprecated since %s\n", rc_py_version_format(a->deprecated, v1));
  if (a->replacement)
    fprintf(out, "  prefer: %s (from %s)\n", a->replacement,
            rc_py_version_format(a->replacement_since, v1));
  if (a->note) fprintf(out, "  note: %s\n", a->note);
}

void rc_api_summarize(const RcApi *a, FILE *out) {
  char v[8];
  fprintf(out, "%-40s %-8s %-8s", a->name, rc_api_kind_name(a->kind), rc_ref_kind_name(a->ret));
  fputs(" fails:", out);
  fputs(rc_fail_kind_name(a->fail), out);
  if (a->fail != RC_FAIL_NEVER && a->exc != RC_EXC_SET) fprintf(out, "(%s)", rc_exc_kind_name(a->exc));
  for (int i = 0; i < a->nargs; i++) {
    RcArgEffect e = a->args[i].effect;
    if (e != RC_ARG_VALUE && e != RC_ARG_BORROW)
      fprintf(out, " %s:%s", a->args[i].name, rc_arg_effect_name(e));
  }
  if (a->since > RC_PY_OLDEST) fprintf(out, " since:%s", rc_py_version_format(a->since, v));
  if (a->until) fprintf(out, " until:%s", rc_py_version_format(a->until, v));
  if (a->replacement) fprintf(out, " prefer:%s", a->replacement);
  fputc('\n', out);
}
