/* floatobject.c — float, as CPython's Objects/floatobject.c (no free list: every float is a new
 * object from PyObject_Malloc).
 *
 * repr is the shortest string that reads back to the same double (CPython's repr): the digits of
 * "%.{p}e" for the smallest p that round-trips, laid out as CPython does (exponent notation below
 * 1e-4 and from 1e16, ".0" after integral values). Mixed
 * arithmetic with ints converts the int; comparisons with ints are exact for ints below 2**53 and
 * correct in sign and order beyond (the int is converted to double, which CPython avoids).
 */
#include "rt_capi.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

PyObject *PyFloat_FromDouble(double v)
{
  PyFloatObject *op = (PyFloatObject *)_PyObject_New(&PyFloat_Type);
  if (op == NULL) return NULL;
  op->ob_fval = v;
  return (PyObject *)op;
}

double PyFloat_GetMax(void) { return DBL_MAX; }

/* sys.float_info: a struct sequence of the double's limits (its type is readied on first use). */
static PyTypeObject FloatInfoType;
static PyStructSequence_Field floatinfo_fields[] = {
    {"max", NULL}, {"max_exp", NULL}, {"max_10_exp", NULL}, {"min", NULL}, {"min_exp", NULL},
    {"min_10_exp", NULL}, {"dig", NULL}, {"mant_dig", NULL}, {"epsilon", NULL}, {"radix", NULL},
    {"rounds", NULL}, {NULL, NULL},
};
static PyStructSequence_Desc floatinfo_desc = {"sys.float_info", NULL, floatinfo_fields, 11};

PyObject *PyFloat_GetInfo(void)
{
  if (!(FloatInfoType.tp_flags & Py_TPFLAGS_READY) &&
      PyStructSequence_InitType2(&FloatInfoType, &floatinfo_desc) < 0)
    return NULL;
  PyObject *info = PyStructSequence_New(&FloatInfoType);
  if (info == NULL) return NULL;
  PyObject *values[11] = {
      PyFloat_FromDouble(DBL_MAX), PyLong_FromLong(DBL_MAX_EXP), PyLong_FromLong(DBL_MAX_10_EXP),
      PyFloat_FromDouble(DBL_MIN), PyLong_FromLong(DBL_MIN_EXP), PyLong_FromLong(DBL_MIN_10_EXP),
      PyLong_FromLong(DBL_DIG), PyLong_FromLong(DBL_MANT_DIG), PyFloat_FromDouble(DBL_EPSILON),
      PyLong_FromLong(FLT_RADIX), PyLong_FromLong(FLT_ROUNDS),
  };
  int failed = 0;
  for (int i = 0; i < 11; i++) {
    if (values[i] == NULL) failed = 1;
    PyStructSequence_SET_ITEM(info, i, values[i]);   /* steals; NULL stays empty */
  }
  if (failed) Py_CLEAR(info);
  return info;
}
double PyFloat_GetMin(void) { return DBL_MIN; }

double PyFloat_AsDouble(PyObject *op)
{
  if (op == NULL) {
    (PyErr_BadArgument)();
    return -1.0;
  }
  if (PyFloat_Check(op)) return PyFloat_AS_DOUBLE(op);
  PyNumberMethods *nb = Py_TYPE(op)->tp_as_number;
  if (nb == NULL || (nb->nb_float == NULL && nb->nb_index == NULL)) {
    PyErr_Format(PyExc_TypeError, "must be real number, not %s", Py_TYPE(op)->tp_name);
    return -1.0;
  }
  if (nb->nb_float == NULL) {
    PyObject *i = PyNumber_Index(op);
    if (i == NULL) return -1.0;
    double r = PyLong_AsDouble(i);
    Py_DECREF(i);
    return r;
  }
  PyObject *f = nb->nb_float(op);
  if (f == NULL) return -1.0;
  if (!PyFloat_Check(f)) {
    PyErr_Format(PyExc_TypeError, "%s.__float__ returned non-float (type %s)", Py_TYPE(op)->tp_name,
                 Py_TYPE(f)->tp_name);
    Py_DECREF(f);
    return -1.0;
  }
  double r = PyFloat_AS_DOUBLE(f);
  Py_DECREF(f);
  return r;
}

PyObject *PyFloat_FromString(PyObject *v)
{
  const char *s;
  if (PyUnicode_Check(v)) s = PyUnicode_AsUTF8(v);
  else if (PyBytes_Check(v)) s = PyBytes_AS_STRING(v);
  else return rt_type_error("float() argument must be a string or a real number, not '%.200s'", Py_TYPE(v)->tp_name);
  if (s == NULL) return NULL;
  while (*s == ' ' || *s == '\t' || *s == '\n') s++;
  char *end;
  errno = 0;
  double d = strtod(s, &end);
  while (*end == ' ' || *end == '\t' || *end == '\n') end++;
  if (end == s || *end != '\0') {
    PyErr_Format(PyExc_ValueError, "could not convert string to float: %R", v);
    return NULL;
  }
  return PyFloat_FromDouble(d);
}

/* --- slots -----------------------------------------------------------------------------------------*/
static void float_dealloc(PyObject *op) { Py_TYPE(op)->tp_free(op); }

void rt_double_repr(double v, int add_dot_0, char *buf)
{
  if (isnan(v)) {
    strcpy(buf, "nan");
    return;
  }
  if (isinf(v)) {
    strcpy(buf, v > 0 ? "inf" : "-inf");
    return;
  }
  /* The shortest digits that read back to v: "%.{p}e" for the smallest such p. */
  char e[40];
  for (int prec = 0; prec <= 16; prec++) {
    snprintf(e, sizeof(e), "%.*e", prec, v);
    if (strtod(e, NULL) == v) break;
  }
  char digits[24];
  size_t nd = 0;
  const char *p = e + (e[0] == '-');
  for (; *p != 'e'; p++)
    if (*p != '.') digits[nd++] = *p;
  while (nd > 1 && digits[nd - 1] == '0') nd--;
  digits[nd] = '\0';
  int decpt = atoi(p + 1) + 1;   /* the decimal point's place after the first digit */
  char *out = buf;
  if (signbit(v)) *out++ = '-';
  if (decpt <= -4 || decpt > 16) {   /* CPython's repr: exponent outside [1e-4, 1e16) */
    *out++ = digits[0];
    if (nd > 1) out += sprintf(out, ".%s", digits + 1);
    sprintf(out, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs(decpt - 1));
  } else if (decpt <= 0) {
    out += sprintf(out, "0.");
    for (int i = 0; i < -decpt; i++) *out++ = '0';
    strcpy(out, digits);
  } else if ((size_t)decpt >= nd) {
    out += sprintf(out, "%s", digits);
    for (size_t i = nd; i < (size_t)decpt; i++) *out++ = '0';
    strcpy(out, add_dot_0 ? ".0" : "");
  } else {
    sprintf(out, "%.*s.%s", decpt, digits, digits + decpt);
  }
}

static PyObject *float_repr(PyObject *op)
{
  char buf[RT_DOUBLE_REPR_SIZE];
  rt_double_repr(PyFloat_AS_DOUBLE(op), 1, buf);
  return PyUnicode_FromString(buf);
}

static Py_hash_t float_hash(PyObject *op) { return _Py_HashDouble(op, PyFloat_AS_DOUBLE(op)); }

/* Both operands as doubles: 1, or 0 (NotImplemented), or -1 (error, e.g. an int too large). */
static int as_doubles(PyObject *a, PyObject *b, double *x, double *y)
{
  PyObject *ops[2] = {a, b};
  double *outs[2] = {x, y};
  for (int i = 0; i < 2; i++) {
    if (PyFloat_Check(ops[i])) *outs[i] = PyFloat_AS_DOUBLE(ops[i]);
    else if (PyLong_Check(ops[i])) {
      *outs[i] = PyLong_AsDouble(ops[i]);
      if (*outs[i] == -1.0 && PyErr_Occurred()) return -1;
    } else return 0;
  }
  return 1;
}

#define GET_DOUBLES(a, b, x, y)                                                                    \
  double x, y;                                                                                     \
  {                                                                                                \
    int ok_ = as_doubles(a, b, &x, &y);                                                            \
    if (ok_ < 0) return NULL;                                                                      \
    if (ok_ == 0) Py_RETURN_NOTIMPLEMENTED;                                                        \
  }

static PyObject *float_richcompare(PyObject *a, PyObject *b, int op)
{
  GET_DOUBLES(a, b, x, y);
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

static PyObject *float_add(PyObject *a, PyObject *b)
{
  GET_DOUBLES(a, b, x, y);
  return PyFloat_FromDouble(x + y);
}

static PyObject *float_sub(PyObject *a, PyObject *b)
{
  GET_DOUBLES(a, b, x, y);
  return PyFloat_FromDouble(x - y);
}

static PyObject *float_mul(PyObject *a, PyObject *b)
{
  GET_DOUBLES(a, b, x, y);
  return PyFloat_FromDouble(x * y);
}

static PyObject *float_div(PyObject *a, PyObject *b)
{
  GET_DOUBLES(a, b, x, y);
  if (y == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
    return NULL;
  }
  return PyFloat_FromDouble(x / y);
}

static int float_divmod_values(double x, double y, double *q, double *r)
{
  if (y == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "float modulo");
    return -1;
  }
  double mod = fmod(x, y);
  double div = (x - mod) / y;
  if (mod != 0.0 && ((y < 0) != (mod < 0))) {
    mod += y;
    div -= 1.0;
  }
  *q = floor(div);
  if (div - *q > 0.5) *q += 1.0;
  *r = mod;
  return 0;
}

static PyObject *float_mod(PyObject *a, PyObject *b)
{
  GET_DOUBLES(a, b, x, y);
  double q, r;
  if (float_divmod_values(x, y, &q, &r) < 0) return NULL;
  return PyFloat_FromDouble(r);
}

static PyObject *float_floordiv(PyObject *a, PyObject *b)
{
  GET_DOUBLES(a, b, x, y);
  double q, r;
  if (float_divmod_values(x, y, &q, &r) < 0) return NULL;
  return PyFloat_FromDouble(q);
}

static PyObject *float_divmod(PyObject *a, PyObject *b)
{
  GET_DOUBLES(a, b, x, y);
  double q, r;
  if (float_divmod_values(x, y, &q, &r) < 0) return NULL;
  return Py_BuildValue("(dd)", q, r);
}

static PyObject *float_pow(PyObject *a, PyObject *b, PyObject *c)
{
  if (c != Py_None) {
    PyErr_SetString(PyExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return NULL;
  }
  GET_DOUBLES(a, b, x, y);
  if (x == 0.0 && y < 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return NULL;
  }
  if (x < 0.0 && y != floor(y)) {
    PyErr_SetString(PyExc_ValueError, "negative number cannot be raised to a fractional power");
    return NULL;
  }
  return PyFloat_FromDouble(pow(x, y));
}

static PyObject *float_neg(PyObject *a) { return PyFloat_FromDouble(-PyFloat_AS_DOUBLE(a)); }
static PyObject *float_pos(PyObject *a) { return PyFloat_FromDouble(PyFloat_AS_DOUBLE(a)); }
static PyObject *float_abs(PyObject *a) { return PyFloat_FromDouble(fabs(PyFloat_AS_DOUBLE(a))); }
static int float_bool(PyObject *a) { return PyFloat_AS_DOUBLE(a) != 0.0; }
static PyObject *float_int(PyObject *a) { return PyLong_FromDouble(PyFloat_AS_DOUBLE(a)); }
static PyObject *float_float(PyObject *a)
{
  if (PyFloat_CheckExact(a)) return Py_NewRef(a);
  return PyFloat_FromDouble(PyFloat_AS_DOUBLE(a));
}

static PyObject *float_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)type;
  PyObject *x = NULL;
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) return rt_type_error("float() takes no keyword arguments");
  if (!PyArg_UnpackTuple(args, "float", 0, 1, &x)) return NULL;
  if (x == NULL) return PyFloat_FromDouble(0.0);
  if (PyUnicode_Check(x) || PyBytes_Check(x)) return PyFloat_FromString(x);
  return PyNumber_Float(x);
}

static PyNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_mod,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_pos,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_float,
    .nb_floor_divide = float_floordiv,
    .nb_true_divide = float_div,
};

/* --- float's Python-level attributes and methods ------------------------------------------------*/
static PyObject *float_self(PyObject *self, void *unused)
{
  (void)unused;
  return PyFloat_CheckExact(self) ? Py_NewRef(self) : PyFloat_FromDouble(PyFloat_AS_DOUBLE(self));
}
static PyObject *float_conjugate(PyObject *self, PyObject *unused) { return float_self(self, unused); }
static PyObject *float_zero(PyObject *self, void *unused)
{
  (void)self;
  (void)unused;
  return PyFloat_FromDouble(0.0);
}
static PyObject *float_is_integer(PyObject *self, PyObject *unused)
{
  (void)unused;
  double x = PyFloat_AS_DOUBLE(self);
  return PyBool_FromLong(isfinite(x) && floor(x) == x);
}

static PyMethodDef float_methods[] = {
    {"conjugate", float_conjugate, METH_NOARGS, NULL},
    {"is_integer", float_is_integer, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef float_getset[] = {
    {"real", float_self, NULL, NULL, NULL},
    {"imag", float_zero, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyFloat_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "float",
    .tp_basicsize = sizeof(PyFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr,
    .tp_as_number = &float_as_number,
    .tp_hash = float_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = float_richcompare,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_new = float_new,
    .tp_free = PyObject_Free,
};
