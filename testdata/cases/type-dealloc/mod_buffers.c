/* buffers — a module with container types whose tp_dealloc is the subject: the classic dealloc
 * that releases members while the object is still tracked by the cycle collector (a collection
 * triggered by the release can visit a half-destroyed object), and an argument parsed with "O"
 * kept in the struct without a reference of its own. Each bug has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;      /* list, owned */
    PyObject *name;       /* owned */
} BufferObject;

static int
Buffer_traverse(BufferObject *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->items);
    Py_VISIT(self->name);
    return 0;
}

static int
Buffer_clear(BufferObject *self)
{
    // expect-clean
    Py_CLEAR(self->items);
    Py_CLEAR(self->name);
    return 0;
}

/* Bug: no PyObject_GC_UnTrack before the members are released. */
static void
Buffer_dealloc(BufferObject *self)
{
    Py_XDECREF(self->items);   // expect: type-dealloc
    Py_XDECREF(self->name);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Buffer_init(BufferObject *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    static char *kwlist[] = {"name", NULL};
    PyObject *name = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U", kwlist, &name))
        return -1;
    PyObject *items = PyList_New(0);
    if (items == NULL)
        return -1;
    Py_XSETREF(self->items, items);
    Py_XSETREF(self->name, Py_NewRef(name));
    return 0;
}
/* oracle: call Buffer('log') */

static PyObject *
Buffer_push(BufferObject *self, PyObject *item)
{
    // expect-clean
    if (PyList_Append(self->items, item) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef Buffer_methods[] = {
    {"push", (PyCFunction)Buffer_push, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Buffer_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "buffers.Buffer",
    .tp_basicsize = sizeof(BufferObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Buffer_init,
    .tp_dealloc = (destructor)Buffer_dealloc,
    .tp_traverse = (traverseproc)Buffer_traverse,
    .tp_clear = (inquiry)Buffer_clear,
    .tp_methods = Buffer_methods,
};

/* --- Queue: the correct twin ------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *items;      /* list, owned */
    PyObject *name;       /* owned */
} QueueObject;

static int
Queue_traverse(QueueObject *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->items);
    Py_VISIT(self->name);
    return 0;
}

static int
Queue_clear(QueueObject *self)
{
    // expect-clean
    Py_CLEAR(self->items);
    Py_CLEAR(self->name);
    return 0;
}

/* Correct: untracked first, then cleared, then freed. */
static void
Queue_dealloc(QueueObject *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    Queue_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Queue_init(QueueObject *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    static char *kwlist[] = {"name", NULL};
    PyObject *name = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U", kwlist, &name))
        return -1;
    PyObject *items = PyList_New(0);
    if (items == NULL)
        return -1;
    Py_XSETREF(self->items, items);
    Py_XSETREF(self->name, Py_NewRef(name));
    return 0;
}
/* oracle: call Queue('jobs') */

static PyObject *
Queue_push(QueueObject *self, PyObject *item)
{
    // expect-clean
    if (PyList_Append(self->items, item) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef Queue_methods[] = {
    {"push", (PyCFunction)Queue_push, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Queue_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "buffers.Queue",
    .tp_basicsize = sizeof(QueueObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Queue_init,
    .tp_dealloc = (destructor)Queue_dealloc,
    .tp_traverse = (traverseproc)Queue_traverse,
    .tp_clear = (inquiry)Queue_clear,
    .tp_methods = Queue_methods,
};

/* --- Holder: "O" kept without a reference ------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *target;     /* owned: released by dealloc */
} HolderObject;

static void
Holder_dealloc(HolderObject *self)
{
    // expect-clean
    Py_XDECREF(self->target);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Bug: the parsed object is borrowed from the argument tuple; keeping it in the struct without
 * Py_INCREF means dealloc releases a reference that was never taken. */
static int
Holder_init(HolderObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *target;
    if (!PyArg_ParseTuple(args, "O", &target))
        return -1;
    self->target = target;
    return 0;  // expect: ref-steal-borrowed
}
/* oracle: call Holder([1, 2]) */

static PyTypeObject Holder_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "buffers.Holder",
    .tp_basicsize = sizeof(HolderObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Holder_init,
    .tp_dealloc = (destructor)Holder_dealloc,
};

/* --- Keeper: the correct twin ------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *target;     /* owned */
} KeeperObject;

static void
Keeper_dealloc(KeeperObject *self)
{
    // expect-clean
    Py_XDECREF(self->target);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Keeper_init(KeeperObject *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    PyObject *target;
    if (!PyArg_ParseTuple(args, "O", &target))
        return -1;
    Py_INCREF(target);
    Py_XSETREF(self->target, target);
    return 0;
}
/* oracle: call Keeper([1, 2]) */

static PyTypeObject Keeper_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "buffers.Keeper",
    .tp_basicsize = sizeof(KeeperObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Keeper_init,
    .tp_dealloc = (destructor)Keeper_dealloc,
};

static struct PyModuleDef buffers_module = {
    PyModuleDef_HEAD_INIT, "buffers", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_buffers(void)
{
    // expect-clean
    if (PyType_Ready(&Buffer_Type) < 0 || PyType_Ready(&Queue_Type) < 0 ||
        PyType_Ready(&Holder_Type) < 0 || PyType_Ready(&Keeper_Type) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&buffers_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Buffer", (PyObject *)&Buffer_Type) < 0 ||
        PyModule_AddObjectRef(m, "Queue", (PyObject *)&Queue_Type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
