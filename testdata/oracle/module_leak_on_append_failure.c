/* module_leak_on_append_failure.c — a module whose function leaks when PyList_Append fails.
 *
 * The second PyList_Append never allocates (the list over-allocated on the first), so no
 * allocation failure reaches its error path; the oracle makes the call itself fail (schedule
 * "call"). The arguments come from the PyArg_ParseTuple format "OO". */
#include <Python.h>

/* Wrong: `list` leaks when the second append fails. */
static PyObject *
join_two(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *list = PyList_New(0);     /* oracle-expect: leak join_two fault@22 */
    if (list == NULL)
        return NULL;
    if (PyList_Append(list, a) < 0) {
        Py_DECREF(list);
        return NULL;
    }
    if (PyList_Append(list, b) < 0)
        return NULL;                    // expect: ref-leak
    return list;
}

/* Right: every path releases what it made. */
static PyObject *
count_items(PyObject *self, PyObject *arg)    /* oracle-ok: count_items */
{
    Py_ssize_t n = PyObject_Length(arg);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}

static PyMethodDef methods[] = {
    {"join_two", join_two, METH_VARARGS, NULL},
    {"count_items", count_items, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "snippet", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_snippet(void)                    /* oracle-ok: PyInit_snippet */
{
    return PyModule_Create(&moddef);
}
