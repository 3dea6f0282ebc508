/* ref-use-after-steal, more shapes: Py_CLEAR of a stolen reference, and a stolen reference given
 * to a second stealing call. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: Py_CLEAR releases what PyList_SET_ITEM stole. */
static PyObject *
clear_after_set_item(PyObject *self, PyObject *obj)
{
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(l);
        return NULL;
    }
    PyList_SET_ITEM(l, 0, s);
    Py_CLEAR(s);  // expect: ref-use-after-steal
    return l;
}

/* Bug: the tuple took the string, then Py_BuildValue's "N" takes it again. */
static PyObject *
steal_into_two(PyObject *self, PyObject *obj)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, s);
    return Py_BuildValue("(NN)", t, s);  // expect: ref-use-after-steal
}

static PyMethodDef methods[] = {
    {"clear_after_set_item", clear_after_set_item, METH_O, NULL},
    {"steal_into_two", steal_into_two, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef more_steals_module = {
    PyModuleDef_HEAD_INIT, "more_steals", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_more_steals(void)
{
    // expect-clean
    return PyModule_Create(&more_steals_module);
}
