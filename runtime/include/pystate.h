/* pystate.h — thread and interpreter states, module lookup by definition, and the frame queries,
 * as CPython's pystate.h (runtime/pystate.c).
 *
 * The runtime is one interpreter with one current thread state, which starts as the main one.
 * PyEval_SaveThread hands the current state out and leaves none (the GIL "released");
 * PyEval_RestoreThread, PyEval_AcquireThread and PyThreadState_Swap make one current again;
 * PyGILState_Ensure makes the main state current when none is. There are no Python frames:
 * PyEval_GetFrame and PyEval_GetGlobals return NULL, PyEval_GetLocals raises SystemError.
 * PyState_FindModule returns the single-phase module of a definition borrowed (the registry
 * holds it); PyState_AddModule stores a new reference.
 */
#ifndef Py_PYSTATE_H
#define Py_PYSTATE_H

#include <stdint.h>
#include "ceval.h"
#include "moduleobject.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_New(void);
PyAPI_FUNC(void) PyInterpreterState_Clear(PyInterpreterState *interp);
PyAPI_FUNC(void) PyInterpreterState_Delete(PyInterpreterState *interp);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Get(void);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Main(void);
PyAPI_FUNC(int64_t) PyInterpreterState_GetID(PyInterpreterState *interp);
PyAPI_FUNC(PyObject *) PyInterpreterState_GetDict(PyInterpreterState *interp);   /* borrowed */

PyAPI_FUNC(PyThreadState *) PyThreadState_New(PyInterpreterState *interp);
PyAPI_FUNC(void) PyThreadState_Clear(PyThreadState *tstate);
PyAPI_FUNC(void) PyThreadState_Delete(PyThreadState *tstate);
PyAPI_FUNC(PyThreadState *) PyThreadState_Swap(PyThreadState *tstate);
PyAPI_FUNC(PyObject *) PyThreadState_GetDict(void);   /* borrowed; NULL without a current state */
PyAPI_FUNC(PyInterpreterState *) PyThreadState_GetInterpreter(PyThreadState *tstate);
PyAPI_FUNC(uint64_t) PyThreadState_GetID(PyThreadState *tstate);
PyAPI_FUNC(PyThreadState *) PyGILState_GetThisThreadState(void);
typedef struct _frame PyFrameObject;
typedef struct PyCodeObject PyCodeObject;   /* opaque: the runtime runs no Python code */
/* Frame accessors (runtime/privateapi.c): no frame exists, so they only raise SystemError. */
PyAPI_FUNC(PyCodeObject *) PyFrame_GetCode(PyFrameObject *frame);
PyAPI_FUNC(PyFrameObject *) PyFrame_GetBack(PyFrameObject *frame);
PyAPI_FUNC(PyObject *) PyFrame_GetLocals(PyFrameObject *frame);
PyAPI_FUNC(PyFrameObject *) PyThreadState_GetFrame(PyThreadState *tstate);   /* new: NULL, no frame */
PyAPI_FUNC(PyThreadState *) _PyThreadState_UncheckedGet(void);   /* NULL when the GIL is released */
#define PyThreadState_GET() PyThreadState_Get()

PyAPI_FUNC(void) PyEval_AcquireThread(PyThreadState *tstate);
PyAPI_FUNC(void) PyEval_ReleaseThread(PyThreadState *tstate);
PyAPI_FUNC(PyObject *) PyEval_GetGlobals(void);   /* borrowed: NULL, no frame */
PyAPI_FUNC(PyObject *) PyEval_GetLocals(void);    /* borrowed: NULL with SystemError, no frame */
PyAPI_FUNC(PyObject *) PyEval_GetFrame(void);     /* borrowed: NULL, no frame */
PyAPI_FUNC(const char *) PyEval_GetFuncName(PyObject *func);
PyAPI_FUNC(const char *) PyEval_GetFuncDesc(PyObject *func);

PyAPI_FUNC(PyObject *) PyState_FindModule(PyModuleDef *def);   /* borrowed */
PyAPI_FUNC(int) PyState_AddModule(PyObject *module, PyModuleDef *def);
PyAPI_FUNC(int) PyState_RemoveModule(PyModuleDef *def);

PyAPI_FUNC(void) PyOS_BeforeFork(void);
PyAPI_FUNC(void) PyOS_AfterFork_Parent(void);
PyAPI_FUNC(void) PyOS_AfterFork_Child(void);
PyAPI_FUNC(void) PyOS_AfterFork(void);

/* tracemalloc is never tracing: both return -2, as CPython's do then. */
PyAPI_FUNC(int) PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size);
PyAPI_FUNC(int) PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr);

#ifdef __cplusplus
}
#endif
#endif /* Py_PYSTATE_H */
