/* pyhash.h — hashing helpers, as CPython's pyhash.h (runtime/objprotocol.c).
 *
 * Hashes are never -1 (that value signals an error); a computed -1 becomes -2, as in CPython.
 * Numbers that compare equal hash equal across int, bool and float (hash(1) == hash(1.0)).
 * The string hash is FNV-1a, not randomised: runs are reproducible.
 */
#ifndef Py_HASH_H
#define Py_HASH_H

#include "pyport.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PyHASH_BITS 61
#define PyHASH_MODULUS (((size_t)1 << PyHASH_BITS) - 1)
#define PyHASH_INF 314159
#define PyHASH_IMAG 1000003UL

#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(Py_hash_t) Py_HashPointer(const void *ptr);
#endif
PyAPI_FUNC(Py_hash_t) _Py_HashPointer(const void *ptr);
PyAPI_FUNC(Py_hash_t) _Py_HashDouble(PyObject *inst, double v);
PyAPI_FUNC(Py_hash_t) _Py_HashBytes(const void *src, Py_ssize_t len);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(Py_hash_t) Py_HashBuffer(const void *ptr, Py_ssize_t len);
#endif

#ifdef __cplusplus
}
#endif
#endif /* Py_HASH_H */
