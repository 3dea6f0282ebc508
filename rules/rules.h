/* rules.h — the C-API ownership knowledge base compiled into pyrefcheck.
 *
 * The knowledge lives as reviewable text under rules/ and is turned into C at build time; nothing is
 * read from disk at run time. This header is the interface the analyzer, the oracle and the tests
 * use to reach it. */
#ifndef RC_RULES_H
#define RC_RULES_H

/* Version string of the rules data (rules/VERSION), recorded with every run. */
const char *rc_rules_data_version(void);

#endif
