/* getargs.c — PyArg_Parse, PyArg_ParseTuple, PyArg_ParseTupleAndKeywords, PyArg_UnpackTuple, as
 * CPython's Python/getargs.c with the common format codes:
 *   b B h H i I l k L K n c C f d D p  s s# s* z z# z* y y# y* es et es# et# U S Y w* O O! O&
 *   (...)  | $ : ;
 *
 * Ownership: "O", "O!", "U", "S" store borrowed references (valid while the arguments live);
 * "s"/"y"/"z" store pointers into the argument; "s*"/"y*"/"z*" fill a Py_buffer the caller must
 * release with PyBuffer_Release (it holds a reference). "O&" converters own what they produce: a
 * converter returning Py_CLEANUP_SUPPORTED is called again with NULL when a later argument fails,
 * and the buffers filled so far are released, so a failing parse leaves nothing behind (CPython's
 * freelist). On failure the functions return 0 with an exception whose message is CPython's
 * ("f() argument 1 must be str, not int", "f() takes exactly 2 arguments (1 given)").
 * "es"/"et" allocate the encoded string with PyMem_Malloc (the caller frees it with PyMem_Free;
 * a later failure frees it and NULLs the pointer). Not supported: the removed u/Z codes; they
 * raise SystemError("bad format char").
 */
#include "rt_capi.h"

#include <limits.h>
#include <stdarg.h>
#include <string.h>

#define MAX_CLEANUP 32

typedef struct {
  int (*converter)(PyObject *, void *);   /* O& with cleanup, or NULL for a buffer */
  void *addr;
} Cleanup;

typedef struct {
  Cleanup items[MAX_CLEANUP];
  int n;
} FreeList;

/* Returns ok after releasing, on failure (ok == 0), what the parse produced. */
static int cleanreturn(int ok, FreeList *fl)
{
  if (!ok)
    for (int i = fl->n - 1; i >= 0; i--) {
      if (fl->items[i].converter != NULL) (void)fl->items[i].converter(NULL, fl->items[i].addr);
      else PyBuffer_Release((Py_buffer *)fl->items[i].addr);
    }
  fl->n = 0;
  return ok;
}

static int add_cleanup(FreeList *fl, int (*conv)(PyObject *, void *), void *addr)
{
  if (fl->n == MAX_CLEANUP) {
    PyErr_SetString(PyExc_SystemError, "too many cleanup arguments in one getargs call");
    return -1;
  }
  fl->items[fl->n++] = (Cleanup){conv, addr};
  return 0;
}

/* The cleanup of an "es"/"et" buffer: addr is the caller's char **, whose PyMem block a later
 * failure frees (and NULLs), as CPython's cleanup_ptr. Called with o NULL only. */
static int cleanup_ptr(PyObject *o, void *addr)
{
  (void)o;
  char **p = (char **)addr;
  (PyMem_Free)(*p);
  *p = NULL;
  return 0;
}

/* es/et's buffer of size + 1 bytes in *buffer, freed by the parse's cleanup if a later argument
 * fails (the caller's to PyMem_Free once the parse succeeds). 0, or -1 with an exception set. */
static int new_owned_buffer(FreeList *fl, char **buffer, Py_ssize_t size)
{
  *buffer = (PyMem_Malloc)((size_t)size + 1);
  if (*buffer == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  if (add_cleanup(fl, cleanup_ptr, buffer) < 0) {
    cleanup_ptr(NULL, buffer); /* not left to a cleanup that will never run */
    return -1;
  }
  return 0;
}

/* A conversion failure: "must be EXPECTED, not TYPE" in msgbuf; returns msgbuf. */
static const char *converterr(const char *expected, PyObject *arg, char *msgbuf, size_t bufsize)
{
  snprintf(msgbuf, bufsize, "must be %.50s, not %.50s", expected,
           arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
  return msgbuf;
}

#define ERR_OCCURRED ((const char *)1)   /* the exception is already set */

/* Raises the TypeError for argument iarg (1-based; 0: the whole call) from msg. */
static void seterror(Py_ssize_t iarg, const char *msg, int *levels, const char *fname, const char *message)
{
  if (PyErr_Occurred()) return;
  if (message != NULL) {
    PyErr_SetString(PyExc_TypeError, message);
    return;
  }
  char buf[512];
  int n = 0;
  if (fname != NULL) n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%.200s() ", fname);
  if (iarg != 0) {
    n += snprintf(buf + n, sizeof(buf) - (size_t)n, "argument %zd", iarg);
    for (int i = 0; i < 32 && levels[i] > 0 && n < (int)sizeof(buf) - 40; i++)
      n += snprintf(buf + n, sizeof(buf) - (size_t)n, ", item %d", levels[i] - 1);
  } else {
    n += snprintf(buf + n, sizeof(buf) - (size_t)n, "argument");
  }
  snprintf(buf + n, sizeof(buf) - (size_t)n, " %.256s", msg);
  PyErr_SetString(PyExc_TypeError, buf);
}

/* Fills view from a str (its UTF-8) or a buffer object. 0, or -1 with an exception. */
static int get_buffer(PyObject *arg, Py_buffer *view, int allow_str)
{
  if (allow_str && PyUnicode_Check(arg)) {
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (s == NULL) return -1;
    return PyBuffer_FillInfo(view, arg, (void *)s, n, 1, 0);
  }
  if (!PyObject_CheckBuffer(arg)) return 1;
  return PyObject_GetBuffer(arg, view, PyBUF_SIMPLE);
}

static const char *convertitem(PyObject *arg, const char **p_format, va_list *p_va, int *levels,
                               char *msgbuf, size_t bufsize, FreeList *fl);

/* A nested "(...)" unit: arg must be a sequence of exactly the items the unit lists. */
static const char *converttuple(PyObject *arg, const char **p_format, va_list *p_va, int *levels,
                                char *msgbuf, size_t bufsize, FreeList *fl)
{
  const char *format = *p_format;
  int level = 0, n = 0;
  for (;;) {
    int c = *format++;
    if (c == '(') {
      if (level == 0) n++;
      level++;
    } else if (c == ')') {
      if (level == 0) break;
      level--;
    } else if (c == ':' || c == ';' || c == '\0') {
      break;
    } else if (level == 0 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && c != 'e') {
      n++;   /* "es"/"et" is one unit */
    }
  }
  if (!PySequence_Check(arg) || PyBytes_Check(arg)) {   /* CPython takes a str's characters */
    levels[0] = 0;
    snprintf(msgbuf, bufsize, "must be %d-item sequence, not %.50s", n,
             arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    return msgbuf;
  }
  Py_ssize_t i = PySequence_Size(arg);
  if (i < 0) return ERR_OCCURRED;
  if (i != n) {
    levels[0] = 0;
    snprintf(msgbuf, bufsize, "must be sequence of length %d, not %zd", n, i);
    return msgbuf;
  }
  format = *p_format;
  for (i = 0; i < n; i++) {
    PyObject *item = PySequence_GetItem(arg, i);
    if (item == NULL) return ERR_OCCURRED;
    const char *msg = convertitem(item, &format, p_va, levels + 1, msgbuf, bufsize, fl);
    Py_XDECREF(item);   /* borrowed results stay valid: arg holds the item */
    if (msg != NULL) {
      levels[0] = (int)i + 1;
      return msg;
    }
  }
  *p_format = format;
  return NULL;
}

/* Converts one simple unit. NULL on success; an error message, or ERR_OCCURRED. */
static const char *convertsimple(PyObject *arg, const char **p_format, va_list *p_va, char *msgbuf,
                                 size_t bufsize, FreeList *fl)
{
  const char *format = *p_format;
  char c = *format++;
  switch (c) {
  case 'b': {
    unsigned char *p = va_arg(*p_va, unsigned char *);
    long ival = PyLong_AsLong(arg);
    if (ival == -1 && PyErr_Occurred()) return ERR_OCCURRED;
    if (ival < 0) {
      PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is less than minimum");
      return ERR_OCCURRED;
    }
    if (ival > UCHAR_MAX) {
      PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is greater than maximum");
      return ERR_OCCURRED;
    }
    *p = (unsigned char)ival;
    break;
  }
  case 'B': {
    unsigned char *p = va_arg(*p_va, unsigned char *);
    unsigned long ival = PyLong_AsUnsignedLongMask(arg);
    if (ival == (unsigned long)-1 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = (unsigned char)ival;
    break;
  }
  case 'h': {
    short *p = va_arg(*p_va, short *);
    long ival = PyLong_AsLong(arg);
    if (ival == -1 && PyErr_Occurred()) return ERR_OCCURRED;
    if (ival < SHRT_MIN) {
      PyErr_SetString(PyExc_OverflowError, "signed short integer is less than minimum");
      return ERR_OCCURRED;
    }
    if (ival > SHRT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "signed short integer is greater than maximum");
      return ERR_OCCURRED;
    }
    *p = (short)ival;
    break;
  }
  case 'H': {
    unsigned short *p = va_arg(*p_va, unsigned short *);
    unsigned long ival = PyLong_AsUnsignedLongMask(arg);
    if (ival == (unsigned long)-1 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = (unsigned short)ival;
    break;
  }
  case 'i': {
    int *p = va_arg(*p_va, int *);
    long ival = PyLong_AsLong(arg);
    if (ival == -1 && PyErr_Occurred()) return ERR_OCCURRED;
    if (ival > INT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "signed integer is greater than maximum");
      return ERR_OCCURRED;
    }
    if (ival < INT_MIN) {
      PyErr_SetString(PyExc_OverflowError, "signed integer is less than minimum");
      return ERR_OCCURRED;
    }
    *p = (int)ival;
    break;
  }
  case 'I': {
    unsigned int *p = va_arg(*p_va, unsigned int *);
    unsigned long ival = PyLong_AsUnsignedLongMask(arg);
    if (ival == (unsigned long)-1 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = (unsigned int)ival;
    break;
  }
  case 'n': {
    Py_ssize_t *p = va_arg(*p_va, Py_ssize_t *);
    PyObject *iobj = PyNumber_Index(arg);
    Py_ssize_t ival = -1;
    if (iobj != NULL) {
      ival = PyLong_AsSsize_t(iobj);
      Py_DECREF(iobj);
    }
    if (ival == -1 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = ival;
    break;
  }
  case 'l': {
    long *p = va_arg(*p_va, long *);
    long ival = PyLong_AsLong(arg);
    if (ival == -1 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = ival;
    break;
  }
  case 'k': {
    unsigned long *p = va_arg(*p_va, unsigned long *);
    if (!PyLong_Check(arg)) return converterr("int", arg, msgbuf, bufsize);
    *p = PyLong_AsUnsignedLongMask(arg);
    break;
  }
  case 'L': {
    long long *p = va_arg(*p_va, long long *);
    long long ival = PyLong_AsLongLong(arg);
    if (ival == -1 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = ival;
    break;
  }
  case 'K': {
    unsigned long long *p = va_arg(*p_va, unsigned long long *);
    if (!PyLong_Check(arg)) return converterr("int", arg, msgbuf, bufsize);
    *p = PyLong_AsUnsignedLongLongMask(arg);
    break;
  }
  case 'f': {
    float *p = va_arg(*p_va, float *);
    double dval = PyFloat_AsDouble(arg);
    if (dval == -1.0 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = (float)dval;
    break;
  }
  case 'd': {
    double *p = va_arg(*p_va, double *);
    double dval = PyFloat_AsDouble(arg);
    if (dval == -1.0 && PyErr_Occurred()) return ERR_OCCURRED;
    *p = dval;
    break;
  }
  case 'D': {
    Py_complex *p = va_arg(*p_va, Py_complex *);
    Py_complex cval = PyComplex_AsCComplex(arg);
    if (PyErr_Occurred()) return ERR_OCCURRED;
    *p = cval;
    break;
  }
  case 'c': {
    char *p = va_arg(*p_va, char *);
    if (PyBytes_Check(arg) && PyBytes_GET_SIZE(arg) == 1) *p = PyBytes_AS_STRING(arg)[0];
    else return converterr("a byte string of length 1", arg, msgbuf, bufsize);
    break;
  }
  case 'C': {
    int *p = va_arg(*p_va, int *);
    if (!PyUnicode_Check(arg) || PyUnicode_GET_LENGTH(arg) != 1)
      return converterr("a unicode character", arg, msgbuf, bufsize);
    *p = (int)PyUnicode_ReadChar(arg, 0);
    break;
  }
  case 'p': {
    int *p = va_arg(*p_va, int *);
    int val = PyObject_IsTrue(arg);
    if (val < 0) return ERR_OCCURRED;
    *p = val;
    break;
  }
  case 's':
  case 'z':
  case 'y': {
    int is_z = c == 'z', is_y = c == 'y';
    const char *expected = is_y ? "bytes" : is_z ? "str or None" : "str";
    if (*format == '*') {
      Py_buffer *p = va_arg(*p_va, Py_buffer *);
      format++;
      if (is_z && arg == Py_None) {
        PyBuffer_FillInfo(p, NULL, NULL, 0, 1, 0);
      } else {
        int r = get_buffer(arg, p, !is_y);
        if (r < 0) return ERR_OCCURRED;
        if (r > 0) return converterr(is_y ? "bytes-like object" : is_z ? "str, bytes-like object or None"
                                                                       : "str or bytes-like object",
                                     arg, msgbuf, bufsize);
        if (add_cleanup(fl, NULL, p) < 0) {
          PyBuffer_Release(p);
          return ERR_OCCURRED;
        }
      }
    } else if (*format == '#') {
      const void **p = (const void **)va_arg(*p_va, const char **);
      Py_ssize_t *psize = va_arg(*p_va, Py_ssize_t *);
      format++;
      if (is_z && arg == Py_None) {
        *p = NULL;
        *psize = 0;
      } else if (!is_y && PyUnicode_Check(arg)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
        if (s == NULL) return ERR_OCCURRED;
        *p = s;
        *psize = n;
      } else if (PyBytes_Check(arg)) {   /* read-only bytes-like objects */
        *p = PyBytes_AS_STRING(arg);
        *psize = PyBytes_GET_SIZE(arg);
      } else {
        return converterr(is_y ? "read-only bytes-like object"
                               : is_z ? "str, read-only bytes-like object or None"
                                      : "str or read-only bytes-like object",
                          arg, msgbuf, bufsize);
      }
    } else {
      const char **p = va_arg(*p_va, const char **);
      if (is_z && arg == Py_None) {
        *p = NULL;
      } else if (is_y) {
        if (!PyBytes_Check(arg)) return converterr(expected, arg, msgbuf, bufsize);
        if ((Py_ssize_t)strlen(PyBytes_AS_STRING(arg)) != PyBytes_GET_SIZE(arg)) {
          PyErr_SetString(PyExc_ValueError, "embedded null byte");
          return ERR_OCCURRED;
        }
        *p = PyBytes_AS_STRING(arg);
      } else {
        if (!PyUnicode_Check(arg)) return converterr(expected, arg, msgbuf, bufsize);
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
        if (s == NULL) return ERR_OCCURRED;
        if ((Py_ssize_t)strlen(s) != n) {
          PyErr_SetString(PyExc_ValueError, "embedded null character");
          return ERR_OCCURRED;
        }
        *p = s;
      }
    }
    break;
  }
  case 'U': {
    PyObject **p = va_arg(*p_va, PyObject **);
    if (!PyUnicode_Check(arg)) return converterr("str", arg, msgbuf, bufsize);
    *p = arg;
    break;
  }
  case 'S': {
    PyObject **p = va_arg(*p_va, PyObject **);
    if (!PyBytes_Check(arg)) return converterr("bytes", arg, msgbuf, bufsize);
    *p = arg;
    break;
  }
  case 'Y': {
    PyObject **p = va_arg(*p_va, PyObject **);
    if (!PyByteArray_Check(arg)) return converterr("bytearray", arg, msgbuf, bufsize);
    *p = arg;
    break;
  }
  case 'w': {   /* w*: a writable buffer, released by PyBuffer_Release (or on a later failure) */
    if (*format != '*') return converterr("(invalid use of 'w' format character)", arg, msgbuf, bufsize);
    format++;
    Py_buffer *p = va_arg(*p_va, Py_buffer *);
    if (PyObject_GetBuffer(arg, p, PyBUF_WRITABLE) < 0) {
      PyErr_Clear();
      return converterr("read-write bytes-like object", arg, msgbuf, bufsize);
    }
    if (add_cleanup(fl, NULL, p) < 0) {
      PyBuffer_Release(p);
      return ERR_OCCURRED;
    }
    break;
  }
  case 'e': { /* es, et, es#, et#: str encoded (et: bytes and bytearray as they are) into a PyMem
               * buffer the caller frees with PyMem_Free, or, for # with *buffer set, into the
               * caller's buffer of *psize bytes */
    const char *encoding = va_arg(*p_va, const char *);
    if (encoding == NULL) encoding = "utf-8";
    int recode = *format == 's';
    if (*format != 's' && *format != 't') return converterr("(unknown parser marker combination)", arg, msgbuf, bufsize);
    char **buffer = va_arg(*p_va, char **);
    format++;
    if (buffer == NULL) return converterr("(buffer is NULL)", arg, msgbuf, bufsize);
    PyObject *enc;
    const char *ptr;
    Py_ssize_t size;
    if (!recode && (PyBytes_Check(arg) || PyByteArray_Check(arg))) {
      enc = Py_NewRef(arg);
      size = PyBytes_Check(arg) ? PyBytes_GET_SIZE(arg) : PyByteArray_GET_SIZE(arg);
      ptr = PyBytes_Check(arg) ? PyBytes_AS_STRING(arg) : PyByteArray_AS_STRING(arg);
    } else if (PyUnicode_Check(arg)) {
      enc = PyUnicode_AsEncodedString(arg, encoding, NULL);
      if (enc == NULL) return converterr("(encoding failed)", arg, msgbuf, bufsize);
      size = PyBytes_GET_SIZE(enc);
      ptr = PyBytes_AS_STRING(enc);
    } else {
      return converterr(recode ? "str" : "str, bytes or bytearray", arg, msgbuf, bufsize);
    }
    if (*format == '#') {
      Py_ssize_t *psize = va_arg(*p_va, Py_ssize_t *);
      format++;
      if (psize == NULL) {
        Py_DECREF(enc);
        return converterr("(buffer_len is NULL)", arg, msgbuf, bufsize);
      }
      if (*buffer == NULL) {
        if (new_owned_buffer(fl, buffer, size) < 0) {
          Py_DECREF(enc);
          return ERR_OCCURRED;
        }
      } else if (size + 1 > *psize) {
        Py_DECREF(enc);
        PyErr_Format(PyExc_ValueError, "encoded string too long (%zd, maximum length %zd)", size, *psize - 1);
        return ERR_OCCURRED;
      }
      memcpy(*buffer, ptr, (size_t)size + 1);
      *psize = size;
    } else {
      if ((Py_ssize_t)strlen(ptr) != size) {
        Py_DECREF(enc);
        return converterr("encoded string without null bytes", arg, msgbuf, bufsize);
      }
      if (new_owned_buffer(fl, buffer, size) < 0) {
        Py_DECREF(enc);
        return ERR_OCCURRED;
      }
      memcpy(*buffer, ptr, (size_t)size + 1);
    }
    Py_DECREF(enc);
    break;
  }
  case 'O': {
    if (*format == '!') {
      PyTypeObject *type = va_arg(*p_va, PyTypeObject *);
      PyObject **p = va_arg(*p_va, PyObject **);
      format++;
      if (!PyObject_TypeCheck(arg, type)) return converterr(type->tp_name, arg, msgbuf, bufsize);
      *p = arg;
    } else if (*format == '&') {
      typedef int (*converter)(PyObject *, void *);
      converter convert = va_arg(*p_va, converter);
      void *addr = va_arg(*p_va, void *);
      format++;
      int res = convert(arg, addr);
      if (res == 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "O& converter failed without an exception");
        return ERR_OCCURRED;
      }
      if (res == Py_CLEANUP_SUPPORTED && add_cleanup(fl, convert, addr) < 0) {
        (void)convert(NULL, addr);
        return ERR_OCCURRED;
      }
    } else {
      PyObject **p = va_arg(*p_va, PyObject **);
      *p = arg;
    }
    break;
  }
  default:
    PyErr_Format(PyExc_SystemError, "bad format char passed to PyArg_Parse*: '%c'", c);
    return ERR_OCCURRED;
  }
  *p_format = format;
  return NULL;
}

static const char *convertitem(PyObject *arg, const char **p_format, va_list *p_va, int *levels,
                               char *msgbuf, size_t bufsize, FreeList *fl)
{
  const char *format = *p_format;
  const char *msg;
  if (*format == '(') {
    format++;
    msg = converttuple(arg, &format, p_va, levels, msgbuf, bufsize, fl);
    if (msg == NULL) format++;
  } else {
    msg = convertsimple(arg, &format, p_va, msgbuf, bufsize, fl);
    if (msg != NULL) levels[0] = 0;
  }
  if (msg == NULL) *p_format = format;
  return msg;
}

/* Consumes the va arguments of one unit without converting (an optional argument not given). */
static const char *skipitem(const char **p_format, va_list *p_va)
{
  const char *format = *p_format;
  char c = *format++;
  switch (c) {
  case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'k': case 'L':
  case 'K': case 'n': case 'f': case 'd': case 'D': case 'c': case 'C': case 'p': case 'U': case 'S':
  case 'Y':
    (void)va_arg(*p_va, void *);
    break;
  case 'w':
    (void)va_arg(*p_va, void *);
    if (*format == '*') format++;
    break;
  case 's': case 'z': case 'y':
    (void)va_arg(*p_va, void *);
    if (*format == '#') {
      (void)va_arg(*p_va, Py_ssize_t *);
      format++;
    } else if (*format == '*') {
      format++;
    }
    break;
  case 'O':
    if (*format == '!' || *format == '&') {
      (void)va_arg(*p_va, void *);
      format++;
    }
    (void)va_arg(*p_va, void *);
    break;
  case 'e':   /* encoding, buffer, and the length for # */
    (void)va_arg(*p_va, const char *);
    (void)va_arg(*p_va, char **);
    if (*format == 's' || *format == 't') format++;
    if (*format == '#') {
      (void)va_arg(*p_va, Py_ssize_t *);
      format++;
    }
    break;
  case '(':
    while (*format != ')') {
      if (*format == '\0') return "unmatched paren in format";
      const char *msg = skipitem(&format, p_va);
      if (msg) return msg;
    }
    format++;
    break;
  default:
    return "impossible<bad format char>";
  }
  *p_format = format;
  return NULL;
}

/* --- PyArg_ParseTuple and PyArg_Parse ----------------------------------------------------------*/
static int vgetargs1(PyObject *args, const char *format, va_list *p_va, int compat)
{
  const char *fname = NULL, *message = NULL, *formatsave = format;
  int min = -1, max = 0, level = 0, endfmt = 0;
  char msgbuf[256];
  int levels[32];
  FreeList fl = {.n = 0};
  while (!endfmt) {
    int c = *format++;
    switch (c) {
    case '(':
      if (level == 0) max++;
      level++;
      if (level >= 30) Py_FatalError("too many tuple nesting levels in argument format string");
      break;
    case ')':
      if (level == 0) Py_FatalError("excess ')' in getargs format");
      else level--;
      break;
    case '\0':
      endfmt = 1;
      break;
    case ':':
      fname = format;
      endfmt = 1;
      break;
    case ';':
      message = format;
      endfmt = 1;
      break;
    case '|':
      if (level == 0) min = max;
      break;
    default:
      if (level == 0 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && c != 'e') max++;
      break;
    }
  }
  if (level != 0) Py_FatalError("missing ')' in getargs format");
  if (min < 0) min = max;
  format = formatsave;
  if (compat) {
    if (max == 0) {
      if (args == NULL) return 1;
      PyErr_Format(PyExc_TypeError, "%.200s%s takes no arguments", fname == NULL ? "function" : fname,
                   fname == NULL ? "" : "()");
      return 0;
    }
    if (min == 1 && max == 1) {
      if (args == NULL) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at least one argument",
                     fname == NULL ? "function" : fname, fname == NULL ? "" : "()");
        return 0;
      }
      const char *msg = convertitem(args, &format, p_va, levels, msgbuf, sizeof(msgbuf), &fl);
      if (msg == NULL) return cleanreturn(1, &fl);
      if (msg != ERR_OCCURRED) seterror(0, msg, levels, fname, message);
      return cleanreturn(0, &fl);
    }
    PyErr_SetString(PyExc_SystemError, "old style getargs format uses new features");
    return 0;
  }
  if (args == NULL || !PyTuple_Check(args)) {
    PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
    return 0;
  }
  Py_ssize_t len = PyTuple_GET_SIZE(args);
  if (len < min || max < len) {
    if (message == NULL)
      PyErr_Format(PyExc_TypeError, "%.150s%s takes %s %d argument%s (%zd given)",
                   fname == NULL ? "function" : fname, fname == NULL ? "" : "()",
                   min == max ? "exactly" : len < min ? "at least" : "at most", len < min ? min : max,
                   (len < min ? min : max) == 1 ? "" : "s", len);
    else
      PyErr_SetString(PyExc_TypeError, message);
    return 0;
  }
  for (Py_ssize_t i = 0; i < len; i++) {
    if (*format == '|') format++;
    const char *msg = convertitem(PyTuple_GET_ITEM(args, i), &format, p_va, levels, msgbuf,
                                  sizeof(msgbuf), &fl);
    if (msg != NULL) {
      if (msg != ERR_OCCURRED) seterror(i + 1, msg, levels, fname, message);
      return cleanreturn(0, &fl);
    }
  }
  if (*format != '\0' && !(*format >= 'a' && *format <= 'z') && !(*format >= 'A' && *format <= 'Z') &&
      *format != '(' && *format != '|' && *format != ':' && *format != ';') {
    PyErr_Format(PyExc_SystemError, "bad format string: %.200s", formatsave);
    return cleanreturn(0, &fl);
  }
  return cleanreturn(1, &fl);
}

int PyArg_Parse(PyObject *args, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  int r = vgetargs1(args, format, &va, 1);
  va_end(va);
  return r;
}

int PyArg_ParseTuple(PyObject *args, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  int r = vgetargs1(args, format, &va, 0);
  va_end(va);
  return r;
}

int PyArg_VaParse(PyObject *args, const char *format, va_list va)
{
  va_list lva;
  va_copy(lva, va);
  int r = vgetargs1(args, format, &lva, 0);
  va_end(lva);
  return r;
}

/* --- keywords ---------------------------------------------------------------------------------------*/
static int vgetargskeywords(PyObject *args, PyObject *kwargs, const char *format, char **kwlist,
                            va_list *p_va)
{
  const char *fname = NULL, *message = NULL, *custom_msg;
  char msgbuf[512];
  int levels[32];
  FreeList fl = {.n = 0};
  if (args == NULL || !PyTuple_Check(args) || (kwargs != NULL && !PyDict_Check(kwargs)) ||
      format == NULL || kwlist == NULL) {
    (PyErr_BadInternalCall)();
    return 0;
  }
  const char *fp = strchr(format, ':');
  if (fp) fname = fp + 1;
  else if ((fp = strchr(format, ';')) != NULL) message = fp + 1;
  custom_msg = message;
  int len, pos = 0;
  for (len = 0; kwlist[len]; len++)
    if (*kwlist[len] == '\0') {
      if (pos != len) {
        PyErr_SetString(PyExc_SystemError, "Empty parameter name after $");
        return 0;
      }
      pos++;
    }
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  Py_ssize_t nkwargs = kwargs == NULL ? 0 : PyDict_GET_SIZE(kwargs);
  const char *fn = fname == NULL ? "function" : fname, *fp2 = fname == NULL ? "" : "()";
  if (nargs + nkwargs > len) {
    PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)", fn, fp2, len,
                 nargs == 0 ? "keyword " : "", len == 1 ? "" : "s", nargs + nkwargs);
    return 0;
  }
  int min = INT_MAX, max = INT_MAX, i, skip = 0;
  for (i = 0; i < len; i++) {
    if (*format == '|') {
      if (min != INT_MAX) {
        PyErr_SetString(PyExc_SystemError, "Invalid format string (| specified twice)");
        return cleanreturn(0, &fl);
      }
      min = i;
      format++;
      if (max != INT_MAX) {
        PyErr_SetString(PyExc_SystemError, "Invalid format string ($ before |)");
        return cleanreturn(0, &fl);
      }
    }
    if (*format == '$') {
      if (max != INT_MAX) {
        PyErr_SetString(PyExc_SystemError, "Invalid format string ($ specified twice)");
        return cleanreturn(0, &fl);
      }
      max = i;
      format++;
      if (skip) break;   /* the numbers of positional arguments are known: the error, below */
      if (max < pos) {
        PyErr_SetString(PyExc_SystemError, "Empty parameter name after $");
        return cleanreturn(0, &fl);
      }
      if (max < nargs) {
        if (max == 0)
          PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments", fn, fp2);
        else
          PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)", fn,
                       fp2, min != INT_MAX ? "at most" : "exactly", max, max == 1 ? "" : "s", nargs);
        return cleanreturn(0, &fl);
      }
    }
    if (*format == '\0' || *format == ':' || *format == ';') {
      PyErr_Format(PyExc_SystemError, "More keyword list entries (%d) than format specifiers (%d)",
                   len, i);
      return cleanreturn(0, &fl);
    }
    PyObject *current_arg = NULL;
    if (i < nargs) {
      current_arg = PyTuple_GET_ITEM(args, i);
    } else if (nkwargs && i >= pos) {
      current_arg = _PyDict_GetItemStringWithError(kwargs, kwlist[i]);
      if (current_arg != NULL) nkwargs--;
      else if (PyErr_Occurred()) return cleanreturn(0, &fl);
    }
    if (current_arg != NULL) {
      const char *msg = convertitem(current_arg, &format, p_va, levels, msgbuf, sizeof(msgbuf), &fl);
      if (msg != NULL) {
        if (msg != ERR_OCCURRED) seterror(i + 1, msg, levels, fname, custom_msg);
        return cleanreturn(0, &fl);
      }
      continue;
    }
    if (i < min) {
      if (i < pos) {
        /* A positional-only argument is missing: how many are needed is known only once the
         * format reaches | or $ (CPython defers the error the same way). */
        skip = 1;
      } else {
        PyErr_Format(PyExc_TypeError, "%.200s%s missing required argument '%s' (pos %d)", fn, fp2,
                     kwlist[i], i + 1);
        return cleanreturn(0, &fl);
      }
    }
    if (!nkwargs && !skip) {
      /* Nothing left to fill: the remaining va arguments stay untouched, as CPython does. */
      return cleanreturn(1, &fl);
    }
    const char *msg = skipitem(&format, p_va);
    if (msg) {
      PyErr_Format(PyExc_SystemError, "%s: '%s'", msg, format);
      return cleanreturn(0, &fl);
    }
  }
  if (skip) {
    int mn = pos < min ? pos : min;
    PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)", fn, fp2,
                 mn < i ? "at least" : "exactly", mn, mn == 1 ? "" : "s", nargs);
    return cleanreturn(0, &fl);
  }
  if (*format != '\0' && *format != ':' && *format != ';' && *format != '|' && *format != '$') {
    PyErr_Format(PyExc_SystemError, "more argument specifiers than keyword list entries "
                 "(remaining format:'%s')", format);
    return cleanreturn(0, &fl);
  }
  if (nkwargs > 0) {
    PyObject *key, *value;
    Py_ssize_t j = 0;
    while (PyDict_Next(kwargs, &j, &key, &value)) {
      if (!PyUnicode_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "keywords must be strings");
        return cleanreturn(0, &fl);
      }
      int match = 0;
      for (i = pos; i < len; i++)
        if (rt_str_equal_cstr(key, kwlist[i])) {
          match = 1;
          break;
        }
      if (match) {
        if (i < nargs) {
          PyErr_Format(PyExc_TypeError, "argument for %.200s%s given by name ('%s') and position (%d)",
                       fn, fp2, kwlist[i], i + 1);
          return cleanreturn(0, &fl);
        }
        continue;
      }
      PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %.200s%s", key,
                   fname == NULL ? "this function" : fname, fname == NULL ? "" : "()");
      return cleanreturn(0, &fl);
    }
    if (nargs > 0 && nkwargs > 0) {
      PyErr_SetString(PyExc_SystemError, "keyword accounting failed");
      return cleanreturn(0, &fl);
    }
  }
  return cleanreturn(1, &fl);
}

int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **kwlist, ...)
{
  va_list va;
  va_start(va, kwlist);
  int r = vgetargskeywords(args, kw, format, kwlist, &va);
  va_end(va);
  return r;
}

int PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **kwlist,
                                  va_list va)
{
  va_list lva;
  va_copy(lva, va);
  int r = vgetargskeywords(args, kw, format, kwlist, &lva);
  va_end(lva);
  return r;
}

int PyArg_ValidateKeywordArguments(PyObject *kw)
{
  if (kw == NULL || !PyDict_Check(kw)) {
    (PyErr_BadInternalCall)();
    return 0;
  }
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  while (PyDict_Next(kw, &pos, &k, &v))
    if (!PyUnicode_Check(k)) {
      PyErr_SetString(PyExc_TypeError, "keywords must be strings");
      return 0;
    }
  return 1;
}

int PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...)
{
  if (args == NULL || !PyTuple_Check(args)) {
    PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
    return 0;
  }
  Py_ssize_t l = PyTuple_GET_SIZE(args);
  if (l < min) {
    if (name != NULL)
      PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", l);
    else
      PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", l);
    return 0;
  }
  if (l == 0) return 1;
  if (l > max) {
    if (name != NULL)
      PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", l);
    else
      PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", l);
    return 0;
  }
  va_list va;
  va_start(va, max);
  for (Py_ssize_t i = 0; i < l; i++) {
    PyObject **o = va_arg(va, PyObject **);
    *o = PyTuple_GET_ITEM(args, i);
  }
  va_end(va);
  return 1;
}
