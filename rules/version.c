/* version.c — the version of the rules data, taken from rules/VERSION by the build. */
#include "rules.h"

#ifndef RC_RULES_DATA_VERSION
#error "RC_RULES_DATA_VERSION must be defined by the build"
#endif

const char *rc_rules_data_version(void) { return RC_RULES_DATA_VERSION; }
