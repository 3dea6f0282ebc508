/* listobject.h — list, laid out as CPython's (runtime/listobject.c).
 * ob_item is a PyMem block of `allocated` slots, ob_size of them owned items. PyList_SetItem and
 * PyList_SET_ITEM steal the item (PyList_SetItem also when it fails with IndexError);
 * PyList_Append, PyList_Insert and PyList_SetSlice take new references. PyList_GetItem and
 * PyList_GET_ITEM return borrowed references; PyList_GetItemRef a new one. */
#ifndef Py_LISTOBJECT_H
#define Py_LISTOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_VAR_HEAD
  PyObject **ob_item;              /* PyMem block, or NULL when allocated is 0 */
  Py_ssize_t allocated;
} PyListObject;

PyAPI_DATA(PyTypeObject) PyList_Type;
PyAPI_DATA(PyTypeObject) PyListIter_Type;
#define PyList_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LIST_SUBCLASS)
#define PyList_CheckExact(op) Py_IS_TYPE((op), &PyList_Type)
#define PyList_GET_SIZE(op) Py_SIZE(op)
#define PyList_GET_ITEM(op, i) (((PyListObject *)(op))->ob_item[i])
#define PyList_SET_ITEM(op, i, v) ((void)(((PyListObject *)(op))->ob_item[i] = _PyObject_CAST(v)))

PyAPI_FUNC(PyObject *) PyList_New(Py_ssize_t size);
PyAPI_FUNC(Py_ssize_t) PyList_Size(PyObject *list);
PyAPI_FUNC(PyObject *) PyList_GetItem(PyObject *list, Py_ssize_t index);      /* borrowed */
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(PyObject *) PyList_GetItemRef(PyObject *list, Py_ssize_t index);   /* new */
#endif
PyAPI_FUNC(int) PyList_SetItem(PyObject *list, Py_ssize_t index, PyObject *item);  /* steals */
PyAPI_FUNC(int) PyList_Insert(PyObject *list, Py_ssize_t index, PyObject *item);
PyAPI_FUNC(int) PyList_Append(PyObject *list, PyObject *item);
PyAPI_FUNC(PyObject *) PyList_GetSlice(PyObject *list, Py_ssize_t low, Py_ssize_t high);
PyAPI_FUNC(int) PyList_SetSlice(PyObject *list, Py_ssize_t low, Py_ssize_t high, PyObject *itemlist);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyList_Extend(PyObject *list, PyObject *iterable);
PyAPI_FUNC(int) PyList_Clear(PyObject *list);
#endif
PyAPI_FUNC(int) PyList_Sort(PyObject *list);
PyAPI_FUNC(int) PyList_Reverse(PyObject *list);
PyAPI_FUNC(PyObject *) PyList_AsTuple(PyObject *list);

#ifdef __cplusplus
}
#endif
#endif /* Py_LISTOBJECT_H */
