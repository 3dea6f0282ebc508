/* Helpers of the file that hand a new reference back through a PyObject ** out-parameter
 * (multidict's _multidict_extend_parse_args, simplejson's encoder_markers_push): the caller owns
 * what they leave there on success. A helper returning 1 with a reference or 0 with NULL (a
 * project's own PyDict_GetItemRef) is told apart by its result. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* 0 and a new reference (or NULL) in *out; -1 with an exception. */
static int
first_arg(PyObject *args, PyObject **out)
{
    *out = NULL;
    if (PyTuple_GET_SIZE(args) > 1) {
        PyErr_SetString(PyExc_TypeError, "at most one argument");
        return -1;
    }
    if (PyTuple_GET_SIZE(args) == 1)
        *out = Py_NewRef(PyTuple_GET_ITEM(args, 0));
    return 0;
}

/* Bug: the argument's reference is never released. */
static PyObject *
forgets_arg(PyObject *self, PyObject *args)
{
    PyObject *arg;
    if (first_arg(args, &arg) < 0)
        return NULL;
    Py_RETURN_NONE;  // expect: ref-leak
}

/* Correct. */
static PyObject *
releases_arg(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *arg;
    if (first_arg(args, &arg) < 0)
        return NULL;
    Py_XDECREF(arg);
    Py_RETURN_NONE;
}

/* 1 and a new reference, 0 and NULL, -1 with an exception. */
static int
cached(PyObject *cache, PyObject *key, PyObject **result)
{
    PyObject *v = PyDict_GetItemWithError(cache, key);
    if (v != NULL) {
        *result = Py_NewRef(v);
        return 1;
    }
    *result = NULL;
    return PyErr_Occurred() ? -1 : 0;
}

/* Correct: 0 means nothing was handed back, so the new value owns the only reference. */
static PyObject *
lookup_or_make(PyObject *self, PyObject *key)
{
    // expect-clean
    PyObject *v;
    int found = cached(self, key, &v);
    if (found < 0)
        return NULL;
    if (found == 0)
        v = PyLong_FromLong(0);
    return v;
}

/* Takes its argument's reference over, also when it fails (simplejson's encoder_markers_pop). */
static int
pop_marker(PyObject *markers, PyObject *ident)
{
    int rv = PyDict_DelItem(markers, ident);
    Py_DECREF(ident);
    return rv;
}

/* Bug: when pop_marker fails, ident was already released, and the cleanup releases it again. */
static PyObject *
pop_twice(PyObject *self, PyObject *markers)
{
    PyObject *ident = PyLong_FromVoidPtr(self);
    if (ident == NULL)
        return NULL;
    if (pop_marker(markers, ident))
        goto bail;
    Py_RETURN_NONE;
bail:
    Py_XDECREF(ident);  // expect: ref-use-after-steal
    return NULL;
}

static PyMethodDef methods[] = {
    {"forgets_arg", forgets_arg, METH_VARARGS, NULL},
    {"releases_arg", releases_arg, METH_VARARGS, NULL},
    {"lookup_or_make", lookup_or_make, METH_O, NULL},
    {"pop_twice", pop_twice, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
