/* pymem.h — the PyMem_Raw* and PyMem_* allocation families, as CPython's pymem.h.
 *
 * PyMem_Raw* goes to the system allocator; PyMem_* goes to the pooled allocator (requests of at
 * most 512 bytes) like PyObject_*. A block must be released by the family that allocated it: the
 * oracle library checks this and reports RT_DEFECT_WRONG_FAMILY. None of these functions sets an
 * exception on failure; they return NULL (as in CPython). Every call counts as one allocation for
 * fault injection (rt_set_nomemory), except frees, which never fail.
 *
 * In the oracle build (PYREFCHECK_ORACLE defined) the function-like macros below also capture the
 * caller's __FILE__/__LINE__ for the ledger; taking the address of a function still works.
 */
#ifndef Py_PYMEM_H
#define Py_PYMEM_H

#include "pyport.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(void *) PyMem_RawMalloc(size_t size);
PyAPI_FUNC(void *) PyMem_RawCalloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyMem_RawRealloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyMem_RawFree(void *ptr);

PyAPI_FUNC(void *) PyMem_Malloc(size_t size);
PyAPI_FUNC(void *) PyMem_Calloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyMem_Realloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyMem_Free(void *ptr);

/* Site of the next allocation or free, consumed (and cleared) by the runtime. Oracle builds only. */
PyAPI_DATA(const char *) _rt_site_file;
PyAPI_DATA(int) _rt_site_line;

#if defined(PYREFCHECK_ORACLE)
#  define _RT_AT(call) (_rt_site_file = __FILE__, _rt_site_line = __LINE__, call)
#  define PyMem_RawMalloc(n) _RT_AT(PyMem_RawMalloc(n))
#  define PyMem_RawCalloc(n, s) _RT_AT(PyMem_RawCalloc(n, s))
#  define PyMem_RawRealloc(p, n) _RT_AT(PyMem_RawRealloc(p, n))
#  define PyMem_RawFree(p) _RT_AT(PyMem_RawFree(p))
#  define PyMem_Malloc(n) _RT_AT(PyMem_Malloc(n))
#  define PyMem_Calloc(n, s) _RT_AT(PyMem_Calloc(n, s))
#  define PyMem_Realloc(p, n) _RT_AT(PyMem_Realloc(p, n))
#  define PyMem_Free(p) _RT_AT(PyMem_Free(p))
#else
#  define _RT_AT(call) (call)
#endif

#define PyMem_New(type, n)                                                                         \
  ((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type) ? NULL : (type *)PyMem_Malloc((n) * sizeof(type)))
#define PyMem_Resize(p, type, n)                                                                   \
  ((p) = ((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type))                                             \
             ? NULL                                                                                \
             : (type *)PyMem_Realloc((p), (n) * sizeof(type)))
#define PyMem_Del(p) PyMem_Free(p)

#ifdef __cplusplus
}
#endif
#endif /* Py_PYMEM_H */
