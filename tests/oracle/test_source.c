/* test_source.c — the oracle's reading of a snippet (oracle_source.c) and its argument sets from
 * PyArg formats (oracle_args.c), on text written to trip them: comments and strings holding code,
 * `#if 0` blocks, prototypes without bodies, K&R-free declarations, Py_UNUSED parameters. */
#include "oracle.h"
#include "test.h"

#include <stdlib.h>

static const char snippet[] =
    "#include <Python.h>\n"
    "/* static PyObject *in_comment(PyObject *self, PyObject *args) { } */\n"
    "static const char *text = \"static PyObject *in_string(void) { }\";\n"
    "static PyObject *declared_only(PyObject *self, PyObject *args);\n"
    "#if 0\n"
    "static PyObject *disabled(PyObject *self, PyObject *args) { return NULL; }\n"
    "#endif\n"
    "static PyObject *\n"
    "parse(PyObject *self, PyObject *args)\n"            /* line 9 */
    "{\n"
    "    int n; const char *s;\n"
    "    if (!PyArg_ParseTuple(args, \"i\" \"s:parse\", &n, &s))\n"
    "        return NULL;\n"
    "    Py_RETURN_NONE;\n"
    "}\n"
    "/* oracle: call parse(3, 'x') */\n"
    "// oracle: call noargs()\n"
    "static PyObject *\n"
    "noargs(PyObject *module, PyObject *Py_UNUSED(ignored))\n"   /* line 19 */
    "{\n"
    "    if (1) { struct { int a; } x = {1}; (void)x; }\n"
    "    Py_RETURN_NONE;\n"
    "}\n"
    "static PyObject *fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) { return NULL; }\n"
    "static PyMethodDef methods[] = {\n"
    "    {\"parse\", parse, METH_VARARGS, NULL},\n"
    "    {NULL, NULL, 0, NULL},\n"
    "};\n"
    "static PyTypeObject Thing_Type = { PyVarObject_HEAD_INIT(NULL, 0) .tp_name = \"t.Thing\" };\n"
    "static struct PyModuleDef moddef = { PyModuleDef_HEAD_INIT, \"t\", NULL, -1, methods };\n"
    "PyMODINIT_FUNC PyInit_t(void) { return PyModule_Create(&moddef); }\n";

TEST(functions_are_found_and_decoys_are_not) {
  RcOracleSource src;
  REQUIRE(rc_oracle_source_scan(snippet, &src) == 0);
  CHECK(rc_oracle_source_func(&src, "in_comment") == NULL);
  CHECK(rc_oracle_source_func(&src, "in_string") == NULL);
  CHECK(rc_oracle_source_func(&src, "declared_only") == NULL);
  CHECK(rc_oracle_source_func(&src, "disabled") == NULL);
  const RcOracleFunc *parse = rc_oracle_source_func(&src, "parse");
  REQUIRE(parse != NULL);
  CHECK_EQ_INT(parse->line, 9);
  CHECK(parse->is_static);
  CHECK_EQ_STR(parse->ret_type, "PyObject *");
  CHECK_EQ_INT(parse->nparams, 2);
  CHECK_EQ_STR(parse->param_name[1], "args");
  REQUIRE(parse->parse_format != NULL);
  CHECK_EQ_STR(parse->parse_format, "is:parse"); /* adjacent literals joined */
  CHECK_EQ_STR(parse->parse_api, "PyArg_ParseTuple");
  const RcOracleFunc *noargs = rc_oracle_source_func(&src, "noargs");
  REQUIRE(noargs != NULL);
  CHECK_EQ_INT(noargs->line, 19);
  CHECK_EQ_STR(noargs->param_name[0], "module");
  CHECK_EQ_STR(noargs->param_name[1], "ignored");
  CHECK_EQ_STR(noargs->param_type[1], "PyObject *");
  const RcOracleFunc *fast = rc_oracle_source_func(&src, "fast");
  REQUIRE(fast != NULL);
  CHECK_EQ_INT(fast->nparams, 3);
  CHECK_EQ_STR(fast->param_type[1], "PyObject *const *");
  CHECK_EQ_STR(fast->param_type[2], "Py_ssize_t");
  const RcOracleFunc *init = rc_oracle_source_func(&src, "PyInit_t");
  REQUIRE(init != NULL);
  CHECK_EQ_STR(init->ret_type, "PyObject *"); /* PyMODINIT_FUNC */
  CHECK_EQ_INT(init->nparams, 0);
  rc_oracle_source_free(&src);
}

TEST(tables_types_and_module_definitions_are_found) {
  RcOracleSource src;
  REQUIRE(rc_oracle_source_scan(snippet, &src) == 0);
  int methods = 0, type = 0, moddef = 0;
  for (size_t i = 0; i < src.nvars; i++) {
    if (strcmp(src.vars[i].name, "methods") == 0) methods = src.vars[i].kind == RC_ORACLE_VAR_METHODS;
    if (strcmp(src.vars[i].name, "Thing_Type") == 0) type = src.vars[i].kind == RC_ORACLE_VAR_TYPE;
    if (strcmp(src.vars[i].name, "moddef") == 0) moddef = src.vars[i].kind == RC_ORACLE_VAR_MODULEDEF;
  }
  CHECK(methods);
  CHECK(type);
  CHECK(moddef);
  CHECK_EQ_INT((int)src.nvars, 3); /* `text` is not one of them */
  rc_oracle_source_free(&src);
}

TEST(directives_become_tuple_literals) {
  RcOracleSource src;
  REQUIRE(rc_oracle_source_scan(snippet, &src) == 0);
  REQUIRE(src.ndirectives == 2);
  CHECK_EQ_STR(src.directives[0].func, "parse");
  CHECK_EQ_STR(src.directives[0].literal, "(3, 'x',)");
  CHECK_EQ_INT(src.directives[0].line, 16);
  CHECK_EQ_STR(src.directives[1].func, "noargs");
  CHECK_EQ_STR(src.directives[1].literal, "()");
  rc_oracle_source_free(&src);
}

TEST(formats_give_objects_of_their_units_types) {
  char *sets[3];
  int n = rc_oracle_args_from_format("is|Od:f", sets, 3);
  REQUIRE(n == 3);
  CHECK_EQ_STR(sets[0], "(1, 'abc', None, 1.5)");
  CHECK_EQ_STR(sets[1], "(1, 'abc')");
  CHECK_EQ_STR(sets[2], "()");
  for (int i = 0; i < n; i++) free(sets[i]);
  n = rc_oracle_args_from_format("O", sets, 3);
  REQUIRE(n == 2);
  CHECK_EQ_STR(sets[0], "(None,)");
  CHECK_EQ_STR(sets[1], "()");
  for (int i = 0; i < n; i++) free(sets[i]);
  n = rc_oracle_args_from_format("(ii)y#", sets, 3);
  REQUIRE(n >= 1);
  CHECK_EQ_STR(sets[0], "((1, 1), b'x')");
  for (int i = 0; i < n; i++) free(sets[i]);
  CHECK(rc_oracle_args_from_format("i(", sets, 3) < 0); /* malformed */
}

TEST(default_sets_follow_the_convention) {
  RcOracleSource src = {0};
  char f[] = "f", g[] = "g", h[] = "h";
  RcOracleEntry o = {.name = f, .conv = RC_ORACLE_CONV_O};
  REQUIRE(rc_oracle_args_for(&o, &src, NULL) == 0);
  CHECK_EQ_INT((int)o.nargsets, 15);
  CHECK_EQ_STR(o.argsets[0], "(None,)");
  CHECK_EQ_STR(o.args_origin, "default");
  RcOracleEntry noargs = {.name = g, .conv = RC_ORACLE_CONV_NOARGS};
  REQUIRE(rc_oracle_args_for(&noargs, &src, NULL) == 0);
  CHECK_EQ_INT((int)noargs.nargsets, 1);
  CHECK_EQ_STR(noargs.argsets[0], "()");
  RcOracleEntry plain = {.name = h, .conv = RC_ORACLE_CONV_PLAIN, .nparams = 3, .self_module = true};
  REQUIRE(rc_oracle_args_for(&plain, &src, NULL) == 0);
  CHECK_EQ_STR(plain.argsets[1], "(0, 0)");
  RcOracleEntry *all[] = {&o, &noargs, &plain};
  for (size_t k = 0; k < 3; k++) {
    for (size_t i = 0; i < all[k]->nargsets; i++) free(all[k]->argsets[i]);
    free(all[k]->argsets);
    free(all[k]->args_origin);
  }
}

static const char heap_snippet[] =
    "#include <Python.h>\n"
    "/* oracle: call Bag.mp_subscript('k') */\n"
    "/* oracle: call Bag.nb_add(2) oracle: call Bag.nb_add(None) */\n"
    "static PyType_Slot Bag_slots[] = { {Py_tp_repr, Bag_repr}, {0, NULL} };\n"
    "static PyType_Spec Bag_spec = { .name = \"m.Bag\", .slots = Bag_slots };\n";

TEST(specs_and_slot_directives_are_found) {
  RcOracleSource src;
  REQUIRE(rc_oracle_source_scan(heap_snippet, &src) == 0);
  int spec = 0;
  for (size_t i = 0; i < src.nvars; i++)
    if (strcmp(src.vars[i].name, "Bag_spec") == 0 && src.vars[i].kind == RC_ORACLE_VAR_SPEC) spec = 1;
  CHECK(spec); /* the PyType_Slot array is not a variable the oracle exports */
  CHECK_EQ_INT((int)src.nvars, 1);
  REQUIRE(src.ndirectives == 3);
  CHECK_EQ_STR(src.directives[0].func, "Bag.mp_subscript");
  CHECK_EQ_STR(src.directives[0].literal, "('k',)");
  /* a slot entry takes its directives; without one, objects that fit the slot's kind */
  char sub[] = "Bag.mp_subscript", add[] = "Bag.nb_add", item[] = "Bag.sq_item", cmp[] = "Bag.tp_richcompare",
       rep[] = "Bag.tp_repr";
  RcOracleEntry e_sub = {.name = sub, .conv = RC_ORACLE_CONV_SLOT};
  REQUIRE(rc_oracle_args_for_slot(&e_sub, &src, NULL, "binary") == 0);
  CHECK_EQ_INT((int)e_sub.nargsets, 1);
  CHECK_EQ_STR(e_sub.args_origin, "directive");
  RcOracleEntry e_add = {.name = add, .conv = RC_ORACLE_CONV_SLOT};
  REQUIRE(rc_oracle_args_for_slot(&e_add, &src, NULL, "binary") == 0);
  CHECK_EQ_INT((int)e_add.nargsets, 2);
  CHECK_EQ_STR(e_add.argsets[1], "(None,)");
  RcOracleEntry e_item = {.name = item, .conv = RC_ORACLE_CONV_SLOT};
  REQUIRE(rc_oracle_args_for_slot(&e_item, &src, NULL, "ssizearg") == 0);
  CHECK_EQ_INT((int)e_item.nargsets, 3);
  CHECK_EQ_STR(e_item.argsets[2], "(100,)");   /* an index out of range */
  CHECK_EQ_STR(e_item.args_origin, "default");
  RcOracleEntry e_cmp = {.name = cmp, .conv = RC_ORACLE_CONV_SLOT};
  REQUIRE(rc_oracle_args_for_slot(&e_cmp, &src, NULL, "richcmp") == 0);
  CHECK_EQ_STR(e_cmp.argsets[0], "(None, 2)");  /* other, op (Py_EQ) */
  RcOracleEntry e_rep = {.name = rep, .conv = RC_ORACLE_CONV_SLOT};
  REQUIRE(rc_oracle_args_for_slot(&e_rep, &src, NULL, "unary") == 0);
  CHECK_EQ_INT((int)e_rep.nargsets, 1);
  CHECK_EQ_STR(e_rep.argsets[0], "()");
  RcOracleEntry *all[] = {&e_sub, &e_add, &e_item, &e_cmp, &e_rep};
  for (size_t k = 0; k < 5; k++) {
    for (size_t i = 0; i < all[k]->nargsets; i++) free(all[k]->argsets[i]);
    free(all[k]->argsets);
    free(all[k]->args_origin);
  }
  rc_oracle_source_free(&src);
}

int main(void) {
  RUN(functions_are_found_and_decoys_are_not);
  RUN(tables_types_and_module_definitions_are_found);
  RUN(directives_become_tuple_literals);
  RUN(formats_give_objects_of_their_units_types);
  RUN(default_sets_follow_the_convention);
  RUN(specs_and_slot_directives_are_found);
  return TEST_SUMMARY();
}
