/* mock_base.h — the part of a CPython API every mock header style shares: just what
 * styles_case.c uses. The refcount spellings live in each style's Python.h. Test data for
 * tests/lint/header_styles_test.sh; not CPython's headers. */
#ifndef MOCK_BASE_H
#define MOCK_BASE_H
#include <stddef.h>
typedef long Py_ssize_t;
typedef struct _object {
    Py_ssize_t ob_refcnt;
    struct _typeobject *ob_type;
} PyObject;
typedef struct _typeobject {
    PyObject ob_base;
    const char *tp_name;
} PyTypeObject;
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef struct PyMethodDef {
    const char *ml_name;
    PyCFunction ml_meth;
    int ml_flags;
    const char *ml_doc;
} PyMethodDef;
#define METH_O 0x0008
#define _PyObject_CAST(op) ((PyObject *)(op))
void _Py_Dealloc(PyObject *);
PyObject *PyLong_FromLong(long);
int PyList_Append(PyObject *, PyObject *);
PyObject *PyObject_Repr(PyObject *);
extern PyObject _Py_NoneStruct;
#define Py_None (&_Py_NoneStruct)
extern PyObject _Py_TrueStruct;
#ifndef Py_CLEAR /* 3.8 ... 3.11; 3.12+ styles define theirs first */
#define Py_CLEAR(op)                                \
    do {                                            \
        PyObject *_py_tmp = _PyObject_CAST(op);     \
        if (_py_tmp != NULL) {                      \
            (op) = NULL;                            \
            Py_DECREF(_py_tmp);                     \
        }                                           \
    } while (0)
#endif
#ifndef Py_True /* 3.8 ... 3.11; 3.12+ styles define it first */
#define Py_True ((PyObject *) &_Py_TrueStruct)
#endif
#endif
