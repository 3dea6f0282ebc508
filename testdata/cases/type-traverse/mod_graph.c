/* graph — a module with garbage-collected node types, written as extension types are written
 * (tp_new, tp_init parsing its arguments, traverse, clear, dealloc, methods), with the classic
 * GC mistakes: a tp_traverse that forgets a member (a cycle through it is never collected), a
 * tp_dealloc that releases members while the object is still tracked, and an argument parsed with
 * "O" stored in the struct without a reference of its own. Each type has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *label;      /* owned */
    PyObject *edges;      /* list, owned */
} NodeObject;

/* --- Node: traverse forgets `edges` -------------------------------------------------------- */

static int
Node_traverse(NodeObject *self, visitproc visit, void *arg)   // expect: type-traverse
{
    Py_VISIT(self->label);
    return 0;
}

static int
Node_clear(NodeObject *self)
{
    // expect-clean
    Py_CLEAR(self->label);
    Py_CLEAR(self->edges);
    return 0;
}

static void
Node_dealloc(NodeObject *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    Node_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Node_init(NodeObject *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    static char *kwlist[] = {"label", NULL};
    PyObject *label = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O", kwlist, &label))
        return -1;
    PyObject *edges = PyList_New(0);
    if (edges == NULL)
        return -1;
    Py_XSETREF(self->edges, edges);
    Py_INCREF(label);
    Py_XSETREF(self->label, label);
    return 0;
}

static PyTypeObject Node_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "graph.Node",
    .tp_basicsize = sizeof(NodeObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Node_init,
    .tp_dealloc = (destructor)Node_dealloc,
    .tp_traverse = (traverseproc)Node_traverse,
    .tp_clear = (inquiry)Node_clear,
};

/* A node whose edge list holds the node itself: a cycle through the untraversed member. */
static PyObject *
graph_self_loop(PyObject *module, PyObject *unused)
{
    // expect-clean
    NodeObject *n = (NodeObject *)PyObject_CallNoArgs((PyObject *)&Node_Type);
    if (n == NULL)
        return NULL;
    if (PyList_Append(n->edges, (PyObject *)n) < 0) {
        Py_DECREF(n);
        return NULL;
    }
    Py_DECREF(n);
    Py_RETURN_NONE;
}

/* --- Edge: the correct twin, every member visited ------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *source;     /* owned */
    PyObject *targets;    /* list, owned */
} EdgeObject;

static int
Edge_traverse(EdgeObject *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->source);
    Py_VISIT(self->targets);
    return 0;
}

static int
Edge_clear(EdgeObject *self)
{
    // expect-clean
    Py_CLEAR(self->source);
    Py_CLEAR(self->targets);
    return 0;
}

static void
Edge_dealloc(EdgeObject *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    Edge_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Edge_init(EdgeObject *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    static char *kwlist[] = {"source", NULL};
    PyObject *source = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O", kwlist, &source))
        return -1;
    PyObject *targets = PyList_New(0);
    if (targets == NULL)
        return -1;
    Py_XSETREF(self->targets, targets);
    Py_XSETREF(self->source, Py_NewRef(source));
    return 0;
}

static PyTypeObject Edge_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "graph.Edge",
    .tp_basicsize = sizeof(EdgeObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Edge_init,
    .tp_dealloc = (destructor)Edge_dealloc,
    .tp_traverse = (traverseproc)Edge_traverse,
    .tp_clear = (inquiry)Edge_clear,
};

/* The same cycle through a visited member: the collector frees it. */
static PyObject *
graph_edge_loop(PyObject *module, PyObject *unused)
{
    // expect-clean
    EdgeObject *e = (EdgeObject *)PyObject_CallNoArgs((PyObject *)&Edge_Type);
    if (e == NULL)
        return NULL;
    if (PyList_Append(e->targets, (PyObject *)e) < 0) {
        Py_DECREF(e);
        return NULL;
    }
    Py_DECREF(e);
    Py_RETURN_NONE;
}

/* --- Weight: traverse forgets one of two members, dealloc correct ----------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *value;      /* owned */
    PyObject *owner;      /* owned: may form a cycle */
} WeightObject;

static int
Weight_traverse(WeightObject *self, visitproc visit, void *arg)   // expect: type-traverse
{
    Py_VISIT(self->value);
    return 0;
}

static int
Weight_clear(WeightObject *self)
{
    // expect-clean
    Py_CLEAR(self->value);
    Py_CLEAR(self->owner);
    return 0;
}

static void
Weight_dealloc(WeightObject *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    Weight_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Weight_attach(WeightObject *self, PyObject *owner)
{
    // expect-clean
    Py_INCREF(owner);
    Py_XSETREF(self->owner, owner);
    Py_RETURN_NONE;
}

static PyMethodDef Weight_methods[] = {
    {"attach", (PyCFunction)Weight_attach, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Weight_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "graph.Weight",
    .tp_basicsize = sizeof(WeightObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)Weight_dealloc,
    .tp_traverse = (traverseproc)Weight_traverse,
    .tp_clear = (inquiry)Weight_clear,
    .tp_methods = Weight_methods,
};

/* A weight that owns itself through `owner`, the member its traverse forgets. */
static PyObject *
graph_weight_loop(PyObject *module, PyObject *unused)
{
    // expect-clean
    PyObject *w = PyObject_CallNoArgs((PyObject *)&Weight_Type);
    if (w == NULL)
        return NULL;
    PyObject *r = PyObject_CallMethod(w, "attach", "O", w);
    Py_DECREF(w);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_NONE;
}

static PyMethodDef graph_methods[] = {
    {"self_loop", graph_self_loop, METH_NOARGS, NULL},
    {"edge_loop", graph_edge_loop, METH_NOARGS, NULL},
    {"weight_loop", graph_weight_loop, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef graph_module = {
    PyModuleDef_HEAD_INIT, "graph", NULL, -1, graph_methods,
};

PyMODINIT_FUNC
PyInit_graph(void)
{
    // expect-clean
    if (PyType_Ready(&Node_Type) < 0 || PyType_Ready(&Edge_Type) < 0 ||
        PyType_Ready(&Weight_Type) < 0)
        return NULL;
    return PyModule_Create(&graph_module);
}
