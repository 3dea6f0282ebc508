/* type-dealloc: a member tp_traverse visits (a reference the object owns) that tp_dealloc never
 * releases, directly or through the tp_clear it calls: it leaks with every instance. When the
 * releases go through tp_clear, the finding is on tp_clear, where the missing release belongs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;
    PyObject *label;
    Py_ssize_t size;
} Bag;

static int
bag_traverse(PyObject *op, visitproc visit, void *arg)
{
    // expect-clean
    Bag *self = (Bag *)op;
    if (self->size > 0) {
        Py_VISIT(self->items);
    }
    Py_VISIT(self->label);
    return 0;
}

/* Bug: clears 'items' but forgets 'label' (reported here: bag_dealloc releases through it). */
static int
bag_clear(PyObject *op)  // expect: type-dealloc
{
    Bag *self = (Bag *)op;
    Py_CLEAR(self->items);
    self->size = 0;
    return 0;
}

static void
bag_dealloc(PyObject *op)
{
    // expect-clean
    PyObject_GC_UnTrack(op);
    Py_TRASHCAN_BEGIN(op, bag_dealloc)
    bag_clear(op);
    Py_TYPE(op)->tp_free(op);
    Py_TRASHCAN_END
}

static PyTypeObject BagType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Bag",
    .tp_basicsize = sizeof(Bag),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = bag_dealloc,
    .tp_traverse = bag_traverse,
    .tp_clear = bag_clear,
};

/* Right: both members released, one in the clear helper, one in the dealloc itself (the
 * size, an integer the traverse also reads, owns nothing). */
typedef struct {
    PyObject_HEAD
    PyObject *items;
    PyObject *label;
    Py_ssize_t size;
} Box;

static int
box_traverse(Box *self, visitproc visit, void *arg)
{
    // expect-clean
    if (self->size > 0) {
        Py_VISIT(self->items);
    }
    Py_VISIT(self->label);
    return 0;
}

static int
box_clear(Box *self)
{
    // expect-clean
    Py_CLEAR(self->items);
    return 0;
}

static void
box_dealloc(Box *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    box_clear(self);
    Py_XDECREF(self->label);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject BoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Box",
    .tp_basicsize = sizeof(Box),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)box_dealloc,
    .tp_traverse = (traverseproc)box_traverse,
    .tp_clear = (inquiry)box_clear,
};

/* Right as far as this file can tell: the dealloc hands self to a function defined elsewhere
 * (a base type's dealloc), which may release the members. */
typedef struct {
    PyObject_HEAD
    PyObject *payload;
} Sub;

extern void base_dealloc(PyObject *self);

static int
sub_traverse(Sub *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->payload);
    return 0;
}

static void
sub_dealloc(Sub *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    base_dealloc((PyObject *)self);
}

static PyTypeObject SubType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Sub",
    .tp_basicsize = sizeof(Sub),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)sub_dealloc,
    .tp_traverse = (traverseproc)sub_traverse,
};

PyObject *
make_types(void)
{
    // expect-clean
    if (PyType_Ready(&BagType) < 0 || PyType_Ready(&BoxType) < 0 || PyType_Ready(&SubType) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}
