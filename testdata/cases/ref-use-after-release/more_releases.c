/* ref-use-after-release, more shapes: a field read after its object was released, a release
 * through Py_SETREF's old value, a use after a helper that consumed the reference. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* A helper that takes over (and releases) its argument. */
static void
drop(PyObject *obj)
{
    // expect-clean
    Py_DECREF(obj);
}

/* Bug: the length is read through the released tuple. */
static PyObject *
size_after_release(PyObject *self, PyObject *obj)
{
    PyObject *t = PySequence_Tuple(obj);
    if (t == NULL)
        return NULL;
    Py_DECREF(t);
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(t));  // expect: ref-use-after-release
}

/* Bug: an alias of the value Py_SETREF released is used. */
static PyObject *
old_value_after_setref(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    PyObject *old = s;
    Py_SETREF(s, PyObject_Repr(obj));
    if (s == NULL)
        return NULL;
    Py_DECREF(s);
    return PyObject_Repr(old);  // expect: ref-use-after-release
}

/* Bug: Py_XDECREF twice on the success path. */
static PyObject *
xdecref_twice(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_XDECREF(s);
    Py_XDECREF(s);  // expect: ref-use-after-release
    Py_RETURN_NONE;
}

/* Correct: the helper gets the reference only after its last use here. */
static PyObject *
drop_last_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(s);
    drop(s);
    return r;
}

static PyMethodDef methods[] = {
    {"size_after_release", size_after_release, METH_O, NULL},
    {"old_value_after_setref", old_value_after_setref, METH_O, NULL},
    {"xdecref_twice", xdecref_twice, METH_O, NULL},
    {"drop_last_ok", drop_last_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef more_releases_module = {
    PyModuleDef_HEAD_INIT, "more_releases", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_more_releases(void)
{
    // expect-clean
    return PyModule_Create(&more_releases_module);
}
