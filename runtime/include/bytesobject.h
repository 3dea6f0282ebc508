/* bytesobject.h — bytes, laid out as CPython's (runtime/bytesobject.c).
 * ob_sval holds ob_size bytes and a NUL. PyBytes_AsString returns a pointer into the object
 * (borrowed). PyBytes_Concat and _PyBytes_Resize replace *pv (in/out: on failure *pv is released
 * and set to NULL); PyBytes_ConcatAndDel also steals newpart. */
#ifndef Py_BYTESOBJECT_H
#define Py_BYTESOBJECT_H

#include <stdarg.h>
#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_VAR_HEAD
  Py_hash_t ob_shash;              /* -1 until computed */
  char ob_sval[1];
} PyBytesObject;

PyAPI_DATA(PyTypeObject) PyBytes_Type;
#define PyBytes_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS)
#define PyBytes_CheckExact(op) Py_IS_TYPE((op), &PyBytes_Type)
#define PyBytes_AS_STRING(op) (((PyBytesObject *)(op))->ob_sval)
#define PyBytes_GET_SIZE(op) Py_SIZE(op)

PyAPI_FUNC(PyObject *) PyBytes_FromStringAndSize(const char *v, Py_ssize_t len);
PyAPI_FUNC(PyObject *) PyBytes_FromString(const char *v);
PyAPI_FUNC(PyObject *) PyBytes_FromObject(PyObject *o);
PyAPI_FUNC(PyObject *) PyBytes_FromFormat(const char *format, ...);
PyAPI_FUNC(PyObject *) PyBytes_FromFormatV(const char *format, va_list vargs);
PyAPI_FUNC(Py_ssize_t) PyBytes_Size(PyObject *o);
PyAPI_FUNC(char *) PyBytes_AsString(PyObject *o);
PyAPI_FUNC(int) PyBytes_AsStringAndSize(PyObject *o, char **s, Py_ssize_t *len);
PyAPI_FUNC(void) PyBytes_Concat(PyObject **pv, PyObject *w);
PyAPI_FUNC(PyObject *) _PyBytes_Join(PyObject *sep, PyObject *iterable);   /* new: sep.join(iterable) */
PyAPI_FUNC(void) PyBytes_ConcatAndDel(PyObject **pv, PyObject *w);
PyAPI_FUNC(int) _PyBytes_Resize(PyObject **pv, Py_ssize_t newsize);
PyAPI_FUNC(PyObject *) PyBytes_Repr(PyObject *o, int smartquotes);

#ifdef __cplusplus
}
#endif
#endif /* Py_BYTESOBJECT_H */
