/* test_capi_sys.c — the small corners of the C-API extensions reach for besides objects: the sys
 * module's dict (PySys_*), paths and file descriptors (PyOS_FSPath, PyObject_AsFileDescriptor, the
 * FSConverter / FSDecoder converters), the remaining str codecs (stateful UTF-8, file system,
 * locale, UCS-4, splitlines), the import variants, and the rarer error setters. Results and
 * CPython's error types and messages (taken from CPython 3.11 through ctypes); every test runs in a
 * check window that must end without a defect.
 */
#include <errno.h>
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

int main(void)
{
  Py_Initialize();
  RUN(sys_dict);
  RUN(paths_and_descriptors);
  RUN(str_codecs);
  RUN(imports_and_dicts);
  RUN(error_setters);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  if (rt_debug_layer_enabled() && rt_defect_count() != 0) {
    rt_defects_write_json(stdout);
    return 1;
  }
  return failed;
}
