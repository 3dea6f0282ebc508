/* setobject.h — set and frozenset (runtime/setobject.c).
 * Sets own their keys. PySet_Add and PySet_Discard never steal. PySet_Pop returns a new reference.
 * PySet_Add also works on a fresh frozenset (count 1), as CPython allows to fill one. */
#ifndef Py_SETOBJECT_H
#define Py_SETOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject *key;                   /* owned; NULL: empty; _rt_set_dummy: deleted */
  Py_hash_t hash;
} setentry;

typedef struct {
  PyObject_HEAD
  Py_ssize_t fill;                 /* active + dummy slots */
  Py_ssize_t used;                 /* active slots */
  Py_ssize_t mask;                 /* table size - 1 (table size a power of two), -1 when empty */
  setentry *table;                 /* PyMem block or NULL */
  Py_hash_t hash;                  /* frozenset only; -1 until computed */
} PySetObject;

PyAPI_DATA(PyTypeObject) PySet_Type;
PyAPI_DATA(PyTypeObject) PyFrozenSet_Type;
PyAPI_DATA(PyTypeObject) PySetIter_Type;
#define PyFrozenSet_CheckExact(op) Py_IS_TYPE((op), &PyFrozenSet_Type)
#define PyFrozenSet_Check(op) PyObject_TypeCheck((op), &PyFrozenSet_Type)
#define PySet_CheckExact(op) Py_IS_TYPE((op), &PySet_Type)
#define PySet_Check(op) PyObject_TypeCheck((op), &PySet_Type)
#define PyAnySet_CheckExact(op) (PySet_CheckExact(op) || PyFrozenSet_CheckExact(op))
#define PyAnySet_Check(op) (PySet_Check(op) || PyFrozenSet_Check(op))
#define PySet_GET_SIZE(op) (((PySetObject *)(op))->used)

PyAPI_FUNC(PyObject *) PySet_New(PyObject *iterable);        /* iterable may be NULL */
PyAPI_FUNC(PyObject *) PyFrozenSet_New(PyObject *iterable);
PyAPI_FUNC(Py_ssize_t) PySet_Size(PyObject *anyset);
PyAPI_FUNC(int) PySet_Contains(PyObject *anyset, PyObject *key);
PyAPI_FUNC(int) PySet_Add(PyObject *set, PyObject *key);
PyAPI_FUNC(int) PySet_Discard(PyObject *set, PyObject *key);  /* 1 found, 0 not, -1 error */
PyAPI_FUNC(PyObject *) PySet_Pop(PyObject *set);
PyAPI_FUNC(int) PySet_Clear(PyObject *set);

#ifdef __cplusplus
}
#endif
#endif /* Py_SETOBJECT_H */
