/* complexobject.h — complex, as CPython's complexobject.h (runtime/complexobject.c).
 * A complex is immutable and holds two doubles; the _Py_c_* functions are C arithmetic on
 * Py_complex values and report a domain error through errno (EDOM), as CPython's do.
 */
#ifndef Py_COMPLEXOBJECT_H
#define Py_COMPLEXOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  double real;
  double imag;
} Py_complex;

typedef struct {
  PyObject_HEAD
  Py_complex cval;
} PyComplexObject;

PyAPI_DATA(PyTypeObject) PyComplex_Type;
#define PyComplex_Check(op) PyObject_TypeCheck((op), &PyComplex_Type)
#define PyComplex_CheckExact(op) Py_IS_TYPE((op), &PyComplex_Type)

PyAPI_FUNC(Py_complex) _Py_c_sum(Py_complex a, Py_complex b);
PyAPI_FUNC(Py_complex) _Py_c_diff(Py_complex a, Py_complex b);
PyAPI_FUNC(Py_complex) _Py_c_neg(Py_complex a);
PyAPI_FUNC(Py_complex) _Py_c_prod(Py_complex a, Py_complex b);
PyAPI_FUNC(Py_complex) _Py_c_quot(Py_complex a, Py_complex b);   /* b == 0: errno = EDOM */
PyAPI_FUNC(Py_complex) _Py_c_pow(Py_complex a, Py_complex b);    /* 0 ** negative: EDOM */
PyAPI_FUNC(double) _Py_c_abs(Py_complex a);

PyAPI_FUNC(PyObject *) PyComplex_FromCComplex(Py_complex v);                /* new */
PyAPI_FUNC(PyObject *) PyComplex_FromDoubles(double real, double imag);     /* new */
PyAPI_FUNC(double) PyComplex_RealAsDouble(PyObject *op);   /* -1.0 with an exception on error */
PyAPI_FUNC(double) PyComplex_ImagAsDouble(PyObject *op);   /* 0.0 for a non-complex */
PyAPI_FUNC(Py_complex) PyComplex_AsCComplex(PyObject *op); /* real -1.0 with an exception */

#ifdef __cplusplus
}
#endif
#endif /* Py_COMPLEXOBJECT_H */
