/* type-dealloc without a tp_traverse: a member the type's other functions treat as owned — a
 * setter releases the old value, tp_new stores a new reference — that tp_dealloc never releases
 * leaks with every instance. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *value;
    PyObject *history;
} Cell;

static PyObject *
cell_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    // expect-clean
    Cell *self = (Cell *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->history = PyList_New(0);
    if (self->history == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *
cell_set(Cell *self, PyObject *value)
{
    // expect-clean
    if (PyList_Append(self->history, value) < 0)
        return NULL;
    Py_INCREF(value);
    Py_XSETREF(self->value, value);
    Py_RETURN_NONE;
}

/* Bug: forgets both members: 'value' (cell_set releases the old one) and 'history' (cell_new
 * stores a new list in it). */
static void
cell_dealloc(Cell *self)  // expect: type-dealloc, type-dealloc
{
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef cell_methods[] = {
    {"set", (PyCFunction)cell_set, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CellType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "members_owned_elsewhere.Cell",
    .tp_basicsize = sizeof(Cell),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = cell_new,
    .tp_dealloc = (destructor)cell_dealloc,
    .tp_methods = cell_methods,
};

typedef struct {
    PyObject_HEAD
    PyObject *value;
    PyObject *history;
} Box;

static PyObject *
box_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    // expect-clean
    Box *self = (Box *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->history = PyList_New(0);
    if (self->history == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *
box_set(Box *self, PyObject *value)
{
    // expect-clean
    PyObject *old = self->value;
    Py_INCREF(value);
    self->value = value;
    Py_XDECREF(old);
    Py_RETURN_NONE;
}

/* Bug: releases 'history' but not 'value', which box_set releases through a variable. */
static void
box_dealloc(Box *self)  // expect: type-dealloc
{
    Py_XDECREF(self->history);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef box_methods[] = {
    {"set", (PyCFunction)box_set, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject BoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "members_owned_elsewhere.Box",
    .tp_basicsize = sizeof(Box),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = box_new,
    .tp_dealloc = (destructor)box_dealloc,
    .tp_methods = box_methods,
};

typedef struct {
    PyObject_HEAD
    PyObject *value;
    PyObject *history;
} Jar;

static PyObject *
jar_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    // expect-clean
    Jar *self = (Jar *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->history = PyList_New(0);
    if (self->history == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *
jar_set(Jar *self, PyObject *value)
{
    // expect-clean
    Py_INCREF(value);
    Py_XSETREF(self->value, value);
    Py_RETURN_NONE;
}

/* Right: both members released (either may be NULL). */
static void
jar_dealloc(Jar *self)
{
    // expect-clean
    Py_XDECREF(self->value);
    Py_XDECREF(self->history);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef jar_methods[] = {
    {"set", (PyCFunction)jar_set, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject JarType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "members_owned_elsewhere.Jar",
    .tp_basicsize = sizeof(Jar),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = jar_new,
    .tp_dealloc = (destructor)jar_dealloc,
    .tp_methods = jar_methods,
};

/* ref-steal-borrowed: Py_None kept in a member tp_dealloc releases, without a reference of its own
 * (an over-release of None with every instance; harmless only from 3.12, where None is
 * immortal). */
typedef struct {
    PyObject_HEAD
    PyObject *default_;
} Opt;

static PyObject *
opt_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Opt *self = (Opt *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->default_ = Py_None;
    return (PyObject *)self;  // expect: ref-steal-borrowed
}

static void
opt_dealloc(Opt *self)
{
    // expect-clean
    Py_XDECREF(self->default_);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject OptType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "members_owned_elsewhere.Opt",
    .tp_basicsize = sizeof(Opt),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = opt_new,
    .tp_dealloc = (destructor)opt_dealloc,
};

typedef struct {
    PyObject_HEAD
    PyObject *value;
} Sub;

extern void base_release(PyObject *self);

static PyObject *
sub_set(Sub *self, PyObject *value)
{
    // expect-clean
    Py_INCREF(value);
    Py_XSETREF(self->value, value);
    Py_RETURN_NONE;
}

/* Right as far as this file can tell: a function defined elsewhere gets self and may release
 * the member. */
static void
sub_dealloc(Sub *self)
{
    // expect-clean
    base_release((PyObject *)self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef sub_methods[] = {
    {"set", (PyCFunction)sub_set, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject SubType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "members_owned_elsewhere.Sub",
    .tp_basicsize = sizeof(Sub),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)sub_dealloc,
    .tp_methods = sub_methods,
};

static struct PyModuleDef members_owned_elsewhere_module = {
    PyModuleDef_HEAD_INIT, "members_owned_elsewhere", NULL, -1, NULL,
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
PyInit_members_owned_elsewhere(void)
{
    // expect-clean
    PyObject *m = PyModule_Create(&members_owned_elsewhere_module);
    if (m == NULL)
        return NULL;
    if (add_type(m, &CellType, "Cell") < 0 || add_type(m, &BoxType, "Box") < 0 ||
        add_type(m, &JarType, "Jar") < 0 || add_type(m, &OptType, "Opt") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
