/* weakrefobject.c — weak references and proxies (CPython's weakref.ref, weakproxy and
 * weakcallableproxy) and PyObject_ClearWeakRefs.
 *
 * Ownership: a weak reference holds its callback (owned) and a borrowed pointer to its referent;
 * it sits in the referent's doubly linked list (the field at tp_weaklistoffset) until the referent
 * dies or the reference does. References are GC objects (the callback may close a cycle).
 *
 * Invariants (CPython's):
 *  - wr_object is either a live object whose list holds this reference, or Py_None (dead, unlinked);
 *  - a list starts with the basic reference (exact weakref.ref, no callback) if there is one, then
 *    the basic proxy if there is one; references with callbacks follow. Basic ones are shared.
 *  - PyObject_ClearWeakRefs runs with the referent's count at zero (from its tp_dealloc): it clears
 *    every reference first, then calls the callbacks, each with its (now dead) reference; a
 *    callback's error is reported unraisable. It allocates nothing, so it cannot fail part-way.
 */
#include "rt_capi.h"
#include "weakrefobject.h"

#define SUPPORTS_WEAKREFS(tp) ((tp)->tp_weaklistoffset > 0)
#define LISTPTR(o) ((PyWeakReference **)((char *)(o) + Py_TYPE(o)->tp_weaklistoffset))

/* The shared (callback-free) reference and proxy at the head of a list. */
static void get_basic_refs(PyWeakReference *head, PyWeakReference **refp, PyWeakReference **proxyp)
{
  *refp = *proxyp = NULL;
  if (head != NULL && head->wr_callback == NULL) {
    if (PyWeakref_CheckRefExact(head)) {
      *refp = head;
      head = head->wr_next;
    }
    if (head != NULL && head->wr_callback == NULL && PyWeakref_CheckProxy(head)) *proxyp = head;
  }
}

static void insert_after(PyWeakReference *self, PyWeakReference *prev)
{
  self->wr_prev = prev;
  self->wr_next = prev->wr_next;
  if (prev->wr_next != NULL) prev->wr_next->wr_prev = self;
  prev->wr_next = self;
}

static void insert_head(PyWeakReference *self, PyWeakReference **list)
{
  self->wr_prev = NULL;
  self->wr_next = *list;
  if (*list != NULL) (*list)->wr_prev = self;
  *list = self;
}

/* Unlinks a live reference from its referent's list and marks it dead; the callback stays. */
static void unlink_ref(PyWeakReference *self)
{
  if (self->wr_object != Py_None) {
    PyWeakReference **list = LISTPTR(self->wr_object);
    if (*list == self) *list = self->wr_next;
    self->wr_object = Py_None;
    if (self->wr_prev != NULL) self->wr_prev->wr_next = self->wr_next;
    if (self->wr_next != NULL) self->wr_next->wr_prev = self->wr_prev;
    self->wr_prev = self->wr_next = NULL;
  }
}

/* A new, unlinked, tracked reference of type to ob, holding callback; NULL with MemoryError. */
static PyWeakReference *new_weakref(PyTypeObject *type, PyObject *ob, PyObject *callback)
{
  /* A subclass (a heap type) allocates through tp_alloc, which takes the type's reference. */
  PyObject *op = (type->tp_flags & Py_TPFLAGS_HEAPTYPE) ? type->tp_alloc(type, 0)
                                                         : _PyObject_GC_New(type);
  if (op == NULL) return NULL;
  PyWeakReference *self = (PyWeakReference *)op;
  self->wr_object = ob;
  self->wr_callback = Py_XNewRef(callback);
  self->hash = -1;
  self->wr_prev = self->wr_next = self->wr_pending = NULL;
  if (!PyObject_GC_IsTracked(op)) PyObject_GC_Track(op);
  return self;
}

/* weakref.ref(ob, callback) or a proxy (proxy: type is one of the proxy types). */
static PyObject *make_ref(PyTypeObject *type, PyObject *ob, PyObject *callback, int proxy)
{
  if (ob == NULL) return rt_bad_internal_call();
  if (!SUPPORTS_WEAKREFS(Py_TYPE(ob)))
    return rt_type_error("cannot create weak reference to '%s' object", Py_TYPE(ob)->tp_name);
  PyWeakReference **list = LISTPTR(ob), *ref, *prx;
  if (callback == Py_None) callback = NULL;
  int basic = callback == NULL && (proxy || type == &_PyWeakref_RefType);
  get_basic_refs(*list, &ref, &prx);
  if (basic && (proxy ? prx : ref) != NULL) return Py_NewRef((PyObject *)(proxy ? prx : ref));
  PyWeakReference *result = new_weakref(type, ob, callback);
  if (result == NULL) return NULL;
  get_basic_refs(*list, &ref, &prx);   /* allocating may have run a collection, and callbacks */
  if (basic && (proxy ? prx : ref) != NULL) {
    Py_DECREF((PyObject *)result);
    return Py_NewRef((PyObject *)(proxy ? prx : ref));
  }
  PyWeakReference *prev;
  if (basic) prev = proxy ? ref : NULL;   /* the basic ref first, then the basic proxy */
  else prev = prx != NULL ? prx : ref;    /* then the rest */
  if (prev == NULL) insert_head(result, list);
  else insert_after(result, prev);
  return (PyObject *)result;
}

PyObject *PyWeakref_NewRef(PyObject *ob, PyObject *callback)
{
  return make_ref(&_PyWeakref_RefType, ob, callback, 0);
}

PyObject *PyWeakref_NewProxy(PyObject *ob, PyObject *callback)
{
  if (ob == NULL) return rt_bad_internal_call();
  PyTypeObject *type = PyCallable_Check(ob) ? &_PyWeakref_CallableProxyType : &_PyWeakref_ProxyType;
  return make_ref(type, ob, callback, 1);
}

PyObject *PyWeakref_GetObject(PyObject *ref)
{
  if (ref == NULL || !PyWeakref_Check(ref)) return rt_bad_internal_call();
  return PyWeakref_GET_OBJECT(ref);
}

int PyWeakref_GetRef(PyObject *ref, PyObject **pobj)
{
  if (ref == NULL || !PyWeakref_Check(ref)) {
    *pobj = NULL;
    PyErr_SetString(PyExc_TypeError, "expected a weakref");
    return -1;
  }
  PyObject *obj = PyWeakref_GET_OBJECT(ref);
  *pobj = obj == Py_None ? NULL : Py_NewRef(obj);
  return *pobj != NULL;
}

void PyObject_ClearWeakRefs(PyObject *ob)
{
  if (ob == NULL || !SUPPORTS_WEAKREFS(Py_TYPE(ob)) || Py_REFCNT(ob) != 0) {
    rt_bad_internal_call();
    return;
  }
  PyWeakReference **list = LISTPTR(ob), *pending = NULL, **tail = &pending;
  /* Pass 1: every reference dies; those with a callback are kept alive on the pending chain. */
  while (*list != NULL) {
    PyWeakReference *r = *list;
    unlink_ref(r);
    if (r->wr_callback != NULL) {
      Py_INCREF((PyObject *)r);
      r->wr_pending = NULL;
      *tail = r;
      tail = &r->wr_pending;
    }
  }
  if (pending == NULL) return;
  /* Pass 2: the callbacks, with the caller's exception kept aside. */
  PyObject *saved = PyErr_GetRaisedException();
  while (pending != NULL) {
    PyWeakReference *r = pending;
    pending = r->wr_pending;
    r->wr_pending = NULL;
    PyObject *cb = r->wr_callback;
    r->wr_callback = NULL;
    if (cb != NULL) {
      PyObject *res = PyObject_CallOneArg(cb, (PyObject *)r);
      if (res == NULL) PyErr_WriteUnraisable(cb);
      Py_XDECREF(res);
      Py_DECREF(cb);
    }
    Py_DECREF((PyObject *)r);
  }
  PyErr_SetRaisedException(saved);
}

/* --- weakref.ref ---------------------------------------------------------------------------------*/
static void weakref_dealloc(PyObject *op)
{
  PyWeakReference *self = (PyWeakReference *)op;
  PyObject_GC_UnTrack(op);
  unlink_ref(self);
  Py_CLEAR(self->wr_callback);
  Py_TYPE(op)->tp_free(op);
}

static int weakref_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((PyWeakReference *)op)->wr_callback);
  return 0;
}

static int weakref_clear(PyObject *op)
{
  PyWeakReference *self = (PyWeakReference *)op;
  unlink_ref(self);
  Py_CLEAR(self->wr_callback);
  return 0;
}

static PyObject *weakref_call(PyObject *op, PyObject *args, PyObject *kw)
{
  if (kw != NULL && PyDict_GET_SIZE(kw) != 0)
    return rt_type_error("weakref() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "weakref", 0, 0)) return NULL;
  return Py_NewRef(PyWeakref_GET_OBJECT(op));
}

static Py_hash_t weakref_hash(PyObject *op)
{
  PyWeakReference *self = (PyWeakReference *)op;
  if (self->hash != -1) return self->hash;
  PyObject *obj = PyWeakref_GET_OBJECT(op);
  if (obj == Py_None) {
    PyErr_SetString(PyExc_TypeError, "weak object has gone away");
    return -1;
  }
  Py_INCREF(obj);
  self->hash = PyObject_Hash(obj);
  Py_DECREF(obj);
  return self->hash;
}

static PyObject *weakref_repr(PyObject *op)
{
  PyObject *obj = PyWeakref_GET_OBJECT(op);
  if (obj == Py_None) return PyUnicode_FromFormat("<weakref at %p; dead>", (void *)op);
  return PyUnicode_FromFormat("<weakref at %p; to '%s' at %p>", (void *)op, Py_TYPE(obj)->tp_name,
                              (void *)obj);
}

/* == and != compare live referents; a dead reference equals only itself. */
static PyObject *weakref_richcompare(PyObject *self, PyObject *other, int op)
{
  if ((op != Py_EQ && op != Py_NE) || !PyWeakref_CheckRef(self) || !PyWeakref_CheckRef(other))
    Py_RETURN_NOTIMPLEMENTED;
  PyObject *a = PyWeakref_GET_OBJECT(self), *b = PyWeakref_GET_OBJECT(other);
  if (a == Py_None || b == Py_None) {
    int same = self == other;
    return Py_NewRef(((op == Py_EQ) == same) ? Py_True : Py_False);
  }
  Py_INCREF(a);
  Py_INCREF(b);
  PyObject *r = PyObject_RichCompare(a, b, op);
  Py_DECREF(a);
  Py_DECREF(b);
  return r;
}

/* weakref.ref(object[, callback]) */
static PyObject *weakref_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  PyObject *ob, *callback = NULL;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0)
    return rt_type_error("ref() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "__new__", 1, 2, &ob, &callback)) return NULL;
  return make_ref(type, ob, callback, 0);
}

static PyMemberDef weakref_members[] = {
    {"__callback__", _Py_T_OBJECT, offsetof(PyWeakReference, wr_callback), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject _PyWeakref_RefType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "weakref.ReferenceType",
    .tp_basicsize = sizeof(PyWeakReference),
    .tp_dealloc = weakref_dealloc,
    .tp_repr = weakref_repr,
    .tp_hash = weakref_hash,
    .tp_call = weakref_call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = weakref_traverse,
    .tp_clear = weakref_clear,
    .tp_richcompare = weakref_richcompare,
    .tp_members = weakref_members,
    .tp_new = weakref_new,
    .tp_free = PyObject_GC_Del,
};

/* --- proxies: every operation goes to the live referent, ReferenceError once it is dead --------*/
/* The referent with a new reference, or NULL with ReferenceError. */
static PyObject *referent(PyObject *proxy)
{
  PyObject *obj = PyWeakref_GET_OBJECT(proxy);
  if (obj == Py_None) {
    PyErr_SetString(PyExc_ReferenceError, "weakly-referenced object no longer exists");
    return NULL;
  }
  return Py_NewRef(obj);
}

/* A new reference to o, or to its referent when o is a proxy (NULL when that is dead). */
static PyObject *unwrap(PyObject *o)
{
  return PyWeakref_CheckProxy(o) ? referent(o) : Py_NewRef(o);
}

static PyObject *proxy_getattr(PyObject *proxy, PyObject *name)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return NULL;
  PyObject *r = PyObject_GetAttr(obj, name);
  Py_DECREF(obj);
  return r;
}

static int proxy_setattr(PyObject *proxy, PyObject *name, PyObject *value)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return -1;
  int rc = PyObject_SetAttr(obj, name, value);
  Py_DECREF(obj);
  return rc;
}

static PyObject *proxy_str(PyObject *proxy)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return NULL;
  PyObject *r = PyObject_Str(obj);
  Py_DECREF(obj);
  return r;
}

static PyObject *proxy_repr(PyObject *proxy)
{
  PyObject *obj = PyWeakref_GET_OBJECT(proxy);
  return PyUnicode_FromFormat("<weakproxy at %p to %s at %p>", (void *)proxy, Py_TYPE(obj)->tp_name,
                              (void *)obj);
}

static PyObject *proxy_call(PyObject *proxy, PyObject *args, PyObject *kw)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return NULL;
  PyObject *r = PyObject_Call(obj, args, kw);
  Py_DECREF(obj);
  return r;
}

static int proxy_bool(PyObject *proxy)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return -1;
  int r = PyObject_IsTrue(obj);
  Py_DECREF(obj);
  return r;
}

static PyObject *proxy_richcompare(PyObject *proxy, PyObject *other, int op)
{
  PyObject *a = unwrap(proxy), *b = a != NULL ? unwrap(other) : NULL, *r = NULL;
  if (b != NULL) r = PyObject_RichCompare(a, b, op);
  Py_XDECREF(a);
  Py_XDECREF(b);
  return r;
}

static Py_ssize_t proxy_length(PyObject *proxy)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return -1;
  Py_ssize_t n = PyObject_Length(obj);
  Py_DECREF(obj);
  return n;
}

static PyObject *proxy_getitem(PyObject *proxy, PyObject *key)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return NULL;
  PyObject *r = PyObject_GetItem(obj, key);
  Py_DECREF(obj);
  return r;
}

static int proxy_setitem(PyObject *proxy, PyObject *key, PyObject *value)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return -1;
  int rc = value == NULL ? PyObject_DelItem(obj, key) : PyObject_SetItem(obj, key, value);
  Py_DECREF(obj);
  return rc;
}

static int proxy_contains(PyObject *proxy, PyObject *value)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return -1;
  int r = PySequence_Contains(obj, value);
  Py_DECREF(obj);
  return r;
}

static PyObject *proxy_iter(PyObject *proxy)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return NULL;
  PyObject *r = PyObject_GetIter(obj);
  Py_DECREF(obj);
  return r;
}

static PyObject *proxy_iternext(PyObject *proxy)
{
  PyObject *obj = referent(proxy);
  if (obj == NULL) return NULL;
  PyObject *r = NULL;
  if (!PyIter_Check(obj))
    PyErr_Format(PyExc_TypeError, "Weakref proxy referenced a non-iterator '%.200s' object",
                 Py_TYPE(obj)->tp_name);
  else r = PyIter_Next(obj);
  Py_DECREF(obj);
  return r;
}

static PyNumberMethods proxy_as_number = {.nb_bool = proxy_bool};
static PySequenceMethods proxy_as_sequence = {.sq_contains = proxy_contains};
static PyMappingMethods proxy_as_mapping = {
    .mp_length = proxy_length, .mp_subscript = proxy_getitem, .mp_ass_subscript = proxy_setitem};

#define PROXY_TYPE(cname, name, call)                                                              \
  PyTypeObject cname = {                                                                           \
      PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = name,                                       \
      .tp_basicsize = sizeof(PyWeakReference),                                                     \
      .tp_dealloc = weakref_dealloc,                                                               \
      .tp_repr = proxy_repr,                                                                       \
      .tp_as_number = &proxy_as_number,                                                            \
      .tp_as_sequence = &proxy_as_sequence,                                                        \
      .tp_as_mapping = &proxy_as_mapping,                                                          \
      .tp_hash = PyObject_HashNotImplemented,                                                      \
      .tp_call = call,                                                                             \
      .tp_str = proxy_str,                                                                         \
      .tp_getattro = proxy_getattr,                                                                \
      .tp_setattro = proxy_setattr,                                                                \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                         \
      .tp_traverse = weakref_traverse,                                                             \
      .tp_clear = weakref_clear,                                                                   \
      .tp_richcompare = proxy_richcompare,                                                         \
      .tp_iter = proxy_iter,                                                                       \
      .tp_iternext = proxy_iternext,                                                               \
      .tp_free = PyObject_GC_Del,                                                                  \
  }
PROXY_TYPE(_PyWeakref_ProxyType, "weakref.ProxyType", NULL);
PROXY_TYPE(_PyWeakref_CallableProxyType, "weakref.CallableProxyType", proxy_call);
