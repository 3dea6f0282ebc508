/* A file that does not compile: lint reports clang's error, skips the function the error touches
 * (with a note naming the error), still analyses the others, and exits 2 so that CI notices.
 * This case is meant not to compile. */
// expect-lint-exit: 2
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: still found although another function does not compile. */
static PyObject *
leak_next_to_error(PyObject *self, PyObject *list)
{
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    if (PyList_Append(list, n) < 0)
        return NULL;  // expect: ref-leak
    Py_DECREF(n);
    Py_RETURN_NONE;
}

/* Does not compile (missing semicolon): skipped, with a note. */
static PyObject *
broken(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg)
    return r;
}

static PyMethodDef methods[] = {
    {"leak_next_to_error", leak_next_to_error, METH_O, NULL},
    {"broken", broken, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
