/* funcobject.c — staticmethod and classmethod (CPython's Objects/funcobject.c), and an empty
 * PyFunction_Type.
 *
 * Owns: each wrapper owns its callable and its instance dict (a GC object). staticmethod's
 * __get__ gives the callable itself, classmethod's a method bound to the class (PyMethod_New).
 * Messages are CPython 3.11's.
 */
#include "rt_capi.h"

typedef struct {
  PyObject_HEAD
  PyObject *callable;   /* owned */
  PyObject *dict;       /* owned, or NULL */
} WrapperObject;

#define W(op) ((WrapperObject *)(op))

static PyObject *wrapper_new(PyTypeObject *type, PyObject *callable)
{
  PyObject *op = type->tp_alloc(type, 0);   /* tracked by PyType_GenericAlloc */
  if (op != NULL) W(op)->callable = Py_NewRef(callable);
  return op;
}

PyObject *PyClassMethod_New(PyObject *callable)
{
  if (callable == NULL) return rt_bad_internal_call();
  return wrapper_new(&PyClassMethod_Type, callable);
}

PyObject *PyStaticMethod_New(PyObject *callable)
{
  if (callable == NULL) return rt_bad_internal_call();
  return wrapper_new(&PyStaticMethod_Type, callable);
}

static void wrapper_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(W(op)->callable);
  Py_XDECREF(W(op)->dict);
  Py_TYPE(op)->tp_free(op);
}

static int wrapper_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(W(op)->callable);
  Py_VISIT(W(op)->dict);
  return 0;
}

static int wrapper_clear(PyObject *op)
{
  Py_CLEAR(W(op)->callable);
  Py_CLEAR(W(op)->dict);
  return 0;
}

static int wrapper_init(PyObject *self, PyObject *args, PyObject *kwds)
{
  PyObject *callable;
  const char *name = Py_TYPE(self) == &PyClassMethod_Type ? "classmethod" : "staticmethod";
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) {
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
    return -1;
  }
  if (!PyArg_UnpackTuple(args, name, 1, 1, &callable)) return -1;
  Py_XSETREF(W(self)->callable, Py_NewRef(callable));
  return 0;
}

static PyObject *sm_descr_get(PyObject *self, PyObject *obj, PyObject *type)
{
  (void)obj;
  (void)type;
  if (W(self)->callable == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "uninitialized staticmethod object");
    return NULL;
  }
  return Py_NewRef(W(self)->callable);
}

static PyObject *sm_call(PyObject *self, PyObject *args, PyObject *kwds)
{
  return PyObject_Call(W(self)->callable, args, kwds);
}

static PyObject *cm_descr_get(PyObject *self, PyObject *obj, PyObject *type)
{
  if (W(self)->callable == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "uninitialized classmethod object");
    return NULL;
  }
  if (type == NULL) type = (PyObject *)Py_TYPE(obj);
  return PyMethod_New(W(self)->callable, type);
}

static PyObject *wrapper_repr(PyObject *self)
{
  return PyUnicode_FromFormat("<%s(%R)>", Py_TYPE(self)->tp_name, W(self)->callable);
}

static PyMemberDef wrapper_members[] = {
    {"__func__", Py_T_OBJECT_EX, offsetof(WrapperObject, callable), Py_READONLY, NULL},
    {"__wrapped__", Py_T_OBJECT_EX, offsetof(WrapperObject, callable), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

#define WRAPPER_TYPE(cname, name, get, call)                                                       \
  PyTypeObject cname = {                                                                           \
      PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = name,                                       \
      .tp_basicsize = sizeof(WrapperObject),                                                       \
      .tp_dealloc = wrapper_dealloc,                                                               \
      .tp_repr = wrapper_repr,                                                                     \
      .tp_call = call,                                                                             \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,                   \
      .tp_traverse = wrapper_traverse,                                                             \
      .tp_clear = wrapper_clear,                                                                   \
      .tp_members = wrapper_members,                                                               \
      .tp_descr_get = get,                                                                         \
      .tp_dictoffset = offsetof(WrapperObject, dict),                                              \
      .tp_init = wrapper_init,                                                                     \
      .tp_alloc = PyType_GenericAlloc,                                                             \
      .tp_new = PyType_GenericNew,                                                                 \
      .tp_free = PyObject_GC_Del,                                                                  \
  }
WRAPPER_TYPE(PyStaticMethod_Type, "staticmethod", sm_descr_get, sm_call);
WRAPPER_TYPE(PyClassMethod_Type, "classmethod", cm_descr_get, NULL);

/* Python functions: the type, for PyFunction_Check; there is no way to make one. */
PyTypeObject PyFunction_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "function",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};
