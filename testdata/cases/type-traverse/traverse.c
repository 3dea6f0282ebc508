/* type-traverse: a tp_traverse that does not visit every object field the type owns (fields its
 * tp_dealloc or tp_clear releases), reported on the traverse function's name. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *first;
    PyObject *second;
    PyObject *third;
    long count;
} Triple;

/* Bug: `third` is owned (released in dealloc) but never visited. */
static int
triple_traverse_missing(Triple *self, visitproc visit, void *arg)  // expect: type-traverse
{
    Py_VISIT(self->first);
    Py_VISIT(self->second);
    return 0;
}

/* Bug: nothing visited at all. */
static int
triple_traverse_empty(Triple *self, visitproc visit, void *arg)  // expect: type-traverse
{
    return 0;
}

/* Bug: tp_clear releases `second`, which traverse does not visit. */
static int
triple_traverse_not_second(Triple *self, visitproc visit, void *arg)  // expect: type-traverse
{
    Py_VISIT(self->first);
    Py_VISIT(self->third);
    return 0;
}

/* Correct: every owned field visited. */
static int
triple_traverse_ok(Triple *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->first);
    Py_VISIT(self->second);
    Py_VISIT(self->third);
    return 0;
}

/* Correct: visiting through an explicit call of visit. */
static int
triple_traverse_explicit_ok(Triple *self, visitproc visit, void *arg)
{
    // expect-clean
    int r;
    if (self->first && (r = visit(self->first, arg)) != 0)
        return r;
    if (self->second && (r = visit(self->second, arg)) != 0)
        return r;
    if (self->third && (r = visit(self->third, arg)) != 0)
        return r;
    return 0;
}

static int
triple_clear(Triple *self)
{
    // expect-clean
    Py_CLEAR(self->first);
    Py_CLEAR(self->second);
    Py_CLEAR(self->third);
    return 0;
}

static void
triple_dealloc(Triple *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    Py_XDECREF(self->first);
    Py_XDECREF(self->second);
    Py_XDECREF(self->third);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static void
triple_dealloc_via_clear(Triple *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    triple_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject MissingType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Missing",
    .tp_basicsize = sizeof(Triple),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)triple_dealloc,
    .tp_traverse = (traverseproc)triple_traverse_missing,
};

static PyTypeObject EmptyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Empty",
    .tp_basicsize = sizeof(Triple),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)triple_dealloc,
    .tp_traverse = (traverseproc)triple_traverse_empty,
};

static PyTypeObject NotSecondType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.NotSecond",
    .tp_basicsize = sizeof(Triple),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)triple_dealloc_via_clear,
    .tp_traverse = (traverseproc)triple_traverse_not_second,
    .tp_clear = (inquiry)triple_clear,
};

static PyTypeObject OkType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Ok",
    .tp_basicsize = sizeof(Triple),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)triple_dealloc,
    .tp_traverse = (traverseproc)triple_traverse_ok,
    .tp_clear = (inquiry)triple_clear,
};

static PyTypeObject ExplicitType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Explicit",
    .tp_basicsize = sizeof(Triple),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)triple_dealloc_via_clear,
    .tp_traverse = (traverseproc)triple_traverse_explicit_ok,
    .tp_clear = (inquiry)triple_clear,
};
