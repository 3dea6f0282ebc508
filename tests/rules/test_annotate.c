/* test_annotate.c — annotate strings turned into API records. */
#include "rules.h"
#include "test.h"

#include <stdlib.h>

/* Read the annotation strings back from the shipped header, to check they are the ones rules.h
 * documents and rc_annotation_parse understands. */
#define PYREFCHECK_ANNOTATE_(text) text
#include "pyrefcheck/annotations.h"

TEST(shipped_header_spells_what_rules_h_documents) {
  int arg = 99;
  CHECK_EQ_STR(PYREFCHECK_RETURNS_NEW, RC_ANNOTATE_RETURNS_NEW);
  CHECK_EQ_STR(PYREFCHECK_RETURNS_BORROWED, RC_ANNOTATE_RETURNS_BORROWED);
  CHECK_EQ_STR(PYREFCHECK_STOLEN, RC_ANNOTATE_STEALS);
  CHECK_EQ_STR(PYREFCHECK_SETS_EXCEPTION, RC_ANNOTATE_SETS_EXCEPTION);
  CHECK_EQ_STR(PYREFCHECK_SETS_EXCEPTION_ON_NEGATIVE, RC_ANNOTATE_SETS_EXCEPTION_ON_NEGATIVE);
  CHECK_EQ_STR(PYREFCHECK_STEALS(3), "pyrefcheck_steals=3");
  CHECK_EQ_INT(rc_annotation_parse(PYREFCHECK_STEALS(3), &arg), RC_ANN_STEALS);
  CHECK_EQ_INT(arg, 2);
  CHECK_EQ_INT(rc_annotation_parse(PYREFCHECK_SETS_EXCEPTION, &arg), RC_ANN_SETS_EXCEPTION);
}

TEST(annotate_strings_are_classified) {
  int arg = 99;
  CHECK_EQ_INT(rc_annotation_parse("pyrefcheck_returns_new", &arg), RC_ANN_RETURNS_NEW);
  CHECK_EQ_INT(arg, -1);
  CHECK_EQ_INT(rc_annotation_parse("rc_ownership_returns_retained", &arg), RC_ANN_RETURNS_NEW);
  CHECK_EQ_INT(rc_annotation_parse("rc_ownership_returns_not_retained", &arg), RC_ANN_RETURNS_BORROWED);
  CHECK_EQ_INT(rc_annotation_parse("rc_ownership_consumed", &arg), RC_ANN_STEALS);
  CHECK_EQ_INT(arg, -1);
  CHECK_EQ_INT(rc_annotation_parse("pyrefcheck_steals=2", &arg), RC_ANN_STEALS);
  CHECK_EQ_INT(arg, 1);
  CHECK_EQ_INT(rc_annotation_parse("pyrefcheck_steals=0", &arg), RC_ANN_UNKNOWN);
  CHECK_EQ_INT(rc_annotation_parse("pyrefcheck_steals=x", &arg), RC_ANN_UNKNOWN);
  CHECK_EQ_INT(rc_annotation_parse("pyrefcheck_sets_exception_on_negative", &arg),
               RC_ANN_SETS_EXCEPTION_ON_NEGATIVE);
  CHECK_EQ_INT(rc_annotation_parse("something_else", &arg), RC_ANN_UNKNOWN);
}

TEST(annotated_declaration_becomes_a_record) {
  RcRuleSet *set = NULL;
  char *error = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  const char *names[] = {"bag", "item"};
  const char *types[] = {"PyObject *", "PyObject *"};
  const char *anns[] = {"pyrefcheck_sets_exception_on_negative", "rc_ownership_consumed", "unrelated"};
  const int where[] = {-1, 1, -1};
  RcAnnotatedDecl d = {.name = "bag_add", .ret_type = "int", .nargs = 2, .arg_names = names,
                       .arg_types = types, .nannotations = 3, .annotations = anns,
                       .annotation_param = where, .file = "bag.h", .line = 7};
  CHECK_EQ_INT(rc_ruleset_add_annotated(set, &d, &error), 1);
  const RcApi *a = rc_ruleset_lookup(set, "bag_add");
  REQUIRE(a != NULL);
  CHECK(a->flags & RC_API_FROM_ANNOTATIONS);
  CHECK_EQ_INT(a->fail, RC_FAIL_NEGATIVE);
  CHECK_EQ_INT(a->args[0].effect, RC_ARG_BORROW);
  CHECK_EQ_INT(a->args[1].effect, RC_ARG_STEAL);
  CHECK_EQ_STR(a->file, "bag.h");

  const char *anns2[] = {"pyrefcheck_returns_new", "pyrefcheck_steals=3"};
  RcAnnotatedDecl bad = {.name = "make", .ret_type = "PyObject *", .nargs = 2, .arg_names = names,
                         .arg_types = types, .nannotations = 2, .annotations = anns2,
                         .file = "m.h", .line = 3};
  CHECK_EQ_INT(rc_ruleset_add_annotated(set, &bad, &error), -1);
  CHECK_CONTAINS(error, "m.h:3: make: 'pyrefcheck_steals=3' names no parameter");
  free(error);
  error = NULL;
  bad.nannotations = 1;
  CHECK_EQ_INT(rc_ruleset_add_annotated(set, &bad, &error), 1);
  const RcApi *m = rc_ruleset_lookup(set, "make");
  REQUIRE(m != NULL);
  CHECK_EQ_INT(m->ret, RC_REF_NEW);
  CHECK_EQ_INT(m->fail, RC_FAIL_NULL);

  const char *anns3[] = {"unrelated"};
  RcAnnotatedDecl none = {.name = "plain", .ret_type = "int", .nargs = 0, .nannotations = 1,
                          .annotations = anns3, .file = "p.h", .line = 1};
  CHECK_EQ_INT(rc_ruleset_add_annotated(set, &none, &error), 0);
  CHECK(rc_ruleset_lookup(set, "plain") == NULL);
  free(error);
  rc_ruleset_free(set);
}

int main(void) {
  RUN(shipped_header_spells_what_rules_h_documents);
  RUN(annotate_strings_are_classified);
  RUN(annotated_declaration_becomes_a_record);
  return TEST_SUMMARY();
}
