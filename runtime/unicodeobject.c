/* unicodeobject.c — str, stored as UTF-8, and its C-API (construction, encoding, comparison,
 * searching, interning), as CPython's Objects/unicodeobject.c behaves for these calls.
 *
 * Owns: PyUnicode_Type and PyUnicodeIter_Type, and the intern table: an open-addressing set of
 * borrowed pointers in system memory (never through the families, so it is neither a leak nor a
 * failure point). An interned str leaves the table when it dies (3.11's mortal interned strings).
 *
 * Representation (unicodeobject.h): NUL-terminated UTF-8 inline, the length in code points, a
 * cached hash, an ascii flag (then code point i is byte i) and a surrogates flag. Text arriving as
 * UTF-8 is validated as CPython's strict decoder does; a lone surrogate enters only through
 * PyUnicode_FromOrdinal / FromWideChar / FromKindAndData / the "surrogateescape" handler (as
 * generalised UTF-8) and makes the str unencodable.
 *
 * Every function returning PyObject * returns a new reference or NULL with an exception set.
 */
#include "rt_capi.h"

#include <stdlib.h>
#include <string.h>

/* --- UTF-8 -------------------------------------------------------------------------------------*/
/* Length of the sequence starting with byte c, or 0 for an invalid lead byte. */
static int seq_len(unsigned char c)
{
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

/* Decodes one code point at s (n bytes available, generalised UTF-8: surrogates allowed when
 * allow_surrogates). Returns its length, or 0 when invalid. */
static int decode_one(const unsigned char *s, Py_ssize_t n, Py_UCS4 *out, int allow_surrogates)
{
  int len = seq_len(s[0]);
  if (len == 0 || len > n) return 0;
  Py_UCS4 c;
  switch (len) {
  case 1: *out = s[0]; return 1;
  case 2: c = s[0] & 0x1F; break;
  case 3: c = s[0] & 0x0F; break;
  default: c = s[0] & 0x07; break;
  }
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF))) return 0;
  if (!allow_surrogates && c >= 0xD800 && c <= 0xDFFF) return 0;
  *out = c;
  return len;
}

static int encode_one(Py_UCS4 c, char *out)
{
  if (c < 0x80) {
    out[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* --- allocation ----------------------------------------------------------------------------------*/
/* One block: the header, capacity bytes of UTF-8 and a NUL, then (kind != 0: not ASCII) the PEP 393
 * code points, length units of kind bytes and a 0. The text is the caller's to fill; the flags
 * are set for ASCII (kind 0) or not. NULL with MemoryError. */
PyObject *rt_str_alloc(Py_ssize_t capacity, Py_ssize_t length, int kind)
{
  size_t max = (size_t)PY_SSIZE_T_MAX / 8;
  if (capacity < 0 || length < 0 || (size_t)capacity > max || (size_t)length > max) return PyErr_NoMemory();
  size_t size = offsetof(PyUnicodeObject, utf8) + (size_t)capacity + 1, koff = 0;
  if (kind != 0) {
    koff = (size + 3) & ~(size_t)3;
    size = koff + ((size_t)length + 1) * (size_t)kind;
  }
  PyUnicodeObject *u = (PyObject_Malloc)(size);
  if (u == NULL) return PyErr_NoMemory();
  PyObject_Init((PyObject *)u, &PyUnicode_Type);
  memset(u->utf8, 0, size - offsetof(PyUnicodeObject, utf8));
  u->utf8_length = u->utf8_capacity = capacity;
  u->length = length;
  u->hash = -1;
  u->interned = u->surrogates = u->kmaster = 0;
  u->ascii = kind == 0;
  u->kind = (unsigned char)(kind == 0 ? 1 : kind);
  u->kdata = kind == 0 ? (void *)u->utf8 : (void *)((char *)u + koff);
  return (PyObject *)u;
}

/* The PEP 393 kind of code points up to maxchar: 0 for ASCII (the UTF-8 is the data), else 1, 2, 4. */
int rt_kind_of(Py_UCS4 maxchar) { return maxchar < 0x80 ? 0 : maxchar < 0x100 ? 1 : maxchar < 0x10000 ? 2 : 4; }

/* Decodes the UTF-8 of a non-ASCII str into its code points area. */
void rt_str_fill_kdata(PyObject *op)
{
  PyUnicodeObject *u = (PyUnicodeObject *)op;
  if (u->ascii) return;
  const unsigned char *p = (const unsigned char *)u->utf8, *end = p + u->utf8_length;
  for (Py_ssize_t i = 0; i < u->length && p < end; i++) {
    Py_UCS4 c = 0;
    int l = decode_one(p, end - p, &c, 1);
    p += l ? l : 1;
    if (u->kind == 1) ((Py_UCS1 *)u->kdata)[i] = (Py_UCS1)c;
    else if (u->kind == 2) ((Py_UCS2 *)u->kdata)[i] = (Py_UCS2)c;
    else ((Py_UCS4 *)u->kdata)[i] = c;
  }
}

/* The UTF-8 of a PyUnicode_New str from its code points, within its capacity (a code point
 * above the maximum it was made for, written by PyUnicode_WRITE, is cut off there rather than
 * overrun the block). */
void rt_unicode_sync(PyObject *op)
{
  PyUnicodeObject *u = (PyUnicodeObject *)op;
  char *out = u->utf8, *end = u->utf8 + u->utf8_capacity;
  int surrogates = 0;
  for (Py_ssize_t i = 0; i < u->length; i++) {
    Py_UCS4 c = u->kind == 1 ? ((Py_UCS1 *)u->kdata)[i]
                : u->kind == 2 ? ((Py_UCS2 *)u->kdata)[i] : ((Py_UCS4 *)u->kdata)[i];
    char enc[4];
    int l = encode_one(c > 0x10FFFF ? 0xFFFD : c, enc);
    if (out + l > end) break;
    if (c >= 0xD800 && c <= 0xDFFF) surrogates = 1;
    memcpy(out, enc, (size_t)l);
    out += l;
  }
  *out = '\0';
  u->utf8_length = out - u->utf8;
  u->surrogates = (unsigned char)surrogates;
}

/* UTF-8 bytes of code point c. */
int rt_utf8_size(Py_UCS4 c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

/* A new str of nbytes UTF-8 bytes copied from s (s may be NULL: zeroed), with its length and
 * flags computed from the bytes, which must be valid generalised UTF-8. */
static PyObject *str_new(const char *s, Py_ssize_t nbytes)
{
  Py_ssize_t len = 0;
  int surrogates = 0;
  Py_UCS4 maxchar = 0;
  const unsigned char *p = (const unsigned char *)s, *end = p + (s != NULL ? nbytes : 0);
  while (p < end) {
    if (*p < 0x80) {
      p++;
    } else {
      Py_UCS4 c = 0;
      int l = decode_one(p, end - p, &c, 1);
      if (l == 0) l = 1;   /* cannot happen for valid input; stay robust */
      if (c >= 0xD800 && c <= 0xDFFF) surrogates = 1;
      if (c > maxchar) maxchar = c;
      p += l;
    }
    len++;
  }
  if (s == NULL) len = nbytes;   /* zeroed: ASCII */
  PyObject *op = rt_str_alloc(nbytes, len, rt_kind_of(maxchar));
  if (op == NULL) return NULL;
  PyUnicodeObject *u = (PyUnicodeObject *)op;
  if (s != NULL) memcpy(u->utf8, s, (size_t)nbytes);
  u->surrogates = (unsigned char)surrogates;
  rt_str_fill_kdata(op);
  return op;
}

PyObject *rt_str_from_valid(const char *s, Py_ssize_t n) { return str_new(s, n); }

#define U(op) ((PyUnicodeObject *)(op))

/* --- decoding ------------------------------------------------------------------------------------*/
static PyObject *decode_error(const char *codec, const char *s, Py_ssize_t pos, const char *reason)
{
  PyErr_Format(PyExc_UnicodeDecodeError, "'%s' codec can't decode byte 0x%02x in position %zd: %s",
               codec, (unsigned)(unsigned char)s[pos], pos, reason);
  return NULL;
}

enum { ERR_STRICT, ERR_REPLACE, ERR_IGNORE, ERR_SURROGATEESCAPE, ERR_BAD };

static int error_handler(const char *errors)
{
  if (errors == NULL || strcmp(errors, "strict") == 0) return ERR_STRICT;
  if (strcmp(errors, "replace") == 0) return ERR_REPLACE;
  if (strcmp(errors, "ignore") == 0) return ERR_IGNORE;
  if (strcmp(errors, "surrogateescape") == 0) return ERR_SURROGATEESCAPE;
  PyErr_Format(PyExc_LookupError, "unknown error handler name '%s'", errors);
  return ERR_BAD;
}

PyObject *PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors)
{
  const unsigned char *p = (const unsigned char *)s;
  Py_ssize_t i = 0;
  while (i < size) {   /* the common case: valid, copied as is */
    Py_UCS4 c;
    int l = decode_one(p + i, size - i, &c, 0);
    if (l == 0) break;
    i += l;
  }
  if (i == size) return str_new(s, size);
  int handler = error_handler(errors);
  if (handler == ERR_BAD) return NULL;
  if (handler == ERR_STRICT)
    return decode_error("utf-8", s, i, seq_len(p[i]) ? "invalid continuation byte" : "invalid start byte");
  RtBuf b = {0};
  rt_buf_add(&b, s, i);
  while (i < size) {
    Py_UCS4 c;
    int l = decode_one(p + i, size - i, &c, 0);
    if (l > 0) {
      rt_buf_add(&b, s + i, l);
      i += l;
      continue;
    }
    char enc[4];
    if (handler == ERR_REPLACE) rt_buf_add(&b, enc, encode_one(0xFFFD, enc));
    else if (handler == ERR_SURROGATEESCAPE) rt_buf_add(&b, enc, encode_one(0xDC00 + p[i], enc));
    i++;
  }
  return rt_buf_finish_str(&b);
}

PyObject *PyUnicode_FromStringAndSize(const char *u, Py_ssize_t size)
{
  if (size < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_FromStringAndSize");
    return NULL;
  }
  if (u == NULL) return str_new(NULL, size);
  return PyUnicode_DecodeUTF8(u, size, NULL);
}

PyObject *PyUnicode_FromString(const char *u)
{
  if (u == NULL) return rt_bad_internal_call();
  return PyUnicode_DecodeUTF8(u, (Py_ssize_t)strlen(u), NULL);
}

PyObject *PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *errors)
{
  (void)errors;
  RtBuf b = {0};
  for (Py_ssize_t i = 0; i < size; i++) {
    char enc[4];
    rt_buf_add(&b, enc, encode_one((unsigned char)s[i], enc));
  }
  if (size == 0) rt_buf_add(&b, "", 0);
  return rt_buf_finish_str(&b);
}

PyObject *PyUnicode_DecodeASCII(const char *s, Py_ssize_t size, const char *errors)
{
  int handler = error_handler(errors);
  if (handler == ERR_BAD) return NULL;
  for (Py_ssize_t i = 0; i < size; i++)
    if ((unsigned char)s[i] >= 0x80) {
      if (handler == ERR_STRICT) return decode_error("ascii", s, i, "ordinal not in range(128)");
      RtBuf b = {0};
      for (Py_ssize_t j = 0; j < size; j++) {
        char enc[4];
        if ((unsigned char)s[j] < 0x80) rt_buf_add(&b, s + j, 1);
        else if (handler == ERR_REPLACE) rt_buf_add(&b, enc, encode_one(0xFFFD, enc));
        else if (handler == ERR_SURROGATEESCAPE)
          rt_buf_add(&b, enc, encode_one(0xDC00 + (unsigned char)s[j], enc));
      }
      if (b.p == NULL) rt_buf_add(&b, "", 0);
      return rt_buf_finish_str(&b);
    }
  return str_new(s, size);
}

/* The codec for an encoding name: 0 utf-8, 1 latin-1, 2 ascii, -1 unknown (LookupError). */
static int codec_of(const char *encoding)
{
  if (encoding == NULL) return 0;
  char norm[32];
  size_t n = 0;
  for (const char *p = encoding; *p && n + 1 < sizeof(norm); p++)
    if (*p != '-' && *p != '_') norm[n++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
  norm[n] = '\0';
  if (strcmp(norm, "utf8") == 0) return 0;
  if (strcmp(norm, "latin1") == 0 || strcmp(norm, "iso88591") == 0) return 1;
  if (strcmp(norm, "ascii") == 0 || strcmp(norm, "usascii") == 0) return 2;
  PyErr_Format(PyExc_LookupError, "unknown encoding: %s", encoding);
  return -1;
}

PyObject *PyUnicode_Decode(const char *s, Py_ssize_t size, const char *encoding, const char *errors)
{
  switch (codec_of(encoding)) {
  case 0: return PyUnicode_DecodeUTF8(s, size, errors);
  case 1: return PyUnicode_DecodeLatin1(s, size, errors);
  case 2: return PyUnicode_DecodeASCII(s, size, errors);
  default: return NULL;
  }
}

PyObject *PyUnicode_FromEncodedObject(PyObject *obj, const char *encoding, const char *errors)
{
  if (obj == NULL) return rt_bad_internal_call();
  if (PyBytes_Check(obj))
    return PyUnicode_Decode(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj), encoding, errors);
  if (PyUnicode_Check(obj)) return rt_type_error("decoding str is not supported");
  return rt_type_error("decoding to str: need a bytes-like object, %s found", Py_TYPE(obj)->tp_name);
}

PyObject *PyUnicode_FromObject(PyObject *obj)
{
  if (PyUnicode_CheckExact(obj)) return Py_NewRef(obj);
  if (PyUnicode_Check(obj)) {
    RT_STR_READY(obj);
    return str_new(U(obj)->utf8, U(obj)->utf8_length);
  }
  return rt_type_error("Can't convert '%s' object to str implicitly", Py_TYPE(obj)->tp_name);
}

PyObject *PyUnicode_FromOrdinal(int ordinal)
{
  if (ordinal < 0 || ordinal > 0x10FFFF) {
    PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
    return NULL;
  }
  char enc[4];
  return str_new(enc, encode_one((Py_UCS4)ordinal, enc));
}

/* A new str from n code points read by get(i). */
static PyObject *from_code_points(Py_ssize_t n, Py_UCS4 (*get)(const void *, Py_ssize_t), const void *data)
{
  RtBuf b = {0};
  rt_buf_add(&b, "", 0);
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_UCS4 c = get(data, i);
    if (c > 0x10FFFF) {
      rt_buf_release(&b);
      PyErr_Format(PyExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", (unsigned)c);
      return NULL;
    }
    char enc[4];
    rt_buf_add(&b, enc, encode_one(c, enc));
  }
  return rt_buf_finish_str(&b);
}

static Py_UCS4 get_wchar(const void *d, Py_ssize_t i) { return (Py_UCS4)((const wchar_t *)d)[i]; }
static Py_UCS4 get_ucs1(const void *d, Py_ssize_t i) { return ((const Py_UCS1 *)d)[i]; }
static Py_UCS4 get_ucs2(const void *d, Py_ssize_t i) { return ((const Py_UCS2 *)d)[i]; }
static Py_UCS4 get_ucs4(const void *d, Py_ssize_t i) { return ((const Py_UCS4 *)d)[i]; }

PyObject *PyUnicode_FromWideChar(const wchar_t *w, Py_ssize_t size)
{
  if (w == NULL && size != 0) return rt_bad_internal_call();
  if (size == -1) size = (Py_ssize_t)wcslen(w);
  return from_code_points(size, get_wchar, w);
}

PyObject *PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
{
  if (size < 0) {
    PyErr_SetString(PyExc_ValueError, "size must be positive");
    return NULL;
  }
  switch (kind) {
  case 1: return from_code_points(size, get_ucs1, buffer);
  case 2: return from_code_points(size, get_ucs2, buffer);
  case 4: return from_code_points(size, get_ucs4, buffer);
  default:
    PyErr_SetString(PyExc_SystemError, "invalid kind");
    return NULL;
  }
}

PyObject *PyUnicode_DecodeUTF8Stateful(const char *s, Py_ssize_t size, const char *errors,
                                       Py_ssize_t *consumed)
{
  if (consumed == NULL) return PyUnicode_DecodeUTF8(s, size, errors);
  /* An incomplete sequence at the end is left for the next call. */
  Py_ssize_t end = size;
  for (Py_ssize_t back = 1; back <= 3 && back <= size; back++) {
    unsigned char c = (unsigned char)s[size - back];
    if ((c & 0xC0) == 0x80) continue;       /* a continuation byte: look further back */
    int l = seq_len(c);
    if (l > back) end = size - back;        /* the sequence starting here is cut short */
    break;
  }
  PyObject *r = PyUnicode_DecodeUTF8(s, end, errors);
  if (r != NULL) *consumed = end;
  return r;
}

PyObject *PyUnicode_DecodeFSDefaultAndSize(const char *s, Py_ssize_t size)
{
  return PyUnicode_DecodeUTF8(s, size, "surrogateescape");
}

PyObject *PyUnicode_DecodeFSDefault(const char *s)
{
  return PyUnicode_DecodeFSDefaultAndSize(s, (Py_ssize_t)strlen(s));
}

PyObject *PyUnicode_DecodeLocaleAndSize(const char *str, Py_ssize_t len, const char *errors)
{
  if (errors != NULL && strcmp(errors, "surrogateescape") != 0 && strcmp(errors, "strict") != 0) {
    PyErr_Format(PyExc_ValueError, "unsupported error handler: %s", errors);
    return NULL;
  }
  return PyUnicode_DecodeUTF8(str, len, errors);
}

PyObject *PyUnicode_DecodeLocale(const char *str, const char *errors)
{
  return PyUnicode_DecodeLocaleAndSize(str, (Py_ssize_t)strlen(str), errors);
}

/* --- reading -------------------------------------------------------------------------------------*/
/* Validates a str argument and brings a PyUnicode_New str's UTF-8 up to date (every reader of a
 * str argument goes through here or RT_STR_READY). */
static int check_str(PyObject *u)
{
  if (u == NULL || !PyUnicode_Check(u)) {
    PyErr_BadArgument();
    return -1;
  }
  RT_STR_READY(u);
  return 0;
}

/* check_str with CPython's ensure_unicode() message ("must be str, not int"), which the search,
 * split and replace functions raise; NULL stays a SystemError. */
static int ensure_str(PyObject *u)
{
  if (u != NULL && !PyUnicode_Check(u)) {
    PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(u)->tp_name);
    return -1;
  }
  if (u == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return check_str(u);
}

/* The byte offset of code point i of u (0 <= i <= length). */
static Py_ssize_t byte_offset(PyObject *u, Py_ssize_t i)
{
  if (U(u)->ascii) return i;
  const unsigned char *p = (const unsigned char *)U(u)->utf8;
  Py_ssize_t off = 0;
  while (i-- > 0) {
    int l = seq_len(p[off]);
    off += l ? l : 1;
  }
  return off;
}

static Py_UCS4 char_at(PyObject *u, Py_ssize_t off, int *len)
{
  Py_UCS4 c = 0;
  int l = decode_one((const unsigned char *)U(u)->utf8 + off, U(u)->utf8_length - off, &c, 1);
  *len = l ? l : 1;
  return c;
}

static PyObject *encode_error(const char *codec, PyObject *u, const char *reason)
{
  Py_ssize_t n = U(u)->length;
  for (Py_ssize_t i = 0, off = 0; i < n; i++) {
    int l;
    Py_UCS4 c = char_at(u, off, &l);
    int bad = (c >= 0xD800 && c <= 0xDFFF) || (strcmp(codec, "ascii") == 0 && c >= 128) ||
              (strcmp(codec, "latin-1") == 0 && c >= 256);
    if (bad) {   /* the escape as UnicodeEncodeError.__str__ writes it: \xNN, \uNNNN, \UNNNNNNNN */
      char esc[16];
      snprintf(esc, sizeof(esc), c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", (unsigned)c);
      PyErr_Format(PyExc_UnicodeEncodeError, "'%s' codec can't encode character '%s' in position %zd: %s",
                   codec, esc, i, reason);
      return NULL;
    }
    off += l;
  }
  PyErr_Format(PyExc_UnicodeEncodeError, "'%s' codec can't encode: %s", codec, reason);
  return NULL;
}

const char *PyUnicode_AsUTF8AndSize(PyObject *u, Py_ssize_t *size)
{
  if (check_str(u) < 0) {
    if (size != NULL) *size = -1;
    return NULL;
  }
  if (U(u)->surrogates) {
    encode_error("utf-8", u, "surrogates not allowed");
    if (size != NULL) *size = -1;
    return NULL;
  }
  if (size != NULL) *size = U(u)->utf8_length;
  return U(u)->utf8;
}

const char *PyUnicode_AsUTF8(PyObject *u) { return PyUnicode_AsUTF8AndSize(u, NULL); }

PyObject *PyUnicode_AsUTF8String(PyObject *u)
{
  Py_ssize_t n;
  const char *s = PyUnicode_AsUTF8AndSize(u, &n);
  return s ? PyBytes_FromStringAndSize(s, n) : NULL;
}

/* Encodes to a single-byte codec whose code points are below limit. */
static PyObject *encode_narrow(PyObject *u, const char *codec, Py_UCS4 limit)
{
  if (check_str(u) < 0) return NULL;
  if (U(u)->ascii) return PyBytes_FromStringAndSize(U(u)->utf8, U(u)->utf8_length);
  PyObject *b = PyBytes_FromStringAndSize(NULL, U(u)->length);
  if (b == NULL) return NULL;
  char *out = PyBytes_AS_STRING(b);
  for (Py_ssize_t i = 0, off = 0; i < U(u)->length; i++) {
    int l;
    Py_UCS4 c = char_at(u, off, &l);
    if (c >= limit) {
      Py_DECREF(b);
      return encode_error(codec, u, limit == 128 ? "ordinal not in range(128)" : "ordinal not in range(256)");
    }
    out[i] = (char)c;
    off += l;
  }
  return b;
}

PyObject *PyUnicode_AsASCIIString(PyObject *u) { return encode_narrow(u, "ascii", 128); }
PyObject *PyUnicode_AsLatin1String(PyObject *u) { return encode_narrow(u, "latin-1", 256); }

/* UTF-8, with lone surrogates U+DC80..U+DCFF turned back into the bytes they stand for when
 * surrogateescape is allowed (the filesystem encoding's handler). */
static PyObject *encode_utf8_escaped(PyObject *u, int surrogateescape)
{
  if (check_str(u) < 0) return NULL;
  if (!U(u)->surrogates) return PyBytes_FromStringAndSize(U(u)->utf8, U(u)->utf8_length);
  if (!surrogateescape) return encode_error("utf-8", u, "surrogates not allowed");
  RtBuf b = {0};
  rt_buf_add(&b, "", 0);
  for (Py_ssize_t off = 0; off < U(u)->utf8_length;) {
    int l;
    Py_UCS4 c = char_at(u, off, &l);
    if (c >= 0xDC80 && c <= 0xDCFF) {
      char byte = (char)(c - 0xDC00);
      rt_buf_add(&b, &byte, 1);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      rt_buf_release(&b);
      return encode_error("utf-8", u, "surrogates not allowed");
    } else {
      rt_buf_add(&b, U(u)->utf8 + off, l);
    }
    off += l;
  }
  if (b.failed) {
    rt_buf_release(&b);
    return NULL;
  }
  PyObject *r = PyBytes_FromStringAndSize(b.p, b.len);
  rt_buf_release(&b);
  return r;
}

PyObject *PyUnicode_EncodeFSDefault(PyObject *u) { return encode_utf8_escaped(u, 1); }

PyObject *PyUnicode_EncodeLocale(PyObject *u, const char *errors)
{
  return encode_utf8_escaped(u, errors != NULL && strcmp(errors, "surrogateescape") == 0);
}

/* O& converters for paths: to bytes (FSConverter) or str (FSDecoder); Py_CLEANUP_SUPPORTED. */
int PyUnicode_FSConverter(PyObject *arg, void *addr)
{
  PyObject **out = addr;
  if (arg == NULL) {
    Py_CLEAR(*out);
    return 1;
  }
  PyObject *path = PyOS_FSPath(arg), *output;
  if (path == NULL) return 0;
  if (PyBytes_Check(path)) output = path;
  else {
    output = PyUnicode_EncodeFSDefault(path);
    Py_DECREF(path);
    if (output == NULL) return 0;
  }
  if ((Py_ssize_t)strlen(PyBytes_AS_STRING(output)) != PyBytes_GET_SIZE(output)) {
    PyErr_SetString(PyExc_ValueError, "embedded null byte");
    Py_DECREF(output);
    return 0;
  }
  *out = output;
  return Py_CLEANUP_SUPPORTED;
}

int PyUnicode_FSDecoder(PyObject *arg, void *addr)
{
  PyObject **out = addr;
  if (arg == NULL) {
    Py_CLEAR(*out);
    return 1;
  }
  PyObject *path = PyOS_FSPath(arg), *output;
  if (path == NULL) return 0;
  if (PyUnicode_Check(path)) output = path;
  else {
    output = PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(path), PyBytes_GET_SIZE(path));
    Py_DECREF(path);
    if (output == NULL) return 0;
  }
  if (memchr(U(output)->utf8, 0, (size_t)U(output)->utf8_length) != NULL) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    Py_DECREF(output);
    return 0;
  }
  *out = output;
  return Py_CLEANUP_SUPPORTED;
}

Py_UCS4 *PyUnicode_AsUCS4(PyObject *u, Py_UCS4 *buffer, Py_ssize_t buflen, int copy_null)
{
  if (u == NULL || buffer == NULL || buflen < 0) {
    (PyErr_BadInternalCall)();
    return NULL;
  }
  if (check_str(u) < 0) return NULL;
  Py_ssize_t n = U(u)->length;
  if (buflen < n + (copy_null != 0)) {
    PyErr_Format(PyExc_SystemError, "string is longer than the buffer");
    if (copy_null && buflen > 0) buffer[0] = 0;
    return NULL;
  }
  Py_ssize_t off = 0;
  for (Py_ssize_t i = 0; i < n; i++) {
    int l;
    buffer[i] = char_at(u, off, &l);
    off += l;
  }
  if (copy_null) buffer[n] = 0;
  return buffer;
}

PyObject *PyUnicode_AsEncodedString(PyObject *u, const char *encoding, const char *errors)
{
  (void)errors;
  switch (codec_of(encoding)) {
  case 0: return PyUnicode_AsUTF8String(u);
  case 1: return PyUnicode_AsLatin1String(u);
  case 2: return PyUnicode_AsASCIIString(u);
  default: return NULL;
  }
}

Py_ssize_t PyUnicode_GetLength(PyObject *u)
{
  if (check_str(u) < 0) return -1;
  return U(u)->length;
}

Py_UCS4 PyUnicode_ReadChar(PyObject *u, Py_ssize_t index)
{
  if (check_str(u) < 0) return (Py_UCS4)-1;
  if (index < 0 || index >= U(u)->length) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return (Py_UCS4)-1;
  }
  return PyUnicode_READ(U(u)->kind, U(u)->kdata, index);   /* the PEP 393 view: O(1) */
}

Py_UCS4 *PyUnicode_AsUCS4Copy(PyObject *u)
{
  if (check_str(u) < 0) return NULL;
  Py_UCS4 *out = (PyMem_Malloc)(((size_t)U(u)->length + 1) * sizeof(Py_UCS4));
  if (out == NULL) {
    PyErr_NoMemory();
    return NULL;
  }
  Py_ssize_t off = 0;
  for (Py_ssize_t i = 0; i < U(u)->length; i++) {
    int l;
    out[i] = char_at(u, off, &l);
    off += l;
  }
  out[U(u)->length] = 0;
  return out;
}

Py_ssize_t PyUnicode_AsWideChar(PyObject *u, wchar_t *w, Py_ssize_t size)
{
  if (check_str(u) < 0) return -1;
  Py_ssize_t n = U(u)->length, off = 0;
  if (w == NULL) return n + 1;
  Py_ssize_t copy = n < size ? n + 1 : size;
  for (Py_ssize_t i = 0; i < copy; i++) {
    if (i == n) {
      w[i] = 0;
      break;
    }
    int l;
    w[i] = (wchar_t)char_at(u, off, &l);
    off += l;
  }
  return n < size ? n : size;
}

wchar_t *PyUnicode_AsWideCharString(PyObject *u, Py_ssize_t *size)
{
  if (check_str(u) < 0) return NULL;
  Py_ssize_t n = U(u)->length;
  wchar_t *w = (PyMem_Malloc)(((size_t)n + 1) * sizeof(wchar_t));
  if (w == NULL) {
    PyErr_NoMemory();
    return NULL;
  }
  PyUnicode_AsWideChar(u, w, n + 1);
  if (size != NULL) *size = n;
  else if (wcslen(w) != (size_t)n) {
    (PyMem_Free)(w);
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return NULL;
  }
  return w;
}

/* --- comparison and hashing ----------------------------------------------------------------------*/
int rt_str_equal(PyObject *a, PyObject *b)
{
  RT_STR_READY(a);
  RT_STR_READY(b);
  return a == b || (U(a)->utf8_length == U(b)->utf8_length &&
                    memcmp(U(a)->utf8, U(b)->utf8, (size_t)U(a)->utf8_length) == 0);
}

int rt_str_equal_cstr(PyObject *a, const char *s)
{
  RT_STR_READY(a);
  size_t n = strlen(s);
  return (size_t)U(a)->utf8_length == n && memcmp(U(a)->utf8, s, n) == 0;
}

/* Hashing freezes a PyUnicode_New str: from now on its UTF-8 is the text (CPython forbids changing
 * a str once it is used). */
Py_hash_t rt_str_hash(PyObject *s)
{
  RT_STR_READY(s);
  U(s)->kmaster = 0;
  if (U(s)->hash == -1) U(s)->hash = _Py_HashBytes(U(s)->utf8, U(s)->utf8_length);
  return U(s)->hash;
}

static int compare_bytes(PyObject *a, PyObject *b)
{
  RT_STR_READY(a);
  RT_STR_READY(b);
  Py_ssize_t la = U(a)->utf8_length, lb = U(b)->utf8_length;
  int c = memcmp(U(a)->utf8, U(b)->utf8, (size_t)(la < lb ? la : lb));
  if (c != 0) return c < 0 ? -1 : 1;
  return la < lb ? -1 : la > lb;
}

int PyUnicode_Compare(PyObject *left, PyObject *right)
{
  if (left == NULL || right == NULL || !PyUnicode_Check(left) || !PyUnicode_Check(right)) {
    PyErr_Format(PyExc_TypeError, "Can't compare %s and %s", left ? Py_TYPE(left)->tp_name : "NULL",
                 right ? Py_TYPE(right)->tp_name : "NULL");
    return -1;
  }
  return compare_bytes(left, right);
}

int PyUnicode_CompareWithASCIIString(PyObject *left, const char *right)
{
  RT_STR_READY(left);
  size_t n = strlen(right), la = (size_t)U(left)->utf8_length;
  int c = memcmp(U(left)->utf8, right, la < n ? la : n);
  if (c != 0) return c < 0 ? -1 : 1;
  return la < n ? -1 : la > n;
}

int PyUnicode_EqualToUTF8AndSize(PyObject *u, const char *s, Py_ssize_t size)
{
  if (!PyUnicode_Check(u)) return 0;
  RT_STR_READY(u);
  if (U(u)->surrogates) return 0;
  return U(u)->utf8_length == size && memcmp(U(u)->utf8, s, (size_t)size) == 0;
}

int PyUnicode_EqualToUTF8(PyObject *u, const char *s)
{
  return PyUnicode_EqualToUTF8AndSize(u, s, (Py_ssize_t)strlen(s));
}

PyObject *PyUnicode_RichCompare(PyObject *a, PyObject *b, int op)
{
  if (!PyUnicode_Check(a) || !PyUnicode_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  int c = a == b ? 0 : compare_bytes(a, b), r;
  switch (op) {
  case Py_EQ: r = c == 0; break;
  case Py_NE: r = c != 0; break;
  case Py_LT: r = c < 0; break;
  case Py_LE: r = c <= 0; break;
  case Py_GT: r = c > 0; break;
  default: r = c >= 0; break;
  }
  return PyBool_FromLong(r);
}

/* --- building ------------------------------------------------------------------------------------*/
PyObject *PyUnicode_Concat(PyObject *left, PyObject *right)
{
  if (left == NULL || right == NULL) return rt_bad_internal_call();
  if (!PyUnicode_Check(left))
    return rt_type_error("must be str, not %s", Py_TYPE(left)->tp_name);
  if (!PyUnicode_Check(right))
    return rt_type_error("can only concatenate str (not \"%s\") to str", Py_TYPE(right)->tp_name);
  RT_STR_READY(left);
  RT_STR_READY(right);
  Py_ssize_t la = U(left)->utf8_length, lb = U(right)->utf8_length;
  int kind = U(left)->ascii && U(right)->ascii ? 0 : U(left)->kind > U(right)->kind ? U(left)->kind
                                                                                     : U(right)->kind;
  PyObject *r = rt_str_alloc(la + lb, U(left)->length + U(right)->length, kind);
  if (r == NULL) return NULL;
  memcpy(U(r)->utf8, U(left)->utf8, (size_t)la);
  memcpy(U(r)->utf8 + la, U(right)->utf8, (size_t)lb);
  U(r)->surrogates = U(left)->surrogates || U(right)->surrogates;
  rt_str_fill_kdata(r);
  return r;
}

void PyUnicode_Append(PyObject **pleft, PyObject *right)
{
  if (pleft == NULL || *pleft == NULL) return;
  if (right == NULL || !PyUnicode_Check(*pleft)) {
    if (!PyErr_Occurred()) (PyErr_BadInternalCall)();
    Py_CLEAR(*pleft);
    return;
  }
  PyObject *r = PyUnicode_Concat(*pleft, right);
  Py_SETREF(*pleft, r);
}

void PyUnicode_AppendAndDel(PyObject **pleft, PyObject *right)
{
  PyUnicode_Append(pleft, right);
  Py_XDECREF(right);
}

PyObject *PyUnicode_Join(PyObject *separator, PyObject *seq)
{
  if (seq == NULL) return rt_bad_internal_call();
  PyObject *fast = PySequence_Fast(seq, "can only join an iterable");
  if (fast == NULL) return NULL;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
  PyObject **items = PySequence_Fast_ITEMS(fast);
  /* As CPython's _PyUnicode_JoinArray: no items, or one exact str, answer before the separator is
   * looked at. */
  if (n <= 1 && (n == 0 || PyUnicode_CheckExact(items[0]))) {
    PyObject *r = n == 0 ? PyUnicode_FromStringAndSize(NULL, 0) : Py_NewRef(items[0]);
    Py_DECREF(fast);
    return r;
  }
  if (separator != NULL && !PyUnicode_Check(separator)) {
    Py_DECREF(fast);
    return rt_type_error("separator: expected str instance, %s found", Py_TYPE(separator)->tp_name);
  }
  if (separator != NULL) RT_STR_READY(separator);
  const char *sep = separator ? U(separator)->utf8 : " ";
  Py_ssize_t seplen = separator ? U(separator)->utf8_length : 1;
  RtBuf b = {0};
  rt_buf_add(&b, "", 0);
  for (Py_ssize_t i = 0; i < n; i++) {
    if (!PyUnicode_Check(items[i])) {
      rt_buf_release(&b);
      PyErr_Format(PyExc_TypeError, "sequence item %zd: expected str instance, %s found", i,
                   Py_TYPE(items[i])->tp_name);
      Py_DECREF(fast);
      return NULL;
    }
    if (i > 0) rt_buf_add(&b, sep, seplen);
    RT_STR_READY(items[i]);
    rt_buf_add(&b, U(items[i])->utf8, U(items[i])->utf8_length);
  }
  Py_DECREF(fast);
  return rt_buf_finish_str(&b);
}

PyObject *PyUnicode_Substring(PyObject *s, Py_ssize_t start, Py_ssize_t end)
{
  if (check_str(s) < 0) return NULL;
  if (start < 0 || end < 0) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return NULL;
  }
  if (end > U(s)->length) end = U(s)->length;
  if (start >= end) return str_new("", 0);
  if (start == 0 && end == U(s)->length && PyUnicode_CheckExact(s)) return Py_NewRef(s);
  Py_ssize_t a = byte_offset(s, start), b = byte_offset(s, end);
  return str_new(U(s)->utf8 + a, b - a);
}

/* Byte-level search of needle in hay[from, to) (byte offsets); forward or backward. */
static Py_ssize_t find_bytes(const char *hay, Py_ssize_t from, Py_ssize_t to, const char *needle,
                             Py_ssize_t n, int forward)
{
  if (n == 0) return forward ? from : to;
  if (forward) {
    for (Py_ssize_t i = from; i + n <= to; i++)
      if (memcmp(hay + i, needle, (size_t)n) == 0) return i;
  } else {
    for (Py_ssize_t i = to - n; i >= from; i--)
      if (memcmp(hay + i, needle, (size_t)n) == 0) return i;
  }
  return -1;
}

/* Code point index of byte offset off in u. */
static Py_ssize_t index_of_offset(PyObject *u, Py_ssize_t off)
{
  if (U(u)->ascii) return off;
  Py_ssize_t i = 0;
  const unsigned char *p = (const unsigned char *)U(u)->utf8;
  for (Py_ssize_t o = 0; o < off; i++) {
    int l = seq_len(p[o]);
    o += l ? l : 1;
  }
  return i;
}

static void clamp(PyObject *s, Py_ssize_t *start, Py_ssize_t *end)
{
  Py_ssize_t n = U(s)->length;
  if (*end > n) *end = n;
  if (*end < 0) *end = (*end + n < 0) ? 0 : *end + n;
  if (*start < 0) *start = (*start + n < 0) ? 0 : *start + n;
}

Py_ssize_t PyUnicode_Find(PyObject *s, PyObject *sub, Py_ssize_t start, Py_ssize_t end, int direction)
{
  if (ensure_str(s) < 0 || ensure_str(sub) < 0) return -2;
  clamp(s, &start, &end);
  if (start > end) return -1;
  Py_ssize_t a = byte_offset(s, start), b = byte_offset(s, end);
  Py_ssize_t r = find_bytes(U(s)->utf8, a, b, U(sub)->utf8, U(sub)->utf8_length, direction > 0);
  return r < 0 ? -1 : index_of_offset(s, r);
}

Py_ssize_t PyUnicode_FindChar(PyObject *s, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end, int direction)
{
  if (check_str(s) < 0) return -2;
  char enc[4];
  int n = encode_one(ch, enc);
  clamp(s, &start, &end);
  if (start > end) return -1;
  Py_ssize_t a = byte_offset(s, start), b = byte_offset(s, end);
  Py_ssize_t r = find_bytes(U(s)->utf8, a, b, enc, n, direction > 0);
  return r < 0 ? -1 : index_of_offset(s, r);
}

Py_ssize_t PyUnicode_Count(PyObject *s, PyObject *sub, Py_ssize_t start, Py_ssize_t end)
{
  if (ensure_str(s) < 0 || ensure_str(sub) < 0) return -1;
  clamp(s, &start, &end);
  if (start > end) return 0;
  Py_ssize_t a = byte_offset(s, start), b = byte_offset(s, end), n = U(sub)->utf8_length, count = 0;
  if (n == 0) return U(s)->length >= start ? end - start + 1 : 0;
  for (Py_ssize_t i = a; (i = find_bytes(U(s)->utf8, i, b, U(sub)->utf8, n, 1)) >= 0; i += n) count++;
  return count;
}

Py_ssize_t PyUnicode_Tailmatch(PyObject *s, PyObject *sub, Py_ssize_t start, Py_ssize_t end, int direction)
{
  if (ensure_str(s) < 0 || ensure_str(sub) < 0) return -1;
  clamp(s, &start, &end);
  Py_ssize_t a = byte_offset(s, start), b = byte_offset(s, end), n = U(sub)->utf8_length;
  if (end - start < U(sub)->length || b - a < n) return 0;
  const char *at = direction > 0 ? U(s)->utf8 + b - n : U(s)->utf8 + a;
  return memcmp(at, U(sub)->utf8, (size_t)n) == 0;
}

int PyUnicode_Contains(PyObject *container, PyObject *element)
{
  if (ensure_str(container) < 0) return -1;
  if (!PyUnicode_Check(element)) {
    PyErr_Format(PyExc_TypeError, "'in <string>' requires string as left operand, not %s",
                 Py_TYPE(element)->tp_name);
    return -1;
  }
  return find_bytes(U(container)->utf8, 0, U(container)->utf8_length, U(element)->utf8,
                    U(element)->utf8_length, 1) >= 0;
}

PyObject *PyUnicode_Replace(PyObject *s, PyObject *sub, PyObject *repl, Py_ssize_t maxcount)
{
  if (ensure_str(s) < 0 || ensure_str(sub) < 0 || ensure_str(repl) < 0) return NULL;
  Py_ssize_t n = U(sub)->utf8_length, pos = 0, len = U(s)->utf8_length;
  RtBuf b = {0};
  rt_buf_add(&b, "", 0);
  if (n == 0) {   /* insert repl between every code point */
    for (Py_ssize_t off = 0, done = 0; off <= len; done++) {
      if (maxcount < 0 || done < maxcount) rt_buf_add(&b, U(repl)->utf8, U(repl)->utf8_length);
      if (off == len) break;
      int l = seq_len((unsigned char)U(s)->utf8[off]);
      if (l == 0) l = 1;
      rt_buf_add(&b, U(s)->utf8 + off, l);
      off += l;
    }
    return rt_buf_finish_str(&b);
  }
  for (Py_ssize_t done = 0; maxcount < 0 || done < maxcount; done++) {
    Py_ssize_t at = find_bytes(U(s)->utf8, pos, len, U(sub)->utf8, n, 1);
    if (at < 0) break;
    rt_buf_add(&b, U(s)->utf8 + pos, at - pos);
    rt_buf_add(&b, U(repl)->utf8, U(repl)->utf8_length);
    pos = at + n;
  }
  rt_buf_add(&b, U(s)->utf8 + pos, len - pos);
  return rt_buf_finish_str(&b);
}

static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f; }

PyObject *PyUnicode_Split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit)
{
  if (ensure_str(s) < 0) return NULL;
  if (sep != NULL && !PyUnicode_Check(sep))   /* None too: NULL asks for whitespace */
    return rt_type_error("must be str, not %s", Py_TYPE(sep)->tp_name);
  PyObject *list = PyList_New(0);
  if (list == NULL) return NULL;
  const char *p = U(s)->utf8;
  Py_ssize_t len = U(s)->utf8_length, i = 0, splits = 0;
  if (sep == NULL) {
    while (i < len) {
      while (i < len && is_space((unsigned char)p[i])) i++;
      if (i == len) break;
      Py_ssize_t j = i;
      if (maxsplit >= 0 && splits == maxsplit) j = len;
      else while (j < len && !is_space((unsigned char)p[j])) j++;
      if (maxsplit >= 0 && splits == maxsplit) {
        while (j > i && is_space((unsigned char)p[j - 1])) j--;
      }
      PyObject *part = str_new(p + i, j - i);
      if (part == NULL || PyList_Append(list, part) < 0) goto fail_part;
      Py_DECREF(part);
      splits++;
      i = j;
      continue;
    fail_part:
      Py_XDECREF(part);
      Py_DECREF(list);
      return NULL;
    }
    return list;
  }
  Py_ssize_t n = U(sep)->utf8_length;
  if (n == 0) {
    Py_DECREF(list);
    PyErr_SetString(PyExc_ValueError, "empty separator");
    return NULL;
  }
  for (;;) {
    Py_ssize_t at = (maxsplit >= 0 && splits == maxsplit) ? -1 : find_bytes(p, i, len, U(sep)->utf8, n, 1);
    Py_ssize_t j = at < 0 ? len : at;
    PyObject *part = str_new(p + i, j - i);
    int rc = part ? PyList_Append(list, part) : -1;
    Py_XDECREF(part);
    if (rc < 0) {
      Py_DECREF(list);
      return NULL;
    }
    if (at < 0) break;
    i = at + n;
    splits++;
  }
  return list;
}

PyObject *PyUnicode_Splitlines(PyObject *s, int keepends)
{
  if (ensure_str(s) < 0) return NULL;
  PyObject *list = PyList_New(0);
  if (list == NULL) return NULL;
  const char *p = U(s)->utf8;
  Py_ssize_t len = U(s)->utf8_length, i = 0;
  while (i < len) {
    Py_ssize_t j = i, eol;
    while (j < len && p[j] != '\n' && p[j] != '\r' && p[j] != '\v' && p[j] != '\f' &&
           p[j] != 0x1c && p[j] != 0x1d && p[j] != 0x1e)
      j++;
    eol = j;
    if (j < len) j += (p[j] == '\r' && j + 1 < len && p[j + 1] == '\n') ? 2 : 1;
    PyObject *line = str_new(p + i, (keepends ? j : eol) - i);
    int rc = line ? PyList_Append(list, line) : -1;
    Py_XDECREF(line);
    if (rc < 0) {
      Py_DECREF(list);
      return NULL;
    }
    i = j;
  }
  return list;
}

int PyUnicode_IsIdentifier(PyObject *s)
{
  if (!PyUnicode_Check(s) || U(s)->length == 0) return 0;
  RT_STR_READY(s);
  const unsigned char *p = (const unsigned char *)U(s)->utf8;
  for (Py_ssize_t i = 0; i < U(s)->utf8_length; i++) {
    unsigned char c = p[i];
    int ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
             (i > 0 && c >= '0' && c <= '9');
    if (!ok) return 0;
  }
  return 1;
}

/* --- interning ---------------------------------------------------------------------------------*/
static PyObject **intern_table;   /* system memory: borrowed pointers, NULL or TOMB for empty slots */
static size_t intern_size, intern_used, intern_fill;
static PyObject intern_tomb;
#define TOMB (&intern_tomb)

static int intern_grow(void)
{
  size_t nsize = intern_size ? intern_size * 2 : 256;
  PyObject **t = calloc(nsize, sizeof(PyObject *));
  if (t == NULL) return -1;
  for (size_t i = 0; i < intern_size; i++) {
    PyObject *o = intern_table[i];
    if (o == NULL || o == TOMB) continue;
    size_t j = (size_t)rt_str_hash(o) & (nsize - 1);
    while (t[j] != NULL) j = (j + 1) & (nsize - 1);
    t[j] = o;
  }
  free(intern_table);
  intern_table = t;
  intern_size = nsize;
  intern_fill = intern_used;
  return 0;
}

/* The interned str equal to s, or NULL. */
static PyObject *intern_find(PyObject *s, size_t *slot)
{
  if (intern_size == 0) return NULL;
  size_t j = (size_t)rt_str_hash(s) & (intern_size - 1), free_slot = (size_t)-1;
  for (;;) {
    PyObject *o = intern_table[j];
    if (o == NULL) break;
    if (o == TOMB) {
      if (free_slot == (size_t)-1) free_slot = j;
    } else if (rt_str_equal(o, s)) {
      *slot = j;
      return o;
    }
    j = (j + 1) & (intern_size - 1);
  }
  *slot = free_slot != (size_t)-1 ? free_slot : j;
  return NULL;
}

void PyUnicode_InternInPlace(PyObject **p)
{
  PyObject *s = *p;
  if (s == NULL || !PyUnicode_CheckExact(s) || U(s)->interned) return;
  size_t slot;
  PyObject *found = intern_find(s, &slot);
  if (found != NULL) {
    Py_SETREF(*p, Py_NewRef(found));
    return;
  }
  if ((intern_fill + 1) * 3 >= intern_size * 2) {
    if (intern_grow() < 0) return;   /* not interned: harmless, as CPython on failure */
    (void)intern_find(s, &slot);
  }
  if (intern_table[slot] == NULL) intern_fill++;
  intern_table[slot] = s;
  intern_used++;
  U(s)->interned = 1;
}

PyObject *PyUnicode_InternFromString(const char *v)
{
  PyObject *s = PyUnicode_FromString(v);
  if (s == NULL) return NULL;
  PyUnicode_InternInPlace(&s);
  return s;
}

static void intern_remove(PyObject *s)
{
  size_t slot;
  if (intern_find(s, &slot) == s) {
    intern_table[slot] = TOMB;
    intern_used--;
  }
}

/* --- the type ----------------------------------------------------------------------------------*/
static void unicode_dealloc(PyObject *op)
{
  if (U(op)->interned) intern_remove(op);
  Py_TYPE(op)->tp_free(op);
}

static PyObject *unicode_repr(PyObject *op)
{
  RT_STR_READY(op);
  PyUnicodeObject *u = U(op);
  int has_single = memchr(u->utf8, '\'', (size_t)u->utf8_length) != NULL;
  int has_double = memchr(u->utf8, '"', (size_t)u->utf8_length) != NULL;
  char quote = has_single && !has_double ? '"' : '\'';
  RtBuf b = {0};
  rt_buf_add(&b, &quote, 1);
  for (Py_ssize_t off = 0; off < u->utf8_length;) {
    int l;
    Py_UCS4 c = char_at(op, off, &l);
    if (c == (Py_UCS4)quote || c == '\\') rt_buf_addf(&b, "\\%c", (char)c);
    else if (c == '\n') rt_buf_adds(&b, "\\n");
    else if (c == '\r') rt_buf_adds(&b, "\\r");
    else if (c == '\t') rt_buf_adds(&b, "\\t");
    else if (c < 0x20 || c == 0x7f) rt_buf_addf(&b, "\\x%02x", (unsigned)c);
    else if (c >= 0xD800 && c <= 0xDFFF) rt_buf_addf(&b, "\\u%04x", (unsigned)c);
    else rt_buf_add(&b, u->utf8 + off, l);
    off += l;
  }
  rt_buf_add(&b, &quote, 1);
  return rt_buf_finish_str(&b);
}

static Py_hash_t unicode_hash(PyObject *op) { return rt_str_hash(op); }
static PyObject *unicode_str(PyObject *op)
{
  RT_STR_READY(op);
  return PyUnicode_CheckExact(op) ? Py_NewRef(op) : str_new(U(op)->utf8, U(op)->utf8_length);
}
static Py_ssize_t unicode_length(PyObject *op) { return U(op)->length; }

static PyObject *unicode_item(PyObject *op, Py_ssize_t i)
{
  RT_STR_READY(op);
  if (i < 0 || i >= U(op)->length) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return NULL;
  }
  Py_ssize_t off = byte_offset(op, i);
  int l;
  (void)char_at(op, off, &l);
  return str_new(U(op)->utf8 + off, l);
}

static PyObject *unicode_subscript(PyObject *op, PyObject *key)
{
  RT_STR_READY(op);
  if (PyIndex_Check(key)) {
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return NULL;
    if (i < 0) i += U(op)->length;
    return unicode_item(op, i);
  }
  if (PySlice_Check(key)) {
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(key, U(op)->length, &start, &stop, &step, &n) < 0) return NULL;
    if (step == 1) return PyUnicode_Substring(op, start, stop);
    RtBuf b = {0};
    rt_buf_add(&b, "", 0);
    for (Py_ssize_t k = 0, i = start; k < n; k++, i += step) {
      Py_ssize_t off = byte_offset(op, i);
      int l;
      (void)char_at(op, off, &l);
      rt_buf_add(&b, U(op)->utf8 + off, l);
    }
    return rt_buf_finish_str(&b);
  }
  return rt_type_error("string indices must be integers, not '%s'", Py_TYPE(key)->tp_name);
}

static PyObject *unicode_repeat(PyObject *op, Py_ssize_t n)
{
  if (n < 0) n = 0;
  RT_STR_READY(op);
  Py_ssize_t len = U(op)->utf8_length;
  if (len != 0 && n > PY_SSIZE_T_MAX / len / 8) return PyErr_NoMemory();
  PyObject *r = rt_str_alloc(len * n, U(op)->length * n, U(op)->ascii ? 0 : U(op)->kind);
  if (r == NULL) return NULL;
  for (Py_ssize_t i = 0; i < n; i++) memcpy(U(r)->utf8 + i * len, U(op)->utf8, (size_t)len);
  U(r)->surrogates = U(op)->surrogates;
  rt_str_fill_kdata(r);
  return r;
}

static PyObject *unicode_mod(PyObject *a, PyObject *b)
{
  if (!PyUnicode_Check(a)) Py_RETURN_NOTIMPLEMENTED;
  return PyUnicode_Format(a, b);
}

static PyObject *unicode_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  static char *kwlist[] = {(char *)"object", (char *)"encoding", (char *)"errors", NULL};
  PyObject *x = NULL;
  const char *encoding = NULL, *errors = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Ozz:str", kwlist, &x, &encoding, &errors)) return NULL;
  if (x == NULL) return str_new("", 0);
  if (encoding != NULL || errors != NULL) return PyUnicode_FromEncodedObject(x, encoding, errors);
  return PyObject_Str(x);
}

/* methods */
static PyObject *m_join(PyObject *self, PyObject *seq) { return PyUnicode_Join(self, seq); }
static PyObject *m_encode(PyObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"encoding", (char *)"errors", NULL};
  const char *encoding = NULL, *errors = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|ss:encode", kwlist, &encoding, &errors)) return NULL;
  return PyUnicode_AsEncodedString(self, encoding, errors);
}
static PyObject *m_split(PyObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"sep", (char *)"maxsplit", NULL};
  PyObject *sep = NULL;
  Py_ssize_t maxsplit = -1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|On:split", kwlist, &sep, &maxsplit)) return NULL;
  return PyUnicode_Split(self, sep == Py_None ? NULL : sep, maxsplit);
}
static PyObject *tailmatch_method(PyObject *self, PyObject *args, int direction)
{
  PyObject *sub;
  Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
  if (!PyArg_ParseTuple(args, "O|nn", &sub, &start, &end)) return NULL;
  if (PyTuple_Check(sub)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(sub); i++) {
      Py_ssize_t r = PyUnicode_Tailmatch(self, PyTuple_GET_ITEM(sub, i), start, end, direction);
      if (r != 0) return r < 0 ? NULL : PyBool_FromLong(1);
    }
    Py_RETURN_FALSE;
  }
  Py_ssize_t r = PyUnicode_Tailmatch(self, sub, start, end, direction);
  return r < 0 ? NULL : PyBool_FromLong(r);
}
static PyObject *m_startswith(PyObject *self, PyObject *args) { return tailmatch_method(self, args, -1); }
static PyObject *m_endswith(PyObject *self, PyObject *args) { return tailmatch_method(self, args, 1); }
static PyObject *m_replace(PyObject *self, PyObject *args)
{
  PyObject *a, *b;
  Py_ssize_t count = -1;
  if (!PyArg_ParseTuple(args, "UU|n:replace", &a, &b, &count)) return NULL;
  return PyUnicode_Replace(self, a, b, count);
}
static PyObject *m_find(PyObject *self, PyObject *args)
{
  PyObject *sub;
  Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
  if (!PyArg_ParseTuple(args, "U|nn:find", &sub, &start, &end)) return NULL;
  Py_ssize_t r = PyUnicode_Find(self, sub, start, end, 1);
  return r == -2 ? NULL : PyLong_FromSsize_t(r);
}
static PyObject *m_count(PyObject *self, PyObject *args)
{
  PyObject *sub;
  Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
  if (!PyArg_ParseTuple(args, "U|nn:count", &sub, &start, &end)) return NULL;
  Py_ssize_t r = PyUnicode_Count(self, sub, start, end);
  return r < 0 ? NULL : PyLong_FromSsize_t(r);
}
static PyObject *m_strip(PyObject *self, PyObject *unused)
{
  (void)unused;
  RT_STR_READY(self);
  const char *p = U(self)->utf8;
  Py_ssize_t i = 0, j = U(self)->utf8_length;
  while (i < j && is_space((unsigned char)p[i])) i++;
  while (j > i && is_space((unsigned char)p[j - 1])) j--;
  return str_new(p + i, j - i);
}
static PyObject *change_case(PyObject *self, int upper)
{
  RT_STR_READY(self);
  PyObject *r = str_new(U(self)->utf8, U(self)->utf8_length);
  if (r == NULL) return NULL;
  for (Py_ssize_t i = 0; i < U(r)->utf8_length; i++) {
    char c = U(r)->utf8[i];
    if (upper && c >= 'a' && c <= 'z') U(r)->utf8[i] = (char)(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') U(r)->utf8[i] = (char)(c + 32);
  }
  rt_str_fill_kdata(r);   /* the code points follow the changed UTF-8 */
  return r;
}
static PyObject *m_upper(PyObject *self, PyObject *unused)
{
  (void)unused;
  return change_case(self, 1);
}
static PyObject *m_lower(PyObject *self, PyObject *unused)
{
  (void)unused;
  return change_case(self, 0);
}

static PyMethodDef unicode_methods[] = {
    {"join", m_join, METH_O, NULL},
    {"encode", (PyCFunction)(void (*)(void))m_encode, METH_VARARGS | METH_KEYWORDS, NULL},
    {"split", (PyCFunction)(void (*)(void))m_split, METH_VARARGS | METH_KEYWORDS, NULL},
    {"startswith", m_startswith, METH_VARARGS, NULL},
    {"endswith", m_endswith, METH_VARARGS, NULL},
    {"replace", m_replace, METH_VARARGS, NULL},
    {"find", m_find, METH_VARARGS, NULL},
    {"count", m_count, METH_VARARGS, NULL},
    {"strip", m_strip, METH_NOARGS, NULL},
    {"upper", m_upper, METH_NOARGS, NULL},
    {"lower", m_lower, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods unicode_as_sequence = {
    .sq_length = unicode_length,
    .sq_concat = PyUnicode_Concat,
    .sq_repeat = unicode_repeat,
    .sq_item = unicode_item,
    .sq_contains = PyUnicode_Contains,
};
static PyMappingMethods unicode_as_mapping = {unicode_length, unicode_subscript, NULL};
static PyNumberMethods unicode_as_number = {.nb_remainder = unicode_mod};

/* --- iterator -------------------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  PyObject *str;                   /* owned, NULL once exhausted */
  Py_ssize_t offset;               /* byte offset of the next code point */
} StrIter;

static int striter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((StrIter *)op)->str);
  return 0;
}

static void striter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((StrIter *)op)->str);
  PyObject_GC_Del(op);
}

static PyObject *striter_next(PyObject *op)
{
  StrIter *it = (StrIter *)op;
  if (it->str == NULL) return NULL;
  if (it->offset >= U(it->str)->utf8_length) {
    Py_CLEAR(it->str);
    return NULL;
  }
  int l;
  (void)char_at(it->str, it->offset, &l);
  PyObject *r = str_new(U(it->str)->utf8 + it->offset, l);
  if (r != NULL) it->offset += l;
  return r;
}

PyTypeObject PyUnicodeIter_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(StrIter),
    .tp_dealloc = striter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = striter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = striter_next,
};

static PyObject *unicode_iter(PyObject *op)
{
  RT_STR_READY(op);
  StrIter *it = (StrIter *)_PyObject_GC_New(&PyUnicodeIter_Type);
  if (it == NULL) return NULL;
  it->str = Py_NewRef(op);
  it->offset = 0;
  (PyObject_GC_Track)(it);
  return (PyObject *)it;
}

PyTypeObject PyUnicode_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "str",
    .tp_basicsize = offsetof(PyUnicodeObject, utf8) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = unicode_dealloc,
    .tp_repr = unicode_repr,
    .tp_as_number = &unicode_as_number,
    .tp_as_sequence = &unicode_as_sequence,
    .tp_as_mapping = &unicode_as_mapping,
    .tp_hash = unicode_hash,
    .tp_str = unicode_str,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS,
    .tp_richcompare = PyUnicode_RichCompare,
    .tp_iter = unicode_iter,
    .tp_methods = unicode_methods,
    .tp_new = unicode_new,
    .tp_free = PyObject_Free,
};
