/* cellobject.h — cells (a box holding one reference, or none), as CPython's cellobject.h
 * (runtime/cellobject.c). PyCell_New and PyCell_Set take their own reference to the value;
 * PyCell_Get returns a new reference, PyCell_GET a borrowed one; PyCell_SET stores without
 * releasing the old value and steals the new one (as CPython's macro).
 */
#ifndef Py_CELLOBJECT_H
#define Py_CELLOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_HEAD
  PyObject *ob_ref;   /* owned, or NULL (empty) */
} PyCellObject;

PyAPI_DATA(PyTypeObject) PyCell_Type;
#define PyCell_Check(op) Py_IS_TYPE((op), &PyCell_Type)

PyAPI_FUNC(PyObject *) PyCell_New(PyObject *obj);   /* new; obj may be NULL */
PyAPI_FUNC(PyObject *) PyCell_Get(PyObject *cell);  /* new, or NULL (empty: no exception) */
PyAPI_FUNC(int) PyCell_Set(PyObject *cell, PyObject *value);
#define PyCell_GET(op) (((PyCellObject *)(op))->ob_ref)
#define PyCell_SET(op, v) ((void)(((PyCellObject *)(op))->ob_ref = (v)))

#ifdef __cplusplus
}
#endif
#endif /* Py_CELLOBJECT_H */
