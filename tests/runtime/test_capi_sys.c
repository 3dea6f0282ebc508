/* test_capi_sys.c — the small corners of the C-API extensions reach for besides objects: the sys
 * module's dict (PySys_*), paths and file descriptors (PyOS_FSPath, PyObject_AsFileDescriptor, the
 * FSConverter / FSDecoder converters), the remaining str codecs (stateful UTF-8, file system,
 * locale, UCS-4, splitlines), the import variants, the rarer error setters, thread states and the
 * GIL, PyState_*, locks and thread-specific storage, PyFile_*, interrupts, Py_AtExit and the
 * PyOS_* string helpers (double to and from string, snprintf, strtol, stricmp). Results and
 * CPython's error types and messages (taken from CPython 3.11 through ctypes); every test runs in a
 * check window that must end without a defect.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include "capi_test.h"

TEST(sys_dict)
{
  CAPI_BEGIN();
  PyObject *path = PySys_GetObject("path");   /* borrowed */
  CHECK(path != NULL && PyList_Check(path));
  CHECK(PySys_GetObject("no_such_attribute") == NULL);
  CHECK_NO_ERROR();
  /* PySys_GetObject never raises and leaves a pending exception alone. */
  PyErr_SetString(PyExc_KeyError, "pending");
  CHECK(PySys_GetObject("path") == path);
  CHECK_RAISED(PyExc_KeyError, "'pending'");
  PyObject *v = PyLong_FromLong(12345);
  Py_ssize_t before = Py_REFCNT(v);
  CHECK_EQ_INT(PySys_SetObject("conf_value", v), 0);
  CHECK_EQ_INT(Py_REFCNT(v), before + 1);   /* sys holds its own reference */
  CHECK(PySys_GetObject("conf_value") == v);
  CHECK_EQ_INT(PySys_SetObject("conf_value", NULL), 0);
  CHECK_EQ_INT(Py_REFCNT(v), before);
  CHECK(PySys_GetObject("conf_value") == NULL);
  CHECK_EQ_INT(PySys_SetObject("conf_value", NULL), 0);   /* deleting what is absent succeeds */
  Py_DECREF(v);
  PyObject *x = PySys_GetXOptions();
  CHECK(x != NULL && PyDict_Check(x));
  CHECK(strncmp(Py_GetVersion(), "3.", 2) == 0);
  CHECK(strcmp(Py_GetPlatform(), "linux") == 0);
  PySys_WriteStdout("%s", "");
  PySys_FormatStderr("%S", Py_None);   /* a PyUnicode_FromFormat code; prints "None" */
  PySys_WriteStderr("\n");
  CHECK_NO_ERROR();
  CAPI_END_CLEAN();
}

TEST(paths_and_descriptors)
{
  CAPI_BEGIN();
  PyObject *s = PyUnicode_FromString("dir/file"), *r;
  r = PyOS_FSPath(s);
  CHECK(r == s);
  Py_XDECREF(r);
  PyObject *one = PyLong_FromLong(1), *neg = PyLong_FromLong(-1);
  CHECK(PyOS_FSPath(one) == NULL);
  CHECK_RAISED(PyExc_TypeError, "expected str, bytes or os.PathLike object, not int");
  CHECK_EQ_INT(PyObject_AsFileDescriptor(one), 1);
  CHECK_EQ_INT(PyObject_AsFileDescriptor(neg), -1);
  CHECK_RAISED(PyExc_ValueError, "file descriptor cannot be a negative integer (-1)");
  CHECK_EQ_INT(PyObject_AsFileDescriptor(s), -1);
  CHECK_RAISED(PyExc_TypeError, "argument must be an int, or have a fileno() method.");
  /* The converters: str -> bytes, bytes -> str, and the cleanup call with NULL. */
  PyObject *out = NULL;
  CHECK_EQ_INT(PyUnicode_FSConverter(s, &out), Py_CLEANUP_SUPPORTED);
  CHECK(out != NULL && PyBytes_Check(out) && strcmp(PyBytes_AS_STRING(out), "dir/file") == 0);
  CHECK_EQ_INT(PyUnicode_FSConverter(NULL, &out), 1);
  CHECK(out == NULL);
  PyObject *b = PyBytes_FromString("dir/other");
  CHECK_EQ_INT(PyUnicode_FSDecoder(b, &out), Py_CLEANUP_SUPPORTED);
  CHECK_STR(out, "dir/other");
  CHECK_EQ_INT(PyUnicode_FSDecoder(NULL, &out), 1);
  CHECK(out == NULL);
  CHECK_EQ_INT(PyUnicode_FSConverter(one, &out), 0);
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK(out == NULL);
  Py_DECREF(b);
  Py_DECREF(one);
  Py_DECREF(neg);
  Py_DECREF(s);
  CAPI_END_CLEAN();
}

TEST(str_codecs)
{
  CAPI_BEGIN();
  Py_ssize_t used = -1;
  PyObject *r = PyUnicode_DecodeUTF8Stateful("ab\xc3", 3, NULL, &used);
  CHECK_STR(r, "ab");   /* a truncated sequence at the end waits for more input */
  CHECK_EQ_INT(used, 2);
  Py_XDECREF(r);
  CHECK(PyUnicode_DecodeUTF8Stateful("ab\xc3", 3, NULL, NULL) == NULL);
  CHECK_RAISED(PyExc_UnicodeDecodeError, NULL);
  CHECK_REPR_STEAL(PyUnicode_DecodeFSDefault("f\xc3\xa9"), "'f\xc3\xa9'");
  CHECK_REPR_STEAL(PyUnicode_DecodeFSDefaultAndSize("file", 2), "'fi'");
  CHECK_REPR_STEAL(PyUnicode_DecodeLocale("abc", NULL), "'abc'");
  CHECK_REPR_STEAL(PyUnicode_DecodeLocaleAndSize("abc", 1, "strict"), "'a'");
  PyObject *s = PyUnicode_FromString("a\nb\r\nc");
  CHECK_REPR_STEAL(PyUnicode_EncodeFSDefault(s), "b'a\\nb\\r\\nc'");
  CHECK_REPR_STEAL(PyUnicode_EncodeLocale(s, NULL), "b'a\\nb\\r\\nc'");
  CHECK_REPR_STEAL(PyUnicode_Splitlines(s, 1), "['a\\n', 'b\\r\\n', 'c']");
  CHECK_REPR_STEAL(PyUnicode_Splitlines(s, 0), "['a', 'b', 'c']");
  Py_UCS4 buf[8] = {0};
  PyObject *e = PyUnicode_FromString("\xc3\xa9z");
  CHECK(PyUnicode_AsUCS4(e, buf, 8, 1) == buf);
  CHECK(buf[0] == 0xe9 && buf[1] == 'z' && buf[2] == 0);
  CHECK(PyUnicode_AsUCS4(e, buf, 2, 1) == NULL);   /* no room for the terminator */
  CHECK_RAISED(PyExc_SystemError, "string is longer than the buffer");
  CHECK(PyUnicode_AsUCS4(e, buf, 2, 0) == buf);
  Py_DECREF(e);
  Py_DECREF(s);
  CAPI_END_CLEAN();
}

TEST(imports_and_dicts)
{
  CAPI_BEGIN();
  CHECK(PyImport_ImportModuleNoBlock("nonexistent_xyz") == NULL);
  CHECK_RAISED(PyExc_ModuleNotFoundError, "No module named 'nonexistent_xyz'");
  PyObject *sys = PyImport_ImportModuleLevel("sys", NULL, NULL, NULL, 0);
  CHECK(sys != NULL && PyModule_Check(sys));
  Py_XDECREF(sys);
  CHECK(PyImport_ImportModuleLevel("sys", NULL, NULL, NULL, 1) == NULL);
  CHECK_RAISED(PyExc_KeyError, "\"'__name__' not in globals\"");   /* no package context */
  PyObject *m = PyModule_New("confmod");
  CHECK(PyModule_GetFilename(m) == NULL);
  CHECK_RAISED(PyExc_SystemError, "module filename missing");
  PyObject *f = PyUnicode_FromString("conf.py");
  CHECK_EQ_INT(PyModule_AddObjectRef(m, "__file__", f), 0);
  const char *name = PyModule_GetFilename(m);
  CHECK(name != NULL && strcmp(name, "conf.py") == 0);
  /* __dict__ assignment: a dict only, never deletion. */
  PyObject *exc = PyObject_CallFunction(PyExc_ValueError, "s", "x"), *d = PyDict_New();
  CHECK_EQ_INT(PyObject_GenericSetDict(exc, f, NULL), -1);
  CHECK_RAISED(PyExc_TypeError, "__dict__ must be set to a dictionary, not a 'str'");
  CHECK_EQ_INT(PyObject_GenericSetDict(exc, NULL, NULL), -1);
  CHECK_RAISED(PyExc_TypeError, "cannot delete __dict__");
  Py_ssize_t before = Py_REFCNT(d);
  CHECK_EQ_INT(PyObject_GenericSetDict(exc, d, NULL), 0);
  CHECK_EQ_INT(Py_REFCNT(d), before + 1);
  CHECK_EQ_INT(PyObject_GenericSetDict(m, d, NULL), 0);   /* a module's dict too */
  Py_DECREF(d);
  Py_DECREF(exc);
  Py_DECREF(f);
  Py_DECREF(m);
  CAPI_END_CLEAN();
}

TEST(error_setters)
{
  CAPI_BEGIN();
  PyObject *f = PyUnicode_FromString("f"), *g = PyUnicode_FromString("g");
  errno = ENOENT;
  CHECK(PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, f, g) == NULL);
  PyObject *exc = PyErr_GetRaisedException();
  CHECK(exc != NULL && Py_IS_TYPE(exc, (PyTypeObject *)PyExc_FileNotFoundError));
  PyObject *a = exc ? PyObject_GetAttrString(exc, "filename2") : NULL;
  CHECK(a == g);
  Py_XDECREF(a);
  Py_XDECREF(exc);
  PyObject *msg = PyUnicode_FromString("no such module");
  CHECK(PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, msg, f, NULL) == NULL);
  exc = PyErr_GetRaisedException();
  CHECK(exc != NULL && Py_IS_TYPE(exc, (PyTypeObject *)PyExc_ModuleNotFoundError));
  a = exc ? PyObject_GetAttrString(exc, "name") : NULL;
  CHECK(a == f);
  Py_XDECREF(a);
  Py_XDECREF(exc);
  CHECK(PyErr_SetImportErrorSubclass(PyExc_ValueError, msg, f, NULL) == NULL);
  CHECK_RAISED(PyExc_TypeError, "expected a subclass of ImportError");
  size_t warnings = rt_warning_count();
  CHECK_EQ_INT(PyErr_WarnExplicitObject(PyExc_UserWarning, msg, f, 3, NULL, NULL), 0);
  CHECK_EQ_INT(rt_warning_count(), warnings + 1);
  PyErr_SetString(PyExc_SyntaxError, "bad");
  PyErr_SyntaxLocationEx("conf.py", 4, 2);
  exc = PyErr_GetRaisedException();
  a = exc ? PyObject_GetAttrString(exc, "lineno") : NULL;
  CHECK(a != NULL && PyLong_AsLong(a) == 4);
  Py_XDECREF(a);
  Py_XDECREF(exc);
  Py_DECREF(msg);
  Py_DECREF(f);
  Py_DECREF(g);
  CAPI_END_CLEAN();
}

TEST(thread_states_and_the_gil)
{
  CAPI_BEGIN();
  PyThreadState *main = PyThreadState_Get();
  CHECK(main != NULL && PyGILState_Check());
  CHECK(PyThreadState_GetInterpreter(main) == PyInterpreterState_Main());
  CHECK_EQ_INT(PyInterpreterState_GetID(PyInterpreterState_Main()), 0);
  PyThreadState *saved = PyEval_SaveThread();   /* Py_BEGIN_ALLOW_THREADS */
  CHECK(saved == main && !PyGILState_Check());
  PyGILState_STATE g = PyGILState_Ensure();     /* a callback from another thread */
  CHECK(g == PyGILState_UNLOCKED && PyGILState_Check());
  PyGILState_Release(g);
  CHECK(!PyGILState_Check());
  PyEval_RestoreThread(saved);                  /* Py_END_ALLOW_THREADS */
  CHECK(PyThreadState_Get() == main);
  CHECK(PyGILState_Ensure() == PyGILState_LOCKED);
  /* A thread state of one's own: swapped in, with its own dict, then cleared and deleted. */
  PyThreadState *t = PyThreadState_New(PyInterpreterState_Main());
  REQUIRE(t != NULL);
  CHECK(PyThreadState_Swap(t) == main);
  PyObject *d = PyThreadState_GetDict();
  CHECK(d != NULL && PyDict_Check(d));
  PyObject *one = PyLong_FromLong(1);
  CHECK_EQ_INT(PyDict_SetItemString(d, "k", one), 0);
  Py_DECREF(one);
  CHECK(PyThreadState_Swap(main) == t);
  CHECK(PyThreadState_GetDict() != d);
  PyThreadState_Clear(t);
  PyThreadState_Delete(t);   /* the dict went with Clear: the window ends clean */
  CHECK(PyEval_GetGlobals() == NULL && PyEval_GetFrame() == NULL);
  CHECK_NO_ERROR();
  CHECK(PyEval_GetLocals() == NULL);
  CHECK_RAISED(PyExc_SystemError, "frame does not exist");
  CHECK(strcmp(PyEval_GetFuncName((PyObject *)&PyUnicode_Type), "type") == 0);
  CHECK(strcmp(PyEval_GetFuncDesc((PyObject *)&PyUnicode_Type), " object") == 0);
  CAPI_END_CLEAN();
}

static PyModuleDef single_phase_def = {PyModuleDef_HEAD_INIT, "single", NULL, -1,
                                       NULL, NULL, NULL, NULL, NULL};
static PyObject *PyInit_single(void) { return PyModule_Create(&single_phase_def); }

TEST(modules_by_definition)
{
  CAPI_BEGIN();
  CHECK(PyState_FindModule(&single_phase_def) == NULL);
  PyObject *m = rt_module_from_init(PyInit_single, "single");   /* the import registers it */
  REQUIRE(m != NULL);
  CHECK(PyState_FindModule(&single_phase_def) == m);
  CHECK_EQ_INT(PyState_RemoveModule(&single_phase_def), 0);
  CHECK(PyState_FindModule(&single_phase_def) == NULL);
  Py_ssize_t count = Py_REFCNT(m);
  CHECK_EQ_INT(PyState_AddModule(m, &single_phase_def), 0);
  CHECK_EQ_INT(Py_REFCNT(m), count + 1);   /* the registry's own reference */
  CHECK(PyState_FindModule(&single_phase_def) == m);
  Py_DECREF(m);
  CAPI_END_CLEAN();
}

static void *tss_seen;
static void *tss_thread(void *key)
{
  tss_seen = PyThread_tss_get((Py_tss_t *)key);   /* another thread: its own (empty) value */
  return NULL;
}

TEST(locks_and_thread_storage)
{
  CAPI_BEGIN();
  PyThread_type_lock lock = PyThread_allocate_lock();
  REQUIRE(lock != NULL);
  CHECK_EQ_INT(PyThread_acquire_lock(lock, WAIT_LOCK), 1);
  CHECK_EQ_INT(PyThread_acquire_lock(lock, NOWAIT_LOCK), 0);   /* held */
  PyThread_release_lock(lock);
  CHECK_EQ_INT(PyThread_acquire_lock(lock, NOWAIT_LOCK), 1);
  PyThread_release_lock(lock);
  PyThread_free_lock(lock);
  static Py_tss_t key = Py_tss_NEEDS_INIT;
  CHECK_EQ_INT(PyThread_tss_is_created(&key), 0);
  CHECK_EQ_INT(PyThread_tss_create(&key), 0);
  CHECK_EQ_INT(PyThread_tss_create(&key), 0);   /* again: nothing to do */
  CHECK(PyThread_tss_get(&key) == NULL);
  CHECK_EQ_INT(PyThread_tss_set(&key, &key), 0);
  CHECK(PyThread_tss_get(&key) == &key);
  pthread_t th;
  tss_seen = &key;
  REQUIRE(pthread_create(&th, NULL, tss_thread, &key) == 0);
  pthread_join(th, NULL);
  CHECK(tss_seen == NULL);
  PyThread_tss_delete(&key);
  CHECK_EQ_INT(PyThread_tss_is_created(&key), 0);
  Py_tss_t *k = PyThread_tss_alloc();
  REQUIRE(k != NULL);
  CHECK_EQ_INT(PyThread_tss_create(k), 0);
  PyThread_tss_free(k);   /* deletes, then frees: the window reports no raw leak */
  CHECK(PyThread_get_thread_ident() != 0);
  CAPI_END_CLEAN();
}

/* A "file": a module whose write() appends to a list. */
static PyObject *written;
static PyObject *file_write(PyObject *self, PyObject *arg)
{
  (void)self;
  if (PyList_Append(written, arg) < 0) return NULL;
  Py_RETURN_NONE;
}
static PyObject *file_readline(PyObject *self, PyObject *args)
{
  (void)self;
  (void)args;
  return PyUnicode_FromString("a line\n");
}
static PyMethodDef file_methods[] = {
    {"write", file_write, METH_O, NULL},
    {"readline", file_readline, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

TEST(file_objects)
{
  CAPI_BEGIN();
  written = PyList_New(0);
  PyObject *f = PyModule_New("file");
  REQUIRE(written != NULL && f != NULL && PyModule_AddFunctions(f, file_methods) == 0);
  PyObject *s = PyUnicode_FromString("x");
  CHECK_EQ_INT(PyFile_WriteObject(s, f, 0), 0);             /* repr */
  CHECK_EQ_INT(PyFile_WriteObject(s, f, Py_PRINT_RAW), 0);  /* str */
  CHECK_EQ_INT(PyFile_WriteString("plain", f), 0);
  CHECK_REPR_STEAL(Py_NewRef(written), "[\"'x'\", 'x', 'plain']");
  PyErr_SetString(PyExc_KeyError, "pending");
  CHECK_EQ_INT(PyFile_WriteString("not written", f), -1);   /* an exception is already set */
  CHECK_RAISED(PyExc_KeyError, NULL);
  CHECK_EQ_INT(PyFile_WriteObject(s, NULL, 0), -1);
  CHECK_RAISED(PyExc_TypeError, "writeobject with NULL file");
  CHECK_EQ_INT(PyFile_WriteString("x", NULL), -1);
  CHECK_RAISED(PyExc_SystemError, "null file for PyFile_WriteString");
  CHECK_EQ_INT(PyFile_WriteObject(s, s, 0), -1);   /* no write() */
  CHECK_RAISED(PyExc_AttributeError, NULL);
  CHECK_REPR_STEAL(PyFile_GetLine(f, 0), "'a line\\n'");
  CHECK_REPR_STEAL(PyFile_GetLine(f, -1), "'a line'");   /* n < 0 strips the newline */
  Py_DECREF(s);
  Py_DECREF(f);
  Py_CLEAR(written);
  CAPI_END_CLEAN();
}

TEST(interrupts_and_syntax_locations)
{
  CAPI_BEGIN();
  CHECK_EQ_INT(PyErr_CheckSignals(), 0);
  PyErr_SetInterrupt();
  CHECK_EQ_INT(PyErr_CheckSignals(), -1);
  CHECK_RAISED(PyExc_KeyboardInterrupt, NULL);
  CHECK_EQ_INT(PyErr_CheckSignals(), 0);   /* delivered once */
  CHECK_EQ_INT(PyErr_SetInterruptEx(0), -1);
  PyObject *fn = PyUnicode_FromString("conf.py");
  PyErr_SetString(PyExc_SyntaxError, "bad");
  PyErr_SyntaxLocationObject(fn, 3, 7);
  PyObject *exc = PyErr_GetRaisedException();
  PyObject *a = exc ? PyObject_GetAttrString(exc, "filename") : NULL;
  CHECK(a == fn);
  Py_XDECREF(a);
  a = exc ? PyObject_GetAttrString(exc, "offset") : NULL;
  CHECK(a != NULL && PyLong_AsLong(a) == 7);
  Py_XDECREF(a);
  Py_XDECREF(exc);
  Py_DECREF(fn);
  CHECK(PyImport_GetMagicNumber() == 3495 + (13L << 16) + (10L << 24));
  CHECK(strstr(Py_GetCopyright(), "Python Software Foundation") != NULL);
  CAPI_END_CLEAN();
}

/* PyOS_double_to_string(v, code, precision, flags) compared with CPython's result and type. */
static void check_dts(double v, char code, int prec, int flags, const char *want, int want_type, int line)
{
  int type = -1;
  char *r = PyOS_double_to_string(v, code, prec, flags, &type);
  if (r == NULL || strcmp(r, want) != 0 || type != want_type)
    TEST_FAIL_AT("line %d: PyOS_double_to_string gave %s (type %d), expected %s (type %d)", line,
                 r ? r : "NULL", type, want, want_type);
  PyMem_Free(r);
}
#define CHECK_DTS(v, code, prec, flags, want, type) check_dts(v, code, prec, flags, want, type, __LINE__)

TEST(os_string_helpers)
{
  CAPI_BEGIN();
  /* Expected values: CPython 3.11 through ctypes. */
  CHECK_DTS(1.5, 'r', 0, 0, "1.5", Py_DTST_FINITE);
  CHECK_DTS(1.0, 'r', 0, Py_DTSF_ADD_DOT_0, "1.0", Py_DTST_FINITE);
  CHECK_DTS(1.0, 'r', 0, 0, "1", Py_DTST_FINITE);
  CHECK_DTS(1.0, 'g', 6, Py_DTSF_ADD_DOT_0, "1.0", Py_DTST_FINITE);
  CHECK_DTS(1e20, 'g', 6, Py_DTSF_ADD_DOT_0, "1e+20", Py_DTST_FINITE);
  CHECK_DTS(-2.5, 'f', 3, Py_DTSF_SIGN, "-2.500", Py_DTST_FINITE);
  CHECK_DTS(2.5, 'f', 3, Py_DTSF_SIGN, "+2.500", Py_DTST_FINITE);
  CHECK_DTS(INFINITY, 'g', 6, Py_DTSF_SIGN, "+inf", Py_DTST_INFINITE);
  CHECK_DTS(NAN, 'E', 2, 0, "NAN", Py_DTST_NAN);
  CHECK_DTS(-0.0, 'f', 1, Py_DTSF_NO_NEG_0, "0.0", Py_DTST_FINITE);
  CHECK_DTS(1.5, 'e', 2, Py_DTSF_ALT, "1.50e+00", Py_DTST_FINITE);
  CHECK_DTS(1.0, 'g', 3, Py_DTSF_ALT, "1.00", Py_DTST_FINITE);
  CHECK_DTS(123.0, 'r', 0, Py_DTSF_SIGN, "+123", Py_DTST_FINITE);
  CHECK(PyOS_double_to_string(1.0, 'r', 3, 0, NULL) == NULL);   /* 'r' takes no precision */
  CHECK_RAISED(PyExc_SystemError, NULL);
  char *end = NULL;
  CHECK(PyOS_string_to_double("1.5", NULL, NULL) == 1.5);
  CHECK(PyOS_string_to_double(" 1.5", NULL, NULL) == -1.0);
  CHECK_RAISED(PyExc_ValueError, "could not convert string to float: ' 1.5'");
  CHECK(PyOS_string_to_double("1.5x", NULL, NULL) == -1.0);
  CHECK_RAISED(PyExc_ValueError, "could not convert string to float: '1.5x'");
  CHECK(PyOS_string_to_double("1.5xyz", &end, NULL) == 1.5 && strcmp(end, "xyz") == 0);
  CHECK(PyOS_string_to_double("xyz", &end, NULL) == -1.0);
  CHECK_RAISED(PyExc_ValueError, "could not convert string to float: 'xyz'");
  CHECK(isinf(PyOS_string_to_double("-Infinity", NULL, NULL)));
  CHECK(isnan(PyOS_string_to_double("nan", NULL, NULL)));
  CHECK(isinf(PyOS_string_to_double("1e999", NULL, NULL)));   /* no overflow exception: inf */
  CHECK_NO_ERROR();
  CHECK(PyOS_string_to_double("1e999", NULL, PyExc_OverflowError) == -1.0);
  CHECK_RAISED(PyExc_OverflowError, "value too large to convert to float: '1e999'");
  CHECK(PyOS_string_to_double("0x10", &end, NULL) == 0.0 && *end == 'x');   /* no hexadecimal */
  char buf[8];
  CHECK_EQ_INT(PyOS_snprintf(buf, sizeof(buf), "%s-%d", "abcdef", 42), 9);
  CHECK(strcmp(buf, "abcdef-") == 0);   /* cut, and terminated */
  CHECK(PyOS_strtoul("0x1F", &end, 0) == 31 && *end == '\0');
  CHECK(PyOS_strtoul("0b101", NULL, 0) == 5 && PyOS_strtoul("0o17", NULL, 0) == 15);
  CHECK(PyOS_strtol("  -42z", &end, 10) == -42 && *end == 'z');
  errno = 0;
  CHECK(PyOS_strtol("99999999999999999999", NULL, 10) == LONG_MAX && errno == ERANGE);
  CHECK(PyOS_stricmp("Hello", "hELLO") == 0 && PyOS_strnicmp("abcX", "ABCy", 3) == 0);
  CHECK(PyOS_stricmp("a", "b") < 0);
  CAPI_END_CLEAN();
}

static int atexit_ran;
static void on_exit_first(void) { atexit_ran = atexit_ran * 10 + 1; }
static void on_exit_second(void) { atexit_ran = atexit_ran * 10 + 2; }

int main(void)
{
  Py_Initialize();
  RUN(sys_dict);
  RUN(paths_and_descriptors);
  RUN(str_codecs);
  RUN(imports_and_dicts);
  RUN(error_setters);
  RUN(thread_states_and_the_gil);
  RUN(modules_by_definition);
  RUN(locks_and_thread_storage);
  RUN(file_objects);
  RUN(interrupts_and_syntax_locations);
  RUN(os_string_helpers);
  int failed = TEST_SUMMARY();
  CHECK_EQ_INT(Py_AtExit(on_exit_first), 0);
  CHECK_EQ_INT(Py_AtExit(on_exit_second), 0);
  Py_FinalizeEx();
  if (atexit_ran != 21) {   /* last registered first, after finalization */
    printf("Py_AtExit functions ran as %d, expected 21\n", atexit_ran);
    failed++;
  }
  return capi_defects_or(failed);
}
