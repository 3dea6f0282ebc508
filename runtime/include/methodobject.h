/* methodobject.h — built-in functions: PyMethodDef tables and the objects that call them, as
 * CPython's methodobject.h (runtime/methodobject.c).
 *
 * A PyCFunctionObject holds its PyMethodDef (borrowed: method tables are static), an owned self
 * (the module or the bound instance, or NULL) and an owned module name. Calling one checks the
 * arguments against ml_flags as CPython does (METH_NOARGS takes none, METH_O exactly one, only
 * METH_KEYWORDS accepts keywords) and then checks the result: NULL without an exception, or a
 * result with an exception set, becomes SystemError (CPython's _Py_CheckFunctionResult).
 */
#ifndef Py_METHODOBJECT_H
#define Py_METHODOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef PyObject *(*_PyCFunctionFast)(PyObject *, PyObject *const *, Py_ssize_t);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*_PyCFunctionFastWithKeywords)(PyObject *, PyObject *const *, Py_ssize_t,
                                                  PyObject *);
typedef PyObject *(*PyCMethod)(PyObject *, PyTypeObject *, PyObject *const *, size_t, PyObject *);
typedef _PyCFunctionFast PyCFunctionFast;
typedef _PyCFunctionFastWithKeywords PyCFunctionFastWithKeywords;

struct PyMethodDef {
  const char *ml_name;             /* static storage */
  PyCFunction ml_meth;             /* cast to the signature ml_flags selects */
  int ml_flags;                    /* METH_* */
  const char *ml_doc;
};
typedef struct PyMethodDef PyMethodDef;

#define METH_VARARGS 0x0001
#define METH_KEYWORDS 0x0002
#define METH_NOARGS 0x0004
#define METH_O 0x0008
#define METH_CLASS 0x0010
#define METH_STATIC 0x0020
#define METH_COEXIST 0x0040
#define METH_FASTCALL 0x0080
#define METH_STACKLESS 0x0000
#define METH_METHOD 0x0200

typedef struct {
  PyObject_HEAD
  PyMethodDef *m_ml;               /* borrowed (static table) */
  PyObject *m_self;                /* owned or NULL */
  PyObject *m_module;              /* owned or NULL: __module__ */
  PyObject *m_weakreflist;         /* always NULL (no weak references) */
  vectorcallfunc vectorcall;
} PyCFunctionObject;

typedef struct {
  PyCFunctionObject func;
  PyTypeObject *mm_class;          /* owned: the class that defines the method (METH_METHOD) */
} PyCMethodObject;

PyAPI_DATA(PyTypeObject) PyCFunction_Type;
PyAPI_DATA(PyTypeObject) PyCMethod_Type;
#define PyCFunction_CheckExact(op) Py_IS_TYPE((op), &PyCFunction_Type)
#define PyCFunction_Check(op) (PyCFunction_CheckExact(op) || PyObject_TypeCheck((op), &PyCFunction_Type))
#define PyCMethod_Check(op) PyObject_TypeCheck((op), &PyCMethod_Type)

/* New references, or NULL with an exception set. self and module are borrowed (a reference is
 * taken). ml must outlive the function (a static table). */
PyAPI_FUNC(PyObject *) PyCFunction_New(PyMethodDef *ml, PyObject *self);
PyAPI_FUNC(PyObject *) PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module);
PyAPI_FUNC(PyObject *) PyCMethod_New(PyMethodDef *ml, PyObject *self, PyObject *module,
                                     PyTypeObject *cls);
#define PyCFunction_New(ML, SELF) PyCFunction_NewEx((ML), (SELF), NULL)
#define PyCFunction_NewEx(ML, SELF, MOD) PyCMethod_New((ML), (SELF), (MOD), NULL)

PyAPI_FUNC(PyCFunction) PyCFunction_GetFunction(PyObject *op);
PyAPI_FUNC(PyObject *) PyCFunction_GetSelf(PyObject *op);   /* borrowed */
PyAPI_FUNC(int) PyCFunction_GetFlags(PyObject *op);
PyAPI_FUNC(PyObject *) PyCFunction_Call(PyObject *callable, PyObject *args, PyObject *kwargs);

#define PyCFunction_GET_FUNCTION(func) (((PyCFunctionObject *)(func))->m_ml->ml_meth)
#define PyCFunction_GET_SELF(func)                                                                 \
  ((((PyCFunctionObject *)(func))->m_ml->ml_flags & METH_STATIC) ? NULL                           \
                                                                  : ((PyCFunctionObject *)(func))->m_self)
#define PyCFunction_GET_FLAGS(func) (((PyCFunctionObject *)(func))->m_ml->ml_flags)
#define PyCFunction_GET_CLASS(func)                                                                \
  ((((PyCFunctionObject *)(func))->m_ml->ml_flags & METH_METHOD)                                  \
       ? ((PyCMethodObject *)(func))->mm_class                                                     \
       : NULL)

#ifdef __cplusplus
}
#endif
#endif /* Py_METHODOBJECT_H */
