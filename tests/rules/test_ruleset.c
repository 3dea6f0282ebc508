/* test_ruleset.c — unit tests of the rule set: built-in records, lookups, --rules text. */
#include "rules.h"
#include "test.h"

#include <stdlib.h>

TEST(builtin_records_are_found_by_name) {
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  const RcApi *decref = rc_ruleset_lookup(set, "Py_DECREF");
  REQUIRE(decref != NULL);
  CHECK_EQ_INT(decref->kind, RC_API_MACRO);
  CHECK_EQ_INT(rc_api_object_arg(decref), 0);
  const RcApi *dbg = rc_ruleset_lookup(set, "_Py_DECREF");
  REQUIRE(dbg != NULL);
  CHECK_EQ_INT(rc_api_object_arg(dbg), 2);
  CHECK(rc_ruleset_lookup(set, "Py_NoSuchThing") == NULL);
  const RcApi *get = rc_ruleset_lookup(set, "PyTuple_GET_ITEM");
  REQUIRE(get != NULL);
  CHECK_EQ_INT(get->ret, RC_REF_BORROWED);
  CHECK_EQ_INT(get->borrowed_from, 0);
  rc_ruleset_free(set);
}

TEST(every_builtin_record_is_reachable_and_sorted) {
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  CHECK_EQ_INT(rc_ruleset_count(set), rc_builtin_api_count());
  for (size_t i = 0; i < rc_builtin_api_count(); i++) {
    const RcApi *a = rc_builtin_api_at(i);
    CHECK(rc_ruleset_lookup(set, a->name) == a);
    if (i > 0) CHECK(strcmp(rc_builtin_api_at(i - 1)->name, a->name) < 0);
  }
  rc_ruleset_free(set);
}

TEST(rules_text_adds_and_replaces) {
  RcRuleSet *set = NULL;
  char *error = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  const char *text = "# NumPy\n"
                     "function PyArray_FromAny\n"
                     "  returns new PyObject *\n"
                     "  arg op borrow PyObject *\n"
                     "  arg dtype steal? PyArray_Descr *\n"
                     "  arg min_depth value int\n"
                     "  fails null set\n"
                     "\n"
                     "macro Py_INCREF\n"
                     "  returns value\n"
                     "  arg op incref? PyObject *\n";
  int rc = rc_ruleset_load_text(set, "numpy.api", text, &error);
  CHECK_EQ_INT(rc, 0);
  CHECK(error == NULL);
  const RcApi *a = rc_ruleset_lookup(set, "PyArray_FromAny");
  REQUIRE(a != NULL);
  CHECK_EQ_INT(a->args[1].effect, RC_ARG_STEAL);
  CHECK(a->args[1].nullable);
  CHECK_EQ_STR(a->args[1].type, "PyArray_Descr *");
  CHECK_EQ_STR(a->file, "numpy.api");
  CHECK_EQ_INT(a->line, 2);
  const RcApi *inc = rc_ruleset_lookup(set, "Py_INCREF");
  REQUIRE(inc != NULL);
  CHECK(inc->args[0].nullable);
  free(error);
  rc_ruleset_free(set);
}

/* Loads `text` and expects failure with a message containing `want`. */
static void expect_rejected(const char *text, const char *want) {
  RcRuleSet *set = NULL;
  char *error = NULL;
  if (rc_ruleset_new(&set) != 0) {
    TEST_FAIL_AT("out of memory");
    return;
  }
  size_t before = rc_ruleset_count(set);
  CHECK_EQ_INT(rc_ruleset_load_text(set, "bad.api", text, &error), -1);
  CHECK_CONTAINS(error, want);
  CHECK_EQ_INT(rc_ruleset_count(set), before);
  free(error);
  rc_ruleset_free(set);
}

TEST(malformed_records_are_rejected_with_file_and_line) {
  expect_rejected("function f\n  returns new PyObject *\n  arg x borow PyObject *\n",
                  "bad.api:3: unknown argument effect 'borow'");
  expect_rejected("function f\n  arg x borrow PyObject *\n", "bad.api:1: record has no 'returns'");
  expect_rejected("  returns new PyObject *\n", "bad.api:1: field outside a record");
  expect_rejected("function f\n  returns borrowed PyObject *\n  borrowed-from y\n"
                  "  arg x borrow PyObject *\n",
                  "bad.api:3: borrowed-from names no argument 'y'");
  expect_rejected("function f\n  returns new int\n", "bad.api:1: a reference result must have");
  expect_rejected("function f\n  returns value int\n  since 3.7\n", "bad.api:3: not a Python version");
  expect_rejected("function f\n  returns value int\n\nfunction f\n  returns value int\n",
                  "bad.api:4: 'f' is already described at line 1");
  expect_rejected("function f\n  returns value int\n  fails null-absent set\n",
                  "bad.api:1: 'null-absent' needs");
  expect_rejected("function f\n  returns value int\n  colour blue\n", "bad.api:3: unknown keyword 'colour'");
}

TEST(missing_rules_file_names_the_file) {
  RcRuleSet *set = NULL;
  char *error = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  CHECK_EQ_INT(rc_ruleset_load_file(set, "/nonexistent/x.api", &error), -1);
  CHECK_EQ_STR(error, "/nonexistent/x.api: no such file or directory");
  free(error);
  rc_ruleset_free(set);
}

int main(void) {
  RUN(builtin_records_are_found_by_name);
  RUN(every_builtin_record_is_reachable_and_sorted);
  RUN(rules_text_adds_and_replaces);
  RUN(malformed_records_are_rejected_with_file_and_line);
  RUN(missing_rules_file_names_the_file);
  return TEST_SUMMARY();
}
