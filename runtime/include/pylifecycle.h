/* pylifecycle.h — embedding: start and stop the runtime, as CPython's pylifecycle.h.
 *
 * Py_Initialize sets up the singletons, the small ints and the GC (and reads the version profile
 * from PYREFCHECK_PYTHON, e.g. "3.11"). Py_FinalizeEx collects garbage, then reports every object
 * still alive as a leak (with its allocation site in the oracle build) and returns 0, as CPython
 * does; the reports are read through pyrefcheck_runtime.h.
 */
#ifndef Py_PYLIFECYCLE_H
#define Py_PYLIFECYCLE_H

#include "pyport.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(void) Py_Initialize(void);
PyAPI_FUNC(void) Py_InitializeEx(int initsigs);
PyAPI_FUNC(int) Py_IsInitialized(void);
PyAPI_FUNC(int) _Py_IsFinalizing(void);   /* 0: the runtime reports finalisation by Py_IsInitialized */
PyAPI_FUNC(int) Py_FinalizeEx(void);
PyAPI_FUNC(void) Py_Finalize(void);
/* C-API additions (issue 4): pystate.c and import.c. Py_AtExit's functions run at the end of
 * Py_FinalizeEx, last registered first (at most 32); Py_Exit finalizes, then exits. */
PyAPI_FUNC(int) Py_AtExit(void (*func)(void));
PyAPI_FUNC(void) Py_Exit(int status);
PyAPI_FUNC(const char *) Py_GetVersion(void);
PyAPI_FUNC(const char *) Py_GetPlatform(void);
PyAPI_FUNC(const char *) Py_GetBuildInfo(void);
PyAPI_FUNC(const char *) Py_GetCompiler(void);
PyAPI_FUNC(const char *) Py_GetCopyright(void);

#ifdef __cplusplus
}
#endif
#endif /* Py_PYLIFECYCLE_H */
