/* boolobject.c — bool: True and False, static ints of type bool (moved here from object.c, which
 * keeps the two objects). Their counts are real and mortal: reaching zero is reported as a
 * defect, never a free. and/or/xor of two bools give a bool; everything else is int's. */
#include "rt_capi.h"

PyObject *PyBool_FromLong(long v) { return Py_NewRef(v ? Py_True : Py_False); }

static PyObject *bool_repr(PyObject *op) { return PyUnicode_FromString(op == Py_True ? "True" : "False"); }

static void bool_dealloc(PyObject *op)
{
  rt_defect_object(RT_DEFECT_SINGLETON_DEALLOC, op, NULL, rt_release_site,
                   op == Py_True ? "the count of True reached zero: a reference was released that "
                                   "was never taken (missing Py_INCREF / Py_NewRef?)"
                                 : "the count of False reached zero: a reference was released that "
                                   "was never taken (missing Py_INCREF / Py_NewRef?)");
}

#define BOOL_BITOP(name, op, intslot)                                                              \
  static PyObject *name(PyObject *a, PyObject *b)                                                  \
  {                                                                                                \
    if (PyBool_Check(a) && PyBool_Check(b)) return PyBool_FromLong((a == Py_True) op (b == Py_True)); \
    return PyLong_Type.tp_as_number->intslot(a, b);                                                \
  }
BOOL_BITOP(bool_and, &, nb_and)
BOOL_BITOP(bool_or, |, nb_or)
BOOL_BITOP(bool_xor, ^, nb_xor)

static PyObject *bool_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  PyObject *x = Py_False;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) return rt_type_error("bool() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "bool", 0, 1, &x)) return NULL;
  int ok = PyObject_IsTrue(x);
  if (ok < 0) return NULL;
  return PyBool_FromLong(ok);
}

static PyNumberMethods bool_as_number = {
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

PyTypeObject PyBool_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "bool",
    .tp_basicsize = offsetof(PyLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_as_number = &bool_as_number,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_LONG_SUBCLASS,
    .tp_base = &PyLong_Type,
    .tp_new = bool_new,
};
