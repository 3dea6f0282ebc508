/* checks.h — the checks that are not reference-state transitions, as small drivers.
 *
 * Reference-state checks (leaks, releases of borrowed references, uses after release or steal,
 * unchecked NULLs, the exception state at returns) live in the path engine, because they are
 * properties of paths. The checks here look at one construct at a time:
 *   - checks_api.c:    api-prefer-strong at a call, the Py_RETURN_* hint of ref-return-borrowed;
 *   - checks_format.c: format-args — PyArg_Parse* / Py_BuildValue formats against the arguments;
 *   - checks_type.c:   methoddef-mismatch, type-dealloc, type-traverse over the type and method
 *                      tables of a translation unit (tables.h).
 * All findings go through an RcDiag. Every piece of API knowledge comes from the RcApi records. */
#ifndef RC_CHECKS_H
#define RC_CHECKS_H

#include "cfg.h"
#include "diag.h"
#include "summary.h"

/* Checks a call site (once per site and function): api-prefer-strong and format-args. */
void rc_check_call(RcDiag *diag, const RcCfg *cfg, RcPyVersion version, const RcExpr *call,
                   const RcApi *api);

/* For `return value;` of a borrowed reference: a hint (" (use Py_RETURN_NONE)") and a fix-it:
 * the Py_RETURN_* companion of an object macro, when the rules have one, or Py_NewRef(x) for a
 * variable, when the rules say Py_NewRef exists at the selected version. Empty strings otherwise. */
void rc_check_return_hint(RcSummaries *s, const RcCfg *cfg, const RcExpr *value, char *hint,
                          size_t hint_size, char *fix, size_t fix_size, const RcName **macro);

/* format-args: checks the variadic arguments of `call` against its format string. */
void rc_check_format(RcDiag *diag, const RcCfg *cfg, const RcExpr *call, const RcApi *api);

#endif
