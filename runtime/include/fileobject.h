/* fileobject.h — writing to and reading from Python file objects, as CPython's fileobject.h
 * (runtime/fileobject.c). A "file" is any object with write() (readline() for PyFile_GetLine);
 * the runtime has no io module, so PyFile_FromFd is missing.
 */
#ifndef Py_FILEOBJECT_H
#define Py_FILEOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(int) PyFile_WriteObject(PyObject *obj, PyObject *f, int flags);   /* Py_PRINT_RAW: str */
PyAPI_FUNC(int) PyFile_WriteString(const char *s, PyObject *f);
PyAPI_FUNC(PyObject *) PyFile_GetLine(PyObject *f, int n);                     /* new */

#ifdef __cplusplus
}
#endif
#endif /* Py_FILEOBJECT_H */
