/* uncollectable.c — an object kept alive by a reference its type's tp_traverse does not report.
 *
 * A Node holds `self_ref`, an owned reference to itself, but node_traverse forgets that member:
 * the collector cannot see the cycle, so the node is never freed. The runtime finds the pointer
 * in the node's memory and names the leak "uncollectable" (leak-untraversed). */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *self_ref;                   /* owned */
} Node;

static int
node_traverse(PyObject *op, visitproc visit, void *arg)      // expect: type-traverse
{
    (void)op; (void)visit; (void)arg;     /* Wrong: forgets self_ref. */
    return 0;
}

static int
node_clear(PyObject *op)
{
    Py_CLEAR(((Node *)op)->self_ref);
    return 0;
}

static void
node_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    node_clear(op);
    PyObject_GC_Del(op);
}

static PyTypeObject Node_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "snippet.Node",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = node_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
};

static PyObject *
make_loop(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Node *n = PyObject_GC_New(Node, &Node_Type);
    if (n == NULL)
        return NULL;
    n->self_ref = Py_NewRef((PyObject *)n);      /* oracle-expect: uncollectable make_loop normal */
    PyObject_GC_Track((PyObject *)n);
    Py_DECREF(n);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"make_loop", make_loop, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
