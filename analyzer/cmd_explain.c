/* cmd_explain.c — `pyrefcheck explain RULE-ID`: prints the rule's documentation page.
 *
 * The pages (docs/rules/<id>.md) are embedded in the binary at build time (rules/), so this works
 * from any directory. `explain` with --list prints every rule id with its severity and summary. */
#include "cli.h"
#include "rules.h"

#include <stdio.h>
#include <string.h>

static void print_list(void) {
  for (size_t i = 0; i < rc_rules_count(); i++) {
    const RcRuleInfo *r = rc_rules_at(i);
    printf("%-26s %-8s %s\n", r->id, rc_severity_name(r->severity), r->summary);
  }
}

int rc_cmd_explain(int argc, char **argv) {
  if (argc > 1 && rc_cli_is_help(argv[1])) {
    fputs("usage: pyrefcheck explain RULE-ID | pyrefcheck explain --list\n"
          "\n"
          "Prints the documentation page of a rule id (for example: ref-leak): what it means,\n"
          "why it matters, a wrong and a right example, and how to suppress it.\n"
          "--list prints every rule id with its severity and summary.\n",
          stdout);
    return RC_EXIT_CLEAN;
  }
  if (argc != 2) {
    rc_cli_error(argv[0], "expected one rule id (see 'pyrefcheck explain --help')");
    return RC_EXIT_USAGE;
  }
  if (strcmp(argv[1], "--list") == 0) {
    print_list();
    return RC_EXIT_CLEAN;
  }
  const RcRuleInfo *rule = rc_rules_find(argv[1]);
  if (rule == NULL) {
    rc_cli_error(argv[0], "unknown rule id '%s' (see 'pyrefcheck explain --list')", argv[1]);
    return RC_EXIT_USAGE;
  }
  if (rule->page == NULL) {
    rc_cli_error(argv[0], "no documentation page was built for '%s'", rule->id);
    return RC_EXIT_INTERNAL;
  }
  fputs(rule->page, stdout);
  return RC_EXIT_CLEAN;
}
