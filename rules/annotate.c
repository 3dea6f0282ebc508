/* annotate.c — annotations in the linted source turned into API records.
 *
 * The analyzer forwards the annotate("...") strings it finds on a declaration and on its
 * parameters (RcAnnotatedDecl); this file decides which are ours (rules.h lists them, with the
 * Clang rc_ownership_* synonyms) and builds the record the analyzer then checks both the callers
 * and the function's own body against. */
#include "rules_int.h"

#include <stdlib.h>
#include <string.h>

RcAnnotationKind rc_annotation_parse(const char *text, int *arg) {
  static const struct {
    const char *text;
    RcAnnotationKind kind;
  } words[] = {
      {RC_ANNOTATE_RETURNS_NEW, RC_ANN_RETURNS_NEW},
      {RC_ANNOTATE_RETURNS_BORROWED, RC_ANN_RETURNS_BORROWED},
      {RC_ANNOTATE_STEALS, RC_ANN_STEALS},
      {RC_ANNOTATE_SETS_EXCEPTION, RC_ANN_SETS_EXCEPTION},
      {RC_ANNOTATE_SETS_EXCEPTION_ON_NEGATIVE, RC_ANN_SETS_EXCEPTION_ON_NEGATIVE},
      {RC_ANNOTATE_CLANG_RETURNS_RETAINED, RC_ANN_RETURNS_NEW},
      {RC_ANNOTATE_CLANG_RETURNS_NOT_RETAINED, RC_ANN_RETURNS_BORROWED},
      {RC_ANNOTATE_CLANG_CONSUMED, RC_ANN_STEALS},
  };
  *arg = -1;
  if (text == NULL) return RC_ANN_UNKNOWN;
  size_t steals_len = strlen(RC_ANNOTATE_STEALS);
  if (strncmp(text, RC_ANNOTATE_STEALS "=", steals_len + 1) == 0) {
    const char *d = text + steals_len + 1;
    int n = 0;
    if (*d < '1' || *d > '9') return RC_ANN_UNKNOWN;
    for (; *d >= '0' && *d <= '9' && n < 1000; d++) n = n * 10 + (*d - '0');
    if (*d != '\0') return RC_ANN_UNKNOWN;
    *arg = n - 1;
    return RC_ANN_STEALS;
  }
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strcmp(text, words[i].text) == 0) return words[i].kind;
  return RC_ANN_UNKNOWN;
}

static bool is_object_pointer(const char *type) {
  return type != NULL && strstr(type, "PyObject") != NULL && strchr(type, '*') != NULL;
}

int rc_ruleset_add_annotated(RcRuleSet *set, const RcAnnotatedDecl *decl, char **error) {
  int rc = -1;
  RcApiArg *args = NULL;
  RcApi api = {.name = decl->name, .kind = RC_API_FUNCTION, .ret_type = decl->ret_type,
               .ret = RC_REF_NONE, .borrowed_from = -1, .fail = RC_FAIL_NEVER,
               .exc = RC_EXC_SET, .flags = RC_API_FROM_ANNOTATIONS, .since = RC_PY_OLDEST, .format_arg = -1, .varargs_arg = -1,
               .nargs = decl->nargs, .note = "from annotations in the source",
               .file = decl->file, .line = decl->line};
  const char *where = decl->file ? decl->file : "?";
  bool ours = false;
  if (decl->nargs > 0) {
    args = rc_rules_calloc((size_t)decl->nargs, sizeof *args);
    if (args == NULL) {
      *error = rc_rules_strprintf("%s:%d: out of memory", where, decl->line);
      goto out;
    }
    for (int i = 0; i < decl->nargs; i++) {
      args[i].name = decl->arg_names && decl->arg_names[i] ? decl->arg_names[i] : "";
      args[i].type = decl->arg_types[i];
      args[i].effect = is_object_pointer(decl->arg_types[i]) ? RC_ARG_BORROW : RC_ARG_VALUE;
    }
    api.args = args;
  }
  bool pointer_result = decl->ret_type != NULL && strchr(decl->ret_type, '*') != NULL;
  for (int k = 0; k < decl->nannotations; k++) {
    int idx = -1;
    int param = decl->annotation_param ? decl->annotation_param[k] : -1;
    RcAnnotationKind kind = rc_annotation_parse(decl->annotations[k], &idx);
    if (kind == RC_ANN_UNKNOWN) continue;
    ours = true;
    switch (kind) {
    case RC_ANN_RETURNS_NEW:
    case RC_ANN_RETURNS_BORROWED:
      if (!pointer_result) {
        *error = rc_rules_strprintf("%s:%d: %s: '%s' on a function that does not return a pointer",
                              where, decl->line, decl->name, decl->annotations[k]);
        goto out;
      }
      api.ret = kind == RC_ANN_RETURNS_NEW ? RC_REF_NEW : RC_REF_BORROWED;
      if (api.fail == RC_FAIL_NEVER) {
        api.fail = RC_FAIL_NULL;
        api.exc = RC_EXC_SET;
      }
      break;
    case RC_ANN_STEALS:
      if (idx < 0) idx = param;
      if (idx < 0 || idx >= decl->nargs) {
        *error = rc_rules_strprintf("%s:%d: %s: '%s' names no parameter", where, decl->line,
                              decl->name, decl->annotations[k]);
        goto out;
      }
      args[idx].effect = RC_ARG_STEAL;
      break;
    case RC_ANN_SETS_EXCEPTION:
      api.fail = pointer_result ? RC_FAIL_NULL : RC_FAIL_MINUS_ONE;
      api.exc = RC_EXC_SET;
      break;
    case RC_ANN_SETS_EXCEPTION_ON_NEGATIVE:
      api.fail = RC_FAIL_NEGATIVE;
      api.exc = RC_EXC_SET;
      break;
    case RC_ANN_UNKNOWN:
      break;
    }
  }
  if (!ours) {
    rc = 0;
    goto out;
  }
  if (rc_ruleset_add(set, &api, error) != 0) goto out;
  rc = 1;
out:
  free(args);
  return rc;
}
