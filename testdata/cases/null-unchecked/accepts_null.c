/* Calls the rules say accept NULL (PyCallable_Check returns 0 for NULL) are no unchecked use. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Correct: a missing attribute fails the callable check; the error is raised below. */
static PyObject *
get_write(PyObject *self, PyObject *file)
{
    // expect-clean
    PyObject *write = PyObject_GetAttrString(file, "write");
    if (!PyCallable_Check(write)) {
        Py_XDECREF(write);
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "expected a writable file");
        return NULL;
    }
    return write;
}

/* Correct: PyCallable_Check(NULL) is 0, so a callable attribute is not NULL (ultrajson). */
static PyObject *
call_read(PyObject *self, PyObject *file)
{
    // expect-clean
    PyObject *read = PyObject_GetAttrString(file, "read");
    if (!PyCallable_Check(read)) {
        Py_XDECREF(read);
        PyErr_SetString(PyExc_TypeError, "expected a file");
        return NULL;
    }
    PyObject *s = PyObject_CallObject(read, NULL);
    Py_DECREF(read);
    return s;
}

/* Bug: PyObject_Repr does not accept NULL. */
static PyObject *
repr_attr(PyObject *self, PyObject *obj)
{
    PyObject *v = PyObject_GetAttrString(obj, "value");
    PyObject *r = PyObject_Repr(v);  // expect: null-unchecked
    Py_XDECREF(v);
    return r;
}

static PyMethodDef methods[] = {
    {"get_write", get_write, METH_O, NULL},
    {"repr_attr", repr_attr, METH_O, NULL},
    {"call_read", call_read, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "accepts_null", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_accepts_null(void)
{
    return PyModule_Create(&mod);
}
