/* funcobject.h — function-like descriptors, as CPython's funcobject.h (runtime/funcobject.c):
 * staticmethod and classmethod (PyStaticMethod_New / PyClassMethod_New wrap any callable; a new
 * reference each, holding the callable), and the Python function type, which exists so that
 * PyFunction_Check answers, but has no instances: the runtime runs no Python code.
 */
#ifndef Py_FUNCOBJECT_H
#define Py_FUNCOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyFunction_Type;
#define PyFunction_Check(op) Py_IS_TYPE((op), &PyFunction_Type)

PyAPI_DATA(PyTypeObject) PyClassMethod_Type;
PyAPI_DATA(PyTypeObject) PyStaticMethod_Type;
PyAPI_FUNC(PyObject *) PyClassMethod_New(PyObject *callable);    /* new */
PyAPI_FUNC(PyObject *) PyStaticMethod_New(PyObject *callable);   /* new */

#ifdef __cplusplus
}
#endif
#endif /* Py_FUNCOBJECT_H */
