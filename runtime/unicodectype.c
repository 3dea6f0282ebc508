/* unicodectype.c — character properties and case mappings of the Unicode database, behind
 * Py_UNICODE_IS* / Py_UNICODE_TO* (unicodeobject.h), as CPython's Objects/unicodectype.c: the
 * same exported functions (_PyUnicode_IsWhitespace, _PyUnicode_ToLowercase...), answering from
 * tables generated from python3's own database (unicodectype_data.h; runtime/gen/ regenerates
 * them).
 *
 * Owns nothing; pure functions of a code point, safe for any value (beyond 0x10FFFF: no property,
 * the identity mapping, -1). The case mappings give the first code point of the full mapping, as
 * CPython's do for the characters whose mapping is longer than one ("ß" -> "S").
 */
#include "rt_capi.h"

#include "unicodectype_data.h"

/* Whether ch lies in one of the n sorted [first, last] ranges. */
static int in_ranges(const uint32_t (*r)[2], size_t n, Py_UCS4 ch)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (ch < r[mid][0]) hi = mid;
    else if (ch > r[mid][1]) lo = mid + 1;
    else return 1;
  }
  return 0;
}

/* The value paired with ch in the n sorted pairs, or dflt. */
static int32_t lookup(const int32_t (*m)[2], size_t n, Py_UCS4 ch, int32_t dflt)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((int64_t)ch < m[mid][0]) hi = mid;
    else if ((int64_t)ch > m[mid][0]) lo = mid + 1;
    else return m[mid][1];
  }
  return dflt;
}

#define N(t) (sizeof(t) / sizeof(t[0]))
#define PROPERTY(fn, table)                                                                        \
  int fn(Py_UCS4 ch) { return in_ranges(table, N(table), ch); }
PROPERTY(_PyUnicode_IsWhitespace, prop_space)
PROPERTY(_PyUnicode_IsLinebreak, prop_linebreak)
PROPERTY(_PyUnicode_IsLowercase, prop_lower)
PROPERTY(_PyUnicode_IsUppercase, prop_upper)
PROPERTY(_PyUnicode_IsTitlecase, prop_title)
PROPERTY(_PyUnicode_IsAlpha, prop_alpha)
PROPERTY(_PyUnicode_IsDecimalDigit, prop_decimal)
PROPERTY(_PyUnicode_IsDigit, prop_digit)
PROPERTY(_PyUnicode_IsNumeric, prop_numeric)
PROPERTY(_PyUnicode_IsPrintable, prop_printable)

Py_UCS4 _PyUnicode_ToLowercase(Py_UCS4 ch) { return (Py_UCS4)lookup(map_tolower, N(map_tolower), ch, (int32_t)ch); }
Py_UCS4 _PyUnicode_ToUppercase(Py_UCS4 ch) { return (Py_UCS4)lookup(map_toupper, N(map_toupper), ch, (int32_t)ch); }
Py_UCS4 _PyUnicode_ToTitlecase(Py_UCS4 ch) { return (Py_UCS4)lookup(map_totitle, N(map_totitle), ch, (int32_t)ch); }
int _PyUnicode_ToDecimalDigit(Py_UCS4 ch) { return lookup(map_todecimal, N(map_todecimal), ch, -1); }
int _PyUnicode_ToDigit(Py_UCS4 ch) { return lookup(map_todigit, N(map_todigit), ch, -1); }

double _PyUnicode_ToNumeric(Py_UCS4 ch)
{
  size_t lo = 0, hi = N(map_tonumeric);
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (ch < map_tonumeric[mid].cp) hi = mid;
    else if (ch > map_tonumeric[mid].cp) lo = mid + 1;
    else return map_tonumeric[mid].value;
  }
  return -1.0;
}
