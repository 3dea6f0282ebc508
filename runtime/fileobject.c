/* fileobject.c — PyFile_WriteObject, PyFile_WriteString and PyFile_GetLine over any object with
 * write() / readline() (CPython's Objects/fileobject.c semantics and messages).
 *
 * Ownership: nothing is kept; the written value (str or repr) and the bound method are released
 * before returning. PyFile_GetLine returns a new reference. PyFile_WriteString does nothing and
 * fails when an exception is already set, as CPython's.
 */
#include "rt_capi.h"
#include "fileobject.h"

int PyFile_WriteObject(PyObject *obj, PyObject *f, int flags)
{
  if (f == NULL) {
    PyErr_SetString(PyExc_TypeError, "writeobject with NULL file");
    return -1;
  }
  PyObject *writer = PyObject_GetAttrString(f, "write");
  if (writer == NULL) return -1;
  PyObject *value = (flags & Py_PRINT_RAW) ? PyObject_Str(obj) : PyObject_Repr(obj);
  PyObject *result = value != NULL ? PyObject_CallOneArg(writer, value) : NULL;
  Py_XDECREF(value);
  Py_DECREF(writer);
  if (result == NULL) return -1;
  Py_DECREF(result);
  return 0;
}

int PyFile_WriteString(const char *s, PyObject *f)
{
  if (f == NULL) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null file for PyFile_WriteString");
    return -1;
  }
  if (PyErr_Occurred()) return -1;
  PyObject *v = PyUnicode_FromString(s);
  if (v == NULL) return -1;
  int rc = PyFile_WriteObject(v, f, Py_PRINT_RAW);
  Py_DECREF(v);
  return rc;
}

/* f.readline() (n <= 0) or f.readline(n); n < 0 also strips the newline and raises EOFError at
 * the end of the file. */
PyObject *PyFile_GetLine(PyObject *f, int n)
{
  if (f == NULL) return rt_bad_internal_call();
  PyObject *result = n <= 0 ? PyObject_CallMethod(f, "readline", NULL)
                            : PyObject_CallMethod(f, "readline", "i", n);
  if (result != NULL && !PyBytes_Check(result) && !PyUnicode_Check(result)) {
    Py_DECREF(result);
    PyErr_SetString(PyExc_TypeError, "object.readline() returned non-string");
    return NULL;
  }
  if (n >= 0 || result == NULL) return result;
  Py_ssize_t len = PyBytes_Check(result) ? PyBytes_GET_SIZE(result) : PyUnicode_GET_LENGTH(result);
  if (len == 0) {
    Py_DECREF(result);
    PyErr_SetString(PyExc_EOFError, "EOF when reading a line");
    return NULL;
  }
  PyObject *stripped = NULL;
  if (PyBytes_Check(result)) {
    if (PyBytes_AS_STRING(result)[len - 1] != '\n') return result;
    stripped = PyBytes_FromStringAndSize(PyBytes_AS_STRING(result), len - 1);
  } else {
    if (PyUnicode_READ_CHAR(result, len - 1) != '\n') return result;
    stripped = PyUnicode_Substring(result, 0, len - 1);
  }
  Py_DECREF(result);
  return stripped;
}
