/* classobject.c — bound methods (PyMethod_*) and instance methods (PyInstanceMethod_*), as
 * CPython's Objects/classobject.c.
 *
 * Owns: a bound method owns im_func and im_self; an instance method owns func. Both are GC
 * objects. Calling a bound method calls im_func with im_self prepended to the positional
 * arguments (a new tuple; the caller's arguments are borrowed). Attributes the method type lacks
 * are looked up on im_func, as CPython. Messages are CPython 3.11's.
 */
#include "rt_capi.h"

#define METH(op) ((PyMethodObject *)(op))
#define IMETH(op) ((PyInstanceMethodObject *)(op))

/* --- bound methods --------------------------------------------------------------------------------*/
PyObject *PyMethod_New(PyObject *func, PyObject *self)
{
  if (func == NULL || self == NULL) return rt_bad_internal_call();
  PyMethodObject *im = (PyMethodObject *)_PyObject_GC_New(&PyMethod_Type);
  if (im == NULL) return NULL;
  im->im_weakreflist = NULL;
  im->im_func = Py_NewRef(func);
  im->im_self = Py_NewRef(self);
  im->vectorcall = NULL;
  PyObject_GC_Track((PyObject *)im);
  return (PyObject *)im;
}

PyObject *PyMethod_Function(PyObject *meth)
{
  if (meth == NULL || !PyMethod_Check(meth)) return rt_bad_internal_call();
  return METH(meth)->im_func;
}

PyObject *PyMethod_Self(PyObject *meth)
{
  if (meth == NULL || !PyMethod_Check(meth)) return rt_bad_internal_call();
  return METH(meth)->im_self;
}

static void method_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  if (METH(op)->im_weakreflist != NULL) PyObject_ClearWeakRefs(op);
  Py_DECREF(METH(op)->im_func);
  Py_XDECREF(METH(op)->im_self);
  PyObject_GC_Del(op);
}

static int method_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(METH(op)->im_func);
  Py_VISIT(METH(op)->im_self);
  return 0;
}

/* im_func(im_self, *args, **kw) */
static PyObject *method_call(PyObject *op, PyObject *args, PyObject *kw)
{
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  PyObject *full = PyTuple_New(n + 1);
  if (full == NULL) return NULL;
  PyTuple_SET_ITEM(full, 0, Py_NewRef(METH(op)->im_self));
  for (Py_ssize_t i = 0; i < n; i++)
    PyTuple_SET_ITEM(full, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
  PyObject *r = PyObject_Call(METH(op)->im_func, full, kw);
  Py_DECREF(full);
  return r;
}

/* The method type's own attributes first, then the function's (__doc__, __name__, ...). */
static PyObject *method_getattro(PyObject *op, PyObject *name)
{
  PyObject *descr = rt_type_lookup(Py_TYPE(op), name);
  if (descr != NULL) {
    descrgetfunc f = Py_TYPE(descr)->tp_descr_get;
    return f != NULL ? f(descr, op, (PyObject *)Py_TYPE(op)) : Py_NewRef(descr);
  }
  if (PyErr_Occurred()) return NULL;
  return PyObject_GetAttr(METH(op)->im_func, name);
}

static PyObject *method_repr(PyObject *op)
{
  PyObject *name = NULL;
  if (PyObject_GetOptionalAttrString(METH(op)->im_func, "__qualname__", &name) == 0)
    (void)PyObject_GetOptionalAttrString(METH(op)->im_func, "__name__", &name);
  if (PyErr_Occurred()) {
    Py_XDECREF(name);
    return NULL;
  }
  PyObject *r;
  if (name != NULL && PyUnicode_Check(name))
    r = PyUnicode_FromFormat("<bound method %U of %R>", name, METH(op)->im_self);
  else
    r = PyUnicode_FromFormat("<bound method ? of %R>", METH(op)->im_self);
  Py_XDECREF(name);
  return r;
}

/* Equal when the functions are equal and bound to the same object. */
static PyObject *method_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyMethod_Check(a) || !PyMethod_Check(b) || (op != Py_EQ && op != Py_NE))
    Py_RETURN_NOTIMPLEMENTED;
  int eq = METH(a)->im_self == METH(b)->im_self;
  if (eq) eq = PyObject_RichCompareBool(METH(a)->im_func, METH(b)->im_func, Py_EQ);
  if (eq < 0) return NULL;
  return Py_NewRef((eq == (op == Py_EQ)) ? Py_True : Py_False);
}

static Py_hash_t method_hash(PyObject *op)
{
  Py_hash_t x = _Py_HashPointer(METH(op)->im_self), y = PyObject_Hash(METH(op)->im_func);
  if (y == -1) return -1;
  x ^= y;
  return x == -1 ? -2 : x;
}

static PyObject *method_descr_get(PyObject *meth, PyObject *obj, PyObject *cls)
{
  (void)obj;
  (void)cls;
  return Py_NewRef(meth);   /* already bound */
}

static PyObject *method_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
  (void)type;
  PyObject *func, *self;
  if (kw != NULL && PyDict_GET_SIZE(kw) != 0)
    return rt_type_error("method() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "method", 2, 2, &func, &self)) return NULL;
  if (!PyCallable_Check(func)) return rt_type_error("first argument must be callable");
  if (self == Py_None) return rt_type_error("instance must not be None");
  return PyMethod_New(func, self);
}

static PyMemberDef method_members[] = {
    {"__func__", Py_T_OBJECT_EX, offsetof(PyMethodObject, im_func), Py_READONLY, NULL},
    {"__self__", Py_T_OBJECT_EX, offsetof(PyMethodObject, im_self), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyMethod_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "method",
    .tp_basicsize = sizeof(PyMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_call = method_call,
    .tp_getattro = method_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = method_traverse,
    .tp_richcompare = method_richcompare,
    .tp_weaklistoffset = offsetof(PyMethodObject, im_weakreflist),
    .tp_members = method_members,
    .tp_descr_get = method_descr_get,
    .tp_new = method_new,
    .tp_free = PyObject_GC_Del,
};

/* --- instance methods -----------------------------------------------------------------------------*/
PyObject *PyInstanceMethod_New(PyObject *func)
{
  if (func == NULL) return rt_bad_internal_call();
  PyInstanceMethodObject *m = (PyInstanceMethodObject *)_PyObject_GC_New(&PyInstanceMethod_Type);
  if (m == NULL) return NULL;
  m->func = Py_NewRef(func);
  PyObject_GC_Track((PyObject *)m);
  return (PyObject *)m;
}

PyObject *PyInstanceMethod_Function(PyObject *im)
{
  if (im == NULL || !PyInstanceMethod_Check(im)) return rt_bad_internal_call();
  return IMETH(im)->func;
}

static void instancemethod_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_DECREF(IMETH(op)->func);
  PyObject_GC_Del(op);
}

static int instancemethod_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(IMETH(op)->func);
  return 0;
}

static PyObject *instancemethod_call(PyObject *op, PyObject *args, PyObject *kw)
{
  return PyObject_Call(IMETH(op)->func, args, kw);
}

/* Looked up on an instance: a method bound to it; on the class: the function itself. */
static PyObject *instancemethod_descr_get(PyObject *descr, PyObject *obj, PyObject *type)
{
  (void)type;
  if (obj == NULL) return Py_NewRef(IMETH(descr)->func);
  return PyMethod_New(IMETH(descr)->func, obj);
}

static PyObject *instancemethod_repr(PyObject *op)
{
  return PyUnicode_FromFormat("<instancemethod of %R at %p>", IMETH(op)->func, (void *)op);
}

static PyMemberDef instancemethod_members[] = {
    {"__func__", _Py_T_OBJECT, offsetof(PyInstanceMethodObject, func), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyInstanceMethod_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "instancemethod",
    .tp_basicsize = sizeof(PyInstanceMethodObject),
    .tp_dealloc = instancemethod_dealloc,
    .tp_repr = instancemethod_repr,
    .tp_call = instancemethod_call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = instancemethod_traverse,
    .tp_members = instancemethod_members,
    .tp_descr_get = instancemethod_descr_get,
    .tp_free = PyObject_GC_Del,
};
