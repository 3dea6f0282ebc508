/* listobject.c — list, as CPython's Objects/listobject.c without its free list.
 *
 * Owns: PyList_Type and PyListIter_Type. A list is a GC object; ob_item is a PyMem block of
 * `allocated` slots holding ob_size owned items (NULL items only in a fresh PyList_New(n), to be
 * filled with PyList_SET_ITEM / PyList_SetItem, which steal). Growing over-allocates as CPython
 * does (new_allocated = n + n/8 + 6, rounded down to a multiple of 4), and every growth is one
 * PyMem allocation, hence a failure point. PyList_SetItem releases the item also when it fails.
 * Sorting is a stable merge sort on Py_LT; a comparison error stops it and leaves the list a
 * permutation of what it held.
 */
#include "rt_capi.h"

#include <string.h>

#define L(op) ((PyListObject *)(op))


/* Makes room for newsize items (CPython's list_resize). 0, or -1 with MemoryError. */
static int list_resize(PyListObject *self, Py_ssize_t newsize)
{
  Py_ssize_t allocated = self->allocated;
  if (allocated >= newsize && newsize >= (allocated >> 1)) {
    Py_SET_SIZE(self, newsize);
    return 0;
  }
  size_t new_allocated = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
  if (newsize - Py_SIZE(self) > (Py_ssize_t)(new_allocated - (size_t)newsize)) new_allocated = ((size_t)newsize + 3) & ~(size_t)3;
  if (newsize == 0) new_allocated = 0;
  if (new_allocated > (size_t)PY_SSIZE_T_MAX / sizeof(PyObject *)) {
    PyErr_NoMemory();
    return -1;
  }
  PyObject **items;
  if (new_allocated == 0) {
    (PyMem_Free)(self->ob_item);
    items = NULL;
  } else {
    items = (PyMem_Realloc)(self->ob_item, new_allocated * sizeof(PyObject *));
    if (items == NULL) {
      if (newsize <= allocated) {   /* shrinking: keep the larger block */
        Py_SET_SIZE(self, newsize);
        return 0;
      }
      PyErr_NoMemory();
      return -1;
    }
  }
  self->ob_item = items;
  Py_SET_SIZE(self, newsize);
  self->allocated = (Py_ssize_t)new_allocated;
  return 0;
}

PyObject *PyList_New(Py_ssize_t size)
{
  if (size < 0) return rt_bad_internal_call();
  PyListObject *op = (PyListObject *)_PyObject_GC_New(&PyList_Type);
  if (op == NULL) return NULL;
  op->ob_item = NULL;
  op->allocated = 0;
  Py_SET_SIZE(op, 0);
  if (size > 0) {
    if ((size_t)size > (size_t)PY_SSIZE_T_MAX / sizeof(PyObject *)) {
      Py_DECREF(op);
      return PyErr_NoMemory();
    }
    op->ob_item = (PyMem_Calloc)((size_t)size, sizeof(PyObject *));
    if (op->ob_item == NULL) {
      Py_DECREF(op);   /* untracked, empty: its dealloc frees it */
      return PyErr_NoMemory();
    }
    op->allocated = size;
    Py_SET_SIZE(op, size);
  }
  (PyObject_GC_Track)(op);
  return (PyObject *)op;
}

PyObject *rt_list_from_array(PyObject *const *items, Py_ssize_t n)
{
  PyObject *l = PyList_New(n);
  if (l == NULL) return NULL;
  for (Py_ssize_t i = 0; i < n; i++) L(l)->ob_item[i] = Py_NewRef(items[i]);
  return l;
}

Py_ssize_t PyList_Size(PyObject *op)
{
  if (op == NULL || !PyList_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return Py_SIZE(op);
}

static PyObject *index_error(void)
{
  PyErr_SetString(PyExc_IndexError, "list index out of range");
  return NULL;
}

PyObject *PyList_GetItem(PyObject *op, Py_ssize_t i)
{
  if (op == NULL || !PyList_Check(op)) return rt_bad_internal_call();
  if (i < 0 || i >= Py_SIZE(op)) return index_error();
  return L(op)->ob_item[i];
}

PyObject *PyList_GetItemRef(PyObject *op, Py_ssize_t i)
{
  if (op == NULL || !PyList_Check(op)) return rt_type_error("expected a list");
  if (i < 0 || i >= Py_SIZE(op)) return index_error();
  return Py_NewRef(L(op)->ob_item[i]);
}

int PyList_SetItem(PyObject *op, Py_ssize_t i, PyObject *newitem)
{
  if (op == NULL || !PyList_Check(op)) {
    Py_XDECREF(newitem);
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (i < 0 || i >= Py_SIZE(op)) {
    Py_XDECREF(newitem);
    PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
    return -1;
  }
  Py_XSETREF(L(op)->ob_item[i], newitem);
  return 0;
}

static int ins1(PyListObject *self, Py_ssize_t where, PyObject *v)
{
  Py_ssize_t n = Py_SIZE(self);
  if (v == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (list_resize(self, n + 1) < 0) return -1;
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  memmove(&self->ob_item[where + 1], &self->ob_item[where], (size_t)(n - where) * sizeof(PyObject *));
  self->ob_item[where] = Py_NewRef(v);
  return 0;
}

int PyList_Insert(PyObject *op, Py_ssize_t where, PyObject *newitem)
{
  if (op == NULL || !PyList_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return ins1(L(op), where, newitem);
}

int PyList_Append(PyObject *op, PyObject *newitem)
{
  if (op == NULL || !PyList_Check(op) || newitem == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  Py_ssize_t n = Py_SIZE(op);
  if (list_resize(L(op), n + 1) < 0) return -1;
  L(op)->ob_item[n] = Py_NewRef(newitem);
  return 0;
}

PyObject *PyList_GetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high)
{
  if (op == NULL || !PyList_Check(op)) return rt_bad_internal_call();
  Py_ssize_t n = Py_SIZE(op);
  if (low < 0) low = 0;
  else if (low > n) low = n;
  if (high < low) high = low;
  else if (high > n) high = n;
  return rt_list_from_array(L(op)->ob_item + low, high - low);
}

/* a[ilow:ihigh] = v (v NULL deletes; v a list or any iterable). */
static int list_ass_slice(PyListObject *a, Py_ssize_t ilow, Py_ssize_t ihigh, PyObject *v)
{
  PyObject *seq = NULL, **recycle = NULL;
  Py_ssize_t n = 0, result = -1;
  if (v != NULL) {
    seq = (PyObject *)a == v ? PyList_GetSlice(v, 0, Py_SIZE(v)) : PySequence_Fast(v, "can only assign an iterable");
    if (seq == NULL) return -1;
    n = PySequence_Fast_GET_SIZE(seq);
  }
  Py_ssize_t size = Py_SIZE(a);
  if (ilow < 0) ilow = 0;
  else if (ilow > size) ilow = size;
  if (ihigh < ilow) ihigh = ilow;
  else if (ihigh > size) ihigh = size;
  Py_ssize_t norig = ihigh - ilow, d = n - norig;
  if (size + d == 0) {
    Py_XDECREF(seq);
    PyObject **items = a->ob_item;
    Py_ssize_t old = Py_SIZE(a);
    a->ob_item = NULL;
    a->allocated = 0;
    Py_SET_SIZE(a, 0);
    for (Py_ssize_t i = old; --i >= 0;) Py_XDECREF(items[i]);
    (PyMem_Free)(items);
    return 0;
  }
  if (norig > 0) {
    recycle = (PyMem_Malloc)((size_t)norig * sizeof(PyObject *));
    if (recycle == NULL) {
      PyErr_NoMemory();
      goto out;
    }
    memcpy(recycle, &a->ob_item[ilow], (size_t)norig * sizeof(PyObject *));
  }
  if (d < 0) {
    memmove(&a->ob_item[ihigh + d], &a->ob_item[ihigh], (size_t)(size - ihigh) * sizeof(PyObject *));
    (void)list_resize(a, size + d);   /* shrinking never fails (list_resize keeps the block) */
  } else if (d > 0) {
    if (list_resize(a, size + d) < 0) goto out;
    memmove(&a->ob_item[ihigh + d], &a->ob_item[ihigh], (size_t)(size - ihigh) * sizeof(PyObject *));
  }
  for (Py_ssize_t k = 0; k < n; k++) a->ob_item[ilow + k] = Py_NewRef(PySequence_Fast_GET_ITEM(seq, k));
  for (Py_ssize_t k = norig - 1; k >= 0; k--) Py_XDECREF(recycle[k]);
  result = 0;
out:
  (PyMem_Free)(recycle);
  Py_XDECREF(seq);
  return (int)result;
}

int PyList_SetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high, PyObject *v)
{
  if (op == NULL || !PyList_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return list_ass_slice(L(op), low, high, v);
}

int PyList_Extend(PyObject *op, PyObject *iterable)
{
  if (op == NULL || !PyList_Check(op) || iterable == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (PyList_CheckExact(iterable) || PyTuple_CheckExact(iterable))
    return list_ass_slice(L(op), Py_SIZE(op), Py_SIZE(op), iterable);
  PyObject *it = PyObject_GetIter(iterable), *item;
  if (it == NULL) return -1;
  while ((item = PyIter_Next(it)) != NULL) {
    int rc = PyList_Append(op, item);
    Py_DECREF(item);
    if (rc < 0) {
      Py_DECREF(it);
      return -1;
    }
  }
  Py_DECREF(it);
  return PyErr_Occurred() ? -1 : 0;
}

int PyList_Clear(PyObject *op)
{
  if (op == NULL || !PyList_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return list_ass_slice(L(op), 0, Py_SIZE(op), NULL);
}

int PyList_Reverse(PyObject *op)
{
  if (op == NULL || !PyList_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  PyObject **lo = L(op)->ob_item, **hi = lo + Py_SIZE(op) - 1;
  for (; lo < hi; lo++, hi--) {
    PyObject *t = *lo;
    *lo = *hi;
    *hi = t;
  }
  return 0;
}

/* Stable merge sort of items[0..n) using tmp; -1 when a comparison failed. */
static int merge_sort(PyObject **items, PyObject **tmp, Py_ssize_t n)
{
  if (n < 2) return 0;
  Py_ssize_t mid = n / 2;
  if (merge_sort(items, tmp, mid) < 0 || merge_sort(items + mid, tmp, n - mid) < 0) return -1;
  Py_ssize_t i = 0, j = mid, k = 0;
  while (i < mid && j < n) {
    int lt = PyObject_RichCompareBool(items[j], items[i], Py_LT);
    if (lt < 0) {
      /* keep every item: copy the rest back unmerged */
      while (i < mid) tmp[k++] = items[i++];
      while (j < n) tmp[k++] = items[j++];
      memcpy(items, tmp, (size_t)n * sizeof(PyObject *));
      return -1;
    }
    tmp[k++] = lt ? items[j++] : items[i++];
  }
  while (i < mid) tmp[k++] = items[i++];
  while (j < n) tmp[k++] = items[j++];
  memcpy(items, tmp, (size_t)n * sizeof(PyObject *));
  return 0;
}

int PyList_Sort(PyObject *op)
{
  if (op == NULL || !PyList_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  Py_ssize_t n = Py_SIZE(op);
  if (n < 2) return 0;
  PyObject **tmp = (PyMem_Malloc)((size_t)n * sizeof(PyObject *));
  if (tmp == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  /* The items are taken out while sorting, so a comparison that mutates the list cannot corrupt
   * the sort (CPython empties the list the same way). */
  PyObject **items = L(op)->ob_item;
  Py_ssize_t allocated = L(op)->allocated;
  L(op)->ob_item = NULL;
  L(op)->allocated = 0;
  Py_SET_SIZE(op, 0);
  int rc = merge_sort(items, tmp, n);
  (PyMem_Free)(tmp);
  PyObject **meanwhile = L(op)->ob_item;
  Py_ssize_t mn = Py_SIZE(op);
  L(op)->ob_item = items;
  L(op)->allocated = allocated;
  Py_SET_SIZE(op, n);
  if (meanwhile != NULL || mn != 0) {
    for (Py_ssize_t i = mn; --i >= 0;) Py_XDECREF(meanwhile[i]);
    (PyMem_Free)(meanwhile);
    if (rc == 0) {
      PyErr_SetString(PyExc_ValueError, "list modified during sort");
      rc = -1;
    }
  }
  return rc;
}

PyObject *PyList_AsTuple(PyObject *op)
{
  if (op == NULL || !PyList_Check(op)) return rt_bad_internal_call();
  return rt_tuple_from_array(L(op)->ob_item, Py_SIZE(op));
}

/* --- slots ---------------------------------------------------------------------------------------*/
static int list_traverse(PyObject *op, visitproc visit, void *arg)
{
  for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) Py_VISIT(L(op)->ob_item[i]);
  return 0;
}

static int list_clear_slot(PyObject *op) { return list_ass_slice(L(op), 0, Py_SIZE(op), NULL); }

static void list_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  PyObject **items = L(op)->ob_item;
  if (items != NULL) {
    for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) Py_XDECREF(items[i]);
    (PyMem_Free)(items);
  }
  Py_TYPE(op)->tp_free(op);
}

static PyObject *list_repr(PyObject *op)
{
  if (Py_SIZE(op) == 0) return PyUnicode_FromString("[]");
  if (Py_ReprEnter(op) != 0) return PyUnicode_FromString("[...]");
  RtBuf b = {0};
  rt_buf_add(&b, "[", 1);
  for (Py_ssize_t i = 0; i < Py_SIZE(op) && !b.failed; i++) {
    if (i > 0) rt_buf_add(&b, ", ", 2);
    PyObject *item = Py_NewRef(L(op)->ob_item[i]);
    rt_buf_add_object(&b, item, 1);
    Py_DECREF(item);
  }
  rt_buf_add(&b, "]", 1);
  Py_ReprLeave(op);
  return rt_buf_finish_str(&b);
}

static PyObject *list_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyList_Check(a) || !PyList_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  if (Py_SIZE(a) != Py_SIZE(b) && (op == Py_EQ || op == Py_NE)) return PyBool_FromLong(op == Py_NE);
  return rt_seq_richcompare(L(a)->ob_item, Py_SIZE(a), L(b)->ob_item, Py_SIZE(b), op);
}

static Py_ssize_t list_length(PyObject *op) { return Py_SIZE(op); }

static PyObject *list_item(PyObject *op, Py_ssize_t i)
{
  if (i < 0 || i >= Py_SIZE(op)) return index_error();
  return Py_NewRef(L(op)->ob_item[i]);
}

static int list_ass_item(PyObject *op, Py_ssize_t i, PyObject *v)
{
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
    return -1;
  }
  if (v == NULL) return list_ass_slice(L(op), i, i + 1, NULL);
  Py_SETREF(L(op)->ob_item[i], Py_NewRef(v));
  return 0;
}

static PyObject *list_subscript(PyObject *op, PyObject *key)
{
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return NULL;
    if (i < 0) i += Py_SIZE(op);
    return list_item(op, i);
  }
  if (PySlice_Check(key)) {
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(key, Py_SIZE(op), &start, &stop, &step, &n) < 0) return NULL;
    PyObject *r = PyList_New(n);
    if (r == NULL) return NULL;
    for (Py_ssize_t k = 0, i = start; k < n; k++, i += step) L(r)->ob_item[k] = Py_NewRef(L(op)->ob_item[i]);
    return r;
  }
  return rt_type_error("list indices must be integers or slices, not %s", Py_TYPE(key)->tp_name);
}

static int list_ass_subscript(PyObject *op, PyObject *key, PyObject *v)
{
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0) i += Py_SIZE(op);
    return list_ass_item(op, i, v);
  }
  if (PySlice_Check(key)) {
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(key, Py_SIZE(op), &start, &stop, &step, &n) < 0) return -1;
    if (step == 1) return list_ass_slice(L(op), start, stop, v);
    PyErr_SetString(PyExc_ValueError, "extended slice assignment is not supported by the runtime");
    return -1;
  }
  PyErr_Format(PyExc_TypeError, "list indices must be integers or slices, not %s", Py_TYPE(key)->tp_name);
  return -1;
}

static int list_contains(PyObject *op, PyObject *el)
{
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    PyObject *item = Py_NewRef(L(op)->ob_item[i]);
    int k = PyObject_RichCompareBool(item, el, Py_EQ);
    Py_DECREF(item);
    if (k != 0) return k;
  }
  return 0;
}

static PyObject *list_concat(PyObject *a, PyObject *b)
{
  if (!PyList_Check(b))
    return rt_type_error("can only concatenate list (not \"%s\") to list", Py_TYPE(b)->tp_name);
  PyObject *r = PyList_New(Py_SIZE(a) + Py_SIZE(b));
  if (r == NULL) return NULL;
  for (Py_ssize_t i = 0; i < Py_SIZE(a); i++) L(r)->ob_item[i] = Py_NewRef(L(a)->ob_item[i]);
  for (Py_ssize_t i = 0; i < Py_SIZE(b); i++) L(r)->ob_item[Py_SIZE(a) + i] = Py_NewRef(L(b)->ob_item[i]);
  return r;
}

static PyObject *list_repeat(PyObject *op, Py_ssize_t n)
{
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(op);
  if (len != 0 && n > PY_SSIZE_T_MAX / len / (Py_ssize_t)sizeof(PyObject *)) return PyErr_NoMemory();
  PyObject *r = PyList_New(len * n);
  if (r == NULL) return NULL;
  for (Py_ssize_t k = 0; k < n; k++)
    for (Py_ssize_t i = 0; i < len; i++) L(r)->ob_item[k * len + i] = Py_NewRef(L(op)->ob_item[i]);
  return r;
}

static PyObject *list_inplace_concat(PyObject *a, PyObject *b)
{
  if (PyList_Extend(a, b) < 0) return NULL;
  return Py_NewRef(a);
}

static PyObject *list_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  PyObject *x = NULL;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) return rt_type_error("list() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "list", 0, 1, &x)) return NULL;
  if (x == NULL) return PyList_New(0);
  return PySequence_List(x);
}

/* --- methods ---------------------------------------------------------------------------------------*/
static PyObject *m_append(PyObject *self, PyObject *v)
{
  if (PyList_Append(self, v) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *m_extend(PyObject *self, PyObject *v)
{
  if (PyList_Extend(self, v) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *m_insert(PyObject *self, PyObject *args)
{
  Py_ssize_t i;
  PyObject *v;
  if (!PyArg_ParseTuple(args, "nO:insert", &i, &v)) return NULL;
  if (ins1(L(self), i, v) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *m_pop(PyObject *self, PyObject *args)
{
  Py_ssize_t i = -1;
  if (!PyArg_ParseTuple(args, "|n:pop", &i)) return NULL;
  if (Py_SIZE(self) == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from empty list");
    return NULL;
  }
  if (i < 0) i += Py_SIZE(self);
  if (i < 0 || i >= Py_SIZE(self)) {
    PyErr_SetString(PyExc_IndexError, "pop index out of range");
    return NULL;
  }
  PyObject *v = Py_NewRef(L(self)->ob_item[i]);
  if (list_ass_slice(L(self), i, i + 1, NULL) < 0) {
    Py_DECREF(v);
    return NULL;
  }
  return v;
}

static PyObject *m_index(PyObject *self, PyObject *v)
{
  for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
    int k = PyObject_RichCompareBool(L(self)->ob_item[i], v, Py_EQ);
    if (k < 0) return NULL;
    if (k) return PyLong_FromSsize_t(i);
  }
  PyErr_Format(PyExc_ValueError, "%R is not in list", v);
  return NULL;
}

static PyObject *m_count(PyObject *self, PyObject *v)
{
  Py_ssize_t n = 0;
  for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
    int k = PyObject_RichCompareBool(L(self)->ob_item[i], v, Py_EQ);
    if (k < 0) return NULL;
    n += k;
  }
  return PyLong_FromSsize_t(n);
}

static PyObject *m_remove(PyObject *self, PyObject *v)
{
  for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
    int k = PyObject_RichCompareBool(L(self)->ob_item[i], v, Py_EQ);
    if (k < 0) return NULL;
    if (k) {
      if (list_ass_slice(L(self), i, i + 1, NULL) < 0) return NULL;
      Py_RETURN_NONE;
    }
  }
  PyErr_SetString(PyExc_ValueError, "list.remove(x): x not in list");
  return NULL;
}

static PyObject *m_reverse(PyObject *self, PyObject *unused)
{
  (void)unused;
  PyList_Reverse(self);
  Py_RETURN_NONE;
}

static PyObject *m_sort(PyObject *self, PyObject *unused)
{
  (void)unused;
  if (PyList_Sort(self) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *m_copy(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PyList_GetSlice(self, 0, Py_SIZE(self));
}

static PyObject *m_clear(PyObject *self, PyObject *unused)
{
  (void)unused;
  if (PyList_Clear(self) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyMethodDef list_methods[] = {
    {"append", m_append, METH_O, NULL},
    {"extend", m_extend, METH_O, NULL},
    {"insert", m_insert, METH_VARARGS, NULL},
    {"pop", m_pop, METH_VARARGS, NULL},
    {"index", m_index, METH_O, NULL},
    {"count", m_count, METH_O, NULL},
    {"remove", m_remove, METH_O, NULL},
    {"reverse", m_reverse, METH_NOARGS, NULL},
    {"sort", m_sort, METH_NOARGS, NULL},
    {"copy", m_copy, METH_NOARGS, NULL},
    {"clear", m_clear, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
};
static PyMappingMethods list_as_mapping = {list_length, list_subscript, list_ass_subscript};

/* --- iterator ----------------------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject *seq;                   /* owned; NULL once exhausted */
} ListIter;

static int listiter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((ListIter *)op)->seq);
  return 0;
}

static void listiter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((ListIter *)op)->seq);
  PyObject_GC_Del(op);
}

static PyObject *listiter_next(PyObject *op)
{
  ListIter *it = (ListIter *)op;
  if (it->seq == NULL) return NULL;
  if (it->index < Py_SIZE(it->seq)) return Py_NewRef(L(it->seq)->ob_item[it->index++]);
  Py_CLEAR(it->seq);
  return NULL;
}

PyTypeObject PyListIter_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(ListIter),
    .tp_dealloc = listiter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = listiter_next,
};

static PyObject *list_iter(PyObject *op)
{
  ListIter *it = (ListIter *)_PyObject_GC_New(&PyListIter_Type);
  if (it == NULL) return NULL;
  it->index = 0;
  it->seq = Py_NewRef(op);
  (PyObject_GC_Track)(it);
  return (PyObject *)it;
}

PyTypeObject PyList_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "list",
    .tp_basicsize = sizeof(PyListObject),
    .tp_dealloc = list_dealloc,
    .tp_repr = list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_SEQUENCE,
    .tp_traverse = list_traverse,
    .tp_clear = list_clear_slot,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = list_methods,
    .tp_new = list_new,
    .tp_free = PyObject_GC_Del,
};
