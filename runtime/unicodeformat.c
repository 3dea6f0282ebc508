/* unicodeformat.c — building text: the growing buffer the runtime formats into (RtBuf),
 * PyUnicode_FromFormat (C printf-style, with the object codes %U %V %S %R %A %T), and
 * PyUnicode_Format (the str % args operator).
 *
 * An RtBuf grows through PyMem_Realloc, so building a string has failure points under fault
 * injection as in CPython; once an allocation or a conversion fails the buffer is marked failed,
 * further additions are ignored, and finishing it returns NULL with the exception set. The object
 * codes of FromFormat borrow their arguments (%S and %R call str() and repr(), which may fail).
 */
#include "rt_capi.h"

#include <stdarg.h>
#include <string.h>

/* The formatters below hand snprintf specs they build from the caller's format (flags, width,
 * precision): the spec is data, by design. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* --- RtBuf ---------------------------------------------------------------------------------------*/
static int buf_reserve(RtBuf *b, Py_ssize_t more)
{
  if (b->failed) return -1;
  if (b->len + more + 1 <= b->cap) return 0;
  Py_ssize_t ncap = b->cap ? b->cap : 64;
  while (ncap < b->len + more + 1) ncap *= 2;
  char *np = (PyMem_Realloc)(b->p, (size_t)ncap);
  if (np == NULL) {
    b->failed = 1;
    PyErr_NoMemory();
    return -1;
  }
  b->p = np;
  b->cap = ncap;
  return 0;
}

void rt_buf_add(RtBuf *b, const char *s, Py_ssize_t n)
{
  if (buf_reserve(b, n) < 0) return;
  if (n > 0) memcpy(b->p + b->len, s, (size_t)n);
  b->len += n;
  b->p[b->len] = '\0';
}

void rt_buf_adds(RtBuf *b, const char *s) { rt_buf_add(b, s, (Py_ssize_t)strlen(s)); }

void rt_buf_addf(RtBuf *b, const char *fmt, ...)
{
  char tmp[128];
  va_list va;
  va_start(va, fmt);
  int n = vsnprintf(tmp, sizeof(tmp), fmt, va);
  va_end(va);
  if (n < 0) return;
  rt_buf_add(b, tmp, n < (int)sizeof(tmp) ? n : (Py_ssize_t)sizeof(tmp) - 1);
}

void rt_buf_add_object(RtBuf *b, PyObject *o, int repr)
{
  if (b->failed) return;
  PyObject *s = repr ? PyObject_Repr(o) : PyObject_Str(o);
  if (s == NULL) {
    b->failed = 1;
    return;
  }
  RT_STR_READY(s);
  rt_buf_add(b, ((PyUnicodeObject *)s)->utf8, ((PyUnicodeObject *)s)->utf8_length);
  Py_DECREF(s);
}

void rt_buf_release(RtBuf *b)
{
  (PyMem_Free)(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

PyObject *rt_buf_finish_str(RtBuf *b)
{
  if (b->failed) {
    rt_buf_release(b);
    return NULL;
  }
  PyObject *s = rt_str_from_valid(b->p ? b->p : "", b->len);
  rt_buf_release(b);
  return s;
}

/* --- PyUnicode_FromFormat ----------------------------------------------------------------------*/
/* Appends the first prec code points of the UTF-8 text s (n bytes), padded to width. */
static void add_text(RtBuf *b, const char *s, Py_ssize_t n, int width, int prec, int left)
{
  Py_ssize_t bytes = 0, points = 0;
  while (bytes < n && (prec < 0 || points < prec)) {
    unsigned char c = (unsigned char)s[bytes];
    int l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (bytes + l > n) l = (int)(n - bytes);
    bytes += l;
    points++;
  }
  if (!left)
    for (Py_ssize_t i = points; i < width; i++) rt_buf_add(b, " ", 1);
  rt_buf_add(b, s, bytes);
  if (left)
    for (Py_ssize_t i = points; i < width; i++) rt_buf_add(b, " ", 1);
}

static void add_str_object(RtBuf *b, PyObject *s, int width, int prec, int left)
{
  RT_STR_READY(s);
  PyUnicodeObject *u = (PyUnicodeObject *)s;
  add_text(b, u->utf8, u->utf8_length, width, prec, left);
}

/* Formats into b; bytes_only refuses the object codes (PyBytes_FromFormat). 0, or -1 with an
 * exception set (the buffer is then marked failed). */
int rt_format_v(RtBuf *b, const char *format, va_list *va, int bytes_only)
{
  for (const char *f = format; *f; f++) {
    if (*f != '%') {
      const char *start = f;
      while (f[1] && f[1] != '%') f++;
      rt_buf_add(b, start, f - start + 1);
      continue;
    }
    const char *spec_start = f++;
    int left = 0, zero = 0, width = -1, prec = -1;
    for (;; f++) {
      if (*f == '-') left = 1;
      else if (*f == '0') zero = 1;
      else break;
    }
    if (*f >= '0' && *f <= '9') {
      width = 0;
      while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
      f++;
      prec = 0;
      while (*f >= '0' && *f <= '9') prec = prec * 10 + (*f++ - '0');
    }
    int lng = 0, sz = 0, ptrd = 0, intmax = 0;
    if (*f == 'l') {
      lng = 1;
      if (*++f == 'l') {
        lng = 2;
        f++;
      }
    } else if (*f == 'z') sz = 1, f++;
    else if (*f == 't') ptrd = 1, f++;
    else if (*f == 'j') intmax = 1, f++;
    char spec[32], tmp[96];
    switch (*f) {
    case '%':
      rt_buf_add(b, "%", 1);
      break;
    case 'd':
    case 'i':
    case 'u':
    case 'x': {
      int is_signed = *f == 'd' || *f == 'i';
      int k = 0;   /* the spec: flags, width, precision, conversion */
      spec[k++] = '%';
      if (left) spec[k++] = '-';
      if (zero) spec[k++] = '0';
      k += snprintf(spec + k, sizeof(spec) - (size_t)k, width >= 0 ? "%d" : "", width);
      if (prec >= 0) k += snprintf(spec + k, sizeof(spec) - (size_t)k, ".%d", prec);
      snprintf(spec + k, sizeof(spec) - (size_t)k, "ll%c", *f == 'i' ? 'd' : *f);
      if (is_signed) {
        long long v = lng == 2 ? va_arg(*va, long long) : lng == 1 ? va_arg(*va, long)
                    : sz ? (long long)va_arg(*va, Py_ssize_t) : ptrd ? (long long)va_arg(*va, ptrdiff_t)
                    : intmax ? (long long)va_arg(*va, intmax_t) : va_arg(*va, int);
        snprintf(tmp, sizeof(tmp), spec, v);
      } else {
        unsigned long long v = lng == 2 ? va_arg(*va, unsigned long long)
                             : lng == 1 ? va_arg(*va, unsigned long)
                             : sz ? (unsigned long long)va_arg(*va, size_t)
                             : ptrd ? (unsigned long long)va_arg(*va, ptrdiff_t)
                             : intmax ? (unsigned long long)va_arg(*va, uintmax_t)
                             : va_arg(*va, unsigned int);
        snprintf(tmp, sizeof(tmp), spec, v);
      }
      rt_buf_adds(b, tmp);
      break;
    }
    case 'c': {
      int c = va_arg(*va, int);
      if (c < 0 || c > 0x10FFFF) {
        PyErr_SetString(PyExc_OverflowError, "character argument not in range(0x110000)");
        b->failed = 1;
        return -1;
      }
      PyObject *ch = bytes_only ? NULL : PyUnicode_FromOrdinal(c);
      if (bytes_only) {
        char cc = (char)c;
        rt_buf_add(b, &cc, 1);
      } else if (ch == NULL) {
        b->failed = 1;
        return -1;
      } else {
        add_str_object(b, ch, width, -1, left);
        Py_DECREF(ch);
      }
      break;
    }
    case 'p': {
      void *p = va_arg(*va, void *);
      snprintf(tmp, sizeof(tmp), "%p", p);
      if (tmp[0] != '0' || tmp[1] != 'x') snprintf(tmp, sizeof(tmp), "0x%llx", (unsigned long long)(uintptr_t)p);
      rt_buf_adds(b, tmp);
      break;
    }
    case 's': {
      const char *s = va_arg(*va, const char *);
      if (s == NULL) s = "(null)";
      add_text(b, s, (Py_ssize_t)strlen(s), width, prec, left);
      break;
    }
    case 'U':
    case 'V':
    case 'S':
    case 'R':
    case 'A':
    case 'T':
    case 'N': {
      if (bytes_only) goto invalid;
      PyObject *o = va_arg(*va, PyObject *), *s = NULL;
      const char *fallback = *f == 'V' ? va_arg(*va, const char *) : NULL;
      switch (*f) {
      case 'U': s = o ? Py_NewRef(o) : NULL; break;
      case 'V': s = o ? Py_NewRef(o) : PyUnicode_FromString(fallback ? fallback : ""); break;
      case 'S': s = PyObject_Str(o); break;
      case 'R': s = PyObject_Repr(o); break;
      case 'A': s = PyObject_ASCII(o); break;
      case 'T': s = o ? PyUnicode_FromString(Py_TYPE(o)->tp_name) : NULL; break;
      default: s = o ? PyUnicode_FromString(((PyTypeObject *)o)->tp_name) : NULL; break;
      }
      if (s == NULL) {
        if (!PyErr_Occurred()) (PyErr_BadInternalCall)();
        b->failed = 1;
        return -1;
      }
      if (!PyUnicode_Check(s)) {
        Py_DECREF(s);
        PyErr_SetString(PyExc_SystemError, "PyUnicode_FromFormat: %U argument is not a str");
        b->failed = 1;
        return -1;
      }
      add_str_object(b, s, width, prec, left);
      Py_DECREF(s);
      break;
    }
    default:
    invalid:
      PyErr_Format(PyExc_SystemError, "invalid format string: %s", spec_start);
      b->failed = 1;
      return -1;
    }
    if (*f == '\0') break;
  }
  return b->failed ? -1 : 0;
}

PyObject *PyUnicode_FromFormatV(const char *format, va_list vargs)
{
  RtBuf b = {0};
  va_list va;
  va_copy(va, vargs);
  rt_buf_add(&b, "", 0);
  rt_format_v(&b, format, &va, 0);
  va_end(va);
  return rt_buf_finish_str(&b);
}

PyObject *PyUnicode_FromFormat(const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = PyUnicode_FromFormatV(format, va);
  va_end(va);
  return r;
}

/* --- PyUnicode_Format: str % args ------------------------------------------------------------------*/
static PyObject *next_arg(PyObject *args, Py_ssize_t *i, int tuple)
{
  if (!tuple) {
    if (*i == 0) {
      (*i)++;
      return args;
    }
  } else if (*i < PyTuple_GET_SIZE(args)) {
    return PyTuple_GET_ITEM(args, (*i)++);
  }
  PyErr_SetString(PyExc_TypeError, "not enough arguments for format string");
  return NULL;
}

PyObject *PyUnicode_Format(PyObject *format, PyObject *args)
{
  if (format == NULL || args == NULL || !PyUnicode_Check(format)) return rt_bad_internal_call();
  int tuple = PyTuple_Check(args);
  int mapping = !tuple && !PyUnicode_Check(args) && PyMapping_Check(args);
  Py_ssize_t argi = 0;
  RT_STR_READY(format);
  const char *f = ((PyUnicodeObject *)format)->utf8, *end = f + ((PyUnicodeObject *)format)->utf8_length;
  RtBuf b = {0};
  rt_buf_add(&b, "", 0);
  while (f < end && !b.failed) {
    if (*f != '%') {
      rt_buf_add(&b, f++, 1);
      continue;
    }
    f++;
    PyObject *arg = NULL, *key_owned = NULL;
    if (f < end && *f == '(') {
      const char *k = ++f;
      while (f < end && *f != ')') f++;
      if (!mapping) {
        PyErr_SetString(PyExc_TypeError, "format requires a mapping");
        goto fail;
      }
      key_owned = PyUnicode_FromStringAndSize(k, f - k);
      if (key_owned == NULL) goto fail;
      arg = PyObject_GetItem(args, key_owned);
      Py_DECREF(key_owned);
      if (arg == NULL) goto fail;
      f++;
    }
    char flags[8];
    int nflags = 0, width = -1, prec = -1;
    while (f < end && strchr("-+ #0", *f) && nflags < 6) flags[nflags++] = *f++;
    flags[nflags] = '\0';
    while (f < end && *f >= '0' && *f <= '9') width = (width < 0 ? 0 : width * 10) + (*f++ - '0');
    if (f < end && *f == '.') {
      f++;
      prec = 0;
      while (f < end && *f >= '0' && *f <= '9') prec = prec * 10 + (*f++ - '0');
    }
    if (f >= end) {
      Py_XDECREF(arg);
      PyErr_SetString(PyExc_ValueError, "incomplete format");
      goto fail;
    }
    char c = *f++;
    if (c == '%') {
      Py_XDECREF(arg);
      rt_buf_add(&b, "%", 1);
      continue;
    }
    if (arg == NULL) {
      PyObject *a = next_arg(args, &argi, tuple);
      if (a == NULL) goto fail;
      arg = Py_NewRef(a);
    }
    char spec[40], tmp[512];
    switch (c) {
    case 's':
    case 'r':
    case 'a': {
      PyObject *s = c == 's' ? PyObject_Str(arg) : c == 'r' ? PyObject_Repr(arg) : PyObject_ASCII(arg);
      if (s != NULL) add_str_object(&b, s, width, prec, strchr(flags, '-') != NULL);
      else b.failed = 1;
      Py_XDECREF(s);
      break;
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      PyObject *num = PyFloat_Check(arg) && c != 'x' && c != 'X' && c != 'o' ? PyNumber_Long(arg)
                    : PyNumber_Check(arg) ? PyNumber_Index(arg) : NULL;
      if (num == NULL) {
        if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError)) {
          PyErr_Clear();
          PyErr_Format(PyExc_TypeError, "%%%c format: %s is required, not %s", c,
                       c == 'd' || c == 'i' || c == 'u' ? "a real number" : "an integer",
                       Py_TYPE(arg)->tp_name);
        }
        b.failed = 1;
        break;
      }
      long long v = PyLong_AsLongLong(num);
      Py_DECREF(num);
      if (v == -1 && PyErr_Occurred()) {
        b.failed = 1;
        break;
      }
      snprintf(spec, sizeof(spec), "%%%s%s%s%s%s", flags, width >= 0 ? "*" : "", prec >= 0 ? ".*" : "",
               "ll", c == 'i' || c == 'u' ? "d" : (char[]){c, 0});
      if (width >= 0 && prec >= 0) snprintf(tmp, sizeof(tmp), spec, width, prec, v);
      else if (width >= 0) snprintf(tmp, sizeof(tmp), spec, width, v);
      else if (prec >= 0) snprintf(tmp, sizeof(tmp), spec, prec, v);
      else snprintf(tmp, sizeof(tmp), spec, v);
      rt_buf_adds(&b, tmp);
      break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      double d = PyFloat_AsDouble(arg);
      if (d == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "must be real number, not %s", Py_TYPE(arg)->tp_name);
        b.failed = 1;
        break;
      }
      snprintf(spec, sizeof(spec), "%%%s%s.*%c", flags, width >= 0 ? "*" : "", c);
      if (width >= 0) snprintf(tmp, sizeof(tmp), spec, width, prec >= 0 ? prec : 6, d);
      else snprintf(tmp, sizeof(tmp), spec, prec >= 0 ? prec : 6, d);
      rt_buf_adds(&b, tmp);
      break;
    }
    case 'c': {
      PyObject *ch = PyUnicode_Check(arg) ? Py_NewRef(arg) : NULL;
      if (ch == NULL) {
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) {
          b.failed = 1;
          break;
        }
        ch = PyUnicode_FromOrdinal((int)v);
      }
      if (ch != NULL) add_str_object(&b, ch, width, -1, strchr(flags, '-') != NULL);
      else b.failed = 1;
      Py_XDECREF(ch);
      break;
    }
    default:
      PyErr_Format(PyExc_ValueError, "unsupported format character '%c' (0x%x)", c, (unsigned)(unsigned char)c);
      b.failed = 1;
      break;
    }
    Py_DECREF(arg);
  }
  if (!b.failed && !mapping && argi < (tuple ? PyTuple_GET_SIZE(args) : 1)) {
    PyErr_SetString(PyExc_TypeError, "not all arguments converted during string formatting");
    goto fail;
  }
  return rt_buf_finish_str(&b);
fail:
  rt_buf_release(&b);
  return NULL;
}
