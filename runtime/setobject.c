/* setobject.c — set and frozenset, as CPython's Objects/setobject.c (a simpler table).
 *
 * Owns: PySet_Type, PyFrozenSet_Type, PySetIter_Type. A set owns its keys, in an open-addressing
 * table (a PyMem block) with a dummy marker for deleted slots; an empty set allocates nothing.
 * Both types are GC objects. PySet_Add works on a set, and on a frozenset nobody else holds yet
 * (count 1), as CPython allows for filling a new one; PySet_Discard, PySet_Pop and PySet_Clear
 * require a set (SystemError otherwise, as CPython's bad internal call).
 */
#include "rt_capi.h"

#include <string.h>

#define S(op) ((PySetObject *)(op))
static PyObject dummy_struct;
#define DUMMY (&dummy_struct)

static Py_hash_t hash_of(PyObject *key)
{
  if (PyUnicode_CheckExact(key)) return rt_str_hash(key);
  return PyObject_Hash(key);
}

/* 1 found (*slot), 0 absent (*slot: where to insert), -1 error. */
static int lookup(PySetObject *so, PyObject *key, Py_hash_t hash, Py_ssize_t *slot)
{
restart:
  if (so->table == NULL) return 0;
  size_t mask = (size_t)so->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
  Py_ssize_t free_slot = -1;
  for (;;) {
    setentry *e = &so->table[i];
    if (e->key == NULL) {
      *slot = free_slot >= 0 ? free_slot : (Py_ssize_t)i;
      return 0;
    }
    if (e->key == DUMMY) {
      if (free_slot < 0) free_slot = (Py_ssize_t)i;
    } else if (e->key == key) {
      *slot = (Py_ssize_t)i;
      return 1;
    } else if (e->hash == hash) {
      PyObject *startkey = e->key;
      setentry *table = so->table;
      Py_INCREF(startkey);
      int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
      Py_DECREF(startkey);
      if (cmp < 0) return -1;
      if (table != so->table || e->key != startkey) goto restart;
      if (cmp > 0) {
        *slot = (Py_ssize_t)i;
        return 1;
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

static int table_resize(PySetObject *so, Py_ssize_t minused)
{
  size_t newsize = 8;
  while (newsize <= (size_t)minused * 2) newsize <<= 1;
  setentry *table = (PyMem_Calloc)(newsize, sizeof(setentry));
  if (table == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  setentry *old = so->table;
  Py_ssize_t oldsize = so->table ? so->mask + 1 : 0;
  for (Py_ssize_t k = 0; k < oldsize; k++) {
    if (old[k].key == NULL || old[k].key == DUMMY) continue;
    size_t i = (size_t)old[k].hash & (newsize - 1), perturb = (size_t)old[k].hash;
    while (table[i].key != NULL) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & (newsize - 1);
    }
    table[i] = old[k];
  }
  so->table = table;
  so->mask = (Py_ssize_t)newsize - 1;
  so->fill = so->used;
  (PyMem_Free)(old);
  return 0;
}

static int set_add_key(PySetObject *so, PyObject *key)
{
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  Py_ssize_t slot;
  int found = lookup(so, key, hash, &slot);
  if (found != 0) return found < 0 ? -1 : 0;
  if (so->table == NULL || (so->fill + 1) * 5 >= (so->mask + 1) * 3) {
    if (table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4 + 1) < 0) return -1;
    if (lookup(so, key, hash, &slot) < 0) return -1;
  }
  setentry *e = &so->table[slot];
  if (e->key == NULL) so->fill++;
  e->key = Py_NewRef(key);
  e->hash = hash;
  so->used++;
  return 0;
}

/* 1 removed, 0 absent, -1 error. */
static int set_discard_key(PySetObject *so, PyObject *key)
{
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  Py_ssize_t slot;
  int found = lookup(so, key, hash, &slot);
  if (found <= 0) return found;
  PyObject *old = so->table[slot].key;
  so->table[slot].key = DUMMY;
  so->used--;
  Py_DECREF(old);
  return 1;
}

static void set_clear_internal(PySetObject *so)
{
  setentry *table = so->table;
  Py_ssize_t n = table ? so->mask + 1 : 0;
  so->table = NULL;
  so->mask = -1;
  so->fill = so->used = 0;
  so->hash = -1;
  for (Py_ssize_t i = 0; i < n; i++)
    if (table[i].key != NULL && table[i].key != DUMMY) Py_DECREF(table[i].key);
  (PyMem_Free)(table);
}

static int update_from(PySetObject *so, PyObject *iterable)
{
  if (PyAnySet_Check(iterable)) {
    PySetObject *other = S(iterable);
    for (Py_ssize_t i = 0; other->table && i <= other->mask; i++) {
      PyObject *k = other->table[i].key;
      if (k == NULL || k == DUMMY) continue;
      Py_INCREF(k);
      int rc = set_add_key(so, k);
      Py_DECREF(k);
      if (rc < 0) return -1;
    }
    return 0;
  }
  PyObject *it = PyObject_GetIter(iterable), *key;
  if (it == NULL) return -1;
  while ((key = PyIter_Next(it)) != NULL) {
    int rc = set_add_key(so, key);
    Py_DECREF(key);
    if (rc < 0) {
      Py_DECREF(it);
      return -1;
    }
  }
  Py_DECREF(it);
  return PyErr_Occurred() ? -1 : 0;
}

static PyObject *make_set(PyTypeObject *type, PyObject *iterable)
{
  PySetObject *so = (PySetObject *)_PyObject_GC_New(type);
  if (so == NULL) return NULL;
  so->fill = so->used = 0;
  so->mask = -1;
  so->table = NULL;
  so->hash = -1;
  (PyObject_GC_Track)(so);
  if (iterable != NULL && update_from(so, iterable) < 0) {
    Py_DECREF(so);
    return NULL;
  }
  return (PyObject *)so;
}

/* --- the API ------------------------------------------------------------------------------------*/
PyObject *PySet_New(PyObject *iterable) { return make_set(&PySet_Type, iterable); }
PyObject *PyFrozenSet_New(PyObject *iterable) { return make_set(&PyFrozenSet_Type, iterable); }

Py_ssize_t PySet_Size(PyObject *anyset)
{
  if (anyset == NULL || !PyAnySet_Check(anyset)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return S(anyset)->used;
}

int PySet_Contains(PyObject *anyset, PyObject *key)
{
  if (anyset == NULL || !PyAnySet_Check(anyset)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  Py_hash_t hash = hash_of(key);
  if (hash == -1) {
    /* CPython retries an unhashable set as a frozenset; the answer is "absent" for a set key. */
    return -1;
  }
  Py_ssize_t slot;
  return lookup(S(anyset), key, hash, &slot);
}

int PySet_Add(PyObject *set, PyObject *key)
{
  if (set == NULL || !(PySet_Check(set) || (PyFrozenSet_CheckExact(set) && Py_REFCNT(set) == 1))) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return set_add_key(S(set), key);
}

int PySet_Discard(PyObject *set, PyObject *key)
{
  if (set == NULL || !PySet_Check(set)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return set_discard_key(S(set), key);
}

PyObject *PySet_Pop(PyObject *set)
{
  if (set == NULL || !PySet_Check(set)) return rt_bad_internal_call();
  PySetObject *so = S(set);
  for (Py_ssize_t i = 0; so->table && i <= so->mask; i++) {
    PyObject *k = so->table[i].key;
    if (k == NULL || k == DUMMY) continue;
    so->table[i].key = DUMMY;
    so->used--;
    return k;   /* the set's reference moves to the caller */
  }
  PyErr_SetString(PyExc_KeyError, "pop from an empty set");
  return NULL;
}

int PySet_Clear(PyObject *set)
{
  if (set == NULL || !PySet_Check(set)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  set_clear_internal(S(set));
  return 0;
}

/* --- slots ---------------------------------------------------------------------------------------*/
static int set_traverse(PyObject *op, visitproc visit, void *arg)
{
  PySetObject *so = S(op);
  for (Py_ssize_t i = 0; so->table && i <= so->mask; i++)
    if (so->table[i].key != DUMMY) Py_VISIT(so->table[i].key);
  return 0;
}

static int set_tp_clear(PyObject *op)
{
  set_clear_internal(S(op));
  return 0;
}

static void set_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  set_clear_internal(S(op));
  Py_TYPE(op)->tp_free(op);
}

static PyObject *set_repr(PyObject *op)
{
  const char *name = PySet_CheckExact(op) ? NULL : Py_TYPE(op)->tp_name;
  if (S(op)->used == 0) return PyUnicode_FromFormat("%s()", Py_TYPE(op)->tp_name);
  if (Py_ReprEnter(op) != 0) return PyUnicode_FromFormat("%s(...)", Py_TYPE(op)->tp_name);
  RtBuf b = {0};
  if (name) rt_buf_addf(&b, "%s(", name);
  rt_buf_add(&b, "{", 1);
  Py_ssize_t n = 0;
  for (Py_ssize_t i = 0; S(op)->table && i <= S(op)->mask && !b.failed; i++) {
    PyObject *k = S(op)->table[i].key;
    if (k == NULL || k == DUMMY) continue;
    if (n++ > 0) rt_buf_add(&b, ", ", 2);
    rt_buf_add_object(&b, k, 1);
  }
  rt_buf_add(&b, "}", 1);
  if (name) rt_buf_add(&b, ")", 1);
  Py_ReprLeave(op);
  return rt_buf_finish_str(&b);
}

static Py_ssize_t set_length(PyObject *op) { return S(op)->used; }
static int set_contains(PyObject *op, PyObject *key) { return PySet_Contains(op, key); }

/* 1 when every key of a is in b. */
static int issubset(PyObject *a, PyObject *b)
{
  if (S(a)->used > S(b)->used) return 0;
  for (Py_ssize_t i = 0; S(a)->table && i <= S(a)->mask; i++) {
    PyObject *k = S(a)->table[i].key;
    if (k == NULL || k == DUMMY) continue;
    Py_ssize_t slot;
    int r = lookup(S(b), k, S(a)->table[i].hash, &slot);
    if (r <= 0) return r;
  }
  return 1;
}

static PyObject *set_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyAnySet_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  int r;
  switch (op) {
  case Py_EQ:
  case Py_NE:
    r = S(a)->used == S(b)->used ? issubset(a, b) : 0;
    if (r < 0) return NULL;
    return PyBool_FromLong(op == Py_EQ ? r : !r);
  case Py_LE: r = issubset(a, b); break;
  case Py_GE: r = issubset(b, a); break;
  case Py_LT: r = S(a)->used < S(b)->used ? issubset(a, b) : 0; break;
  default: r = S(a)->used > S(b)->used ? issubset(b, a) : 0; break;
  }
  return r < 0 ? NULL : PyBool_FromLong(r);
}

static Py_hash_t frozenset_hash(PyObject *op)
{
  PySetObject *so = S(op);
  if (so->hash != -1) return so->hash;
  Py_uhash_t h = 0;
  for (Py_ssize_t i = 0; so->table && i <= so->mask; i++) {
    PyObject *k = so->table[i].key;
    if (k == NULL || k == DUMMY) continue;
    Py_uhash_t x = (Py_uhash_t)so->table[i].hash;
    h ^= ((x ^ 89869747UL) ^ (x << 16)) * 3644798167UL;
  }
  h ^= ((Py_uhash_t)so->used + 1) * 1927868237UL;
  Py_hash_t r = (Py_hash_t)h;
  so->hash = r == -1 ? 590923713 : r;
  return so->hash;
}

static PyObject *set_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  PyObject *iterable = NULL;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0)
    return rt_type_error("%s() takes no keyword arguments", type->tp_name);
  if (!PyArg_UnpackTuple(args, type->tp_name, 0, 1, &iterable)) return NULL;
  return make_set(type, iterable);
}

static PyObject *m_add(PyObject *self, PyObject *key)
{
  if (set_add_key(S(self), key) < 0) return NULL;
  Py_RETURN_NONE;
}
static PyObject *m_discard(PyObject *self, PyObject *key)
{
  if (set_discard_key(S(self), key) < 0) return NULL;
  Py_RETURN_NONE;
}
static PyObject *m_remove(PyObject *self, PyObject *key)
{
  int rc = set_discard_key(S(self), key);
  if (rc < 0) return NULL;
  if (rc == 0) {
    PyObject *tup = PyTuple_Pack(1, key);
    if (tup != NULL) {
      PyErr_SetObject(PyExc_KeyError, tup);
      Py_DECREF(tup);
    }
    return NULL;
  }
  Py_RETURN_NONE;
}
static PyObject *m_pop(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PySet_Pop(self);
}
static PyObject *m_clear(PyObject *self, PyObject *unused)
{
  (void)unused;
  set_clear_internal(S(self));
  Py_RETURN_NONE;
}
static PyObject *m_update(PyObject *self, PyObject *other)
{
  if (update_from(S(self), other) < 0) return NULL;
  Py_RETURN_NONE;
}
static PyObject *m_copy(PyObject *self, PyObject *unused)
{
  (void)unused;
  return make_set(Py_TYPE(self), self);
}

static PyMethodDef set_methods[] = {
    {"add", m_add, METH_O, NULL},
    {"discard", m_discard, METH_O, NULL},
    {"remove", m_remove, METH_O, NULL},
    {"pop", m_pop, METH_NOARGS, NULL},
    {"clear", m_clear, METH_NOARGS, NULL},
    {"update", m_update, METH_O, NULL},
    {"copy", m_copy, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef frozenset_methods[] = {
    {"copy", m_copy, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods set_as_sequence = {.sq_length = set_length, .sq_contains = set_contains};

/* --- iterator ---------------------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  PyObject *set;                   /* owned; NULL once exhausted */
  Py_ssize_t pos;
  Py_ssize_t used;
} SetIter;

static int setiter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((SetIter *)op)->set);
  return 0;
}

static void setiter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((SetIter *)op)->set);
  PyObject_GC_Del(op);
}

static PyObject *setiter_next(PyObject *op)
{
  SetIter *it = (SetIter *)op;
  if (it->set == NULL) return NULL;
  PySetObject *so = S(it->set);
  if (so->used != it->used) {
    PyErr_SetString(PyExc_RuntimeError, "Set changed size during iteration");
    it->used = -1;
    return NULL;
  }
  for (; so->table && it->pos <= so->mask; it->pos++) {
    PyObject *k = so->table[it->pos].key;
    if (k != NULL && k != DUMMY) {
      it->pos++;
      return Py_NewRef(k);
    }
  }
  Py_CLEAR(it->set);
  return NULL;
}

PyTypeObject PySetIter_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(SetIter),
    .tp_dealloc = setiter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = setiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = setiter_next,
};

static PyObject *set_iter(PyObject *op)
{
  SetIter *it = (SetIter *)_PyObject_GC_New(&PySetIter_Type);
  if (it == NULL) return NULL;
  it->set = Py_NewRef(op);
  it->pos = 0;
  it->used = S(op)->used;
  (PyObject_GC_Track)(it);
  return (PyObject *)it;
}

#define SET_TYPE(var, name, hash, methods)                                                         \
  PyTypeObject var = {                                                                             \
      .ob_base = {{1, &PyType_Type}, 0},                                                           \
      .tp_name = name,                                                                             \
      .tp_basicsize = sizeof(PySetObject),                                                         \
      .tp_dealloc = set_dealloc,                                                                   \
      .tp_repr = set_repr,                                                                         \
      .tp_as_sequence = &set_as_sequence,                                                          \
      .tp_hash = hash,                                                                             \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,                   \
      .tp_traverse = set_traverse,                                                                 \
      .tp_clear = set_tp_clear,                                                                    \
      .tp_richcompare = set_richcompare,                                                           \
      .tp_iter = set_iter,                                                                         \
      .tp_methods = methods,                                                                       \
      .tp_new = set_new,                                                                           \
      .tp_free = PyObject_GC_Del,                                                                  \
  }
SET_TYPE(PySet_Type, "set", PyObject_HashNotImplemented, set_methods);
SET_TYPE(PyFrozenSet_Type, "frozenset", frozenset_hash, frozenset_methods);
