/* inventory — a small extension module that keeps a stock list of items, written the way real
 * extensions are written, with a handful of reference-ownership bugs seeded in it. It is the example
 * `make run` lints. Each seeded bug carries an `expect:` comment naming the rule pyrefcheck reports;
 * the functions marked `expect-clean` are correct and must get no finding.
 *
 * Build it as a real extension (it compiles against CPython's own headers):
 *   cc -shared -fPIC $(python3-config --includes) inventory.c -o inventory$(python3-config --extension-suffix)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

/* ---------------------------------------------------------------------------------------------- */
/* The Item type: a named quantity with optional tags, tracked by the cycle collector.            */

typedef struct {
    PyObject_HEAD
    PyObject *name;     /* str, owned */
    Py_ssize_t count;
    PyObject *tags;     /* list or NULL, owned */
} ItemObject;

static int
Item_traverse(ItemObject *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->name);
    Py_VISIT(self->tags);
    return 0;
}

static int
Item_clear(ItemObject *self)
{
    // expect-clean
    Py_CLEAR(self->name);
    Py_CLEAR(self->tags);
    return 0;
}

/* Seeded bug: the object is still tracked by the GC while its fields are released. */
static void
Item_dealloc(ItemObject *self)
{
    Py_XDECREF(self->name);  // expect: type-dealloc
    Py_XDECREF(self->tags);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Item_init(ItemObject *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    static char *kwlist[] = {"name", "count", "tags", NULL};
    PyObject *name = NULL, *tags = NULL;
    Py_ssize_t count = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|nO!", kwlist,
                                     &name, &count, &PyList_Type, &tags))
        return -1;
    Py_INCREF(name);
    Py_XSETREF(self->name, name);
    Py_XINCREF(tags);
    Py_XSETREF(self->tags, tags);
    self->count = count;
    return 0;
}

/* Seeded bug: `return Py_None;` hands out a reference the function does not own. */
static PyObject *
Item_add_tag(ItemObject *self, PyObject *tag)
{
    if (self->tags == NULL) {
        self->tags = PyList_New(0);
        if (self->tags == NULL)
            return NULL;
    }
    if (PyList_Append(self->tags, tag) < 0)
        return NULL;
    return Py_None;  // expect: ref-return-borrowed
}

static PyObject *
Item_repr(ItemObject *self)
{
    // expect-clean
    return PyUnicode_FromFormat("Item(%R, %zd)", self->name, self->count);
}

static PyMethodDef Item_methods[] = {
    {"add_tag", (PyCFunction)Item_add_tag, METH_O, "Add a tag to the item."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Item_members[] = {
    {"name", T_OBJECT_EX, offsetof(ItemObject, name), READONLY, "item name"},
    {"count", T_PYSSIZET, offsetof(ItemObject, count), 0, "quantity in stock"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject ItemType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "inventory.Item",
    .tp_basicsize = sizeof(ItemObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "An item in stock.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Item_init,
    .tp_dealloc = (destructor)Item_dealloc,
    .tp_traverse = (traverseproc)Item_traverse,
    .tp_clear = (inquiry)Item_clear,
    .tp_repr = (reprfunc)Item_repr,
    .tp_methods = Item_methods,
    .tp_members = Item_members,
};

/* ---------------------------------------------------------------------------------------------- */
/* Module-level functions.                                                                         */

/* Seeded bug: when PyList_Append fails, the new integer leaks on the error path. */
static PyObject *
inventory_counts(PyObject *module, PyObject *items)
{
    PyObject *result = PyList_New(0);
    if (result == NULL)
        return NULL;
    Py_ssize_t n = PyList_Size(items);
    if (n < 0) {
        Py_DECREF(result);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *count = PyLong_FromSsize_t(i + 1);
        if (count == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        if (PyList_Append(result, count) < 0) {
            Py_DECREF(result);
            return NULL;  // expect: ref-leak
        }
        Py_DECREF(count);
    }
    return result;
}

/* Seeded bug: the first element is borrowed from the list, and released as if owned. */
static PyObject *
inventory_first_name(PyObject *module, PyObject *items)
{
    PyObject *first, *name;

    if (!PyList_Check(items) || PyList_GET_SIZE(items) == 0) {
        PyErr_SetString(PyExc_ValueError, "expected a non-empty list");
        return NULL;
    }
    first = PyList_GetItem(items, 0);
    if (first == NULL)
        return NULL;
    name = PyObject_GetAttrString(first, "name");
    Py_DECREF(first);  // expect: ref-release-borrowed
    return name;
}

/* Seeded bug: the tuple steals `label`, and the function then releases it again. */
static PyObject *
inventory_pair(PyObject *module, PyObject *args)
{
    const char *text;
    Py_ssize_t count;
    PyObject *pair, *label, *number;

    if (!PyArg_ParseTuple(args, "sn:pair", &text, &count))
        return NULL;
    pair = PyTuple_New(2);
    if (pair == NULL)
        return NULL;
    label = PyUnicode_FromString(text);
    if (label == NULL) {
        Py_DECREF(pair);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 0, label);
    number = PyLong_FromSsize_t(count);
    if (number == NULL) {
        Py_DECREF(pair);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 1, number);
    Py_DECREF(label);  // expect: ref-use-after-steal
    return pair;
}

/* Seeded bug: Py_BuildValue's "O" takes its own reference, so the new string is never released. */
static PyObject *
inventory_describe(PyObject *module, PyObject *args)
{
    const char *name;
    Py_ssize_t count;

    if (!PyArg_ParseTuple(args, "sn", &name, &count))
        return NULL;
    PyObject *key = PyUnicode_FromString(name);
    if (key == NULL)
        return NULL;
    return Py_BuildValue("{sO,sn}", "name", key, "count", count);  // expect: ref-leak
}

/* Seeded bug: PyLong_FromSsize_t can fail; its result is passed on unchecked. */
static PyObject *
inventory_total(PyObject *module, PyObject *items)
{
    Py_ssize_t total = 0, n;
    PyObject *seq = PySequence_Fast(items, "expected a sequence");
    if (seq == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        Py_ssize_t v = PyLong_AsSsize_t(item);
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return NULL;
        }
        total += v;
    }
    Py_DECREF(seq);
    PyObject *result = PyLong_FromSsize_t(total);
    PyObject *doubled = PyNumber_Add(result, result);  // expect: null-unchecked
    Py_XDECREF(result);
    return doubled;
}

/* Correct: every path releases what it owns, through one cleanup label. */
static PyObject *
inventory_index(PyObject *module, PyObject *items)
{
    // expect-clean
    PyObject *index = NULL, *iter = NULL, *item = NULL, *name = NULL;

    index = PyDict_New();
    if (index == NULL)
        goto error;
    iter = PyObject_GetIter(items);
    if (iter == NULL)
        goto error;
    while ((item = PyIter_Next(iter)) != NULL) {
        name = PyObject_GetAttrString(item, "name");
        if (name == NULL)
            goto error;
        if (PyDict_SetItem(index, name, item) < 0)
            goto error;
        Py_CLEAR(name);
        Py_CLEAR(item);
    }
    if (PyErr_Occurred())
        goto error;
    Py_DECREF(iter);
    return index;

error:
    Py_XDECREF(name);
    Py_XDECREF(item);
    Py_XDECREF(iter);
    Py_XDECREF(index);
    return NULL;
}

static PyMethodDef inventory_methods[] = {
    {"counts", inventory_counts, METH_O, "Running counts for a list of items."},
    {"first_name", inventory_first_name, METH_O, "Name of the first item."},
    {"pair", inventory_pair, METH_VARARGS, "Make a (label, count) pair."},
    {"describe", inventory_describe, METH_VARARGS, "Describe an item as a dict."},
    {"total", inventory_total, METH_O, "Twice the total of the counts."},
    {"index", inventory_index, METH_O, "Index items by name."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef inventory_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "inventory",
    .m_doc = "A small stock-keeping module.",
    .m_size = -1,
    .m_methods = inventory_methods,
};

/* Seeded bug: PyModule_AddObject steals only on success; on failure the version string leaks. */
PyMODINIT_FUNC
PyInit_inventory(void)
{
    PyObject *module, *version;

    if (PyType_Ready(&ItemType) < 0)
        return NULL;
    module = PyModule_Create(&inventory_module);
    if (module == NULL)
        return NULL;
    Py_INCREF(&ItemType);
    if (PyModule_AddObject(module, "Item", (PyObject *)&ItemType) < 0) {  // expect: api-prefer-strong
        Py_DECREF(&ItemType);
        Py_DECREF(module);
        return NULL;
    }
    version = PyUnicode_FromString("1.0");
    if (version == NULL) {
        Py_DECREF(module);
        return NULL;
    }
    if (PyModule_AddObject(module, "version", version) < 0) {  // expect: api-prefer-strong
        Py_DECREF(module);
        return NULL;  // expect: ref-leak
    }
    return module;
}
