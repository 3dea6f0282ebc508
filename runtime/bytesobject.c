/* bytesobject.c — bytes, as CPython's Objects/bytesobject.c (no empty or one-byte singletons:
 * every bytes object is a new allocation).
 *
 * Owns: PyBytes_Type. A bytes object holds ob_size bytes and a NUL inline (PyBytes_AS_STRING).
 * Ownership of the in/out functions, as CPython: PyBytes_Concat(&pv, w) replaces *pv with the
 * concatenation (on failure *pv is released and set to NULL); PyBytes_ConcatAndDel also releases
 * w; _PyBytes_Resize(&pv, n) requires a bytes object nobody else holds (count 1) and on failure
 * frees it and sets *pv to NULL.
 */
#include "rt_capi.h"

#include <string.h>

#define B(op) ((PyBytesObject *)(op))

static PyObject *bytes_alloc(Py_ssize_t size)
{
  if (size < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
    return NULL;
  }
  PyBytesObject *op = (PyBytesObject *)_PyObject_NewVar(&PyBytes_Type, size);
  if (op == NULL) return NULL;
  op->ob_shash = -1;
  op->ob_sval[size] = '\0';
  return (PyObject *)op;
}

PyObject *PyBytes_FromStringAndSize(const char *v, Py_ssize_t len)
{
  PyObject *op = bytes_alloc(len);
  if (op == NULL) return NULL;
  if (v != NULL) memcpy(B(op)->ob_sval, v, (size_t)len);
  else memset(B(op)->ob_sval, 0, (size_t)len);
  return op;
}

PyObject *PyBytes_FromString(const char *v)
{
  if (v == NULL) return rt_bad_internal_call();
  return PyBytes_FromStringAndSize(v, (Py_ssize_t)strlen(v));
}

PyObject *PyBytes_FromFormatV(const char *format, va_list vargs)
{
  RtBuf b = {0};
  va_list va;
  va_copy(va, vargs);
  rt_buf_add(&b, "", 0);
  rt_format_v(&b, format, &va, 1);
  va_end(va);
  if (b.failed) {
    rt_buf_release(&b);
    return NULL;
  }
  PyObject *r = PyBytes_FromStringAndSize(b.p, b.len);
  rt_buf_release(&b);
  return r;
}

PyObject *PyBytes_FromFormat(const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = PyBytes_FromFormatV(format, va);
  va_end(va);
  return r;
}

/* bytes(o): a bytes object, an object with a buffer, or an iterable of ints in range(256). */
PyObject *PyBytes_FromObject(PyObject *o)
{
  if (o == NULL) return rt_bad_internal_call();
  if (PyBytes_CheckExact(o)) return Py_NewRef(o);
  if (PyObject_CheckBuffer(o)) {
    Py_buffer view;
    if (PyObject_GetBuffer(o, &view, PyBUF_SIMPLE) < 0) return NULL;
    PyObject *r = PyBytes_FromStringAndSize(view.buf, view.len);
    PyBuffer_Release(&view);
    return r;
  }
  if (PyUnicode_Check(o)) return rt_type_error("cannot convert '%s' object to bytes", Py_TYPE(o)->tp_name);
  PyObject *items = rt_list_from_iterable(o);
  if (items == NULL) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "cannot convert '%s' object to bytes", Py_TYPE(o)->tp_name);
    }
    return NULL;
  }
  PyObject *r = bytes_alloc(PyList_GET_SIZE(items));
  for (Py_ssize_t i = 0; r != NULL && i < PyList_GET_SIZE(items); i++) {
    long v = PyLong_AsLong(PyList_GET_ITEM(items, i));
    if (v == -1 && PyErr_Occurred()) Py_CLEAR(r);
    else if (v < 0 || v > 255) {
      PyErr_SetString(PyExc_ValueError, "bytes must be in range(0, 256)");
      Py_CLEAR(r);
    } else B(r)->ob_sval[i] = (char)v;
  }
  Py_DECREF(items);
  return r;
}

static int check_bytes(PyObject *o)
{
  if (o == NULL || !PyBytes_Check(o)) {
    PyErr_Format(PyExc_TypeError, "expected bytes, %s found", o ? Py_TYPE(o)->tp_name : "NULL");
    return -1;
  }
  return 0;
}

Py_ssize_t PyBytes_Size(PyObject *o) { return check_bytes(o) < 0 ? -1 : Py_SIZE(o); }

char *PyBytes_AsString(PyObject *o) { return check_bytes(o) < 0 ? NULL : B(o)->ob_sval; }

int PyBytes_AsStringAndSize(PyObject *o, char **s, Py_ssize_t *len)
{
  if (s == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (check_bytes(o) < 0) return -1;
  *s = B(o)->ob_sval;
  if (len != NULL) *len = Py_SIZE(o);
  else if ((Py_ssize_t)strlen(*s) != Py_SIZE(o)) {
    PyErr_SetString(PyExc_ValueError, "embedded null byte");
    return -1;
  }
  return 0;
}

/* a + b for any two bytes-like objects, as CPython: an empty operand gives the other one itself
 * when that is an exact bytes (a new reference to it). */
static PyObject *bytes_concat(PyObject *a, PyObject *b)
{
  Py_buffer va, vb;
  PyObject *r = NULL;
  va.len = vb.len = -1;
  if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) != 0 || PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) != 0) {
    PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name,
                 Py_TYPE(a)->tp_name);
    goto out;
  }
  if (va.len == 0 && PyBytes_CheckExact(b)) {
    r = Py_NewRef(b);
  } else if (vb.len == 0 && PyBytes_CheckExact(a)) {
    r = Py_NewRef(a);
  } else {
    r = bytes_alloc(va.len + vb.len);
    if (r != NULL) {
      memcpy(B(r)->ob_sval, va.buf, (size_t)va.len);
      memcpy(B(r)->ob_sval + va.len, vb.buf, (size_t)vb.len);
    }
  }
out:
  if (va.len != -1) PyBuffer_Release(&va);
  if (vb.len != -1) PyBuffer_Release(&vb);
  return r;
}

void PyBytes_Concat(PyObject **pv, PyObject *w)
{
  if (pv == NULL || *pv == NULL) return;
  if (w == NULL) {
    Py_CLEAR(*pv);
    return;
  }
  PyObject *r = bytes_concat(*pv, w);
  Py_SETREF(*pv, r);
}

void PyBytes_ConcatAndDel(PyObject **pv, PyObject *w)
{
  PyBytes_Concat(pv, w);
  Py_XDECREF(w);
}

int _PyBytes_Resize(PyObject **pv, Py_ssize_t newsize)
{
  PyObject *v = *pv;
  if (v == NULL || !PyBytes_Check(v) || Py_REFCNT(v) != 1 || newsize < 0) {
    *pv = NULL;
    Py_XDECREF(v);
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (Py_SIZE(v) == newsize) return 0;
  size_t size = _PyObject_VAR_SIZE(&PyBytes_Type, newsize);
  PyObject *nv = (PyObject_Realloc)(v, size);
  if (nv == NULL) {
    *pv = NULL;
    (PyObject_Free)(v);
    PyErr_NoMemory();
    return -1;
  }
#if RT_DEBUG_LAYER
  rt_debug_mark_object(nv, RT_FLAG_OBJECT);
#endif
  Py_SET_SIZE(nv, newsize);
  B(nv)->ob_sval[newsize] = '\0';
  B(nv)->ob_shash = -1;
  *pv = nv;
  return 0;
}

/* --- repr and the type's slots -------------------------------------------------------------------*/
PyObject *PyBytes_Repr(PyObject *o, int smartquotes)
{
  const unsigned char *s = (const unsigned char *)B(o)->ob_sval;
  Py_ssize_t n = Py_SIZE(o);
  char quote = '\'';
  if (smartquotes && memchr(s, '\'', (size_t)n) && !memchr(s, '"', (size_t)n)) quote = '"';
  RtBuf b = {0};
  rt_buf_add(&b, "b", 1);
  rt_buf_add(&b, &quote, 1);
  for (Py_ssize_t i = 0; i < n; i++) {
    unsigned char c = s[i];
    if (c == (unsigned char)quote || c == '\\') rt_buf_addf(&b, "\\%c", c);
    else if (c == '\t') rt_buf_adds(&b, "\\t");
    else if (c == '\n') rt_buf_adds(&b, "\\n");
    else if (c == '\r') rt_buf_adds(&b, "\\r");
    else if (c < ' ' || c >= 0x7f) rt_buf_addf(&b, "\\x%02x", c);
    else rt_buf_add(&b, (const char *)&c, 1);
  }
  rt_buf_add(&b, &quote, 1);
  return rt_buf_finish_str(&b);
}

static PyObject *bytes_repr(PyObject *o) { return PyBytes_Repr(o, 1); }
static void bytes_dealloc(PyObject *op) { Py_TYPE(op)->tp_free(op); }

static Py_hash_t bytes_hash(PyObject *op)
{
  if (B(op)->ob_shash == -1) B(op)->ob_shash = _Py_HashBytes(B(op)->ob_sval, Py_SIZE(op));
  return B(op)->ob_shash;
}

static PyObject *bytes_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyBytes_Check(a) || !PyBytes_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  Py_ssize_t la = Py_SIZE(a), lb = Py_SIZE(b);
  int c = memcmp(B(a)->ob_sval, B(b)->ob_sval, (size_t)(la < lb ? la : lb));
  if (c == 0) c = la < lb ? -1 : la > lb;
  int r;
  switch (op) {
  case Py_EQ: r = c == 0; break;
  case Py_NE: r = c != 0; break;
  case Py_LT: r = c < 0; break;
  case Py_LE: r = c <= 0; break;
  case Py_GT: r = c > 0; break;
  default: r = c >= 0; break;
  }
  return PyBool_FromLong(r);
}

static Py_ssize_t bytes_length(PyObject *op) { return Py_SIZE(op); }

static PyObject *bytes_item(PyObject *op, Py_ssize_t i)
{
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "index out of range");
    return NULL;
  }
  return PyLong_FromLong((unsigned char)B(op)->ob_sval[i]);
}

static PyObject *bytes_subscript(PyObject *op, PyObject *key)
{
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return NULL;
    if (i < 0) i += Py_SIZE(op);
    return bytes_item(op, i);
  }
  if (PySlice_Check(key)) {
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(key, Py_SIZE(op), &start, &stop, &step, &n) < 0) return NULL;
    PyObject *r = bytes_alloc(n);
    if (r == NULL) return NULL;
    for (Py_ssize_t k = 0, i = start; k < n; k++, i += step) B(r)->ob_sval[k] = B(op)->ob_sval[i];
    return r;
  }
  return rt_type_error("byte indices must be integers or slices, not %s", Py_TYPE(key)->tp_name);
}

static int bytes_contains(PyObject *op, PyObject *arg)
{
  if (PyBytes_Check(arg)) {
    Py_ssize_t n = Py_SIZE(arg);
    for (Py_ssize_t i = 0; i + n <= Py_SIZE(op); i++)
      if (memcmp(B(op)->ob_sval + i, B(arg)->ob_sval, (size_t)n) == 0) return 1;
    return 0;
  }
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (v < 0 || v > 255) {
    PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
    return -1;
  }
  return memchr(B(op)->ob_sval, (int)v, (size_t)Py_SIZE(op)) != NULL;
}

static PyObject *bytes_repeat(PyObject *op, Py_ssize_t n)
{
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(op);
  if (len != 0 && n > PY_SSIZE_T_MAX / len) return PyErr_NoMemory();
  PyObject *r = bytes_alloc(len * n);
  if (r == NULL) return NULL;
  for (Py_ssize_t i = 0; i < n; i++) memcpy(B(r)->ob_sval + i * len, B(op)->ob_sval, (size_t)len);
  return r;
}

static int bytes_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
  return PyBuffer_FillInfo(view, op, B(op)->ob_sval, Py_SIZE(op), 1, flags);
}

static PyObject *bytes_decode(PyObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"encoding", (char *)"errors", NULL};
  const char *encoding = NULL, *errors = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|ss:decode", kwlist, &encoding, &errors)) return NULL;
  return PyUnicode_Decode(B(self)->ob_sval, Py_SIZE(self), encoding, errors);
}

static PyObject *bytes_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  static char *kwlist[] = {(char *)"source", (char *)"encoding", (char *)"errors", NULL};
  PyObject *x = NULL;
  const char *encoding = NULL, *errors = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Oss:bytes", kwlist, &x, &encoding, &errors)) return NULL;
  if (x == NULL) return bytes_alloc(0);
  if (encoding != NULL) {
    if (!PyUnicode_Check(x)) return rt_type_error("encoding without a string argument");
    return PyUnicode_AsEncodedString(x, encoding, errors);
  }
  if (PyIndex_Check(x)) {
    Py_ssize_t n = PyNumber_AsSsize_t(x, PyExc_OverflowError);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 0) {
      PyErr_SetString(PyExc_ValueError, "negative count");
      return NULL;
    }
    return PyBytes_FromStringAndSize(NULL, n);
  }
  return PyBytes_FromObject(x);
}

static PyMethodDef bytes_methods[] = {
    {"decode", (PyCFunction)(void (*)(void))bytes_decode, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};
static PyMappingMethods bytes_as_mapping = {bytes_length, bytes_subscript, NULL};
static PyBufferProcs bytes_as_buffer = {bytes_getbuffer, NULL};

PyTypeObject PyBytes_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "bytes",
    .tp_basicsize = offsetof(PyBytesObject, ob_sval) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_as_mapping = &bytes_as_mapping,
    .tp_hash = bytes_hash,
    .tp_str = bytes_repr,
    .tp_as_buffer = &bytes_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS,
    .tp_richcompare = bytes_richcompare,
    .tp_methods = bytes_methods,
    .tp_new = bytes_new,
    .tp_free = PyObject_Free,
};
