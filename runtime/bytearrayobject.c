/* bytearrayobject.c — bytearray, as CPython's Objects/bytearrayobject.c: the C-API
 * (PyByteArray_*), the sequence and mapping slots (items are ints 0..255; slices read, assign and
 * delete), the writable buffer, comparisons with any bytes-like object, and a few methods
 * (append, extend, insert, pop, clear, copy, decode).
 *
 * Owns: ob_bytes, allocated with PyObject_Malloc (fault injection and the leak check see it),
 * always NUL-terminated at ob_size when allocated; ob_start == ob_bytes. While ob_exports > 0
 * (buffer views held) the object refuses to resize, as CPython (BufferError), so views never dangle.
 * Messages are CPython 3.11's.
 */
#include "rt_capi.h"

#include <string.h>

#define BA(op) ((PyByteArrayObject *)(op))

char _PyByteArray_empty_string[] = "";

/* --- storage --------------------------------------------------------------------------------------*/
/* Sets the size to n (>= 0), keeping the first bytes; 0 or -1 with MemoryError. No export check. */
static int set_size(PyByteArrayObject *self, Py_ssize_t n)
{
  if (n + 1 > self->ob_alloc || n + 1 < self->ob_alloc / 2) {
    Py_ssize_t alloc = n + 1;
    if (n > Py_SIZE(self)) alloc += n >> 3;   /* growing: over-allocate by an eighth */
    char *p = (PyObject_Realloc)(self->ob_bytes, (size_t)alloc);
    if (p == NULL) {
      PyErr_NoMemory();
      return -1;
    }
    self->ob_bytes = self->ob_start = p;
    self->ob_alloc = alloc;
  }
  Py_SET_SIZE(self, n);
  self->ob_bytes[n] = '\0';
  return 0;
}

static int check_resizable(PyByteArrayObject *self)
{
  if (self->ob_exports > 0) {
    PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    return -1;
  }
  return 0;
}

int PyByteArray_Resize(PyObject *op, Py_ssize_t size)
{
  if (op == NULL || !PyByteArray_Check(op)) {
    rt_bad_internal_call();
    return -1;
  }
  if (size < 0) {
    PyErr_Format(PyExc_ValueError, "Can only resize to positive sizes, got %zd", size);
    return -1;
  }
  if (size == Py_SIZE(op)) return 0;
  if (check_resizable(BA(op)) < 0) return -1;
  return set_size(BA(op), size);
}

static PyObject *bytearray_alloc(PyTypeObject *type)
{
  PyObject *op = type == &PyByteArray_Type ? _PyObject_New(type) : type->tp_alloc(type, 0);
  if (op == NULL) return NULL;
  Py_SET_SIZE(op, 0);
  BA(op)->ob_alloc = BA(op)->ob_exports = 0;
  BA(op)->ob_bytes = BA(op)->ob_start = NULL;
  return op;
}

PyObject *PyByteArray_FromStringAndSize(const char *s, Py_ssize_t n)
{
  if (n < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
    return NULL;
  }
  PyObject *op = bytearray_alloc(&PyByteArray_Type);
  if (op == NULL) return NULL;
  if (n > 0 && set_size(BA(op), n) < 0) {
    Py_DECREF(op);
    return NULL;
  }
  if (n > 0) {
    if (s != NULL) memcpy(BA(op)->ob_bytes, s, (size_t)n);
    else memset(BA(op)->ob_bytes, 0, (size_t)n);
  }
  return op;
}

PyObject *PyByteArray_FromObject(PyObject *o)
{
  if (o == NULL) return rt_bad_internal_call();
  return PyObject_CallOneArg((PyObject *)&PyByteArray_Type, o);
}

Py_ssize_t PyByteArray_Size(PyObject *op)
{
  if (op == NULL || !PyByteArray_Check(op)) {
    rt_bad_internal_call();
    return -1;
  }
  return Py_SIZE(op);
}

char *PyByteArray_AsString(PyObject *op)
{
  if (op == NULL || !PyByteArray_Check(op)) {
    rt_bad_internal_call();
    return NULL;
  }
  return PyByteArray_AS_STRING(op);
}

PyObject *PyByteArray_Concat(PyObject *a, PyObject *b)
{
  if (a == NULL || b == NULL) return rt_bad_internal_call();
  Py_buffer va, vb;
  va.len = vb.len = -1;
  PyObject *r = NULL;
  if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) != 0 || PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) != 0) {
    PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name,
                 Py_TYPE(a)->tp_name);
    goto out;
  }
  r = PyByteArray_FromStringAndSize(NULL, va.len + vb.len);
  if (r != NULL) {
    memcpy(BA(r)->ob_bytes, va.buf, (size_t)va.len);
    memcpy(BA(r)->ob_bytes + va.len, vb.buf, (size_t)vb.len);
  }
out:
  if (va.len != -1) PyBuffer_Release(&va);
  if (vb.len != -1) PyBuffer_Release(&vb);
  return r;
}

/* --- filling from an object (bytearray(x), extend, slice assignment) ------------------------------*/
/* An int 0..255 from o; -1 with an exception. */
static int byte_value(PyObject *o)
{
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (v < 0 || v > 255) {
    PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
    return -1;
  }
  return (int)v;
}

/* The bytes of a bytes-like object or an iterable of ints, as a new bytes object (what the
 * callers copy from); a str is TypeError(str_error), or iterated when str_error is NULL. */
static PyObject *bytes_of(PyObject *o, const char *str_error)
{
  if (PyObject_CheckBuffer(o)) return PyBytes_FromObject(o);
  if (PyUnicode_Check(o) && str_error != NULL) return rt_type_error("%s", str_error);
  PyObject *items = rt_list_from_iterable(o);
  if (items == NULL) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "cannot convert '%s' object to bytearray", Py_TYPE(o)->tp_name);
    }
    return NULL;
  }
  PyObject *r = PyBytes_FromStringAndSize(NULL, PyList_GET_SIZE(items));
  for (Py_ssize_t i = 0; r != NULL && i < PyList_GET_SIZE(items); i++) {
    int v = byte_value(PyList_GET_ITEM(items, i));
    if (v < 0) Py_CLEAR(r);
    else PyBytes_AS_STRING(r)[i] = (char)v;
  }
  Py_DECREF(items);
  return r;
}

/* Replaces bytes [lo, hi) with n bytes from src (src NULL: deletes); 0 or -1. */
static int replace(PyByteArrayObject *self, Py_ssize_t lo, Py_ssize_t hi, const char *src,
                   Py_ssize_t n)
{
  Py_ssize_t size = Py_SIZE(self), growth = n - (hi - lo);
  if (growth != 0 && check_resizable(self) < 0) return -1;
  if (growth > 0 && set_size(self, size + growth) < 0) return -1;
  if (growth != 0) memmove(self->ob_bytes + hi + growth, self->ob_bytes + hi, (size_t)(size - hi));
  if (n > 0) memcpy(self->ob_bytes + lo, src, (size_t)n);
  if (growth < 0 && set_size(self, size + growth) < 0) return -1;
  return 0;
}

static int bytearray_init(PyObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"source", (char *)"encoding", (char *)"errors", NULL};
  PyObject *x = NULL, *b = NULL;
  const char *encoding = NULL, *errors = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Oss:bytearray", kwlist, &x, &encoding, &errors))
    return -1;
  if (x == NULL) {
    if (encoding != NULL || errors != NULL) {
      PyErr_SetString(PyExc_TypeError, encoding != NULL ? "encoding without a string argument"
                                                        : "errors without a string argument");
      return -1;
    }
    return replace(BA(self), 0, Py_SIZE(self), NULL, 0);
  }
  if (encoding != NULL) {
    if (!PyUnicode_Check(x)) {
      PyErr_SetString(PyExc_TypeError, "encoding without a string argument");
      return -1;
    }
    b = PyUnicode_AsEncodedString(x, encoding, errors);
  } else if (PyIndex_Check(x)) {
    Py_ssize_t n = PyNumber_AsSsize_t(x, PyExc_OverflowError);
    if (n == -1 && PyErr_Occurred()) return -1;
    if (n < 0) {
      PyErr_SetString(PyExc_ValueError, "negative count");
      return -1;
    }
    b = PyBytes_FromStringAndSize(NULL, n);
  } else {
    b = bytes_of(x, "string argument without an encoding");
  }
  if (b == NULL) return -1;
  int rc = replace(BA(self), 0, Py_SIZE(self), PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b));
  Py_DECREF(b);
  return rc;
}

/* --- the type's slots -----------------------------------------------------------------------------*/
static void bytearray_dealloc(PyObject *op)
{
  if (BA(op)->ob_exports > 0) {   /* CPython reports it, then frees anyway */
    PyObject *saved = PyErr_GetRaisedException();
    PyErr_SetString(PyExc_SystemError, "deallocated bytearray object has exported buffers");
    PyErr_WriteUnraisable(NULL);
    PyErr_SetRaisedException(saved);
  }
  (PyObject_Free)(BA(op)->ob_bytes);
  Py_TYPE(op)->tp_free(op);
}

static PyObject *bytearray_repr(PyObject *op)
{
  PyObject *b = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(op), Py_SIZE(op));
  if (b == NULL) return NULL;
  PyObject *r = PyBytes_Repr(b, 1);
  Py_DECREF(b);
  if (r == NULL) return NULL;
  PyObject *s = PyUnicode_FromFormat("%s(%U)", rt_type_name(Py_TYPE(op)), r);
  Py_DECREF(r);
  return s;
}

/* Compares with any bytes-like object; anything else is NotImplemented. */
static PyObject *bytearray_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyObject_CheckBuffer(a) || !PyObject_CheckBuffer(b)) Py_RETURN_NOTIMPLEMENTED;
  Py_buffer va, vb;
  if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) < 0) return NULL;
  if (PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) < 0) {
    PyBuffer_Release(&va);
    return NULL;
  }
  int c = memcmp(va.buf, vb.buf, (size_t)(va.len < vb.len ? va.len : vb.len));
  if (c == 0) c = va.len < vb.len ? -1 : va.len > vb.len;
  PyBuffer_Release(&va);
  PyBuffer_Release(&vb);
  Py_RETURN_RICHCOMPARE(c, 0, op);
}

static Py_ssize_t bytearray_length(PyObject *op) { return Py_SIZE(op); }

static PyObject *bytearray_item(PyObject *op, Py_ssize_t i)
{
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
    return NULL;
  }
  return PyLong_FromLong((unsigned char)BA(op)->ob_bytes[i]);
}

static PyObject *bytearray_subscript(PyObject *op, PyObject *key)
{
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return NULL;
    if (i < 0) i += Py_SIZE(op);
    return bytearray_item(op, i);
  }
  if (PySlice_Check(key)) {
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(key, Py_SIZE(op), &start, &stop, &step, &n) < 0) return NULL;
    PyObject *r = PyByteArray_FromStringAndSize(NULL, n);
    if (r == NULL) return NULL;
    for (Py_ssize_t k = 0, i = start; k < n; k++, i += step)
      BA(r)->ob_bytes[k] = BA(op)->ob_bytes[i];
    return r;
  }
  return rt_type_error("bytearray indices must be integers or slices, not %s",
                       Py_TYPE(key)->tp_name);
}

static int bytearray_ass_subscript(PyObject *op, PyObject *key, PyObject *value)
{
  PyByteArrayObject *self = BA(op);
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0) i += Py_SIZE(op);
    if (i < 0 || i >= Py_SIZE(op)) {
      PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
      return -1;
    }
    if (value == NULL) return replace(self, i, i + 1, NULL, 0);
    int v = byte_value(value);
    if (v < 0) return -1;
    self->ob_bytes[i] = (char)v;
    return 0;
  }
  if (!PySlice_Check(key)) {
    PyErr_Format(PyExc_TypeError, "bytearray indices must be integers or slices, not %s",
                 Py_TYPE(key)->tp_name);
    return -1;
  }
  Py_ssize_t start, stop, step, n;
  if (PySlice_GetIndicesEx(key, Py_SIZE(op), &start, &stop, &step, &n) < 0) return -1;
  static const char cannot[] = "can assign only bytes, buffers, or iterables of ints in range(0, 256)";
  PyObject *b = NULL;
  if (value != NULL) {
    if (PyIndex_Check(value)) {
      PyErr_SetString(PyExc_TypeError, cannot);
      return -1;
    }
    b = bytes_of(value, cannot);
    if (b == NULL) return -1;
  }
  const char *src = b != NULL ? PyBytes_AS_STRING(b) : NULL;
  Py_ssize_t len = b != NULL ? PyBytes_GET_SIZE(b) : 0;
  int rc = 0;
  if (step == 1) {
    rc = replace(self, start, stop < start ? start : stop, src, len);
  } else if (b != NULL) {   /* an extended slice: same length only */
    if (len != n) {
      PyErr_Format(PyExc_ValueError,
                   "attempt to assign bytes of size %zd to extended slice of size %zd", len, n);
      rc = -1;
    } else {
      for (Py_ssize_t k = 0, i = start; k < n; k++, i += step) self->ob_bytes[i] = src[k];
    }
  } else if (n > 0) {   /* deleting an extended slice: keep the others, in order */
    rc = check_resizable(self);
    Py_ssize_t size = Py_SIZE(op), w = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < size; i++) {
      int removed = step > 0 ? (i >= start && i < start + n * step && (i - start) % step == 0)
                             : (i <= start && i > start + n * step && (start - i) % (-step) == 0);
      if (!removed) self->ob_bytes[w++] = self->ob_bytes[i];
    }
    if (rc == 0) rc = set_size(self, w);
  }
  Py_XDECREF(b);
  return rc;
}

static int bytearray_ass_item(PyObject *op, Py_ssize_t i, PyObject *value)
{
  PyObject *key = PyLong_FromSsize_t(i);
  if (key == NULL) return -1;
  int rc = bytearray_ass_subscript(op, key, value);
  Py_DECREF(key);
  return rc;
}

static PyObject *bytearray_concat(PyObject *a, PyObject *b) { return PyByteArray_Concat(a, b); }

static PyObject *bytearray_inplace_concat(PyObject *a, PyObject *b)
{
  Py_buffer vb;
  if (PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) != 0) {
    PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name,
                 Py_TYPE(a)->tp_name);
    return NULL;
  }
  Py_ssize_t size = Py_SIZE(a);
  int rc = replace(BA(a), size, size, vb.buf, vb.len);
  PyBuffer_Release(&vb);
  return rc < 0 ? NULL : Py_NewRef(a);
}

static PyObject *bytearray_repeat(PyObject *op, Py_ssize_t n)
{
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(op);
  if (len != 0 && n > PY_SSIZE_T_MAX / len - 1) return PyErr_NoMemory();
  PyObject *r = PyByteArray_FromStringAndSize(NULL, len * n);
  for (Py_ssize_t i = 0; r != NULL && i < n; i++)
    memcpy(BA(r)->ob_bytes + i * len, BA(op)->ob_bytes, (size_t)len);
  return r;
}

static int bytearray_contains(PyObject *op, PyObject *arg)
{
  if (PyIndex_Check(arg)) {
    int v = byte_value(arg);
    if (v < 0) return -1;
    return Py_SIZE(op) > 0 && memchr(BA(op)->ob_bytes, v, (size_t)Py_SIZE(op)) != NULL;
  }
  Py_buffer v;
  if (PyObject_GetBuffer(arg, &v, PyBUF_SIMPLE) < 0) return -1;
  int found = 0;
  for (Py_ssize_t i = 0; !found && i + v.len <= Py_SIZE(op); i++)
    found = memcmp(PyByteArray_AS_STRING(op) + i, v.buf, (size_t)v.len) == 0;
  PyBuffer_Release(&v);
  return found;
}

static int bytearray_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
  if (view == NULL) {
    PyErr_SetString(PyExc_BufferError, "bytearray_getbuffer: view==NULL argument is obsolete");
    return -1;
  }
  if (PyBuffer_FillInfo(view, op, PyByteArray_AS_STRING(op), Py_SIZE(op), 0, flags) < 0) return -1;
  BA(op)->ob_exports++;
  return 0;
}

static void bytearray_releasebuffer(PyObject *op, Py_buffer *view)
{
  (void)view;
  BA(op)->ob_exports--;
}

static PyObject *bytearray_iter(PyObject *op) { return PySeqIter_New(op); }

/* --- methods ----------------------------------------------------------------------------------------*/
static PyObject *ba_append(PyObject *self, PyObject *arg)
{
  int v = byte_value(arg);
  if (v < 0) return NULL;
  char c = (char)v;
  Py_ssize_t size = Py_SIZE(self);
  if (replace(BA(self), size, size, &c, 1) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *ba_extend(PyObject *self, PyObject *arg)
{
  PyObject *b = bytes_of(arg, NULL);
  if (b == NULL) return NULL;
  Py_ssize_t size = Py_SIZE(self);
  int rc = replace(BA(self), size, size, PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b));
  Py_DECREF(b);
  if (rc < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *ba_insert(PyObject *self, PyObject *args)
{
  Py_ssize_t i;
  int v;
  if (!PyArg_ParseTuple(args, "ni:insert", &i, &v)) return NULL;
  if (v < 0 || v > 255) {
    PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
    return NULL;
  }
  Py_ssize_t size = Py_SIZE(self);
  if (i < 0) i = i + size < 0 ? 0 : i + size;
  if (i > size) i = size;
  char c = (char)v;
  if (replace(BA(self), i, i, &c, 1) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *ba_pop(PyObject *self, PyObject *args)
{
  Py_ssize_t i = -1, size = Py_SIZE(self);
  if (!PyArg_ParseTuple(args, "|n:pop", &i)) return NULL;
  if (size == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from empty bytearray");
    return NULL;
  }
  if (i < 0) i += size;
  if (i < 0 || i >= size) {
    PyErr_SetString(PyExc_IndexError, "pop index out of range");
    return NULL;
  }
  int v = (unsigned char)BA(self)->ob_bytes[i];
  if (replace(BA(self), i, i + 1, NULL, 0) < 0) return NULL;
  return PyLong_FromLong(v);
}

static PyObject *ba_clear(PyObject *self, PyObject *unused)
{
  (void)unused;
  if (replace(BA(self), 0, Py_SIZE(self), NULL, 0) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *ba_copy(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PyByteArray_FromStringAndSize(PyByteArray_AS_STRING(self), Py_SIZE(self));
}

static PyObject *ba_decode(PyObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"encoding", (char *)"errors", NULL};
  const char *encoding = NULL, *errors = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|ss:decode", kwlist, &encoding, &errors)) return NULL;
  return PyUnicode_Decode(PyByteArray_AS_STRING(self), Py_SIZE(self), encoding, errors);
}

static PyMethodDef bytearray_methods[] = {
    {"append", ba_append, METH_O, NULL},
    {"extend", ba_extend, METH_O, NULL},
    {"insert", ba_insert, METH_VARARGS, NULL},
    {"pop", ba_pop, METH_VARARGS, NULL},
    {"clear", ba_clear, METH_NOARGS, NULL},
    {"copy", ba_copy, METH_NOARGS, NULL},
    {"decode", (PyCFunction)(void (*)(void))ba_decode, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods bytearray_as_sequence = {
    .sq_length = bytearray_length,
    .sq_concat = bytearray_concat,
    .sq_repeat = bytearray_repeat,
    .sq_item = bytearray_item,
    .sq_ass_item = bytearray_ass_item,
    .sq_contains = bytearray_contains,
    .sq_inplace_concat = bytearray_inplace_concat,
};
static PyMappingMethods bytearray_as_mapping = {bytearray_length, bytearray_subscript,
                                                bytearray_ass_subscript};
static PyBufferProcs bytearray_as_buffer = {bytearray_getbuffer, bytearray_releasebuffer};

PyTypeObject PyByteArray_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "bytearray",
    .tp_basicsize = sizeof(PyByteArrayObject),
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr,
    .tp_as_sequence = &bytearray_as_sequence,
    .tp_as_mapping = &bytearray_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_as_buffer = &bytearray_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = bytearray_richcompare,
    .tp_iter = bytearray_iter,
    .tp_methods = bytearray_methods,
    .tp_init = bytearray_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_Free,
};
