/* null-unchecked: the result of a call that can fail is used where NULL is not accepted before
 * anything checks it; and the checks and NULL-tolerant uses that make it correct. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the attribute may be NULL; Py_TYPE dereferences it. */
static PyObject *
type_name_of_attr(PyObject *self, PyObject *obj)
{
    PyObject *attr = PyObject_GetAttrString(obj, "value");
    const char *name = Py_TYPE(attr)->tp_name;  // expect: null-unchecked
    Py_XDECREF(attr);
    return PyUnicode_FromString(name);
}

/* Bug: the lookup may find nothing; Py_INCREF does not accept NULL. */
static PyObject *
lookup_incref(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "key");
    Py_INCREF(v);  // expect: null-unchecked
    return v;
}

/* Bug: the new list may be NULL. */
static PyObject *
append_to_new(PyObject *self, PyObject *item)
{
    PyObject *l = PyList_New(0);
    if (PyList_Append(l, item) < 0) {  // expect: null-unchecked
        Py_XDECREF(l);
        return NULL;
    }
    return l;
}

/* Bug: Py_DECREF of a result that may be NULL. */
static PyObject *
discard_repr(PyObject *self, PyObject *obj)
{
    PyObject *r = PyObject_Repr(obj);
    Py_DECREF(r);  // expect: null-unchecked
    Py_RETURN_NONE;
}

/* Bug: a call's result passed straight on. */
static PyObject *
nested_call(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    PyObject *r = PyObject_Repr(s);  // expect: null-unchecked
    Py_XDECREF(s);
    return r;
}

/* Bug: the tuple's size is read before checking the tuple. */
static PyObject *
size_of_tuple(PyObject *self, PyObject *obj)
{
    PyObject *t = PySequence_Tuple(obj);
    Py_ssize_t n = PyTuple_GET_SIZE(t);  // expect: null-unchecked
    Py_XDECREF(t);
    return PyLong_FromSsize_t(n);
}

/* Correct: checked with `if (!x)`. */
static PyObject *
checked_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *attr = PyObject_GetAttrString(obj, "value");
    if (!attr)
        return NULL;
    PyObject *r = PyUnicode_FromString(Py_TYPE(attr)->tp_name);
    Py_DECREF(attr);
    return r;
}

/* Correct: Py_XINCREF and Py_XDECREF accept NULL. */
static PyObject *
x_variants_ok(PyObject *self, PyObject *dict)
{
    // expect-clean
    PyObject *v = PyDict_GetItemString(dict, "key");
    Py_XINCREF(v);
    Py_XDECREF(v);
    Py_RETURN_NONE;
}

/* Correct: NULL is a valid argument for PyObject_CallObject's args. */
static PyObject *
call_without_args_ok(PyObject *self, PyObject *callable)
{
    // expect-clean
    return PyObject_CallObject(callable, NULL);
}

/* Correct: the check and the use are short-circuited together. */
static PyObject *
short_circuit_ok(PyObject *self, PyObject *item)
{
    // expect-clean
    PyObject *l = PyList_New(0);
    if (l == NULL || PyList_Append(l, item) < 0) {
        Py_XDECREF(l);
        return NULL;
    }
    return l;
}

/* Correct: the lookup's NULL is handled before the use. */
static PyObject *
lookup_ok(PyObject *self, PyObject *dict)
{
    // expect-clean
    PyObject *v = PyDict_GetItemString(dict, "key");
    if (v == NULL)
        Py_RETURN_NONE;
    return Py_NewRef(v);
}

/* Correct: compared with NULL the other way round. */
static PyObject *
reversed_check_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (NULL == s)
        return NULL;
    PyObject *r = PyObject_Repr(s);
    Py_DECREF(s);
    return r;
}

static PyMethodDef methods[] = {
    {"type_name_of_attr", type_name_of_attr, METH_O, NULL},
    {"lookup_incref", lookup_incref, METH_O, NULL},
    {"append_to_new", append_to_new, METH_O, NULL},
    {"discard_repr", discard_repr, METH_O, NULL},
    {"nested_call", nested_call, METH_O, NULL},
    {"size_of_tuple", size_of_tuple, METH_O, NULL},
    {"checked_ok", checked_ok, METH_O, NULL},
    {"x_variants_ok", x_variants_ok, METH_O, NULL},
    {"call_without_args_ok", call_without_args_ok, METH_O, NULL},
    {"short_circuit_ok", short_circuit_ok, METH_O, NULL},
    {"lookup_ok", lookup_ok, METH_O, NULL},
    {"reversed_check_ok", reversed_check_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef unchecked_results_module = {
    PyModuleDef_HEAD_INIT, "unchecked_results", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_unchecked_results(void)
{
    // expect-clean
    return PyModule_Create(&unchecked_results_module);
}
