/* test_capi_extensions.c — runs the two testdata extension modules (testdata/runtime/gctype.c and
 * funclib.c, compiled unchanged against the runtime's headers) through one scenario of calls.
 *
 *   test_capi_extensions print    prints one line per call: "name: repr(result)" or
 *                                 "name: !ExceptionName: message"; capi_extension_compare.py
 *                                 prints the same calls made on CPython and compares the two;
 *   test_capi_extensions misuse   prints the lines capi_misuse.run() returns (misuse of the C-API
 *                                 that CPython survives, and what it raises), for the same
 *                                 comparison with CPython;
 *   test_capi_extensions faults   runs the whole scenario (module loading included) once per
 *                                 allocation, with that allocation failing, each run in a check
 *                                 window that must end without a defect: every failure path of
 *                                 the modules and of the runtime under them is leak-free and
 *                                 never over-releases. It prints how many runs it made.
 */
#include "capi_test.h"

PyMODINIT_FUNC PyInit_gctype(void);
PyMODINIT_FUNC PyInit_funclib(void);
PyMODINIT_FUNC PyInit_capi_misuse(void);

static FILE *out;   /* where results go; NULL: nowhere */

/* Prints the outcome of one call (result stolen, may be NULL with an exception set). */
static void report(const char *name, PyObject *result)
{
  if (result == NULL) {
    PyObject *exc = PyErr_GetRaisedException();
    if (out != NULL && exc != NULL) {
      PyObject *s = PyObject_Str(exc);
      PyObject *tname = PyType_GetName(Py_TYPE(exc));
      if (s != NULL && tname != NULL)
        fprintf(out, "%s: !%s: %s\n", name, PyUnicode_AsUTF8(tname), PyUnicode_AsUTF8(s));
      else
        fprintf(out, "%s: !(unprintable)\n", name);
      Py_XDECREF(s);
      Py_XDECREF(tname);
    }
    Py_XDECREF(exc);
    PyErr_Clear();
    return;
  }
  if (out != NULL) {
    PyObject *r = PyObject_Repr(result);
    fprintf(out, "%s: %s\n", name, r != NULL ? PyUnicode_AsUTF8(r) : "!(repr failed)");
    Py_XDECREF(r);
    PyErr_Clear();
  }
  Py_DECREF(result);
}

/* Calls module.name(*args, **kwargs), args and kwargs built by the caller (stolen, may be NULL
 * after a failed build, which is then what is reported). */
static void call(PyObject *module, const char *label, const char *name, PyObject *args, PyObject *kwargs)
{
  PyObject *func = PyObject_GetAttrString(module, name), *result = NULL;
  if (func != NULL && args != NULL) result = PyObject_Call(func, args, kwargs);
  else if (func != NULL && !PyErr_Occurred()) result = PyObject_CallNoArgs(func);
  report(label, result);
  Py_XDECREF(func);
  Py_XDECREF(args);
  Py_XDECREF(kwargs);
}

static void scenario_gctype(PyObject *m)
{
  PyObject *bag_type = PyObject_GetAttrString(m, "Bag");
  PyObject *b = bag_type ? PyObject_CallFunction(bag_type, "s[ss]", "fruit", "apple", "pear") : NULL;
  report("Bag(...)", b ? Py_NewRef(b) : NULL);
  if (b != NULL) {
    report("add", PyObject_CallMethod(b, "add", "i", 3));
    report("repr", PyObject_Repr(b));
    report("take", PyObject_CallMethod(b, "take", "i", 2));
    report("pop", PyObject_CallMethod(b, "pop", NULL));
    report("list", PySequence_List(b));
    Py_ssize_t n = PyObject_Length(b);
    report("len", n < 0 ? NULL : PyLong_FromSsize_t(n));
    report("size", PyObject_GetAttrString(b, "size"));
    report("label", PyObject_GetAttrString(b, "label"));
    PyObject *veg = PyUnicode_FromString("veg");
    int rc = veg ? PyObject_SetAttrString(b, "label", veg) : -1;
    Py_XDECREF(veg);
    report("set label", rc < 0 ? NULL : PyObject_Repr(b));
    PyObject *other = bag_type ? PyObject_CallFunction(bag_type, "s[ss]", "x", "apple", "pear") : NULL;
    report("==", other ? PyObject_RichCompare(b, other, Py_EQ) : NULL);
    Py_XDECREF(other);
    report("take(-1)", PyObject_CallMethod(b, "take", "i", -1));
    report("extend(5)", PyObject_CallMethod(b, "extend", "i", 5));
    PyObject *three = PyLong_FromLong(3);
    rc = three ? PyObject_SetAttrString(b, "size", three) : -1;
    Py_XDECREF(three);
    report("set size", rc < 0 ? NULL : Py_NewRef(Py_None));
    report("items", PyObject_CallMethod(b, "items", NULL));
    report("clear", PyObject_CallMethod(b, "clear", NULL));
    report("empty pop", PyObject_CallMethod(b, "pop", NULL));
    Py_DECREF(b);
  }
  call(m, "bag_of", "bag_of", Py_BuildValue("((iii)s)", 1, 2, 3, "nums"), NULL);
  call(m, "bag_of(1)", "bag_of", Py_BuildValue("(i)", 1), NULL);
  report("VERSION", PyObject_GetAttrString(m, "VERSION"));
  PyObject *alias = bag_type ? PyObject_GetItem(bag_type, (PyObject *)&PyLong_Type) : NULL;
  report("Bag[int]", alias ? PyObject_Repr(alias) : NULL);
  Py_XDECREF(alias);
  Py_XDECREF(bag_type);
}

static void scenario_funclib(PyObject *m)
{
  call(m, "word_count", "word_count", Py_BuildValue("(s)", "a b a"), NULL);
  call(m, "word_count sep", "word_count", Py_BuildValue("(s)", "x,y,x"), Py_BuildValue("{s:s}", "sep", ","));
  call(m, "word_count bad", "word_count", Py_BuildValue("(i)", 1), NULL);
  call(m, "join_words", "join_words", Py_BuildValue("([ss])", "a", "b"), NULL);
  call(m, "join_words sep", "join_words", Py_BuildValue("((ss)s)", "a", "b", "+"), NULL);
  call(m, "join_words bad", "join_words", Py_BuildValue("([si])", "a", 1), NULL);
  call(m, "sorted_pairs", "sorted_pairs", Py_BuildValue("({s:i,s:i})", "b", 2, "a", 1), NULL);
  call(m, "sorted_pairs bad", "sorted_pairs", Py_BuildValue("([])"), NULL);
  call(m, "stats", "stats", Py_BuildValue("([iid])", 1, 2, 3.5), NULL);
  call(m, "stats empty", "stats", Py_BuildValue("(())"), NULL);
  call(m, "stats bad", "stats", Py_BuildValue("([s])", "x"), NULL);
  call(m, "chunk", "chunk", Py_BuildValue("([iiiii]i)", 1, 2, 3, 4, 5, 2), NULL);
  call(m, "chunk zero", "chunk", Py_BuildValue("([i]i)", 1, 0), NULL);
  call(m, "invert", "invert", Py_BuildValue("({s:i,s:i})", "a", 1, "b", 2), NULL);
  call(m, "invert twice", "invert", Py_BuildValue("({s:i,s:i})", "a", 1, "b", 1), NULL);
  call(m, "describe", "describe", Py_BuildValue("(si)", "Ann", 30), NULL);
  call(m, "describe title", "describe", Py_BuildValue("(si)", "Bob", 40), Py_BuildValue("{s:s}", "title", "Dr"));
  call(m, "describe negative", "describe", Py_BuildValue("(si)", "Ann", -1), NULL);
  call(m, "describe too many", "describe", Py_BuildValue("(sis)", "Ann", 3, "x"), NULL);
  call(m, "describe missing", "describe", Py_BuildValue("(s)", "Ann"), NULL);
  call(m, "scale", "scale", Py_BuildValue("((ii)d)", 1, 2, 1.5), NULL);
  call(m, "scale bad", "scale", Py_BuildValue("(ii)", 1, 2), NULL);
  call(m, "merge", "merge", Py_BuildValue("({s:i}{s:i,s:i})", "a", 1, "a", 2, "b", 3), NULL);
  call(m, "merge bad", "merge", Py_BuildValue("(i)", 1), NULL);
  call(m, "first_of empty", "first_of", Py_BuildValue("([]s)", "d"), NULL);
  call(m, "first_of", "first_of", Py_BuildValue("(sO)", "xyz", Py_None), NULL);
  call(m, "first_of bad", "first_of", Py_BuildValue("(ii)", 1, 2), NULL);
  call(m, "flatten", "flatten", Py_BuildValue("([[ii](i)s])", 1, 2, 3, "ab"), NULL);
  call(m, "flatten bad", "flatten", Py_BuildValue("([i])", 1), NULL);
  call(m, "shout", "shout", Py_BuildValue("(s)", "h\xc3\xa9llo"), NULL);
  call(m, "squeeze", "squeeze", Py_BuildValue("(s)", "  h\xc3\x89llo\xe3\x80\x80wORLD\t\xc7\x86ungla  \xc3\x9f" "42 "), NULL);
  call(m, "squeeze empty", "squeeze", Py_BuildValue("(s)", " \xe2\x80\xa8 "), NULL);
  call(m, "squeeze bad", "squeeze", Py_BuildValue("(i)", 1), NULL);
  call(m, "classify", "classify", Py_BuildValue("(s)", "Ab\xd9\xa3\xc2\xbd\xe2\x85\xa7 \xcd\xb8x"), NULL);
  PyObject *alias = PyObject_CallMethod(m, "list_of", "O", (PyObject *)&PyLong_Type);
  report("list_of", alias ? PyObject_Repr(alias) : NULL);
  Py_XDECREF(alias);
  alias = PyObject_CallMethod(m, "list_of", "((Oi))", (PyObject *)&PyUnicode_Type, 1);
  report("list_of tuple", alias ? PyObject_GetAttrString(alias, "__args__") : NULL);
  Py_XDECREF(alias);
  call(m, "fail", "fail", Py_BuildValue("(s)", "boom"), NULL);
  report("__version__", PyObject_GetAttrString(m, "__version__"));
}

/* Loads both modules and runs the scenario; what it creates is released before it returns (the
 * modules stay in the module registry). */
static void scenario(void)
{
  PyObject *g = rt_module_from_init(PyInit_gctype, "gctype");
  report("import gctype", g ? PyUnicode_FromString("ok") : NULL);
  if (g != NULL) scenario_gctype(g);
  PyObject *f = rt_module_from_init(PyInit_funclib, "funclib");
  report("import funclib", f ? PyUnicode_FromString("ok") : NULL);
  if (f != NULL) scenario_funclib(f);
  Py_XDECREF(g);
  Py_XDECREF(f);
}

TEST(every_allocation_fails_once)
{
  long runs = 0;
  for (long k = 1;; k++) {
    CAPI_BEGIN();
    rt_set_nomemory(k - 1, k);
    scenario();
    long reached = rt_alloc_count();
    rt_remove_mem_hooks();
    CAPI_END_CLEAN();
    runs++;
    if (test_checks_failed_in_current) {
      printf("  (allocation %ld failing)\n", k);
      break;
    }
    if (reached < k) break;   /* no allocation failed: every failure point was visited */
  }
  printf("  %ld runs, one per allocation of the scenario\n", runs);
  CHECK(runs > 500);
}

int main(int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "faults";
  Py_Initialize();
  int failed = 0;
  if (strcmp(mode, "print") == 0) {
    out = stdout;
    scenario();
  } else if (strcmp(mode, "misuse") == 0) {
    CAPI_BEGIN();
    PyObject *m = rt_module_from_init(PyInit_capi_misuse, "capi_misuse");
    PyObject *lines = m ? PyObject_CallMethod(m, "run", NULL) : NULL;
    for (Py_ssize_t i = 0; lines != NULL && i < PyList_GET_SIZE(lines); i++)
      printf("%s\n", PyUnicode_AsUTF8(PyList_GET_ITEM(lines, i)));
    if (lines == NULL) printf("run() failed: %s\n", exc_text());
    failed = lines == NULL;
    Py_XDECREF(lines);
    Py_XDECREF(m);
    CAPI_END_CLEAN();
  } else {
    out = NULL;
    RUN(every_allocation_fails_once);
    failed = TEST_SUMMARY();
  }
  Py_FinalizeEx();
  return capi_defects_or(failed);
}
