/* pyerrors.h — the error indicator (minimal until the C-API issue builds exceptions).
 *
 * For now only PyErr_NoMemory exists: it does not raise anything, it records the event through the
 * runtime's error hook (rt_error_hook in pyrefcheck_runtime.h) and returns NULL. The C-API issue
 * replaces runtime/errhook.c with the real error indicator (MemoryError set on the thread state).
 */
#ifndef Py_ERRORS_H
#define Py_ERRORS_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(PyObject *) PyErr_NoMemory(void);

#ifdef __cplusplus
}
#endif
#endif /* Py_ERRORS_H */
