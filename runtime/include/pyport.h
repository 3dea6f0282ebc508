/* pyport.h — basic types and declaration macros of the pyrefcheck runtime, as CPython's pyport.h.
 *
 * Owns nothing. Keeps CPython's names (Py_ssize_t, PyAPI_FUNC, Py_UNUSED) so that extension code
 * written for CPython compiles unchanged. Usable with ordinary flags by third-party code (C99 or
 * later) and warning-free under the project's strict flags.
 */
#ifndef Py_PYPORT_H
#define Py_PYPORT_H

#include <stddef.h>
#include <stdint.h>
#include <limits.h>

typedef intptr_t Py_ssize_t;   /* signed, pointer sized: CPython's Py_ssize_t */
typedef Py_ssize_t Py_hash_t;
typedef size_t Py_uhash_t;

#define PY_SSIZE_T_MAX ((Py_ssize_t)(((size_t)-1) >> 1))
#define PY_SSIZE_T_MIN (-PY_SSIZE_T_MAX - 1)

#define PyAPI_FUNC(RTYPE) RTYPE
#define PyAPI_DATA(RTYPE) extern RTYPE

#define Py_LOCAL_INLINE(type) static inline type
#define _Py_CAST(type, expr) ((type)(expr))

#if defined(__GNUC__) || defined(__clang__)
#  define Py_UNUSED(name) _unused_##name __attribute__((unused))
#else
#  define Py_UNUSED(name) _unused_##name
#endif

#ifdef __cplusplus
#  define PyMODINIT_FUNC extern "C" PyObject *
#else
#  define PyMODINIT_FUNC PyObject *
#endif

#endif /* Py_PYPORT_H */
