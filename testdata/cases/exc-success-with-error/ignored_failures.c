/* exc-success-with-error: an object returned while an ignored failure's exception is pending.
 * Each ignored failure is its own finding, even when several reach the same return; a result
 * made before the failure is suspect even when the function cannot tell whether it is NULL. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef PyObject *(*Encoder)(PyObject *value);

static PyObject *
encode_repr(PyObject *value)
{
    // expect-clean
    return PyObject_Repr(value);
}

/* Bug: PyDict_DelItem() may fail; its exception goes out with the encoder's result. */
static PyObject *
encode_marked(PyObject *marks, Encoder encoder, PyObject *value)
{
    PyObject *ret = NULL;
    PyObject *id = PyLong_FromVoidPtr(value);
    if (id == NULL) {
        return NULL;
    }
    if (PyDict_SetItem(marks, id, Py_None) == 0) {
        ret = encoder(value);
        PyDict_DelItem(marks, id);
    }
    Py_DECREF(id);
    return ret;  // expect: exc-success-with-error
}

/* Right: the failure is checked and the result dropped. */
static PyObject *
encode_marked_ok(PyObject *marks, Encoder encoder, PyObject *value)
{
    // expect-clean
    PyObject *ret = NULL;
    PyObject *id = PyLong_FromVoidPtr(value);
    if (id == NULL) {
        return NULL;
    }
    if (PyDict_SetItem(marks, id, Py_None) == 0) {
        ret = encoder(value);
        if (PyDict_DelItem(marks, id) < 0) {
            Py_CLEAR(ret);
        }
    }
    Py_DECREF(id);
    return ret;
}

static PyObject *
mark(PyObject *self, PyObject *value)
{
    // expect-clean
    PyObject *marks = PyDict_New();
    PyObject *r;
    if (marks == NULL) {
        return NULL;
    }
    r = encode_marked(marks, encode_repr, value);
    Py_DECREF(marks);
    return r;
}
/* oracle: call mark(3) */

static PyObject *
mark_ok(PyObject *self, PyObject *value)
{
    // expect-clean
    PyObject *marks = PyDict_New();
    PyObject *r;
    if (marks == NULL) {
        return NULL;
    }
    r = encode_marked_ok(marks, encode_repr, value);
    Py_DECREF(marks);
    return r;
}
/* oracle: call mark_ok(3) */

/* Bug, twice: either test may fail, and each failure reaches the same return. */
static PyObject *
pick(PyObject *self, PyObject *args)
{
    PyObject *a, *b, *result;
    if (!PyArg_ParseTuple(args, "OO", &a, &b)) {
        return NULL;
    }
    result = a;
    if (PyObject_IsTrue(a) == 1) {
        result = b;
    }
    if (PyObject_RichCompareBool(a, b, Py_EQ) == 1) {
        result = Py_None;
    }
    Py_INCREF(result);
    return result;  // expect: exc-success-with-error, exc-success-with-error
}
/* oracle: call pick(1, 2) */

/* Right: -1 is an error. */
static PyObject *
pick_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *a, *b, *result;
    int t;
    if (!PyArg_ParseTuple(args, "OO", &a, &b)) {
        return NULL;
    }
    result = a;
    if ((t = PyObject_IsTrue(a)) < 0) {
        return NULL;
    }
    if (t) {
        result = b;
    }
    if ((t = PyObject_RichCompareBool(a, b, Py_EQ)) < 0) {
        return NULL;
    }
    if (t) {
        result = Py_None;
    }
    Py_INCREF(result);
    return result;
}
/* oracle: call pick_ok(1, 2) */

/* Bug: an error is raised, then None is returned as if all went well. The variable that named
 * None before the join does not make None maybe-NULL. */
static PyObject *
start(PyObject *self, PyObject *args)
{
    PyObject *prefs = Py_None;
    Py_ssize_t size = 0;
    if (!PyArg_ParseTuple(args, "|On", &prefs, &size)) {
        return NULL;
    }
    if (prefs != Py_None && !PyDict_Check(prefs)) {
        PyErr_SetString(PyExc_TypeError, "prefs must be a dict");
        return NULL;
    }
    if (size < 0) {
        PyErr_Format(PyExc_ValueError, "bad size %zd", size);
        Py_RETURN_NONE;  // expect: exc-success-with-error
    }
    Py_RETURN_NONE;
}
/* oracle: call start(None, -1) */

/* Right: PyModule_AddObject() fails when the exception type could not be made (NULL value), so
 * that failure is not ignored. */
static PyObject *
add_error_ok(PyObject *module)
{
    // expect-clean
    PyObject *error = PyErr_NewException("ignored_failures.Error", NULL, NULL);
    if (PyModule_AddObject(module, "Error", error) < 0) {  // expect: api-prefer-strong
        Py_XDECREF(error);
        return NULL;
    }
    Py_INCREF(module);
    return module;
}

static PyMethodDef ignored_failures_methods[] = {
    {"mark", mark, METH_O, NULL},
    {"mark_ok", mark_ok, METH_O, NULL},
    {"pick", pick, METH_VARARGS, NULL},
    {"pick_ok", pick_ok, METH_VARARGS, NULL},
    {"start", start, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef ignored_failures_module = {
    PyModuleDef_HEAD_INIT, "ignored_failures", NULL, -1, ignored_failures_methods,
};

PyMODINIT_FUNC
PyInit_ignored_failures(void)
{
    // expect-clean
    return PyModule_Create(&ignored_failures_module);
}
