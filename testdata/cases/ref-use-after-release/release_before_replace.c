/* ref-use-after-release: a member of an object released before the new value is stored. While
 * the old value is destroyed, its destructor (a __del__, a weakref callback) runs with the object
 * still pointing to the freed value, and can reach it. Py_SETREF stores first, then releases. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *wrapped;
} Proxy;

static void
proxy_dealloc(Proxy *self)
{
    // expect-clean
    Py_XDECREF(self->wrapped);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Bug: self->wrapped dangles while the old value is destroyed. */
static PyObject *
proxy_add(Proxy *self, PyObject *other)
{
    PyObject *result = PyNumber_InPlaceAdd(self->wrapped, other);
    if (result == NULL) {
        return NULL;
    }
    Py_DECREF(self->wrapped);  // expect: ref-use-after-release
    self->wrapped = result;
    Py_INCREF(self);
    return (PyObject *)self;
}

/* Right: the new value is stored first. */
static PyObject *
proxy_sub(Proxy *self, PyObject *other)
{
    // expect-clean
    PyObject *result = PyNumber_InPlaceSubtract(self->wrapped, other);
    if (result == NULL) {
        return NULL;
    }
    Py_SETREF(self->wrapped, result);
    Py_INCREF(self);
    return (PyObject *)self;
}

/* Right: cleared before the store (Py_CLEAR sets the member to NULL first). */
static PyObject *
proxy_reset(Proxy *self, PyObject *value)
{
    // expect-clean
    Py_CLEAR(self->wrapped);
    Py_INCREF(value);
    self->wrapped = value;
    Py_RETURN_NONE;
}

static int
proxy_init(Proxy *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    PyObject *wrapped;
    if (!PyArg_ParseTuple(args, "O", &wrapped)) {
        return -1;
    }
    Py_INCREF(wrapped);
    Py_XSETREF(self->wrapped, wrapped);
    return 0;
}

static PyMethodDef proxy_methods[] = {
    {"add", (PyCFunction)proxy_add, METH_O, NULL},
    {"sub", (PyCFunction)proxy_sub, METH_O, NULL},
    {"reset", (PyCFunction)proxy_reset, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ProxyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "release_before_replace.Proxy",
    .tp_basicsize = sizeof(Proxy),
    .tp_dealloc = (destructor)proxy_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = proxy_methods,
    .tp_init = (initproc)proxy_init,
    .tp_new = PyType_GenericNew,
};
/* oracle: call Proxy(1000) */
/* oracle: call Proxy.add(1000) */
/* oracle: call Proxy.sub(1000) */

static struct PyModuleDef release_before_replace_module = {
    PyModuleDef_HEAD_INIT, "release_before_replace", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_release_before_replace(void)
{
    // expect-clean
    PyObject *m;
    if (PyType_Ready(&ProxyType) < 0) {
        return NULL;
    }
    m = PyModule_Create(&release_before_replace_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "Proxy", (PyObject *)&ProxyType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
