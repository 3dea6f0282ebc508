/* checks_type.h — the table checks (methoddef-mismatch, type-dealloc, type-traverse); see
 * checks_type.c. */
#ifndef RC_CHECKS_TYPE_H
#define RC_CHECKS_TYPE_H

#include "cfg.h"
#include "members.h"
#include "report.h"
#include "summary.h"
#include "tables.h"

/* Checks the tables of one file against the CFGs of its functions (NULL entries allowed: skipped
 * functions) and adds the findings to `report`. */
void rc_check_tables(const RcTables *tables, RcCfg *const *cfgs, int ncfgs, RcSummaries *s,
                     const RcMembers *members, RcReport *report, const char *file);

#endif
