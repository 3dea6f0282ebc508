/* cellobject.c — cells, as CPython's Objects/cellobject.c: a GC object holding one reference
 * (or none), compared by content, with a cell_contents attribute. Messages are CPython 3.11's.
 */
#include "rt_capi.h"

#define CELL(op) ((PyCellObject *)(op))

PyObject *PyCell_New(PyObject *obj)
{
  PyCellObject *op = (PyCellObject *)_PyObject_GC_New(&PyCell_Type);
  if (op == NULL) return NULL;
  op->ob_ref = Py_XNewRef(obj);
  PyObject_GC_Track((PyObject *)op);
  return (PyObject *)op;
}

PyObject *PyCell_Get(PyObject *cell)
{
  if (cell == NULL || !PyCell_Check(cell)) return rt_bad_internal_call();
  return Py_XNewRef(CELL(cell)->ob_ref);
}

int PyCell_Set(PyObject *cell, PyObject *value)
{
  if (cell == NULL || !PyCell_Check(cell)) {
    rt_bad_internal_call();
    return -1;
  }
  Py_XSETREF(CELL(cell)->ob_ref, Py_XNewRef(value));
  return 0;
}

static void cell_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_XDECREF(CELL(op)->ob_ref);
  PyObject_GC_Del(op);
}

static int cell_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(CELL(op)->ob_ref);
  return 0;
}

static int cell_clear(PyObject *op)
{
  Py_CLEAR(CELL(op)->ob_ref);
  return 0;
}

static PyObject *cell_repr(PyObject *op)
{
  PyObject *v = CELL(op)->ob_ref;
  if (v == NULL) return PyUnicode_FromFormat("<cell at %p: empty>", (void *)op);
  return PyUnicode_FromFormat("<cell at %p: %.80s object at %p>", (void *)op, Py_TYPE(v)->tp_name,
                              (void *)v);
}

/* Cells compare by content; an empty cell is less than any full one. */
static PyObject *cell_richcompare(PyObject *a, PyObject *b, int op)
{
  if (!PyCell_Check(a) || !PyCell_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  PyObject *x = CELL(a)->ob_ref, *y = CELL(b)->ob_ref;
  if (x != NULL && y != NULL) return PyObject_RichCompare(x, y, op);
  Py_RETURN_RICHCOMPARE(y == NULL, x == NULL, op);
}

static PyObject *cell_get_contents(PyObject *op, void *closure)
{
  (void)closure;
  if (CELL(op)->ob_ref == NULL) {
    PyErr_SetString(PyExc_ValueError, "Cell is empty");
    return NULL;
  }
  return Py_NewRef(CELL(op)->ob_ref);
}

static int cell_set_contents(PyObject *op, PyObject *value, void *closure)
{
  (void)closure;
  Py_XSETREF(CELL(op)->ob_ref, Py_XNewRef(value));
  return 0;
}

static PyGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyCell_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "cell",
    .tp_basicsize = sizeof(PyCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_richcompare = cell_richcompare,
    .tp_getset = cell_getset,
    .tp_free = PyObject_GC_Del,
};
