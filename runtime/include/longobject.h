/* longobject.h — the int object's layout, the small ints and the int API (runtime/longobject.c).
 *
 * The layout is CPython 3.11's longintrepr.h (30-bit digits, sign in ob_size). The runtime keeps
 * values within what 64 bits hold: -(2**64-1) .. 2**64-1 (so both long long and unsigned long long
 * round-trip); results beyond raise OverflowError. The small ints -5..256 are static and shared
 * (_rt_small_int); PyLong_From* return new references to them as CPython does.
 * The PyLong_As* functions follow CPython's conventions: -1 (or (unsigned)-1, -1.0) with an
 * exception set on failure, so a caller must check PyErr_Occurred() when -1 is a valid value; a
 * non-int argument is converted with __index__ (nb_index) where CPython does.
 */
#ifndef Py_LONGOBJECT_H
#define Py_LONGOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t digit;           /* 30-bit digits, as CPython on 64-bit platforms */
#define PyLong_SHIFT 30

struct _longobject {
  PyObject_VAR_HEAD
  digit ob_digit[1];              /* |ob_size| digits, least significant first; sign in ob_size */
};
typedef struct _longobject PyLongObject;

PyAPI_DATA(PyTypeObject) PyLong_Type;
#define PyLong_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)

#define _RT_SMALL_INT_MIN (-5)
#define _RT_SMALL_INT_MAX 256
/* The shared small int for v (borrowed), or NULL when v is outside -5..256. */
PyAPI_FUNC(PyObject *) _rt_small_int(long v);

/* New references, or NULL with an exception set (MemoryError, OverflowError). */
PyAPI_FUNC(PyObject *) PyLong_FromLong(long v);
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLong(unsigned long v);
PyAPI_FUNC(PyObject *) PyLong_FromLongLong(long long v);
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLongLong(unsigned long long v);
PyAPI_FUNC(PyObject *) PyLong_FromSsize_t(Py_ssize_t v);
PyAPI_FUNC(PyObject *) PyLong_FromSize_t(size_t v);
PyAPI_FUNC(PyObject *) PyLong_FromDouble(double v);
PyAPI_FUNC(PyObject *) PyLong_FromVoidPtr(void *p);
PyAPI_FUNC(PyObject *) PyLong_FromString(const char *str, char **pend, int base);
/* C strtoul / strtol with CPython's prefixes (0x, 0o, 0b) and errno ERANGE on overflow
 * (runtime/pystrtod.c). */
PyAPI_FUNC(unsigned long) PyOS_strtoul(const char *str, char **ptr, int base);
PyAPI_FUNC(long) PyOS_strtol(const char *str, char **ptr, int base);
PyAPI_FUNC(PyObject *) PyLong_FromUnicodeObject(PyObject *u, int base);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(PyObject *) PyLong_FromInt32(int32_t v);
PyAPI_FUNC(PyObject *) PyLong_FromInt64(int64_t v);
PyAPI_FUNC(PyObject *) PyLong_FromUInt32(uint32_t v);
PyAPI_FUNC(PyObject *) PyLong_FromUInt64(uint64_t v);
#endif

PyAPI_FUNC(long) PyLong_AsLong(PyObject *o);
PyAPI_FUNC(long) PyLong_AsLongAndOverflow(PyObject *o, int *overflow);
PyAPI_FUNC(long long) PyLong_AsLongLong(PyObject *o);
PyAPI_FUNC(long long) PyLong_AsLongLongAndOverflow(PyObject *o, int *overflow);
PyAPI_FUNC(int) _PyLong_Sign(PyObject *v);   /* -1, 0 or 1 */
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLong(PyObject *o);
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLong(PyObject *o);
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLongMask(PyObject *o);
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLongMask(PyObject *o);
PyAPI_FUNC(Py_ssize_t) PyLong_AsSsize_t(PyObject *o);
PyAPI_FUNC(size_t) PyLong_AsSize_t(PyObject *o);
PyAPI_FUNC(double) PyLong_AsDouble(PyObject *o);
PyAPI_FUNC(void *) PyLong_AsVoidPtr(PyObject *o);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyLong_AsInt(PyObject *o);
#endif
PyAPI_FUNC(int) _PyLong_AsInt(PyObject *o);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyLong_AsInt32(PyObject *o, int32_t *value);
PyAPI_FUNC(int) PyLong_AsInt64(PyObject *o, int64_t *value);
PyAPI_FUNC(int) PyLong_AsUInt32(PyObject *o, uint32_t *value);
PyAPI_FUNC(int) PyLong_AsUInt64(PyObject *o, uint64_t *value);
#endif

/* The runtime's own: o's value as sign and 64-bit magnitude (o an int). */
PyAPI_FUNC(int) _rt_long_value(PyObject *o, int *negative, uint64_t *magnitude);

#ifdef __cplusplus
}
#endif
#endif /* Py_LONGOBJECT_H */
