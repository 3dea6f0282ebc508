/* tupleobject.h — tuple, laid out as CPython's (runtime/tupleobject.c).
 * A tuple is a GC object; PyTuple_New(n) returns one whose n items are NULL, to be filled with
 * PyTuple_SET_ITEM / PyTuple_SetItem (both steal the item; PyTuple_SetItem also on failure, and
 * raises SystemError unless the tuple is a fresh one with a count of 1). PyTuple_GetItem and
 * PyTuple_GET_ITEM return borrowed references. No empty-tuple singleton: PyTuple_New(0) allocates. */
#ifndef Py_TUPLEOBJECT_H
#define Py_TUPLEOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_VAR_HEAD
  PyObject *ob_item[1];            /* ob_size owned items */
} PyTupleObject;

PyAPI_DATA(PyTypeObject) PyTuple_Type;
PyAPI_DATA(PyTypeObject) PyTupleIter_Type;
#define PyTuple_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
#define PyTuple_CheckExact(op) Py_IS_TYPE((op), &PyTuple_Type)
#define PyTuple_GET_SIZE(op) Py_SIZE(op)
#define PyTuple_GET_ITEM(op, i) (((PyTupleObject *)(op))->ob_item[i])
#define PyTuple_SET_ITEM(op, i, v) ((void)(((PyTupleObject *)(op))->ob_item[i] = _PyObject_CAST(v)))
#define PyTuple_ITEMS(op) (((PyTupleObject *)(op))->ob_item)

PyAPI_FUNC(PyObject *) PyTuple_New(Py_ssize_t size);
PyAPI_FUNC(Py_ssize_t) PyTuple_Size(PyObject *p);
PyAPI_FUNC(PyObject *) PyTuple_GetItem(PyObject *p, Py_ssize_t pos);          /* borrowed */
PyAPI_FUNC(int) PyTuple_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o);     /* steals o */
PyAPI_FUNC(PyObject *) PyTuple_GetSlice(PyObject *p, Py_ssize_t low, Py_ssize_t high);
PyAPI_FUNC(PyObject *) PyTuple_Pack(Py_ssize_t n, ...);                        /* borrows */
PyAPI_FUNC(int) _PyTuple_Resize(PyObject **p, Py_ssize_t newsize);             /* in/out */

#ifdef __cplusplus
}
#endif
#endif /* Py_TUPLEOBJECT_H */
