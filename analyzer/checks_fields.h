/* checks_fields.h — references kept in struct members: members of the file's own C structs (an
 * encoder's context) that nothing ever releases, and object members released before they are
 * replaced; see checks_fields.c. */
#ifndef RC_CHECKS_FIELDS_H
#define RC_CHECKS_FIELDS_H

#include "cfg.h"
#include "members.h"
#include "report.h"
#include "summary.h"
#include "tables.h"

/* Reports, as ref-leak at the first store, each member of a struct declared in the file (not an
 * object type's) that some function stores a new reference in while no function of the file
 * releases it, gives it to a call that steals it, or lets a function outside the rules see it.
 * `cfgs` may hold NULL entries (functions not lowered). */
void rc_check_unreleased_fields(const RcTables *tables, RcCfg *const *cfgs, int ncfgs,
                                RcSummaries *s, const RcMembers *members, RcReport *report);

/* Reports, as ref-use-after-release at the release, `Py_DECREF(self->x); self->x = v;` on a
 * member of one of the file's object types (outside tp_dealloc and its helpers): while the old
 * value is destroyed, code its destructor runs can reach it through the object. */
void rc_check_release_before_replace(const RcTables *tables, RcCfg *const *cfgs, int ncfgs,
                                     RcSummaries *s, const RcMembers *members, RcReport *report);

#endif
