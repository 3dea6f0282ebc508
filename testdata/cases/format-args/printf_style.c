/* format-args with printf-style formats (PyUnicode_FromFormat, PyErr_Format) and integer widths:
 * a variadic integer is promoted to int at least, so a 64-bit conversion given an int (or the
 * reverse) reads the wrong bytes. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: %i takes an int; a Py_ssize_t is passed. */
static PyObject *
index_error(PyObject *self, PyObject *arg)
{
    Py_ssize_t i = PyLong_AsSsize_t(arg);
    if (i == -1 && PyErr_Occurred())
        return NULL;
    return PyErr_Format(PyExc_IndexError, "index out of range: %i", i);  // expect: format-args
}

/* Bug: "n" takes a Py_ssize_t; an int is passed. */
static PyObject *
build_n_from_int(PyObject *self, PyObject *unused)
{
    int count = 3;
    return Py_BuildValue("n", count);  // expect: format-args
}

/* Bug: %S needs an object, not a C string. */
static PyObject *
describe(PyObject *self, PyObject *unused)
{
    const char *name = "x";
    return PyUnicode_FromFormat("<%S>", name);  // expect: format-args
}

/* Correct: %zd for Py_ssize_t, %R for an object, %s for a C string, %d for an int. */
static PyObject *
describe_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    Py_ssize_t n = PyObject_Length(obj);
    if (n < 0)
        return NULL;
    int small = 1;
    return PyUnicode_FromFormat("%s %R has %zd items (%d)", "object", obj, n, small);
}

/* Correct: a char promoted to int for "i". */
static PyObject *
build_char_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    char c = 'a';
    return Py_BuildValue("(ii)", c, 2);
}

static PyMethodDef methods[] = {
    {"index_error", index_error, METH_O, NULL},
    {"build_n_from_int", build_n_from_int, METH_NOARGS, NULL},
    {"describe", describe, METH_NOARGS, NULL},
    {"describe_ok", describe_ok, METH_O, NULL},
    {"build_char_ok", build_char_ok, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
