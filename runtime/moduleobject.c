/* moduleobject.c — module objects, module definitions, single- and multi-phase creation, as
 * CPython's Objects/moduleobject.c.
 *
 * Owns: PyModule_Type and PyModuleDef_Type. A module owns its dict, its name and its state block
 * (PyMem_Malloc'd, zeroed, m_size bytes), which is freed after the definition's m_free. The
 * module's tp_traverse / tp_clear call the definition's m_traverse / m_clear (only once the state
 * exists when m_size > 0, as CPython), so what an extension keeps in its state is visible to the
 * collector and to the leak check.
 *
 * Failure: every constructor returns NULL with an exception set and releases what it built; the
 * half-built module's dealloc frees exactly what was set.
 */
#include "rt_capi.h"

#include <string.h>

static int state_ready(PyModuleObject *m)
{
  return m->md_def != NULL && (m->md_def->m_size <= 0 || m->md_state != NULL);
}

static int module_traverse(PyObject *op, visitproc visit, void *arg)
{
  PyModuleObject *m = (PyModuleObject *)op;
  if (state_ready(m) && m->md_def->m_traverse != NULL) {
    int rc = m->md_def->m_traverse(op, visit, arg);
    if (rc) return rc;
  }
  Py_VISIT(m->md_dict);
  Py_VISIT(m->md_name);
  return 0;
}

static int module_clear(PyObject *op)
{
  PyModuleObject *m = (PyModuleObject *)op;
  if (state_ready(m) && m->md_def->m_clear != NULL) {
    int rc = m->md_def->m_clear(op);
    if (rc) return rc;
  }
  Py_CLEAR(m->md_dict);
  return 0;
}

static void module_dealloc(PyObject *op)
{
  PyModuleObject *m = (PyModuleObject *)op;
  PyObject_GC_UnTrack(op);
  if (m->md_weaklist != NULL) PyObject_ClearWeakRefs(op);
  if (state_ready(m) && m->md_def->m_free != NULL) m->md_def->m_free(op);
  Py_XDECREF(m->md_dict);
  Py_XDECREF(m->md_name);
  if (m->md_state != NULL) (PyMem_Free)(m->md_state);
  Py_TYPE(op)->tp_free(op);
}

static PyObject *module_repr(PyObject *op)
{
  PyModuleObject *m = (PyModuleObject *)op;
  if (m->md_name != NULL) return PyUnicode_FromFormat("<module %R>", m->md_name);
  return PyUnicode_FromString("<module '?'>");
}

static PyObject *module_getattro(PyObject *op, PyObject *name)
{
  PyObject *saved = NULL;
  PyObject *r = PyObject_GenericGetAttr(op, name);
  if (r != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) return r;
  saved = PyErr_GetRaisedException();
  PyModuleObject *m = (PyModuleObject *)op;
  if (m->md_name != NULL && PyUnicode_Check(name)) {
    Py_DECREF(saved);
    PyErr_Format(PyExc_AttributeError, "module '%U' has no attribute '%U'", m->md_name, name);
    return NULL;
  }
  PyErr_SetRaisedException(saved);
  return NULL;
}

static PyMemberDef module_members[] = {
    {"__dict__", _Py_T_OBJECT, offsetof(PyModuleObject, md_dict), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyModule_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "module",
    .tp_basicsize = sizeof(PyModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_members = module_members,
    .tp_dictoffset = offsetof(PyModuleObject, md_dict),
    .tp_weaklistoffset = offsetof(PyModuleObject, md_weaklist),
    .tp_alloc = PyType_GenericAlloc,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyModuleDef_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "moduledef",
    .tp_basicsize = sizeof(PyModuleDef),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* --- creating -------------------------------------------------------------------------------------*/
PyObject *PyModule_NewObject(PyObject *name)
{
  if (name == NULL) return rt_null_error();
  PyModuleObject *m = (PyModuleObject *)_PyObject_GC_New(&PyModule_Type);
  if (m == NULL) return NULL;
  m->md_def = NULL;
  m->md_state = NULL;
  m->md_weaklist = NULL;
  m->md_name = Py_NewRef(name);
  m->md_dict = PyDict_New();
  (PyObject_GC_Track)(m);
  if (m->md_dict == NULL) goto fail;
  if (PyDict_SetItemString(m->md_dict, "__name__", name) < 0 ||
      PyDict_SetItemString(m->md_dict, "__doc__", Py_None) < 0 ||
      PyDict_SetItemString(m->md_dict, "__package__", Py_None) < 0 ||
      PyDict_SetItemString(m->md_dict, "__loader__", Py_None) < 0 ||
      PyDict_SetItemString(m->md_dict, "__spec__", Py_None) < 0)
    goto fail;
  return (PyObject *)m;
fail:
  Py_DECREF(m);
  return NULL;
}

PyObject *PyModule_New(const char *name)
{
  PyObject *n = PyUnicode_FromString(name);
  if (n == NULL) return NULL;
  PyObject *m = PyModule_NewObject(n);
  Py_DECREF(n);
  return m;
}

static Py_ssize_t max_module_index;

PyObject *PyModuleDef_Init(PyModuleDef *def)
{
  if (PyType_Ready(&PyModuleDef_Type) < 0) return NULL;
  if (def->m_base.m_index == 0) {
    max_module_index++;
    Py_SET_TYPE(def, &PyModuleDef_Type);
    def->m_base.m_index = max_module_index;
  }
  return (PyObject *)def;
}

/* Allocates m's zeroed state block for def (when m_size > 0 and none exists); 0 or -1. */
static int alloc_state(PyModuleObject *m, PyModuleDef *def)
{
  if (def->m_size <= 0 || m->md_state != NULL) return 0;
  m->md_state = (PyMem_Malloc)((size_t)def->m_size);
  if (m->md_state == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  memset(m->md_state, 0, (size_t)def->m_size);
  return 0;
}

PyObject *PyModule_Create2(PyModuleDef *def, int apiver)
{
  (void)apiver;
  if (def == NULL) return rt_bad_internal_call();
  if (PyModuleDef_Init(def) == NULL) return NULL;
  if (def->m_slots != NULL) {
    PyErr_Format(PyExc_SystemError, "module %s: PyModule_Create is incompatible with m_slots",
                 def->m_name);
    return NULL;
  }
  PyModuleObject *m = (PyModuleObject *)PyModule_New(def->m_name);
  if (m == NULL) return NULL;
  m->md_def = def;
  if (alloc_state(m, def) < 0) goto fail;
  if (def->m_methods != NULL && PyModule_AddFunctions((PyObject *)m, def->m_methods) < 0) goto fail;
  if (def->m_doc != NULL && PyModule_SetDocString((PyObject *)m, def->m_doc) < 0) goto fail;
  return (PyObject *)m;
fail:
  Py_DECREF(m);
  return NULL;
}

PyObject *PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int apiver)
{
  (void)apiver;
  if (def == NULL || spec == NULL) return rt_bad_internal_call();
  if (PyModuleDef_Init(def) == NULL) return NULL;
  PyObject *(*create)(PyObject *, PyModuleDef *) = NULL;
  for (PyModuleDef_Slot *s = def->m_slots; s != NULL && s->slot != 0; s++) {
    switch (s->slot) {
    case Py_mod_create:
      if (create != NULL) {
        PyErr_Format(PyExc_SystemError, "module %s has multiple create slots", def->m_name);
        return NULL;
      }
      create = (PyObject * (*)(PyObject *, PyModuleDef *))s->value;
      break;
    case Py_mod_exec:
    case Py_mod_multiple_interpreters:
    case Py_mod_gil:
      break;
    default:
      PyErr_Format(PyExc_SystemError, "module %s uses unknown slot ID %i", def->m_name, s->slot);
      return NULL;
    }
  }
  PyObject *name = PyObject_GetAttrString(spec, "name");
  if (name == NULL) return NULL;
  PyObject *m;
  if (create != NULL) {
    m = create(spec, def);
    if (m == NULL && !PyErr_Occurred())
      PyErr_Format(PyExc_SystemError, "creation of module %s failed without setting an exception",
                   def->m_name);
    else if (m != NULL && PyErr_Occurred()) {
      Py_CLEAR(m);
      PyErr_Format(PyExc_SystemError, "creation of module %s raised unreported exception",
                   def->m_name);
    }
  } else {
    m = PyModule_NewObject(name);
  }
  Py_DECREF(name);
  if (m == NULL) return NULL;
  if (PyModule_Check(m)) {
    PyModuleObject *mo = (PyModuleObject *)m;
    mo->md_state = NULL;
    mo->md_def = def;
  } else if (def->m_size > 0 || def->m_traverse || def->m_clear || def->m_free) {
    PyErr_Format(PyExc_SystemError, "module %s is not a module object, but requests module state",
                 def->m_name);
    goto fail;
  }
  if (def->m_methods != NULL && PyModule_AddFunctions(m, def->m_methods) < 0) goto fail;
  if (def->m_doc != NULL && PyModule_SetDocString(m, def->m_doc) < 0) goto fail;
  return m;
fail:
  Py_DECREF(m);
  return NULL;
}

int PyModule_ExecDef(PyObject *module, PyModuleDef *def)
{
  if (def->m_slots == NULL) return 0;
  if (PyModule_Check(module) && alloc_state((PyModuleObject *)module, def) < 0) return -1;
  for (PyModuleDef_Slot *s = def->m_slots; s->slot != 0; s++) {
    if (s->slot != Py_mod_exec) continue;
    int (*exec)(PyObject *) = (int (*)(PyObject *))s->value;
    int ret = exec(module);
    if (ret != 0) {
      if (!PyErr_Occurred())
        PyErr_Format(PyExc_SystemError, "execution of module %s failed without setting an "
                     "exception", def->m_name);
      return -1;
    }
    if (PyErr_Occurred()) {
      PyObject *exc = PyErr_GetRaisedException();
      PyErr_Format(PyExc_SystemError, "execution of module %s raised unreported exception",
                   def->m_name);
      Py_XDECREF(exc);
      return -1;
    }
  }
  return 0;
}

/* --- reading ----------------------------------------------------------------------------------------*/
PyObject *PyModule_GetDict(PyObject *m)
{
  if (m == NULL || !PyModule_Check(m)) return rt_bad_internal_call();
  return ((PyModuleObject *)m)->md_dict;
}

PyObject *PyModule_GetNameObject(PyObject *m)
{
  if (m == NULL || !PyModule_Check(m)) {
    PyErr_BadArgument();
    return NULL;
  }
  PyObject *d = ((PyModuleObject *)m)->md_dict;
  PyObject *name = d != NULL ? rt_dict_get_cstr(d, "__name__") : NULL;
  if (name == NULL || !PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_SystemError, "nameless module");
    return NULL;
  }
  return Py_NewRef(name);
}

const char *PyModule_GetName(PyObject *m)
{
  PyObject *name = PyModule_GetNameObject(m);
  if (name == NULL) return NULL;
  const char *s = PyUnicode_AsUTF8(name);
  Py_DECREF(name);   /* the dict still holds it: s stays valid (CPython does the same) */
  return s;
}

PyObject *PyModule_GetFilenameObject(PyObject *m)
{
  if (m == NULL || !PyModule_Check(m)) {
    PyErr_BadArgument();
    return NULL;
  }
  PyObject *d = ((PyModuleObject *)m)->md_dict;
  PyObject *f = d != NULL ? rt_dict_get_cstr(d, "__file__") : NULL;
  if (f == NULL || !PyUnicode_Check(f)) {
    PyErr_SetString(PyExc_SystemError, "module filename missing");
    return NULL;
  }
  return Py_NewRef(f);
}

const char *PyModule_GetFilename(PyObject *m)
{
  PyObject *f = PyModule_GetFilenameObject(m);
  if (f == NULL) return NULL;
  const char *s = PyUnicode_AsUTF8(f);
  Py_DECREF(f);   /* the module's dict still holds it */
  return s;
}

PyModuleDef *PyModule_GetDef(PyObject *m)
{
  if (m == NULL || !PyModule_Check(m)) {
    PyErr_BadArgument();
    return NULL;
  }
  return ((PyModuleObject *)m)->md_def;
}

void *PyModule_GetState(PyObject *m)
{
  if (m == NULL || !PyModule_Check(m)) {
    PyErr_BadArgument();
    return NULL;
  }
  return ((PyModuleObject *)m)->md_state;
}
