/* import.c — the sys module: sys.modules standing for the import system, loading an extension's
 * init function the way the import system does (single-phase and multi-phase, PEP 489), and the
 * rest of sys's C-API (PySys_*, the version strings, the fspath protocol, file descriptors).
 *
 * There is no finder or loader: a name resolves only to a module registered here. Registered
 * modules are owned by the registry (interp.c's modules dict, created before the first check
 * window), so a module loaded during a check and kept there is held by older state. The sys dict
 * belongs to the interpreter state too (interp.c, rt_sys_dict). The write functions format into a
 * buffer and print it; an exception set before the call survives it, as CPython's sys_write does.
 */
#include "rt_capi.h"

#include <stdarg.h>
#include <string.h>

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

PyObject *PyImport_ImportModuleNoBlock(const char *name) { return PyImport_ImportModule(name); }

/* Only absolute imports (level 0) of registered modules: globals, locals and fromlist do not
 * matter, the module named is returned. */
PyObject *PyImport_ImportModuleLevelObject(PyObject *name, PyObject *globals, PyObject *locals,
                                           PyObject *fromlist, int level)
{
  (void)locals;
  (void)fromlist;
  if (name == NULL) return rt_null_error();
  if (!PyUnicode_Check(name)) return rt_type_error("module name must be str, not %s", Py_TYPE(name)->tp_name);
  if (level < 0) {
    PyErr_SetString(PyExc_ValueError, "level must be >= 0");
    return NULL;
  }
  if (level > 0) {   /* CPython's checks on the package context first, then: no packages here */
    if (globals == NULL) {
      PyErr_SetString(PyExc_KeyError, "'__name__' not in globals");
    } else if (!PyDict_Check(globals)) {
      PyErr_SetString(PyExc_TypeError, "globals must be a dict");
    } else {
      PyErr_SetString(PyExc_ImportError, "attempted relative import: the runtime has no packages");
    }
    return NULL;
  }
  return PyImport_Import(name);
}

PyObject *PyImport_ImportModuleLevel(const char *name, PyObject *globals, PyObject *locals,
                                     PyObject *fromlist, int level)
{
  PyObject *n = PyUnicode_FromString(name);
  if (n == NULL) return NULL;
  PyObject *m = PyImport_ImportModuleLevelObject(n, globals, locals, fromlist, level);
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
  /* A single-phase module is found by its definition from now on (CPython's import does the
   * same: _PyImport_FixupExtensionObject). */
  PyModuleDef *sdef = PyModule_Check(m) ? PyModule_GetDef(m) : NULL;
  if ((sdef != NULL && sdef->m_slots == NULL && rt_state_add_module(m, sdef) < 0) ||
      PyDict_SetItemString(rt_modules_dict(), name, m) < 0) {
    Py_DECREF(m);
    return NULL;
  }
  return m;
}

/* --- the rest of sys ---------------------------------------------------------------------------*/
#define RT_VERSION "3.11.0 (pyrefcheck runtime)"

const char *Py_GetVersion(void) { return RT_VERSION; }
const char *Py_GetPlatform(void) { return "linux"; }
const char *Py_GetBuildInfo(void) { return "pyrefcheck runtime"; }
const char *Py_GetCompiler(void) { return "[pyrefcheck runtime]"; }
const char *Py_GetCopyright(void)
{
  return "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.";
}
long PyImport_GetMagicNumber(void) { return 3495 | ((long)'\r' << 16) | ((long)'\n' << 24); }
const char *PyImport_GetMagicTag(void) { return "cpython-311"; }

/* Fills the sys module's dict (d, owned by the caller; PyModule_New filled it first); 0 or -1. */
int rt_sys_fill(PyObject *d, PyObject *modules)
{
  PyObject *v;
#define SET(name, expr)                                                                            \
  v = (expr);                                                                                      \
  if (v == NULL || PyDict_SetItemString(d, name, v) < 0) {                                         \
    Py_XDECREF(v);                                                                                 \
    return -1;                                                                                     \
  }                                                                                                \
  Py_DECREF(v)
  /* The module's attributes as CPython's sys has them, not None: the runtime holds no reference
   * to None of its own (the core's None starts with one reference, which its tests rely on). */
  SET("__doc__", PyUnicode_FromString("This module provides access to some objects used or "
                                      "maintained by the interpreter."));
  SET("__package__", PyUnicode_FromString(""));
  if (PyDict_DelItemString(d, "__loader__") < 0 || PyDict_DelItemString(d, "__spec__") < 0) return -1;
  SET("version", PyUnicode_FromString(RT_VERSION));
  SET("platform", PyUnicode_FromString("linux"));
  SET("maxsize", PyLong_FromSsize_t(PY_SSIZE_T_MAX));
  SET("byteorder", PyUnicode_FromString("little"));
  SET("path", PyList_New(0));
  SET("argv", Py_BuildValue("[s]", ""));
  SET("_xoptions", PyDict_New());
  SET("modules", Py_NewRef(modules));
#undef SET
  return 0;
}

PyObject *PySys_GetObject(const char *name)
{
  PyObject *d = rt_sys_dict();
  if (d == NULL) return NULL;
  PyObject *saved = PyErr_GetRaisedException();   /* never raises, as CPython's */
  PyObject *v = rt_dict_get_cstr(d, name);
  PyErr_SetRaisedException(saved);
  return v;
}

int PySys_SetObject(const char *name, PyObject *v)
{
  PyObject *d = rt_sys_dict();
  if (d == NULL) return -1;
  if (v != NULL) return PyDict_SetItemString(d, name, v);
  PyObject *r;
  int rc = PyDict_PopString(d, name, &r);
  Py_XDECREF(r);
  return rc < 0 ? -1 : 0;
}

PyObject *PySys_GetXOptions(void) { return PySys_GetObject("_xoptions"); }

/* Writes at most 1000 bytes of the C-formatted text, as CPython's PySys_WriteStdout. */
static void write_c(FILE *f, const char *format, va_list va)
{
  char buf[1001];
  PyObject *saved = PyErr_GetRaisedException();
  vsnprintf(buf, sizeof(buf), format, va);
  fputs(buf, f);
  fflush(f);
  PyErr_SetRaisedException(saved);
}

/* Writes the PyUnicode_FromFormat-formatted text; a formatting error is dropped. */
static void write_format(FILE *f, const char *format, va_list va)
{
  PyObject *saved = PyErr_GetRaisedException();
  PyObject *s = PyUnicode_FromFormatV(format, va);
  if (s != NULL) {
    const char *u = PyUnicode_AsUTF8(s);
    if (u != NULL) fputs(u, f);
    fflush(f);
    Py_DECREF(s);
  }
  PyErr_Clear();
  PyErr_SetRaisedException(saved);
}

#define WRITER(name, fn, stream)                                                                   \
  void name(const char *format, ...)                                                               \
  {                                                                                                \
    va_list va;                                                                                    \
    va_start(va, format);                                                                          \
    fn(stream, format, va);                                                                        \
    va_end(va);                                                                                    \
  }
WRITER(PySys_WriteStdout, write_c, stdout)
WRITER(PySys_WriteStderr, write_c, stderr)
WRITER(PySys_FormatStdout, write_format, stdout)
WRITER(PySys_FormatStderr, write_format, stderr)

/* --- paths and file descriptors ----------------------------------------------------------------*/
PyObject *PyOS_FSPath(PyObject *path)
{
  if (path == NULL) return rt_bad_internal_call();
  if (PyUnicode_Check(path) || PyBytes_Check(path)) return Py_NewRef(path);
  PyObject *func = rt_type_lookup_str(Py_TYPE(path), "__fspath__");
  if (func == NULL)
    return rt_type_error("expected str, bytes or os.PathLike object, not %s", Py_TYPE(path)->tp_name);
  PyObject *r = rt_call_method_array(path, "__fspath__", NULL, 0);
  if (r != NULL && !PyUnicode_Check(r) && !PyBytes_Check(r)) {
    PyErr_Format(PyExc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                 Py_TYPE(path)->tp_name, Py_TYPE(r)->tp_name);
    Py_CLEAR(r);
  }
  return r;
}

int PyObject_AsFileDescriptor(PyObject *o)
{
  int fd;
  if (PyLong_Check(o)) {
    fd = PyLong_AsInt(o);
  } else {
    PyObject *r = PyObject_HasAttrString(o, "fileno") ? rt_call_method_array(o, "fileno", NULL, 0) : NULL;
    if (r == NULL) {
      if (!PyErr_Occurred())
        PyErr_SetString(PyExc_TypeError, "argument must be an int, or have a fileno() method.");
      return -1;
    }
    if (!PyLong_Check(r)) {
      PyErr_SetString(PyExc_TypeError, "fileno() returned a non-integer");
      Py_DECREF(r);
      return -1;
    }
    fd = PyLong_AsInt(r);
    Py_DECREF(r);
  }
  if (fd == -1 && PyErr_Occurred()) return -1;
  if (fd < 0) {
    PyErr_Format(PyExc_ValueError, "file descriptor cannot be a negative integer (%i)", fd);
    return -1;
  }
  return fd;
}
