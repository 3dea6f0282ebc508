/* pystrtod.c — the C-string helpers of CPython's OS layer that extensions use: doubles to and
 * from strings (PyOS_double_to_string, PyOS_string_to_double), PyOS_snprintf / PyOS_vsnprintf,
 * PyOS_strtoul / PyOS_strtol and the case-insensitive comparisons.
 *
 * Semantics and messages are CPython 3.11's: PyOS_string_to_double accepts no leading space, no
 * hexadecimal, and "inf", "infinity", "nan" in any case; PyOS_double_to_string lays out 'r' as
 * repr() does. The only allocation is PyOS_double_to_string's result (PyMem_Malloc, the caller's
 * to PyMem_Free).
 */
#include "rt_capi.h"
#include "pystrcmp.h"
#include "pystrtod.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- strings to doubles ---------------------------------------------------------------------------*/
/* strtod restricted to what CPython parses: the decimal syntax and inf / infinity / nan. */
static double ascii_strtod(const char *s, char **end)
{
  const char *p = s + (*s == '+' || *s == '-');
  if (!isdigit((unsigned char)*p) && *p != '.' && strncasecmp(p, "inf", 3) != 0 &&
      strncasecmp(p, "nan", 3) != 0) {
    *end = (char *)s;
    return -1.0;
  }
  if (strncasecmp(p, "nan", 3) == 0) {   /* not C's nan(...) */
    *end = (char *)p + 3;
    return *s == '-' ? -NAN : NAN;
  }
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {   /* not C's hexadecimal: "0", then stop */
    *end = (char *)p + 1;
    return *s == '-' ? -0.0 : 0.0;
  }
  return strtod(s, end);
}

double PyOS_string_to_double(const char *s, char **endptr, PyObject *overflow_exception)
{
  char *fail_pos = (char *)s;
  double x = -1.0, result = -1.0;
  errno = 0;
  if (!isspace((unsigned char)*s)) x = ascii_strtod(s, &fail_pos);   /* no leading space */
  if ((endptr == NULL && (fail_pos == s || *fail_pos != '\0')) || fail_pos == s)
    PyErr_Format(PyExc_ValueError, "could not convert string to float: '%.200s'", s);
  else if (errno == ERANGE && fabs(x) >= 1.0 && overflow_exception != NULL)
    PyErr_Format(overflow_exception, "value too large to convert to float: '%.200s'", s);
  else
    result = x;
  if (endptr != NULL) *endptr = fail_pos;
  return result;
}

/* --- doubles to strings ---------------------------------------------------------------------------*/
/* printf's %e %E %f %F %g %G, with "#" when alt. */
static void format_double(char *buf, size_t n, char code, int alt, int prec, double v)
{
  switch (code) {
  case 'e': alt ? snprintf(buf, n, "%#.*e", prec, v) : snprintf(buf, n, "%.*e", prec, v); break;
  case 'E': alt ? snprintf(buf, n, "%#.*E", prec, v) : snprintf(buf, n, "%.*E", prec, v); break;
  case 'f': alt ? snprintf(buf, n, "%#.*f", prec, v) : snprintf(buf, n, "%.*f", prec, v); break;
  case 'F': alt ? snprintf(buf, n, "%#.*F", prec, v) : snprintf(buf, n, "%.*F", prec, v); break;
  case 'g': alt ? snprintf(buf, n, "%#.*g", prec, v) : snprintf(buf, n, "%.*g", prec, v); break;
  default: alt ? snprintf(buf, n, "%#.*G", prec, v) : snprintf(buf, n, "%.*G", prec, v); break;
  }
}
char *PyOS_double_to_string(double val, char format_code, int precision, int flags, int *type)
{
  char body[1024];   /* %f of DBL_MAX at the largest precision fits */
  int upper = isupper((unsigned char)format_code), kind = Py_DTST_FINITE;
  char code = (char)tolower((unsigned char)format_code);
  if (strchr("efgr", code) == NULL || format_code == 'R' || (code == 'r' && precision != 0) ||
      precision < 0 || precision > 400) {
    rt_bad_internal_call();
    return NULL;
  }
  if (isnan(val)) {
    kind = Py_DTST_NAN;
    strcpy(body, upper ? "NAN" : "nan");
  } else if (isinf(val)) {
    kind = Py_DTST_INFINITE;
    strcpy(body, val < 0 ? (upper ? "-INF" : "-inf") : (upper ? "INF" : "inf"));
  } else if (code == 'r') {
    rt_double_repr(val, (flags & Py_DTSF_ADD_DOT_0) != 0, body);
  } else {
    format_double(body, sizeof(body), format_code, (flags & Py_DTSF_ALT) != 0, precision, val);
    if (code == 'g' && (flags & Py_DTSF_ADD_DOT_0) && strpbrk(body, ".eE") == NULL)
      strcat(body, ".0");
  }
  if ((flags & Py_DTSF_NO_NEG_0) && body[0] == '-' && kind == Py_DTST_FINITE &&
      strspn(body + 1, "0.") == strlen(body + 1))
    memmove(body, body + 1, strlen(body));
  int plus = (flags & Py_DTSF_SIGN) && body[0] != '-';
  size_t n = strlen(body);
  char *r = (PyMem_Malloc)(n + (size_t)plus + 1);
  if (r == NULL) {
    PyErr_NoMemory();
    return NULL;
  }
  if (plus) r[0] = '+';
  memcpy(r + plus, body, n + 1);
  if (type != NULL) *type = kind;
  return r;
}

/* --- formatting, integers, comparisons ------------------------------------------------------------*/
int PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va)
{
  int len = vsnprintf(str, size, format, va);
  if (size > 0) str[size - 1] = '\0';
  return len;
}

int PyOS_snprintf(char *str, size_t size, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  int len = PyOS_vsnprintf(str, size, format, va);
  va_end(va);
  return len;
}

/* Leading space skipped; base 0 reads a 0x / 0o / 0b prefix (a lone leading 0 means 10, as
 * CPython); no sign. Overflow: ULONG_MAX with errno ERANGE. */
unsigned long PyOS_strtoul(const char *str, char **ptr, int base)
{
  const char *s = str;
  while (isspace((unsigned char)*s)) s++;
  int prefix = s[0] == '0' ? tolower((unsigned char)s[1]) : 0;
  int pbase = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 0;
  if (pbase != 0 && (base == 0 || base == pbase)) {
    base = pbase;
    s += 2;
  } else if (base == 0) {
    base = 10;
  }
  if (base < 2 || base > 36 || *s == '-' || *s == '+' || isspace((unsigned char)*s)) {
    if (ptr != NULL) *ptr = (char *)str;
    return 0;
  }
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, base);
  if (end == s) end = (char *)str;
  if (ptr != NULL) *ptr = end;
  return v;
}

long PyOS_strtol(const char *str, char **ptr, int base)
{
  const char *s = str;
  while (isspace((unsigned char)*s)) s++;
  int sign = 1;
  if (*s == '-' || *s == '+') sign = *s++ == '-' ? -1 : 1;
  char *end;
  unsigned long u = PyOS_strtoul(s, &end, base);
  if (end == s) end = (char *)str;
  if (ptr != NULL) *ptr = end;
  if (errno == ERANGE || (sign > 0 && u > (unsigned long)LONG_MAX) ||
      (sign < 0 && u > (unsigned long)LONG_MAX + 1)) {
    errno = ERANGE;
    return sign > 0 ? LONG_MAX : LONG_MIN;
  }
  return sign > 0 ? (long)u : (long)(0 - u);
}

int PyOS_mystrnicmp(const char *a, const char *b, Py_ssize_t n)
{
  return n <= 0 ? 0 : strncasecmp(a, b, (size_t)n);
}

int PyOS_mystricmp(const char *a, const char *b) { return strcasecmp(a, b); }
