/* unicodekind.c — the PEP 393 face of str: PyUnicode_New and the writers (PyUnicode_WriteChar,
 * PyUnicode_CopyCharacters, PyUnicode_Fill), over the runtime's str, which keeps its text as UTF-8
 * and, in the same block, its code points as 1, 2 or 4-byte units (PyUnicode_KIND / DATA).
 *
 * Ownership and invariants:
 *  - an ASCII str's data is its UTF-8 itself: writing a byte below 128 is writing the text;
 *  - a non-ASCII str made by PyUnicode_New is a "kmaster" str: its code points are the text, the
 *    UTF-8 (room for the worst case of its maximum character) is re-encoded before every read
 *    (RT_STR_READY) until the str is hashed, after which it is frozen, as CPython forbids changing
 *    a str once used;
 *  - the writers check what CPython checks (a str nobody else holds and not yet hashed, indices,
 *    the maximum character) with CPython's messages; a write to another non-ASCII str turns it into
 *    a kmaster str, and is refused (SystemError) if its UTF-8 would outgrow the block.
 */
#include "rt_capi.h"

#define U(op) ((PyUnicodeObject *)(op))

PyObject *PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
{
  if (size < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_New");
    return NULL;
  }
  if (maxchar > 0x10FFFF) {
    PyErr_SetString(PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");
    return NULL;
  }
  int kind = rt_kind_of(maxchar);
  if (kind == 0) return rt_str_alloc(size, size, 0);   /* NUL characters until written */
  if (size > PY_SSIZE_T_MAX / 8) return PyErr_NoMemory();
  PyObject *op = rt_str_alloc(size * rt_utf8_size(maxchar), size, kind);
  if (op == NULL) return NULL;
  U(op)->kmaster = 1;
  rt_unicode_sync(op);
  return op;
}

static Py_UCS4 max_char_value(PyObject *op)
{
  return U(op)->ascii ? 0x7F : U(op)->kind == 1 ? 0xFF : U(op)->kind == 2 ? 0xFFFF : 0x10FFFF;
}

static Py_UCS4 read_unit(PyObject *op, Py_ssize_t i) { return PyUnicode_READ(U(op)->kind, U(op)->kdata, i); }

/* CPython's unicode_check_modifiable: only a str nobody else holds and not hashed yet. */
static int check_modifiable(PyObject *op)
{
  if (Py_REFCNT(op) != 1 || U(op)->hash != -1 || U(op)->interned) {
    PyErr_SetString(PyExc_SystemError, "Cannot modify a string currently used");
    return -1;
  }
  return 0;
}

/* Before writing n code points at start (new_char(i) for i in [0, n)) into a non-ASCII str that
 * is not kmaster yet: checks that its UTF-8 still fits its block, then makes it kmaster. */
static int prepare_write(PyObject *op, Py_ssize_t start, Py_ssize_t n, Py_UCS4 (*new_char)(const void *, Py_ssize_t),
                         const void *ctx)
{
  if (U(op)->ascii || U(op)->kmaster) return 0;
  Py_ssize_t size = U(op)->utf8_length;
  for (Py_ssize_t i = 0; i < n; i++) size += rt_utf8_size(new_char(ctx, i)) - rt_utf8_size(read_unit(op, start + i));
  if (size > U(op)->utf8_capacity) {
    PyErr_SetString(PyExc_SystemError, "the str's storage cannot grow: make it with PyUnicode_New");
    return -1;
  }
  U(op)->kmaster = 1;
  return 0;
}

static Py_UCS4 same_char(const void *ctx, Py_ssize_t i)
{
  (void)i;
  return *(const Py_UCS4 *)ctx;
}

int PyUnicode_WriteChar(PyObject *unicode, Py_ssize_t index, Py_UCS4 ch)
{
  if (unicode == NULL || !PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return -1;
  }
  if (index < 0 || index >= U(unicode)->length) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -1;
  }
  if (check_modifiable(unicode) < 0) return -1;
  if (ch > max_char_value(unicode)) {
    PyErr_SetString(PyExc_ValueError, "character out of range");
    return -1;
  }
  if (prepare_write(unicode, index, 1, same_char, &ch) < 0) return -1;
  PyUnicode_WRITE(U(unicode)->kind, U(unicode)->kdata, index, ch);
  return 0;
}

Py_ssize_t PyUnicode_Fill(PyObject *unicode, Py_ssize_t start, Py_ssize_t length, Py_UCS4 fill_char)
{
  if (unicode == NULL || !PyUnicode_Check(unicode)) {
    rt_bad_internal_call();
    return -1;
  }
  if (check_modifiable(unicode) < 0) return -1;
  if (start < 0) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -1;
  }
  if (fill_char > max_char_value(unicode)) {
    PyErr_SetString(PyExc_ValueError, "fill character is bigger than the string maximum character");
    return -1;
  }
  Py_ssize_t maxlen = U(unicode)->length - start;
  if (length > maxlen) length = maxlen;
  if (length <= 0) return 0;
  if (prepare_write(unicode, start, length, same_char, &fill_char) < 0) return -1;
  for (Py_ssize_t i = 0; i < length; i++) PyUnicode_WRITE(U(unicode)->kind, U(unicode)->kdata, start + i, fill_char);
  return length;
}

typedef struct {
  PyObject *from;
  Py_ssize_t start;
} CopySource;

static Py_UCS4 source_char(const void *ctx, Py_ssize_t i)
{
  const CopySource *s = ctx;
  return read_unit(s->from, s->start + i);
}

static const char *kind_name(PyObject *op)
{
  return U(op)->ascii ? "ASCII" : U(op)->kind == 1 ? "UCS1" : U(op)->kind == 2 ? "UCS2" : "UCS4";
}

Py_ssize_t PyUnicode_CopyCharacters(PyObject *to, Py_ssize_t to_start, PyObject *from, Py_ssize_t from_start,
                                    Py_ssize_t how_many)
{
  if (to == NULL || from == NULL || !PyUnicode_Check(from) || !PyUnicode_Check(to)) {
    rt_bad_internal_call();
    return -1;
  }
  if ((size_t)from_start > (size_t)U(from)->length || (size_t)to_start > (size_t)U(to)->length) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -1;
  }
  if (how_many < 0) {
    PyErr_SetString(PyExc_SystemError, "how_many cannot be negative");
    return -1;
  }
  if (how_many > U(from)->length - from_start) how_many = U(from)->length - from_start;
  if (to_start + how_many > U(to)->length) {
    PyErr_Format(PyExc_SystemError, "Cannot write %zi characters at %zi in a string of %zi characters",
                 how_many, to_start, U(to)->length);
    return -1;
  }
  if (how_many == 0) return 0;
  if (check_modifiable(to) < 0) return -1;
  Py_UCS4 limit = max_char_value(to);
  for (Py_ssize_t i = 0; i < how_many; i++) {
    if (read_unit(from, from_start + i) > limit) {
      PyErr_Format(PyExc_SystemError, "Cannot copy %s characters into a string of %s characters",
                   kind_name(from), kind_name(to));
      return -1;
    }
  }
  CopySource src = {from, from_start};
  if (prepare_write(to, to_start, how_many, source_char, &src) < 0) return -1;
  for (Py_ssize_t i = 0; i < how_many; i++)
    PyUnicode_WRITE(U(to)->kind, U(to)->kdata, to_start + i, read_unit(from, from_start + i));
  return how_many;
}
