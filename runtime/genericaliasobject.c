/* genericaliasobject.c — types.GenericAlias (CPython's Objects/genericaliasobject.c), reduced to
 * what C extensions meet: Py_GenericAlias(origin, args) as a __class_getitem__, the __origin__ and
 * __args__ attributes, ==, hash and repr ("list[int]").
 *
 * Owns: each alias owns its origin and its args tuple; it is a GC object (args may hold it).
 * Not implemented: __parameters__, substitution (alias[...]), calling the alias, unpacking.
 */
#include "rt_capi.h"

typedef struct {
  PyObject_HEAD
  PyObject *origin;   /* owned */
  PyObject *args;     /* owned tuple */
} GenericAlias;

#define GA(op) ((GenericAlias *)(op))

PyObject *Py_GenericAlias(PyObject *origin, PyObject *args)
{
  if (origin == NULL || args == NULL) return rt_bad_internal_call();
  PyObject *tuple = PyTuple_Check(args) ? Py_NewRef(args) : PyTuple_Pack(1, args);
  if (tuple == NULL) return NULL;
  GenericAlias *ga = PyObject_GC_New(GenericAlias, &Py_GenericAliasType);
  if (ga == NULL) {
    Py_DECREF(tuple);
    return NULL;
  }
  ga->origin = Py_NewRef(origin);
  ga->args = tuple;
  PyObject_GC_Track((PyObject *)ga);
  return (PyObject *)ga;
}

static void ga_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(GA(op)->origin);
  Py_XDECREF(GA(op)->args);
  PyObject_GC_Del(op);
}

static int ga_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(GA(op)->origin);
  Py_VISIT(GA(op)->args);
  return 0;
}

/* A type's qualified name, "module.Name" outside builtins; anything else's repr. */
static PyObject *repr_item(PyObject *p)
{
  if (p == Py_Ellipsis) return PyUnicode_FromString("...");
  if (!PyType_Check(p)) return PyObject_Repr(p);
  PyObject *qual = PyType_GetQualName((PyTypeObject *)p);
  if (qual == NULL) return NULL;
  PyObject *mod = PyObject_GetAttrString(p, "__module__");
  PyObject *r = NULL;
  if (mod == NULL) {
    PyErr_Clear();
    return qual;
  }
  if (PyUnicode_Check(mod) && PyUnicode_CompareWithASCIIString(mod, "builtins") != 0)
    r = PyUnicode_FromFormat("%U.%U", mod, qual);
  else
    r = Py_NewRef(qual);
  Py_DECREF(mod);
  Py_DECREF(qual);
  return r;
}

static PyObject *ga_repr(PyObject *op)
{
  PyObject *parts = PyList_New(0), *sep = NULL, *inner = NULL, *origin = NULL, *r = NULL;
  if (parts == NULL) return NULL;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(GA(op)->args); i++) {
    PyObject *s = repr_item(PyTuple_GET_ITEM(GA(op)->args, i));
    if (s == NULL || PyList_Append(parts, s) < 0) {
      Py_XDECREF(s);
      goto out;
    }
    Py_DECREF(s);
  }
  sep = PyUnicode_FromString(", ");
  inner = sep ? PyUnicode_Join(sep, parts) : NULL;
  origin = inner ? repr_item(GA(op)->origin) : NULL;
  if (origin != NULL)
    r = PyTuple_GET_SIZE(GA(op)->args) == 0 ? PyUnicode_FromFormat("%U[()]", origin)
                                            : PyUnicode_FromFormat("%U[%U]", origin, inner);
out:
  Py_DECREF(parts);
  Py_XDECREF(sep);
  Py_XDECREF(inner);
  Py_XDECREF(origin);
  return r;
}

static PyObject *ga_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!Py_IS_TYPE(b, &Py_GenericAliasType) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
  int eq = PyObject_RichCompareBool(GA(a)->origin, GA(b)->origin, Py_EQ);
  if (eq > 0) eq = PyObject_RichCompareBool(GA(a)->args, GA(b)->args, Py_EQ);
  if (eq < 0) return NULL;
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_hash_t ga_hash(PyObject *op)
{
  Py_hash_t h0 = PyObject_Hash(GA(op)->origin);
  if (h0 == -1) return -1;
  Py_hash_t h1 = PyObject_Hash(GA(op)->args);
  if (h1 == -1) return -1;
  Py_hash_t h = h0 ^ h1;
  return h == -1 ? -2 : h;
}

static PyMemberDef ga_members[] = {
    {"__origin__", _Py_T_OBJECT, offsetof(GenericAlias, origin), Py_READONLY, NULL},
    {"__args__", _Py_T_OBJECT, offsetof(GenericAlias, args), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject Py_GenericAliasType = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "types.GenericAlias",
    .tp_basicsize = sizeof(GenericAlias),
    .tp_dealloc = ga_dealloc,
    .tp_repr = ga_repr,
    .tp_hash = ga_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = ga_traverse,
    .tp_richcompare = ga_richcompare,
    .tp_members = ga_members,
};
