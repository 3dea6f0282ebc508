/* exc-null-without-error: an entry point returns NULL (or -1) on a path where no exception is
 * set; and the ways that are correct. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyDict_GetItemString sets no exception when the key is missing. */
static PyObject *
get_key(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "key");
    if (v == NULL)
        return NULL;  // expect: exc-null-without-error
    return Py_NewRef(v);
}

/* Bug: a validation failure that forgets to raise. */
static PyObject *
need_args(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 0)
        return NULL;  // expect: exc-null-without-error
    Py_RETURN_NONE;
}

/* Bug: the error was cleared, then NULL returned. */
static PyObject *
cleared(PyObject *self, PyObject *obj)
{
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL) {
        PyErr_Clear();
        return NULL;  // expect: exc-null-without-error
    }
    return r;
}

typedef struct {
    PyObject_HEAD
    long value;
} Counter;

/* Bug: tp_init returns -1 without an exception. */
static int
counter_init(Counter *self, PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) > 1)
        return -1;  // expect: exc-null-without-error
    self->value = 0;
    return 0;
}

/* Bug: a parsed value is rejected without raising. */
static PyObject *
positive(PyObject *self, PyObject *args)
{
    long n;
    if (!PyArg_ParseTuple(args, "l", &n))
        return NULL;
    if (n <= 0)
        return NULL;  // expect: exc-null-without-error
    return PyLong_FromLong(n);
}
/* oracle: call positive(-5) */

/* Correct: the exception is set before returning NULL. */
static PyObject *
need_args_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    if (PyTuple_GET_SIZE(args) == 0) {
        PyErr_SetString(PyExc_TypeError, "need arguments");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Correct: the failing call's exception is propagated. */
static PyObject *
propagate_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL)
        return NULL;
    return r;
}

/* Correct: PyErr_Format and PyErr_NoMemory return NULL with an exception. */
static PyObject *
raise_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    int t = PyObject_IsTrue(arg);
    if (t < 0)
        return NULL;
    if (t)
        return PyErr_Format(PyExc_ValueError, "true is not allowed");
    return PyErr_NoMemory();
}

/* Correct: a static helper may return NULL for "not found"; its caller raises. */
static PyObject *
find(PyObject *dict, const char *key)
{
    // expect-clean
    PyObject *v = PyDict_GetItemString(dict, key);
    if (v == NULL)
        return NULL;
    return Py_NewRef(v);
}

static PyObject *
find_or_raise_ok(PyObject *self, PyObject *dict)
{
    // expect-clean
    PyObject *v = find(dict, "key");
    if (v == NULL && !PyErr_Occurred())
        PyErr_SetString(PyExc_KeyError, "key");
    return v;
}

/* Correct: tp_init raising before -1. */
static int
counter_init_ok(Counter *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    if (!PyArg_ParseTuple(args, "|l", &self->value))
        return -1;
    return 0;
}

static PyMethodDef methods[] = {
    {"get_key", get_key, METH_O, NULL},
    {"need_args", need_args, METH_VARARGS, NULL},
    {"cleared", cleared, METH_O, NULL},
    {"positive", positive, METH_VARARGS, NULL},
    {"need_args_ok", need_args_ok, METH_VARARGS, NULL},
    {"propagate_ok", propagate_ok, METH_O, NULL},
    {"raise_ok", raise_ok, METH_O, NULL},
    {"find_or_raise_ok", find_or_raise_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Counter",
    .tp_basicsize = sizeof(Counter),
    .tp_init = (initproc)counter_init,
};

static PyTypeObject CounterOkType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.CounterOk",
    .tp_basicsize = sizeof(Counter),
    .tp_init = (initproc)counter_init_ok,
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef no_exception_module = {
    PyModuleDef_HEAD_INIT, "no_exception", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_no_exception(void)
{
    // expect-clean
    return PyModule_Create(&no_exception_module);
}
