/* object.c — reference counting, deallocation, object initialisation and the singletons.
 *
 * The singletons None, NotImplemented, Ellipsis, True and False and the small ints -5..256 are
 * static objects that start with a count of 1 (the runtime's own reference) and stay mortal in
 * every profile: when a count reaches zero, their tp_dealloc records RT_DEFECT_SINGLETON_DEALLOC
 * (CPython <= 3.11 aborts or corrupts the heap there; 3.12+ never gets there) and leaves the object
 * in place, so the run goes on.
 *
 * The checked refcount functions (_rt_Py_*_At) are what the oracle macros call. In both libraries
 * they report NULL and counts below zero; with the debug layer they also recognise freed objects
 * (quarantined blocks) and record each event's site in the object's ledger. They never crash on a
 * defect: the bad operation is reported and skipped.
 */
#include "rt_internal.h"

#include <string.h>

/* --- singletons ---------------------------------------------------------------------------------*/
static void singleton_dealloc(PyObject *op);

#define STATIC_TYPE(var, name, dealloc)                                                            \
  PyTypeObject var = {.ob_base = {{1, &PyType_Type}, 0}, .tp_name = name,                         \
                      .tp_basicsize = sizeof(PyObject), .tp_dealloc = dealloc,                     \
                      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_READY}

/* PyType_Type lives in typeobject.c, PyLong_Type in longobject.c and PyBool_Type in
 * boolobject.c (the C-API); this file keeps the singleton objects themselves. */

STATIC_TYPE(_PyNone_Type, "NoneType", singleton_dealloc);
STATIC_TYPE(_PyNotImplemented_Type, "NotImplementedType", singleton_dealloc);
STATIC_TYPE(PyEllipsis_Type, "ellipsis", singleton_dealloc);

PyObject _Py_NoneStruct = {1, &_PyNone_Type};
PyObject _Py_NotImplementedStruct = {1, &_PyNotImplemented_Type};
PyObject _Py_EllipsisObject = {1, &PyEllipsis_Type};
struct _longobject _Py_FalseStruct = {{{1, &PyBool_Type}, 0}, {0}};
struct _longobject _Py_TrueStruct = {{{1, &PyBool_Type}, 1}, {1}};

#define N_SMALL_INTS (_RT_SMALL_INT_MAX - _RT_SMALL_INT_MIN + 1)
static PyLongObject small_ints[N_SMALL_INTS];
static int small_ints_ready;

static void init_small_ints(void)
{
  for (int i = 0; i < N_SMALL_INTS; i++) {
    long v = (long)i + _RT_SMALL_INT_MIN;
    small_ints[i].ob_base.ob_base.ob_refcnt = 1;
    small_ints[i].ob_base.ob_base.ob_type = &PyLong_Type;
    small_ints[i].ob_base.ob_size = v < 0 ? -1 : v > 0 ? 1 : 0;
    small_ints[i].ob_digit[0] = (digit)(v < 0 ? -v : v);
  }
  small_ints_ready = 1;
}

PyObject *_rt_small_int(long v)
{
  if (v < _RT_SMALL_INT_MIN || v > _RT_SMALL_INT_MAX) return NULL;
  if (!small_ints_ready) init_small_ints();
  return (PyObject *)&small_ints[v - _RT_SMALL_INT_MIN];
}

int rt_is_singleton(const void *op)
{
  if (op == (const void *)Py_None || op == (const void *)Py_NotImplemented ||
      op == (const void *)Py_Ellipsis || op == (const void *)Py_True ||
      op == (const void *)Py_False)
    return 1;
  return (const uint8_t *)op >= (const uint8_t *)small_ints &&
         (const uint8_t *)op < (const uint8_t *)(small_ints + N_SMALL_INTS);
}

void rt_singletons_each(void (*fn)(PyObject *op, void *ctx), void *ctx)
{
  if (!small_ints_ready) init_small_ints();
  fn(Py_None, ctx);
  fn(Py_NotImplemented, ctx);
  fn(Py_Ellipsis, ctx);
  fn(Py_True, ctx);
  fn(Py_False, ctx);
  for (int i = 0; i < N_SMALL_INTS; i++) fn((PyObject *)&small_ints[i], ctx);
}

static void singleton_dealloc(PyObject *op)
{
  char msg[200];
  if (Py_IS_TYPE(op, &PyType_Type))
    snprintf(msg, sizeof(msg),
             "the count of the static type %s reached zero: a reference was released that was "
             "never taken", ((PyTypeObject *)op)->tp_name);
  else if (Py_IS_TYPE(op, &PyLong_Type))
    snprintf(msg, sizeof(msg),
             "the count of the small int %ld reached zero: a reference was released that was never "
             "taken",
             (long)(((PyLongObject *)op)->ob_base.ob_size * (long)((PyLongObject *)op)->ob_digit[0]));
  else
    snprintf(msg, sizeof(msg),
             "the count of %s reached zero: a reference was released that was never taken "
             "(missing Py_INCREF / Py_NewRef?)",
             op == Py_None ? "None" : op == Py_True ? "True" : op == Py_False ? "False"
                                    : op == Py_NotImplemented ? "NotImplemented" : "Ellipsis");
  rt_defect_object(RT_DEFECT_SINGLETON_DEALLOC, op, NULL, rt_release_site, msg);
}

/* --- counts ---------------------------------------------------------------------------------------*/
void _Py_Dealloc(PyObject *op)
{
  destructor dealloc = Py_TYPE(op)->tp_dealloc;
  (*dealloc)(op);
}

#if RT_DEBUG_LAYER
/* Reports a refcount operation on a freed object; returns 1 if op is freed. */
static int freed(PyObject *op, RtBlock *b, RtDefectKind kind, const char *file, int line)
{
  if (b == NULL || b->state == RT_STATE_LIVE) return 0;
  char msg[sizeof(((RtDefect *)0)->message)]; /* holds an absolute path */
  snprintf(msg, sizeof(msg), "%s of a %s object that was freed at %s:%d",
           kind == RT_DEFECT_INCREF_FREED ? "Py_INCREF" : "Py_DECREF",
           b->type_name ? b->type_name : "(unknown type)", b->free_file ? b->free_file : "?",
           b->free_line);
  rt_defect_object(kind, op, b, (RtSite){file, line}, msg);
  return 1;
}
#endif

void _rt_Py_IncRef_At(PyObject *op, const char *file, int line)
{
  if (RT_UNLIKELY(op == NULL)) {
    rt_defect_report(RT_DEFECT_INCREF_NULL, NULL, "", NULL, 0, file, line, 0, "Py_INCREF(NULL)");
    return;
  }
#if RT_DEBUG_LAYER
  RtBlock *b = rt_debug_find_object(op);
  if (freed(op, b, RT_DEFECT_INCREF_FREED, file, line)) return;
  op->ob_refcnt++;
  if (b != NULL) rt_ledger_event(b, file, line, +1, op->ob_refcnt);
#else
  op->ob_refcnt++;
#endif
}

void _rt_Py_DecRef_At(PyObject *op, const char *file, int line)
{
  if (RT_UNLIKELY(op == NULL)) {
    rt_defect_report(RT_DEFECT_DECREF_NULL, NULL, "", NULL, 0, file, line, 0, "Py_DECREF(NULL)");
    return;
  }
#if RT_DEBUG_LAYER
  RtBlock *b = rt_debug_find_object(op);
  if (freed(op, b, RT_DEFECT_DECREF_FREED, file, line)) return;
#else
  RtBlock *b = NULL;
#endif
  if (RT_UNLIKELY(op->ob_refcnt <= 0)) {
    char msg[160];
    snprintf(msg, sizeof(msg), "Py_DECREF took the count of a %s object below zero (to %lld)",
             Py_TYPE(op)->tp_name, (long long)op->ob_refcnt - 1);
    rt_defect_object(RT_DEFECT_NEGATIVE_REFCNT, op, b, (RtSite){file, line}, msg);
    op->ob_refcnt--;
    return;
  }
#if RT_DEBUG_LAYER
  if (b != NULL) rt_ledger_event(b, file, line, -1, op->ob_refcnt - 1);
#endif
  if (--op->ob_refcnt == 0) {
    RtSite saved = rt_release_site;
    rt_release_site = (RtSite){file, line};
    _Py_Dealloc(op);
    rt_release_site = saved;
  }
}

void _rt_Py_XIncRef_At(PyObject *op, const char *file, int line)
{
  if (op != NULL) _rt_Py_IncRef_At(op, file, line);
}

void _rt_Py_XDecRef_At(PyObject *op, const char *file, int line)
{
  if (op != NULL) _rt_Py_DecRef_At(op, file, line);
}

PyObject *_rt_Py_NewRef_At(PyObject *op, const char *file, int line)
{
  _rt_Py_IncRef_At(op, file, line);
  return op;
}

PyObject *_rt_Py_XNewRef_At(PyObject *op, const char *file, int line)
{
  _rt_Py_XIncRef_At(op, file, line);
  return op;
}

void Py_IncRef(PyObject *op) { _rt_Py_XIncRef_At(op, NULL, 0); }
void Py_DecRef(PyObject *op) { _rt_Py_XDecRef_At(op, NULL, 0); }

/* --- initialisation and allocation ----------------------------------------------------------------*/
PyObject *PyObject_Init(PyObject *op, PyTypeObject *tp)
{
  if (op == NULL) return PyErr_NoMemory();
  op->ob_type = tp;
  op->ob_refcnt = 1;
  if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(tp);
#if RT_DEBUG_LAYER
  if (!PyType_IS_GC(tp)) rt_debug_mark_object(op, RT_FLAG_OBJECT);
#endif
  return op;
}

PyVarObject *PyObject_InitVar(PyVarObject *op, PyTypeObject *tp, Py_ssize_t size)
{
  if (op == NULL) return (PyVarObject *)PyErr_NoMemory();
  op->ob_size = size;
  PyObject_Init((PyObject *)op, tp);
  return op;
}

PyObject *_PyObject_New(PyTypeObject *tp)
{
  PyObject *op = (PyObject_Malloc)((size_t)_PyObject_SIZE(tp));
  if (op == NULL) return PyErr_NoMemory();
  return PyObject_Init(op, tp);
}

PyVarObject *_PyObject_NewVar(PyTypeObject *tp, Py_ssize_t nitems)
{
  if (nitems < 0) return NULL;
  PyVarObject *op = (PyObject_Malloc)(_PyObject_VAR_SIZE(tp, nitems));
  if (op == NULL) return (PyVarObject *)PyErr_NoMemory();
  return PyObject_InitVar(op, tp, nitems);
}

PyObject *PyType_GenericAlloc(PyTypeObject *tp, Py_ssize_t nitems)
{
  /* One item more, as CPython: room for a sentinel. */
  size_t size = _PyObject_VAR_SIZE(tp, nitems + 1);
  PyObject *op = PyType_IS_GC(tp) ? rt_gc_alloc_object(size) : (PyObject_Malloc)(size);
  if (op == NULL) return PyErr_NoMemory();
  memset(op, 0, size);
  if (tp->tp_itemsize == 0) PyObject_Init(op, tp);
  else PyObject_InitVar((PyVarObject *)op, tp, nitems);
  if (PyType_IS_GC(tp)) (PyObject_GC_Track)(op);
  return op;
}
