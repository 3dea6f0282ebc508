/* iterobject.h — the sequence iterator and the callable iterator (runtime/iterobject.c). Both hold
 * owned references to what they iterate and drop them when exhausted. */
#ifndef Py_ITEROBJECT_H
#define Py_ITEROBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PySeqIter_Type;
PyAPI_DATA(PyTypeObject) PyCallIter_Type;
#define PySeqIter_Check(op) Py_IS_TYPE((op), &PySeqIter_Type)
#define PyCallIter_Check(op) Py_IS_TYPE((op), &PyCallIter_Type)

PyAPI_FUNC(PyObject *) PySeqIter_New(PyObject *seq);                        /* new */
PyAPI_FUNC(PyObject *) PyCallIter_New(PyObject *callable, PyObject *sentinel);  /* new */

#ifdef __cplusplus
}
#endif
#endif /* Py_ITEROBJECT_H */
