/* import.h — the module registry (runtime/import.c); only absolute imports (level 0). There is no import system: a module exists
 * once it is registered (rt_module_from_init in pyrefcheck_runtime.h, or PyImport_AddModule),
 * and importing any other name raises ModuleNotFoundError. */
#ifndef Py_IMPORT_H
#define Py_IMPORT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(PyObject *) PyImport_ImportModule(const char *name);        /* new */
PyAPI_FUNC(PyObject *) PyImport_ImportModuleNoBlock(const char *name); /* new */
PyAPI_FUNC(long) PyImport_GetMagicNumber(void);
PyAPI_FUNC(const char *) PyImport_GetMagicTag(void);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleLevel(const char *name, PyObject *globals,
                                                  PyObject *locals, PyObject *fromlist, int level);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleLevelObject(PyObject *name, PyObject *globals,
                                                        PyObject *locals, PyObject *fromlist,
                                                        int level);
#define PyImport_ImportModuleEx(n, g, l, f) PyImport_ImportModuleLevel((n), (g), (l), (f), 0)
PyAPI_FUNC(PyObject *) PyImport_Import(PyObject *name);                /* new */
PyAPI_FUNC(PyObject *) PyImport_AddModuleObject(PyObject *name);       /* borrowed */
PyAPI_FUNC(PyObject *) PyImport_AddModule(const char *name);           /* borrowed */
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(PyObject *) PyImport_AddModuleRef(const char *name);        /* new */
#endif
PyAPI_FUNC(PyObject *) PyImport_GetModuleDict(void);                   /* borrowed */
PyAPI_FUNC(PyObject *) PyImport_GetModule(PyObject *name);             /* new or NULL */
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(PyObject *) PyImport_ImportModuleAttrString(const char *mod, const char *attr);
#endif

#ifdef __cplusplus
}
#endif
#endif /* Py_IMPORT_H */
