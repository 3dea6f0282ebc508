/* import.c — the module registry standing for sys.modules, and loading an extension's init
 * function the way the import system does (single-phase and multi-phase, PEP 489).
 *
 * There is no finder or loader: a name resolves only to a module registered here. Registered
 * modules are owned by the registry (interp.c's modules dict, created before the first check
 * window), so a module loaded during a check and kept there is held by older state.
 */
#include "rt_capi.h"

static PyObject *not_found(PyObject *name)
{
  PyErr_Format(PyExc_ModuleNotFoundError, "No module named %R", name);
  return NULL;
}

PyObject *PyImport_GetModuleDict(void) { return rt_modules_dict(); }

PyObject *PyImport_GetModule(PyObject *name)
{
  PyObject *d = rt_modules_dict();
  if (d == NULL) return NULL;
  PyObject *m = PyDict_GetItemWithError(d, name);
  return Py_XNewRef(m);
}

PyObject *PyImport_Import(PyObject *name)
{
  if (name == NULL) return rt_null_error();
  PyObject *d = rt_modules_dict();
  PyObject *m = d ? PyDict_GetItemWithError(d, name) : NULL;
  if (m != NULL) return Py_NewRef(m);
  if (PyErr_Occurred()) return NULL;
  return not_found(name);
}

PyObject *PyImport_ImportModule(const char *name)
{
  PyObject *n = PyUnicode_FromString(name);
  if (n == NULL) return NULL;
  PyObject *m = PyImport_Import(n);
  Py_DECREF(n);
  return m;
}

PyObject *PyImport_ImportModuleAttrString(const char *mod, const char *attr)
{
  PyObject *m = PyImport_ImportModule(mod);
  if (m == NULL) return NULL;
  PyObject *r = PyObject_GetAttrString(m, attr);
  Py_DECREF(m);
  return r;
}

PyObject *PyImport_AddModuleObject(PyObject *name)
{
  PyObject *d = rt_modules_dict();
  if (d == NULL) return rt_bad_internal_call();
  PyObject *m = PyDict_GetItemWithError(d, name);
  if (m != NULL || PyErr_Occurred()) return m;
  m = PyModule_NewObject(name);
  if (m == NULL) return NULL;
  int rc = PyDict_SetItem(d, name, m);
  Py_DECREF(m);   /* the registry holds it: the result is borrowed */
  return rc < 0 ? NULL : m;
}

PyObject *PyImport_AddModule(const char *name)
{
  PyObject *n = PyUnicode_FromString(name);
  if (n == NULL) return NULL;
  PyObject *m = PyImport_AddModuleObject(n);
  Py_DECREF(n);
  return m;
}

PyObject *PyImport_AddModuleRef(const char *name) { return Py_XNewRef(PyImport_AddModule(name)); }

/* A spec object: anything with a `name` attribute will do; a module is the smallest. */
static PyObject *make_spec(const char *name)
{
  PyObject *spec = PyModule_New("ModuleSpec"), *n = PyUnicode_FromString(name);
  if (spec == NULL || n == NULL || PyObject_SetAttrString(spec, "name", n) < 0) Py_CLEAR(spec);
  Py_XDECREF(n);
  return spec;
}

PyObject *rt_module_from_init(PyObject *(*init)(void), const char *name)
{
  if (rt_interp_init() < 0) return NULL;
  PyObject *m = init();
  if (m == NULL) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_SystemError, "initialization of %s failed without raising an exception",
                   name);
    return NULL;
  }
  if (PyErr_Occurred()) {
    if (!Py_IS_TYPE(m, &PyModuleDef_Type)) Py_DECREF(m);
    PyErr_Format(PyExc_SystemError, "initialization of %s raised unreported exception", name);
    return NULL;
  }
  if (Py_IS_TYPE(m, &PyModuleDef_Type)) {   /* multi-phase: m is the (static) definition */
    PyModuleDef *def = (PyModuleDef *)m;
    PyObject *spec = make_spec(name);
    if (spec == NULL) return NULL;
    m = PyModule_FromDefAndSpec(def, spec);
    Py_DECREF(spec);
    if (m == NULL) return NULL;
    if (PyModule_Check(m) && PyModule_ExecDef(m, def) < 0) {
      Py_DECREF(m);
      return NULL;
    }
  }
  if (PyDict_SetItemString(rt_modules_dict(), name, m) < 0) {
    Py_DECREF(m);
    return NULL;
  }
  return m;
}
