/* longobject.c — int, within 64 bits, as CPython's Objects/longobject.c would behave on such
 * values.
 *
 * Owns: PyLong_Type (moved here from object.c, which keeps the static small ints).
 * Values are stored in CPython 3.11's layout (30-bit digits, sign in ob_size) and range over
 * -(2**64-1) .. 2**64-1, so both long long and unsigned long long round-trip. Arithmetic is done
 * in 128 bits; a result outside that range raises OverflowError ("the runtime's ints are limited
 * to 64 bits"), where CPython would go on with a bigger int. The small ints -5..256 are shared
 * (_rt_small_int, object.c); every other value is a new object.
 *
 * Conversions follow CPython 3.11's conventions exactly: which functions call __index__
 * (PyLong_AsLong, AsLongLong, the Mask variants) and which require an int ("an integer is
 * required": AsSsize_t, AsSize_t, AsUnsignedLong, AsUnsignedLongLong, AsDouble), the
 * OverflowError messages, and -1 (cast to the result type) with an exception set on failure.
 */
#include "rt_capi.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>

__extension__ typedef __int128 i128;
#define MAG_MAX ((i128)UINT64_MAX)

/* --- representation -----------------------------------------------------------------------------*/
int _rt_long_value(PyObject *o, int *negative, uint64_t *magnitude)
{
  PyLongObject *v = (PyLongObject *)o;
  Py_ssize_t size = Py_SIZE(v);
  Py_ssize_t n = size < 0 ? -size : size;
  uint64_t mag = 0;
  for (Py_ssize_t i = n - 1; i >= 0; i--) mag = (mag << PyLong_SHIFT) | v->ob_digit[i];
  *negative = size < 0;
  *magnitude = mag;
  return 0;
}

static i128 value_of(PyObject *o)
{
  int neg;
  uint64_t mag;
  _rt_long_value(o, &neg, &mag);
  return neg ? -(i128)mag : (i128)mag;
}

PyObject *rt_long_from_parts(int negative, uint64_t mag)
{
  if (mag <= (uint64_t)_RT_SMALL_INT_MAX && (!negative || mag <= (uint64_t)-_RT_SMALL_INT_MIN)) {
    PyObject *s = _rt_small_int(negative ? -(long)mag : (long)mag);
    return Py_NewRef(s);
  }
  Py_ssize_t ndigits = 0;
  for (uint64_t m = mag; m != 0; m >>= PyLong_SHIFT) ndigits++;
  PyLongObject *v = (PyLongObject *)_PyObject_NewVar(&PyLong_Type, ndigits);
  if (v == NULL) return NULL;
  for (Py_ssize_t i = 0; i < ndigits; i++) {
    v->ob_digit[i] = (digit)(mag & ((1u << PyLong_SHIFT) - 1));
    mag >>= PyLong_SHIFT;
  }
  Py_SET_SIZE(v, negative ? -ndigits : ndigits);
  return (PyObject *)v;
}

static PyObject *too_big(void)
{
  PyErr_SetString(PyExc_OverflowError, "int too large: the runtime's ints are limited to 64 bits");
  return NULL;
}

static PyObject *from_i128(i128 v)
{
  if (v > MAG_MAX || v < -MAG_MAX) return too_big();
  return v < 0 ? rt_long_from_parts(1, (uint64_t)(-v)) : rt_long_from_parts(0, (uint64_t)v);
}

/* --- constructors -----------------------------------------------------------------------------*/
PyObject *PyLong_FromLong(long v) { return from_i128(v); }
PyObject *PyLong_FromUnsignedLong(unsigned long v) { return rt_long_from_parts(0, v); }
PyObject *PyLong_FromLongLong(long long v) { return from_i128(v); }
PyObject *PyLong_FromUnsignedLongLong(unsigned long long v) { return rt_long_from_parts(0, v); }
PyObject *PyLong_FromSsize_t(Py_ssize_t v) { return from_i128(v); }
PyObject *PyLong_FromSize_t(size_t v) { return rt_long_from_parts(0, v); }
PyObject *PyLong_FromVoidPtr(void *p) { return rt_long_from_parts(0, (uintptr_t)p); }
PyObject *PyLong_FromInt32(int32_t v) { return from_i128(v); }
PyObject *PyLong_FromInt64(int64_t v) { return from_i128(v); }
PyObject *PyLong_FromUInt32(uint32_t v) { return rt_long_from_parts(0, v); }
PyObject *PyLong_FromUInt64(uint64_t v) { return rt_long_from_parts(0, v); }

PyObject *PyLong_FromDouble(double d)
{
  if (isinf(d)) {
    PyErr_SetString(PyExc_OverflowError, "cannot convert float infinity to integer");
    return NULL;
  }
  if (isnan(d)) {
    PyErr_SetString(PyExc_ValueError, "cannot convert float NaN to integer");
    return NULL;
  }
  d = trunc(d);
  if (fabs(d) >= 18446744073709551616.0) return too_big();
  return d < 0 ? rt_long_from_parts(1, (uint64_t)-d) : rt_long_from_parts(0, (uint64_t)d);
}

static int digit_value(int c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

PyObject *PyLong_FromString(const char *str, char **pend, int base)
{
  const char *start = str, *s = str;
  if ((base != 0 && base < 2) || base > 36) {
    PyErr_SetString(PyExc_ValueError, "int() arg 2 must be >= 2 and <= 36");
    return NULL;
  }
  while (*s && isspace((unsigned char)*s)) s++;
  int neg = 0;
  if (*s == '+' || *s == '-') neg = *s++ == '-';
  if (s[0] == '0' && (base == 0 || base == 16 || base == 8 || base == 2)) {
    char p = (char)tolower((unsigned char)s[1]);
    int b = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (b != 0 && (base == 0 || base == b)) {
      base = b;
      s += 2;
      if (*s == '_') s++;
    }
  }
  int leading_zero = base == 0 && s[0] == '0';
  if (base == 0) base = 10;
  i128 v = 0;
  int ndigits = 0, overflow = 0, bad = 0;
  for (; *s; s++) {
    if (*s == '_' && ndigits > 0 && s[1] != '_' && s[1] != '\0') continue;
    int d = digit_value((unsigned char)*s);
    if (d >= base) break;
    v = v * base + d;
    if (v > MAG_MAX) overflow = 1, v = MAG_MAX;
    ndigits++;
  }
  while (*s && isspace((unsigned char)*s)) s++;
  if (ndigits == 0 || (*s != '\0' && pend == NULL)) bad = 1;
  if (leading_zero && v != 0) bad = 1;   /* "010" is not an int literal in base 0 */
  if (pend != NULL) *pend = (char *)s;
  if (bad) {
    PyObject *lit = PyUnicode_FromString(start);
    if (lit != NULL) {
      PyErr_Format(PyExc_ValueError, "invalid literal for int() with base %d: %R", base, lit);
      Py_DECREF(lit);
    }
    return NULL;
  }
  if (overflow) return too_big();
  return from_i128(neg ? -v : v);
}

PyObject *PyLong_FromUnicodeObject(PyObject *u, int base)
{
  const char *s = PyUnicode_AsUTF8(u);
  if (s == NULL) return NULL;
  char *end;
  PyObject *r = PyLong_FromString(s, &end, base);
  if (r != NULL && *end != '\0') {
    Py_DECREF(r);
    PyErr_Format(PyExc_ValueError, "invalid literal for int() with base %d: %R", base == 0 ? 10 : base, u);
    return NULL;
  }
  return r;
}

/* --- conversions --------------------------------------------------------------------------------*/
/* o's value through __index__ (o borrowed): 0, or -1 with an exception. */
static int index_value(PyObject *o, i128 *out)
{
  if (o == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (PyLong_Check(o)) {
    *out = value_of(o);
    return 0;
  }
  PyObject *i = PyNumber_Index(o);
  if (i == NULL) return -1;
  *out = value_of(i);
  Py_DECREF(i);
  return 0;
}

/* o's value when o is an int; TypeError "an integer is required" otherwise. */
static int int_value(PyObject *o, i128 *out)
{
  if (o == NULL) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  if (!PyLong_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "an integer is required");
    return -1;
  }
  *out = value_of(o);
  return 0;
}

static void overflow(const char *ctype)
{
  PyErr_Format(PyExc_OverflowError, "Python int too large to convert to C %s", ctype);
}

long PyLong_AsLongAndOverflow(PyObject *o, int *ovf)
{
  i128 v;
  *ovf = 0;
  if (index_value(o, &v) < 0) return -1;
  if (v > LONG_MAX || v < LONG_MIN) {
    *ovf = v > 0 ? 1 : -1;
    return -1;
  }
  return (long)v;
}

long PyLong_AsLong(PyObject *o)
{
  int ovf;
  long r = PyLong_AsLongAndOverflow(o, &ovf);
  if (ovf) overflow("long");
  return r;
}

long long PyLong_AsLongLongAndOverflow(PyObject *o, int *ovf)
{
  i128 v;
  *ovf = 0;
  if (index_value(o, &v) < 0) return -1;
  if (v > LLONG_MAX || v < LLONG_MIN) {
    *ovf = v > 0 ? 1 : -1;
    return -1;
  }
  return (long long)v;
}

long long PyLong_AsLongLong(PyObject *o)
{
  int ovf;
  long long r = PyLong_AsLongLongAndOverflow(o, &ovf);
  if (ovf) overflow("long long");
  return r;
}

int PyLong_AsInt(PyObject *o)
{
  long r = PyLong_AsLong(o);
  if (r == -1 && PyErr_Occurred()) return -1;
  if (r > INT_MAX || r < INT_MIN) {
    overflow("int");
    return -1;
  }
  return (int)r;
}

int _PyLong_AsInt(PyObject *o) { return PyLong_AsInt(o); }

Py_ssize_t PyLong_AsSsize_t(PyObject *o)
{
  i128 v;
  if (int_value(o, &v) < 0) return -1;
  if (v > PY_SSIZE_T_MAX || v < PY_SSIZE_T_MIN) {
    overflow("ssize_t");
    return -1;
  }
  return (Py_ssize_t)v;
}

/* The messages are CPython 3.11's, quirks included: PyLong_AsUnsignedLong says "unsigned int"
 * for a negative value, and PyLong_AsUnsignedLongLong goes through _PyLong_AsByteArray's. */
static int unsigned_value(PyObject *o, i128 *v, const char *negative, const char *too_big_msg, uint64_t max)
{
  if (int_value(o, v) < 0) return -1;
  if (*v < 0) {
    PyErr_SetString(PyExc_OverflowError, negative);
    return -1;
  }
  if (*v > (i128)max) {
    PyErr_SetString(PyExc_OverflowError, too_big_msg);
    return -1;
  }
  return 0;
}

unsigned long PyLong_AsUnsignedLong(PyObject *o)
{
  i128 v;
  return unsigned_value(o, &v, "can't convert negative value to unsigned int",
                        "Python int too large to convert to C unsigned long", ULONG_MAX) < 0
             ? (unsigned long)-1
             : (unsigned long)v;
}

unsigned long long PyLong_AsUnsignedLongLong(PyObject *o)
{
  i128 v;
  return unsigned_value(o, &v, "can't convert negative int to unsigned", "int too big to convert", ULLONG_MAX) < 0
             ? (unsigned long long)-1
             : (unsigned long long)v;
}

size_t PyLong_AsSize_t(PyObject *o)
{
  i128 v;
  return unsigned_value(o, &v, "can't convert negative value to size_t",
                        "Python int too large to convert to C size_t", SIZE_MAX) < 0
             ? (size_t)-1
             : (size_t)v;
}

unsigned long PyLong_AsUnsignedLongMask(PyObject *o)
{
  i128 v;
  if (index_value(o, &v) < 0) return (unsigned long)-1;
  return (unsigned long)(uint64_t)v;
}

unsigned long long PyLong_AsUnsignedLongLongMask(PyObject *o)
{
  i128 v;
  if (index_value(o, &v) < 0) return (unsigned long long)-1;
  return (unsigned long long)(uint64_t)v;
}

double PyLong_AsDouble(PyObject *o)
{
  i128 v;
  if (int_value(o, &v) < 0) return -1.0;
  return (double)v;
}

void *PyLong_AsVoidPtr(PyObject *o)
{
  i128 v;
  if (int_value(o, &v) < 0) return NULL;   /* CPython: PyLong_AsUnsignedLong's "an integer is required" */
  if (v < 0 ? v < INTPTR_MIN : v > (i128)UINTPTR_MAX) {
    overflow("pointer");
    return NULL;
  }
  return (void *)(uintptr_t)v;
}

#define AS_FIXED(name, ctype, lo, hi)                                                              \
  int name(PyObject *o, ctype *value)                                                              \
  {                                                                                                \
    i128 v;                                                                                        \
    if (index_value(o, &v) < 0) return -1;                                                         \
    if (v < (i128)(lo) || v > (i128)(hi)) {                                                        \
      if (v < 0 && (lo) == 0)                                                                      \
        PyErr_SetString(PyExc_ValueError, "Cannot convert negative int");                         \
      else                                                                                         \
        overflow(#ctype);                                                                          \
      return -1;                                                                                   \
    }                                                                                              \
    *value = (ctype)v;                                                                             \
    return 0;                                                                                      \
  }
AS_FIXED(PyLong_AsInt32, int32_t, INT32_MIN, INT32_MAX)
AS_FIXED(PyLong_AsInt64, int64_t, INT64_MIN, INT64_MAX)
AS_FIXED(PyLong_AsUInt32, uint32_t, 0, UINT32_MAX)
AS_FIXED(PyLong_AsUInt64, uint64_t, 0, UINT64_MAX)

/* --- the type's slots -------------------------------------------------------------------------*/
static void long_dealloc(PyObject *op)
{
  if (rt_is_singleton(op)) {
    char msg[200];
    snprintf(msg, sizeof(msg), "the count of the small int %lld reached zero: a reference was "
             "released that was never taken", (long long)value_of(op));
    rt_defect_object(RT_DEFECT_SINGLETON_DEALLOC, op, NULL, rt_release_site, msg);
    return;
  }
  Py_TYPE(op)->tp_free(op);
}

static PyObject *long_repr(PyObject *op)
{
  int neg;
  uint64_t mag;
  _rt_long_value(op, &neg, &mag);
  char buf[32];
  snprintf(buf, sizeof(buf), "%s%llu", neg ? "-" : "", (unsigned long long)mag);
  return PyUnicode_FromString(buf);
}

static Py_hash_t long_hash(PyObject *op)
{
  int neg;
  uint64_t mag;
  _rt_long_value(op, &neg, &mag);
  Py_hash_t h = (Py_hash_t)(mag % PyHASH_MODULUS);
  if (neg) h = -h;
  return h == -1 ? -2 : h;
}

#define CHECK_BINOP(a, b)                                                                          \
  if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED

static PyObject *long_richcompare(PyObject *a, PyObject *b, int op)
{
  CHECK_BINOP(a, b);
  i128 x = value_of(a), y = value_of(b);
  int r;
  switch (op) {
  case Py_LT: r = x < y; break;
  case Py_LE: r = x <= y; break;
  case Py_EQ: r = x == y; break;
  case Py_NE: r = x != y; break;
  case Py_GT: r = x > y; break;
  default: r = x >= y; break;
  }
  return PyBool_FromLong(r);
}

static PyObject *long_add(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  return from_i128(value_of(a) + value_of(b));
}

static PyObject *long_sub(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  return from_i128(value_of(a) - value_of(b));
}

static PyObject *long_mul(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  i128 r;
  if (__builtin_mul_overflow(value_of(a), value_of(b), &r)) return too_big();
  return from_i128(r);
}

/* Python's floor division and modulo: the remainder has the divisor's sign. */
static int floor_divmod(PyObject *a, PyObject *b, i128 *q, i128 *r, const char *by_zero)
{
  i128 x = value_of(a), y = value_of(b);
  if (y == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, by_zero);
    return -1;
  }
  i128 qq = x / y, rr = x % y;
  if (rr != 0 && ((rr < 0) != (y < 0))) {
    qq -= 1;
    rr += y;
  }
  *q = qq;
  *r = rr;
  return 0;
}

static PyObject *long_floordiv(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  i128 q, r;
  if (floor_divmod(a, b, &q, &r, "integer division or modulo by zero") < 0) return NULL;
  return from_i128(q);
}

static PyObject *long_mod(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  i128 q, r;
  if (floor_divmod(a, b, &q, &r, "integer modulo by zero") < 0) return NULL;
  return from_i128(r);
}

static PyObject *long_divmod(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  i128 q, r;
  if (floor_divmod(a, b, &q, &r, "integer division or modulo by zero") < 0) return NULL;
  PyObject *qo = from_i128(q);
  if (qo == NULL) return NULL;
  PyObject *ro = from_i128(r);
  if (ro == NULL) {
    Py_DECREF(qo);
    return NULL;
  }
  PyObject *t = PyTuple_Pack(2, qo, ro);
  Py_DECREF(qo);
  Py_DECREF(ro);
  return t;
}

static PyObject *long_truediv(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  i128 y = value_of(b);
  if (y == 0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
    return NULL;
  }
  return PyFloat_FromDouble((double)value_of(a) / (double)y);
}

static PyObject *long_pow(PyObject *a, PyObject *b, PyObject *c)
{
  CHECK_BINOP(a, b);
  if (c != Py_None && !PyLong_Check(c)) Py_RETURN_NOTIMPLEMENTED;
  i128 base = value_of(a), e = value_of(b);
  if (e < 0) {
    if (c != Py_None) {
      PyErr_SetString(PyExc_ValueError, "base is not invertible for the given modulus");
      return NULL;
    }
    if (base == 0) {
      PyErr_SetString(PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
      return NULL;
    }
    return PyFloat_FromDouble(pow((double)base, (double)e));
  }
  if (c != Py_None) {
    i128 m = value_of(c);
    if (m == 0) {
      PyErr_SetString(PyExc_ValueError, "pow() 3rd argument cannot be 0");
      return NULL;
    }
    i128 am = m < 0 ? -m : m, r = 1 % am, x = ((base % am) + am) % am;
    for (; e > 0; e >>= 1) {
      if (e & 1) r = (i128)(((unsigned __int128)r * (unsigned __int128)x) % (unsigned __int128)am);
      x = (i128)(((unsigned __int128)x * (unsigned __int128)x) % (unsigned __int128)am);
    }
    if (m < 0 && r != 0) r += m;
    return from_i128(r);
  }
  i128 r = 1;
  for (; e > 0; e >>= 1) {
    if ((e & 1) && (__builtin_mul_overflow(r, base, &r) || r > MAG_MAX || r < -MAG_MAX)) return too_big();
    if (e > 1 && (__builtin_mul_overflow(base, base, &base) || base > MAG_MAX || base < -MAG_MAX))
      return too_big();
  }
  return from_i128(r);
}

static PyObject *long_neg(PyObject *a) { return from_i128(-value_of(a)); }
static PyObject *long_pos(PyObject *a) { return from_i128(value_of(a)); }
static PyObject *long_abs(PyObject *a)
{
  i128 v = value_of(a);
  return from_i128(v < 0 ? -v : v);
}
static int long_bool(PyObject *a) { return Py_SIZE(a) != 0; }
static PyObject *long_invert(PyObject *a) { return from_i128(-value_of(a) - 1); }

static PyObject *long_lshift(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  i128 x = value_of(a), n = value_of(b);
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "negative shift count");
    return NULL;
  }
  if (x == 0) return from_i128(0);
  if (n >= 64) return too_big();
  i128 r = x * ((i128)1 << n);
  return from_i128(r);
}

static PyObject *long_rshift(PyObject *a, PyObject *b)
{
  CHECK_BINOP(a, b);
  i128 x = value_of(a), n = value_of(b);
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "negative shift count");
    return NULL;
  }
  if (n >= 100) return from_i128(x < 0 ? -1 : 0);
  return from_i128(x >> n);   /* arithmetic shift: floor, as Python */
}

#define BITOP(name, op)                                                                            \
  static PyObject *name(PyObject *a, PyObject *b)                                                  \
  {                                                                                                \
    CHECK_BINOP(a, b);                                                                             \
    return from_i128(value_of(a) op value_of(b));                                                  \
  }
BITOP(long_and, &)
BITOP(long_or, |)
BITOP(long_xor, ^)

static PyObject *long_long(PyObject *a)
{
  if (PyLong_CheckExact(a)) return Py_NewRef(a);
  return from_i128(value_of(a));
}

static PyObject *long_float(PyObject *a) { return PyFloat_FromDouble((double)value_of(a)); }

static PyObject *long_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  static char *kwlist[] = {(char *)"", (char *)"base", NULL};
  PyObject *x = NULL, *obase = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:int", kwlist, &x, &obase)) return NULL;
  if (x == NULL) return PyLong_FromLong(0);
  if (obase != NULL) {
    long base = PyLong_AsLong(obase);
    if (base == -1 && PyErr_Occurred()) return NULL;
    if (!PyUnicode_Check(x)) return rt_type_error("int() can't convert non-string with explicit base");
    return PyLong_FromUnicodeObject(x, (int)base);
  }
  if (PyUnicode_Check(x)) return PyLong_FromUnicodeObject(x, 10);
  return PyNumber_Long(x);
}

static PyNumberMethods long_as_number = {
    .nb_add = long_add,
    .nb_subtract = long_sub,
    .nb_multiply = long_mul,
    .nb_remainder = long_mod,
    .nb_divmod = long_divmod,
    .nb_power = long_pow,
    .nb_negative = long_neg,
    .nb_positive = long_pos,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_invert = long_invert,
    .nb_lshift = long_lshift,
    .nb_rshift = long_rshift,
    .nb_and = long_and,
    .nb_xor = long_xor,
    .nb_or = long_or,
    .nb_int = long_long,
    .nb_float = long_float,
    .nb_floor_divide = long_floordiv,
    .nb_true_divide = long_truediv,
    .nb_index = long_long,
};

/* --- int's Python-level attributes and methods (what extensions reach through getattr) -------*/
/* int(self): self when exactly an int, else a new int of its value. */
static PyObject *long_self(PyObject *self, void *unused)
{
  (void)unused;
  return PyLong_CheckExact(self) ? Py_NewRef(self) : from_i128(value_of(self));
}
static PyObject *long_conjugate(PyObject *self, PyObject *unused) { return long_self(self, unused); }
static PyObject *long_zero(PyObject *self, void *unused)
{
  (void)self;
  (void)unused;
  return PyLong_FromLong(0);
}
static PyObject *long_one(PyObject *self, void *unused)
{
  (void)self;
  (void)unused;
  return PyLong_FromLong(1);
}

static PyObject *long_bit_length(PyObject *self, PyObject *unused)
{
  (void)unused;
  i128 v = value_of(self);
  unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
  long n = 0;
  for (; m != 0; m >>= 1) n++;
  return PyLong_FromLong(n);
}

/* Whether byteorder names an order (*little set); ValueError otherwise. */
static int byte_order(const char *byteorder, int *little)
{
  if (strcmp(byteorder, "little") == 0) *little = 1;
  else if (strcmp(byteorder, "big") == 0) *little = 0;
  else {
    PyErr_SetString(PyExc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
  }
  return 0;
}

/* to_bytes(length=1, byteorder='big', *, signed=False), CPython 3.11's errors. */
static PyObject *long_to_bytes(PyObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"length", (char *)"byteorder", (char *)"signed", NULL};
  Py_ssize_t length = 1;
  const char *byteorder = "big";
  int is_signed = 0, little;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|ns$p:to_bytes", kwlist, &length, &byteorder, &is_signed) ||
      byte_order(byteorder, &little) < 0)
    return NULL;
  if (length < 0) {
    PyErr_SetString(PyExc_ValueError, "length argument must be non-negative");
    return NULL;
  }
  i128 v = value_of(self);
  if (!is_signed && v < 0) {
    PyErr_SetString(PyExc_OverflowError, "can't convert negative int to unsigned");
    return NULL;
  }
  if (length < 16) {   /* wider always fits: the runtime's ints have at most 65 bits */
    int bits = (int)length * 8;
    i128 lo = is_signed ? -((i128)1 << (bits > 0 ? bits - 1 : 0)) : 0;
    i128 hi = is_signed ? ((i128)1 << (bits > 0 ? bits - 1 : 0)) : ((i128)1 << bits);
    if (bits == 0 ? v != 0 : (v < lo || v >= hi)) {
      PyErr_SetString(PyExc_OverflowError, "int too big to convert");
      return NULL;
    }
  }
  PyObject *r = PyBytes_FromStringAndSize(NULL, length);
  if (r == NULL) return NULL;
  unsigned char *out = (unsigned char *)PyBytes_AS_STRING(r);
  for (Py_ssize_t i = 0; i < length; i++) {
    unsigned char byte = i < 16 ? (unsigned char)(v >> (8 * i)) : (v < 0 ? 0xFF : 0);
    out[little ? i : length - 1 - i] = byte;
  }
  return r;
}

/* from_bytes(bytes, byteorder='big', *, signed=False), a classmethod: cls(value) for a subclass. */
static PyObject *long_from_bytes(PyObject *cls, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"bytes", (char *)"byteorder", (char *)"signed", NULL};
  PyObject *obj;
  const char *byteorder = "big";
  int is_signed = 0, little;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|s$p:from_bytes", kwlist, &obj, &byteorder, &is_signed) ||
      byte_order(byteorder, &little) < 0)
    return NULL;
  PyObject *b = PyObject_Bytes(obj);
  if (b == NULL) return NULL;
  const unsigned char *in = (const unsigned char *)PyBytes_AS_STRING(b);
  Py_ssize_t n = PyBytes_GET_SIZE(b);
  int negative = is_signed && n > 0 && (in[little ? n - 1 : 0] & 0x80);
  unsigned __int128 acc = 0;
  PyObject *r = NULL;
  for (Py_ssize_t k = 0; k < n; k++) {   /* from the most significant byte */
    unsigned char byte = in[little ? n - 1 - k : k];
    if (n - k > 16 && byte != (negative ? 0xFF : 0)) {   /* beyond 128 bits: only sign bytes */
      too_big();
      goto out;
    }
    acc = (acc << 8) | byte;
  }
  if (!negative && (acc >> 127) != 0) {   /* 128 unsigned bits */
    too_big();
    goto out;
  }
  i128 v = (i128)acc;
  if (negative && n < 16) v -= (i128)1 << (8 * n);
  r = from_i128(v);
  if (r != NULL && cls != (PyObject *)&PyLong_Type) Py_SETREF(r, PyObject_CallOneArg(cls, r));
out:
  Py_DECREF(b);
  return r;
}

static PyMethodDef long_methods[] = {
    {"conjugate", long_conjugate, METH_NOARGS, NULL},
    {"bit_length", long_bit_length, METH_NOARGS, NULL},
    {"to_bytes", (PyCFunction)(void (*)(void))long_to_bytes, METH_VARARGS | METH_KEYWORDS, NULL},
    {"from_bytes", (PyCFunction)(void (*)(void))long_from_bytes, METH_VARARGS | METH_KEYWORDS | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef long_getset[] = {
    {"real", long_self, NULL, NULL, NULL},
    {"imag", long_zero, NULL, NULL, NULL},
    {"numerator", long_self, NULL, NULL, NULL},
    {"denominator", long_one, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyLong_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "int",
    .tp_basicsize = offsetof(PyLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr,
    .tp_as_number = &long_as_number,
    .tp_hash = long_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS,
    .tp_richcompare = long_richcompare,
    .tp_methods = long_methods,
    .tp_getset = long_getset,
    .tp_new = long_new,
    .tp_free = PyObject_Free,
};
