/* descrobject.c — the descriptors PyType_Ready puts in a type's dict, and mappingproxy, as
 * CPython's Objects/descrobject.c, smaller.
 *
 * Owns: the descriptor types (method, class method, member, getset) and PyDictProxy_Type.
 * A descriptor holds a borrowed pointer to its table entry (tables are static) and an owned
 * reference to the type that defines it (reported by its tp_traverse). Binding a method
 * descriptor to an instance creates a builtin function object with the instance as self (a new
 * reference), as CPython's method_get does.
 *
 * Invariants: __get__ with obj NULL returns the descriptor itself (a new reference); obj of a type
 * that is not a subtype of the descriptor's type raises TypeError, as CPython's descr_check.
 */
#include "rt_capi.h"

typedef struct {
  PyObject_HEAD
  PyTypeObject *d_type;            /* owned */
  const char *d_name;              /* the table entry's name (static) */
} Descr;

typedef struct {
  Descr common;
  PyMethodDef *d_method;           /* borrowed */
} MethodDescr;

typedef struct {
  Descr common;
  PyMemberDef *d_member;           /* borrowed */
} MemberDescr;

typedef struct {
  Descr common;
  PyGetSetDef *d_getset;           /* borrowed */
} GetSetDescr;

static int descr_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT((PyObject *)((Descr *)op)->d_type);
  return 0;
}

static int descr_clear(PyObject *op)
{
  Descr *d = (Descr *)op;
  PyTypeObject *t = d->d_type;
  d->d_type = NULL;
  Py_XDECREF((PyObject *)t);
  return 0;
}

static void descr_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  descr_clear(op);
  PyObject_GC_Del(op);
}

/* A new descriptor of descrtype for type, or NULL. */
static Descr *descr_new(PyTypeObject *descrtype, PyTypeObject *type, const char *name)
{
  Descr *d = (Descr *)PyType_GenericAlloc(descrtype, 0);
  if (d == NULL) return NULL;
  d->d_type = (PyTypeObject *)Py_XNewRef((PyObject *)type);
  d->d_name = name;
  return d;
}

/* 1 when obj may use the descriptor; 0 (obj NULL: return the descriptor); -1 with TypeError. */
static int descr_check(Descr *d, PyObject *obj)
{
  if (obj == NULL) return 0;
  if (d->d_type != NULL && !PyObject_TypeCheck(obj, d->d_type)) {
    PyErr_Format(PyExc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                 d->d_name, d->d_type->tp_name, Py_TYPE(obj)->tp_name);
    return -1;
  }
  return 1;
}

static PyObject *descr_repr(PyObject *op)
{
  Descr *d = (Descr *)op;
  return PyUnicode_FromFormat("<%s '%s' of '%s' objects>", Py_TYPE(op)->tp_name, d->d_name,
                              d->d_type ? d->d_type->tp_name : "?");
}

static PyObject *descr_get_name(PyObject *op, void *closure)
{
  (void)closure;
  return PyUnicode_FromString(((Descr *)op)->d_name);
}

static PyObject *descr_get_objclass(PyObject *op, void *closure)
{
  (void)closure;
  PyTypeObject *t = ((Descr *)op)->d_type;
  return Py_NewRef(t ? (PyObject *)t : Py_None);
}

static PyGetSetDef descr_getset[] = {
    {"__name__", descr_get_name, NULL, NULL, NULL},
    {"__objclass__", descr_get_objclass, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define DESCR_TYPE(var, name, Struct, get, set, call)                                              \
  PyTypeObject var = {                                                                             \
      .ob_base = {{1, &PyType_Type}, 0},                                                           \
      .tp_name = name,                                                                             \
      .tp_basicsize = sizeof(Struct),                                                              \
      .tp_dealloc = descr_dealloc,                                                                 \
      .tp_repr = descr_repr,                                                                       \
      .tp_call = call,                                                                             \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                         \
      .tp_traverse = descr_traverse,                                                               \
      .tp_clear = descr_clear,                                                                     \
      .tp_getset = descr_getset,                                                                   \
      .tp_descr_get = get,                                                                         \
      .tp_descr_set = set,                                                                         \
  }

/* --- methods -------------------------------------------------------------------------------------*/
static PyObject *method_get(PyObject *op, PyObject *obj, PyObject *type)
{
  (void)type;
  MethodDescr *d = (MethodDescr *)op;
  int ok = descr_check(&d->common, obj);
  if (ok <= 0) return ok < 0 ? NULL : Py_NewRef(op);
  PyTypeObject *cls = (d->d_method->ml_flags & METH_METHOD) ? d->common.d_type : NULL;
  return PyCMethod_New(d->d_method, obj, NULL, cls);
}

/* Calling the unbound descriptor: descr(obj, *args, **kwargs). */
static PyObject *method_call(PyObject *op, PyObject *args, PyObject *kwargs)
{
  MethodDescr *d = (MethodDescr *)op;
  if (PyTuple_GET_SIZE(args) < 1)
    return rt_type_error("unbound method %s.%s() needs an argument", d->common.d_type->tp_name,
                         d->common.d_name);
  PyObject *self = PyTuple_GET_ITEM(args, 0);
  if (descr_check(&d->common, self) < 0) return NULL;
  PyObject *bound = method_get(op, self, NULL);
  if (bound == NULL) return NULL;
  PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
  PyObject *result = rest ? PyObject_Call(bound, rest, kwargs) : NULL;
  Py_XDECREF(rest);
  Py_DECREF(bound);
  return result;
}

static PyObject *classmethod_get(PyObject *op, PyObject *obj, PyObject *type)
{
  MethodDescr *d = (MethodDescr *)op;
  if (type == NULL) type = obj ? (PyObject *)Py_TYPE(obj) : NULL;
  if (type == NULL) return rt_type_error("descriptor '%s' needs a type", d->common.d_name);
  PyTypeObject *cls = (d->d_method->ml_flags & METH_METHOD) ? d->common.d_type : NULL;
  return PyCMethod_New(d->d_method, type, NULL, cls);
}

DESCR_TYPE(PyMethodDescr_Type, "method_descriptor", MethodDescr, method_get, NULL, method_call);
DESCR_TYPE(PyClassMethodDescr_Type, "classmethod_descriptor", MethodDescr, classmethod_get, NULL,
           NULL);

PyObject *PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *ml)
{
  MethodDescr *d = (MethodDescr *)descr_new(&PyMethodDescr_Type, type, ml->ml_name);
  if (d != NULL) d->d_method = ml;
  return (PyObject *)d;
}

PyObject *PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *ml)
{
  MethodDescr *d = (MethodDescr *)descr_new(&PyClassMethodDescr_Type, type, ml->ml_name);
  if (d != NULL) d->d_method = ml;
  return (PyObject *)d;
}

/* --- members ------------------------------------------------------------------------------------*/
static PyObject *member_get(PyObject *op, PyObject *obj, PyObject *type)
{
  (void)type;
  MemberDescr *d = (MemberDescr *)op;
  int ok = descr_check(&d->common, obj);
  if (ok <= 0) return ok < 0 ? NULL : Py_NewRef(op);
  return PyMember_GetOne((const char *)obj, d->d_member);
}

static int member_set(PyObject *op, PyObject *obj, PyObject *value)
{
  MemberDescr *d = (MemberDescr *)op;
  if (descr_check(&d->common, obj) < 0) return -1;
  return PyMember_SetOne((char *)obj, d->d_member, value);
}

DESCR_TYPE(PyMemberDescr_Type, "member_descriptor", MemberDescr, member_get, member_set, NULL);

PyObject *PyDescr_NewMember(PyTypeObject *type, PyMemberDef *m)
{
  MemberDescr *d = (MemberDescr *)descr_new(&PyMemberDescr_Type, type, m->name);
  if (d != NULL) d->d_member = m;
  return (PyObject *)d;
}

/* --- getset -------------------------------------------------------------------------------------*/
static PyObject *getset_get(PyObject *op, PyObject *obj, PyObject *type)
{
  (void)type;
  GetSetDescr *d = (GetSetDescr *)op;
  int ok = descr_check(&d->common, obj);
  if (ok <= 0) return ok < 0 ? NULL : Py_NewRef(op);
  if (d->d_getset->get == NULL) {
    PyErr_Format(PyExc_AttributeError, "attribute '%s' of '%s' objects is not readable",
                 d->common.d_name, d->common.d_type->tp_name);
    return NULL;
  }
  return d->d_getset->get(obj, d->d_getset->closure);
}

static int getset_set(PyObject *op, PyObject *obj, PyObject *value)
{
  GetSetDescr *d = (GetSetDescr *)op;
  if (descr_check(&d->common, obj) < 0) return -1;
  if (d->d_getset->set == NULL) {
    PyErr_Format(PyExc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                 d->common.d_name, d->common.d_type->tp_name);
    return -1;
  }
  return d->d_getset->set(obj, value, d->d_getset->closure);
}

DESCR_TYPE(PyGetSetDescr_Type, "getset_descriptor", GetSetDescr, getset_get, getset_set, NULL);

PyObject *PyDescr_NewGetSet(PyTypeObject *type, PyGetSetDef *gs)
{
  GetSetDescr *d = (GetSetDescr *)descr_new(&PyGetSetDescr_Type, type, gs->name);
  if (d != NULL) d->d_getset = gs;
  return (PyObject *)d;
}

/* --- mappingproxy ---------------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  PyObject *mapping;               /* owned */
} ProxyObject;

static int proxy_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((ProxyObject *)op)->mapping);
  return 0;
}

static void proxy_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((ProxyObject *)op)->mapping);
  PyObject_GC_Del(op);
}

static Py_ssize_t proxy_len(PyObject *op) { return PyObject_Size(((ProxyObject *)op)->mapping); }
static PyObject *proxy_getitem(PyObject *op, PyObject *key)
{
  return PyObject_GetItem(((ProxyObject *)op)->mapping, key);
}
static int proxy_contains(PyObject *op, PyObject *key)
{
  return PySequence_Contains(((ProxyObject *)op)->mapping, key);
}
static PyObject *proxy_iter(PyObject *op) { return PyObject_GetIter(((ProxyObject *)op)->mapping); }
static PyObject *proxy_repr(PyObject *op)
{
  return PyUnicode_FromFormat("mappingproxy(%R)", ((ProxyObject *)op)->mapping);
}

static PyObject *proxy_forward(PyObject *op, const char *name, PyObject *const *args, Py_ssize_t n)
{
  return rt_call_method_array(((ProxyObject *)op)->mapping, name, args, n);
}
static PyObject *proxy_keys(PyObject *op, PyObject *unused)
{
  (void)unused;
  return proxy_forward(op, "keys", NULL, 0);
}
static PyObject *proxy_values(PyObject *op, PyObject *unused)
{
  (void)unused;
  return proxy_forward(op, "values", NULL, 0);
}
static PyObject *proxy_items(PyObject *op, PyObject *unused)
{
  (void)unused;
  return proxy_forward(op, "items", NULL, 0);
}
static PyObject *proxy_get(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
  return proxy_forward(op, "get", args, nargs);
}

static PyMappingMethods proxy_as_mapping = {proxy_len, proxy_getitem, NULL};
static PySequenceMethods proxy_as_sequence = {.sq_contains = proxy_contains};
static PyMethodDef proxy_methods[] = {
    {"keys", proxy_keys, METH_NOARGS, NULL},
    {"values", proxy_values, METH_NOARGS, NULL},
    {"items", proxy_items, METH_NOARGS, NULL},
    {"get", (PyCFunction)(void (*)(void))proxy_get, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyDictProxy_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(ProxyObject),
    .tp_dealloc = proxy_dealloc,
    .tp_repr = proxy_repr,
    .tp_as_sequence = &proxy_as_sequence,
    .tp_as_mapping = &proxy_as_mapping,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    .tp_traverse = proxy_traverse,
    .tp_iter = proxy_iter,
    .tp_methods = proxy_methods,
};

PyObject *PyDictProxy_New(PyObject *mapping)
{
  if (mapping == NULL) return rt_null_error();
  if (!PyMapping_Check(mapping) || PyList_Check(mapping) || PyTuple_Check(mapping))
    return rt_type_error("mappingproxy() argument must be a mapping, not %s",
                         Py_TYPE(mapping)->tp_name);
  ProxyObject *p = (ProxyObject *)PyType_GenericAlloc(&PyDictProxy_Type, 0);
  if (p == NULL) return NULL;
  p->mapping = Py_NewRef(mapping);
  return (PyObject *)p;
}
