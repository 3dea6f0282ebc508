/* checks_api.c — api-prefer-strong, and the hint of ref-return-borrowed (see checks.h). */
#include "checks.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void rc_check_call(RcDiag *diag, const RcCfg *cfg, RcPyVersion version, const RcExpr *call,
                   const RcApi *api) {
  if (!rc_diag_once(diag, call)) return;
  if (api->replacement != NULL && api->replacement_since != 0 && version >= api->replacement_since) {
    char since[16], msg[512];
    rc_py_version_format(api->replacement_since, since);
    snprintf(msg, sizeof msg, "prefer %s() to %s(): it %s (available since Python %s)",
             api->replacement, api->name,
             api->args != NULL && api->nargs > 0 ? "has clearer ownership rules" : "is safer", since);
    for (int i = 0; i < api->nargs; i++)
      if (api->args[i].effect == RC_ARG_STEAL_ON_SUCCESS)
        snprintf(msg, sizeof msg,
                 "prefer %s() to %s(), which steals '%s' only on success (available since Python %s)",
                 api->replacement, api->name, api->args[i].name, since);
    rc_diag_add(diag, "api-prefer-strong", call, call->line, call->col, msg, NULL, 0, 0, NULL,
                NULL, RC_DIAG_GROUP_NONE);
  }
  if (api->format != RC_FORMAT_NONE) rc_check_format(diag, cfg, call, api);
}

void rc_check_return_hint(RcSummaries *s, const RcCfg *cfg, const RcExpr *value, char *hint,
                          size_t hint_size, char *fix, size_t fix_size, const RcName **macro) {
  hint[0] = fix[0] = '\0';
  *macro = NULL;
  const RcName *spelled = value == NULL ? NULL
                         : value->kind == RC_EX_CALL && value->is_macro ? value->name
                                                                        : value->spelled;
  if (spelled == NULL) {
    snprintf(hint, hint_size, " (take a reference with Py_INCREF() before returning it)");
    /* a variable: `return x;` -> `return Py_NewRef(x);` where the rules say Py_NewRef exists */
    const RcApi *newref = rc_summary_lookup_text(s, "Py_NewRef");
    if (value != NULL && value->kind == RC_EX_VAR && cfg != NULL && newref != NULL &&
        rc_api_available(newref, rc_summary_version(s))) {
      const char *var = cfg->vars[value->var].name->text;
      snprintf(fix, fix_size, "replace 'return %s;' with 'return Py_NewRef(%s);'", var, var);
    }
    return;
  }
  /* Py_None -> Py_RETURN_NONE: the companion macro is looked up, not assumed */
  const char *name = spelled->text;
  const char *suffix = strncmp(name, "Py_", 3) == 0 ? name + 3 : name;
  char companion[128];
  size_t n = (size_t)snprintf(companion, sizeof companion, "Py_RETURN_");
  for (const char *p = suffix; *p && n + 1 < sizeof companion; p++) companion[n++] = (char)toupper((unsigned char)*p);
  companion[n] = '\0';
  const RcApi *api = rc_summary_lookup_text(s, companion);
  if (api != NULL && (api->flags & RC_API_RETURNS_FROM_CALLER)) {
    snprintf(hint, hint_size, " (use %s)", companion);
    snprintf(fix, fix_size, "replace 'return %s;' with '%s;'", name, companion);
  } else {
    snprintf(hint, hint_size, " (take a reference with Py_INCREF() before returning it)");
  }
}
