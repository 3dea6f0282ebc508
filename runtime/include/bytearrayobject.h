/* bytearrayobject.h — bytearray, as CPython's bytearrayobject.h (runtime/bytearrayobject.c).
 * A bytearray is a mutable, resizable buffer of bytes (kept NUL-terminated); it exports its memory
 * writable through the buffer protocol and cannot be resized while a view is held (BufferError).
 * PyByteArray_AS_STRING points into the object: valid until the next resize.
 */
#ifndef Py_BYTEARRAYOBJECT_H
#define Py_BYTEARRAYOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_VAR_HEAD
  Py_ssize_t ob_alloc;     /* bytes allocated at ob_bytes (size + 1 at least), 0 when none */
  char *ob_bytes;          /* owned (PyObject_Malloc), or NULL while empty */
  char *ob_start;          /* the logical start: ob_bytes here */
  Py_ssize_t ob_exports;   /* buffer views handed out and not released */
} PyByteArrayObject;

PyAPI_DATA(PyTypeObject) PyByteArray_Type;
PyAPI_DATA(char) _PyByteArray_empty_string[];

#define PyByteArray_Check(op) PyObject_TypeCheck((op), &PyByteArray_Type)
#define PyByteArray_CheckExact(op) Py_IS_TYPE((op), &PyByteArray_Type)
#define PyByteArray_AS_STRING(op)                                                                  \
  (Py_SIZE(op) ? ((PyByteArrayObject *)(op))->ob_start : _PyByteArray_empty_string)
#define PyByteArray_GET_SIZE(op) Py_SIZE(op)

PyAPI_FUNC(PyObject *) PyByteArray_FromObject(PyObject *o);                        /* new */
PyAPI_FUNC(PyObject *) PyByteArray_FromStringAndSize(const char *s, Py_ssize_t n); /* new */
PyAPI_FUNC(PyObject *) PyByteArray_Concat(PyObject *a, PyObject *b);               /* new */
PyAPI_FUNC(Py_ssize_t) PyByteArray_Size(PyObject *op);
PyAPI_FUNC(char *) PyByteArray_AsString(PyObject *op);
PyAPI_FUNC(int) PyByteArray_Resize(PyObject *op, Py_ssize_t size);

#ifdef __cplusplus
}
#endif
#endif /* Py_BYTEARRAYOBJECT_H */
