/* ref-release-borrowed: releasing a reference the function does not own — a borrowed result of
 * the C API, a parameter, an object PyArg_ParseTuple stored — and the correct counterparts. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyList_GetItem returns a borrowed reference. */
static PyObject *
list_first(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(item);
    Py_DECREF(item);  // expect: ref-release-borrowed
    return r;
}

/* Bug: PyTuple_GET_ITEM is borrowed too, and so is a macro's result. */
static PyObject *
tuple_first(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "need one argument");
        return NULL;
    }
    PyObject *first = PyTuple_GET_ITEM(args, 0);
    PyObject *r = PyObject_Str(first);
    Py_DECREF(first);  // expect: ref-release-borrowed
    return r;
}

/* Bug: a dictionary lookup is borrowed. */
static PyObject *
dict_lookup(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "key");
    if (v == NULL)
        Py_RETURN_NONE;
    PyObject *r = PyNumber_Negative(v);
    Py_XDECREF(v);  // expect: ref-release-borrowed
    return r;
}
/* oracle: call dict_lookup({'key': 5}) */

/* Bug: the argument belongs to the caller. */
static PyObject *
drop_argument(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    Py_DECREF(arg);  // expect: ref-release-borrowed
    return r;
}

/* Bug: "O" stores a borrowed reference. */
static PyObject *
parsed_object(PyObject *self, PyObject *args)
{
    PyObject *obj;
    if (!PyArg_ParseTuple(args, "O", &obj))
        return NULL;
    PyObject *r = PyObject_Str(obj);
    Py_DECREF(obj);  // expect: ref-release-borrowed
    return r;
}

/* Bug: Py_CLEAR of a borrowed module dictionary. */
static PyObject *
clear_module_dict(PyObject *self, PyObject *module)
{
    PyObject *d = PyModule_GetDict(module);
    PyObject *keys = PyDict_Keys(d);
    Py_CLEAR(d);  // expect: ref-release-borrowed
    return keys;
}

/* Bug: a fast sequence's items are borrowed from it. */
static PyObject *
fast_items(PyObject *self, PyObject *obj)
{
    PyObject *seq = PySequence_Fast(obj, "not a sequence");
    if (seq == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(seq) > 0) {
        PyObject *it = PySequence_Fast_GET_ITEM(seq, 0);
        Py_DECREF(it);  // expect: ref-release-borrowed
    }
    Py_DECREF(seq);
    Py_RETURN_NONE;
}

/* Correct: a borrowed reference is taken before it is released. */
static PyObject *
list_first_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    Py_INCREF(item);
    PyObject *r = PyObject_Repr(item);
    Py_DECREF(item);
    return r;
}

/* Correct: PySequence_GetItem returns a new reference. */
static PyObject *
sequence_first_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    PyObject *item = PySequence_GetItem(seq, 0);
    if (item == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(item);
    Py_DECREF(item);
    return r;
}

/* Correct: a borrowed dictionary value handed out with a new reference. */
static PyObject *
dict_lookup_ok(PyObject *self, PyObject *dict)
{
    // expect-clean
    PyObject *v = PyDict_GetItemWithError(dict, self);
    if (v == NULL) {
        if (PyErr_Occurred())
            return NULL;
        Py_RETURN_NONE;
    }
    return Py_NewRef(v);
}

/* Correct: the argument is released only after taking a reference of our own. */
static PyObject *
argument_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    Py_INCREF(arg);
    PyObject *r = PyObject_Repr(arg);
    Py_DECREF(arg);
    return r;
}

/* Correct: a parsed object given to a stealing call after Py_INCREF. */
static PyObject *
parsed_into_tuple(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *obj;
    if (!PyArg_ParseTuple(args, "O", &obj))
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    Py_INCREF(obj);
    PyTuple_SET_ITEM(t, 0, obj);
    return t;
}

static PyMethodDef methods[] = {
    {"list_first", list_first, METH_O, NULL},
    {"tuple_first", tuple_first, METH_VARARGS, NULL},
    {"dict_lookup", dict_lookup, METH_O, NULL},
    {"drop_argument", drop_argument, METH_O, NULL},
    {"parsed_object", parsed_object, METH_VARARGS, NULL},
    {"clear_module_dict", clear_module_dict, METH_O, NULL},
    {"fast_items", fast_items, METH_O, NULL},
    {"list_first_ok", list_first_ok, METH_O, NULL},
    {"sequence_first_ok", sequence_first_ok, METH_O, NULL},
    {"dict_lookup_ok", dict_lookup_ok, METH_O, NULL},
    {"argument_ok", argument_ok, METH_O, NULL},
    {"parsed_into_tuple", parsed_into_tuple, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef borrowed_results_module = {
    PyModuleDef_HEAD_INIT, "borrowed_results", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_borrowed_results(void)
{
    // expect-clean
    return PyModule_Create(&borrowed_results_module);
}
