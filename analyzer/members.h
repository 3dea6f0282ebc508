/* members.h — what the object types of a file hold: the members that own references, what each
 * tp_dealloc releases, and which members may still be NULL when tp_dealloc runs.
 *
 * A member is named by the struct declaring it and its field name (RcExpr.record and .name), so
 * that two types with a field of the same name are told apart. The facts come from the whole
 * file, read flow-insensitively from the CFGs and the type tables (tables.h):
 *
 *   owns a reference   a function other than the type's tp_dealloc releases it (a decref,
 *                      clear or replace effect of the rules on x->f), or stores a new reference
 *                      in it (x->f = PyList_New(0)), or the type's PyMemberDef table exposes it
 *                      as a writable object member (Python code stores references there);
 *   may be NULL        the type's tp_new is PyType_GenericNew (the object starts zeroed and
 *                      tp_init may fail or never run: T.__new__(T)), or the file's own tp_new
 *                      never sets it, or a function other than tp_dealloc sets it to NULL
 *                      (Py_CLEAR in a tp_clear, which the collector runs before tp_dealloc).
 *
 * The tp_dealloc "family" is the dealloc and the functions of the file it hands self to (a
 * tp_clear helper); what it releases is collected through them.
 *
 * It also lists which globals and members each function releases (RcRelease: a new reference
 * stored there and then stolen is a reference the place no longer has).
 *
 * Ownership: everything lives in the arena passed to rc_members_collect. */
#ifndef RC_MEMBERS_H
#define RC_MEMBERS_H

#include "arena.h"
#include "cfg.h"
#include "summary.h"
#include "tables.h"

#include <stdbool.h>

typedef struct {
  const RcName *record, *field;
  const RcName *owner_fn;   /* a function showing the member owns its reference (or the
                             * PyMemberDef table exposing it as writable), or NULL */
  const char *owner_how;    /* "releases as a reference the object owns", "stores a new
                             * reference in" */
  const char *null_why;     /* why it may be NULL when tp_dealloc runs ("Acc's tp_new is
                             * PyType_GenericNew, ..."), or NULL */
} RcMember;

/* A function of the file (outside the dealloc family) releasing what a member or a global holds:
 * Py_CLEAR(ErrorType) in a module's m_free, Py_CLEAR(state->cache) in its m_clear. */
typedef struct {
  const RcName *name;       /* the member's field name, or the global */
  bool global;
  const RcName *releaser;
} RcRelease;

/* A type whose every member may be NULL when tp_dealloc runs (why), or whose own tp_new sets only
 * some members (new_fn, set). */
typedef struct {
  const RcName *record;
  const char *why;
  const RcName *new_fn;
  const RcName **set;
  int nset;
} RcRecordNulls;

/* The records (struct spellings) the functions of a type reach: through self in its dealloc
 * family, tp_traverse, tp_clear, tp_init and its methods; through the new object in its tp_new. */
typedef struct {
  const RcName *records[8];
  int nrecords;
} RcTypeRecords;

typedef struct {
  RcMember *items;
  int n, cap;
  RcRecordNulls *records;
  int nrecords, record_cap;
  const RcName **dealloc_family; /* the tp_dealloc functions and the helpers they hand self to */
  int nfamily, family_cap;
  const RcName **released;       /* the self fields those release: a reference stored there belongs
                                  * to the object (a borrowed one stored without Py_INCREF is owed) */
  int nreleased, released_cap;
  RcTypeRecords *types;          /* per type of the tables, in their order */
  RcRelease *releases;           /* members and globals functions release: they own a reference */
  int nreleases, releases_cap;
} RcMembers;

/* The variables of `cfg` that hold its first parameter: the parameter itself, and locals
 * assigned only it or another of them (BagObject *self = (BagObject *)op; casts are not in the
 * IR). `alias` has cfg->nvars entries. */
void rc_members_self_aliases(const RcCfg *cfg, bool *alias);

/* What a tp_dealloc releases: the self fields it releases, hands to a function, reads into a
 * variable or overwrites, itself or through the functions of the file it hands self to. */
typedef struct {
  const RcName *fields[64];
  int nfields;
  const RcCfg *seen[8];     /* the dealloc and the helpers walked */
  int nseen;
  bool unknown;             /* self went to a function whose body is not in the file */
} RcDeallocReleases;

void rc_members_dealloc_releases(const RcCfg *dealloc, RcCfg *const *cfgs, int ncfgs,
                                 RcSummaries *s, RcDeallocReleases *out);

/* Collects the members of the file's types (`cfgs` may hold NULL entries: functions not
 * lowered). Never fails (allocation failures abort, as the arena does). */
RcMembers *rc_members_collect(const RcTables *tables, RcCfg *const *cfgs, int ncfgs,
                              RcSummaries *s, RcArena *arena);

/* A function other than `except` releasing the reference held by a member named `name` (of any
 * record) or by the global `name`, or NULL. */
const RcName *rc_members_releaser(const RcMembers *m, const RcName *name, bool global,
                                  const RcName *except);

/* The member an argument or lvalue designates: x->f, or an element of it, x->items[i]; or NULL. */
const RcExpr *rc_members_member_of(const RcExpr *e);

/* The member `field` of `record`, or NULL when nothing is known of it. */
const RcMember *rc_members_find(const RcMembers *m, const RcName *record, const RcName *field);

/* Why `record.field` may be NULL when tp_dealloc runs, or NULL when nothing says so. The text may
 * be written into buf. */
const char *rc_members_null_why(const RcMembers *m, const RcName *record, const RcName *field,
                                char *buf, size_t size);

/* True when `fn` is a tp_dealloc of the file or a helper one hands self to. */
bool rc_members_in_dealloc(const RcMembers *m, const RcName *fn);

#endif
