/* floatobject.h — the float object, as CPython's floatobject.h (runtime/floatobject.c).
 * PyFloat_AsDouble returns -1.0 with an exception set on failure (check PyErr_Occurred()); a
 * non-float is converted through nb_float, then nb_index, as CPython 3.8+. */
#ifndef Py_FLOATOBJECT_H
#define Py_FLOATOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_HEAD
  double ob_fval;
} PyFloatObject;

PyAPI_DATA(PyTypeObject) PyFloat_Type;
#define PyFloat_Check(op) PyObject_TypeCheck((op), &PyFloat_Type)
#define PyFloat_CheckExact(op) Py_IS_TYPE((op), &PyFloat_Type)
#define PyFloat_AS_DOUBLE(op) (((PyFloatObject *)(op))->ob_fval)

PyAPI_FUNC(PyObject *) PyFloat_FromDouble(double v);        /* new, or NULL (MemoryError) */
PyAPI_FUNC(PyObject *) PyFloat_FromString(PyObject *str);   /* new, or NULL (ValueError) */
PyAPI_FUNC(double) PyFloat_AsDouble(PyObject *o);
PyAPI_FUNC(double) PyFloat_GetMax(void);
PyAPI_FUNC(PyObject *) PyFloat_GetInfo(void);   /* new: sys.float_info */
PyAPI_FUNC(double) PyFloat_GetMin(void);

#ifdef __cplusplus
}
#endif
#endif /* Py_FLOATOBJECT_H */
