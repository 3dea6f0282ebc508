/* objimpl.h — object allocation and the cycle-GC API, as CPython's objimpl.h.
 *
 * PyObject_Malloc/Calloc/Realloc/Free: the pooled allocator (blocks of at most 512 bytes come from
 * pools; larger ones from the system). They return NULL on failure without setting an exception.
 * PyObject_New / NewVar / GC_New / GC_NewVar return a new reference (count 1) or NULL with
 * MemoryError raised through PyErr_NoMemory(). A GC object carries a PyGC_Head before its PyObject
 * head; it must be released with PyObject_GC_Del after PyObject_GC_UnTrack.
 */
#ifndef Py_OBJIMPL_H
#define Py_OBJIMPL_H

#include "pymem.h"
#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(void *) PyObject_Malloc(size_t size);
PyAPI_FUNC(void *) PyObject_Calloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyObject_Realloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyObject_Free(void *ptr);

/* Initialise the head of freshly allocated memory: type set, count 1. Returns op. */
PyAPI_FUNC(PyObject *) PyObject_Init(PyObject *op, PyTypeObject *tp);
PyAPI_FUNC(PyVarObject *) PyObject_InitVar(PyVarObject *op, PyTypeObject *tp, Py_ssize_t size);

PyAPI_FUNC(PyObject *) _PyObject_New(PyTypeObject *tp);
PyAPI_FUNC(PyVarObject *) _PyObject_NewVar(PyTypeObject *tp, Py_ssize_t nitems);
/* tp_alloc default: zeroed object of tp, tracked when tp is a GC type. */
PyAPI_FUNC(PyObject *) PyType_GenericAlloc(PyTypeObject *tp, Py_ssize_t nitems);

/* --- cycle GC -----------------------------------------------------------------------------------*/
PyAPI_FUNC(PyObject *) _PyObject_GC_New(PyTypeObject *tp);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_NewVar(PyTypeObject *tp, Py_ssize_t nitems);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_Resize(PyVarObject *op, Py_ssize_t nitems);
PyAPI_FUNC(void) PyObject_GC_Track(void *op);
PyAPI_FUNC(void) PyObject_GC_UnTrack(void *op);
PyAPI_FUNC(void) PyObject_GC_Del(void *op);
PyAPI_FUNC(int) PyObject_GC_IsTracked(PyObject *op);
PyAPI_FUNC(int) PyObject_GC_IsFinalized(PyObject *op);
PyAPI_FUNC(int) PyObject_IS_GC(PyObject *op);

PyAPI_FUNC(Py_ssize_t) PyGC_Collect(void);
PyAPI_FUNC(int) PyGC_Enable(void);    /* returns the previous state */
PyAPI_FUNC(int) PyGC_Disable(void);   /* returns the previous state */
PyAPI_FUNC(int) PyGC_IsEnabled(void);

#define _PyObject_SIZE(tp) ((tp)->tp_basicsize)
#define _PyObject_VAR_SIZE(tp, n)                                                                  \
  ((size_t)(((size_t)(tp)->tp_basicsize + (size_t)(n) * (size_t)(tp)->tp_itemsize +              \
             (sizeof(void *) - 1)) &                                                               \
            ~(sizeof(void *) - 1)))

#define PyObject_New(type, typeobj) ((type *)_RT_AT(_PyObject_New(typeobj)))
#define PyObject_NewVar(type, typeobj, n) ((type *)_RT_AT(_PyObject_NewVar((typeobj), (n))))
#define PyObject_GC_New(type, typeobj) ((type *)_RT_AT(_PyObject_GC_New(typeobj)))
#define PyObject_GC_NewVar(type, typeobj, n) ((type *)_RT_AT(_PyObject_GC_NewVar((typeobj), (n))))
#define PyObject_GC_Resize(type, op, n) ((type *)_RT_AT(_PyObject_GC_Resize(_PyVarObject_CAST(op), (n))))
#define PyObject_NEW(type, typeobj) PyObject_New(type, typeobj)
#define PyObject_NEW_VAR(type, typeobj, n) PyObject_NewVar(type, typeobj, n)
#define PyObject_Del PyObject_Free
#define PyObject_DEL PyObject_Free
#define PyObject_MALLOC PyObject_Malloc
#define PyObject_REALLOC PyObject_Realloc
#define PyObject_FREE PyObject_Free

#if defined(PYREFCHECK_ORACLE)
#  define PyObject_Malloc(n) _RT_AT(PyObject_Malloc(n))
#  define PyObject_Calloc(n, s) _RT_AT(PyObject_Calloc(n, s))
#  define PyObject_Realloc(p, n) _RT_AT(PyObject_Realloc(p, n))
#  define PyObject_Free(p) _RT_AT(PyObject_Free(p))
#  define PyObject_GC_Del(p) _RT_AT(PyObject_GC_Del(p))
#  define PyObject_GC_Track(p) _RT_AT(PyObject_GC_Track(p))
#endif

/* Visit a member in tp_traverse; returns from the traverse function when visit fails. */
#define Py_VISIT(op)                                                                               \
  do {                                                                                             \
    if (op) {                                                                                      \
      int vret = visit(_PyObject_CAST(op), arg);                                                   \
      if (vret) return vret;                                                                       \
    }                                                                                              \
  } while (0)

#ifdef __cplusplus
}
#endif
#endif /* Py_OBJIMPL_H */
