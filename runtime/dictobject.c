/* dictobject.c — dict, insertion-ordered, and its iterators, as CPython's Objects/dictobject.c
 * behaves (a much simpler table, no key sharing, no free list).
 *
 * Owns: PyDict_Type and the key/value/item iterator types. A dict owns its keys and values. Its
 * storage is two PyMem blocks: the entries in insertion order (a deleted entry keeps its slot with
 * key NULL until the next resize compacts them) and an open-addressing index of entry numbers
 * (EMPTY, DUMMY or an entry). An empty dict allocates nothing; growth is one failure point per
 * block under fault injection, and a failed growth leaves the dict unchanged.
 *
 * Invariants: ma_used counts live entries; ma_nentries <= ma_capacity <= 2/3 of ma_index_size;
 * ma_version_tag changes at every mutation, which is how a lookup notices that a key's __eq__
 * changed the dict under it (it starts over, as CPython).
 *
 * The GetItem family keeps CPython's exact error semantics (see dictobject.h).
 */
#include "rt_capi.h"

#include <string.h>

struct _rt_dict_entry {
  Py_hash_t hash;
  PyObject *key;                   /* owned; NULL for a deleted entry */
  PyObject *value;                 /* owned */
};

#define D(op) ((PyDictObject *)(op))
#define EMPTY (-1)
#define DUMMY (-2)
#define MIN_INDEX 8

static uint64_t version_counter;

/* --- hashing and lookup ------------------------------------------------------------------------*/
static Py_hash_t hash_of(PyObject *key)
{
  if (PyUnicode_CheckExact(key)) return rt_str_hash(key);
  return PyObject_Hash(key);
}

/* Finds key: 1 with *ix its entry and *slot its index slot; 0 with *slot where it would go;
 * -1 with an exception (a comparison failed). */
static int lookup(PyDictObject *mp, PyObject *key, Py_hash_t hash, Py_ssize_t *ix, size_t *slot)
{
restart:
  if (mp->ma_index_size == 0) {
    *slot = 0;
    return 0;
  }
  size_t mask = (size_t)mp->ma_index_size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
  size_t free_slot = (size_t)-1;
  for (;;) {
    Py_ssize_t e = mp->ma_index[i];
    if (e == EMPTY) {
      *slot = free_slot != (size_t)-1 ? free_slot : i;
      return 0;
    }
    if (e == DUMMY) {
      if (free_slot == (size_t)-1) free_slot = i;
    } else {
      _rt_dict_entry *ep = &mp->ma_entries[e];
      if (ep->key == key) {
        *ix = e;
        *slot = i;
        return 1;
      }
      if (ep->hash == hash) {
        PyObject *startkey = ep->key;
        if (PyUnicode_CheckExact(startkey) && PyUnicode_CheckExact(key)) {
          if (rt_str_equal(startkey, key)) {
            *ix = e;
            *slot = i;
            return 1;
          }
        } else {
          uint64_t version = mp->ma_version_tag;
          Py_INCREF(startkey);
          int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
          Py_DECREF(startkey);
          if (cmp < 0) return -1;
          if (mp->ma_version_tag != version) goto restart;   /* __eq__ changed the dict */
          if (cmp > 0) {
            *ix = e;
            *slot = i;
            return 1;
          }
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

/* Rebuilds the storage for at least `want` live entries, compacting deleted ones. 0 or -1. */
static int resize(PyDictObject *mp, Py_ssize_t want)
{
  Py_ssize_t isize = MIN_INDEX;
  while (isize * 2 / 3 < want) isize *= 2;
  Py_ssize_t cap = isize * 2 / 3;
  _rt_dict_entry *entries = (PyMem_Malloc)((size_t)cap * sizeof(_rt_dict_entry));
  if (entries == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  Py_ssize_t *index = (PyMem_Malloc)((size_t)isize * sizeof(Py_ssize_t));
  if (index == NULL) {
    (PyMem_Free)(entries);
    PyErr_NoMemory();
    return -1;
  }
  for (Py_ssize_t i = 0; i < isize; i++) index[i] = EMPTY;
  Py_ssize_t n = 0;
  size_t mask = (size_t)isize - 1;
  for (Py_ssize_t k = 0; k < mp->ma_nentries; k++) {
    _rt_dict_entry *ep = &mp->ma_entries[k];
    if (ep->key == NULL) continue;
    entries[n] = *ep;
    size_t i = (size_t)ep->hash & mask, perturb = (size_t)ep->hash;
    while (index[i] != EMPTY) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    index[i] = n++;
  }
  (PyMem_Free)(mp->ma_entries);
  (PyMem_Free)(mp->ma_index);
  mp->ma_entries = entries;
  mp->ma_index = index;
  mp->ma_index_size = isize;
  mp->ma_capacity = cap;
  mp->ma_nentries = n;
  return 0;
}

/* Stores key -> value (both borrowed: new references are taken). 0 or -1. */
static int insert(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value)
{
  Py_ssize_t ix;
  size_t slot;
  int found = lookup(mp, key, hash, &ix, &slot);
  if (found < 0) return -1;
  if (found) {
    PyObject *old = mp->ma_entries[ix].value;
    mp->ma_entries[ix].value = Py_NewRef(value);
    mp->ma_version_tag = ++version_counter;
    Py_DECREF(old);
    return 0;
  }
  if (mp->ma_nentries >= mp->ma_capacity) {
    if (resize(mp, mp->ma_used * 3 > 8 ? mp->ma_used * 3 : mp->ma_used + 1) < 0) return -1;
    if (lookup(mp, key, hash, &ix, &slot) < 0) return -1;   /* the slot moved */
  }
  Py_ssize_t e = mp->ma_nentries++;
  mp->ma_entries[e] = (_rt_dict_entry){hash, Py_NewRef(key), Py_NewRef(value)};
  mp->ma_index[slot] = e;
  mp->ma_used++;
  mp->ma_version_tag = ++version_counter;
  return 0;
}

/* Removes the entry ix found at slot; releases its key and value after unlinking them. */
static void delete_entry(PyDictObject *mp, Py_ssize_t ix, size_t slot, PyObject **value_out)
{
  _rt_dict_entry *ep = &mp->ma_entries[ix];
  PyObject *key = ep->key, *value = ep->value;
  ep->key = ep->value = NULL;
  mp->ma_index[slot] = DUMMY;
  mp->ma_used--;
  mp->ma_version_tag = ++version_counter;
  Py_DECREF(key);
  if (value_out != NULL) *value_out = value;
  else Py_DECREF(value);
}

/* --- creation and the GetItem family ------------------------------------------------------------*/
PyObject *PyDict_New(void)
{
  PyDictObject *mp = (PyDictObject *)_PyObject_GC_New(&PyDict_Type);
  if (mp == NULL) return NULL;
  mp->ma_used = 0;
  mp->ma_version_tag = ++version_counter;
  mp->ma_entries = NULL;
  mp->ma_nentries = mp->ma_capacity = 0;
  mp->ma_index = NULL;
  mp->ma_index_size = 0;
  (PyObject_GC_Track)(mp);
  return (PyObject *)mp;
}

/* The value for key (borrowed) or NULL, with or without an exception set. */
static PyObject *get_with_error(PyObject *op, PyObject *key)
{
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return NULL;
  Py_ssize_t ix;
  size_t slot;
  int found = lookup(D(op), key, hash, &ix, &slot);
  return found > 0 ? D(op)->ma_entries[ix].value : NULL;
}

PyObject *PyDict_GetItemWithError(PyObject *op, PyObject *key)
{
  if (op == NULL || !PyDict_Check(op) || key == NULL) return rt_bad_internal_call();
  return get_with_error(op, key);
}

PyObject *PyDict_GetItem(PyObject *op, PyObject *key)
{
  if (op == NULL || !PyDict_Check(op) || key == NULL) return NULL;
  PyObject *saved = PyErr_GetRaisedException();   /* the caller's exception survives the call */
  PyObject *v = get_with_error(op, key);
  PyErr_Clear();                                  /* errors of __hash__ / __eq__ are swallowed */
  PyErr_SetRaisedException(saved);
  return v;
}

PyObject *_PyDict_GetItemStringWithError(PyObject *op, const char *key)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) return NULL;
  PyObject *v = PyDict_GetItemWithError(op, k);
  Py_DECREF(k);
  return v;
}

PyObject *PyDict_GetItemString(PyObject *op, const char *key)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) {
    PyErr_Clear();
    return NULL;
  }
  PyObject *v = PyDict_GetItem(op, k);
  Py_DECREF(k);
  return v;
}

int PyDict_GetItemRef(PyObject *op, PyObject *key, PyObject **result)
{
  if (op == NULL || !PyDict_Check(op)) {
    *result = NULL;
    (PyErr_BadInternalCall)();
    return -1;
  }
  PyObject *v = get_with_error(op, key);
  *result = Py_XNewRef(v);
  if (v != NULL) return 1;
  return PyErr_Occurred() ? -1 : 0;
}

int PyDict_GetItemStringRef(PyObject *op, const char *key, PyObject **result)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) {
    *result = NULL;
    return -1;
  }
  int rc = PyDict_GetItemRef(op, k, result);
  Py_DECREF(k);
  return rc;
}

PyObject *rt_dict_get_cstr(PyObject *op, const char *key)
{
  PyDictObject *mp = D(op);
  if (mp->ma_index_size == 0) return NULL;
  Py_hash_t hash = _Py_HashBytes(key, (Py_ssize_t)strlen(key));
  size_t mask = (size_t)mp->ma_index_size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
  for (;;) {
    Py_ssize_t e = mp->ma_index[i];
    if (e == EMPTY) return NULL;
    if (e != DUMMY) {
      _rt_dict_entry *ep = &mp->ma_entries[e];
      if (ep->hash == hash && PyUnicode_Check(ep->key) && rt_str_equal_cstr(ep->key, key))
        return ep->value;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

/* --- mutation --------------------------------------------------------------------------------------*/
int PyDict_SetItem(PyObject *op, PyObject *key, PyObject *value)
{
  if (op == NULL || !PyDict_Check(op) || key == NULL || value == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  return insert(D(op), key, hash, value);
}

int PyDict_SetItemString(PyObject *op, const char *key, PyObject *value)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) return -1;
  PyUnicode_InternInPlace(&k);
  int rc = PyDict_SetItem(op, k, value);
  Py_DECREF(k);
  return rc;
}

static void key_error(PyObject *key)
{
  PyObject *tup = PyTuple_Pack(1, key);
  if (tup == NULL) return;
  PyErr_SetObject(PyExc_KeyError, tup);
  Py_DECREF(tup);
}

/* Removes key; 1 removed (*value_out owns the value if given), 0 absent, -1 error. */
static int pop_item(PyObject *op, PyObject *key, PyObject **value_out)
{
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  Py_ssize_t ix;
  size_t slot;
  int found = lookup(D(op), key, hash, &ix, &slot);
  if (found <= 0) return found;
  delete_entry(D(op), ix, slot, value_out);
  return 1;
}

int PyDict_DelItem(PyObject *op, PyObject *key)
{
  if (op == NULL || !PyDict_Check(op) || key == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  int rc = pop_item(op, key, NULL);
  if (rc == 0) key_error(key);
  return rc > 0 ? 0 : -1;
}

int PyDict_DelItemString(PyObject *op, const char *key)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) return -1;
  int rc = PyDict_DelItem(op, k);
  Py_DECREF(k);
  return rc;
}

int PyDict_Pop(PyObject *op, PyObject *key, PyObject **result)
{
  if (result) *result = NULL;
  if (op == NULL || !PyDict_Check(op) || key == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  PyObject *v = NULL;
  int rc = pop_item(op, key, &v);
  if (rc > 0) {
    if (result) *result = v;
    else Py_DECREF(v);
  }
  return rc;
}

int PyDict_PopString(PyObject *op, const char *key, PyObject **result)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) {
    if (result) *result = NULL;
    return -1;
  }
  int rc = PyDict_Pop(op, k, result);
  Py_DECREF(k);
  return rc;
}

int PyDict_SetDefaultRef(PyObject *op, PyObject *key, PyObject *deflt, PyObject **result)
{
  if (result) *result = NULL;
  if (op == NULL || !PyDict_Check(op) || key == NULL || deflt == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  Py_ssize_t ix;
  size_t slot;
  int found = lookup(D(op), key, hash, &ix, &slot);
  if (found < 0) return -1;
  if (found) {
    if (result) *result = Py_NewRef(D(op)->ma_entries[ix].value);
    return 1;
  }
  if (insert(D(op), key, hash, deflt) < 0) return -1;
  if (result) *result = Py_NewRef(deflt);
  return 0;
}

PyObject *PyDict_SetDefault(PyObject *op, PyObject *key, PyObject *deflt)
{
  PyObject *r;
  if (PyDict_SetDefaultRef(op, key, deflt, &r) < 0) return NULL;
  Py_DECREF(r);   /* the dict holds it: the result is borrowed */
  return r;
}

void PyDict_Clear(PyObject *op)
{
  if (op == NULL || !PyDict_Check(op)) return;
  PyDictObject *mp = D(op);
  _rt_dict_entry *entries = mp->ma_entries;
  Py_ssize_t n = mp->ma_nentries;
  (PyMem_Free)(mp->ma_index);
  mp->ma_entries = NULL;
  mp->ma_index = NULL;
  mp->ma_nentries = mp->ma_capacity = mp->ma_index_size = 0;
  mp->ma_used = 0;
  mp->ma_version_tag = ++version_counter;
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_XDECREF(entries[i].key);
    Py_XDECREF(entries[i].value);
  }
  (PyMem_Free)(entries);
}

/* --- iteration and views ---------------------------------------------------------------------------*/
int PyDict_Next(PyObject *op, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue)
{
  if (op == NULL || !PyDict_Check(op)) return 0;
  PyDictObject *mp = D(op);
  Py_ssize_t i = *ppos;
  if (i < 0) return 0;
  while (i < mp->ma_nentries && mp->ma_entries[i].key == NULL) i++;
  if (i >= mp->ma_nentries) return 0;
  *ppos = i + 1;
  if (pkey) *pkey = mp->ma_entries[i].key;
  if (pvalue) *pvalue = mp->ma_entries[i].value;
  return 1;
}

enum { WANT_KEYS, WANT_VALUES, WANT_ITEMS };

static PyObject *dict_list(PyObject *op, int what)
{
  if (op == NULL || !PyDict_Check(op)) return rt_bad_internal_call();
  PyObject *list = PyList_New(D(op)->ma_used);
  if (list == NULL) return NULL;
  Py_ssize_t pos = 0, j = 0;
  PyObject *k, *v;
  while (PyDict_Next(op, &pos, &k, &v)) {
    PyObject *item = what == WANT_KEYS ? Py_NewRef(k) : what == WANT_VALUES ? Py_NewRef(v)
                                                                            : PyTuple_Pack(2, k, v);
    if (item == NULL) {
      Py_DECREF(list);
      return NULL;
    }
    PyList_SET_ITEM(list, j++, item);
  }
  return list;
}

PyObject *PyDict_Keys(PyObject *op) { return dict_list(op, WANT_KEYS); }
PyObject *PyDict_Values(PyObject *op) { return dict_list(op, WANT_VALUES); }
PyObject *PyDict_Items(PyObject *op) { return dict_list(op, WANT_ITEMS); }

Py_ssize_t PyDict_Size(PyObject *op)
{
  if (op == NULL || !PyDict_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return D(op)->ma_used;
}

int PyDict_Contains(PyObject *op, PyObject *key)
{
  if (op == NULL || !PyDict_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  PyObject *v = get_with_error(op, key);
  if (v != NULL) return 1;
  return PyErr_Occurred() ? -1 : 0;
}

int PyDict_ContainsString(PyObject *op, const char *key)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) return -1;
  int rc = PyDict_Contains(op, k);
  Py_DECREF(k);
  return rc;
}

int PyDict_Merge(PyObject *a, PyObject *b, int override)
{
  if (a == NULL || !PyDict_Check(a) || b == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (PyDict_Check(b)) {
    if (a == b) return 0;
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(b, &pos, &k, &v)) {
      Py_INCREF(k);
      Py_INCREF(v);
      int rc = 0;
      if (override) rc = insert(D(a), k, D(b)->ma_entries[pos - 1].hash, v);
      else {
        int has = PyDict_Contains(a, k);
        rc = has < 0 ? -1 : has ? 0 : insert(D(a), k, D(b)->ma_entries[pos - 1].hash, v);
      }
      Py_DECREF(k);
      Py_DECREF(v);
      if (rc < 0) return -1;
    }
    return 0;
  }
  PyObject *keys = PyMapping_Keys(b);
  if (keys == NULL) return -1;
  PyObject *iter = PyObject_GetIter(keys);
  Py_DECREF(keys);
  if (iter == NULL) return -1;
  PyObject *key;
  while ((key = PyIter_Next(iter)) != NULL) {
    int rc = 0;
    if (!override) {
      int has = PyDict_Contains(a, key);
      if (has != 0) rc = has < 0 ? -1 : 1;
    }
    if (rc == 0) {
      PyObject *value = PyObject_GetItem(b, key);
      rc = value == NULL ? -1 : PyDict_SetItem(a, key, value);
      Py_XDECREF(value);
    }
    Py_DECREF(key);
    if (rc < 0) {
      Py_DECREF(iter);
      return -1;
    }
  }
  Py_DECREF(iter);
  return PyErr_Occurred() ? -1 : 0;
}

int PyDict_Update(PyObject *a, PyObject *b) { return PyDict_Merge(a, b, 1); }

int PyDict_MergeFromSeq2(PyObject *d, PyObject *seq2, int override)
{
  PyObject *it = PyObject_GetIter(seq2);
  if (it == NULL) return -1;
  PyObject *item;
  Py_ssize_t i = 0;
  int rc = 0;
  for (; (item = PyIter_Next(it)) != NULL; i++) {
    PyObject *fast = PySequence_Fast(item, "");
    if (fast == NULL) {
      if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "cannot convert dictionary update sequence element #%zd to a "
                     "sequence", i);
      }
      rc = -1;
    } else if (PySequence_Fast_GET_SIZE(fast) != 2) {
      PyErr_Format(PyExc_ValueError, "dictionary update sequence element #%zd has length %zd; 2 is "
                   "required", i, PySequence_Fast_GET_SIZE(fast));
      rc = -1;
    } else {
      PyObject *k = PySequence_Fast_GET_ITEM(fast, 0), *v = PySequence_Fast_GET_ITEM(fast, 1);
      int has = override ? 0 : PyDict_Contains(d, k);
      rc = has < 0 ? -1 : has ? 0 : PyDict_SetItem(d, k, v);
    }
    Py_XDECREF(fast);
    Py_DECREF(item);
    if (rc < 0) break;
  }
  Py_DECREF(it);
  return rc < 0 || PyErr_Occurred() ? -1 : 0;
}

PyObject *PyDict_Copy(PyObject *op)
{
  if (op == NULL || !PyDict_Check(op)) return rt_bad_internal_call();
  PyObject *copy = PyDict_New();
  if (copy == NULL) return NULL;
  if (D(op)->ma_used > 0 && resize(D(copy), D(op)->ma_used) < 0) {
    Py_DECREF(copy);
    return NULL;
  }
  if (PyDict_Merge(copy, op, 1) < 0) {
    Py_DECREF(copy);
    return NULL;
  }
  return copy;
}

/* --- slots ----------------------------------------------------------------------------------------*/
static int dict_traverse(PyObject *op, visitproc visit, void *arg)
{
  PyDictObject *mp = D(op);
  for (Py_ssize_t i = 0; i < mp->ma_nentries; i++) {
    Py_VISIT(mp->ma_entries[i].key);
    Py_VISIT(mp->ma_entries[i].value);
  }
  return 0;
}

static int dict_tp_clear(PyObject *op)
{
  PyDict_Clear(op);
  return 0;
}

static void dict_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  PyDict_Clear(op);
  Py_TYPE(op)->tp_free(op);
}

static PyObject *dict_repr(PyObject *op)
{
  if (D(op)->ma_used == 0) return PyUnicode_FromString("{}");
  if (Py_ReprEnter(op) != 0) return PyUnicode_FromString("{...}");
  RtBuf b = {0};
  rt_buf_add(&b, "{", 1);
  Py_ssize_t pos = 0, n = 0;
  PyObject *k, *v;
  while (!b.failed && PyDict_Next(op, &pos, &k, &v)) {
    Py_INCREF(k);
    Py_INCREF(v);
    if (n++ > 0) rt_buf_add(&b, ", ", 2);
    rt_buf_add_object(&b, k, 1);
    rt_buf_add(&b, ": ", 2);
    rt_buf_add_object(&b, v, 1);
    Py_DECREF(k);
    Py_DECREF(v);
  }
  rt_buf_add(&b, "}", 1);
  Py_ReprLeave(op);
  return rt_buf_finish_str(&b);
}

static PyObject *dict_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyDict_Check(a) || !PyDict_Check(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
  int eq = D(a)->ma_used == D(b)->ma_used;
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  while (eq && PyDict_Next(a, &pos, &k, &v)) {
    Py_INCREF(k);
    Py_INCREF(v);
    PyObject *bv = get_with_error(b, k);
    int c = bv == NULL ? (PyErr_Occurred() ? -1 : 0) : PyObject_RichCompareBool(v, bv, Py_EQ);
    Py_DECREF(k);
    Py_DECREF(v);
    if (c < 0) return NULL;
    eq = c;
  }
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_ssize_t dict_length(PyObject *op) { return D(op)->ma_used; }

static PyObject *dict_subscript(PyObject *op, PyObject *key)
{
  PyObject *v = get_with_error(op, key);
  if (v != NULL) return Py_NewRef(v);
  if (!PyErr_Occurred()) key_error(key);
  return NULL;
}

static int dict_ass_subscript(PyObject *op, PyObject *key, PyObject *v)
{
  return v == NULL ? PyDict_DelItem(op, key) : PyDict_SetItem(op, key, v);
}

static int dict_contains(PyObject *op, PyObject *key) { return PyDict_Contains(op, key); }

static int dict_init(PyObject *self, PyObject *args, PyObject *kwds)
{
  PyObject *arg = NULL;
  if (!PyArg_UnpackTuple(args, "dict", 0, 1, &arg)) return -1;
  if (arg != NULL) {
    int rc = PyDict_Check(arg) || PyObject_HasAttrString(arg, "keys") ? PyDict_Merge(self, arg, 1)
                                                                       : PyDict_MergeFromSeq2(self, arg, 1);
    if (rc < 0) return -1;
  }
  if (kwds != NULL && PyDict_Merge(self, kwds, 1) < 0) return -1;
  return 0;
}

static PyObject *dict_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)args;
  (void)kwds;
  if (type == &PyDict_Type) return PyDict_New();
  return PyType_GenericAlloc(type, 0);
}

/* --- methods ----------------------------------------------------------------------------------------*/
static PyObject *m_keys(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PyDict_Keys(self);
}
static PyObject *m_values(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PyDict_Values(self);
}
static PyObject *m_items(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PyDict_Items(self);
}
static PyObject *m_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
  if (nargs < 1 || nargs > 2) return rt_type_error("get expected 1 or 2 arguments, got %zd", nargs);
  PyObject *v = get_with_error(self, args[0]);
  if (v == NULL && PyErr_Occurred()) return NULL;
  return Py_NewRef(v != NULL ? v : nargs == 2 ? args[1] : Py_None);
}
static PyObject *m_setdefault(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
  if (nargs < 1 || nargs > 2) return rt_type_error("setdefault expected 1 or 2 arguments, got %zd", nargs);
  PyObject *r;
  if (PyDict_SetDefaultRef(self, args[0], nargs == 2 ? args[1] : Py_None, &r) < 0) return NULL;
  return r;
}
static PyObject *m_pop(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
  if (nargs < 1 || nargs > 2) return rt_type_error("pop expected 1 or 2 arguments, got %zd", nargs);
  PyObject *r;
  int rc = PyDict_Pop(self, args[0], &r);
  if (rc < 0) return NULL;
  if (rc == 0) {
    if (nargs == 2) return Py_NewRef(args[1]);
    key_error(args[0]);
    return NULL;
  }
  return r;
}
static PyObject *m_update(PyObject *self, PyObject *args, PyObject *kwds)
{
  if (dict_init(self, args, kwds) < 0) return NULL;
  Py_RETURN_NONE;
}
static PyObject *m_copy(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PyDict_Copy(self);
}
static PyObject *m_clear(PyObject *self, PyObject *unused)
{
  (void)unused;
  PyDict_Clear(self);
  Py_RETURN_NONE;
}

static PyMethodDef dict_methods[] = {
    {"keys", m_keys, METH_NOARGS, NULL},
    {"values", m_values, METH_NOARGS, NULL},
    {"items", m_items, METH_NOARGS, NULL},
    {"get", (PyCFunction)(void (*)(void))m_get, METH_FASTCALL, NULL},
    {"setdefault", (PyCFunction)(void (*)(void))m_setdefault, METH_FASTCALL, NULL},
    {"pop", (PyCFunction)(void (*)(void))m_pop, METH_FASTCALL, NULL},
    {"update", (PyCFunction)(void (*)(void))m_update, METH_VARARGS | METH_KEYWORDS, NULL},
    {"copy", m_copy, METH_NOARGS, NULL},
    {"clear", m_clear, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMappingMethods dict_as_mapping = {dict_length, dict_subscript, dict_ass_subscript};
static PySequenceMethods dict_as_sequence = {.sq_contains = dict_contains};

/* --- iterators ---------------------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  PyObject *dict;                  /* owned; NULL once exhausted */
  Py_ssize_t pos;                  /* next entry */
  Py_ssize_t used;                 /* ma_used when created: a change is an error */
} DictIter;

static int dictiter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((DictIter *)op)->dict);
  return 0;
}

static void dictiter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((DictIter *)op)->dict);
  PyObject_GC_Del(op);
}

static PyObject *dictiter_next(PyObject *op)
{
  DictIter *it = (DictIter *)op;
  if (it->dict == NULL) return NULL;
  if (D(it->dict)->ma_used != it->used) {
    PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
    it->used = -1;
    return NULL;
  }
  PyObject *k, *v;
  if (!PyDict_Next(it->dict, &it->pos, &k, &v)) {
    Py_CLEAR(it->dict);
    return NULL;
  }
  if (Py_IS_TYPE(op, &PyDictIterKey_Type)) return Py_NewRef(k);
  if (Py_IS_TYPE(op, &PyDictIterValue_Type)) return Py_NewRef(v);
  return PyTuple_Pack(2, k, v);
}

#define DICTITER_TYPE(var, name)                                                                   \
  PyTypeObject var = {                                                                             \
      .ob_base = {{1, &PyType_Type}, 0},                                                           \
      .tp_name = name,                                                                             \
      .tp_basicsize = sizeof(DictIter),                                                            \
      .tp_dealloc = dictiter_dealloc,                                                              \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                         \
      .tp_traverse = dictiter_traverse,                                                            \
      .tp_iter = PyObject_SelfIter,                                                                \
      .tp_iternext = dictiter_next,                                                                \
  }
DICTITER_TYPE(PyDictIterKey_Type, "dict_keyiterator");
DICTITER_TYPE(PyDictIterValue_Type, "dict_valueiterator");
DICTITER_TYPE(PyDictIterItem_Type, "dict_itemiterator");

static PyObject *dict_iter(PyObject *op)
{
  DictIter *it = (DictIter *)_PyObject_GC_New(&PyDictIterKey_Type);
  if (it == NULL) return NULL;
  it->dict = Py_NewRef(op);
  it->pos = 0;
  it->used = D(op)->ma_used;
  (PyObject_GC_Track)(it);
  return (PyObject *)it;
}

PyTypeObject PyDict_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "dict",
    .tp_basicsize = sizeof(PyDictObject),
    .tp_dealloc = dict_dealloc,
    .tp_repr = dict_repr,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_DICT_SUBCLASS | Py_TPFLAGS_MAPPING,
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .tp_methods = dict_methods,
    .tp_init = dict_init,
    .tp_new = dict_new,
    .tp_free = PyObject_GC_Del,
};
