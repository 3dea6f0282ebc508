/* tupleobject.c — tuple, as CPython's Objects/tupleobject.c without its free lists and without
 * the empty-tuple singleton (PyTuple_New(0) allocates; the caller owns it either way).
 *
 * Owns: PyTuple_Type and PyTupleIter_Type. A tuple is a GC object owning its items; PyTuple_New
 * returns one tracked with every item NULL (its traverse skips NULLs), to be filled with
 * PyTuple_SET_ITEM / PyTuple_SetItem, which steal. PyTuple_SetItem and _PyTuple_Resize refuse a
 * tuple another reference can see (count != 1) with SystemError, as CPython; PyTuple_SetItem
 * releases the item also when it fails.
 */
#include "rt_capi.h"

#include <stdarg.h>
#include <string.h>

#define T(op) ((PyTupleObject *)(op))

PyObject *PyTuple_New(Py_ssize_t size)
{
  if (size < 0) return rt_bad_internal_call();
  PyTupleObject *op = (PyTupleObject *)_PyObject_GC_NewVar(&PyTuple_Type, size);
  if (op == NULL) return NULL;
  memset(op->ob_item, 0, (size_t)size * sizeof(PyObject *));
  (PyObject_GC_Track)(op);
  return (PyObject *)op;
}

PyObject *rt_tuple_from_array(PyObject *const *items, Py_ssize_t n)
{
  PyObject *t = PyTuple_New(n);
  if (t == NULL) return NULL;
  for (Py_ssize_t i = 0; i < n; i++) T(t)->ob_item[i] = Py_NewRef(items[i]);
  return t;
}

Py_ssize_t PyTuple_Size(PyObject *op)
{
  if (op == NULL || !PyTuple_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return Py_SIZE(op);
}

PyObject *PyTuple_GetItem(PyObject *op, Py_ssize_t i)
{
  if (op == NULL || !PyTuple_Check(op)) return rt_bad_internal_call();
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "tuple index out of range");
    return NULL;
  }
  return T(op)->ob_item[i];
}

int PyTuple_SetItem(PyObject *op, Py_ssize_t i, PyObject *newitem)
{
  if (op == NULL || !PyTuple_Check(op) || Py_REFCNT(op) != 1) {
    Py_XDECREF(newitem);
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (i < 0 || i >= Py_SIZE(op)) {
    Py_XDECREF(newitem);
    PyErr_SetString(PyExc_IndexError, "tuple assignment index out of range");
    return -1;
  }
  Py_XSETREF(T(op)->ob_item[i], newitem);
  return 0;
}

PyObject *PyTuple_GetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high)
{
  if (op == NULL || !PyTuple_Check(op)) return rt_bad_internal_call();
  Py_ssize_t n = Py_SIZE(op);
  if (low < 0) low = 0;
  if (high > n) high = n;
  if (high < low) high = low;
  if (low == 0 && high == n && PyTuple_CheckExact(op)) return Py_NewRef(op);
  return rt_tuple_from_array(T(op)->ob_item + low, high - low);
}

PyObject *PyTuple_Pack(Py_ssize_t n, ...)
{
  PyObject *t = PyTuple_New(n);
  if (t == NULL) return NULL;
  va_list va;
  va_start(va, n);
  for (Py_ssize_t i = 0; i < n; i++) T(t)->ob_item[i] = Py_NewRef(va_arg(va, PyObject *));
  va_end(va);
  return t;
}

int _PyTuple_Resize(PyObject **pv, Py_ssize_t newsize)
{
  PyObject *v = *pv;
  if (v == NULL || !Py_IS_TYPE(v, &PyTuple_Type) || newsize < 0 || (Py_SIZE(v) != 0 && Py_REFCNT(v) != 1)) {
    *pv = NULL;
    Py_XDECREF(v);
    (PyErr_BadInternalCall)();
    return -1;
  }
  Py_ssize_t old = Py_SIZE(v);
  if (old == newsize) return 0;
  for (Py_ssize_t i = newsize; i < old; i++) Py_CLEAR(T(v)->ob_item[i]);
  PyObject_GC_UnTrack(v);
  PyVarObject *nv = _PyObject_GC_Resize((PyVarObject *)v, newsize);
  if (nv == NULL) {
    *pv = NULL;
    Py_SET_SIZE(v, old < newsize ? old : newsize);
    (PyObject_GC_Track)(v);
    Py_DECREF(v);
    return -1;
  }
  for (Py_ssize_t i = old; i < newsize; i++) T(nv)->ob_item[i] = NULL;
  (PyObject_GC_Track)(nv);
  *pv = (PyObject *)nv;
  return 0;
}

/* --- slots -----------------------------------------------------------------------------------------*/
static int tuple_traverse(PyObject *op, visitproc visit, void *arg)
{
  for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) Py_VISIT(T(op)->ob_item[i]);
  return 0;
}

static void tuple_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) Py_XDECREF(T(op)->ob_item[i]);
  Py_TYPE(op)->tp_free(op);
}

static PyObject *tuple_repr(PyObject *op)
{
  Py_ssize_t n = Py_SIZE(op);
  if (n == 0) return PyUnicode_FromString("()");
  if (Py_ReprEnter(op) != 0) return PyUnicode_FromString("(...)");
  RtBuf b = {0};
  rt_buf_add(&b, "(", 1);
  for (Py_ssize_t i = 0; i < n && !b.failed; i++) {
    if (i > 0) rt_buf_add(&b, ", ", 2);
    rt_buf_add_object(&b, T(op)->ob_item[i], 1);
  }
  rt_buf_adds(&b, n == 1 ? ",)" : ")");
  Py_ReprLeave(op);
  return rt_buf_finish_str(&b);
}

static Py_hash_t tuple_hash(PyObject *op)
{
  /* CPython's xxHash-based tuple hash, simplified. */
  Py_uhash_t acc = 2870177450012600261ULL;
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    Py_hash_t h = PyObject_Hash(T(op)->ob_item[i]);
    if (h == -1) return -1;
    acc += (Py_uhash_t)h * 14029467366897019727ULL;
    acc = (acc << 31) | (acc >> 33);
    acc *= 11400714785074694791ULL;
  }
  acc += (Py_uhash_t)Py_SIZE(op) ^ (2870177450012600261ULL ^ 3527539UL);
  return acc == (Py_uhash_t)-1 ? 1546275796 : (Py_hash_t)acc;
}

/* Lexicographic comparison of two sequences' item arrays (tuples and lists share it). */
PyObject *rt_seq_richcompare(PyObject *const *a, Py_ssize_t na, PyObject *const *b, Py_ssize_t nb,
                             int op)
{
  Py_ssize_t i;
  for (i = 0; i < na && i < nb; i++) {
    int k = PyObject_RichCompareBool(a[i], b[i], Py_EQ);
    if (k < 0) return NULL;
    if (!k) break;
  }
  if (i >= na || i >= nb) {
    int r;
    switch (op) {
    case Py_LT: r = na < nb; break;
    case Py_LE: r = na <= nb; break;
    case Py_EQ: r = na == nb; break;
    case Py_NE: r = na != nb; break;
    case Py_GT: r = na > nb; break;
    default: r = na >= nb; break;
    }
    return PyBool_FromLong(r);
  }
  if (op == Py_EQ) Py_RETURN_FALSE;
  if (op == Py_NE) Py_RETURN_TRUE;
  return PyObject_RichCompare(a[i], b[i], op);
}

static PyObject *tuple_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyTuple_Check(a) || !PyTuple_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  return rt_seq_richcompare(T(a)->ob_item, Py_SIZE(a), T(b)->ob_item, Py_SIZE(b), op);
}

static Py_ssize_t tuple_length(PyObject *op) { return Py_SIZE(op); }

static PyObject *tuple_item(PyObject *op, Py_ssize_t i)
{
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "tuple index out of range");
    return NULL;
  }
  return Py_NewRef(T(op)->ob_item[i]);
}

static PyObject *tuple_subscript(PyObject *op, PyObject *key)
{
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return NULL;
    if (i < 0) i += Py_SIZE(op);
    return tuple_item(op, i);
  }
  if (PySlice_Check(key)) {
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(key, Py_SIZE(op), &start, &stop, &step, &n) < 0) return NULL;
    PyObject *r = PyTuple_New(n);
    if (r == NULL) return NULL;
    for (Py_ssize_t k = 0, i = start; k < n; k++, i += step) T(r)->ob_item[k] = Py_NewRef(T(op)->ob_item[i]);
    return r;
  }
  return rt_type_error("tuple indices must be integers or slices, not %s", Py_TYPE(key)->tp_name);
}

static int tuple_contains(PyObject *op, PyObject *el)
{
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    int k = PyObject_RichCompareBool(T(op)->ob_item[i], el, Py_EQ);
    if (k != 0) return k;
  }
  return 0;
}

static PyObject *tuple_concat(PyObject *a, PyObject *b)
{
  if (!PyTuple_Check(b))
    return rt_type_error("can only concatenate tuple (not \"%s\") to tuple", Py_TYPE(b)->tp_name);
  PyObject *r = PyTuple_New(Py_SIZE(a) + Py_SIZE(b));
  if (r == NULL) return NULL;
  for (Py_ssize_t i = 0; i < Py_SIZE(a); i++) T(r)->ob_item[i] = Py_NewRef(T(a)->ob_item[i]);
  for (Py_ssize_t i = 0; i < Py_SIZE(b); i++) T(r)->ob_item[Py_SIZE(a) + i] = Py_NewRef(T(b)->ob_item[i]);
  return r;
}

static PyObject *tuple_repeat(PyObject *op, Py_ssize_t n)
{
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(op);
  if (len != 0 && n > PY_SSIZE_T_MAX / len / (Py_ssize_t)sizeof(PyObject *)) return PyErr_NoMemory();
  PyObject *r = PyTuple_New(len * n);
  if (r == NULL) return NULL;
  for (Py_ssize_t k = 0; k < n; k++)
    for (Py_ssize_t i = 0; i < len; i++) T(r)->ob_item[k * len + i] = Py_NewRef(T(op)->ob_item[i]);
  return r;
}

static PyObject *tuple_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  PyObject *x = NULL;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) return rt_type_error("tuple() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "tuple", 0, 1, &x)) return NULL;
  if (x == NULL) return PyTuple_New(0);
  return PySequence_Tuple(x);
}

static PyObject *tuple_index(PyObject *self, PyObject *value)
{
  for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
    int k = PyObject_RichCompareBool(T(self)->ob_item[i], value, Py_EQ);
    if (k < 0) return NULL;
    if (k) return PyLong_FromSsize_t(i);
  }
  PyErr_SetString(PyExc_ValueError, "tuple.index(x): x not in tuple");
  return NULL;
}

static PyObject *tuple_count(PyObject *self, PyObject *value)
{
  Py_ssize_t n = 0;
  for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
    int k = PyObject_RichCompareBool(T(self)->ob_item[i], value, Py_EQ);
    if (k < 0) return NULL;
    n += k;
  }
  return PyLong_FromSsize_t(n);
}

static PyMethodDef tuple_methods[] = {
    {"index", tuple_index, METH_O, NULL},
    {"count", tuple_count, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};
static PyMappingMethods tuple_as_mapping = {tuple_length, tuple_subscript, NULL};

/* --- iterator ---------------------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject *seq;                   /* owned; NULL once exhausted */
} TupleIter;

static int tupleiter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((TupleIter *)op)->seq);
  return 0;
}

static void tupleiter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((TupleIter *)op)->seq);
  PyObject_GC_Del(op);
}

static PyObject *tupleiter_next(PyObject *op)
{
  TupleIter *it = (TupleIter *)op;
  if (it->seq == NULL) return NULL;
  if (it->index < Py_SIZE(it->seq)) return Py_NewRef(T(it->seq)->ob_item[it->index++]);
  Py_CLEAR(it->seq);
  return NULL;
}

PyTypeObject PyTupleIter_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(TupleIter),
    .tp_dealloc = tupleiter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tupleiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = tupleiter_next,
};

static PyObject *tuple_iter(PyObject *op)
{
  TupleIter *it = (TupleIter *)_PyObject_GC_New(&PyTupleIter_Type);
  if (it == NULL) return NULL;
  it->index = 0;
  it->seq = Py_NewRef(op);
  (PyObject_GC_Track)(it);
  return (PyObject *)it;
}

PyTypeObject PyTuple_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "tuple",
    .tp_basicsize = sizeof(PyTupleObject) - sizeof(PyObject *),
    .tp_itemsize = sizeof(PyObject *),
    .tp_dealloc = tuple_dealloc,
    .tp_repr = tuple_repr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = tuple_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_SEQUENCE,
    .tp_traverse = tuple_traverse,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_new = tuple_new,
    .tp_free = PyObject_GC_Del,
};
