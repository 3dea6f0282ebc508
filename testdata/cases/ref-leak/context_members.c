/* ref-leak: a member of the file's own C struct (an encoder's context) that gets new references
 * while no function of the file ever releases it. Each store leaks one when the context is
 * reused or freed. Members some function releases, hands on or lets a helper see are fine. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *value;     /* bug: new references stored, never released */
    PyObject *key;       /* borrowed on purpose: only borrowed references are stored */
    PyObject *raw;       /* owned: released by context_end */
    PyObject *pending;   /* handed to a helper that takes it over */
    Py_ssize_t index;
} Context;

static int
context_next(Context *c, PyObject *mapping, PyObject *keys)
{
    if (c->index >= PyList_GET_SIZE(keys)) {
        return 0;
    }
    c->key = PyList_GET_ITEM(keys, c->index++);
    c->value = PyObject_GetItem(mapping, c->key);  // expect: ref-leak
    return c->value == NULL ? -1 : 1;
}

static int
context_raw(Context *c, PyObject *obj)
{
    // expect-clean
    c->raw = PyObject_Repr(obj);
    return c->raw == NULL ? -1 : 0;
}

static void
context_flush(PyObject *pending)
{
    // expect-clean
    Py_XDECREF(pending);
}

static int
context_queue(Context *c, PyObject *obj)
{
    // expect-clean
    c->pending = PyObject_Str(obj);
    if (c->pending == NULL) {
        return -1;
    }
    context_flush(c->pending);
    c->pending = NULL;
    return 0;
}

static void
context_end(Context *c)
{
    // expect-clean
    Py_CLEAR(c->raw);
}

static PyObject *
count_values(PyObject *self, PyObject *mapping)
{
    // expect-clean
    Context c = {NULL, NULL, NULL, NULL, 0};
    Py_ssize_t n = 0;
    int r;
    PyObject *keys = PyMapping_Keys(mapping);
    if (keys == NULL) {
        return NULL;
    }
    while ((r = context_next(&c, mapping, keys)) > 0) {
        n++;
    }
    if (r == 0 && (context_raw(&c, mapping) < 0 || context_queue(&c, mapping) < 0)) {
        r = -1;
    }
    context_end(&c);
    Py_DECREF(keys);
    if (r < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(n);
}
/* oracle: call count_values({'a': 'x', 'b': 'y'}) */

static PyMethodDef context_members_methods[] = {
    {"count_values", count_values, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef context_members_module = {
    PyModuleDef_HEAD_INIT, "context_members", NULL, -1, context_members_methods,
};

PyMODINIT_FUNC
PyInit_context_members(void)
{
    // expect-clean
    return PyModule_Create(&context_members_module);
}
