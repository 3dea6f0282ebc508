/* defaults — a module returning singletons, arguments and container items, with the classic
 * `return Py_None;` and its relatives: a borrowed reference handed out where the caller is owed a
 * new one. The caller (the interpreter) releases what it gets, so each of these over-releases
 * the object once per call. Each bug has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the classic `return Py_None;`. */
static PyObject *
defaults_reset(PyObject *self, PyObject *unused)
{
    return Py_None;   // expect: ref-return-borrowed
}

/* Correct. */
static PyObject *
defaults_reset_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    Py_RETURN_NONE;
}

/* Bug: a bool singleton returned without a reference. */
static PyObject *
defaults_is_empty(PyObject *self, PyObject *seq)
{
    Py_ssize_t n = PyObject_Length(seq);
    if (n < 0)
        return NULL;
    return n == 0 ? Py_True : Py_False;   // expect: ref-return-borrowed
}
/* oracle: call defaults_is_empty([]) */
/* oracle: call defaults_is_empty([1]) */

/* Correct. */
static PyObject *
defaults_is_empty_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    Py_ssize_t n = PyObject_Length(seq);
    if (n < 0)
        return NULL;
    return PyBool_FromLong(n == 0);
}
/* oracle: call defaults_is_empty_ok([]) */
/* oracle: call defaults_is_empty_ok([1]) */

/* Bug: the identity function returns its borrowed argument. */
static PyObject *
defaults_identity(PyObject *self, PyObject *arg)
{
    return arg;   // expect: ref-return-borrowed
}
/* oracle: call defaults_identity([1]) */

/* Correct. */
static PyObject *
defaults_identity_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    return Py_NewRef(arg);
}
/* oracle: call defaults_identity_ok([1]) */

/* Bug: a list item is borrowed from the list. */
static PyObject *
defaults_pick(PyObject *self, PyObject *args)
{
    PyObject *list;
    Py_ssize_t i;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &list, &i))
        return NULL;
    if (i < 0 || i >= PyList_GET_SIZE(list)) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    return PyList_GET_ITEM(list, i);   // expect: ref-return-borrowed
}
/* oracle: call defaults_pick([[1], [2]], 1) */

/* Correct. */
static PyObject *
defaults_pick_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *list;
    Py_ssize_t i;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &list, &i))
        return NULL;
    if (i < 0 || i >= PyList_GET_SIZE(list)) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    return Py_NewRef(PyList_GET_ITEM(list, i));
}
/* oracle: call defaults_pick_ok([[1], [2]], 1) */

/* Bug: a dict value found with PyDict_GetItemWithError is borrowed. */
static PyObject *
defaults_get(PyObject *self, PyObject *args)
{
    PyObject *d, *key, *dflt = Py_None;
    if (!PyArg_ParseTuple(args, "O!O|O", &PyDict_Type, &d, &key, &dflt))
        return NULL;
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (v == NULL) {
        if (PyErr_Occurred())
            return NULL;
        return Py_NewRef(dflt);
    }
    return v;   // expect: ref-return-borrowed
}
/* oracle: call defaults_get({'a': [1]}, 'a') */

/* Correct. */
static PyObject *
defaults_get_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *d, *key, *dflt = Py_None;
    if (!PyArg_ParseTuple(args, "O!O|O", &PyDict_Type, &d, &key, &dflt))
        return NULL;
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (v == NULL) {
        if (PyErr_Occurred())
            return NULL;
        return Py_NewRef(dflt);
    }
    return Py_NewRef(v);
}
/* oracle: call defaults_get_ok({'a': [1]}, 'a') */

/* Bug: NotImplemented handed out without a reference. */
static PyObject *
defaults_compare(PyObject *self, PyObject *other)
{
    if (!PyLong_Check(other))
        return Py_NotImplemented;   // expect: ref-return-borrowed
    return PyObject_RichCompare(self, other, Py_EQ);
}
/* oracle: call defaults_compare('abc') */

/* Correct. */
static PyObject *
defaults_compare_ok(PyObject *self, PyObject *other)
{
    // expect-clean
    if (!PyLong_Check(other))
        Py_RETURN_NOTIMPLEMENTED;
    return PyObject_RichCompare(self, other, Py_EQ);
}
/* oracle: call defaults_compare_ok('abc') */

/* Bug: the module's own dict returned borrowed. */
static PyObject *
defaults_namespace(PyObject *module, PyObject *unused)
{
    return PyModule_GetDict(module);   // expect: ref-return-borrowed
}

/* Correct. */
static PyObject *
defaults_namespace_ok(PyObject *module, PyObject *unused)
{
    // expect-clean
    PyObject *d = PyModule_GetDict(module);
    Py_INCREF(d);
    return d;
}

/* Bug: the first element of the argument tuple returned as is. */
static PyObject *
defaults_first(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 0)
        Py_RETURN_NONE;
    return PyTuple_GET_ITEM(args, 0);   // expect: ref-return-borrowed
}
/* oracle: call defaults_first([5]) */

/* Correct. */
static PyObject *
defaults_first_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    if (PyTuple_GET_SIZE(args) == 0)
        Py_RETURN_NONE;
    PyObject *first = PyTuple_GET_ITEM(args, 0);
    Py_INCREF(first);
    return first;
}
/* oracle: call defaults_first_ok([5]) */

static PyMethodDef defaults_methods[] = {
    {"reset", defaults_reset, METH_NOARGS, NULL},
    {"reset_ok", defaults_reset_ok, METH_NOARGS, NULL},
    {"is_empty", defaults_is_empty, METH_O, NULL},
    {"is_empty_ok", defaults_is_empty_ok, METH_O, NULL},
    {"identity", defaults_identity, METH_O, NULL},
    {"identity_ok", defaults_identity_ok, METH_O, NULL},
    {"pick", defaults_pick, METH_VARARGS, NULL},
    {"pick_ok", defaults_pick_ok, METH_VARARGS, NULL},
    {"get", defaults_get, METH_VARARGS, NULL},
    {"get_ok", defaults_get_ok, METH_VARARGS, NULL},
    {"compare", defaults_compare, METH_O, NULL},
    {"compare_ok", defaults_compare_ok, METH_O, NULL},
    {"namespace", defaults_namespace, METH_NOARGS, NULL},
    {"namespace_ok", defaults_namespace_ok, METH_NOARGS, NULL},
    {"first", defaults_first, METH_VARARGS, NULL},
    {"first_ok", defaults_first_ok, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef defaults_module = {
    PyModuleDef_HEAD_INIT, "defaults", NULL, -1, defaults_methods,
};

PyMODINIT_FUNC
PyInit_defaults(void)
{
    // expect-clean
    return PyModule_Create(&defaults_module);
}
