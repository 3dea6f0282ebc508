/* pystrtod.h — locale-independent conversions between doubles and strings, as CPython's
 * pystrtod.h (runtime/pystrtod.c). PyOS_double_to_string returns a PyMem_Malloc'd string the
 * caller releases with PyMem_Free (NULL with an exception on failure).
 */
#ifndef Py_STRTOD_H
#define Py_STRTOD_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(double) PyOS_string_to_double(const char *str, char **endptr, PyObject *overflow_exception);
PyAPI_FUNC(char *) PyOS_double_to_string(double val, char format_code, int precision, int flags,
                                         int *type);

/* flags */
#define Py_DTSF_SIGN 0x01       /* always a sign */
#define Py_DTSF_ADD_DOT_0 0x02  /* ".0" after an integral result without exponent */
#define Py_DTSF_ALT 0x04        /* the alternate form ("#") */
#define Py_DTSF_NO_NEG_0 0x08   /* negative zero shown as zero */
/* *type */
#define Py_DTST_FINITE 0
#define Py_DTST_INFINITE 1
#define Py_DTST_NAN 2

#ifdef __cplusplus
}
#endif
#endif /* Py_STRTOD_H */
