/* interp.c — the interpreter state: the registry of objects that live as long as the runtime,
 * the module registry, the readiness of the built-in types, the builtins and the recursion limit.
 *
 * Owns: static_roots (a list holding the dicts of static types and whatever else the runtime
 * keeps for its whole life: rt_static_hold), modules (sys.modules), builtins (an empty dict
 * standing for the builtins module's), sysdict (the namespace of the sys module, which
 * sys.modules holds; the PySys_* functions are in import.c).
 *
 * rt_interp_init() runs from Py_Initialize before the first check window opens, so what it
 * creates is older state for the leak check. A static type readied later (an extension's, during
 * a check) gives its dict to static_roots: the dict is then held by older state, as a static
 * type's dict is immortal in CPython, and is not reported as a leak.
 *
 * The thread states and the GIL's public face are in pystate.c.
 */
#include "rt_capi.h"

static PyObject *static_roots;   /* owned list */
static PyObject *modules;        /* owned dict: name -> module */
static PyObject *builtins;       /* owned dict */
static PyObject *sysdict;        /* owned dict: the sys module's namespace */
static int interp_state;         /* 0: not started, 1: initialising, 2: ready */

extern PyTypeObject PyListIter_Type, PyTupleIter_Type, PySetIter_Type;

static PyTypeObject *const builtin_types[] = {
    &PyBaseObject_Type, &PyType_Type, &PyUnicode_Type, &PyDict_Type, &PyLong_Type,
    &PyBool_Type, &PyFloat_Type, &PyBytes_Type, &PyTuple_Type, &PyList_Type, &PySet_Type,
    &PyFrozenSet_Type, &_PyNone_Type, &_PyNotImplemented_Type, &PyEllipsis_Type,
    &PyCFunction_Type, &PyCMethod_Type, &PyMethodDescr_Type, &PyClassMethodDescr_Type,
    &PyMemberDescr_Type, &PyGetSetDescr_Type, &PyDictProxy_Type, &PyModule_Type,
    &PyModuleDef_Type, &PyCapsule_Type, &PySlice_Type, &PySeqIter_Type, &PyCallIter_Type,
    &PyListIter_Type, &PyTupleIter_Type, &PyDictIterKey_Type, &PyDictIterValue_Type,
    &PyDictIterItem_Type, &PySetIter_Type, &PyUnicodeIter_Type, &_PyWeakref_RefType,
    &_PyWeakref_ProxyType, &_PyWeakref_CallableProxyType, &PyComplex_Type,
    &PyByteArray_Type, &PyMemoryView_Type, &PyCell_Type, &PyMethod_Type, &PyInstanceMethod_Type,
    &PyStaticMethod_Type, &PyClassMethod_Type, &PyFunction_Type, &Py_GenericAliasType,
    &PySuper_Type,
};
#define N_BUILTIN_TYPES (sizeof(builtin_types) / sizeof(builtin_types[0]))

/* The core defines the singletons' types (object.c); their repr comes with the C-API. */
static PyObject *none_repr(PyObject *op)
{
  (void)op;
  return PyUnicode_FromString("None");
}
static PyObject *notimplemented_repr(PyObject *op)
{
  (void)op;
  return PyUnicode_FromString("NotImplemented");
}
static PyObject *ellipsis_repr(PyObject *op)
{
  (void)op;
  return PyUnicode_FromString("Ellipsis");
}

int rt_interp_init(void)
{
  if (interp_state != 0) return 0;
  interp_state = 1;
  static_roots = PyList_New(0);
  modules = PyDict_New();
  builtins = PyDict_New();
  if (static_roots == NULL || modules == NULL || builtins == NULL) goto fail;
  if (_PyNone_Type.tp_repr == NULL) _PyNone_Type.tp_repr = none_repr;
  if (_PyNotImplemented_Type.tp_repr == NULL) _PyNotImplemented_Type.tp_repr = notimplemented_repr;
  if (PyEllipsis_Type.tp_repr == NULL) PyEllipsis_Type.tp_repr = ellipsis_repr;
  for (size_t i = 0; i < N_BUILTIN_TYPES; i++)
    if (PyType_Ready(builtin_types[i]) < 0) goto fail;
  if (rt_exceptions_init() < 0) goto fail;
  /* sys is a real module, importable, registered in its own sys.modules. */
  PyObject *sysmod = PyModule_New("sys");
  if (sysmod == NULL) goto fail;
  sysdict = Py_NewRef(PyModule_GetDict(sysmod));
  int rc = PyDict_SetItemString(modules, "sys", sysmod);
  Py_DECREF(sysmod);
  if (rc < 0 || rt_sys_fill(sysdict, modules) < 0) goto fail;
  interp_state = 2;
  return 0;
fail:
  Py_CLEAR(static_roots);
  Py_CLEAR(modules);
  Py_CLEAR(builtins);
  Py_CLEAR(sysdict);
  interp_state = 0;
  return -1;
}

int rt_static_hold(PyObject *o)
{
  if (static_roots == NULL) {
    Py_DECREF(o);
    PyErr_SetString(PyExc_SystemError, "the runtime is not initialised (call Py_Initialize)");
    return -1;
  }
  int rc = PyList_Append(static_roots, o);
  Py_DECREF(o);
  return rc;
}

PyObject *rt_modules_dict(void) { return modules; }
PyObject *rt_sys_dict(void) { return sysdict; }

void rt_static_types_each(void (*fn)(PyTypeObject *type, void *ctx), void *ctx)
{
  for (size_t i = 0; i < N_BUILTIN_TYPES; i++) fn(builtin_types[i], ctx);
  rt_exceptions_each(fn, ctx);
}

/* --- the evaluation loop (the thread states and the GIL are in pystate.c) ----------------------*/
PyObject *PyEval_GetBuiltins(void) { return builtins; }

static int recursion_depth;
#define RECURSION_LIMIT 1000

int Py_EnterRecursiveCall(const char *where)
{
  if (++recursion_depth > RECURSION_LIMIT) {
    recursion_depth--;
    PyErr_Format(PyExc_RecursionError, "maximum recursion depth exceeded%s", where ? where : "");
    return -1;
  }
  return 0;
}

void Py_LeaveRecursiveCall(void) { recursion_depth--; }
