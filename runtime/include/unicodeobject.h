/* unicodeobject.h — str, stored as UTF-8 (runtime/unicodeobject.c, runtime/unicodeformat.c).
 *
 * A str holds its text as NUL-terminated UTF-8 inline after the header, its length in code points,
 * and a cached hash. PyUnicode_AsUTF8 returns a pointer into the object (borrowed: valid while the
 * str lives). Text given as UTF-8 is validated as CPython's strict decoder does (UnicodeDecodeError);
 * a str holding a lone surrogate (PyUnicode_FromOrdinal(0xD800)) cannot be encoded
 * (UnicodeEncodeError from PyUnicode_AsUTF8). Every function returning PyObject * returns a new
 * reference or NULL with an exception set. The PEP 393 view exists too (runtime/unicodekind.c):
 * every str also holds its code points as 1, 2 or 4-byte units (PyUnicode_KIND, PyUnicode_DATA,
 * PyUnicode_READ), and PyUnicode_New makes a str to be filled through PyUnicode_WRITE /
 * PyUnicode_WriteChar, whose UTF-8 follows the written code points until it is first hashed.
 */
#ifndef Py_UNICODEOBJECT_H
#define Py_UNICODEOBJECT_H

#include <stdarg.h>
#include <wchar.h>
#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t Py_UCS4;
typedef uint16_t Py_UCS2;
typedef uint8_t Py_UCS1;
typedef wchar_t Py_UNICODE;

typedef struct {
  PyObject_HEAD
  Py_ssize_t length;               /* code points */
  Py_hash_t hash;                  /* -1 until computed */
  Py_ssize_t utf8_length;          /* bytes of utf8, without the NUL */
  Py_ssize_t utf8_capacity;        /* bytes the utf8 area holds, without the NUL */
  void *kdata;                     /* PEP 393 code points, kind bytes each, then a 0: the utf8 area
                                    * itself for an ASCII str, else an area of the same block */
  unsigned char ascii;             /* every code point < 128 */
  unsigned char interned;          /* in the runtime's intern table */
  unsigned char surrogates;        /* holds a lone surrogate: cannot be encoded */
  unsigned char kind;              /* PEP 393 kind: 1, 2 or 4 */
  unsigned char kmaster;           /* made by PyUnicode_New, not ASCII: kdata is the text and utf8
                                    * is brought up to date from it before each read, until the
                                    * str is hashed */
  char utf8[1];                    /* utf8_length bytes, then NUL */
} PyUnicodeObject;
/* CPython's layers of a str's head, one struct here: code reading ((PyASCIIObject *)s)->hash or
 * ->length compiles and reads the same fields. */
typedef PyUnicodeObject PyASCIIObject;
typedef PyUnicodeObject PyCompactUnicodeObject;

PyAPI_DATA(PyTypeObject) PyUnicode_Type;
PyAPI_DATA(PyTypeObject) PyUnicodeIter_Type;
#define PyUnicode_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_UNICODE_SUBCLASS)
#define PyUnicode_CheckExact(op) Py_IS_TYPE((op), &PyUnicode_Type)
#define PyUnicode_GET_LENGTH(op) (((PyUnicodeObject *)(op))->length)
#define PyUnicode_IS_ASCII(op) (((PyUnicodeObject *)(op))->ascii)
#define PyUnicode_READY(op) 0
#define PyUnicode_IS_READY(op) 1
#define PyUnicode_IS_COMPACT(op) 1
#define PyUnicode_IS_COMPACT_ASCII(op) PyUnicode_IS_ASCII(op)

/* PEP 393 (runtime/unicodekind.c): every str's code points, as 1, 2 or 4-byte units. */
enum PyUnicode_Kind {
  PyUnicode_1BYTE_KIND = 1,
  PyUnicode_2BYTE_KIND = 2,
  PyUnicode_4BYTE_KIND = 4
};
#define PyUnicode_KIND(op) ((int)((PyUnicodeObject *)(op))->kind)
#define PyUnicode_DATA(op) (((PyUnicodeObject *)(op))->kdata)
#define PyUnicode_1BYTE_DATA(op) ((Py_UCS1 *)PyUnicode_DATA(op))
#define PyUnicode_2BYTE_DATA(op) ((Py_UCS2 *)PyUnicode_DATA(op))
#define PyUnicode_4BYTE_DATA(op) ((Py_UCS4 *)PyUnicode_DATA(op))
#define PyUnicode_MAX_CHAR_VALUE(op)                                                               \
  (PyUnicode_IS_ASCII(op) ? 0x7FU                                                                  \
   : PyUnicode_KIND(op) == 1 ? 0xFFU : PyUnicode_KIND(op) == 2 ? 0xFFFFU : 0x10FFFFU)

static inline void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value)
{
  if (kind == PyUnicode_1BYTE_KIND) ((Py_UCS1 *)data)[index] = (Py_UCS1)value;
  else if (kind == PyUnicode_2BYTE_KIND) ((Py_UCS2 *)data)[index] = (Py_UCS2)value;
  else ((Py_UCS4 *)data)[index] = value;
}
#define PyUnicode_WRITE(kind, data, index, value)                                                  \
  PyUnicode_WRITE((int)(kind), (void *)(data), (index), (Py_UCS4)(value))

static inline Py_UCS4 PyUnicode_READ(int kind, const void *data, Py_ssize_t index)
{
  if (kind == PyUnicode_1BYTE_KIND) return ((const Py_UCS1 *)data)[index];
  if (kind == PyUnicode_2BYTE_KIND) return ((const Py_UCS2 *)data)[index];
  return ((const Py_UCS4 *)data)[index];
}
#define PyUnicode_READ(kind, data, index) PyUnicode_READ((int)(kind), (const void *)(data), (index))
#define PyUnicode_READ_CHAR(op, i) PyUnicode_READ(PyUnicode_KIND(op), PyUnicode_DATA(op), (i))

/* A str of size code points up to maxchar, to fill with PyUnicode_WRITE / PyUnicode_WriteChar
 * before it is used (new reference). */
PyAPI_FUNC(PyObject *) PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar);
PyAPI_FUNC(int) PyUnicode_WriteChar(PyObject *unicode, Py_ssize_t index, Py_UCS4 character);
PyAPI_FUNC(Py_ssize_t) PyUnicode_CopyCharacters(PyObject *to, Py_ssize_t to_start, PyObject *from,
                                                Py_ssize_t from_start, Py_ssize_t how_many);
PyAPI_FUNC(Py_ssize_t) PyUnicode_Fill(PyObject *unicode, Py_ssize_t start, Py_ssize_t length,
                                      Py_UCS4 fill_char);

PyAPI_FUNC(PyObject *) PyUnicode_FromString(const char *u);
PyAPI_FUNC(PyObject *) PyUnicode_FromStringAndSize(const char *u, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeASCII(const char *s, Py_ssize_t size, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_Decode(const char *s, Py_ssize_t size, const char *encoding,
                                        const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_FromEncodedObject(PyObject *obj, const char *encoding,
                                                   const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_FromObject(PyObject *obj);
PyAPI_FUNC(PyObject *) PyUnicode_FromOrdinal(int ordinal);
PyAPI_FUNC(PyObject *) PyUnicode_FromWideChar(const wchar_t *w, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF8Stateful(const char *s, Py_ssize_t size,
                                                    const char *errors, Py_ssize_t *consumed);
/* The filesystem and locale encodings are UTF-8 with surrogateescape, as on Linux. */
PyAPI_FUNC(PyObject *) PyUnicode_DecodeFSDefault(const char *s);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeFSDefaultAndSize(const char *s, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_EncodeFSDefault(PyObject *u);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeLocale(const char *str, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeLocaleAndSize(const char *str, Py_ssize_t len,
                                                     const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_EncodeLocale(PyObject *u, const char *errors);
/* O& converters for path arguments: bytes (FSConverter) or str (FSDecoder); they return
 * Py_CLEANUP_SUPPORTED and release *result when called again with NULL. */
PyAPI_FUNC(int) PyUnicode_FSConverter(PyObject *obj, void *result);
PyAPI_FUNC(int) PyUnicode_FSDecoder(PyObject *obj, void *result);
PyAPI_FUNC(PyObject *) PyUnicode_FromFormat(const char *format, ...);
PyAPI_FUNC(PyObject *) PyUnicode_FromFormatV(const char *format, va_list vargs);

PyAPI_FUNC(const char *) PyUnicode_AsUTF8(PyObject *u);                       /* borrowed */
PyAPI_FUNC(const char *) PyUnicode_AsUTF8AndSize(PyObject *u, Py_ssize_t *size);  /* borrowed */
PyAPI_FUNC(PyObject *) PyUnicode_AsUTF8String(PyObject *u);                   /* new bytes */
PyAPI_FUNC(PyObject *) PyUnicode_AsASCIIString(PyObject *u);
PyAPI_FUNC(PyObject *) PyUnicode_AsLatin1String(PyObject *u);
PyAPI_FUNC(PyObject *) PyUnicode_AsEncodedString(PyObject *u, const char *encoding,
                                                 const char *errors);
PyAPI_FUNC(Py_ssize_t) PyUnicode_AsWideChar(PyObject *u, wchar_t *w, Py_ssize_t size);
PyAPI_FUNC(wchar_t *) PyUnicode_AsWideCharString(PyObject *u, Py_ssize_t *size);   /* PyMem */
PyAPI_FUNC(Py_UCS4 *) PyUnicode_AsUCS4Copy(PyObject *u);                            /* PyMem */
PyAPI_FUNC(Py_UCS4 *) PyUnicode_AsUCS4(PyObject *u, Py_UCS4 *buffer, Py_ssize_t buflen,
                                       int copy_null);
PyAPI_FUNC(Py_ssize_t) PyUnicode_GetLength(PyObject *u);
PyAPI_FUNC(Py_UCS4) PyUnicode_ReadChar(PyObject *u, Py_ssize_t index);

PyAPI_FUNC(PyObject *) PyUnicode_Concat(PyObject *left, PyObject *right);
PyAPI_FUNC(void) PyUnicode_Append(PyObject **pleft, PyObject *right);          /* in/out */
PyAPI_FUNC(void) PyUnicode_AppendAndDel(PyObject **pleft, PyObject *right);    /* steals right */
PyAPI_FUNC(PyObject *) PyUnicode_Join(PyObject *separator, PyObject *seq);
PyAPI_FUNC(PyObject *) PyUnicode_Split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit);
PyAPI_FUNC(PyObject *) PyUnicode_Splitlines(PyObject *s, int keepends);
PyAPI_FUNC(PyObject *) PyUnicode_Substring(PyObject *s, Py_ssize_t start, Py_ssize_t end);
PyAPI_FUNC(PyObject *) PyUnicode_Replace(PyObject *s, PyObject *substr, PyObject *replstr,
                                         Py_ssize_t maxcount);
PyAPI_FUNC(Py_ssize_t) PyUnicode_Find(PyObject *s, PyObject *substr, Py_ssize_t start,
                                      Py_ssize_t end, int direction);
PyAPI_FUNC(Py_ssize_t) PyUnicode_FindChar(PyObject *s, Py_UCS4 ch, Py_ssize_t start,
                                          Py_ssize_t end, int direction);
PyAPI_FUNC(Py_ssize_t) PyUnicode_Count(PyObject *s, PyObject *substr, Py_ssize_t start,
                                       Py_ssize_t end);
PyAPI_FUNC(Py_ssize_t) PyUnicode_Tailmatch(PyObject *s, PyObject *substr, Py_ssize_t start,
                                           Py_ssize_t end, int direction);
PyAPI_FUNC(int) PyUnicode_Contains(PyObject *container, PyObject *element);
PyAPI_FUNC(int) PyUnicode_Compare(PyObject *left, PyObject *right);
PyAPI_FUNC(int) _PyUnicode_EQ(PyObject *a, PyObject *b);   /* 1 when the strs are equal, else 0 */
PyAPI_FUNC(int) PyUnicode_CompareWithASCIIString(PyObject *left, const char *right);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyUnicode_EqualToUTF8(PyObject *u, const char *s);
PyAPI_FUNC(int) PyUnicode_EqualToUTF8AndSize(PyObject *u, const char *s, Py_ssize_t size);
#endif
PyAPI_FUNC(PyObject *) PyUnicode_RichCompare(PyObject *left, PyObject *right, int op);
PyAPI_FUNC(PyObject *) PyUnicode_Format(PyObject *format, PyObject *args);
PyAPI_FUNC(int) PyUnicode_IsIdentifier(PyObject *s);

/* Interning: the runtime's intern table holds borrowed pointers (3.11's mortal interned strings);
 * a str leaves it when it dies. */
PyAPI_FUNC(void) PyUnicode_InternInPlace(PyObject **p);
PyAPI_FUNC(PyObject *) PyUnicode_InternFromString(const char *v);

/* Character properties and case mappings (runtime/unicodectype.c), CPython's exported functions
 * and the macros extensions use: 1 or 0; the mappings give a code point, -1 (-1.0) for none. */
PyAPI_FUNC(int) _PyUnicode_IsWhitespace(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsLinebreak(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsLowercase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsUppercase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsTitlecase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsAlpha(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsDecimalDigit(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsDigit(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsNumeric(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsPrintable(Py_UCS4 ch);
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToLowercase(Py_UCS4 ch);
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToUppercase(Py_UCS4 ch);
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToTitlecase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_ToDecimalDigit(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_ToDigit(Py_UCS4 ch);
PyAPI_FUNC(double) _PyUnicode_ToNumeric(Py_UCS4 ch);
#define Py_UNICODE_ISSPACE(ch) _PyUnicode_IsWhitespace((Py_UCS4)(ch))
#define Py_UNICODE_ISLOWER(ch) _PyUnicode_IsLowercase((Py_UCS4)(ch))
#define Py_UNICODE_ISUPPER(ch) _PyUnicode_IsUppercase((Py_UCS4)(ch))
#define Py_UNICODE_ISTITLE(ch) _PyUnicode_IsTitlecase((Py_UCS4)(ch))
#define Py_UNICODE_ISLINEBREAK(ch) _PyUnicode_IsLinebreak((Py_UCS4)(ch))
#define Py_UNICODE_ISDECIMAL(ch) _PyUnicode_IsDecimalDigit((Py_UCS4)(ch))
#define Py_UNICODE_ISDIGIT(ch) _PyUnicode_IsDigit((Py_UCS4)(ch))
#define Py_UNICODE_ISNUMERIC(ch) _PyUnicode_IsNumeric((Py_UCS4)(ch))
#define Py_UNICODE_ISPRINTABLE(ch) _PyUnicode_IsPrintable((Py_UCS4)(ch))
#define Py_UNICODE_ISALPHA(ch) _PyUnicode_IsAlpha((Py_UCS4)(ch))
#define Py_UNICODE_ISALNUM(ch)                                                                     \
  (Py_UNICODE_ISALPHA(ch) || Py_UNICODE_ISDECIMAL(ch) || Py_UNICODE_ISDIGIT(ch) || Py_UNICODE_ISNUMERIC(ch))
#define Py_UNICODE_TOLOWER(ch) _PyUnicode_ToLowercase((Py_UCS4)(ch))
#define Py_UNICODE_TOUPPER(ch) _PyUnicode_ToUppercase((Py_UCS4)(ch))
#define Py_UNICODE_TOTITLE(ch) _PyUnicode_ToTitlecase((Py_UCS4)(ch))
#define Py_UNICODE_TODECIMAL(ch) _PyUnicode_ToDecimalDigit((Py_UCS4)(ch))
#define Py_UNICODE_TODIGIT(ch) _PyUnicode_ToDigit((Py_UCS4)(ch))
#define Py_UNICODE_TONUMERIC(ch) _PyUnicode_ToNumeric((Py_UCS4)(ch))

/* CPython's private str builder (runtime/unicodewriter.c), fields as in 3.11: buffer is a new
 * reference the writer owns until _PyUnicodeWriter_Finish (a new str) or _PyUnicodeWriter_Dealloc;
 * data/kind/maxchar/size describe it, pos is the next code point to write. The functions return
 * 0, or -1 with an exception set. */
typedef struct {
  PyObject *buffer;
  void *data;
  enum PyUnicode_Kind kind;
  Py_UCS4 maxchar;
  Py_ssize_t size;
  Py_ssize_t pos;
  Py_ssize_t min_length;   /* minimum size of the buffer when overallocating */
  Py_UCS4 min_char;        /* minimum maximum character of the buffer (127 after Init) */
  unsigned char overallocate;
  unsigned char readonly;   /* always 0 here */
} _PyUnicodeWriter;

PyAPI_FUNC(void) _PyUnicodeWriter_Init(_PyUnicodeWriter *writer);
PyAPI_FUNC(int) _PyUnicodeWriter_PrepareInternal(_PyUnicodeWriter *writer, Py_ssize_t length, Py_UCS4 maxchar);
#define _PyUnicodeWriter_Prepare(WRITER, LENGTH, MAXCHAR)                                          \
  (((MAXCHAR) <= (WRITER)->maxchar && (LENGTH) <= (WRITER)->size - (WRITER)->pos)                  \
       ? 0                                                                                         \
       : (((LENGTH) == 0) ? 0 : _PyUnicodeWriter_PrepareInternal((WRITER), (LENGTH), (MAXCHAR))))
PyAPI_FUNC(int) _PyUnicodeWriter_PrepareKindInternal(_PyUnicodeWriter *writer, enum PyUnicode_Kind kind);
#define _PyUnicodeWriter_PrepareKind(WRITER, KIND)                                                 \
  ((KIND) <= (WRITER)->kind ? 0 : _PyUnicodeWriter_PrepareKindInternal((WRITER), (KIND)))
PyAPI_FUNC(int) _PyUnicodeWriter_WriteChar(_PyUnicodeWriter *writer, Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicodeWriter_WriteStr(_PyUnicodeWriter *writer, PyObject *str);   /* str borrowed */
PyAPI_FUNC(int) _PyUnicodeWriter_WriteSubstring(_PyUnicodeWriter *writer, PyObject *str, Py_ssize_t start,
                                                Py_ssize_t end);
PyAPI_FUNC(int) _PyUnicodeWriter_WriteASCIIString(_PyUnicodeWriter *writer, const char *str, Py_ssize_t len);
PyAPI_FUNC(int) _PyUnicodeWriter_WriteLatin1String(_PyUnicodeWriter *writer, const char *str, Py_ssize_t len);
PyAPI_FUNC(PyObject *) _PyUnicodeWriter_Finish(_PyUnicodeWriter *writer);   /* new */
PyAPI_FUNC(void) _PyUnicodeWriter_Dealloc(_PyUnicodeWriter *writer);

#ifdef __cplusplus
}
#endif
#endif /* Py_UNICODEOBJECT_H */
