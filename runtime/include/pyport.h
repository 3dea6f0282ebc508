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
typedef uintptr_t Py_uintptr_t;
typedef intptr_t Py_intptr_t;
typedef Py_ssize_t Py_hash_t;
typedef size_t Py_uhash_t;

#define PY_SSIZE_T_MAX ((Py_ssize_t)(((size_t)-1) >> 1))
#define PY_SSIZE_T_MIN (-PY_SSIZE_T_MAX - 1)

#define PyAPI_FUNC(RTYPE) RTYPE
#define PyAPI_DATA(RTYPE) extern RTYPE

/* The C-API CPython added after 3.11 (PyErr_GetRaisedException, PyDict_GetItemRef,
 * PyObject_GetOptionalAttr, ...) is implemented, but declared only for the runtime itself
 * (RT_INTERNAL_H) and for code that asks for it (PYREFCHECK_NEWER_API): extension code written for
 * 3.11 defines static shims of those names (pythoncapi_compat.h, wrapt, ...), which a declaration
 * here would turn into a compile error, as CPython 3.11's headers do not declare them. */
#if defined(RT_INTERNAL_H) || defined(PYREFCHECK_NEWER_API)
#  define _RT_NEWER_API 1
#endif

/* Attributes and byte order (pyport.h, pyconfig.h). */
#if defined(__GNUC__) || defined(__clang__)
#  define Py_GCC_ATTRIBUTE(x) __attribute__(x)
#else
#  define Py_GCC_ATTRIBUTE(x)
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#  define PY_BIG_ENDIAN 1
#  define PY_LITTLE_ENDIAN 0
#else
#  define PY_BIG_ENDIAN 0
#  define PY_LITTLE_ENDIAN 1
#endif

/* pyconfig.h's sizes, which extensions test (psutil: SIZEOF_PID_T). */
#define SIZEOF_SHORT __SIZEOF_SHORT__
#define SIZEOF_INT __SIZEOF_INT__
#define SIZEOF_LONG __SIZEOF_LONG__
#define SIZEOF_LONG_LONG __SIZEOF_LONG_LONG__
#define SIZEOF_FLOAT __SIZEOF_FLOAT__
#define SIZEOF_DOUBLE __SIZEOF_DOUBLE__
#define SIZEOF_LONG_DOUBLE __SIZEOF_LONG_DOUBLE__
#define SIZEOF_SIZE_T __SIZEOF_SIZE_T__
#define SIZEOF_VOID_P __SIZEOF_POINTER__
#define SIZEOF_WCHAR_T __SIZEOF_WCHAR_T__
#define SIZEOF_PID_T 4
#define SIZEOF_TIME_T __SIZEOF_LONG__
#define SIZEOF_OFF_T 8
#define SIZEOF_UINTPTR_T __SIZEOF_POINTER__
#define SIZEOF__BOOL 1
#define SIZEOF_PY_HASH_T __SIZEOF_SIZE_T__
#define SIZEOF_PY_INTPTR_T __SIZEOF_POINTER__

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
