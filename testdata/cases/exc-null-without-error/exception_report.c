/* PyErr_Occurred() reports the exception state (rules flag `reports-exception`): the branch it
 * guards knows whether an exception is set, so a NULL returned on its other branch is a bug. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: a missing key leaves no exception; the NULL after the check has none. */
static PyObject *
lookup(PyObject *module, PyObject *args)
{
    PyObject *d, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &d, &key))
        return NULL;
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (v == NULL) {
        if (PyErr_Occurred())
            return NULL;
        return NULL;  // expect: exc-null-without-error
    }
    return Py_NewRef(v);
}
/* oracle: call lookup({'a': 1}, 'b') */

/* Correct: the same with the absent key turned into a KeyError. */
static PyObject *
lookup_ok(PyObject *module, PyObject *args)
{
    // expect-clean
    PyObject *d, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &d, &key))
        return NULL;
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (v == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    return Py_NewRef(v);
}

/* Correct: -1 from PyLong_AsLong is an error only when PyErr_Occurred() says so. */
static PyObject *
negate(PyObject *module, PyObject *arg)
{
    // expect-clean
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(-v);
}

/* Correct: a failed conversion is noticed through PyErr_Occurred() alone. */
static PyObject *
twice(PyObject *module, PyObject *arg)
{
    // expect-clean
    double d = PyFloat_AsDouble(arg);
    if (PyErr_Occurred())
        return NULL;
    return PyFloat_FromDouble(2 * d);
}

static PyMethodDef methods[] = {
    {"lookup", lookup, METH_VARARGS, NULL},
    {"lookup_ok", lookup_ok, METH_VARARGS, NULL},
    {"negate", negate, METH_O, NULL},
    {"twice", twice, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "exception_report", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_exception_report(void)
{
    return PyModule_Create(&mod);
}
