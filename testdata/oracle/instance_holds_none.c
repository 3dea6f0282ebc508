/* instance_holds_none.c — a method's self that holds references to None from its construction.
 *
 * The oracle makes self before the check window and drops it after the call; dropping it releases
 * the references to None it took when it was made, and its tp_traverse reported them while it
 * lived. Neither may be charged to the call: with None as the argument, a correct method must come
 * out clean (this pattern is zope.interface's InterfaceBase: __name__ and __module__ default to
 * None). */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *name;                       /* owned, None by default */
    PyObject *module;                     /* owned, None by default */
} Node;

static PyObject *
Node_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))   /* oracle-ok: Node */
{
    Node *n = (Node *)type->tp_alloc(type, 0);
    if (n == NULL)
        return NULL;
    n->name = Py_NewRef(Py_None);
    n->module = Py_NewRef(Py_None);
    return (PyObject *)n;
}

static int
Node_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((Node *)op)->name);
    Py_VISIT(((Node *)op)->module);
    return 0;
}

static int
Node_clear(PyObject *op)
{
    Py_CLEAR(((Node *)op)->name);
    Py_CLEAR(((Node *)op)->module);
    return 0;
}

static void
Node_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Node_clear(op);
    Py_TYPE(op)->tp_free(op);
}

/* Right: is `other` this node's name? */
static PyObject *
Node_named(PyObject *op, PyObject *other)     /* oracle-ok: Node.named */
{
    return PyBool_FromLong(((Node *)op)->name == other);
}

/* Right: only None is answered. */
static PyObject *
Node_richcompare(PyObject *op, PyObject *other, int cmp)   /* oracle-ok: Node.tp_richcompare */
{
    if (other == Py_None)
        return PyBool_FromLong(cmp == Py_NE);
    Py_RETURN_NOTIMPLEMENTED;
}

static PyMethodDef Node_methods[] = {
    {"named", Node_named, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Node_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "snippet.Node",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = Node_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = Node_traverse,
    .tp_clear = Node_clear,
    .tp_richcompare = Node_richcompare,
    .tp_methods = Node_methods,
    .tp_new = Node_new,
};
