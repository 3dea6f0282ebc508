/* modsupport.c — adding objects, constants, types and functions to modules, as CPython's
 * Python/modsupport.c.
 *
 * Ownership, as CPython's (the difference between the three matters to the oracle):
 *  - PyModule_AddObjectRef never steals value; 0, or -1 with an exception;
 *  - PyModule_AddObject steals value only when it succeeds (on failure the caller still owns it);
 *  - PyModule_Add always steals value, also when it fails or value is NULL.
 * A NULL value without an exception set raises SystemError; a non-module raises TypeError.
 */
#include "rt_capi.h"

int PyModule_AddObjectRef(PyObject *mod, const char *name, PyObject *value)
{
  if (mod == NULL || !PyModule_Check(mod)) {
    PyErr_SetString(PyExc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
    return -1;
  }
  if (value == NULL) {
    if (!PyErr_Occurred())
      PyErr_SetString(PyExc_SystemError, "PyModule_AddObjectRef() must be called with an exception "
                                         "raised if value is NULL");
    return -1;
  }
  PyObject *dict = PyModule_GetDict(mod);
  if (dict == NULL) {
    PyErr_Format(PyExc_SystemError, "module '%s' has no __dict__", PyModule_GetName(mod));
    return -1;
  }
  return PyDict_SetItemString(dict, name, value);
}

int PyModule_AddObject(PyObject *mod, const char *name, PyObject *value)
{
  int res = PyModule_AddObjectRef(mod, name, value);
  if (res == 0) Py_DECREF(value);
  return res;
}

int PyModule_Add(PyObject *mod, const char *name, PyObject *value)
{
  int res = PyModule_AddObjectRef(mod, name, value);
  Py_XDECREF(value);
  return res;
}

int PyModule_AddIntConstant(PyObject *mod, const char *name, long value)
{
  return PyModule_Add(mod, name, PyLong_FromLong(value));
}

int PyModule_AddStringConstant(PyObject *mod, const char *name, const char *value)
{
  return PyModule_Add(mod, name, PyUnicode_FromString(value));
}

int PyModule_AddType(PyObject *mod, PyTypeObject *type)
{
  if (PyType_Ready(type) < 0) return -1;
  return PyModule_AddObjectRef(mod, rt_type_name(type), (PyObject *)type);
}

int PyModule_AddFunctions(PyObject *mod, PyMethodDef *functions)
{
  PyObject *name = PyModule_GetNameObject(mod);
  if (name == NULL) return -1;
  int rc = 0;
  for (PyMethodDef *fdef = functions; fdef->ml_name != NULL; fdef++) {
    if (fdef->ml_flags & (METH_CLASS | METH_STATIC)) {
      PyErr_SetString(PyExc_ValueError, "module functions cannot set METH_CLASS or METH_STATIC");
      rc = -1;
      break;
    }
    PyObject *func = PyCFunction_NewEx(fdef, mod, name);
    if (func == NULL) {
      rc = -1;
      break;
    }
    rc = PyObject_SetAttrString(mod, fdef->ml_name, func);
    Py_DECREF(func);
    if (rc < 0) break;
  }
  Py_DECREF(name);
  return rc;
}

int PyModule_SetDocString(PyObject *mod, const char *doc)
{
  PyObject *v = PyUnicode_FromString(doc);
  if (v == NULL) return -1;
  int rc = PyObject_SetAttrString(mod, "__doc__", v);
  Py_DECREF(v);
  return rc;
}
