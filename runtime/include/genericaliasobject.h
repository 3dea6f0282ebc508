/* genericaliasobject.h — types.GenericAlias, as CPython's genericaliasobject.h
 * (runtime/genericaliasobject.c): what list[int] evaluates to, and what extension types return
 * from a METH_O | METH_CLASS __class_getitem__ = Py_GenericAlias.
 */
#ifndef Py_GENERICALIASOBJECT_H
#define Py_GENERICALIASOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A new alias of origin subscripted by args (a tuple, or one object that becomes a 1-tuple);
 * both borrowed. NULL with an exception on failure. */
PyAPI_FUNC(PyObject *) Py_GenericAlias(PyObject *origin, PyObject *args);
PyAPI_DATA(PyTypeObject) Py_GenericAliasType;

#ifdef __cplusplus
}
#endif
#endif /* Py_GENERICALIASOBJECT_H */
