/* A clean module for the mutation tool's test: each ownership idiom the tool mutates appears in it
 * a known number of times. Not a testdata case: it is never linted as one. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Py_DECREF(in_a_comment); Py_RETURN_NONE; if (!x) -- never mutated */

static PyObject *
make_pair(PyObject *self, PyObject *args)
{
    PyObject *pair = PyTuple_New(2);
    if (pair == NULL)
        return NULL;
    PyObject *first = PyLong_FromLong(1);
    if (!first) {
        Py_DECREF(pair);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 0, first);
    PyObject *second = PyUnicode_FromString("Py_DECREF(x);");
    if (NULL == second) {
        Py_DECREF(pair);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 1, second);
    return pair;
}

static PyObject *
keep(PyObject *self, PyObject *arg)
{
    static PyObject *kept = NULL;
    Py_INCREF(arg);
    Py_XDECREF(kept);
    kept = arg;
    Py_RETURN_NONE;
}

static PyObject *
sum_list(PyObject *self, PyObject *list)
{
    PyObject *total = PyLong_FromLong(0), *next = NULL;
    if (total == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < PyList_Size(list); i++) {
        next = PyNumber_Add(total, PyList_GET_ITEM(list, i));
        if (next == NULL)
            goto error;
        Py_SETREF(total, next);
    }
    return total;
error:
    Py_XDECREF(total);
    return NULL;
}

static PyMethodDef methods[] = {
    {"make_pair", make_pair, METH_NOARGS, NULL},
    {"keep", keep, METH_O, NULL},
    {"sum_list", sum_list, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "fixture", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_fixture(void)
{
    PyObject *m = PyModule_Create(&module_def);
    if (m == NULL)
        return NULL;
    PyObject *version = PyUnicode_FromString("1");
    if (version == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "version", version) < 0) {
        Py_DECREF(version);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(version);
    return m;
}
