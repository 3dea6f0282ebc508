/* 3.10 release spellings: _Py_DECREF(op) with one argument (the file and line only in debug
 * builds), static inline _Py_NewRef / _Py_XNewRef behind Py_NewRef / Py_XNewRef. */
#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 10
#define PY_VERSION_HEX 0x030a00f0
#include "../mock_base.h"
static inline void _Py_INCREF(PyObject *op) { op->ob_refcnt++; }
#define Py_INCREF(op) _Py_INCREF(_PyObject_CAST(op))
static inline void _Py_DECREF(PyObject *op)
{
    if (--op->ob_refcnt == 0)
        _Py_Dealloc(op);
}
#define Py_DECREF(op) _Py_DECREF(_PyObject_CAST(op))
static inline void _Py_XINCREF(PyObject *op) { if (op != NULL) Py_INCREF(op); }
#define Py_XINCREF(op) _Py_XINCREF(_PyObject_CAST(op))
static inline void _Py_XDECREF(PyObject *op) { if (op != NULL) Py_DECREF(op); }
#define Py_XDECREF(op) _Py_XDECREF(_PyObject_CAST(op))
static inline PyObject *_Py_NewRef(PyObject *obj) { Py_INCREF(obj); return obj; }
static inline PyObject *_Py_XNewRef(PyObject *obj) { Py_XINCREF(obj); return obj; }
#define Py_NewRef(obj) _Py_NewRef(_PyObject_CAST(obj))
#define Py_XNewRef(obj) _Py_XNewRef(_PyObject_CAST(obj))
#define Py_RETURN_NONE return Py_NewRef(Py_None)
