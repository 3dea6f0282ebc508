/* null-unchecked traps: borrowed getters that fail only on a bad index are not reported where the
 * index is in range by construction; when the code does test them, the failure is explored. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Correct: indexes below the size. */
static PyObject *
copy_items(PyObject *self, PyObject *args)
{
    // expect-clean
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *out = PyTuple_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GetItem(args, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(out, i, item);
    }
    return out;
}

/* Correct: tested, and the failure path returns with the exception. */
static PyObject *
first_checked(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    return Py_NewRef(item);
}

/* Bug: a lookup may find nothing; that is not a bad index. */
static PyObject *
lookup_unchecked(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "x");
    return PyObject_Repr(v);  // expect: null-unchecked
}

static PyMethodDef methods[] = {
    {"copy_items", copy_items, METH_VARARGS, NULL},
    {"first_checked", first_checked, METH_O, NULL},
    {"lookup_unchecked", lookup_unchecked, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef getters_in_bounds_module = {
    PyModuleDef_HEAD_INIT, "getters_in_bounds", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_getters_in_bounds(void)
{
    // expect-clean
    return PyModule_Create(&getters_in_bounds_module);
}
