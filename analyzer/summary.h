/* summary.h — what a call does: the adapter between the rules knowledge base and the engine.
 *
 * A call is looked up by its interned callee name: first among the summaries of the translation
 * unit's own functions (computed bottom-up by the engine, or taken from their annotations), then
 * in the rule set. A name the rules do not know gets NULL: the engine then applies CPython's
 * conventions (arguments borrowed, a PyObject * result new). No API knowledge lives here or
 * anywhere else in the analyzer: it is all in the RcApi records.
 *
 * Ownership: an RcSummaries borrows the rule set (which must outlive it) and owns nothing else
 * but its table of local records' pointers; local records themselves belong to the caller (the
 * per-file arena) and are dropped with rc_summary_clear_locals() before that arena is freed.
 * Rules lookups are cached in the RcName (data/data_set), so each name is hashed once per run.
 *
 * Invariant: a local record shadows a rules record of the same name only for the current file. */
#ifndef RC_SUMMARY_H
#define RC_SUMMARY_H

#include "intern.h"
#include "rules.h"

#include <stdbool.h>

typedef struct RcSummaries RcSummaries;

/* Creates the adapter over `rules` for Python `version`. Returns 0, -1 on OOM. */
int rc_summary_new(const RcRuleSet *rules, RcPyVersion version, RcSummaries **out);
void rc_summary_free(RcSummaries *s);

RcPyVersion rc_summary_version(const RcSummaries *s);
void rc_summary_set_version(RcSummaries *s, RcPyVersion version);

/* The record for callee `name`, or NULL when nothing is known. */
const RcApi *rc_summary_lookup(RcSummaries *s, const RcName *name);

/* The rules record alone (ignoring local summaries), or NULL. */
const RcApi *rc_summary_rules_lookup(RcSummaries *s, const RcName *name);

/* A rules record by spelled name (not cached; for the rare lookups of a constructed name). */
const RcApi *rc_summary_lookup_text(RcSummaries *s, const char *name);

/* Records (or replaces) the summary of a function of the file being analysed. */
void rc_summary_set_local(RcSummaries *s, const RcName *name, const RcApi *api);
/* Which parameters a local function stores away (bit i: parameter i is kept in memory after it
 * returns, without a reference of its own). Set after the function is analysed. */
void rc_summary_set_local_stores(RcSummaries *s, const RcName *name, unsigned mask);
unsigned rc_summary_local_stores(RcSummaries *s, const RcName *name);
/* Whether a local function sometimes returns a static object (Py_None) without a reference, as a
 * sentinel its callers compare with. */
void rc_summary_set_local_sentinel(RcSummaries *s, const RcName *name, bool sentinel);
bool rc_summary_local_sentinel(RcSummaries *s, const RcName *name);
/* Whether a local function may leave an exception set when it returns (on some path). */
void rc_summary_set_local_raises(RcSummaries *s, const RcName *name, bool raises);
bool rc_summary_local_raises(RcSummaries *s, const RcName *name);

/* Forgets every local summary (at the end of a file). */
void rc_summary_clear_locals(RcSummaries *s);

/* RcMacroFilter for macros.c: an API macro is a name with a record of kind RC_API_MACRO (or a
 * function/inline record, so that object-like aliases such as PyArg_ParseTuple are named for the
 * API); statement macros are those that do not return from the caller. `ctx` is RcSummaries. */
int rc_summary_macro_filter(void *ctx, const RcName *name);

/* For lower.c: true when the rules say `name` never returns. `ctx` is RcSummaries. */
bool rc_summary_is_noreturn(void *ctx, const RcName *name);

#endif
