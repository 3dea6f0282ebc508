/* sysmodule.h — the sys module's C-API, as CPython's sysmodule.h (implemented in import.c).
 * The runtime's sys is a module (importable, in sys.modules) with a few entries (version,
 * platform, maxsize, byteorder, path, argv, modules, _xoptions) created with the interpreter;
 * PySys_GetObject returns them borrowed (NULL, without an exception, for a name it lacks),
 * PySys_SetObject stores a new reference. The write functions print to the process's stdout and
 * stderr and keep the caller's exception. */
#ifndef Py_SYSMODULE_H
#define Py_SYSMODULE_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(PyObject *) PySys_GetObject(const char *name);           /* borrowed */
PyAPI_FUNC(int) PySys_SetObject(const char *name, PyObject *v);     /* v NULL deletes */
PyAPI_FUNC(PyObject *) PySys_GetXOptions(void);                     /* borrowed */
PyAPI_FUNC(void) PySys_WriteStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_WriteStderr(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStderr(const char *format, ...);

/* The fspath protocol and file descriptors (os.fspath(), PyObject_AsFileDescriptor). */
PyAPI_FUNC(PyObject *) PyOS_FSPath(PyObject *path);                 /* new */
PyAPI_FUNC(int) PyObject_AsFileDescriptor(PyObject *o);

#ifdef __cplusplus
}
#endif
#endif /* Py_SYSMODULE_H */
