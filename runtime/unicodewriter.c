/* unicodewriter.c — CPython's private _PyUnicodeWriter (Objects/unicodeobject.c), which
 * extensions use directly and pythoncapi_compat.h builds the 3.14 PyUnicodeWriter on: a str
 * built in place, growing by a quarter when overallocating, widening its kind when a wider
 * character comes.
 *
 * Owns: writer->buffer, a PyUnicode_New str of writer->size code points (its refcount is 1, so
 * PyUnicode_WRITE / PyUnicode_CopyCharacters may fill it); its unwritten tail is kept zeroed so
 * that the runtime's UTF-8 view of it is always valid. _PyUnicodeWriter_Finish hands the text
 * over (a new reference) and _PyUnicodeWriter_Dealloc drops it; after either the writer is empty.
 * Every function returns 0, or -1 with an exception set and the writer unchanged. The readonly
 * shortcut of CPython's WriteStr (keeping the caller's str) is not taken: readonly stays 0.
 */
#include "rt_capi.h"

#include <string.h>

/* The writer's view of its buffer (CPython's _PyUnicodeWriter_Update). */
static void update_state(_PyUnicodeWriter *w)
{
  w->data = PyUnicode_DATA(w->buffer);
  w->kind = (enum PyUnicode_Kind)PyUnicode_KIND(w->buffer);
  w->maxchar = PyUnicode_MAX_CHAR_VALUE(w->buffer);
  w->size = PyUnicode_GET_LENGTH(w->buffer);
}

/* A zeroed str of length code points able to hold maxchar; NULL with an exception. */
static PyObject *new_buffer(Py_ssize_t length, Py_UCS4 maxchar)
{
  PyObject *s = PyUnicode_New(length, maxchar);
  if (s != NULL) memset(PyUnicode_DATA(s), 0, (size_t)length * (size_t)PyUnicode_KIND(s));
  return s;
}

void _PyUnicodeWriter_Init(_PyUnicodeWriter *writer)
{
  memset(writer, 0, sizeof(*writer));
  writer->kind = PyUnicode_1BYTE_KIND;
  writer->min_char = 127;
}

int _PyUnicodeWriter_PrepareInternal(_PyUnicodeWriter *writer, Py_ssize_t length, Py_UCS4 maxchar)
{
  if (length > PY_SSIZE_T_MAX - writer->pos) {
    PyErr_NoMemory();
    return -1;
  }
  Py_ssize_t newlen = writer->pos + length;
  if (maxchar < writer->min_char) maxchar = writer->min_char;
  if (writer->buffer != NULL && newlen <= writer->size && maxchar <= writer->maxchar) return 0;
  if (writer->buffer != NULL && newlen < writer->size) newlen = writer->size;   /* only widening */
  else if (writer->overallocate && newlen <= PY_SSIZE_T_MAX - newlen / 4) newlen += newlen / 4;
  if (newlen < writer->min_length) newlen = writer->min_length;
  if (writer->buffer != NULL && maxchar < writer->maxchar) maxchar = writer->maxchar;
  PyObject *grown = new_buffer(newlen, maxchar);
  if (grown == NULL) return -1;
  if (writer->buffer != NULL) {
    if (writer->pos > 0 && PyUnicode_CopyCharacters(grown, 0, writer->buffer, 0, writer->pos) < 0) {
      Py_DECREF(grown);
      return -1;
    }
    Py_DECREF(writer->buffer);
  }
  writer->buffer = grown;
  update_state(writer);
  return 0;
}

int _PyUnicodeWriter_PrepareKindInternal(_PyUnicodeWriter *writer, enum PyUnicode_Kind kind)
{
  Py_UCS4 maxchar = kind == PyUnicode_1BYTE_KIND ? 0xFF : kind == PyUnicode_2BYTE_KIND ? 0xFFFF : 0x10FFFF;
  return _PyUnicodeWriter_PrepareInternal(writer, 0, maxchar);
}

int _PyUnicodeWriter_WriteChar(_PyUnicodeWriter *writer, Py_UCS4 ch)
{
  if (ch > 0x10FFFF) {
    PyErr_SetString(PyExc_ValueError, "character must be in range(0x110000)");
    return -1;
  }
  if (_PyUnicodeWriter_Prepare(writer, 1, ch) < 0) return -1;
  PyUnicode_WRITE(writer->kind, writer->data, writer->pos, ch);
  writer->pos++;
  return 0;
}

int _PyUnicodeWriter_WriteSubstring(_PyUnicodeWriter *writer, PyObject *str, Py_ssize_t start, Py_ssize_t end)
{
  if (str == NULL || !PyUnicode_Check(str) || start < 0 || end > PyUnicode_GET_LENGTH(str) || start > end) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  Py_ssize_t len = end - start;
  if (len == 0) return 0;
  Py_UCS4 maxchar = 0;
  int kind = PyUnicode_KIND(str);
  const void *data = PyUnicode_DATA(str);
  for (Py_ssize_t i = start; i < end; i++) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (c > maxchar) maxchar = c;
  }
  if (_PyUnicodeWriter_Prepare(writer, len, maxchar) < 0) return -1;
  if (PyUnicode_CopyCharacters(writer->buffer, writer->pos, str, start, len) < 0) return -1;
  writer->pos += len;
  return 0;
}

int _PyUnicodeWriter_WriteStr(_PyUnicodeWriter *writer, PyObject *str)
{
  if (str == NULL || !PyUnicode_Check(str)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return _PyUnicodeWriter_WriteSubstring(writer, str, 0, PyUnicode_GET_LENGTH(str));
}

int _PyUnicodeWriter_WriteASCIIString(_PyUnicodeWriter *writer, const char *str, Py_ssize_t len)
{
  if (len == -1) len = (Py_ssize_t)strlen(str);
  if (len == 0) return 0;
  if (_PyUnicodeWriter_Prepare(writer, len, 127) < 0) return -1;
  for (Py_ssize_t i = 0; i < len; i++) PyUnicode_WRITE(writer->kind, writer->data, writer->pos + i, (Py_UCS1)str[i]);
  writer->pos += len;
  return 0;
}

int _PyUnicodeWriter_WriteLatin1String(_PyUnicodeWriter *writer, const char *str, Py_ssize_t len)
{
  Py_UCS4 maxchar = 0;
  for (Py_ssize_t i = 0; i < len; i++)
    if ((Py_UCS1)str[i] > maxchar) maxchar = (Py_UCS1)str[i];
  if (len == 0) return 0;
  if (_PyUnicodeWriter_Prepare(writer, len, maxchar) < 0) return -1;
  for (Py_ssize_t i = 0; i < len; i++) PyUnicode_WRITE(writer->kind, writer->data, writer->pos + i, (Py_UCS1)str[i]);
  writer->pos += len;
  return 0;
}

PyObject *_PyUnicodeWriter_Finish(_PyUnicodeWriter *writer)
{
  PyObject *buf = writer->buffer, *r;
  if (buf == NULL || writer->pos == 0) {
    Py_XDECREF(buf);
    r = PyUnicode_FromStringAndSize(NULL, 0);
  } else if (writer->pos == writer->size) {
    r = buf;   /* the writer's reference passes to the caller */
  } else {
    r = PyUnicode_Substring(buf, 0, writer->pos);
    Py_DECREF(buf);
  }
  _PyUnicodeWriter_Init(writer);
  return r;
}

void _PyUnicodeWriter_Dealloc(_PyUnicodeWriter *writer)
{
  Py_CLEAR(writer->buffer);
}
