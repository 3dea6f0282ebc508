/* gctype.c — an extension module with a garbage-collected custom type, written as real C-API
 * code: it compiles unchanged against CPython 3.11's headers and the pyrefcheck runtime's, and
 * tests/runtime runs it on the runtime under fault injection at every allocation.
 *
 *   Bag(label="", items=None)   a bag of objects (a GC type: tp_traverse, tp_clear)
 *     .label                     member, a str
 *     .size                      member, read-only
 *     add(x), extend(iterable), pop(), take(n), items(), clear()
 *     iter(bag)                  a BagIterator (also a GC type) over a snapshot-free view
 *     len(bag), bag == bag, repr(bag)
 *
 * The file is also a testdata case: pyrefcheck lint must find nothing in it (testdata/README.md).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;   /* owned list */
    PyObject *label;   /* owned str */
    Py_ssize_t size;   /* len(items), kept for the read-only member */
} BagObject;

typedef struct {
    PyObject_HEAD
    BagObject *bag;    /* owned; NULL once exhausted */
    Py_ssize_t index;
} BagIterObject;

PyDoc_STRVAR(Bag_doc, "A bag of objects.");

static PyTypeObject Bag_Type;
static PyTypeObject BagIter_Type;

/* --- Bag ------------------------------------------------------------------------------------------ */

static int
Bag_traverse(PyObject *op, visitproc visit, void *arg)
{
    BagObject *self = (BagObject *)op;
    Py_VISIT(self->items);
    Py_VISIT(self->label);
    return 0;
}

static int
Bag_clear(PyObject *op)
{
    BagObject *self = (BagObject *)op;
    Py_CLEAR(self->items);
    Py_CLEAR(self->label);
    self->size = 0;
    return 0;
}

static void
Bag_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    Py_TRASHCAN_BEGIN(op, Bag_dealloc)
    Bag_clear(op);
    Py_TYPE(op)->tp_free(op);
    Py_TRASHCAN_END
}

static PyObject *
Bag_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    BagObject *self = (BagObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->items = PyList_New(0);
    if (self->items == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    self->label = PyUnicode_FromString("");
    if (self->label == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    self->size = 0;
    return (PyObject *)self;
}

/* Appends every item of iterable; 0, or -1 with an exception set. */
static int
bag_extend(BagObject *self, PyObject *iterable)
{
    PyObject *iter = PyObject_GetIter(iterable);
    if (iter == NULL) {
        return -1;
    }
    PyObject *item;
    while ((item = PyIter_Next(iter)) != NULL) {
        int rc = PyList_Append(self->items, item);
        Py_DECREF(item);
        if (rc < 0) {
            Py_DECREF(iter);
            return -1;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        return -1;
    }
    self->size = PyList_GET_SIZE(self->items);
    return 0;
}

static int
Bag_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"label", "items", NULL};
    BagObject *self = (BagObject *)op;
    PyObject *label = NULL;
    PyObject *items = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|UO:Bag", kwlist, &label, &items)) {
        return -1;
    }
    if (label != NULL) {
        Py_INCREF(label);
        Py_XSETREF(self->label, label);
    }
    if (items != NULL && items != Py_None) {
        return bag_extend(self, items);
    }
    return 0;
}

static PyObject *
Bag_add(PyObject *op, PyObject *item)
{
    BagObject *self = (BagObject *)op;
    if (PyList_Append(self->items, item) < 0) {
        return NULL;
    }
    self->size = PyList_GET_SIZE(self->items);
    Py_RETURN_NONE;
}

static PyObject *
Bag_extend(PyObject *op, PyObject *iterable)
{
    if (bag_extend((BagObject *)op, iterable) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
Bag_pop(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    BagObject *self = (BagObject *)op;
    Py_ssize_t n = PyList_GET_SIZE(self->items);
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from an empty Bag");
        return NULL;
    }
    PyObject *item = PyList_GET_ITEM(self->items, n - 1);
    Py_INCREF(item);
    if (PyList_SetSlice(self->items, n - 1, n, NULL) < 0) {
        Py_DECREF(item);
        return NULL;
    }
    self->size = n - 1;
    return item;
}

/* take(n): a tuple of the first n items (at most len(bag)). */
static PyObject *
Bag_take(PyObject *op, PyObject *args)
{
    BagObject *self = (BagObject *)op;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n:take", &n)) {
        return NULL;
    }
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "take() needs a count >= 0");
        return NULL;
    }
    if (n > PyList_GET_SIZE(self->items)) {
        n = PyList_GET_SIZE(self->items);
    }
    PyObject *result = PyTuple_New(n);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(self->items, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(result, i, item);
    }
    return result;
}

static PyObject *
Bag_items(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return PyList_AsTuple(((BagObject *)op)->items);
}

static PyObject *
Bag_clear_method(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    BagObject *self = (BagObject *)op;
    if (PyList_SetSlice(self->items, 0, PyList_GET_SIZE(self->items), NULL) < 0) {
        return NULL;
    }
    self->size = 0;
    Py_RETURN_NONE;
}

static PyObject *
Bag_repr(PyObject *op)
{
    BagObject *self = (BagObject *)op;
    return PyUnicode_FromFormat("Bag(%R, %R)", self->label, self->items);
}

static Py_ssize_t
Bag_length(PyObject *op)
{
    return PyList_GET_SIZE(((BagObject *)op)->items);
}

static PyObject *
Bag_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!PyObject_TypeCheck(b, &Bag_Type) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return PyObject_RichCompare(((BagObject *)a)->items, ((BagObject *)b)->items, op);
}

static PyObject *
Bag_iter(PyObject *op)
{
    BagIterObject *it = PyObject_GC_New(BagIterObject, &BagIter_Type);
    if (it == NULL) {
        return NULL;
    }
    Py_INCREF(op);
    it->bag = (BagObject *)op;
    it->index = 0;
    PyObject_GC_Track((PyObject *)it);
    return (PyObject *)it;
}

static PyMethodDef Bag_methods[] = {
    {"add", Bag_add, METH_O, "Add one item."},
    {"extend", Bag_extend, METH_O, "Add every item of an iterable."},
    {"pop", Bag_pop, METH_NOARGS, "Remove and return the last item."},
    {"take", Bag_take, METH_VARARGS, "The first n items, as a tuple."},
    {"items", Bag_items, METH_NOARGS, "Every item, as a tuple."},
    {"clear", Bag_clear_method, METH_NOARGS, "Remove every item."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "Bag[T], for type hints."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Bag_members[] = {
    {"label", T_OBJECT_EX, offsetof(BagObject, label), 0, "the bag's label"},
    {"size", T_PYSSIZET, offsetof(BagObject, size), READONLY, "number of items"},
    {NULL, 0, 0, 0, NULL},
};

static PySequenceMethods Bag_as_sequence = {
    .sq_length = Bag_length,
};

static PyTypeObject Bag_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gctype.Bag",
    .tp_basicsize = sizeof(BagObject),
    .tp_dealloc = Bag_dealloc,
    .tp_repr = Bag_repr,
    .tp_as_sequence = &Bag_as_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = Bag_doc,
    .tp_traverse = Bag_traverse,
    .tp_clear = Bag_clear,
    .tp_richcompare = Bag_richcompare,
    .tp_iter = Bag_iter,
    .tp_methods = Bag_methods,
    .tp_members = Bag_members,
    .tp_init = Bag_init,
    .tp_new = Bag_new,
};

/* --- BagIterator ----------------------------------------------------------------------------------- */

static int
BagIter_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(((BagIterObject *)op)->bag);
    return 0;
}

static int
BagIter_clear(PyObject *op)
{
    Py_CLEAR(((BagIterObject *)op)->bag);
    return 0;
}

static void
BagIter_dealloc(PyObject *op)
{
    PyObject_GC_UnTrack(op);
    BagIter_clear(op);
    PyObject_GC_Del(op);
}

static PyObject *
BagIter_next(PyObject *op)
{
    BagIterObject *it = (BagIterObject *)op;
    if (it->bag == NULL) {
        return NULL;
    }
    if (it->index < PyList_GET_SIZE(it->bag->items)) {
        PyObject *item = PyList_GET_ITEM(it->bag->items, it->index);
        it->index++;
        Py_INCREF(item);
        return item;
    }
    Py_CLEAR(it->bag);
    return NULL;
}

static PyTypeObject BagIter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gctype.BagIterator",
    .tp_basicsize = sizeof(BagIterObject),
    .tp_dealloc = BagIter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = BagIter_traverse,
    .tp_clear = BagIter_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = BagIter_next,
};

/* --- the module (single-phase initialisation) -------------------------------------------------- */

static PyObject *
gctype_bag_of(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *items;
    const char *label = "";
    if (!PyArg_ParseTuple(args, "O|s:bag_of", &items, &label)) {
        return NULL;
    }
    return PyObject_CallFunction((PyObject *)&Bag_Type, "sO", label, items);
}

static PyMethodDef gctype_methods[] = {
    {"bag_of", gctype_bag_of, METH_VARARGS, "bag_of(iterable, label='') -> Bag"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef gctype_module = {
    PyModuleDef_HEAD_INIT,
    "gctype",
    "A garbage-collected container type.",
    -1,
    gctype_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit_gctype(void)
{
    if (PyType_Ready(&BagIter_Type) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&gctype_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddType(m, &Bag_Type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "VERSION", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
