/* structseq.h — named tuples of C (os.stat_result, sys.float_info), as CPython's structseq.h
 * (runtime/structseq.c). A struct sequence is a tuple subtype whose first n_in_sequence items are
 * visible as a tuple and every named field as a read-only attribute. PyStructSequence_New returns
 * an instance whose fields are all NULL: the caller fills each with PyStructSequence_SET_ITEM /
 * PyStructSequence_SetItem, which steal (as PyTuple_SET_ITEM); GetItem borrows.
 */
#ifndef Py_STRUCTSEQ_H
#define Py_STRUCTSEQ_H

#include "object.h"
#include "tupleobject.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PyStructSequence_Field {
  const char *name;
  const char *doc;
} PyStructSequence_Field;

typedef struct PyStructSequence_Desc {
  const char *name;
  const char *doc;
  PyStructSequence_Field *fields;   /* ended by a field whose name is NULL */
  int n_in_sequence;
} PyStructSequence_Desc;

PyAPI_DATA(const char *const) PyStructSequence_UnnamedField;

PyAPI_FUNC(void) PyStructSequence_InitType(PyTypeObject *type, PyStructSequence_Desc *desc);
PyAPI_FUNC(int) PyStructSequence_InitType2(PyTypeObject *type, PyStructSequence_Desc *desc);
PyAPI_FUNC(PyTypeObject *) PyStructSequence_NewType(PyStructSequence_Desc *desc);   /* new */
PyAPI_FUNC(PyObject *) PyStructSequence_New(PyTypeObject *type);                     /* new */
PyAPI_FUNC(void) PyStructSequence_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o); /* steals o */
PyAPI_FUNC(PyObject *) PyStructSequence_GetItem(PyObject *p, Py_ssize_t pos);        /* borrowed */

typedef PyTupleObject PyStructSequence;
#define PyStructSequence_SET_ITEM(op, i, v) PyTuple_SET_ITEM((op), (i), (v))
#define PyStructSequence_GET_ITEM(op, i) PyTuple_GET_ITEM((op), (i))

#ifdef __cplusplus
}
#endif
#endif /* Py_STRUCTSEQ_H */
