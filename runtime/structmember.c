/* structmember.c — reading and writing C struct members as objects (PyMemberDef), as CPython's
 * Python/structmember.c.
 *
 * PyMember_GetOne returns a new reference (None for an unset Py_T_OBJECT, AttributeError for an
 * unset Py_T_OBJECT_EX). PyMember_SetOne takes a new reference to an object it stores and
 * releases the one it replaces; numbers out of range are truncated with a RuntimeWarning, as in
 * CPython 3.11 (which can fail when warnings are errors).
 */
#include "rt_capi.h"

#include <float.h>

PyObject *PyMember_GetOne(const char *obj_addr, PyMemberDef *l)
{
  if (l->flags & Py_RELATIVE_OFFSET) {
    PyErr_SetString(PyExc_SystemError, "PyMember_GetOne used with Py_RELATIVE_OFFSET");
    return NULL;
  }
  const char *addr = obj_addr + l->offset;
  switch (l->type) {
  case Py_T_BOOL: return PyBool_FromLong(*(const char *)addr);
  case Py_T_BYTE: return PyLong_FromLong(*(const signed char *)addr);
  case Py_T_UBYTE: return PyLong_FromLong(*(const unsigned char *)addr);
  case Py_T_SHORT: return PyLong_FromLong(*(const short *)addr);
  case Py_T_USHORT: return PyLong_FromLong(*(const unsigned short *)addr);
  case Py_T_INT: return PyLong_FromLong(*(const int *)addr);
  case Py_T_UINT: return PyLong_FromUnsignedLong(*(const unsigned int *)addr);
  case Py_T_LONG: return PyLong_FromLong(*(const long *)addr);
  case Py_T_ULONG: return PyLong_FromUnsignedLong(*(const unsigned long *)addr);
  case Py_T_PYSSIZET: return PyLong_FromSsize_t(*(const Py_ssize_t *)addr);
  case Py_T_FLOAT: return PyFloat_FromDouble(*(const float *)addr);
  case Py_T_DOUBLE: return PyFloat_FromDouble(*(const double *)addr);
  case Py_T_LONGLONG: return PyLong_FromLongLong(*(const long long *)addr);
  case Py_T_ULONGLONG: return PyLong_FromUnsignedLongLong(*(const unsigned long long *)addr);
  case Py_T_STRING: {
    const char *s = *(char *const *)addr;
    return s == NULL ? Py_NewRef(Py_None) : PyUnicode_FromString(s);
  }
  case Py_T_STRING_INPLACE: return PyUnicode_FromString(addr);
  case Py_T_CHAR: return PyUnicode_FromStringAndSize(addr, 1);
  case _Py_T_OBJECT: {
    PyObject *v = *(PyObject *const *)addr;
    return Py_NewRef(v != NULL ? v : Py_None);
  }
  case Py_T_OBJECT_EX: {
    PyObject *v = *(PyObject *const *)addr;
    if (v == NULL) {
      PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute '%s'",
                   Py_TYPE((PyObject *)obj_addr)->tp_name, l->name);
      return NULL;
    }
    return Py_NewRef(v);
  }
  case _Py_T_NONE: return Py_NewRef(Py_None);
  default:
    PyErr_SetString(PyExc_SystemError, "bad memberdescr type");
    return NULL;
  }
}

static int warn_truncation(const char *what)
{
  return PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "Truncation of value to %s", what);
}

/* The value of v as a long long for an integer member; -1 with an exception set on error. */
static int integer_of(PyObject *v, long long *out)
{
  long long x = PyLong_AsLongLong(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  *out = x;
  return 0;
}

int PyMember_SetOne(char *obj_addr, PyMemberDef *l, PyObject *v)
{
  char *addr = obj_addr + l->offset;
  if (l->flags & Py_READONLY) {
    PyErr_SetString(PyExc_AttributeError, "readonly attribute");
    return -1;
  }
  if (v == NULL) {
    if (l->type == Py_T_OBJECT_EX) {
      if (*(PyObject **)addr == NULL) {
        PyErr_SetString(PyExc_AttributeError, l->name);
        return -1;
      }
    } else if (l->type != _Py_T_OBJECT) {
      PyErr_SetString(PyExc_TypeError, "can't delete numeric/char attribute");
      return -1;
    }
  }
  long long x;
  switch (l->type) {
  case Py_T_BOOL:
    if (!PyBool_Check(v)) {
      PyErr_SetString(PyExc_TypeError, "attribute value type must be bool");
      return -1;
    }
    *(char *)addr = (char)(v == Py_True);
    return 0;
#define SET_INT(ctype, lo, hi, name)                                                               \
  if (integer_of(v, &x) < 0) return -1;                                                            \
  *(ctype *)addr = (ctype)x;                                                                       \
  if (x < (long long)(lo) || (x > 0 && (unsigned long long)x > (unsigned long long)(hi)))          \
    return warn_truncation(name);                                                                  \
  return 0;
  case Py_T_BYTE: SET_INT(signed char, SCHAR_MIN, SCHAR_MAX, "char")
  case Py_T_UBYTE: SET_INT(unsigned char, 0, UCHAR_MAX, "unsigned char")
  case Py_T_SHORT: SET_INT(short, SHRT_MIN, SHRT_MAX, "short")
  case Py_T_USHORT: SET_INT(unsigned short, 0, USHRT_MAX, "unsigned short")
  case Py_T_INT: SET_INT(int, INT_MIN, INT_MAX, "int")
  case Py_T_UINT: SET_INT(unsigned int, 0, UINT_MAX, "unsigned int")
  case Py_T_LONG: SET_INT(long, LONG_MIN, LONG_MAX, "long")
  case Py_T_PYSSIZET: SET_INT(Py_ssize_t, PY_SSIZE_T_MIN, PY_SSIZE_T_MAX, "Py_ssize_t")
  case Py_T_LONGLONG:
    if (integer_of(v, &x) < 0) return -1;
    *(long long *)addr = x;
    return 0;
#undef SET_INT
  case Py_T_ULONG: {
    unsigned long u = PyLong_AsUnsignedLong(v);
    if (u == (unsigned long)-1 && PyErr_Occurred()) return -1;
    *(unsigned long *)addr = u;
    return 0;
  }
  case Py_T_ULONGLONG: {
    unsigned long long u = PyLong_AsUnsignedLongLong(v);
    if (u == (unsigned long long)-1 && PyErr_Occurred()) return -1;
    *(unsigned long long *)addr = u;
    return 0;
  }
  case Py_T_FLOAT: {
    double d = PyFloat_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred()) return -1;
    *(float *)addr = (float)d;
    return 0;
  }
  case Py_T_DOUBLE: {
    double d = PyFloat_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred()) return -1;
    *(double *)addr = d;
    return 0;
  }
  case _Py_T_OBJECT:
  case Py_T_OBJECT_EX:
    Py_XSETREF(*(PyObject **)addr, Py_XNewRef(v));
    return 0;
  case Py_T_CHAR: {
    Py_ssize_t len;
    const char *s = PyUnicode_Check(v) ? PyUnicode_AsUTF8AndSize(v, &len) : NULL;
    if (s == NULL || len != 1) {
      if (s != NULL || !PyErr_Occurred()) PyErr_BadArgument();
      return -1;
    }
    *(char *)addr = s[0];
    return 0;
  }
  case Py_T_STRING:
  case Py_T_STRING_INPLACE:
    PyErr_SetString(PyExc_TypeError, "readonly attribute");
    return -1;
  default:
    PyErr_Format(PyExc_SystemError, "bad memberdescr type for %s", l->name);
    return -1;
  }
}
