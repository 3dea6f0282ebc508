/* type-traverse: more tp_traverse functions that do not visit every owned field. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *callback;
    PyObject *args;
} Call;

/* Bug: `args` is owned (tp_clear releases it) but not visited. */
static int
call_traverse(Call *self, visitproc visit, void *arg)  // expect: type-traverse
{
    Py_VISIT(self->callback);
    return 0;
}

static int
call_clear(Call *self)
{
    // expect-clean
    Py_CLEAR(self->callback);
    Py_CLEAR(self->args);
    return 0;
}

typedef struct {
    PyObject_HEAD
    PyObject *key;
    PyObject *value;
} Entry;

/* Bug: visits `key` twice and never `value`, which the deallocator releases. */
static int
entry_traverse(Entry *self, visitproc visit, void *arg)  // expect: type-traverse
{
    Py_VISIT(self->key);
    Py_VISIT(self->key);
    return 0;
}

static void
entry_dealloc(Entry *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->key);
    Py_CLEAR(self->value);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject CallType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Call",
    .tp_basicsize = sizeof(Call),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)call_traverse,
    .tp_clear = (inquiry)call_clear,
};

static PyTypeObject EntryType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Entry",
    .tp_basicsize = sizeof(Entry),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)entry_dealloc,
    .tp_traverse = (traverseproc)entry_traverse,
};

/* Heap types (PyType_FromSpec) own a reference to their type, which tp_traverse must visit. */
typedef struct {
    PyObject_HEAD
    PyObject *payload;
} Heap;

/* Bug: the payload is visited, the type is not. */
static int
heap_traverse(Heap *self, visitproc visit, void *arg)  // expect: type-traverse
{
    Py_VISIT(self->payload);
    return 0;
}

/* Correct: the type first. */
static int
heap_traverse_ok(Heap *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(self->payload);
    return 0;
}

static PyType_Slot heap_slots[] = {
    {Py_tp_traverse, heap_traverse},
    {0, NULL},
};

static PyType_Slot heap_ok_slots[] = {
    {Py_tp_traverse, heap_traverse_ok},
    {0, NULL},
};
