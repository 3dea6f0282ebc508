/* ref-steal-borrowed: a borrowed reference stored into a field that the type's tp_dealloc
 * releases, without a reference of its own: the object will release a reference it never got.
 * A field no tp_dealloc releases may hold a borrowed reference on purpose (iterator state). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *label;    /* owned: released by tag_dealloc */
    PyObject *peek;     /* borrowed on purpose: never released */
} Tag;

static void
tag_dealloc(Tag *self)
{
    // expect-clean
    Py_XDECREF(self->label);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Bug: the argument is borrowed; the Py_INCREF is missing. */
static int
tag_init(Tag *self, PyObject *args, PyObject *kwds)
{
    PyObject *label;
    if (!PyArg_ParseTuple(args, "O", &label)) {
        return -1;
    }
    Py_XDECREF(self->label);  // expect: ref-use-after-release
    self->label = label;
    return 0;  // expect: ref-steal-borrowed
}

/* Right: the stored reference is paid for. */
static PyObject *
tag_set(Tag *self, PyObject *label)
{
    // expect-clean
    PyObject *old = self->label;
    Py_INCREF(label);
    self->label = label;
    Py_XDECREF(old);
    Py_RETURN_NONE;
}

/* Right: 'peek' is not released by the dealloc: a borrowed reference kept on purpose. */
static PyObject *
tag_peek(Tag *self, PyObject *obj)
{
    // expect-clean
    self->peek = obj;
    Py_RETURN_NONE;
}

static PyMethodDef tag_methods[] = {
    {"set", (PyCFunction)tag_set, METH_O, NULL},
    {"peek", (PyCFunction)tag_peek, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* oracle: call Tag("x") */
static PyTypeObject TagType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Tag",
    .tp_basicsize = sizeof(Tag),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)tag_dealloc,
    .tp_init = (initproc)tag_init,
    .tp_methods = tag_methods,
    .tp_new = PyType_GenericNew,
};
