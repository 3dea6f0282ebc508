/* complexobject.c — complex, as CPython's Objects/complexobject.c: the C arithmetic (_Py_c_*),
 * the object (no free list: every complex is a new object from PyObject_Malloc), its number slots
 * (+ - * / ** with ints and floats, unary - + abs, bool), == and !=, hash, repr, real / imag /
 * conjugate(), and complex(real, imag) / complex("1+2j").
 *
 * Errors are CPython's: division by zero and 0 to a negative or complex power raise
 * ZeroDivisionError, an infinite modulus or power from finite operands OverflowError; ordering
 * and // % are not supported (TypeError through NotImplemented / missing slots).
 */
#include "rt_capi.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- C arithmetic ----------------------------------------------------------------------------------*/
static const Py_complex c_1 = {1.0, 0.0};

Py_complex _Py_c_sum(Py_complex a, Py_complex b)
{
  return (Py_complex){a.real + b.real, a.imag + b.imag};
}

Py_complex _Py_c_diff(Py_complex a, Py_complex b)
{
  return (Py_complex){a.real - b.real, a.imag - b.imag};
}

Py_complex _Py_c_neg(Py_complex a) { return (Py_complex){-a.real, -a.imag}; }

Py_complex _Py_c_prod(Py_complex a, Py_complex b)
{
  return (Py_complex){a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

/* Smith's algorithm, as CPython: scaled by the larger part of b. */
Py_complex _Py_c_quot(Py_complex a, Py_complex b)
{
  Py_complex r;
  double abs_breal = fabs(b.real), abs_bimag = fabs(b.imag);
  if (abs_breal >= abs_bimag) {
    if (abs_breal == 0.0) {
      errno = EDOM;
      r.real = r.imag = 0.0;
    } else {
      double ratio = b.imag / b.real, denom = b.real + b.imag * ratio;
      r.real = (a.real + a.imag * ratio) / denom;
      r.imag = (a.imag - a.real * ratio) / denom;
    }
  } else if (abs_bimag >= abs_breal) {
    double ratio = b.real / b.imag, denom = b.real * ratio + b.imag;
    r.real = (a.real * ratio + a.imag) / denom;
    r.imag = (a.imag * ratio - a.real) / denom;
  } else {   /* a NaN in b */
    r.real = r.imag = NAN;
  }
  return r;
}

Py_complex _Py_c_pow(Py_complex a, Py_complex b)
{
  Py_complex r;
  if (b.real == 0.0 && b.imag == 0.0) return c_1;
  if (a.real == 0.0 && a.imag == 0.0) {
    if (b.imag != 0.0 || b.real < 0.0) errno = EDOM;
    r.real = r.imag = 0.0;
    return r;
  }
  double vabs = hypot(a.real, a.imag), len = pow(vabs, b.real), at = atan2(a.imag, a.real);
  double phase = at * b.real;
  if (b.imag != 0.0) {
    len /= exp(at * b.imag);
    phase += b.imag * log(vabs);
  }
  r.real = len * cos(phase);
  r.imag = len * sin(phase);
  return r;
}

/* x ** n for a small integer n, by squaring (CPython's c_powi). */
static Py_complex c_powu(Py_complex x, long n)
{
  Py_complex r = c_1, p = x;
  for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
    if (n & mask) r = _Py_c_prod(r, p);
    p = _Py_c_prod(p, p);
  }
  return r;
}

static Py_complex c_powi(Py_complex x, long n)
{
  return n > 0 ? c_powu(x, n) : _Py_c_quot(c_1, c_powu(x, -n));
}

double _Py_c_abs(Py_complex z)
{
  errno = 0;
  if (!isfinite(z.real) || !isfinite(z.imag)) {
    if (isinf(z.real)) return fabs(z.real);   /* inf wins over nan */
    if (isinf(z.imag)) return fabs(z.imag);
    return NAN;
  }
  double result = hypot(z.real, z.imag);
  errno = isfinite(result) ? 0 : ERANGE;
  return result;
}

/* --- the object ------------------------------------------------------------------------------------*/
static PyObject *complex_alloc(PyTypeObject *type, Py_complex v)
{
  PyObject *op = type == &PyComplex_Type ? _PyObject_New(type) : type->tp_alloc(type, 0);
  if (op != NULL) ((PyComplexObject *)op)->cval = v;
  return op;
}

PyObject *PyComplex_FromCComplex(Py_complex v) { return complex_alloc(&PyComplex_Type, v); }
PyObject *PyComplex_FromDoubles(double real, double imag)
{
  return PyComplex_FromCComplex((Py_complex){real, imag});
}

double PyComplex_RealAsDouble(PyObject *op)
{
  return PyComplex_Check(op) ? ((PyComplexObject *)op)->cval.real : PyFloat_AsDouble(op);
}

double PyComplex_ImagAsDouble(PyObject *op)
{
  return PyComplex_Check(op) ? ((PyComplexObject *)op)->cval.imag : 0.0;
}

/* op.__complex__() as a new complex, or NULL: with an exception, or without when there is none. */
static PyObject *try_complex_special_method(PyObject *op)
{
  if (rt_type_lookup_str(Py_TYPE(op), "__complex__") == NULL) return NULL;
  PyObject *r = rt_call_method_array(op, "__complex__", NULL, 0);
  if (r != NULL && !PyComplex_Check(r)) {
    PyErr_Format(PyExc_TypeError, "__complex__ returned non-complex (type %.200s)", Py_TYPE(r)->tp_name);
    Py_CLEAR(r);
  }
  return r;
}

Py_complex PyComplex_AsCComplex(PyObject *op)
{
  Py_complex cv = {-1.0, 0.0};
  if (op == NULL) {
    rt_bad_internal_call();
    return cv;
  }
  if (PyComplex_Check(op)) return ((PyComplexObject *)op)->cval;
  PyObject *c = try_complex_special_method(op);
  if (c != NULL) {
    cv = ((PyComplexObject *)c)->cval;
    Py_DECREF(c);
    return cv;
  }
  if (PyErr_Occurred()) return cv;
  cv.real = PyFloat_AsDouble(op);   /* a real number: the imaginary part is 0 */
  return cv;
}

static void complex_dealloc(PyObject *op) { Py_TYPE(op)->tp_free(op); }

static PyObject *complex_repr(PyObject *op)
{
  Py_complex v = ((PyComplexObject *)op)->cval;
  char re[RT_DOUBLE_REPR_SIZE], im[RT_DOUBLE_REPR_SIZE];
  rt_double_repr(v.imag, 0, im);
  if (v.real == 0.0 && copysign(1.0, v.real) == 1.0) return PyUnicode_FromFormat("%sj", im);
  rt_double_repr(v.real, 0, re);
  const char *sign = (im[0] == '-') ? "" : "+";
  return PyUnicode_FromFormat("(%s%s%sj)", re, sign, im);
}

static Py_hash_t complex_hash(PyObject *op)
{
  Py_complex v = ((PyComplexObject *)op)->cval;
  Py_uhash_t hashreal = (Py_uhash_t)_Py_HashDouble(op, v.real);
  if (hashreal == (Py_uhash_t)-1) return -1;
  Py_uhash_t hashimag = (Py_uhash_t)_Py_HashDouble(op, v.imag);
  if (hashimag == (Py_uhash_t)-1) return -1;
  Py_uhash_t combined = hashreal + 1000003UL * hashimag;
  if (combined == (Py_uhash_t)-1) combined = (Py_uhash_t)-2;
  return (Py_hash_t)combined;
}

/* An operand as a C complex: 1, 0 (not a number complex works with: NotImplemented), -1 (error). */
static int to_complex(PyObject *o, Py_complex *out)
{
  if (PyComplex_Check(o)) *out = ((PyComplexObject *)o)->cval;
  else if (PyFloat_Check(o)) *out = (Py_complex){PyFloat_AS_DOUBLE(o), 0.0};
  else if (PyLong_Check(o)) {
    out->real = PyLong_AsDouble(o);
    out->imag = 0.0;
    if (out->real == -1.0 && PyErr_Occurred()) return -1;
  } else return 0;
  return 1;
}

#define GET_COMPLEXES(a, b, x, y)                                                                  \
  Py_complex x, y;                                                                                 \
  do {                                                                                             \
    int ok_ = to_complex(a, &x);                                                                   \
    if (ok_ > 0) ok_ = to_complex(b, &y);                                                          \
    if (ok_ < 0) return NULL;                                                                      \
    if (ok_ == 0) Py_RETURN_NOTIMPLEMENTED;                                                        \
  } while (0)

static PyObject *complex_add(PyObject *a, PyObject *b)
{
  GET_COMPLEXES(a, b, x, y);
  return PyComplex_FromCComplex(_Py_c_sum(x, y));
}

static PyObject *complex_sub(PyObject *a, PyObject *b)
{
  GET_COMPLEXES(a, b, x, y);
  return PyComplex_FromCComplex(_Py_c_diff(x, y));
}

static PyObject *complex_mul(PyObject *a, PyObject *b)
{
  GET_COMPLEXES(a, b, x, y);
  return PyComplex_FromCComplex(_Py_c_prod(x, y));
}

static PyObject *complex_div(PyObject *a, PyObject *b)
{
  GET_COMPLEXES(a, b, x, y);
  errno = 0;
  Py_complex q = _Py_c_quot(x, y);
  if (errno == EDOM) {
    PyErr_SetString(PyExc_ZeroDivisionError, "complex division by zero");
    return NULL;
  }
  return PyComplex_FromCComplex(q);
}

static PyObject *complex_pow(PyObject *a, PyObject *b, PyObject *mod)
{
  GET_COMPLEXES(a, b, x, e);
  if (mod != Py_None) {
    PyErr_SetString(PyExc_ValueError, "complex modulo");
    return NULL;
  }
  errno = 0;
  Py_complex p = (e.imag == 0.0 && e.real == floor(e.real) && fabs(e.real) <= 100.0)
                     ? c_powi(x, (long)e.real)
                     : _Py_c_pow(x, e);
  if (errno == 0 && (isinf(p.real) || isinf(p.imag))) errno = ERANGE;
  if (errno == EDOM) {
    PyErr_SetString(PyExc_ZeroDivisionError, "0.0 to a negative or complex power");
    return NULL;
  }
  if (errno == ERANGE) {
    PyErr_SetString(PyExc_OverflowError, "complex exponentiation");
    return NULL;
  }
  return PyComplex_FromCComplex(p);
}

static PyObject *complex_neg(PyObject *a)
{
  return PyComplex_FromCComplex(_Py_c_neg(((PyComplexObject *)a)->cval));
}

static PyObject *complex_pos(PyObject *a)
{
  if (PyComplex_CheckExact(a)) return Py_NewRef(a);
  return PyComplex_FromCComplex(((PyComplexObject *)a)->cval);
}

static PyObject *complex_abs(PyObject *a)
{
  double r = _Py_c_abs(((PyComplexObject *)a)->cval);
  if (errno == ERANGE) {
    errno = 0;
    PyErr_SetString(PyExc_OverflowError, "absolute value too large");
    return NULL;
  }
  return PyFloat_FromDouble(r);
}

static int complex_bool(PyObject *a)
{
  Py_complex v = ((PyComplexObject *)a)->cval;
  return v.real != 0.0 || v.imag != 0.0;
}

/* == and != with complex, float and int (an int compared exactly, through float == int). */
static PyObject *complex_richcompare(PyObject *v, PyObject *w, int op)
{
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  Py_complex i = ((PyComplexObject *)v)->cval;
  int equal;
  if (PyLong_Check(w)) {
    if (i.imag != 0.0) equal = 0;
    else {
      PyObject *re = PyFloat_FromDouble(i.real);
      if (re == NULL) return NULL;
      equal = PyObject_RichCompareBool(re, w, Py_EQ);
      Py_DECREF(re);
      if (equal < 0) return NULL;
    }
  } else if (PyFloat_Check(w)) {
    equal = i.real == PyFloat_AS_DOUBLE(w) && i.imag == 0.0;
  } else if (PyComplex_Check(w)) {
    Py_complex j = ((PyComplexObject *)w)->cval;
    equal = i.real == j.real && i.imag == j.imag;
  } else {
    Py_RETURN_NOTIMPLEMENTED;
  }
  return Py_NewRef((equal == (op == Py_EQ)) ? Py_True : Py_False);
}

static PyObject *complex_conjugate(PyObject *self, PyObject *unused)
{
  (void)unused;
  Py_complex v = ((PyComplexObject *)self)->cval;
  return PyComplex_FromDoubles(v.real, -v.imag);
}

/* complex("...") as CPython accepts it: optional parentheses and spaces around "a", "bj", "a+bj",
 * "a-j", "j". 1 parsed, 0 malformed. */
static int parse_complex(const char *s, Py_complex *out)
{
  double x = 0.0, y = 0.0, z;
  int got_bracket = 0;
  char *end;
  while (isspace((unsigned char)*s)) s++;
  if (*s == '(') {
    got_bracket = 1;
    s++;
    while (isspace((unsigned char)*s)) s++;
  }
  z = strtod(s, &end);
  if (end != s) {
    s = end;
    if (*s == '+' || *s == '-') {   /* real part, then the imaginary one */
      x = z;
      y = strtod(s, &end);
      if (end != s) {
        s = end;
      } else {   /* "a+j": a sign alone stands for 1 */
        y = *s == '+' ? 1.0 : -1.0;
        s++;
      }
      if (*s != 'j' && *s != 'J') return 0;
      s++;
    } else if (*s == 'j' || *s == 'J') {
      s++;
      y = z;
    } else {
      x = z;
    }
  } else {   /* "j", "+j", "-j" */
    if (*s == '+' || *s == '-') y = *s++ == '+' ? 1.0 : -1.0;
    else y = 1.0;
    if (*s != 'j' && *s != 'J') return 0;
    s++;
  }
  while (isspace((unsigned char)*s)) s++;
  if (got_bracket) {
    if (*s != ')') return 0;
    s++;
    while (isspace((unsigned char)*s)) s++;
  }
  if (*s != '\0') return 0;
  *out = (Py_complex){x, y};
  return 1;
}

static PyObject *complex_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"real", (char *)"imag", NULL};
  PyObject *r = NULL, *i = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:complex", kwlist, &r, &i)) return NULL;
  if (r == NULL) return complex_alloc(type, (Py_complex){0.0, 0.0});
  if (PyUnicode_Check(r)) {
    if (i != NULL) return rt_type_error("complex() can't take second arg if first is a string");
    Py_complex v;
    if (!parse_complex(PyUnicode_AsUTF8(r), &v)) {
      PyErr_SetString(PyExc_ValueError, "complex() arg is a malformed string");
      return NULL;
    }
    return complex_alloc(type, v);
  }
  if (i != NULL && PyUnicode_Check(i)) return rt_type_error("complex() second arg can't be a string");
  if (i == NULL && PyComplex_CheckExact(r) && type == &PyComplex_Type) return Py_NewRef(r);
  PyNumberMethods *nr = Py_TYPE(r)->tp_as_number;
  if (!PyComplex_Check(r) && (nr == NULL || (nr->nb_float == NULL && nr->nb_index == NULL)) &&
      rt_type_lookup_str(Py_TYPE(r), "__complex__") == NULL)
    return rt_type_error("complex() first argument must be a string or a number, not '%.200s'",
                         Py_TYPE(r)->tp_name);
  Py_complex cr = PyComplex_AsCComplex(r), ci = {0.0, 0.0};
  if (PyErr_Occurred()) return NULL;
  if (i != NULL) {
    PyNumberMethods *ni = Py_TYPE(i)->tp_as_number;
    if (!PyComplex_Check(i) && (ni == NULL || (ni->nb_float == NULL && ni->nb_index == NULL)))
      return rt_type_error("complex() second argument must be a number, not '%.200s'",
                           Py_TYPE(i)->tp_name);
    ci = PyComplex_AsCComplex(i);
    if (PyErr_Occurred()) return NULL;
  }
  /* real + imag * 1j, the parts of each complex argument kept */
  return complex_alloc(type, (Py_complex){cr.real - ci.imag, cr.imag + ci.real});
}

static PyMethodDef complex_methods[] = {
    {"conjugate", complex_conjugate, METH_NOARGS, "Return the complex conjugate of its argument."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef complex_members[] = {
    {"real", Py_T_DOUBLE, offsetof(PyComplexObject, cval.real), Py_READONLY, "the real part"},
    {"imag", Py_T_DOUBLE, offsetof(PyComplexObject, cval.imag), Py_READONLY, "the imaginary part"},
    {NULL, 0, 0, 0, NULL},
};

static PyNumberMethods complex_as_number = {
    .nb_add = complex_add,
    .nb_subtract = complex_sub,
    .nb_multiply = complex_mul,
    .nb_power = complex_pow,
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_bool,
    .nb_true_divide = complex_div,
};

PyTypeObject PyComplex_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "complex",
    .tp_basicsize = sizeof(PyComplexObject),
    .tp_dealloc = complex_dealloc,
    .tp_repr = complex_repr,
    .tp_as_number = &complex_as_number,
    .tp_hash = complex_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = complex_richcompare,
    .tp_methods = complex_methods,
    .tp_members = complex_members,
    .tp_new = complex_new,
    .tp_free = PyObject_Free,
};
