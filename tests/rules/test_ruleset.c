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
  const RcApi *pend = rc_ruleset_lookup(set, "Py_AddPendingCall");
  REQUIRE(pend != NULL);
  CHECK_EQ_STR(pend->args[0].type, "int (*)(void *)");
  const RcApi *vc = rc_ruleset_lookup(set, "PyObject_Vectorcall");
  REQUIRE(vc != NULL);
  CHECK_EQ_STR(vc->args[1].type, "PyObject * const *");
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

TEST(rollback_undoes_what_was_added_and_replaced_since_the_mark) {
  RcRuleSet *set = NULL;
  char *error = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  const RcApi *incref = rc_ruleset_lookup(set, "Py_INCREF");
  REQUIRE(incref != NULL);
  size_t count = rc_ruleset_count(set);
  size_t mark = rc_ruleset_mark(set);
  const char *text = "function my_new\n  returns new PyObject *\n  fails null set\n"
                     "\n"
                     "function my_other\n  returns borrowed PyObject *\n"
                     "\n"
                     "macro Py_INCREF\n  returns value\n  arg op incref? PyObject *\n";
  REQUIRE(rc_ruleset_load_text(set, "file.api", text, &error) == 0);
  CHECK(rc_ruleset_lookup(set, "my_new") != NULL);
  CHECK(rc_ruleset_lookup(set, "Py_INCREF") != incref);
  CHECK_EQ_INT(rc_ruleset_count(set), count + 2);
  size_t inner = rc_ruleset_mark(set); /* nested: the second file's */
  REQUIRE(rc_ruleset_load_text(set, "again.api", "function my_new\n  returns borrowed PyObject *\n",
                               &error) == 0);
  CHECK_EQ_INT(rc_ruleset_lookup(set, "my_new")->ret, RC_REF_BORROWED);
  rc_ruleset_rollback(set, inner);
  CHECK_EQ_INT(rc_ruleset_lookup(set, "my_new")->ret, RC_REF_NEW);
  rc_ruleset_rollback(set, mark);
  CHECK(rc_ruleset_lookup(set, "my_new") == NULL);
  CHECK(rc_ruleset_lookup(set, "my_other") == NULL);
  CHECK(rc_ruleset_lookup(set, "Py_INCREF") == incref);
  CHECK_EQ_INT(rc_ruleset_count(set), count);
  for (size_t i = 0; i < rc_builtin_api_count(); i++) /* every built-in found again */
    CHECK(rc_ruleset_lookup(set, rc_builtin_api_at(i)->name) == rc_builtin_api_at(i));
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
  expect_rejected("function f\n  returns value int\n  succeeds zero\n",
                  "bad.api:3: 'succeeds' needs 'fails -1'");
  expect_rejected("function f\n  returns value int\n  fails -1\n  succeeds many\n",
                  "bad.api:4: unknown success kind");
  expect_rejected("function f\n  returns new PyObject *\n  result-is y\n  arg x borrow PyObject *\n",
                  "bad.api:3: result-is names no argument 'y'");
  expect_rejected("function f\n  returns value int\n  result-is x\n  arg x borrow PyObject *\n",
                  "bad.api:3: result-is on a result that is not a reference");
  expect_rejected("function f\n  returns value int\n  flags from-annotations\n",
                  "bad.api:3: 'from-annotations' is given by the analyzer");
  expect_rejected("function f\n  returns value int\n  colour blue\n", "bad.api:3: unknown keyword 'colour'");
  expect_rejected("function f\n  returns value int\n  since 3.9\n  since 3.10\n",
                  "bad.api:4: keyword given twice in one record: 'since'");
  expect_rejected("function f\n  returns value int\n  arg a steal int\n  arg b replace PyObject *\n"
                  "  arg c replace PyObject *\n",
                  "bad.api:1: a 'replace' argument needs exactly one 'steal'");
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

TEST(object_argument_is_found_by_type_in_debug_spellings) {
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  const RcApi *decref = rc_ruleset_lookup(set, "Py_DECREF");
  REQUIRE(decref != NULL);
  const char *release[] = {"PyObject *"};
  const char *debug[] = {"const char *", "int", "PyObject *"};
  CHECK_EQ_INT(rc_api_call_object_arg(decref, 1, release), 0);
  CHECK_EQ_INT(rc_api_call_object_arg(decref, 3, debug), 2);
  rc_ruleset_free(set);
}

/* Facts about well-known APIs that the analyzer depends on: a regression here is a wrong data edit. */
TEST(data_keeps_the_facts_that_matter) {
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  const RcApi *a;
  REQUIRE((a = rc_ruleset_lookup(set, "PyList_SetItem")) != NULL);
  CHECK_EQ_INT(a->args[2].effect, RC_ARG_STEAL);
  REQUIRE((a = rc_ruleset_lookup(set, "PyModule_AddObject")) != NULL);
  CHECK_EQ_INT(a->args[2].effect, RC_ARG_STEAL_ON_SUCCESS);
  CHECK_EQ_STR(a->replacement, "PyModule_AddObjectRef");
  CHECK_EQ_INT(a->replacement_since, RC_PY_VERSION(3, 10));
  REQUIRE((a = rc_ruleset_lookup(set, "PyDict_GetItem")) != NULL);
  CHECK_EQ_INT(a->fail, RC_FAIL_NULL_ABSENT);
  CHECK_EQ_INT(a->exc, RC_EXC_NOT_SET);
  CHECK_EQ_INT(a->ret, RC_REF_BORROWED);
  CHECK_EQ_INT(a->borrowed_from, 0);
  REQUIRE((a = rc_ruleset_lookup(set, "PyDict_GetItemRef")) != NULL);
  CHECK_EQ_INT(a->args[2].effect, RC_ARG_OUT_NEW);
  CHECK_EQ_INT(a->since, RC_PY_VERSION(3, 13));
  REQUIRE((a = rc_ruleset_lookup(set, "PyErr_Fetch")) != NULL);
  CHECK_EQ_INT(a->args[0].effect, RC_ARG_OUT_NEW);
  REQUIRE((a = rc_ruleset_lookup(set, "PyLong_AsLong")) != NULL);
  CHECK_EQ_INT(a->fail, RC_FAIL_MINUS_ONE_CHECK);
  REQUIRE((a = rc_ruleset_lookup(set, "PyMem_Malloc")) != NULL);
  CHECK_EQ_INT(a->exc, RC_EXC_NOT_SET);
  REQUIRE((a = rc_ruleset_lookup(set, "Py_FatalError")) != NULL);
  CHECK(a->flags & RC_API_NORETURN);
  REQUIRE((a = rc_ruleset_lookup(set, "PyArg_ParseTuple")) != NULL);
  CHECK_EQ_INT(a->format, RC_FORMAT_PARSE);
  CHECK_EQ_INT(a->format_arg, 1);
  CHECK_EQ_INT(a->varargs_arg, 2);
  REQUIRE((a = rc_ruleset_lookup(set, "Py_BuildValue")) != NULL);
  CHECK_EQ_INT(a->format, RC_FORMAT_BUILD);
  CHECK_EQ_INT(a->varargs_arg, 1);
  REQUIRE((a = rc_ruleset_lookup(set, "Py_SETREF")) != NULL);
  CHECK_EQ_INT(a->args[0].effect, RC_ARG_REPLACE);
  CHECK_EQ_INT(a->args[1].effect, RC_ARG_STEAL);
  REQUIRE((a = rc_ruleset_lookup(set, "Py_RETURN_NONE")) != NULL);
  CHECK(a->flags & RC_API_RETURNS_FROM_CALLER);
  CHECK_EQ_INT(a->ret, RC_REF_NEW);
  rc_ruleset_free(set);
}

/* The facts the analyzer once guessed from the shape of a record, now stated by the data. */
TEST(data_states_what_the_analyzer_used_to_guess) {
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  const RcApi *a;
  REQUIRE((a = rc_ruleset_lookup(set, "PyErr_Occurred")) != NULL);
  CHECK(a->flags & RC_API_REPORTS_EXCEPTION);
  REQUIRE((a = rc_ruleset_lookup(set, "PyObject_GC_UnTrack")) != NULL);
  CHECK(a->flags & RC_API_UNTRACKS);
  REQUIRE((a = rc_ruleset_lookup(set, "PyObject_GC_Track")) != NULL);
  CHECK(!(a->flags & RC_API_UNTRACKS));
  static const char *const same[] = {"Py_NewRef", "Py_XNewRef", "_Py_NewRef", "_Py_XNewRef"};
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    REQUIRE((a = rc_ruleset_lookup(set, same[i])) != NULL);
    CHECK(a->flags & RC_API_RESULT_IS_ARG);
    CHECK_EQ_INT(a->result_arg, 0);
  }
  static const char *const bad_arg_only[] = {"PyTuple_GetItem", "PyList_GetItem", "PyList_SetItem",
                                             "PyTuple_SetItem", "PyTuple_Size", "PyList_Size",
                                             "PyDict_Size"};
  for (size_t i = 0; i < sizeof bad_arg_only / sizeof bad_arg_only[0]; i++) {
    REQUIRE((a = rc_ruleset_lookup(set, bad_arg_only[i])) != NULL);
    CHECK(a->flags & RC_API_FAILS_ON_BAD_ARG);
  }
  /* these allocate: they fail for lack of memory too */
  REQUIRE((a = rc_ruleset_lookup(set, "PyModule_Add")) != NULL);
  CHECK(!(a->flags & RC_API_FAILS_ON_BAD_ARG));
  REQUIRE((a = rc_ruleset_lookup(set, "PyImport_AddModule")) != NULL);
  CHECK(!(a->flags & RC_API_FAILS_ON_BAD_ARG));
  REQUIRE((a = rc_ruleset_lookup(set, "PyModule_AddObject")) != NULL);
  CHECK_EQ_INT(a->success, RC_SUCCESS_ZERO);
  REQUIRE((a = rc_ruleset_lookup(set, "PyList_Append")) != NULL);
  CHECK_EQ_INT(a->success, RC_SUCCESS_ZERO);
  REQUIRE((a = rc_ruleset_lookup(set, "PyObject_IsTrue")) != NULL);
  CHECK_EQ_INT(a->success, RC_SUCCESS_BOOL);
  REQUIRE((a = rc_ruleset_lookup(set, "PyObject_Size")) != NULL);
  CHECK_EQ_INT(a->success, RC_SUCCESS_COUNT);
  REQUIRE((a = rc_ruleset_lookup(set, "PyDict_SetItem")) != NULL);
  CHECK(a->flags & RC_API_MODIFIES);
  REQUIRE((a = rc_ruleset_lookup(set, "PyDict_GetItem")) != NULL);
  CHECK(!(a->flags & RC_API_MODIFIES));
  /* corrections of data errors */
  REQUIRE((a = rc_ruleset_lookup(set, "PyModuleDef_Init")) != NULL);
  CHECK_EQ_INT(a->ret, RC_REF_NONE);
  REQUIRE((a = rc_ruleset_lookup(set, "PyCallable_Check")) != NULL);
  CHECK(a->args[0].nullable);
  CHECK(a->flags & RC_API_FALSE_FOR_NULL);
  REQUIRE((a = rc_ruleset_lookup(set, "PyObject_Hash")) != NULL);
  CHECK_EQ_INT(a->fail, RC_FAIL_MINUS_ONE);
  CHECK_EQ_INT(a->exc, RC_EXC_SET);
  REQUIRE((a = rc_ruleset_lookup(set, "PyIter_Next")) != NULL);
  CHECK_EQ_INT(a->fail, RC_FAIL_NULL_ABSENT);
  CHECK_EQ_INT(a->exc, RC_EXC_MAYBE);
  rc_ruleset_free(set);
}

/* Consistency of the whole data set: what one record says about another must hold. */
TEST(data_is_consistent) {
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  for (size_t i = 0; i < rc_builtin_api_count(); i++) {
    const RcApi *a = rc_builtin_api_at(i);
    if (a->replacement != NULL) {
      const RcApi *r = rc_ruleset_lookup(set, a->replacement);
      if (r == NULL) TEST_FAIL_AT("%s: replacement %s has no record", a->name, a->replacement);
      else if (r->since != a->replacement_since)
        TEST_FAIL_AT("%s: prefer %s %x, but %s:%d says since %x", a->name, r->name,
                     a->replacement_since, r->file, r->line, r->since);
    }
    if ((a->flags & RC_API_VARIADIC) && a->format != RC_FORMAT_NONE && a->varargs_arg != a->nargs)
      TEST_FAIL_AT("%s: variadic format call without its varargs index", a->name);
    if (a->format == RC_FORMAT_NONE && a->nargs > 0 && strstr(a->name, "Format") == NULL) {
      for (int k = 0; k < a->nargs; k++)
        if (strcmp(a->args[k].name, "format") == 0 && strstr(a->name, "BuildValue") != NULL)
          TEST_FAIL_AT("%s: takes a format but has no 'format' line", a->name);
    }
    if (a->until != 0 && a->until < a->since) TEST_FAIL_AT("%s: until before since", a->name);
    if (a->success != RC_SUCCESS_UNKNOWN && a->fail != RC_FAIL_MINUS_ONE && a->fail != RC_FAIL_NEGATIVE)
      TEST_FAIL_AT("%s: a success kind without a -1 failure", a->name);
    if ((a->flags & RC_API_FAILS_ON_BAD_ARG) && (a->fail == RC_FAIL_NEVER || a->ret == RC_REF_NEW))
      TEST_FAIL_AT("%s: fails-on-bad-arg on a call that cannot fail or allocates its result", a->name);
    if ((a->flags & RC_API_RESULT_IS_ARG) && (a->result_arg < 0 || a->result_arg >= a->nargs))
      TEST_FAIL_AT("%s: result-is out of range", a->name);
    if (a->flags & RC_API_FROM_ANNOTATIONS) TEST_FAIL_AT("%s: data marked from-annotations", a->name);
    if ((a->flags & RC_API_REPORTS_EXCEPTION) && a->ret == RC_REF_NEW)
      TEST_FAIL_AT("%s: reports-exception on a new reference", a->name);
    if ((a->flags & RC_API_FALSE_FOR_NULL) && (a->nargs < 1 || !a->args[0].nullable || a->ret != RC_REF_NONE))
      TEST_FAIL_AT("%s: false-for-null without a nullable argument or an int result", a->name);
    if ((a->flags & RC_API_UNTRACKS) && a->nargs < 1) TEST_FAIL_AT("%s: untracks nothing", a->name);
  }
  rc_ruleset_free(set);
}

/* Every prefix of a valid file either loads or is refused with ORIGIN:LINE (never a crash; the
 * ASan build runs this too). */
TEST(parser_survives_every_truncation) {
  static const char text[] = "# user rules\n"
                             "function my_get\n"
                             "  returns borrowed PyObject *\n"
                             "  borrowed-from container\n"
                             "  fails null-absent maybe\n"
                             "  arg container borrow PyObject *\n"
                             "  arg key value const char *\n"
                             "  flags runs-python\n"
                             "  since 3.9\n"
                             "  prefer PyDict_GetItemRef 3.13\n"
                             "  note text with   spaces\n"
                             "macro MY_SET\n"
                             "  returns value\n"
                             "  arg dst replace? PyObject *\n"
                             "  arg src steal PyObject *\n";
  char buf[sizeof text];
  int loaded = 0, refused = 0;
  for (size_t n = 0; n < sizeof text; n++) {
    memcpy(buf, text, n);
    buf[n] = '\0';
    RcRuleSet *set = NULL;
    char *error = NULL;
    REQUIRE(rc_ruleset_new(&set) == 0);
    if (rc_ruleset_load_text(set, "cut.api", buf, &error) == 0) {
      loaded++;
    } else {
      refused++;
      CHECK(error != NULL && strncmp(error, "cut.api:", 8) == 0);
    }
    free(error);
    rc_ruleset_free(set);
  }
  CHECK(loaded > 0);
  CHECK(refused > 0);
  RcRuleSet *set = NULL;
  char *error = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  REQUIRE(rc_ruleset_load_text(set, "full.api", text, &error) == 0);
  const RcApi *a = rc_ruleset_lookup(set, "my_get");
  REQUIRE(a != NULL);
  CHECK_EQ_STR(a->note, "text with   spaces");
  CHECK_EQ_INT(a->borrowed_from, 0);
  CHECK_EQ_INT(a->since, RC_PY_VERSION(3, 9));
  const RcApi *m = rc_ruleset_lookup(set, "MY_SET");
  REQUIRE(m != NULL);
  CHECK_EQ_INT(rc_api_object_arg(m), 0);
  CHECK(m->args[0].nullable);
  rc_ruleset_free(set);
}

int main(void) {
  RUN(parser_survives_every_truncation);
  RUN(object_argument_is_found_by_type_in_debug_spellings);
  RUN(data_keeps_the_facts_that_matter);
  RUN(data_is_consistent);
  RUN(data_states_what_the_analyzer_used_to_guess);
  RUN(builtin_records_are_found_by_name);
  RUN(every_builtin_record_is_reachable_and_sorted);
  RUN(rules_text_adds_and_replaces);
  RUN(rollback_undoes_what_was_added_and_replaced_since_the_mark);
  RUN(malformed_records_are_rejected_with_file_and_line);
  RUN(missing_rules_file_names_the_file);
  return TEST_SUMMARY();
}
