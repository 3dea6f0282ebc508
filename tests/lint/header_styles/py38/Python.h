/* 3.8/3.9 spellings (Include/object.h): Py_INCREF -> static inline _Py_INCREF(op);
 * Py_DECREF -> _Py_DECREF(__FILE__, __LINE__, op) in every build; _Py_XINCREF/_Py_XDECREF. */
#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 8
#define PY_VERSION_HEX 0x030800f0
#include "../mock_base.h"
static inline void _Py_INCREF(PyObject *op) { op->ob_refcnt++; }
#define Py_INCREF(op) _Py_INCREF(_PyObject_CAST(op))
static inline void _Py_DECREF(const char *filename, int lineno, PyObject *op)
{
    (void)filename;
    (void)lineno;
    if (--op->ob_refcnt == 0)
        _Py_Dealloc(op);
}
#define Py_DECREF(op) _Py_DECREF(__FILE__, __LINE__, _PyObject_CAST(op))
static inline void _Py_XINCREF(PyObject *op) { if (op != NULL) Py_INCREF(op); }
#define Py_XINCREF(op) _Py_XINCREF(_PyObject_CAST(op))
static inline void _Py_XDECREF(PyObject *op) { if (op != NULL) Py_DECREF(op); }
#define Py_XDECREF(op) _Py_XDECREF(_PyObject_CAST(op))
#define Py_RETURN_NONE return Py_INCREF(Py_None), Py_None
