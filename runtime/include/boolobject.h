/* boolobject.h — True and False: static ints of type bool, mortal with real counts here
 * (runtime/boolobject.c). */
#ifndef Py_BOOLOBJECT_H
#define Py_BOOLOBJECT_H

#include "longobject.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyBool_Type;
PyAPI_DATA(struct _longobject) _Py_FalseStruct;
PyAPI_DATA(struct _longobject) _Py_TrueStruct;

#define PyBool_Check(x) Py_IS_TYPE((x), &PyBool_Type)
/* A new reference to True (v != 0) or False; never fails. */
PyAPI_FUNC(PyObject *) PyBool_FromLong(long v);
#define Py_False _PyObject_CAST(&_Py_FalseStruct)
#define Py_True _PyObject_CAST(&_Py_TrueStruct)
#define Py_IsTrue(x) Py_Is((x), Py_True)
#define Py_IsFalse(x) Py_Is((x), Py_False)
#define Py_RETURN_TRUE return Py_NewRef(Py_True)
#define Py_RETURN_FALSE return Py_NewRef(Py_False)

#ifdef __cplusplus
}
#endif
#endif /* Py_BOOLOBJECT_H */
