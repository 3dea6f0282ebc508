/* Annotated functions: calls follow the annotation (pyrefcheck/annotations.h spells these
 * attributes; they are written out here so that the case compiles without that header), and the
 * annotated body is checked against it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define STEALS(n) __attribute__((annotate("pyrefcheck_steals=" #n)))
#define RETURNS_BORROWED __attribute__((annotate("pyrefcheck_returns_borrowed")))

/* Declared elsewhere, annotated: takes over its second argument. */
STEALS(2) int bag_add(PyObject *bag, PyObject *item);

/* Correct: the new reference goes to bag_add. */
static PyObject *
add_new_ok(PyObject *self, PyObject *bag)
{
    // expect-clean
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    if (bag_add(bag, n) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Bug: bag_add steals, and the argument is borrowed. */
static PyObject *
add_argument(PyObject *self, PyObject *args)
{
    PyObject *bag, *item;
    if (!PyArg_ParseTuple(args, "OO", &bag, &item))
        return NULL;
    if (bag_add(bag, item) < 0)  // expect: ref-steal-borrowed
        return NULL;
    Py_RETURN_NONE;
}

/* Defined here and annotated: its body is checked against the annotation (it owns `item`). */
STEALS(2) static int
bag_put(PyObject *bag, PyObject *item)
{
    if (PyList_Append(bag, item) < 0)
        return -1;  // expect: ref-leak
    Py_DECREF(item);
    return 0;
}

/* A getter annotated as returning a borrowed reference. */
RETURNS_BORROWED static PyObject *
first_of(PyObject *list)
{
    // expect-clean
    return PyList_GetItem(list, 0);
}

/* Correct: the borrowed result is taken before it is returned. */
static PyObject *
first_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *bag = PyList_New(0);
    if (bag == NULL)
        return NULL;
    PyObject *n = PyLong_FromLong(2);
    if (n == NULL || bag_put(bag, n) < 0) {
        Py_DECREF(bag);
        return NULL;
    }
    Py_DECREF(bag);
    return Py_XNewRef(first_of(list));
}

static PyMethodDef methods[] = {
    {"add_new_ok", add_new_ok, METH_O, NULL},
    {"add_argument", add_argument, METH_VARARGS, NULL},
    {"first_ok", first_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef annotated_module = {
    PyModuleDef_HEAD_INIT, "annotated", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_annotated(void)
{
    // expect-clean
    return PyModule_Create(&annotated_module);
}
