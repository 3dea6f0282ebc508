/* cases.c — lint --confirm's test snippet (tests/lint/confirm_test.sh): one finding the oracle
 * confirms, one it runs without reproducing, one in a function it cannot call. */
#include <Python.h>

/* A leak on the normal path: every run shows it (confirmed). */
static PyObject *
leaks_always(PyObject *self, PyObject *unused)
{
    PyObject *n = PyLong_FromLong(100000);
    if (n == NULL) {
        return NULL;
    }
    Py_RETURN_NONE;  /* 'n' leaks here */
}

/* The leak only for a count no argument set holds: the oracle runs the function with its
 * arguments from the format and never takes that branch (not reproduced). */
static PyObject *
leaks_for_magic(PyObject *self, PyObject *args)
{
    long count;
    if (!PyArg_ParseTuple(args, "l", &count)) {
        return NULL;
    }
    PyObject *n = PyLong_FromLong(count);
    if (n == NULL) {
        return NULL;
    }
    if (count == 987654) {
        return PyLong_FromLong(0);  /* 'n' leaks here */
    }
    return n;
}

/* A function taking a C integer, that no entry point calls: the oracle cannot call it alone
 * (not runnable). */
int
leaky_helper(int k)
{
    PyObject *n = PyLong_FromLong(k);
    if (n == NULL) {
        return -1;
    }
    return 0;  /* 'n' leaks here */
}

static PyMethodDef methods[] = {
    {"leaks_always", leaks_always, METH_NOARGS, NULL},
    {"leaks_for_magic", leaks_for_magic, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cases", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_cases(void)
{
    return PyModule_Create(&module);
}
