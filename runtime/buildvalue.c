/* buildvalue.c — Py_BuildValue and the argument building of the format-driven calls, as
 * CPython's Python/modsupport.c.
 *
 * Ownership, exactly CPython's: "O" and "S" take a new reference to their argument; "N" steals
 * it, also when the call fails — when building fails midway, the rest of the format is still
 * walked (do_ignore), building and discarding each value, so every "N" argument not yet consumed
 * is released. "O&" calls converter(void *) which returns a new reference. A NULL object argument
 * raises SystemError("NULL object passed to Py_BuildValue") unless an exception is already set.
 * '#' lengths are Py_ssize_t (PY_SSIZE_T_CLEAN, required since 3.10).
 */
#include "rt_capi.h"

#include <stdarg.h>
#include <string.h>

static PyObject *do_mkvalue(const char **p_format, va_list *p_va);

/* Items at the top level of format until endchar; -1 with SystemError on unbalanced brackets. */
static Py_ssize_t countformat(const char *format, char endchar)
{
  Py_ssize_t count = 0;
  int level = 0;
  while (level > 0 || *format != endchar) {
    switch (*format) {
    case '\0':
      PyErr_SetString(PyExc_SystemError, "unmatched paren in format");
      return -1;
    case '(':
    case '[':
    case '{':
      if (level == 0) count++;
      level++;
      break;
    case ')':
    case ']':
    case '}':
      level--;
      break;
    case '#':
    case '&':
    case ',':
    case ':':
    case ' ':
    case '\t':
      break;
    default:
      if (level == 0) count++;
    }
    format++;
  }
  return count;
}

/* Builds and discards n more values so that the "N" arguments among them are released. The
 * current exception survives. */
static void do_ignore(const char **p_format, va_list *p_va, char endchar, Py_ssize_t n)
{
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *w = do_mkvalue(p_format, p_va);
    PyErr_SetRaisedException(exc);
    Py_XDECREF(w);
  }
  if (**p_format != endchar) {
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
    return;
  }
  if (endchar) ++*p_format;
}

static PyObject *do_mktuple(const char **p_format, va_list *p_va, char endchar, Py_ssize_t n)
{
  if (n < 0) return NULL;
  PyObject *v = PyTuple_New(n);
  if (v == NULL) {
    do_ignore(p_format, p_va, endchar, n);
    return NULL;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *w = do_mkvalue(p_format, p_va);
    if (w == NULL) {
      do_ignore(p_format, p_va, endchar, n - i - 1);
      Py_DECREF(v);
      return NULL;
    }
    PyTuple_SET_ITEM(v, i, w);
  }
  if (**p_format != endchar) {
    Py_DECREF(v);
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
    return NULL;
  }
  if (endchar) ++*p_format;
  return v;
}

static PyObject *do_mklist(const char **p_format, va_list *p_va, char endchar, Py_ssize_t n)
{
  if (n < 0) return NULL;
  PyObject *v = PyList_New(n);
  if (v == NULL) {
    do_ignore(p_format, p_va, endchar, n);
    return NULL;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *w = do_mkvalue(p_format, p_va);
    if (w == NULL) {
      do_ignore(p_format, p_va, endchar, n - i - 1);
      Py_DECREF(v);
      return NULL;
    }
    PyList_SET_ITEM(v, i, w);
  }
  if (**p_format != endchar) {
    Py_DECREF(v);
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
    return NULL;
  }
  if (endchar) ++*p_format;
  return v;
}

static PyObject *do_mkdict(const char **p_format, va_list *p_va, char endchar, Py_ssize_t n)
{
  if (n < 0) return NULL;
  if (n % 2) {
    PyErr_SetString(PyExc_SystemError, "Bad dict format");
    do_ignore(p_format, p_va, endchar, n);
    return NULL;
  }
  PyObject *d = PyDict_New();
  if (d == NULL) {
    do_ignore(p_format, p_va, endchar, n);
    return NULL;
  }
  for (Py_ssize_t i = 0; i < n; i += 2) {
    PyObject *k = do_mkvalue(p_format, p_va);
    if (k == NULL) {
      do_ignore(p_format, p_va, endchar, n - i - 1);
      Py_DECREF(d);
      return NULL;
    }
    PyObject *v = do_mkvalue(p_format, p_va);
    if (v == NULL || PyDict_SetItem(d, k, v) < 0) {
      do_ignore(p_format, p_va, endchar, n - i - 2);
      Py_DECREF(k);
      Py_XDECREF(v);
      Py_DECREF(d);
      return NULL;
    }
    Py_DECREF(k);
    Py_DECREF(v);
  }
  if (**p_format != endchar) {
    Py_DECREF(d);
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
    return NULL;
  }
  if (endchar) ++*p_format;
  return d;
}

/* A string argument of 's', 'z', 'U' or 'y', with an optional '#' length. */
static PyObject *make_string(const char **p_format, va_list *p_va, int bytes)
{
  const char *str = va_arg(*p_va, const char *);
  Py_ssize_t n = -1;
  if (**p_format == '#') {
    ++*p_format;
    n = va_arg(*p_va, Py_ssize_t);
  }
  if (str == NULL) return Py_NewRef(Py_None);
  if (n < 0) n = (Py_ssize_t)strlen(str);
  return bytes ? PyBytes_FromStringAndSize(str, n) : PyUnicode_FromStringAndSize(str, n);
}

static PyObject *do_mkvalue(const char **p_format, va_list *p_va)
{
  for (;;) {
    switch (*(*p_format)++) {
    case '(':
      return do_mktuple(p_format, p_va, ')', countformat(*p_format, ')'));
    case '[':
      return do_mklist(p_format, p_va, ']', countformat(*p_format, ']'));
    case '{':
      return do_mkdict(p_format, p_va, '}', countformat(*p_format, '}'));
    case 'b':
    case 'B':
    case 'h':
    case 'i':
    case 'H':   /* unsigned short and the small types are promoted to int */
      return PyLong_FromLong((long)va_arg(*p_va, int));
    case 'I':
      return PyLong_FromUnsignedLong((unsigned long)va_arg(*p_va, unsigned int));
    case 'n':
      return PyLong_FromSsize_t(va_arg(*p_va, Py_ssize_t));
    case 'l':
      return PyLong_FromLong(va_arg(*p_va, long));
    case 'k':
      return PyLong_FromUnsignedLong(va_arg(*p_va, unsigned long));
    case 'L':
      return PyLong_FromLongLong(va_arg(*p_va, long long));
    case 'K':
      return PyLong_FromUnsignedLongLong(va_arg(*p_va, unsigned long long));
    case 'f':
    case 'd':
      return PyFloat_FromDouble(va_arg(*p_va, double));
    case 'D':
      return PyComplex_FromCComplex(*va_arg(*p_va, Py_complex *));
    case 'c': {
      char c = (char)va_arg(*p_va, int);
      return PyBytes_FromStringAndSize(&c, 1);
    }
    case 'C':
      return PyUnicode_FromOrdinal(va_arg(*p_va, int));
    case 's':
    case 'z':
    case 'U':
      return make_string(p_format, p_va, 0);
    case 'y':
      return make_string(p_format, p_va, 1);
    case 'N':
    case 'S':
    case 'O':
      if (**p_format == '&') {
        typedef PyObject *(*converter)(void *);
        converter func = va_arg(*p_va, converter);
        void *arg = va_arg(*p_va, void *);
        ++*p_format;
        return func(arg);
      } else {
        PyObject *v = va_arg(*p_va, PyObject *);
        if (v != NULL) {
          if (*(*p_format - 1) != 'N') Py_INCREF(v);
        } else if (!PyErr_Occurred()) {
          PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
        }
        return v;
      }
    case ':':
    case ',':
    case ' ':
    case '\t':
      break;
    default:
      PyErr_SetString(PyExc_SystemError, "bad format char passed to Py_BuildValue");
      return NULL;
    }
  }
}

PyObject *Py_VaBuildValue(const char *format, va_list va)
{
  const char *f = format;
  Py_ssize_t n = countformat(f, '\0');
  if (n < 0) return NULL;
  if (n == 0) return Py_NewRef(Py_None);
  va_list lva;
  va_copy(lva, va);
  PyObject *r = n == 1 ? do_mkvalue(&f, &lva) : do_mktuple(&f, &lva, '\0', n);
  va_end(lva);
  return r;
}

PyObject *_Py_VaBuildValue_SizeT(const char *format, va_list va) { return Py_VaBuildValue(format, va); }

PyObject *Py_BuildValue(const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = Py_VaBuildValue(format, va);
  va_end(va);
  return r;
}

PyObject *_Py_BuildValue_SizeT(const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = Py_VaBuildValue(format, va);
  va_end(va);
  return r;
}

PyObject *rt_build_args(const char *format, va_list va)
{
  const char *f = format;
  Py_ssize_t n = countformat(f, '\0');
  if (n < 0) return NULL;
  va_list lva;
  va_copy(lva, va);
  PyObject *r;
  if (n == 1) {
    PyObject *v = do_mkvalue(&f, &lva);
    if (v == NULL || PyTuple_Check(v)) r = v;   /* a single tuple is the argument tuple */
    else {
      r = PyTuple_Pack(1, v);
      Py_DECREF(v);
    }
  } else {
    r = do_mktuple(&f, &lva, '\0', n);
  }
  va_end(lva);
  return r;
}
