/* registry — a module that looks things up in lists, tuples and dicts, with the classic releases
 * of borrowed references: a PyList_GetItem / PyDict_GetItem result released, an argument
 * released by a METH_O function, the module's dict released. Each bug has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyList_GetItem returns a borrowed reference; releasing it steals the list's. */
static PyObject *
registry_first_len(PyObject *self, PyObject *list)
{
    if (!PyList_Check(list) || PyList_GET_SIZE(list) == 0) {
        PyErr_SetString(PyExc_ValueError, "a non-empty list is needed");
        return NULL;
    }
    PyObject *first = PyList_GetItem(list, 0);
    if (first == NULL)
        return NULL;
    Py_ssize_t n = PyObject_Length(first);
    Py_DECREF(first);   // expect: ref-release-borrowed
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}
/* oracle: call registry_first_len(['abc', 'de']) */

/* Correct: the borrowed item is used and left alone. */
static PyObject *
registry_first_len_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    if (!PyList_Check(list) || PyList_GET_SIZE(list) == 0) {
        PyErr_SetString(PyExc_ValueError, "a non-empty list is needed");
        return NULL;
    }
    PyObject *first = PyList_GetItem(list, 0);
    if (first == NULL)
        return NULL;
    Py_ssize_t n = PyObject_Length(first);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}
/* oracle: call registry_first_len_ok(['abc', 'de']) */

/* Bug: the dict's value is borrowed; Py_DECREF releases the dict's reference. */
static PyObject *
registry_option(PyObject *self, PyObject *options)
{
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(options, "level");
    if (v == NULL)
        Py_RETURN_NONE;
    long level = PyLong_AsLong(v);
    Py_DECREF(v);   // expect: ref-release-borrowed
    if (level == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(level + 1);
}
/* oracle: call registry_option({'level': 3}) */

/* Correct. */
static PyObject *
registry_option_ok(PyObject *self, PyObject *options)
{
    // expect-clean
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(options, "level");
    if (v == NULL)
        Py_RETURN_NONE;
    long level = PyLong_AsLong(v);
    if (level == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(level + 1);
}
/* oracle: call registry_option_ok({'level': 3}) */

/* Bug: a METH_O argument is borrowed from the caller. */
static PyObject *
registry_consume(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    Py_DECREF(arg);   // expect: ref-release-borrowed
    return r;
}
/* oracle: call registry_consume([1]) */

/* Correct. */
static PyObject *
registry_consume_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    return PyObject_Repr(arg);
}
/* oracle: call registry_consume_ok([1]) */

/* Bug: an element of the argument tuple is borrowed from it. */
static PyObject *
registry_head(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "head() needs an argument");
        return NULL;
    }
    PyObject *head = PyTuple_GET_ITEM(args, 0);
    PyObject *r = PyObject_Str(head);
    Py_DECREF(head);   // expect: ref-release-borrowed
    return r;
}
/* oracle: call registry_head([1], 2) */

/* Correct. */
static PyObject *
registry_head_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "head() needs an argument");
        return NULL;
    }
    PyObject *head = PyTuple_GET_ITEM(args, 0);
    return PyObject_Str(head);
}
/* oracle: call registry_head_ok([1], 2) */

/* Bug: PyArg_ParseTuple "O" gives a borrowed reference; Py_XDECREF on it over-releases. */
static PyObject *
registry_describe(PyObject *self, PyObject *args)
{
    PyObject *obj = NULL;
    if (!PyArg_ParseTuple(args, "|O", &obj))
        return NULL;
    if (obj == NULL)
        return PyUnicode_FromString("nothing");
    PyObject *r = PyObject_Repr(obj);
    Py_XDECREF(obj);   // expect: ref-release-borrowed
    return r;
}
/* oracle: call registry_describe([1]) */

/* Correct. */
static PyObject *
registry_describe_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *obj = NULL;
    if (!PyArg_ParseTuple(args, "|O", &obj))
        return NULL;
    if (obj == NULL)
        return PyUnicode_FromString("nothing");
    return PyObject_Repr(obj);
}
/* oracle: call registry_describe_ok([1]) */

/* Bug: the item of a sequence made fast is borrowed from the fast sequence. */
static PyObject *
registry_last(PyObject *self, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "a sequence is needed");
    if (fast == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if (n == 0) {
        Py_DECREF(fast);
        Py_RETURN_NONE;
    }
    PyObject *last = PySequence_Fast_GET_ITEM(fast, n - 1);
    PyObject *r = PyObject_Repr(last);
    Py_DECREF(last);   // expect: ref-release-borrowed
    Py_DECREF(fast);
    return r;
}
/* oracle: call registry_last([[1], [2]]) */

/* Correct. */
static PyObject *
registry_last_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    PyObject *fast = PySequence_Fast(seq, "a sequence is needed");
    if (fast == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if (n == 0) {
        Py_DECREF(fast);
        Py_RETURN_NONE;
    }
    PyObject *last = PySequence_Fast_GET_ITEM(fast, n - 1);
    PyObject *r = PyObject_Repr(last);
    Py_DECREF(fast);
    return r;
}
/* oracle: call registry_last_ok([[1], [2]]) */

/* Bug: PyModule_GetDict returns a borrowed reference. */
static PyObject *
registry_names(PyObject *module, PyObject *unused)
{
    PyObject *d = PyModule_GetDict(module);
    PyObject *keys = PyDict_Keys(d);
    Py_DECREF(d);   // expect: ref-release-borrowed
    return keys;
}

/* Correct. */
static PyObject *
registry_names_ok(PyObject *module, PyObject *unused)
{
    // expect-clean
    PyObject *d = PyModule_GetDict(module);
    return PyDict_Keys(d);
}

static PyMethodDef registry_methods[] = {
    {"first_len", registry_first_len, METH_O, NULL},
    {"first_len_ok", registry_first_len_ok, METH_O, NULL},
    {"option", registry_option, METH_O, NULL},
    {"option_ok", registry_option_ok, METH_O, NULL},
    {"consume", registry_consume, METH_O, NULL},
    {"consume_ok", registry_consume_ok, METH_O, NULL},
    {"head", registry_head, METH_VARARGS, NULL},
    {"head_ok", registry_head_ok, METH_VARARGS, NULL},
    {"describe", registry_describe, METH_VARARGS, NULL},
    {"describe_ok", registry_describe_ok, METH_VARARGS, NULL},
    {"last", registry_last, METH_O, NULL},
    {"last_ok", registry_last_ok, METH_O, NULL},
    {"names", registry_names, METH_NOARGS, NULL},
    {"names_ok", registry_names_ok, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef registry_module = {
    PyModuleDef_HEAD_INIT, "registry", NULL, -1, registry_methods,
};

PyMODINIT_FUNC
PyInit_registry(void)
{
    // expect-clean
    return PyModule_Create(&registry_module);
}
