/* object.h — PyObject and PyVarObject heads and reference counting, as CPython's object.h.
 *
 * The heads are laid out as CPython's (ob_refcnt, ob_type, then ob_size for variable-size
 * objects). Every count is real: the singletons (None, True, False, NotImplemented, Ellipsis) and
 * the small ints are mortal here, so a missing Py_INCREF(Py_None) is seen (see docs/runtime.md).
 *
 * Two builds of the same macros:
 *  - release (rc_runtime): Py_INCREF / Py_DECREF are inline increments and decrements, exactly as
 *    CPython 3.11's release build; Py_DECREF deallocates through tp_dealloc when the count reaches 0.
 *  - oracle (PYREFCHECK_ORACLE defined, rc_runtime_oracle): each macro calls the runtime with the
 *    caller's __FILE__/__LINE__, which checks NULL, freed objects and counts below zero, records the
 *    site in the object's ledger and reports defects instead of crashing.
 * Invariant: a live object has ob_refcnt >= 1 except inside its own tp_dealloc.
 */
#ifndef Py_OBJECT_H
#define Py_OBJECT_H

#include <stdio.h>
#include "pyport.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _object PyObject;
typedef struct _typeobject PyTypeObject;

struct _object {
  Py_ssize_t ob_refcnt;            /* owned references; the object is freed when it reaches 0 */
  PyTypeObject *ob_type;           /* borrowed for static types */
};

typedef struct {
  PyObject ob_base;
  Py_ssize_t ob_size;              /* number of items of a variable-size object */
} PyVarObject;

#define PyObject_HEAD PyObject ob_base;
#define PyObject_VAR_HEAD PyVarObject ob_base;
#define PyObject_HEAD_INIT(type) {1, (type)},
#define PyVarObject_HEAD_INIT(type, size) {PyObject_HEAD_INIT(type)(size)},

#define _PyObject_CAST(op) ((PyObject *)(op))
#define _PyVarObject_CAST(op) ((PyVarObject *)(op))

/* --- slot function types ----------------------------------------------------------------------*/
typedef PyObject *(*unaryfunc)(PyObject *);
typedef PyObject *(*binaryfunc)(PyObject *, PyObject *);
typedef PyObject *(*ternaryfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*inquiry)(PyObject *);
typedef Py_ssize_t (*lenfunc)(PyObject *);
typedef void (*destructor)(PyObject *);
typedef void (*freefunc)(void *);
typedef int (*visitproc)(PyObject *, void *);
typedef int (*traverseproc)(PyObject *, visitproc, void *);
typedef PyObject *(*getattrfunc)(PyObject *, char *);
typedef int (*setattrfunc)(PyObject *, char *, PyObject *);
typedef PyObject *(*getattrofunc)(PyObject *, PyObject *);
typedef int (*setattrofunc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*reprfunc)(PyObject *);
typedef Py_hash_t (*hashfunc)(PyObject *);
typedef PyObject *(*richcmpfunc)(PyObject *, PyObject *, int);
typedef PyObject *(*getiterfunc)(PyObject *);
typedef PyObject *(*iternextfunc)(PyObject *);
typedef PyObject *(*descrgetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*descrsetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*initproc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*newfunc)(PyTypeObject *, PyObject *, PyObject *);
typedef PyObject *(*allocfunc)(PyTypeObject *, Py_ssize_t);
typedef PyObject *(*vectorcallfunc)(PyObject *, PyObject *const *, size_t, PyObject *);

#include "cpython/object.h"

/* --- type flags (CPython's values) ------------------------------------------------------------*/
#define Py_TPFLAGS_MANAGED_DICT (1UL << 4)
#define Py_TPFLAGS_SEQUENCE (1UL << 5)
#define Py_TPFLAGS_MAPPING (1UL << 6)
#define Py_TPFLAGS_DISALLOW_INSTANTIATION (1UL << 7)
#define Py_TPFLAGS_IMMUTABLETYPE (1UL << 8)
#define Py_TPFLAGS_HEAPTYPE (1UL << 9)
#define Py_TPFLAGS_BASETYPE (1UL << 10)
#define Py_TPFLAGS_HAVE_VECTORCALL (1UL << 11)
#define Py_TPFLAGS_READY (1UL << 12)
#define Py_TPFLAGS_READYING (1UL << 13)
#define Py_TPFLAGS_HAVE_GC (1UL << 14)
#define Py_TPFLAGS_HAVE_STACKLESS_EXTENSION 0UL
#define Py_TPFLAGS_METHOD_DESCRIPTOR (1UL << 17)
#define Py_TPFLAGS_HAVE_VERSION_TAG (1UL << 18)
#define Py_TPFLAGS_VALID_VERSION_TAG (1UL << 19)
#define Py_TPFLAGS_IS_ABSTRACT (1UL << 20)
#define Py_TPFLAGS_LONG_SUBCLASS (1UL << 24)
#define Py_TPFLAGS_LIST_SUBCLASS (1UL << 25)
#define Py_TPFLAGS_TUPLE_SUBCLASS (1UL << 26)
#define Py_TPFLAGS_BYTES_SUBCLASS (1UL << 27)
#define Py_TPFLAGS_UNICODE_SUBCLASS (1UL << 28)
#define Py_TPFLAGS_DICT_SUBCLASS (1UL << 29)
#define Py_TPFLAGS_BASE_EXC_SUBCLASS (1UL << 30)
#define Py_TPFLAGS_TYPE_SUBCLASS (1UL << 31)
#define Py_TPFLAGS_HAVE_FINALIZE (1UL << 0)
#define Py_TPFLAGS_DEFAULT 0UL

#define PyType_HasFeature(t, f) (((t)->tp_flags & (f)) != 0)
#define PyType_FastSubclass(t, f) PyType_HasFeature((t), (f))
#define PyType_IS_GC(t) PyType_HasFeature((t), Py_TPFLAGS_HAVE_GC)

/* --- accessors ----------------------------------------------------------------------------------*/
static inline Py_ssize_t _Py_REFCNT(PyObject *ob) { return ob->ob_refcnt; }
static inline PyTypeObject *_Py_TYPE(PyObject *ob) { return ob->ob_type; }
static inline Py_ssize_t _Py_SIZE(PyObject *ob) { return ((PyVarObject *)ob)->ob_size; }
static inline int _Py_IS_TYPE(PyObject *ob, PyTypeObject *type) { return ob->ob_type == type; }
static inline void _Py_SET_REFCNT(PyObject *ob, Py_ssize_t refcnt) { ob->ob_refcnt = refcnt; }
static inline void _Py_SET_TYPE(PyObject *ob, PyTypeObject *type) { ob->ob_type = type; }
static inline void _Py_SET_SIZE(PyVarObject *ob, Py_ssize_t size) { ob->ob_size = size; }

#define Py_REFCNT(ob) _Py_REFCNT(_PyObject_CAST(ob))
#define Py_TYPE(ob) _Py_TYPE(_PyObject_CAST(ob))
#define Py_SIZE(ob) _Py_SIZE(_PyObject_CAST(ob))
#define Py_IS_TYPE(ob, type) _Py_IS_TYPE(_PyObject_CAST(ob), (type))
#define Py_SET_REFCNT(ob, refcnt) _Py_SET_REFCNT(_PyObject_CAST(ob), (refcnt))
#define Py_SET_TYPE(ob, type) _Py_SET_TYPE(_PyObject_CAST(ob), (type))
#define Py_SET_SIZE(ob, size) _Py_SET_SIZE(_PyVarObject_CAST(ob), (size))
#define Py_Is(x, y) ((x) == (y))

/* --- reference counting -------------------------------------------------------------------------*/
/* Calls tp_dealloc of an object whose count reached zero. Never fails. */
PyAPI_FUNC(void) _Py_Dealloc(PyObject *op);
PyAPI_FUNC(void) Py_IncRef(PyObject *op);   /* Py_XINCREF as a function */
PyAPI_FUNC(void) Py_DecRef(PyObject *op);   /* Py_XDECREF as a function */

/* Checked forms, used by the oracle macros (and available in both libraries). They report NULL,
 * freed objects and counts below zero as defects with the given site, and never crash on them. */
PyAPI_FUNC(void) _rt_Py_IncRef_At(PyObject *op, const char *file, int line);
PyAPI_FUNC(void) _rt_Py_DecRef_At(PyObject *op, const char *file, int line);
PyAPI_FUNC(void) _rt_Py_XIncRef_At(PyObject *op, const char *file, int line);
PyAPI_FUNC(void) _rt_Py_XDecRef_At(PyObject *op, const char *file, int line);
PyAPI_FUNC(PyObject *) _rt_Py_NewRef_At(PyObject *op, const char *file, int line);
PyAPI_FUNC(PyObject *) _rt_Py_XNewRef_At(PyObject *op, const char *file, int line);

#if defined(PYREFCHECK_ORACLE)
#  define Py_INCREF(op) _rt_Py_IncRef_At(_PyObject_CAST(op), __FILE__, __LINE__)
#  define Py_DECREF(op) _rt_Py_DecRef_At(_PyObject_CAST(op), __FILE__, __LINE__)
#  define Py_XINCREF(op) _rt_Py_XIncRef_At(_PyObject_CAST(op), __FILE__, __LINE__)
#  define Py_XDECREF(op) _rt_Py_XDecRef_At(_PyObject_CAST(op), __FILE__, __LINE__)
#  define Py_NewRef(op) _rt_Py_NewRef_At(_PyObject_CAST(op), __FILE__, __LINE__)
#  define Py_XNewRef(op) _rt_Py_XNewRef_At(_PyObject_CAST(op), __FILE__, __LINE__)
#else
static inline void _Py_INCREF(PyObject *op) { op->ob_refcnt++; }
static inline void _Py_DECREF(PyObject *op)
{
  if (--op->ob_refcnt == 0) _Py_Dealloc(op);
}
static inline void _Py_XINCREF(PyObject *op)
{
  if (op != NULL) _Py_INCREF(op);
}
static inline void _Py_XDECREF(PyObject *op)
{
  if (op != NULL) _Py_DECREF(op);
}
static inline PyObject *_Py_NewRef(PyObject *op)
{
  _Py_INCREF(op);
  return op;
}
static inline PyObject *_Py_XNewRef(PyObject *op)
{
  _Py_XINCREF(op);
  return op;
}
#  define Py_INCREF(op) _Py_INCREF(_PyObject_CAST(op))
#  define Py_DECREF(op) _Py_DECREF(_PyObject_CAST(op))
#  define Py_XINCREF(op) _Py_XINCREF(_PyObject_CAST(op))
#  define Py_XDECREF(op) _Py_XDECREF(_PyObject_CAST(op))
#  define Py_NewRef(op) _Py_NewRef(_PyObject_CAST(op))
#  define Py_XNewRef(op) _Py_XNewRef(_PyObject_CAST(op))
#endif

/* Sets op to NULL before releasing the old value, so a destructor that looks at op sees NULL. */
#define Py_CLEAR(op)                                                                               \
  do {                                                                                             \
    PyObject *_py_tmp = _PyObject_CAST(op);                                                        \
    if (_py_tmp != NULL) {                                                                         \
      (op) = NULL;                                                                                 \
      Py_DECREF(_py_tmp);                                                                          \
    }                                                                                              \
  } while (0)

/* Stores src (a new reference, stolen) in dst, then releases the old value of dst. */
#define Py_SETREF(dst, src)                                                                        \
  do {                                                                                             \
    PyObject *_py_tmp = _PyObject_CAST(dst);                                                       \
    (dst) = (src);                                                                                 \
    Py_DECREF(_py_tmp);                                                                            \
  } while (0)

#define Py_XSETREF(dst, src)                                                                       \
  do {                                                                                             \
    PyObject *_py_tmp = _PyObject_CAST(dst);                                                       \
    (dst) = (src);                                                                                 \
    Py_XDECREF(_py_tmp);                                                                           \
  } while (0)

/* The type of types and the root of every type (runtime/typeobject.c). */
PyAPI_DATA(PyTypeObject) PyType_Type;
PyAPI_DATA(PyTypeObject) PyBaseObject_Type;
#define PyType_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS)
#define PyType_CheckExact(op) Py_IS_TYPE((op), &PyType_Type)

/* --- singletons (static, mortal, with real counts) ----------------------------------------------*/
PyAPI_DATA(PyObject) _Py_NoneStruct;
PyAPI_DATA(PyObject) _Py_NotImplementedStruct;
PyAPI_DATA(PyObject) _Py_EllipsisObject;
PyAPI_DATA(PyTypeObject) _PyNone_Type;
PyAPI_DATA(PyTypeObject) _PyNotImplemented_Type;
PyAPI_DATA(PyTypeObject) PyEllipsis_Type;
PyAPI_DATA(PyTypeObject) PySuper_Type;   /* built-in 'super' (runtime/superobject.c) */

#define Py_None (&_Py_NoneStruct)
#define Py_NotImplemented (&_Py_NotImplementedStruct)
#define Py_Ellipsis (&_Py_EllipsisObject)
#define Py_IsNone(x) Py_Is((x), Py_None)

#define Py_RETURN_NONE return Py_NewRef(Py_None)
#define Py_RETURN_NOTIMPLEMENTED return Py_NewRef(Py_NotImplemented)

/* Rich comparison opcodes. */
#define Py_LT 0
#define Py_LE 1
#define Py_EQ 2
#define Py_NE 3
#define Py_GT 4
#define Py_GE 5

/* The trashcan bounds the C recursion of deallocating deep structures in CPython; the runtime
 * deallocates directly, so the macros only keep the block structure extensions wrap around their
 * tp_dealloc body. */
#define Py_TRASHCAN_BEGIN_CONDITION(op, cond)                                                      \
  do {                                                                                             \
    (void)(op);                                                                                    \
    (void)(cond);
#define Py_TRASHCAN_BEGIN(op, dealloc) Py_TRASHCAN_BEGIN_CONDITION((op), ((void)(dealloc), 1))
#define Py_TRASHCAN_END } while (0);
#define Py_TRASHCAN_SAFE_BEGIN(op) {
#define Py_TRASHCAN_SAFE_END(op) }

/* Returns the comparison of two C values as Py_True / Py_False (a new reference). */
#define Py_RETURN_RICHCOMPARE(val1, val2, op)                                                      \
  do {                                                                                             \
    switch (op) {                                                                                  \
    case Py_EQ: if ((val1) == (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;                             \
    case Py_NE: if ((val1) != (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;                             \
    case Py_LT: if ((val1) < (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;                              \
    case Py_GT: if ((val1) > (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;                              \
    case Py_LE: if ((val1) <= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;                             \
    case Py_GE: if ((val1) >= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;                             \
    default: Py_UNREACHABLE();                                                                     \
    }                                                                                              \
  } while (0)

/* --- types: readying, specs, slots (runtime/typeobject.c, runtime/typespec.c) ------------------
 * PyType_Ready fills a static type's inherited slots and its dict of descriptors; 0, or -1 with an
 * exception set (the type stays unready). The FromSpec family returns a new heap type (a new
 * reference) or NULL with an exception set; the bases argument is borrowed. */
struct PyModuleDef;
typedef struct {
  int slot;                        /* Py_tp_*, Py_nb_*, ... (typeslots.h) */
  void *pfunc;
} PyType_Slot;

typedef struct {
  const char *name;                /* "module.Name"; copied */
  int basicsize;
  int itemsize;
  unsigned int flags;
  PyType_Slot *slots;              /* terminated by {0, NULL} */
} PyType_Spec;

PyAPI_FUNC(int) PyType_Ready(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_FromSpec(PyType_Spec *spec);
PyAPI_FUNC(PyObject *) PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases);
PyAPI_FUNC(PyObject *) PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec,
                                                PyObject *bases);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(PyObject *) PyType_FromMetaclass(PyTypeObject *metaclass, PyObject *module,
                                            PyType_Spec *spec, PyObject *bases);
#endif
PyAPI_FUNC(void *) PyType_GetSlot(PyTypeObject *type, int slot);
PyAPI_FUNC(PyObject *) PyType_GetModule(PyTypeObject *type);        /* borrowed */
PyAPI_FUNC(void *) PyType_GetModuleState(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_GetModuleByDef(PyTypeObject *type, struct PyModuleDef *def);
PyAPI_FUNC(PyObject *) PyType_GetName(PyTypeObject *type);          /* new */
PyAPI_FUNC(PyObject *) PyType_GetQualName(PyTypeObject *type);      /* new */
PyAPI_FUNC(unsigned long) PyType_GetFlags(PyTypeObject *type);
PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b);
PyAPI_FUNC(PyObject *) PyType_GenericNew(PyTypeObject *type, PyObject *args, PyObject *kwds);
PyAPI_FUNC(void) PyType_Modified(PyTypeObject *type);
PyAPI_FUNC(PyObject *) _PyType_Lookup(PyTypeObject *type, PyObject *name);   /* borrowed */
#define PyObject_TypeCheck(ob, type) (Py_IS_TYPE((ob), (type)) || PyType_IsSubtype(Py_TYPE(ob), (type)))

/* --- the generic object protocol (runtime/objprotocol.c) -----------------------------------------
 * Every function returning PyObject * returns a new reference, or NULL with an exception set;
 * every int-returning one returns -1 with an exception set on failure. Arguments are borrowed. */
PyAPI_FUNC(PyObject *) PyObject_Repr(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Str(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_ASCII(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Bytes(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_RichCompare(PyObject *a, PyObject *b, int op);
PyAPI_FUNC(int) PyObject_RichCompareBool(PyObject *a, PyObject *b, int op);
PyAPI_FUNC(PyObject *) PyObject_GetAttrString(PyObject *o, const char *name);
PyAPI_FUNC(int) PyObject_SetAttrString(PyObject *o, const char *name, PyObject *v);
PyAPI_FUNC(int) PyObject_DelAttrString(PyObject *o, const char *name);
PyAPI_FUNC(int) PyObject_HasAttrString(PyObject *o, const char *name);  /* never fails */
PyAPI_FUNC(PyObject *) PyObject_GetAttr(PyObject *o, PyObject *name);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyObject_GetOptionalAttr(PyObject *o, PyObject *name, PyObject **result);
PyAPI_FUNC(int) PyObject_GetOptionalAttrString(PyObject *o, const char *name, PyObject **result);
#endif
PyAPI_FUNC(int) PyObject_SetAttr(PyObject *o, PyObject *name, PyObject *v);
PyAPI_FUNC(int) PyObject_DelAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_HasAttr(PyObject *o, PyObject *name);          /* never fails */
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyObject_HasAttrWithError(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_HasAttrStringWithError(PyObject *o, const char *name);
#endif
PyAPI_FUNC(PyObject *) PyObject_GenericGetAttr(PyObject *o, PyObject *name);
/* 3.11's private PyObject_GetOptionalAttr: 1 (new reference), 0 (absent), -1 (error). */
PyAPI_FUNC(int) _PyObject_LookupAttr(PyObject *obj, PyObject *name, PyObject **result);
PyAPI_FUNC(int) PyObject_GenericSetAttr(PyObject *o, PyObject *name, PyObject *v);
PyAPI_FUNC(PyObject *) PyObject_GenericGetDict(PyObject *o, void *context);
PyAPI_FUNC(int) PyObject_GenericSetDict(PyObject *o, PyObject *value, void *context);
PyAPI_FUNC(PyObject **) _PyObject_GetDictPtr(PyObject *o);
PyAPI_FUNC(Py_hash_t) PyObject_Hash(PyObject *o);
PyAPI_FUNC(Py_hash_t) PyObject_HashNotImplemented(PyObject *o);
PyAPI_FUNC(int) PyObject_IsTrue(PyObject *o);
PyAPI_FUNC(int) PyObject_Not(PyObject *o);
PyAPI_FUNC(int) PyCallable_Check(PyObject *o);
PyAPI_FUNC(void) PyObject_ClearWeakRefs(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_SelfIter(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Dir(PyObject *o);
PyAPI_FUNC(int) PyObject_Print(PyObject *o, FILE *fp, int flags);
PyAPI_FUNC(int) Py_ReprEnter(PyObject *o);
PyAPI_FUNC(void) Py_ReprLeave(PyObject *o);
PyAPI_FUNC(void) PyObject_CallFinalizer(PyObject *o);
PyAPI_FUNC(int) PyObject_CallFinalizerFromDealloc(PyObject *o);
#define Py_PRINT_RAW 1

#ifdef __cplusplus
}
#endif
#endif /* Py_OBJECT_H */
