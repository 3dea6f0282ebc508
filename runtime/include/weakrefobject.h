/* weakrefobject.h — weak references, as CPython's weakrefobject.h (runtime/weakrefobject.c).
 *
 * A weak reference does not own its referent: wr_object is a borrowed pointer that the referent's
 * PyObject_ClearWeakRefs (called by its tp_dealloc) turns into Py_None. A type supports weak
 * references when tp_weaklistoffset > 0: the field at that offset heads the list of references
 * to the instance, and the type's tp_dealloc must call PyObject_ClearWeakRefs while the count is
 * zero (the runtime's heap types, modules and heap type objects do). A reference without a
 * callback is shared: PyWeakref_NewRef returns the existing one, with a new reference.
 * Ownership: NewRef/NewProxy return new references and hold the callback; GetObject and
 * GET_OBJECT return a borrowed referent (Py_None when dead); GetRef gives a new one or NULL.
 */
#ifndef Py_WEAKREFOBJECT_H
#define Py_WEAKREFOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _PyWeakReference PyWeakReference;

struct _PyWeakReference {
  PyObject_HEAD
  PyObject *wr_object;            /* borrowed referent, or Py_None once dead */
  PyObject *wr_callback;          /* owned, or NULL */
  Py_hash_t hash;                 /* the referent's hash, -1 until computed */
  PyWeakReference *wr_prev;       /* the referent's list of weak references */
  PyWeakReference *wr_next;
  PyWeakReference *wr_pending;    /* runtime: the chain of callbacks PyObject_ClearWeakRefs runs */
};

PyAPI_DATA(PyTypeObject) _PyWeakref_RefType;
PyAPI_DATA(PyTypeObject) _PyWeakref_ProxyType;
PyAPI_DATA(PyTypeObject) _PyWeakref_CallableProxyType;

#define PyWeakref_CheckRef(op) PyObject_TypeCheck((op), &_PyWeakref_RefType)
#define PyWeakref_CheckRefExact(op) Py_IS_TYPE((op), &_PyWeakref_RefType)
#define PyWeakref_CheckProxy(op)                                                                   \
  (Py_IS_TYPE((op), &_PyWeakref_ProxyType) || Py_IS_TYPE((op), &_PyWeakref_CallableProxyType))
#define PyWeakref_Check(op) (PyWeakref_CheckRef(op) || PyWeakref_CheckProxy(op))

PyAPI_FUNC(PyObject *) PyWeakref_NewRef(PyObject *ob, PyObject *callback);     /* new */
PyAPI_FUNC(PyObject *) PyWeakref_NewProxy(PyObject *ob, PyObject *callback);   /* new */
PyAPI_FUNC(PyObject *) PyWeakref_GetObject(PyObject *ref);                     /* borrowed */
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyWeakref_GetRef(PyObject *ref, PyObject **pobj);              /* *pobj new */
#endif

/* The referent, borrowed, or Py_None when it is dead (or dying: its count is zero). */
static inline PyObject *PyWeakref_GET_OBJECT(PyObject *ref_obj)
{
  PyObject *obj = ((PyWeakReference *)ref_obj)->wr_object;
  return Py_REFCNT(obj) > 0 ? obj : Py_None;
}
#define PyWeakref_GET_OBJECT(ref) PyWeakref_GET_OBJECT((PyObject *)(ref))

#ifdef __cplusplus
}
#endif
#endif
