/* modsupport.h — argument parsing, value building and module set-up, as CPython's modsupport.h
 * (runtime/getargs.c, runtime/buildvalue.c, runtime/modsupport.c).
 *
 * Ownership:
 *  - PyArg_Parse*: "O" and friends store borrowed references (they live as long as the argument
 *    tuple); "O&" converters own what they produce. They return 1, or 0 with an exception set.
 *    '#' lengths are always Py_ssize_t (as with PY_SSIZE_T_CLEAN, which 3.10+ requires).
 *  - Py_BuildValue: "O" takes a new reference, "N" steals its argument, also when the call fails
 *    (the N arguments not yet consumed are released); returns a new reference or NULL.
 *  - PyModule_AddObject steals value only on success; PyModule_AddObjectRef never steals;
 *    PyModule_Add always steals (also on failure, and value may be NULL with an exception set).
 */
#ifndef Py_MODSUPPORT_H
#define Py_MODSUPPORT_H

#include <stdarg.h>
#include "object.h"
#include "moduleobject.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"

PyAPI_FUNC(int) PyArg_Parse(PyObject *arg, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format,
                                            char **keywords, ...);
PyAPI_FUNC(int) PyArg_VaParse(PyObject *args, const char *format, va_list va);
PyAPI_FUNC(int) PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format,
                                              char **keywords, va_list va);
PyAPI_FUNC(int) PyArg_ValidateKeywordArguments(PyObject *kw);
PyAPI_FUNC(int) PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min,
                                  Py_ssize_t max, ...);
#define Py_CLEANUP_SUPPORTED 0x20000

PyAPI_FUNC(PyObject *) Py_BuildValue(const char *format, ...);
PyAPI_FUNC(PyObject *) Py_VaBuildValue(const char *format, va_list va);
PyAPI_FUNC(PyObject *) _Py_BuildValue_SizeT(const char *format, ...);
PyAPI_FUNC(PyObject *) _Py_VaBuildValue_SizeT(const char *format, va_list va);
#define _PyArg_ParseTuple_SizeT PyArg_ParseTuple
#define _PyArg_ParseTupleAndKeywords_SizeT PyArg_ParseTupleAndKeywords
#define _PyArg_Parse_SizeT PyArg_Parse
#define _PyArg_VaParse_SizeT PyArg_VaParse

PyAPI_FUNC(int) PyModule_AddObjectRef(PyObject *mod, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_AddObject(PyObject *mod, const char *name, PyObject *value);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyModule_Add(PyObject *mod, const char *name, PyObject *value);
#endif
PyAPI_FUNC(int) PyModule_AddIntConstant(PyObject *mod, const char *name, long value);
PyAPI_FUNC(int) PyModule_AddStringConstant(PyObject *mod, const char *name, const char *value);
PyAPI_FUNC(int) PyModule_AddType(PyObject *mod, PyTypeObject *type);
PyAPI_FUNC(int) PyModule_AddFunctions(PyObject *mod, PyMethodDef *functions);
PyAPI_FUNC(int) PyModule_SetDocString(PyObject *mod, const char *doc);
PyAPI_FUNC(int) PyModule_ExecDef(PyObject *module, PyModuleDef *def);
#define PyModule_AddIntMacro(m, c) PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))

/* A new module from a single-phase definition (new reference) or NULL with an exception set. */
PyAPI_FUNC(PyObject *) PyModule_Create2(PyModuleDef *def, int apiver);
#define PyModule_Create(def) PyModule_Create2((def), PYTHON_API_VERSION)
/* Multi-phase: the module for def and spec (spec.name names it), before its Py_mod_exec slots run
 * (PyModule_ExecDef runs them). */
PyAPI_FUNC(PyObject *) PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int apiver);
#define PyModule_FromDefAndSpec(def, spec) PyModule_FromDefAndSpec2((def), (spec), PYTHON_API_VERSION)

#ifdef __cplusplus
}
#endif
#endif /* Py_MODSUPPORT_H */
