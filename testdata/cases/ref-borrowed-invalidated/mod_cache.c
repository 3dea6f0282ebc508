/* cache — a module keeping computed values in dicts and lists, with the classic borrowed
 * reference kept across a call that can drop it: the owner released, the container emptied by a
 * method call back into Python (`dict.clear()`), or the entry replaced. Each bug has a correct
 * twin that takes a reference of its own first. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the item is borrowed from a list this function owns and releases before using it. */
static PyObject *
cache_first_repr(PyObject *self, PyObject *unused)
{
    PyObject *list = Py_BuildValue("[d]", 1.5);
    if (list == NULL)
        return NULL;
    PyObject *first = PyList_GetItem(list, 0);
    Py_DECREF(list);
    return PyObject_Repr(first);   // expect: ref-borrowed-invalidated
}

/* Correct: a reference of its own before the list goes. */
static PyObject *
cache_first_repr_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *list = Py_BuildValue("[d]", 1.5);
    if (list == NULL)
        return NULL;
    PyObject *first = PyList_GetItem(list, 0);
    Py_XINCREF(first);
    Py_DECREF(list);
    if (first == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(first);
    Py_DECREF(first);
    return r;
}

/* Bug: the value is borrowed from a dict this function made and released. */
static PyObject *
cache_stamp(PyObject *self, PyObject *unused)
{
    PyObject *d = Py_BuildValue("{s:d}", "stamp", 2.5);
    if (d == NULL)
        return NULL;
    PyObject *stamp = PyDict_GetItemString(d, "stamp");
    Py_DECREF(d);
    if (stamp == NULL)
        Py_RETURN_NONE;
    return PyNumber_Float(stamp);   // expect: ref-borrowed-invalidated
}

/* Correct. */
static PyObject *
cache_stamp_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *d = Py_BuildValue("{s:d}", "stamp", 2.5);
    if (d == NULL)
        return NULL;
    PyObject *stamp = PyDict_GetItemString(d, "stamp");
    if (stamp == NULL) {
        Py_DECREF(d);
        Py_RETURN_NONE;
    }
    PyObject *r = PyNumber_Float(stamp);
    Py_DECREF(d);
    return r;
}

/* Bug (the classic): the value borrowed from the cache is used after calling back into Python
 * (`cache.clear()`), which dropped the cache's reference to it. */
static PyObject *
cache_take(PyObject *self, PyObject *args)
{
    PyObject *cache;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &cache))
        return NULL;
    PyObject *v = PyFloat_FromDouble(3.5);
    if (v == NULL)
        return NULL;
    int rc = PyDict_SetItemString(cache, "last", v);
    Py_DECREF(v);
    if (rc < 0)
        return NULL;
    PyObject *last = PyDict_GetItemString(cache, "last");
    if (last == NULL)
        Py_RETURN_NONE;
    PyObject *r = PyObject_CallMethod(cache, "clear", NULL);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    return PyNumber_Float(last);
}
/* oracle: call cache_take({}) */

/* Correct: the value is held across the call. */
static PyObject *
cache_take_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *cache;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &cache))
        return NULL;
    PyObject *v = PyFloat_FromDouble(3.5);
    if (v == NULL)
        return NULL;
    int rc = PyDict_SetItemString(cache, "last", v);
    Py_DECREF(v);
    if (rc < 0)
        return NULL;
    PyObject *last = PyDict_GetItemString(cache, "last");
    if (last == NULL)
        Py_RETURN_NONE;
    Py_INCREF(last);
    PyObject *r = PyObject_CallMethod(cache, "clear", NULL);
    if (r == NULL) {
        Py_DECREF(last);
        return NULL;
    }
    Py_DECREF(r);
    PyObject *f = PyNumber_Float(last);
    Py_DECREF(last);
    return f;
}
/* oracle: call cache_take_ok({}) */

/* Bug: the entry is replaced while a borrowed reference to the old value is still in use. */
static PyObject *
cache_replace(PyObject *self, PyObject *args)
{
    PyObject *cache;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &cache))
        return NULL;
    PyObject *v = PyFloat_FromDouble(4.5);
    if (v == NULL)
        return NULL;
    int rc = PyDict_SetItemString(cache, "k", v);
    Py_DECREF(v);
    if (rc < 0)
        return NULL;
    PyObject *old = PyDict_GetItemString(cache, "k");
    if (old == NULL)
        Py_RETURN_NONE;
    if (PyDict_SetItemString(cache, "k", Py_None) < 0)
        return NULL;
    return PyNumber_Float(old);
}
/* oracle: call cache_replace({}) */

static PyMethodDef cache_methods[] = {
    {"first_repr", cache_first_repr, METH_NOARGS, NULL},
    {"first_repr_ok", cache_first_repr_ok, METH_NOARGS, NULL},
    {"stamp", cache_stamp, METH_NOARGS, NULL},
    {"stamp_ok", cache_stamp_ok, METH_NOARGS, NULL},
    {"take", cache_take, METH_VARARGS, NULL},
    {"take_ok", cache_take_ok, METH_VARARGS, NULL},
    {"replace", cache_replace, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef cache_module = {
    PyModuleDef_HEAD_INIT, "cache", NULL, -1, cache_methods,
};

PyMODINIT_FUNC
PyInit_cache(void)
{
    // expect-clean
    return PyModule_Create(&cache_module);
}
