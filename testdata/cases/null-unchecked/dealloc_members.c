/* null-unchecked in a tp_dealloc: a member released with Py_DECREF although it may be NULL when
 * the object dies. PyType_GenericNew hands out zeroed objects (tp_init may fail or never run:
 * Tag.__new__(Tag)); a tp_new that releases its half-built object when creating a member fails
 * leaves that member and the later ones NULL; a tp_clear, which the collector runs before
 * tp_dealloc, leaves what it clears NULL. Py_XDECREF, Py_CLEAR or a test is right. Outside a
 * tp_dealloc, a member another method sets to NULL (store_forget) is as suspect. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* ---- PyType_GenericNew ---- */

typedef struct {
    PyObject_HEAD
    PyObject *name;
} Tag;

static int
tag_init(Tag *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    PyObject *name;
    if (!PyArg_ParseTuple(args, "U", &name))
        return -1;
    Py_INCREF(name);
    Py_XSETREF(self->name, name);
    return 0;
}

/* Bug: Tag.__new__(Tag) never sets 'name'. */
static void
tag_dealloc(Tag *self)
{
    Py_DECREF(self->name);  // expect: null-unchecked
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject TagType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dealloc_members.Tag",
    .tp_basicsize = sizeof(Tag),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)tag_init,
    .tp_dealloc = (destructor)tag_dealloc,
};

typedef struct {
    PyObject_HEAD
    PyObject *name;
    PyObject *note;
} Label;

static int
label_init(Label *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    PyObject *name, *note = Py_None;
    if (!PyArg_ParseTuple(args, "U|O", &name, &note))
        return -1;
    Py_INCREF(name);
    Py_XSETREF(self->name, name);
    Py_INCREF(note);
    Py_XSETREF(self->note, note);
    return 0;
}

/* Right: Py_XDECREF for one member, a test for the other. */
static void
label_dealloc(Label *self)
{
    // expect-clean
    Py_XDECREF(self->name);
    if (self->note != NULL)
        Py_DECREF(self->note);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* ---- the type's own tp_new ---- */

typedef struct {
    PyObject_HEAD
    PyObject *items;
    PyObject *index;
    PyObject *cache;
} Store;

/* 'items' is set before anything can fail; 'index' from a call that can fail, after which the
 * object is released; 'cache' is never set here (store_remember sets it). */
static PyObject *
store_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    // expect-clean
    Store *self = (Store *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    Py_INCREF(Py_None);
    self->items = Py_None;
    self->index = PyDict_New();
    if (self->index == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *
store_remember(Store *self, PyObject *value)
{
    // expect-clean
    Py_INCREF(value);
    Py_XSETREF(self->cache, value);
    Py_RETURN_NONE;
}

/* Bug: 'index' is NULL when PyDict_New() failed in store_new; 'cache' until store_remember. */
static void
store_dealloc(Store *self)
{
    Py_DECREF(self->items);
    Py_DECREF(self->index);  // expect: null-unchecked
    Py_DECREF(self->cache);  // expect: null-unchecked
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
store_forget(Store *self, PyObject *unused)
{
    // expect-clean
    Py_CLEAR(self->cache);
    Py_RETURN_NONE;
}

/* Bug: store_forget leaves 'cache' NULL. */
static PyObject *
store_replace(Store *self, PyObject *value)
{
    Py_INCREF(value);
    Py_DECREF(self->cache);  // expect: null-unchecked, ref-use-after-release
    self->cache = value;
    Py_RETURN_NONE;
}

/* Right: Py_XSETREF accepts the NULL. */
static PyObject *
store_replace_ok(Store *self, PyObject *value)
{
    // expect-clean
    Py_INCREF(value);
    Py_XSETREF(self->cache, value);
    Py_RETURN_NONE;
}

static PyMethodDef store_methods[] = {
    {"remember", (PyCFunction)store_remember, METH_O, NULL},
    {"forget", (PyCFunction)store_forget, METH_NOARGS, NULL},
    {"replace", (PyCFunction)store_replace, METH_O, NULL},
    {"replace_ok", (PyCFunction)store_replace_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject StoreType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dealloc_members.Store",
    .tp_basicsize = sizeof(Store),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = store_new,
    .tp_dealloc = (destructor)store_dealloc,
    .tp_methods = store_methods,
};

/* ---- tp_clear ---- */

typedef struct {
    PyObject_HEAD
    PyObject *peer;
} Node;

static PyObject *
node_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    // expect-clean
    Node *self = (Node *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    Py_INCREF(Py_None);
    self->peer = Py_None;
    return (PyObject *)self;
}

static int
node_traverse(Node *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->peer);
    return 0;
}

static int
node_clear(Node *self)
{
    // expect-clean
    Py_CLEAR(self->peer);
    return 0;
}

/* Bug: after the collector ran node_clear on a cycle, 'peer' is NULL. */
static void
node_dealloc(Node *self)
{
    PyObject_GC_UnTrack(self);
    Py_DECREF(self->peer);  // expect: null-unchecked
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject NodeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dealloc_members.Node",
    .tp_basicsize = sizeof(Node),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = node_new,
    .tp_dealloc = (destructor)node_dealloc,
    .tp_traverse = (traverseproc)node_traverse,
    .tp_clear = (inquiry)node_clear,
};

/* Right: the same type releasing through its tp_clear. */
typedef struct {
    PyObject_HEAD
    PyObject *peer;
} Link;

static PyObject *
link_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    // expect-clean
    Link *self = (Link *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    Py_INCREF(Py_None);
    self->peer = Py_None;
    return (PyObject *)self;
}

static int
link_traverse(Link *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->peer);
    return 0;
}

static int
link_clear(Link *self)
{
    // expect-clean
    Py_CLEAR(self->peer);
    return 0;
}

static void
link_dealloc(Link *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    link_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject LinkType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dealloc_members.Link",
    .tp_basicsize = sizeof(Link),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = link_new,
    .tp_dealloc = (destructor)link_dealloc,
    .tp_traverse = (traverseproc)link_traverse,
    .tp_clear = (inquiry)link_clear,
};

static PyTypeObject LabelType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dealloc_members.Label",
    .tp_basicsize = sizeof(Label),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)label_init,
    .tp_dealloc = (destructor)label_dealloc,
};

static struct PyModuleDef dealloc_members_module = {
    PyModuleDef_HEAD_INIT, "dealloc_members", NULL, -1, NULL,
};

static int
add_type(PyObject *m, PyTypeObject *type, const char *name)
{
    // expect-clean
    if (PyType_Ready(type) < 0)
        return -1;
    return PyModule_AddObjectRef(m, name, (PyObject *)type);
}

PyMODINIT_FUNC
PyInit_dealloc_members(void)
{
    // expect-clean
    PyObject *m = PyModule_Create(&dealloc_members_module);
    if (m == NULL)
        return NULL;
    if (add_type(m, &TagType, "Tag") < 0 || add_type(m, &LabelType, "Label") < 0 ||
        add_type(m, &StoreType, "Store") < 0 || add_type(m, &NodeType, "Node") < 0 ||
        add_type(m, &LinkType, "Link") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
