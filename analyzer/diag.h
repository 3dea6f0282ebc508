/* diag.h — turning bad paths into findings: one per root cause, with numbered path notes.
 *
 * The engine and the checks propose candidates while they explore paths; many paths reach the
 * same bug. A candidate names its rule, its root (an identity for the cause: the expression that
 * produced the leaked value, the call site, ...) and where it is reported. At the end of a
 * function rc_diag_flush() keeps, per (rule, root), the candidate reported earliest in the source
 * (the README's "first such point in source order"), renders its path notes from the path's event
 * list, and adds it to the report.
 *
 * Ownership: candidates live in the function's arena; rc_diag_flush copies what it keeps into the
 * RcReport. Paths' states passed in are only read during the call.
 *
 * Invariant: a candidate's notes tell the path in owned/borrowed terms and end with a step at the
 * finding's own location. */
#ifndef RC_DIAG_H
#define RC_DIAG_H

#include "cfg.h"
#include "refstate.h"
#include "report.h"

typedef struct RcDiag RcDiag;

/* Candidate groups the driver may drop as a whole after the function is done. */
enum { RC_DIAG_GROUP_NONE = 0, RC_DIAG_GROUP_RETURN_BORROWED = 1 };

RcDiag *rc_diag_new(RcArena *arena, const RcCfg *cfg, RcReport *report);

/* Proposes a finding. `uid` (and `uid2`, the value it is borrowed from, or 0) select the path
 * events told in the notes; `last_note` is the final step (at line:col), NULL for none. */
void rc_diag_add(RcDiag *d, const char *rule, const void *root, unsigned line, unsigned col,
                 const char *message, const RcState *st, unsigned uid, unsigned uid2,
                 const char *last_note, const char *fixit, int group);

/* Puts the candidate just added in variant `variant` (0 by default) of its rule and root: each
 * variant keeps its own earliest candidate, and a variant's finding is dropped when another's
 * is kept at the same line. A leak on error paths is variant 1: a reference that leaks there and
 * on the normal path lacks a cleanup and a release, fixed apart; leaking at one place
 * (return Py_BuildValue("O", v), failing or not), it lacks one. */
void rc_diag_set_variant(RcDiag *d, int variant);

/* Marks the candidate just added as one per line: two such candidates of the same rule, root and
 * variant at different lines are both kept. A value leaking at two successful returns lacks a
 * release at each; leaking when its variable is overwritten in a loop and again at the return
 * after it (not marked), it lacks one. */
void rc_diag_per_line(RcDiag *d);

/* Adds the surviving candidates to the report; candidates of a group in `drop_groups` (a bit
 * set of 1 << group) are dropped. Returns how many findings were added. */
size_t rc_diag_flush(RcDiag *d, unsigned drop_groups);

/* The name a message uses for value `uid` in state `st`: 'v', 'self->tags', or the call that
 * produced it. Writes into buf (quoted). */
void rc_diag_name(const RcCfg *cfg, const RcState *st, unsigned uid, char *buf, size_t size);

/* True the first time `key` is passed for this function: lets a check that runs on every path
 * through a call site look at the site once. */
bool rc_diag_once(RcDiag *d, const void *key);

/* Number of candidates proposed so far (for tests). */
int rc_diag_count(const RcDiag *d);

#endif
