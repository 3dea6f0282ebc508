/* test_faults.c — every allocation of the rules module fails in turn.
 *
 * Linked with rc_rules_faulty (built with RC_RULES_FAULT_INJECTION). For n = 1, 2, ... the nth
 * allocation of a scenario fails: creating a rule set, loading a --rules text, adding an annotated
 * declaration, walking a format. Each step must either succeed or fail cleanly (-1, and a message
 * that says "out of memory" when one could be made); nothing may crash, and the ASan build's leak
 * checker sees every path. The loop ends at the first n where no allocation failed. */
#include "rules.h"
#include "rules_int.h"
#include "test.h"

#include <stdlib.h>

static const char text[] = "function my_get\n"
                           "  returns borrowed PyObject *\n"
                           "  borrowed-from container\n"
                           "  fails null-absent maybe\n"
                           "  arg container borrow PyObject *\n"
                           "  arg key value const char *\n"
                           "  note found in the registry\n"
                           "\n"
                           "macro MY_SET\n"
                           "  returns value\n"
                           "  arg dst replace? PyObject *\n"
                           "  arg src steal PyObject *\n";

/* One pass of the scenario; returns true when every step succeeded. */
static bool scenario(void) {
  RcRuleSet *set = NULL;
  char *error = NULL;
  bool all_ok = false;
  if (rc_ruleset_new(&set) != 0) {
    CHECK(set == NULL);
    return false;
  }
  if (rc_ruleset_load_text(set, "user.api", text, &error) != 0) {
    if (error != NULL) CHECK_CONTAINS(error, "out of memory");
    CHECK(rc_ruleset_lookup(set, "my_get") == NULL); /* all or nothing */
    goto out;
  }
  const RcApi *a = rc_ruleset_lookup(set, "my_get");
  CHECK(a != NULL && a->borrowed_from == 0 && strcmp(a->args[1].type, "const char *") == 0);
  const char *names[] = {"bag", "item"};
  const char *types[] = {"PyObject *", "PyObject *"};
  const char *anns[] = {"pyrefcheck_steals=2"};
  RcAnnotatedDecl d = {.name = "bag_add", .ret_type = "int", .nargs = 2, .arg_names = names,
                       .arg_types = types, .nannotations = 1, .annotations = anns,
                       .file = "bag.h", .line = 1};
  if (rc_ruleset_add_annotated(set, &d, &error) != 1) {
    if (error != NULL) CHECK_CONTAINS(error, "out of memory");
    goto out;
  }
  const RcApi *b = rc_ruleset_lookup(set, "bag_add");
  CHECK(b != NULL && b->args[1].effect == RC_ARG_STEAL);
  all_ok = true;
out:
  free(error);
  rc_ruleset_free(set);
  return all_ok;
}

TEST(each_allocation_failure_is_survived) {
  long n;
  int failed_runs = 0;
  for (n = 1; n < 100000; n++) {
    rc_rules_fault_after(n);
    bool ok = scenario();
    long faults = rc_rules_faults();
    rc_rules_fault_after(0);
    if (faults == 0) {
      CHECK(ok); /* nothing failed, so everything must have worked */
      break;
    }
    if (!ok) failed_runs++;
  }
  printf("  %ld allocation points, %d of them made the scenario fail cleanly\n", n - 1,
         failed_runs);
  CHECK(n > 5);
  CHECK(failed_runs > 0);
}

int main(void) {
  RUN(each_allocation_failure_is_survived);
  return TEST_SUMMARY();
}
