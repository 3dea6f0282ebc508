/* iterobject.c — the sequence iterator (iter() of an object with __getitem__ only) and the
 * callable iterator (iter(callable, sentinel)), as CPython's Objects/iterobject.c.
 * Both own what they iterate and drop it when exhausted; IndexError (or StopIteration) from the
 * sequence ends the iteration without an exception, any other error propagates. */
#include "rt_capi.h"

typedef struct {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject *seq;                   /* owned; NULL once exhausted */
} SeqIter;

typedef struct {
  PyObject_HEAD
  PyObject *callable;              /* owned; NULL once exhausted */
  PyObject *sentinel;              /* owned */
} CallIter;

static int seqiter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((SeqIter *)op)->seq);
  return 0;
}

static void seqiter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((SeqIter *)op)->seq);
  PyObject_GC_Del(op);
}

static PyObject *seqiter_next(PyObject *op)
{
  SeqIter *it = (SeqIter *)op;
  if (it->seq == NULL) return NULL;
  PyObject *r = PySequence_GetItem(it->seq, it->index);
  if (r != NULL) {
    it->index++;
    return r;
  }
  if (PyErr_ExceptionMatches(PyExc_IndexError) || PyErr_ExceptionMatches(PyExc_StopIteration)) {
    PyErr_Clear();
    Py_CLEAR(it->seq);
  }
  return NULL;
}

PyTypeObject PySeqIter_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "iterator",
    .tp_basicsize = sizeof(SeqIter),
    .tp_dealloc = seqiter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = seqiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = seqiter_next,
};

PyObject *PySeqIter_New(PyObject *seq)
{
  if (seq == NULL || !PySequence_Check(seq)) return rt_bad_internal_call();
  SeqIter *it = (SeqIter *)_PyObject_GC_New(&PySeqIter_Type);
  if (it == NULL) return NULL;
  it->index = 0;
  it->seq = Py_NewRef(seq);
  (PyObject_GC_Track)(it);
  return (PyObject *)it;
}

static int calliter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((CallIter *)op)->callable);
  Py_VISIT(((CallIter *)op)->sentinel);
  return 0;
}

static void calliter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(((CallIter *)op)->callable);
  Py_XDECREF(((CallIter *)op)->sentinel);
  PyObject_GC_Del(op);
}

static PyObject *calliter_next(PyObject *op)
{
  CallIter *it = (CallIter *)op;
  if (it->callable == NULL) return NULL;
  PyObject *r = PyObject_CallNoArgs(it->callable);
  if (r == NULL) {
    if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
      PyErr_Clear();
      Py_CLEAR(it->callable);
      Py_CLEAR(it->sentinel);
    }
    return NULL;
  }
  int ok = PyObject_RichCompareBool(it->sentinel, r, Py_EQ);
  if (ok == 0) return r;
  Py_DECREF(r);
  if (ok > 0) {
    Py_CLEAR(it->callable);
    Py_CLEAR(it->sentinel);
  }
  return NULL;
}

PyTypeObject PyCallIter_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "callable_iterator",
    .tp_basicsize = sizeof(CallIter),
    .tp_dealloc = calliter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = calliter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = calliter_next,
};

PyObject *PyCallIter_New(PyObject *callable, PyObject *sentinel)
{
  if (callable == NULL || sentinel == NULL) return rt_bad_internal_call();
  CallIter *it = (CallIter *)_PyObject_GC_New(&PyCallIter_Type);
  if (it == NULL) return NULL;
  it->callable = Py_NewRef(callable);
  it->sentinel = Py_NewRef(sentinel);
  (PyObject_GC_Track)(it);
  return (PyObject *)it;
}
