/* descrobject.h — getset and member tables and the descriptors built from them, as CPython's
 * descrobject.h (runtime/descrobject.c, runtime/structmember.c).
 *
 * PyType_Ready turns each entry of tp_methods, tp_members and tp_getset into a descriptor in the
 * type's dict. A descriptor holds a borrowed pointer to its (static) table entry and an owned
 * reference to its type. PyMemberDef is defined here, as in CPython 3.12, with the Py_T_* codes;
 * structmember.h adds the older T_* spellings.
 */
#ifndef Py_DESCROBJECT_H
#define Py_DESCROBJECT_H

#include "object.h"
#include "methodobject.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef PyObject *(*getter)(PyObject *, void *);
typedef int (*setter)(PyObject *, PyObject *, void *);

struct PyGetSetDef {
  const char *name;
  getter get;                      /* returns a new reference or NULL with an exception */
  setter set;                      /* NULL: read-only; value NULL means delete */
  const char *doc;
  void *closure;
};
typedef struct PyGetSetDef PyGetSetDef;

struct PyMemberDef {
  const char *name;
  int type;                        /* Py_T_* */
  Py_ssize_t offset;               /* of the member in the instance */
  int flags;                       /* Py_READONLY */
  const char *doc;
};
typedef struct PyMemberDef PyMemberDef;

#define Py_T_SHORT 0
#define Py_T_INT 1
#define Py_T_LONG 2
#define Py_T_FLOAT 3
#define Py_T_DOUBLE 4
#define Py_T_STRING 5
#define _Py_T_OBJECT 6
#define Py_T_CHAR 7
#define Py_T_BYTE 8
#define Py_T_UBYTE 9
#define Py_T_USHORT 10
#define Py_T_UINT 11
#define Py_T_ULONG 12
#define Py_T_STRING_INPLACE 13
#define Py_T_BOOL 14
#define Py_T_OBJECT_EX 16
#define Py_T_LONGLONG 17
#define Py_T_ULONGLONG 18
#define Py_T_PYSSIZET 19
#define _Py_T_NONE 20
#define Py_READONLY 1
#define Py_AUDIT_READ 2
#define Py_RELATIVE_OFFSET 8

/* A member's value as an object: a new reference, or NULL with an exception (AttributeError for
 * an unset Py_T_OBJECT_EX). PyMember_SetOne returns 0 or -1; v is borrowed (NULL deletes). */
PyAPI_FUNC(PyObject *) PyMember_GetOne(const char *obj, PyMemberDef *m);
PyAPI_FUNC(int) PyMember_SetOne(char *obj, PyMemberDef *m, PyObject *v);

PyAPI_DATA(PyTypeObject) PyMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyClassMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyMemberDescr_Type;
PyAPI_DATA(PyTypeObject) PyGetSetDescr_Type;
PyAPI_DATA(PyTypeObject) PyDictProxy_Type;

/* New descriptors (new references), or NULL with an exception set. */
PyAPI_FUNC(PyObject *) PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *ml);
PyAPI_FUNC(PyObject *) PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *ml);
PyAPI_FUNC(PyObject *) PyDescr_NewMember(PyTypeObject *type, PyMemberDef *m);
PyAPI_FUNC(PyObject *) PyDescr_NewGetSet(PyTypeObject *type, PyGetSetDef *gs);
/* Whether a descriptor is a data descriptor (it can set). */
#define PyDescr_IsData(d) (Py_TYPE(d)->tp_descr_set != NULL)
/* A read-only view of a mapping (new reference); the mapping is borrowed (a reference is taken). */
PyAPI_FUNC(PyObject *) PyDictProxy_New(PyObject *mapping);

#ifdef __cplusplus
}
#endif
#endif /* Py_DESCROBJECT_H */
