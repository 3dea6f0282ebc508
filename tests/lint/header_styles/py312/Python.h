/* 3.12 spellings: Py_INCREF / Py_DECREF are static inlines of the macro's own name, immortal-aware
 * (an early return for immortal objects), Py_XDECREF likewise; Py_NewRef -> _Py_NewRef. */
#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 12
#define PY_VERSION_HEX 0x030c00f0
/* 3.12+: the object's last token is an argument of a macro nested in Py_True's expansion */
#define Py_True _PyObject_CAST(&_Py_TrueStruct)
/* 3.12+: Py_CLEAR clears through a pointer to its argument */
#define Py_CLEAR(op)                                \
    do {                                            \
        __typeof__(op) *_tmp_op_ptr = &(op);        \
        __typeof__(op) _tmp_old_op = (*_tmp_op_ptr);\
        if (_tmp_old_op != NULL) {                  \
            *_tmp_op_ptr = NULL;                    \
            Py_DECREF(_tmp_old_op);                 \
        }                                           \
    } while (0)
#include "../mock_base.h"
static inline int _Py_IsImmortal(PyObject *op) { return (int)op->ob_refcnt < 0; }
static inline void Py_INCREF(PyObject *op)
{
    if (_Py_IsImmortal(op))
        return;
    op->ob_refcnt++;
}
#define Py_INCREF(op) Py_INCREF(_PyObject_CAST(op))
static inline void Py_DECREF(PyObject *op)
{
    if (_Py_IsImmortal(op))
        return;
    if (--op->ob_refcnt == 0)
        _Py_Dealloc(op);
}
#define Py_DECREF(op) Py_DECREF(_PyObject_CAST(op))
static inline void Py_XINCREF(PyObject *op) { if (op != NULL) Py_INCREF(op); }
#define Py_XINCREF(op) Py_XINCREF(_PyObject_CAST(op))
static inline void Py_XDECREF(PyObject *op) { if (op != NULL) Py_DECREF(op); }
#define Py_XDECREF(op) Py_XDECREF(_PyObject_CAST(op))
static inline PyObject *_Py_NewRef(PyObject *obj) { Py_INCREF(obj); return obj; }
static inline PyObject *_Py_XNewRef(PyObject *obj) { Py_XINCREF(obj); return obj; }
#define Py_NewRef(obj) _Py_NewRef(_PyObject_CAST(obj))
#define Py_XNewRef(obj) _Py_XNewRef(_PyObject_CAST(obj))
#define Py_RETURN_NONE return Py_None
