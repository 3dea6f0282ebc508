/* oracle_typical.c — the "typical snippet" of `make bench`'s oracle measurement: a module of
 * about 150 lines with a handful of functions over lists, dicts, tuples and strings, argument
 * parsing and errors, each making fewer than 50 allocations and fallible calls. It is correct: the
 * oracle must find nothing in it, and the measurement is the wall-clock time of
 * `pyrefcheck oracle` from the compile to the report. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* pairs(n) -> [(0, 0), (1, 1), ...] */
static PyObject *
pairs(PyObject *self, PyObject *args)
{
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n))
        return NULL;
    if (n < 0 || n > 8) {
        PyErr_SetString(PyExc_ValueError, "n must be in 0..8");
        return NULL;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = Py_BuildValue("(nn)", i, i);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(item);
    }
    return list;
}

/* histogram(seq) -> {item: count} */
static PyObject *
histogram(PyObject *self, PyObject *seq)
{
    PyObject *counts = PyDict_New();
    if (counts == NULL)
        return NULL;
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        Py_DECREF(counts);
        return NULL;
    }
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        PyObject *old = PyDict_GetItemWithError(counts, item);
        if (old == NULL && PyErr_Occurred())
            goto error;
        long n = old == NULL ? 0 : PyLong_AsLong(old);
        if (n == -1 && PyErr_Occurred())
            goto error;
        PyObject *count = PyLong_FromLong(n + 1);
        if (count == NULL)
            goto error;
        int rc = PyDict_SetItem(counts, item, count);
        Py_DECREF(count);
        if (rc < 0)
            goto error;
        Py_DECREF(item);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(counts);
        return NULL;
    }
    return counts;
error:
    Py_DECREF(item);
    Py_DECREF(it);
    Py_DECREF(counts);
    return NULL;
}

/* label(name, value=0) -> "name=value" */
static PyObject *
label(PyObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"name", "value", NULL};
    const char *name;
    long value = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s|l", kwlist, &name, &value))
        return NULL;
    return PyUnicode_FromFormat("%s=%ld", name, value);
}

/* swap(a, b) -> (b, a) */
static PyObject *
swap(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "swap takes two arguments");
        return NULL;
    }
    return PyTuple_Pack(2, args[1], args[0]);
}

/* keys_upper(d) -> [str(key).upper() for key in d] */
static PyObject *
keys_upper(PyObject *self, PyObject *d)
{
    if (!PyDict_Check(d)) {
        PyErr_SetString(PyExc_TypeError, "a dict is required");
        return NULL;
    }
    PyObject *result = PyList_New(0);
    if (result == NULL)
        return NULL;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(d, &pos, &key, &value)) {
        PyObject *text = PyObject_Str(key);
        if (text == NULL)
            goto error;
        PyObject *upper = PyObject_CallMethod(text, "upper", NULL);
        Py_DECREF(text);
        if (upper == NULL)
            goto error;
        int rc = PyList_Append(result, upper);
        Py_DECREF(upper);
        if (rc < 0)
            goto error;
    }
    return result;
error:
    Py_DECREF(result);
    return NULL;
}

static PyMethodDef methods[] = {
    {"pairs", pairs, METH_VARARGS, NULL},
    {"histogram", histogram, METH_O, NULL},
    {"label", (PyCFunction)(void (*)(void))label, METH_VARARGS | METH_KEYWORDS, NULL},
    {"swap", (PyCFunction)(void (*)(void))swap, METH_FASTCALL, NULL},
    {"keys_upper", keys_upper, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "typical", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_typical(void)
{
    return PyModule_Create(&moddef);
}
