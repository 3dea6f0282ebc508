/* ref-leak on error paths: a reference owned when a later call fails is never released. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: when PyList_Append fails, `item` is still owned and leaks on the error path. */
static PyObject *
append_leak_on_error(PyObject *self, PyObject *list)
{
    PyObject *item = PyLong_FromLong(100042);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0)
        return NULL;  // expect: ref-leak
    Py_DECREF(item);
    Py_RETURN_NONE;
}

/* Bug: when the second allocation fails, the first one leaks. */
static PyObject *
second_alloc_fails(PyObject *self, PyObject *unused)
{
    PyObject *a = PyLong_FromLong(1001);
    if (a == NULL)
        return NULL;
    PyObject *b = PyLong_FromLong(1002);
    if (b == NULL)
        return NULL;  // expect: ref-leak
    PyObject *pair = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return pair;
}

/* Bug: two objects are owned when the call fails; both leak at the same return. */
static PyObject *
two_leak_at_once(PyObject *self, PyObject *callable)
{
    PyObject *x = PyLong_FromLong(1);
    if (x == NULL)
        return NULL;
    PyObject *y = PyLong_FromLong(2);
    if (y == NULL) {
        Py_DECREF(x);
        return NULL;
    }
    PyObject *r = PyObject_CallFunctionObjArgs(callable, x, y, NULL);
    if (r == NULL)
        return NULL;  // expect: ref-leak, ref-leak
    Py_DECREF(x);
    Py_DECREF(y);
    return r;
}

/* Bug: the attribute is leaked when calling it fails. */
static PyObject *
call_method_leak(PyObject *self, PyObject *obj)
{
    PyObject *meth = PyObject_GetAttrString(obj, "close");
    if (meth == NULL)
        return NULL;
    PyObject *res = PyObject_CallObject(meth, NULL);
    if (res == NULL)
        return NULL;  // expect: ref-leak
    Py_DECREF(meth);
    return res;
}

/* Bug: an int-returning helper forgets the key when PyDict_SetItem fails. */
static int
store_name(PyObject *dict, const char *name)
{
    PyObject *key = PyUnicode_FromString(name);
    if (key == NULL)
        return -1;
    if (PyDict_SetItem(dict, key, Py_None) < 0)
        return -1;  // expect: ref-leak
    Py_DECREF(key);
    return 0;
}

/* Correct: every error path releases what it owns. */
static PyObject *
append_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyLong_FromLong(100042);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0) {
        Py_DECREF(item);
        return NULL;
    }
    Py_DECREF(item);
    Py_RETURN_NONE;
}

/* Correct: the classic goto cleanup idiom, Py_XDECREF on possibly-NULL references. */
static PyObject *
goto_cleanup_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *a = NULL, *b = NULL, *result = NULL;

    a = PyObject_GetAttrString(obj, "a");
    if (a == NULL)
        goto done;
    b = PyObject_GetAttrString(obj, "b");
    if (b == NULL)
        goto done;
    result = PyNumber_Add(a, b);
done:
    Py_XDECREF(a);
    Py_XDECREF(b);
    return result;
}

/* Correct: int helper with a single exit. */
static int
store_name_ok(PyObject *dict, const char *name)
{
    // expect-clean
    int rc = -1;
    PyObject *key = PyUnicode_FromString(name);
    if (key == NULL)
        return -1;
    if (PyDict_SetItem(dict, key, Py_None) < 0)
        goto out;
    rc = 0;
out:
    Py_DECREF(key);
    return rc;
}

static PyObject *
use_helpers(PyObject *self, PyObject *dict)
{
    // expect-clean
    if (store_name(dict, "a") < 0 || store_name_ok(dict, "b") < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"append_leak_on_error", append_leak_on_error, METH_O, NULL},
    {"second_alloc_fails", second_alloc_fails, METH_NOARGS, NULL},
    {"two_leak_at_once", two_leak_at_once, METH_O, NULL},
    {"call_method_leak", call_method_leak, METH_O, NULL},
    {"append_ok", append_ok, METH_O, NULL},
    {"goto_cleanup_ok", goto_cleanup_ok, METH_O, NULL},
    {"use_helpers", use_helpers, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef error_paths_module = {
    PyModuleDef_HEAD_INIT, "error_paths", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_error_paths(void)
{
    // expect-clean
    return PyModule_Create(&error_paths_module);
}
