/* exc-success-with-error: a result is returned while an exception is still set (a failure was
 * ignored); and the correct handling: propagate, check, or clear. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyObject_IsTrue's failure is ignored. */
static PyObject *
truth_ignored(PyObject *self, PyObject *obj)
{
    if (PyObject_IsTrue(obj) > 0)
        Py_RETURN_TRUE;
    Py_RETURN_FALSE;  // expect: exc-success-with-error
}

/* Bug: raised, then a result returned anyway. */
static PyObject *
raise_and_return(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 0)
        PyErr_SetString(PyExc_TypeError, "need arguments");
    Py_RETURN_NONE;  // expect: exc-success-with-error
}

/* Bug: -1 from PyLong_AsLong is not checked with PyErr_Occurred. */
static PyObject *
double_it(PyObject *self, PyObject *obj)
{
    long v = PyLong_AsLong(obj);
    return PyLong_FromLong(2 * v);  // expect: exc-success-with-error
}

/* Bug: PyDict_SetItem's failure is ignored. */
static PyObject *
store_and_return(PyObject *self, PyObject *dict)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    PyDict_SetItemString(dict, "one", v);
    return v;  // expect: exc-success-with-error
}

/* Bug: a failing append in a loop is ignored. */
static PyObject *
fill(PyObject *self, PyObject *list)
{
    for (int i = 0; i < 3; i++)
        PyList_Append(list, Py_None);
    Py_RETURN_NONE;  // expect: exc-success-with-error
}

/* Correct: the failure is propagated. */
static PyObject *
truth_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    int t = PyObject_IsTrue(obj);
    if (t < 0)
        return NULL;
    return PyBool_FromLong(t);
}

/* Correct: -1 with an exception is told apart from -1 as a value. */
static PyObject *
double_it_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    long v = PyLong_AsLong(obj);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(2 * v);
}

/* Correct: the error is cleared and a default returned. */
static PyObject *
repr_or_default_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL) {
        PyErr_Clear();
        return PyUnicode_FromString("<unrepresentable>");
    }
    return r;
}

/* Correct: PyErr_Occurred decides after a loop. */
static PyObject *
sum_ok(PyObject *self, PyObject *iterable)
{
    // expect-clean
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL)
        return NULL;
    long total = 0;
    PyObject *x;
    while ((x = PyIter_Next(it)) != NULL) {
        long v = PyLong_AsLong(x);
        Py_DECREF(x);
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(it);
            return NULL;
        }
        total += v;
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(total);
}

/* Correct: a store whose failure is checked. */
static PyObject *
store_ok(PyObject *self, PyObject *dict)
{
    // expect-clean
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    if (PyDict_SetItemString(dict, "one", v) < 0) {
        Py_DECREF(v);
        return NULL;
    }
    return v;
}

static PyMethodDef methods[] = {
    {"truth_ignored", truth_ignored, METH_O, NULL},
    {"raise_and_return", raise_and_return, METH_VARARGS, NULL},
    {"double_it", double_it, METH_O, NULL},
    {"store_and_return", store_and_return, METH_O, NULL},
    {"fill", fill, METH_O, NULL},
    {"truth_ok", truth_ok, METH_O, NULL},
    {"double_it_ok", double_it_ok, METH_O, NULL},
    {"repr_or_default_ok", repr_or_default_ok, METH_O, NULL},
    {"sum_ok", sum_ok, METH_O, NULL},
    {"store_ok", store_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

typedef struct {
    PyObject_HEAD
    long limit;
} Limited;

/* Bug: tp_init reports success although PyLong_AsLong failed. */
static int
limited_init(Limited *self, PyObject *args, PyObject *kwds)
{
    PyObject *arg;
    if (!PyArg_ParseTuple(args, "O", &arg))
        return -1;
    self->limit = PyLong_AsLong(arg);
    return 0;  // expect: exc-success-with-error
}

/* Correct: the failure is told apart and propagated. */
static int
limited_init_ok(Limited *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    PyObject *arg;
    if (!PyArg_ParseTuple(args, "O", &arg))
        return -1;
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return -1;
    self->limit = v;
    return 0;
}

static PyTypeObject LimitedType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Limited",
    .tp_basicsize = sizeof(Limited),
    .tp_init = (initproc)limited_init,
};

static PyTypeObject LimitedOkType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.LimitedOk",
    .tp_basicsize = sizeof(Limited),
    .tp_init = (initproc)limited_init_ok,
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef pending_exception_module = {
    PyModuleDef_HEAD_INIT, "pending_exception", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_pending_exception(void)
{
    // expect-clean
    return PyModule_Create(&pending_exception_module);
}
