/* catalogue.c — the rule catalogue: stable ids, severities, summaries and docs pages.
 *
 * The table is generated from rules/catalogue.tbl and docs/rules/<id>.md (rules_data.c). Ids are
 * few (under twenty) and looked up once per finding at most, so a linear scan is enough. */
#include "rules_int.h"

#include <string.h>

const RcRuleInfo *rc_rules_find(const char *id) {
  for (size_t i = 0; i < rc_builtin_rules_count; i++)
    if (strcmp(rc_builtin_rules[i].id, id) == 0) return &rc_builtin_rules[i];
  return NULL;
}

size_t rc_rules_count(void) { return rc_builtin_rules_count; }

const RcRuleInfo *rc_rules_at(size_t index) {
  return index < rc_builtin_rules_count ? &rc_builtin_rules[index] : NULL;
}
