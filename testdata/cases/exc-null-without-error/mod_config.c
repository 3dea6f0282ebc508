/* config — a module that validates configuration values, with the classic NULL returned with no
 * exception set: the interpreter then raises "SystemError: error return without exception set".
 * Each bug has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: a bad value returns NULL but nothing was raised. */
static PyObject *
config_port(PyObject *self, PyObject *args)
{
    long port;
    if (!PyArg_ParseTuple(args, "l", &port))
        return NULL;
    if (port <= 0 || port > 65535)
        return NULL;   // expect: exc-null-without-error
    return PyLong_FromLong(port);
}
/* oracle: call config_port(80) */
/* oracle: call config_port(70000) */

/* Correct. */
static PyObject *
config_port_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    long port;
    if (!PyArg_ParseTuple(args, "l", &port))
        return NULL;
    if (port <= 0 || port > 65535) {
        PyErr_Format(PyExc_ValueError, "port out of range: %ld", port);
        return NULL;
    }
    return PyLong_FromLong(port);
}
/* oracle: call config_port_ok(80) */
/* oracle: call config_port_ok(70000) */

/* Bug: a missing key is not an error of PyDict_GetItemString: nothing is set. */
static PyObject *
config_require(PyObject *self, PyObject *options)
{
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(options, "name");
    if (v == NULL)
        return NULL;   // expect: exc-null-without-error
    return PyObject_Str(v);
}
/* oracle: call config_require({'name': 'x'}) */
/* oracle: call config_require({}) */

/* Correct. */
static PyObject *
config_require_ok(PyObject *self, PyObject *options)
{
    // expect-clean
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(options, "name");
    if (v == NULL) {
        PyErr_SetString(PyExc_KeyError, "name");
        return NULL;
    }
    return PyObject_Str(v);
}
/* oracle: call config_require_ok({'name': 'x'}) */
/* oracle: call config_require_ok({}) */

/* Bug: PyErr_Clear() and then an error return. */
static PyObject *
config_number(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return NULL;   // expect: exc-null-without-error
    }
    return PyLong_FromLong(v * 2);
}
/* oracle: call config_number(21) */
/* oracle: call config_number('x') */

/* Correct: the cleared error is replaced by one of our own. */
static PyObject *
config_number_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        PyErr_SetString(PyExc_TypeError, "an int is needed");
        return NULL;
    }
    return PyLong_FromLong(v * 2);
}
/* oracle: call config_number_ok(21) */
/* oracle: call config_number_ok('x') */

/* Bug: an empty sequence returns NULL with no exception. */
static PyObject *
config_first(PyObject *self, PyObject *seq)
{
    Py_ssize_t n = PySequence_Size(seq);
    if (n < 0)
        return NULL;
    if (n == 0)
        return NULL;   // expect: exc-null-without-error
    return PySequence_GetItem(seq, 0);
}
/* oracle: call config_first([1]) */
/* oracle: call config_first([]) */

/* Correct. */
static PyObject *
config_first_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    Py_ssize_t n = PySequence_Size(seq);
    if (n < 0)
        return NULL;
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "empty sequence");
        return NULL;
    }
    return PySequence_GetItem(seq, 0);
}
/* oracle: call config_first_ok([1]) */
/* oracle: call config_first_ok([]) */

/* Bug: PyDict_Contains answered "no", which is not an error. */
static PyObject *
config_flag(PyObject *self, PyObject *options)
{
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    PyObject *key = PyUnicode_FromString("debug");
    if (key == NULL)
        return NULL;
    int has = PyDict_Contains(options, key);
    Py_DECREF(key);
    if (has <= 0)
        return NULL;   // expect: exc-null-without-error
    Py_RETURN_TRUE;
}
/* oracle: call config_flag({'debug': 1}) */
/* oracle: call config_flag({}) */

/* Correct. */
static PyObject *
config_flag_ok(PyObject *self, PyObject *options)
{
    // expect-clean
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    PyObject *key = PyUnicode_FromString("debug");
    if (key == NULL)
        return NULL;
    int has = PyDict_Contains(options, key);
    Py_DECREF(key);
    if (has < 0)
        return NULL;
    return PyBool_FromLong(has);
}
/* oracle: call config_flag_ok({'debug': 1}) */
/* oracle: call config_flag_ok({}) */

static PyMethodDef config_methods[] = {
    {"port", config_port, METH_VARARGS, NULL},
    {"port_ok", config_port_ok, METH_VARARGS, NULL},
    {"require", config_require, METH_O, NULL},
    {"require_ok", config_require_ok, METH_O, NULL},
    {"number", config_number, METH_O, NULL},
    {"number_ok", config_number_ok, METH_O, NULL},
    {"first", config_first, METH_O, NULL},
    {"first_ok", config_first_ok, METH_O, NULL},
    {"flag", config_flag, METH_O, NULL},
    {"flag_ok", config_flag_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef config_module = {
    PyModuleDef_HEAD_INIT, "config", NULL, -1, config_methods,
};

PyMODINIT_FUNC
PyInit_config(void)
{
    // expect-clean
    return PyModule_Create(&config_module);
}
