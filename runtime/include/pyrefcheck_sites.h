/* pyrefcheck_sites.h — in the oracle build, the C-API's constructors record their caller's
 * __FILE__ and __LINE__, as PyObject_New and PyMem_Malloc already do (pymem.h's _RT_AT), so a leak
 * or a refused allocation names the extension's line that created the object, not a line of the
 * runtime. The site is left for the call's first allocation and cleared when the call returns (a
 * constructor that does not allocate, PyLong_FromLong(5), leaves no stale site behind).
 *
 * Function-like macros: taking a constructor's address still works. Off in the release library,
 * and inside the runtime itself (rt_internal.h is included there), where a constructor called on
 * a caller's behalf must keep the caller's site.
 */
#ifndef PYREFCHECK_SITES_H
#define PYREFCHECK_SITES_H

#if defined(PYREFCHECK_ORACLE) && !defined(RT_INTERNAL_H)

/* Calls, not bare assignments: constructors nested in another's arguments stay well defined (the
 * innermost calls keep their sites; the outer one may then have none). */
static inline int _rt_site_set(const char *file, int line)
{
  _rt_site_file = file;
  _rt_site_line = line;
  return 0;
}
static inline struct _object *_rt_site_end(struct _object *o)
{
  _rt_site_file = NULL;
  _rt_site_line = 0;
  return o;
}
#define _RT_NEW(call) (_rt_site_set(__FILE__, __LINE__), _rt_site_end(call))

#define PyList_New(n) _RT_NEW(PyList_New(n))
#define PyList_GetSlice(l, a, b) _RT_NEW(PyList_GetSlice(l, a, b))
#define PyList_AsTuple(l) _RT_NEW(PyList_AsTuple(l))
#define PyTuple_New(n) _RT_NEW(PyTuple_New(n))
#define PyTuple_Pack(...) _RT_NEW(PyTuple_Pack(__VA_ARGS__))
#define PyTuple_GetSlice(t, a, b) _RT_NEW(PyTuple_GetSlice(t, a, b))
#define PyDict_New() _RT_NEW(PyDict_New())
#define PyDict_Copy(d) _RT_NEW(PyDict_Copy(d))
#define PyDict_Keys(d) _RT_NEW(PyDict_Keys(d))
#define PyDict_Values(d) _RT_NEW(PyDict_Values(d))
#define PyDict_Items(d) _RT_NEW(PyDict_Items(d))
#define PySet_New(i) _RT_NEW(PySet_New(i))
#define PyFrozenSet_New(i) _RT_NEW(PyFrozenSet_New(i))
#define PyLong_FromLong(v) _RT_NEW(PyLong_FromLong(v))
#define PyLong_FromUnsignedLong(v) _RT_NEW(PyLong_FromUnsignedLong(v))
#define PyLong_FromLongLong(v) _RT_NEW(PyLong_FromLongLong(v))
#define PyLong_FromUnsignedLongLong(v) _RT_NEW(PyLong_FromUnsignedLongLong(v))
#define PyLong_FromSsize_t(v) _RT_NEW(PyLong_FromSsize_t(v))
#define PyLong_FromSize_t(v) _RT_NEW(PyLong_FromSize_t(v))
#define PyLong_FromDouble(v) _RT_NEW(PyLong_FromDouble(v))
#define PyFloat_FromDouble(v) _RT_NEW(PyFloat_FromDouble(v))
#define PyUnicode_FromString(s) _RT_NEW(PyUnicode_FromString(s))
#define PyUnicode_FromStringAndSize(s, n) _RT_NEW(PyUnicode_FromStringAndSize(s, n))
#define PyUnicode_FromFormat(...) _RT_NEW(PyUnicode_FromFormat(__VA_ARGS__))
#define PyUnicode_FromOrdinal(c) _RT_NEW(PyUnicode_FromOrdinal(c))
#define PyUnicode_DecodeUTF8(s, n, e) _RT_NEW(PyUnicode_DecodeUTF8(s, n, e))
#define PyUnicode_InternFromString(s) _RT_NEW(PyUnicode_InternFromString(s))
#define PyUnicode_Concat(a, b) _RT_NEW(PyUnicode_Concat(a, b))
#define PyUnicode_Join(s, q) _RT_NEW(PyUnicode_Join(s, q))
#define PyBytes_FromString(s) _RT_NEW(PyBytes_FromString(s))
#define PyBytes_FromStringAndSize(s, n) _RT_NEW(PyBytes_FromStringAndSize(s, n))
#define PyBytes_FromFormat(...) _RT_NEW(PyBytes_FromFormat(__VA_ARGS__))
#define Py_BuildValue(...) _RT_NEW(Py_BuildValue(__VA_ARGS__))
#define PyCapsule_New(p, n, d) _RT_NEW(PyCapsule_New(p, n, d))
#define PyModule_New(n) _RT_NEW(PyModule_New(n))
#define PyModule_Create2(d, v) _RT_NEW(PyModule_Create2(d, v))
#define PyCMethod_New(ml, s, m, c) _RT_NEW(PyCMethod_New(ml, s, m, c))
#define PyErr_NewException(n, b, d) _RT_NEW(PyErr_NewException(n, b, d))
#define PySlice_New(a, b, c) _RT_NEW(PySlice_New(a, b, c))
#define PySequence_List(o) _RT_NEW(PySequence_List(o))
#define PySequence_Tuple(o) _RT_NEW(PySequence_Tuple(o))

#endif
#endif /* PYREFCHECK_SITES_H */
