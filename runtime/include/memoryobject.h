/* memoryobject.h — memoryview, as CPython's memoryobject.h (runtime/memoryobject.c), and the
 * buffer layout helpers (PyBuffer_IsContiguous, PyBuffer_FillContiguousStrides,
 * PyBuffer_ToContiguous).
 *
 * A memoryview acquires a buffer from its exporter (master, released when the view is released or
 * dies) and shows a one-dimensional window of it (view: start, length, stride); views made from a
 * view acquire their own buffer from the same exporter, so PyMemoryView_GET_BASE is always the
 * exporter. PyMemoryView_FromMemory and PyMemoryView_FromBuffer wrap memory nobody owns: the
 * caller keeps it alive. Items are bytes (format "B"); other formats and several dimensions can be
 * wrapped and copied (tobytes) but not indexed.
 */
#ifndef Py_MEMORYOBJECT_H
#define Py_MEMORYOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_HEAD
  Py_buffer master;       /* as the exporter filled it (obj owned), or a copy with obj NULL */
  Py_buffer view;         /* what the memoryview shows; view.obj is master.obj (not owned twice) */
  Py_ssize_t shape[1];
  Py_ssize_t strides[1];
  int released;
  Py_ssize_t exports;     /* buffers this memoryview handed out and not released */
  Py_hash_t hash;
  PyObject *weakreflist;
} PyMemoryViewObject;

PyAPI_DATA(PyTypeObject) PyMemoryView_Type;
#define PyMemoryView_Check(op) Py_IS_TYPE((op), &PyMemoryView_Type)
#define PyMemoryView_GET_BUFFER(op) (&((PyMemoryViewObject *)(op))->view)
#define PyMemoryView_GET_BASE(op) (((PyMemoryViewObject *)(op))->view.obj)

PyAPI_FUNC(PyObject *) PyMemoryView_FromObject(PyObject *base);                      /* new */
PyAPI_FUNC(PyObject *) PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags); /* new */
PyAPI_FUNC(PyObject *) PyMemoryView_FromBuffer(const Py_buffer *info);                /* new */
PyAPI_FUNC(PyObject *) PyMemoryView_GetContiguous(PyObject *base, int buffertype, char order);

PyAPI_FUNC(int) PyBuffer_IsContiguous(const Py_buffer *view, char order);
PyAPI_FUNC(void) PyBuffer_FillContiguousStrides(int ndims, Py_ssize_t *shape, Py_ssize_t *strides,
                                                int itemsize, char order);
PyAPI_FUNC(int) PyBuffer_ToContiguous(void *buf, const Py_buffer *src, Py_ssize_t len, char order);

#ifdef __cplusplus
}
#endif
#endif /* Py_MEMORYOBJECT_H */
