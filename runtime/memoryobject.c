/* memoryobject.c — memoryview (one-dimensional: windows of bytes, with a stride) and the buffer
 * layout helpers, as CPython's Objects/memoryobject.c and the PyBuffer_* of Objects/abstract.c.
 *
 * Owns: each memoryview's master buffer (acquired from the exporter with PyObject_GetBuffer,
 * released by release(), tp_clear or dealloc — once). A view derived from a view (slicing,
 * memoryview(m)) acquires its own master from the same exporter. While a memoryview has exported
 * buffers itself (exports > 0) it refuses release() (BufferError), as CPython; using a released
 * view raises ValueError. Messages are CPython 3.11's.
 */
#include "rt_capi.h"

#include <string.h>

#define MV(op) ((PyMemoryViewObject *)(op))

/* --- buffer layout -----------------------------------------------------------------------------*/
static int is_c_contiguous(const Py_buffer *v)
{
  if (v->len == 0 || v->strides == NULL) return 1;
  Py_ssize_t sd = v->itemsize;
  for (int i = v->ndim - 1; i >= 0; i--) {
    if (v->shape[i] > 1 && v->strides[i] != sd) return 0;
    sd *= v->shape[i];
  }
  return 1;
}

static int is_f_contiguous(const Py_buffer *v)
{
  if (v->len == 0 || v->strides == NULL) return v->ndim <= 1 || v->len == 0;
  Py_ssize_t sd = v->itemsize;
  for (int i = 0; i < v->ndim; i++) {
    if (v->shape[i] > 1 && v->strides[i] != sd) return 0;
    sd *= v->shape[i];
  }
  return 1;
}

int PyBuffer_IsContiguous(const Py_buffer *view, char order)
{
  if (view->suboffsets != NULL) return 0;
  if (order == 'C') return is_c_contiguous(view);
  if (order == 'F') return is_f_contiguous(view);
  if (order == 'A') return is_c_contiguous(view) || is_f_contiguous(view);
  return 0;
}

void PyBuffer_FillContiguousStrides(int nd, Py_ssize_t *shape, Py_ssize_t *strides, int itemsize,
                                    char order)
{
  Py_ssize_t sd = itemsize;
  if (order == 'F') {
    for (int k = 0; k < nd; k++) {
      strides[k] = sd;
      sd *= shape[k];
    }
  } else {
    for (int k = nd - 1; k >= 0; k--) {
      strides[k] = sd;
      sd *= shape[k];
    }
  }
}

/* Copies dimension dim of src (at p) in C order to *out. */
static void copy_c(char **out, const Py_buffer *src, const char *p, int dim)
{
  if (dim == src->ndim) {
    memcpy(*out, p, (size_t)src->itemsize);
    *out += src->itemsize;
    return;
  }
  for (Py_ssize_t i = 0; i < src->shape[dim]; i++)
    copy_c(out, src, p + i * src->strides[dim], dim + 1);
}

int PyBuffer_ToContiguous(void *buf, const Py_buffer *src, Py_ssize_t len, char order)
{
  if (len != src->len) {
    PyErr_SetString(PyExc_ValueError, "PyBuffer_ToContiguous: len != view->len");
    return -1;
  }
  if (PyBuffer_IsContiguous(src, order) || src->strides == NULL || src->ndim == 0) {
    memcpy(buf, src->buf, (size_t)len);
    return 0;
  }
  if (order == 'F' && src->ndim > 1) {
    PyErr_SetString(PyExc_NotImplementedError,
                    "PyBuffer_ToContiguous: Fortran order of a strided buffer");
    return -1;
  }
  char *out = buf;
  copy_c(&out, src, src->buf, 0);
  return 0;
}

/* --- creating memoryviews ----------------------------------------------------------------------*/
/* Copies a Py_buffer; shape and strides that point into the source struct itself (as
 * PyBuffer_FillInfo sets them: &view->len, &view->itemsize) are moved to point into dst. */
static void copy_buffer(Py_buffer *dst, const Py_buffer *src)
{
  *dst = *src;
  if (src->shape == &src->len) dst->shape = &dst->len;
  if (src->strides == &src->itemsize) dst->strides = &dst->itemsize;
}

/* A memoryview over master (taken over: its obj reference becomes the view's), showing it whole. */
static PyObject *mview_from_master(const Py_buffer *master)
{
  PyMemoryViewObject *mv = (PyMemoryViewObject *)_PyObject_GC_New(&PyMemoryView_Type);
  if (mv == NULL) {
    Py_buffer copy = *master;
    if (copy.obj != NULL) PyBuffer_Release(&copy);
    return NULL;
  }
  copy_buffer(&mv->master, master);
  copy_buffer(&mv->view, master);
  mv->released = 0;
  mv->exports = 0;
  mv->hash = -1;
  mv->weakreflist = NULL;
  if (mv->view.ndim <= 1) {   /* the window: the whole buffer, one dimension */
    Py_ssize_t itemsize = mv->view.itemsize > 0 ? mv->view.itemsize : 1;
    mv->view.ndim = 1;
    mv->shape[0] = mv->view.shape != NULL ? mv->view.shape[0] : mv->view.len / itemsize;
    mv->strides[0] = mv->view.strides != NULL ? mv->view.strides[0] : itemsize;
    mv->view.itemsize = itemsize;
    mv->view.shape = mv->shape;
    mv->view.strides = mv->strides;
  }
  if (mv->view.format == NULL) mv->view.format = (char *)"B";
  PyObject_GC_Track((PyObject *)mv);
  return (PyObject *)mv;
}

PyObject *PyMemoryView_FromObject(PyObject *base)
{
  if (base == NULL) return rt_bad_internal_call();
  if (PyMemoryView_Check(base)) {   /* a view of the same window, from the same exporter */
    PyMemoryViewObject *src = MV(base);
    if (src->released) {
      PyErr_SetString(PyExc_ValueError, "operation forbidden on released memoryview object");
      return NULL;
    }
    Py_buffer master = src->master;
    if (master.obj != NULL && PyObject_GetBuffer(master.obj, &master, PyBUF_FULL_RO) < 0) return NULL;
    PyObject *r = mview_from_master(&master);
    if (r != NULL && MV(r)->view.ndim == 1) {
      MV(r)->view.buf = src->view.buf;
      MV(r)->view.len = src->view.len;
      MV(r)->view.readonly = src->view.readonly;
      MV(r)->shape[0] = src->shape[0];
      MV(r)->strides[0] = src->strides[0];
    }
    return r;
  }
  if (!PyObject_CheckBuffer(base))
    return rt_type_error("memoryview: a bytes-like object is required, not '%.200s'",
                         Py_TYPE(base)->tp_name);
  Py_buffer master;
  if (PyObject_GetBuffer(base, &master, PyBUF_FULL_RO) < 0) return NULL;
  return mview_from_master(&master);
}

PyObject *PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags)
{
  if (mem == NULL || size < 0 || (flags != PyBUF_READ && flags != PyBUF_WRITE))
    return rt_bad_internal_call();
  Py_buffer info;
  if (PyBuffer_FillInfo(&info, NULL, mem, size, flags == PyBUF_READ, PyBUF_FULL_RO) < 0) return NULL;
  return mview_from_master(&info);
}

PyObject *PyMemoryView_FromBuffer(const Py_buffer *info)
{
  if (info == NULL) return rt_bad_internal_call();
  if (info->buf == NULL) {
    PyErr_SetString(PyExc_ValueError, "PyMemoryView_FromBuffer(): info->buf must not be NULL");
    return NULL;
  }
  Py_buffer copy = *info;
  copy.obj = NULL;   /* the memoryview does not own the exporter: the caller keeps it alive */
  return mview_from_master(&copy);
}

PyObject *PyMemoryView_GetContiguous(PyObject *base, int buffertype, char order)
{
  if (buffertype != PyBUF_READ && buffertype != PyBUF_WRITE) return rt_bad_internal_call();
  if (order != 'C' && order != 'F' && order != 'A') return rt_bad_internal_call();
  PyObject *mv = PyMemoryView_FromObject(base);
  if (mv == NULL) return NULL;
  if (buffertype == PyBUF_WRITE && MV(mv)->view.readonly) {
    Py_DECREF(mv);
    PyErr_SetString(PyExc_BufferError, "underlying buffer is not writable");
    return NULL;
  }
  if (PyBuffer_IsContiguous(&MV(mv)->view, order)) return mv;
  if (buffertype == PyBUF_WRITE) {
    Py_DECREF(mv);
    PyErr_SetString(PyExc_BufferError,
                    "writable contiguous buffer requested for a non-contiguous object.");
    return NULL;
  }
  /* A read-only contiguous copy: a bytes object's memory. */
  PyObject *bytes = PyBytes_FromStringAndSize(NULL, MV(mv)->view.len);
  if (bytes != NULL &&
      PyBuffer_ToContiguous(PyBytes_AS_STRING(bytes), &MV(mv)->view, MV(mv)->view.len, order) < 0)
    Py_CLEAR(bytes);
  Py_DECREF(mv);
  if (bytes == NULL) return NULL;
  PyObject *r = PyMemoryView_FromObject(bytes);
  Py_DECREF(bytes);
  return r;
}

/* --- the object --------------------------------------------------------------------------------*/
/* Releases the master buffer once; 0, or -1 with BufferError while exports are held. */
static int mview_release(PyMemoryViewObject *mv)
{
  if (mv->released) return 0;
  if (mv->exports > 0) {
    PyErr_Format(PyExc_BufferError, "memoryview has %zd exported buffer%s", mv->exports,
                 mv->exports == 1 ? "" : "s");
    return -1;
  }
  mv->released = 1;
  if (mv->master.obj != NULL) PyBuffer_Release(&mv->master);
  mv->view.obj = NULL;
  return 0;
}

static int check_released(PyMemoryViewObject *mv)
{
  if (mv->released) {
    PyErr_SetString(PyExc_ValueError, "operation forbidden on released memoryview object");
    return -1;
  }
  return 0;
}

static void mview_dealloc(PyObject *op)
{
  PyMemoryViewObject *mv = MV(op);
  PyObject_GC_UnTrack(op);
  if (mv->weakreflist != NULL) PyObject_ClearWeakRefs(op);
  mv->exports = 0;   /* dying: nothing can hold its exports any more */
  (void)mview_release(mv);
  Py_TYPE(op)->tp_free(op);
}

static int mview_traverse(PyObject *op, visitproc visit, void *arg)
{
  if (!MV(op)->released) Py_VISIT(MV(op)->master.obj);
  return 0;
}

static int mview_clear(PyObject *op)
{
  if (MV(op)->exports == 0) (void)mview_release(MV(op));
  return 0;
}

static PyObject *mview_repr(PyObject *op)
{
  if (MV(op)->released) return PyUnicode_FromFormat("<released memory at %p>", (void *)op);
  return PyUnicode_FromFormat("<memory at %p>", (void *)op);
}

/* Whether items can be read as ints: one dimension of unsigned bytes. */
static int check_bytes_format(PyMemoryViewObject *mv)
{
  if (check_released(mv) < 0) return -1;
  if (mv->view.ndim != 1) {
    PyErr_SetString(PyExc_NotImplementedError, "multi-dimensional sub-views are not implemented");
    return -1;
  }
  if (strcmp(mv->view.format, "B") != 0 || mv->view.itemsize != 1) {
    PyErr_Format(PyExc_NotImplementedError, "memoryview: format %s not supported", mv->view.format);
    return -1;
  }
  return 0;
}

static Py_ssize_t mview_length(PyObject *op)
{
  if (check_released(MV(op)) < 0) return -1;
  return MV(op)->view.ndim == 0 ? 1 : MV(op)->view.shape[0];
}

static unsigned char *item_ptr(PyMemoryViewObject *mv, Py_ssize_t i)
{
  return (unsigned char *)mv->view.buf + i * mv->strides[0];
}

/* The index of key in the view, or -1 with an exception. */
static Py_ssize_t index_of(PyMemoryViewObject *mv, PyObject *key)
{
  Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
  if (i == -1 && PyErr_Occurred()) return -1;
  if (i < 0) i += mv->shape[0];
  if (i < 0 || i >= mv->shape[0]) {
    PyErr_SetString(PyExc_IndexError, "index out of bounds on dimension 1");
    return -1;
  }
  return i;
}

static PyObject *mview_subscript(PyObject *op, PyObject *key)
{
  PyMemoryViewObject *mv = MV(op);
  if (check_released(mv) < 0) return NULL;
  if (PySlice_Check(key) && mv->view.ndim == 1) {
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(key, mv->shape[0], &start, &stop, &step, &n) < 0) return NULL;
    PyObject *r = PyMemoryView_FromObject(op);
    if (r == NULL) return NULL;
    MV(r)->view.buf = (char *)mv->view.buf + start * mv->strides[0];
    MV(r)->shape[0] = n;
    MV(r)->strides[0] = mv->strides[0] * step;
    MV(r)->view.len = n * mv->view.itemsize;
    return r;
  }
  if (!PyIndex_Check(key)) return rt_type_error("memoryview: invalid slice key");
  if (check_bytes_format(mv) < 0) return NULL;
  Py_ssize_t i = index_of(mv, key);
  return i < 0 ? NULL : PyLong_FromLong(*item_ptr(mv, i));
}

static PyObject *mview_item(PyObject *op, Py_ssize_t i)
{
  PyMemoryViewObject *mv = MV(op);
  if (check_bytes_format(mv) < 0) return NULL;
  if (i < 0 || i >= mv->shape[0]) {
    PyErr_SetString(PyExc_IndexError, "index out of bounds on dimension 1");
    return NULL;
  }
  return PyLong_FromLong(*item_ptr(mv, i));
}

static int mview_ass_subscript(PyObject *op, PyObject *key, PyObject *value)
{
  PyMemoryViewObject *mv = MV(op);
  if (check_released(mv) < 0) return -1;
  if (mv->view.readonly) {
    PyErr_SetString(PyExc_TypeError, "cannot modify read-only memory");
    return -1;
  }
  if (value == NULL) {
    PyErr_SetString(PyExc_TypeError, "cannot delete memory");
    return -1;
  }
  if (check_bytes_format(mv) < 0) return -1;
  if (PyIndex_Check(key)) {
    Py_ssize_t i = index_of(mv, key);
    if (i < 0) return -1;
    long v = PyLong_Check(value) ? PyLong_AsLong(value) : -1;
    if (!PyLong_Check(value) || v < 0 || v > 255) {
      if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_OverflowError)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "memoryview: invalid value for format 'B'");
      }
      return -1;
    }
    *item_ptr(mv, i) = (unsigned char)v;
    return 0;
  }
  if (!PySlice_Check(key)) {
    PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
    return -1;
  }
  Py_ssize_t start, stop, step, n;
  if (PySlice_GetIndicesEx(key, mv->shape[0], &start, &stop, &step, &n) < 0) return -1;
  Py_buffer src;
  if (PyObject_GetBuffer(value, &src, PyBUF_FULL_RO) < 0) return -1;
  int rc = 0;
  if (src.len != n || (src.ndim > 1)) {
    PyErr_SetString(PyExc_ValueError,
                    "memoryview assignment: lvalue and rvalue have different structures");
    rc = -1;
  } else {
    PyObject *copy = PyBytes_FromStringAndSize(NULL, n);   /* src may overlap the target */
    if (copy == NULL || PyBuffer_ToContiguous(PyBytes_AS_STRING(copy), &src, n, 'C') < 0) rc = -1;
    for (Py_ssize_t k = 0; rc == 0 && k < n; k++)
      *item_ptr(mv, start + k * step) = (unsigned char)PyBytes_AS_STRING(copy)[k];
    Py_XDECREF(copy);
  }
  PyBuffer_Release(&src);
  return rc;
}

static PyObject *mview_tobytes(PyObject *op, PyObject *unused)
{
  (void)unused;
  PyMemoryViewObject *mv = MV(op);
  if (check_released(mv) < 0) return NULL;
  PyObject *r = PyBytes_FromStringAndSize(NULL, mv->view.len);
  if (r != NULL && PyBuffer_ToContiguous(PyBytes_AS_STRING(r), &mv->view, mv->view.len, 'C') < 0)
    Py_CLEAR(r);
  return r;
}

static PyObject *mview_tolist(PyObject *op, PyObject *unused)
{
  (void)unused;
  PyMemoryViewObject *mv = MV(op);
  if (check_bytes_format(mv) < 0) return NULL;
  PyObject *list = PyList_New(mv->shape[0]);
  for (Py_ssize_t i = 0; list != NULL && i < mv->shape[0]; i++) {
    PyObject *v = PyLong_FromLong(*item_ptr(mv, i));
    if (v == NULL) Py_CLEAR(list);
    else PyList_SET_ITEM(list, i, v);
  }
  return list;
}

static PyObject *mview_release_method(PyObject *op, PyObject *unused)
{
  (void)unused;
  if (mview_release(MV(op)) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *mview_enter(PyObject *op, PyObject *unused)
{
  (void)unused;
  if (check_released(MV(op)) < 0) return NULL;
  return Py_NewRef(op);
}

static PyObject *mview_exit(PyObject *op, PyObject *args)
{
  (void)args;
  return mview_release_method(op, NULL);
}

static Py_hash_t mview_hash(PyObject *op)
{
  PyMemoryViewObject *mv = MV(op);
  if (mv->hash != -1) return mv->hash;
  if (check_released(mv) < 0) return -1;
  if (!mv->view.readonly) {
    PyErr_SetString(PyExc_ValueError, "cannot hash writable memoryview object");
    return -1;
  }
  PyObject *b = mview_tobytes(op, NULL);
  if (b == NULL) return -1;
  mv->hash = PyObject_Hash(b);   /* equal to the hash of the same bytes, as CPython */
  Py_DECREF(b);
  return mv->hash;
}

/* == and != with any bytes-like object, by content; released views equal only themselves. */
static PyObject *mview_richcompare(PyObject *a, PyObject *b, int op)
{
  if ((op != Py_EQ && op != Py_NE) || !PyObject_CheckBuffer(b)) Py_RETURN_NOTIMPLEMENTED;
  int equal;
  if (a == b) {
    equal = 1;
  } else if (MV(a)->released || (PyMemoryView_Check(b) && MV(b)->released)) {
    equal = 0;
  } else {
    PyObject *x = mview_tobytes(a, NULL), *y = x != NULL ? PyBytes_FromObject(b) : NULL;
    int r = y != NULL ? PyObject_RichCompareBool(x, y, Py_EQ) : -1;
    Py_XDECREF(x);
    Py_XDECREF(y);
    if (r < 0) return NULL;
    equal = r;
  }
  return Py_NewRef((equal == (op == Py_EQ)) ? Py_True : Py_False);
}

/* Re-exports the window; a consumer that cannot take strides needs it contiguous. */
static int mview_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
  PyMemoryViewObject *mv = MV(op);
  if (check_released(mv) < 0) return -1;
  if ((flags & PyBUF_WRITABLE) && mv->view.readonly) {
    PyErr_SetString(PyExc_BufferError, "memoryview: underlying buffer is not writable");
    return -1;
  }
  if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES && !PyBuffer_IsContiguous(&mv->view, 'C')) {
    PyErr_SetString(PyExc_BufferError, "memoryview: underlying buffer is not C-contiguous");
    return -1;
  }
  *view = mv->view;
  view->obj = Py_NewRef(op);
  if (!(flags & PyBUF_FORMAT)) view->format = NULL;
  if ((flags & PyBUF_ND) != PyBUF_ND) view->shape = NULL;
  if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES) view->strides = NULL;
  mv->exports++;
  return 0;
}

static void mview_releasebuffer(PyObject *op, Py_buffer *view)
{
  (void)view;
  MV(op)->exports--;
}

static PyObject *mview_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  static char *kwlist[] = {(char *)"object", NULL};
  PyObject *o;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:memoryview", kwlist, &o)) return NULL;
  return PyMemoryView_FromObject(o);
}

static PyObject *get_obj(PyObject *op, void *c)
{
  (void)c;
  if (check_released(MV(op)) < 0) return NULL;
  return Py_NewRef(MV(op)->view.obj != NULL ? MV(op)->view.obj : Py_None);
}

#define FIELD_GETTER(name, expr)                                                                   \
  static PyObject *get_##name(PyObject *op, void *c)                                               \
  {                                                                                                \
    (void)c;                                                                                       \
    if (check_released(MV(op)) < 0) return NULL;                                                   \
    return expr;                                                                                   \
  }
FIELD_GETTER(nbytes, PyLong_FromSsize_t(MV(op)->view.len))
FIELD_GETTER(readonly, PyBool_FromLong(MV(op)->view.readonly))
FIELD_GETTER(itemsize, PyLong_FromSsize_t(MV(op)->view.itemsize))
FIELD_GETTER(format, PyUnicode_FromString(MV(op)->view.format))
FIELD_GETTER(ndim, PyLong_FromLong(MV(op)->view.ndim))
FIELD_GETTER(c_contiguous, PyBool_FromLong(PyBuffer_IsContiguous(&MV(op)->view, 'C')))

static PyGetSetDef mview_getset[] = {
    {"obj", get_obj, NULL, NULL, NULL},
    {"nbytes", get_nbytes, NULL, NULL, NULL},
    {"readonly", get_readonly, NULL, NULL, NULL},
    {"itemsize", get_itemsize, NULL, NULL, NULL},
    {"format", get_format, NULL, NULL, NULL},
    {"ndim", get_ndim, NULL, NULL, NULL},
    {"c_contiguous", get_c_contiguous, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef mview_methods[] = {
    {"tobytes", mview_tobytes, METH_NOARGS, NULL},
    {"tolist", mview_tolist, METH_NOARGS, NULL},
    {"release", mview_release_method, METH_NOARGS, NULL},
    {"__enter__", mview_enter, METH_NOARGS, NULL},
    {"__exit__", mview_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMappingMethods mview_as_mapping = {mview_length, mview_subscript, mview_ass_subscript};
static PySequenceMethods mview_as_sequence = {.sq_length = mview_length, .sq_item = mview_item};
static PyBufferProcs mview_as_buffer = {mview_getbuffer, mview_releasebuffer};

PyTypeObject PyMemoryView_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "memoryview",
    .tp_basicsize = sizeof(PyMemoryViewObject),
    .tp_dealloc = mview_dealloc,
    .tp_repr = mview_repr,
    .tp_as_sequence = &mview_as_sequence,
    .tp_as_mapping = &mview_as_mapping,
    .tp_hash = mview_hash,
    .tp_as_buffer = &mview_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = mview_traverse,
    .tp_clear = mview_clear,
    .tp_richcompare = mview_richcompare,
    .tp_weaklistoffset = offsetof(PyMemoryViewObject, weakreflist),
    .tp_methods = mview_methods,
    .tp_getset = mview_getset,
    .tp_new = mview_new,
    .tp_free = PyObject_GC_Del,
};
