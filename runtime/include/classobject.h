/* classobject.h — bound methods and instance methods, as CPython's classobject.h
 * (runtime/classobject.c). A bound method holds its function and its self (both owned); calling
 * it calls the function with self first. PyMethod_Function / PyMethod_Self and the GET macros
 * return borrowed references. An instance method wraps a callable so that it binds like a
 * function when looked up on an instance.
 */
#ifndef Py_CLASSOBJECT_H
#define Py_CLASSOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_HEAD
  PyObject *im_func;         /* owned: the callable */
  PyObject *im_self;         /* owned: the instance it is bound to */
  PyObject *im_weakreflist;
  vectorcallfunc vectorcall;
} PyMethodObject;

PyAPI_DATA(PyTypeObject) PyMethod_Type;
#define PyMethod_Check(op) Py_IS_TYPE((op), &PyMethod_Type)
PyAPI_FUNC(PyObject *) PyMethod_New(PyObject *func, PyObject *self);   /* new */
PyAPI_FUNC(PyObject *) PyMethod_Function(PyObject *meth);             /* borrowed */
PyAPI_FUNC(PyObject *) PyMethod_Self(PyObject *meth);                 /* borrowed */
#define PyMethod_GET_FUNCTION(meth) (((PyMethodObject *)(meth))->im_func)
#define PyMethod_GET_SELF(meth) (((PyMethodObject *)(meth))->im_self)

typedef struct {
  PyObject_HEAD
  PyObject *func;            /* owned */
} PyInstanceMethodObject;

PyAPI_DATA(PyTypeObject) PyInstanceMethod_Type;
#define PyInstanceMethod_Check(op) Py_IS_TYPE((op), &PyInstanceMethod_Type)
PyAPI_FUNC(PyObject *) PyInstanceMethod_New(PyObject *func);            /* new */
PyAPI_FUNC(PyObject *) PyInstanceMethod_Function(PyObject *im);         /* borrowed */
#define PyInstanceMethod_GET_FUNCTION(meth) (((PyInstanceMethodObject *)(meth))->func)

#ifdef __cplusplus
}
#endif
#endif /* Py_CLASSOBJECT_H */
