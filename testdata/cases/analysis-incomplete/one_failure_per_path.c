/* analysis-incomplete: functions whose unchecked failures multiply paths beyond the budget are
 * walked again with at most one failing call per path. That walk completes, so the findings on
 * the normal path and on each single error path are still reported; the note says which paths
 * were left out. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Nine results whose failures are tested only once, at the end: every combination of them
 * failing is a path (2^9) without the limit. The Repr() is never released. */
static PyObject *
nine_strings(PyObject *self, PyObject *obj)  // expect: analysis-incomplete
{
    PyObject *a0 = PyObject_Str(obj), *a1 = PyObject_Str(obj), *a2 = PyObject_Str(obj);
    PyObject *a3 = PyObject_Str(obj), *a4 = PyObject_Str(obj), *a5 = PyObject_Str(obj);
    PyObject *a6 = PyObject_Str(obj), *a7 = PyObject_Str(obj), *a8 = PyObject_Str(obj);
    PyObject *repr = PyObject_Repr(obj);
    Py_ssize_t n = 0;
    if (PyErr_Occurred()) {
        n = -1;
    }
    Py_XDECREF(a0);
    Py_XDECREF(a1);
    Py_XDECREF(a2);
    Py_XDECREF(a3);
    Py_XDECREF(a4);
    Py_XDECREF(a5);
    Py_XDECREF(a6);
    Py_XDECREF(a7);
    Py_XDECREF(a8);
    if (n < 0) {
        return NULL;  // expect: ref-leak
    }
    return PyLong_FromSsize_t(9);  // expect: ref-leak
}
/* oracle: call nine_strings(1) */

/* Right: the failures are tested where they happen; the walk completes without the limit. */
static PyObject *
two_strings_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *a = PyObject_Str(obj), *b;
    if (a == NULL)
        return NULL;
    b = PyObject_Repr(obj);
    if (b == NULL) {
        Py_DECREF(a);
        return NULL;
    }
    Py_DECREF(a);
    return b;
}
/* oracle: call two_strings_ok(1) */

static PyMethodDef one_failure_methods[] = {
    {"nine_strings", nine_strings, METH_O, NULL},
    {"two_strings_ok", two_strings_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef one_failure_module = {
    PyModuleDef_HEAD_INIT, "one_failure_per_path", NULL, -1, one_failure_methods,
};

PyMODINIT_FUNC
PyInit_one_failure_per_path(void)
{
    // expect-clean
    return PyModule_Create(&one_failure_module);
}
