/* superobject.c — the built-in super (CPython's super_* in Objects/typeobject.c): super(type, obj)
 * looks attributes up along obj's MRO after type, binding what it finds to obj (or to the class
 * when obj is a class). The runtime runs no Python code, so the zero-argument form, which reads
 * the caller's frame, raises RuntimeError.
 *
 * Owns: each super object owns its type, object and object type (a GC object: obj may hold it).
 */
#include "rt_capi.h"

typedef struct {
  PyObject_HEAD
  PyTypeObject *type;       /* owned: the class after which the lookup starts */
  PyObject *obj;            /* owned or NULL (unbound) */
  PyTypeObject *obj_type;   /* owned or NULL: obj's type, or obj itself when it is a class */
} SuperObject;

#define SU(op) ((SuperObject *)(op))

static void super_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(SU(op)->obj);
  Py_XDECREF(SU(op)->type);
  Py_XDECREF(SU(op)->obj_type);
  Py_TYPE(op)->tp_free(op);
}

static int super_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(SU(op)->obj);
  Py_VISIT(SU(op)->type);
  Py_VISIT(SU(op)->obj_type);
  return 0;
}

static PyObject *super_repr(PyObject *op)
{
  SuperObject *su = SU(op);
  const char *tname = su->type ? su->type->tp_name : "NULL";
  if (su->obj_type != NULL)
    return PyUnicode_FromFormat("<super: <class '%s'>, <%s object>>", tname, su->obj_type->tp_name);
  return PyUnicode_FromFormat("<super: <class '%s'>, NULL>", tname);
}

static PyObject *super_getattro(PyObject *self, PyObject *name)
{
  SuperObject *su = SU(self);
  PyTypeObject *start = su->obj_type;
  /* __class__ is the super object's own */
  if (start == NULL || !PyUnicode_Check(name) || PyUnicode_CompareWithASCIIString(name, "__class__") == 0)
    return PyObject_GenericGetAttr(self, name);
  PyObject *mro = start->tp_mro;
  Py_ssize_t n = mro != NULL ? PyTuple_GET_SIZE(mro) : 0, i = 0;
  while (i + 1 < n && PyTuple_GET_ITEM(mro, i) != (PyObject *)su->type) i++;
  for (i++; i < n; i++) {
    PyObject *dict = ((PyTypeObject *)PyTuple_GET_ITEM(mro, i))->tp_dict;
    PyObject *res = dict != NULL ? PyDict_GetItemWithError(dict, name) : NULL;
    if (res == NULL) {
      if (PyErr_Occurred()) return NULL;
      continue;
    }
    descrgetfunc f = Py_TYPE(res)->tp_descr_get;
    if (f == NULL) return Py_NewRef(res);
    Py_INCREF(res);   /* the descriptor may drop the dict's reference */
    PyObject *r = f(res, su->obj == (PyObject *)start ? NULL : su->obj, (PyObject *)start);
    Py_DECREF(res);
    return r;
  }
  return PyObject_GenericGetAttr(self, name);
}

/* The type the lookup walks: obj when it is a subclass of type, else obj's type; a new reference,
 * or NULL with TypeError. */
static PyTypeObject *supercheck(PyTypeObject *type, PyObject *obj)
{
  if (PyType_Check(obj) && PyType_IsSubtype((PyTypeObject *)obj, type)) return (PyTypeObject *)Py_NewRef(obj);
  if (PyType_IsSubtype(Py_TYPE(obj), type)) return (PyTypeObject *)Py_NewRef((PyObject *)Py_TYPE(obj));
  PyErr_SetString(PyExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  return NULL;
}

static int super_init(PyObject *self, PyObject *args, PyObject *kwds)
{
  PyTypeObject *type = NULL, *obj_type = NULL;
  PyObject *obj = NULL;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) {
    PyErr_SetString(PyExc_TypeError, "super() takes no keyword arguments");
    return -1;
  }
  if (!PyArg_ParseTuple(args, "|O!O:super", &PyType_Type, &type, &obj)) return -1;
  if (type == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "super(): no arguments");
    return -1;
  }
  if (obj == Py_None) obj = NULL;
  if (obj != NULL && (obj_type = supercheck(type, obj)) == NULL) return -1;
  Py_XSETREF(SU(self)->type, (PyTypeObject *)Py_NewRef((PyObject *)type));
  Py_XSETREF(SU(self)->obj, Py_XNewRef(obj));
  Py_XSETREF(SU(self)->obj_type, obj_type);
  return 0;
}

static PyMemberDef super_members[] = {
    {"__thisclass__", _Py_T_OBJECT, offsetof(SuperObject, type), Py_READONLY, NULL},
    {"__self__", _Py_T_OBJECT, offsetof(SuperObject, obj), Py_READONLY, NULL},
    {"__self_class__", _Py_T_OBJECT, offsetof(SuperObject, obj_type), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PySuper_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = super_traverse,
    .tp_members = super_members,
    .tp_init = super_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};
