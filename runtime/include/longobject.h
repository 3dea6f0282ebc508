/* longobject.h — the int object's layout and the small ints, as CPython 3.11's longintrepr.h.
 *
 * Only the layout and the static small ints (-5..256, mortal with real counts) exist in this
 * issue; PyLong_FromLong and friends come with the C-API issue (runtime/longobject.c), which will
 * hand out the small ints through _rt_small_int().
 */
#ifndef Py_LONGOBJECT_H
#define Py_LONGOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t digit;           /* 30-bit digits, as CPython on 64-bit platforms */
#define PyLong_SHIFT 30

struct _longobject {
  PyObject_VAR_HEAD
  digit ob_digit[1];              /* |ob_size| digits, least significant first; sign in ob_size */
};
typedef struct _longobject PyLongObject;

PyAPI_DATA(PyTypeObject) PyLong_Type;
#define PyLong_Check(op) Py_IS_TYPE((op), &PyLong_Type)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)

#define _RT_SMALL_INT_MIN (-5)
#define _RT_SMALL_INT_MAX 256
/* The shared small int for v (borrowed), or NULL when v is outside -5..256. */
PyAPI_FUNC(PyObject *) _rt_small_int(long v);

#ifdef __cplusplus
}
#endif
#endif /* Py_LONGOBJECT_H */
