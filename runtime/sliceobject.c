/* sliceobject.c — slice objects and the index arithmetic of slicing, as CPython's
 * Objects/sliceobject.c. A slice owns start, stop and step (None when absent). */
#include "rt_capi.h"

PyObject *PySlice_New(PyObject *start, PyObject *stop, PyObject *step)
{
  PySliceObject *s = (PySliceObject *)_PyObject_GC_New(&PySlice_Type);
  if (s == NULL) return NULL;
  s->start = Py_NewRef(start ? start : Py_None);
  s->stop = Py_NewRef(stop ? stop : Py_None);
  s->step = Py_NewRef(step ? step : Py_None);
  (PyObject_GC_Track)(s);
  return (PyObject *)s;
}

/* A slice bound as Py_ssize_t, clamped to the Py_ssize_t range as CPython's _PyEval_SliceIndex. */
static int slice_index(PyObject *v, Py_ssize_t *out)
{
  if (!PyIndex_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    return -1;
  }
  Py_ssize_t x = PyNumber_AsSsize_t(v, NULL);
  if (x == -1 && PyErr_Occurred()) return -1;
  *out = x;
  return 0;
}

int _PyEval_SliceIndex(PyObject *v, Py_ssize_t *pi)
{
  if (v == Py_None) return 1;
  if (!PyIndex_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    return 0;
  }
  Py_ssize_t x = PyNumber_AsSsize_t(v, NULL);
  if (x == -1 && PyErr_Occurred()) return 0;
  *pi = x;
  return 1;
}

int PySlice_Unpack(PyObject *op, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t *step)
{
  if (op == NULL || !PySlice_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  PySliceObject *r = (PySliceObject *)op;
  if (r->step == Py_None) *step = 1;
  else {
    if (slice_index(r->step, step) < 0) return -1;
    if (*step == 0) {
      PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
      return -1;
    }
    if (*step < -PY_SSIZE_T_MAX) *step = -PY_SSIZE_T_MAX;
  }
  if (r->start == Py_None) *start = *step < 0 ? PY_SSIZE_T_MAX : 0;
  else if (slice_index(r->start, start) < 0) return -1;
  if (r->stop == Py_None) *stop = *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
  else if (slice_index(r->stop, stop) < 0) return -1;
  return 0;
}

Py_ssize_t PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t step)
{
  if (*start < 0) {
    *start += length;
    if (*start < 0) *start = step < 0 ? -1 : 0;
  } else if (*start >= length) *start = step < 0 ? length - 1 : length;
  if (*stop < 0) {
    *stop += length;
    if (*stop < 0) *stop = step < 0 ? -1 : 0;
  } else if (*stop >= length) *stop = step < 0 ? length - 1 : length;
  if (step < 0) {
    if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
  } else if (*start < *stop) {
    return (*stop - *start - 1) / step + 1;
  }
  return 0;
}

int PySlice_GetIndicesEx(PyObject *slice, Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                         Py_ssize_t *step, Py_ssize_t *slicelength)
{
  if (PySlice_Unpack(slice, start, stop, step) < 0) return -1;
  *slicelength = PySlice_AdjustIndices(length, start, stop, *step);
  return 0;
}

int PySlice_GetIndices(PyObject *slice, Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                       Py_ssize_t *step)
{
  Py_ssize_t n;
  if (PySlice_GetIndicesEx(slice, length, start, stop, step, &n) < 0) return -1;
  return 0;
}

static int slice_traverse(PyObject *op, visitproc visit, void *arg)
{
  PySliceObject *s = (PySliceObject *)op;
  Py_VISIT(s->start);
  Py_VISIT(s->stop);
  Py_VISIT(s->step);
  return 0;
}

static void slice_dealloc(PyObject *op)
{
  PySliceObject *s = (PySliceObject *)op;
  PyObject_GC_UnTrack(op);
  Py_XDECREF(s->start);
  Py_XDECREF(s->stop);
  Py_XDECREF(s->step);
  PyObject_GC_Del(op);
}

static PyObject *slice_repr(PyObject *op)
{
  PySliceObject *s = (PySliceObject *)op;
  return PyUnicode_FromFormat("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static PyObject *slice_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  PyObject *a = NULL, *b = NULL, *c = NULL;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) return rt_type_error("slice() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "slice", 1, 3, &a, &b, &c)) return NULL;
  if (b == NULL) return PySlice_New(NULL, a, NULL);
  return PySlice_New(a, b, c);
}

static PyMemberDef slice_members[] = {
    {"start", _Py_T_OBJECT, offsetof(PySliceObject, start), Py_READONLY, NULL},
    {"stop", _Py_T_OBJECT, offsetof(PySliceObject, stop), Py_READONLY, NULL},
    {"step", _Py_T_OBJECT, offsetof(PySliceObject, step), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PySlice_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "slice",
    .tp_basicsize = sizeof(PySliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = slice_traverse,
    .tp_members = slice_members,
    .tp_new = slice_new,
};
