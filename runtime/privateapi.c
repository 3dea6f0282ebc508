/* privateapi.c — CPython 3.11's private functions that extensions reach through compatibility
 * shims (pythoncapi_compat.h defines PyDict_Pop, PyLong_GetSign, PyObject_GetOptionalAttr,
 * PyUnicode_Equal, PyBytes_Join... over them for 3.11), each defined over the runtime's public
 * equivalent with CPython 3.11's contract, and the frame accessors, which exist for the shims
 * to compile: the runtime runs no Python code, so no frame object ever reaches them.
 */
#include "rt_capi.h"

/* A new reference to dict[key] removed, deflt when absent (KeyError when deflt is NULL). */
PyObject *_PyDict_Pop(PyObject *dict, PyObject *key, PyObject *deflt)
{
  PyObject *value;
  int rc = PyDict_Pop(dict, key, &value);
  if (rc < 0) return NULL;
  if (rc > 0) return value;
  if (deflt != NULL) return Py_NewRef(deflt);
  PyErr_SetObject(PyExc_KeyError, key);
  return NULL;
}

/* -1, 0 or 1: the sign of the int v (no check: CPython asserts). */
int _PyLong_Sign(PyObject *v)
{
  int overflow;
  long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
  if (x == -1 && PyErr_Occurred()) {
    PyErr_Clear();
    return 0;
  }
  return overflow != 0 ? overflow : (x > 0) - (x < 0);
}

/* 1 and a new reference in *result, 0 and NULL when obj has no such attribute (AttributeError
 * cleared), -1 and NULL on another error. */
int _PyObject_LookupAttr(PyObject *obj, PyObject *name, PyObject **result)
{
  return PyObject_GetOptionalAttr(obj, name, result);
}

/* 1 when the strs a and b are equal, else 0; never fails. */
int _PyUnicode_EQ(PyObject *a, PyObject *b)
{
  return PyUnicode_Check(a) && PyUnicode_Check(b) && PyUnicode_Compare(a, b) == 0;
}

/* The runtime reports finalisation through Py_IsInitialized only. */
int _Py_IsFinalizing(void) { return 0; }

/* The current thread state, NULL when the GIL is released (no fatal error). */
PyThreadState *_PyThreadState_UncheckedGet(void)
{
  PyThreadState *t = PyThreadState_Swap(NULL);
  PyThreadState_Swap(t);
  return t;
}

/* sep.join(iterable) for bytes: a new bytes object, or NULL (TypeError for a non-bytes item). */
PyObject *_PyBytes_Join(PyObject *sep, PyObject *iterable)
{
  if (sep == NULL || !PyBytes_Check(sep)) return rt_bad_internal_call();
  PyObject *seq = PySequence_Fast(iterable, "can only join an iterable");
  if (seq == NULL) return NULL;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), total = 0;
  PyObject **items = PySequence_Fast_ITEMS(seq), *r = NULL;
  for (Py_ssize_t i = 0; i < n; i++) {
    if (!PyBytes_Check(items[i])) {
      PyErr_Format(PyExc_TypeError, "sequence item %zd: expected a bytes-like object, %.80s found", i,
                   Py_TYPE(items[i])->tp_name);
      goto out;
    }
    total += PyBytes_GET_SIZE(items[i]) + (i > 0 ? PyBytes_GET_SIZE(sep) : 0);
  }
  r = PyBytes_FromStringAndSize(NULL, total);
  if (r == NULL) goto out;
  char *p = PyBytes_AS_STRING(r);
  for (Py_ssize_t i = 0; i < n; i++) {
    if (i > 0) {
      memcpy(p, PyBytes_AS_STRING(sep), (size_t)PyBytes_GET_SIZE(sep));
      p += PyBytes_GET_SIZE(sep);
    }
    memcpy(p, PyBytes_AS_STRING(items[i]), (size_t)PyBytes_GET_SIZE(items[i]));
    p += PyBytes_GET_SIZE(items[i]);
  }
out:
  Py_DECREF(seq);
  return r;
}

/* --- frames: none exist ---------------------------------------------------------------------------*/
PyCodeObject *PyFrame_GetCode(PyFrameObject *frame)
{
  (void)frame;
  return (PyCodeObject *)rt_bad_internal_call();
}

PyFrameObject *PyFrame_GetBack(PyFrameObject *frame)
{
  (void)frame;
  return (PyFrameObject *)rt_bad_internal_call();
}

PyObject *PyFrame_GetLocals(PyFrameObject *frame)
{
  (void)frame;
  return rt_bad_internal_call();
}
