/* ref-use-after-release through a variadic argument: an object handed to PyErr_Format's %R or
 * to PyObject_CallMethod's "O" after the function released its last reference. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the key is released, then formatted into the message. */
static PyObject *
lookup_or_raise(PyObject *self, PyObject *args)
{
    PyObject *mapping, *name;
    if (!PyArg_ParseTuple(args, "OU", &mapping, &name))
        return NULL;
    PyObject *key = PyUnicode_Concat(name, name);
    if (key == NULL)
        return NULL;
    PyObject *value = PyObject_GetItem(mapping, key);
    Py_DECREF(key);
    if (value == NULL) {
        PyErr_Clear();
        PyErr_Format(PyExc_KeyError, "no entry %R", key);  // expect: ref-use-after-release
        return NULL;
    }
    return value;
}
/* oracle: call lookup_or_raise({}, 'a') */

/* Right: formatted first, released after. */
static PyObject *
lookup_or_raise_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *mapping, *name;
    if (!PyArg_ParseTuple(args, "OU", &mapping, &name))
        return NULL;
    PyObject *key = PyUnicode_Concat(name, name);
    if (key == NULL)
        return NULL;
    PyObject *value = PyObject_GetItem(mapping, key);
    if (value == NULL) {
        PyErr_Clear();
        PyErr_Format(PyExc_KeyError, "no entry %R", key);
        Py_DECREF(key);
        return NULL;
    }
    Py_DECREF(key);
    return value;
}
/* oracle: call lookup_or_raise_ok({}, 'a') */

/* Bug: the argument is released before the call that takes it. */
static PyObject *
call_with_copy(PyObject *self, PyObject *args)
{
    PyObject *target, *seq;
    if (!PyArg_ParseTuple(args, "OO", &target, &seq))
        return NULL;
    PyObject *copy = PyObject_Str(seq);
    if (copy == NULL)
        return NULL;
    Py_DECREF(copy);
    return PyObject_CallMethod(target, "extend", "O", copy);  // expect: ref-use-after-release
}
/* oracle: call call_with_copy([], (1, 2)) */

/* Right: released after the call. */
static PyObject *
call_with_copy_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *target, *seq;
    if (!PyArg_ParseTuple(args, "OO", &target, &seq))
        return NULL;
    PyObject *copy = PyObject_Str(seq);
    if (copy == NULL)
        return NULL;
    PyObject *r = PyObject_CallMethod(target, "extend", "O", copy);
    Py_DECREF(copy);
    return r;
}
/* oracle: call call_with_copy_ok([], (1, 2)) */

static PyMethodDef variadic_uses_methods[] = {
    {"lookup_or_raise", lookup_or_raise, METH_VARARGS, NULL},
    {"lookup_or_raise_ok", lookup_or_raise_ok, METH_VARARGS, NULL},
    {"call_with_copy", call_with_copy, METH_VARARGS, NULL},
    {"call_with_copy_ok", call_with_copy_ok, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef variadic_uses_module = {
    PyModuleDef_HEAD_INIT, "variadic_uses", NULL, -1, variadic_uses_methods,
};

PyMODINIT_FUNC
PyInit_variadic_uses(void)
{
    // expect-clean
    return PyModule_Create(&variadic_uses_module);
}
