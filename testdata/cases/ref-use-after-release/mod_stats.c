/* stats — a module computing small statistics over sequences, with the classic use after
 * release: an object used (or released again) after the function dropped its last reference.
 * Each bug has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the sum is released, then returned. */
static PyObject *
stats_total(PyObject *self, PyObject *seq)
{
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL)
        return NULL;
    PyObject *sum = PyNumber_Add(zero, zero);
    Py_DECREF(zero);
    if (sum == NULL)
        return NULL;
    Py_ssize_t n = PyObject_Length(seq);
    if (n < 0) {
        Py_DECREF(sum);
        return NULL;
    }
    Py_DECREF(sum);
    return sum;   // expect: ref-use-after-release
}
/* oracle: call stats_total([1, 2]) */

/* Correct. */
static PyObject *
stats_total_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL)
        return NULL;
    PyObject *sum = PyNumber_Add(zero, zero);
    Py_DECREF(zero);
    if (sum == NULL)
        return NULL;
    Py_ssize_t n = PyObject_Length(seq);
    if (n < 0) {
        Py_DECREF(sum);
        return NULL;
    }
    return sum;
}
/* oracle: call stats_total_ok([1, 2]) */

/* Bug: the list is released twice: once on the error path and again at the shared exit. */
static PyObject *
stats_sorted(PyObject *self, PyObject *seq)
{
    PyObject *list = PySequence_List(seq);
    if (list == NULL)
        return NULL;
    if (PyList_Sort(list) < 0) {
        Py_DECREF(list);
        goto fail;
    }
    return list;
fail:
    Py_DECREF(list);   // expect: ref-use-after-release
    return NULL;
}
/* oracle: call stats_sorted([3, 1, 2]) */

/* Correct. */
static PyObject *
stats_sorted_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    PyObject *list = PySequence_List(seq);
    if (list == NULL)
        return NULL;
    if (PyList_Sort(list) < 0)
        goto fail;
    return list;
fail:
    Py_DECREF(list);
    return NULL;
}
/* oracle: call stats_sorted_ok([3, 1, 2]) */

/* Bug: the repr is released before its length is measured. */
static PyObject *
stats_width(PyObject *self, PyObject *obj)
{
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    return PyLong_FromSsize_t(PyUnicode_GetLength(r));   // expect: ref-use-after-release
}
/* oracle: call stats_width([1, 2, 3]) */

/* Correct. */
static PyObject *
stats_width_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL)
        return NULL;
    Py_ssize_t n = PyUnicode_GetLength(r);
    Py_DECREF(r);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}
/* oracle: call stats_width_ok([1, 2, 3]) */

/* Bug: Py_CLEAR would have been right; Py_DECREF leaves a dangling pointer released again. */
static PyObject *
stats_mean(PyObject *self, PyObject *args)
{
    double a, b;
    if (!PyArg_ParseTuple(args, "dd", &a, &b))
        return NULL;
    PyObject *tmp = PyFloat_FromDouble(a + b);
    if (tmp == NULL)
        return NULL;
    double total = PyFloat_AS_DOUBLE(tmp);
    Py_DECREF(tmp);
    if (total < 0)
        Py_DECREF(tmp);   // expect: ref-use-after-release
    return PyFloat_FromDouble(total / 2.0);
}
/* oracle: call stats_mean(-1.0, -3.0) */

/* Correct. */
static PyObject *
stats_mean_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    double a, b;
    if (!PyArg_ParseTuple(args, "dd", &a, &b))
        return NULL;
    PyObject *tmp = PyFloat_FromDouble(a + b);
    if (tmp == NULL)
        return NULL;
    double total = PyFloat_AS_DOUBLE(tmp);
    Py_CLEAR(tmp);
    Py_XDECREF(tmp);
    return PyFloat_FromDouble(total / 2.0);
}
/* oracle: call stats_mean_ok(-1.0, -3.0) */

static PyMethodDef stats_methods[] = {
    {"total", stats_total, METH_O, NULL},
    {"total_ok", stats_total_ok, METH_O, NULL},
    {"sorted", stats_sorted, METH_O, NULL},
    {"sorted_ok", stats_sorted_ok, METH_O, NULL},
    {"width", stats_width, METH_O, NULL},
    {"width_ok", stats_width_ok, METH_O, NULL},
    {"mean", stats_mean, METH_VARARGS, NULL},
    {"mean_ok", stats_mean_ok, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef stats_module = {
    PyModuleDef_HEAD_INIT, "stats", NULL, -1, stats_methods,
};

PyMODINIT_FUNC
PyInit_stats(void)
{
    // expect-clean
    return PyModule_Create(&stats_module);
}
