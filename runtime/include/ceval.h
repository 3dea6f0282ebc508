/* ceval.h — the GIL and the evaluation loop's public face. The runtime is single-threaded (it
 * stands for a GIL-holding interpreter): releasing and taking the GIL do nothing, and the GIL
 * state API always reports the GIL held. */
#ifndef Py_CEVAL_H
#define Py_CEVAL_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _ts PyThreadState;
typedef struct _is PyInterpreterState;
typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED } PyGILState_STATE;

PyAPI_FUNC(PyThreadState *) PyEval_SaveThread(void);
PyAPI_FUNC(void) PyEval_RestoreThread(PyThreadState *tstate);
PyAPI_FUNC(PyGILState_STATE) PyGILState_Ensure(void);
PyAPI_FUNC(void) PyGILState_Release(PyGILState_STATE state);
PyAPI_FUNC(int) PyGILState_Check(void);
PyAPI_FUNC(PyThreadState *) PyThreadState_Get(void);
PyAPI_FUNC(PyObject *) PyEval_GetBuiltins(void);   /* borrowed */
PyAPI_FUNC(int) Py_EnterRecursiveCall(const char *where);
PyAPI_FUNC(void) Py_LeaveRecursiveCall(void);

#define Py_BEGIN_ALLOW_THREADS {                                                                   \
    PyThreadState *_save;                                                                          \
    _save = PyEval_SaveThread();
#define Py_BLOCK_THREADS PyEval_RestoreThread(_save);
#define Py_UNBLOCK_THREADS _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS PyEval_RestoreThread(_save);                                         \
  }

#ifdef __cplusplus
}
#endif
#endif /* Py_CEVAL_H */
