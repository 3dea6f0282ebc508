/* ref-release-borrowed traps: releases that are correct because the reference is owned — by a
 * struct field being cleared, by a helper that consumes its argument, by a NULL-initialised
 * variable — and three more bugs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *first;
    PyObject *second;
} Pair;

/* Correct: tp_clear releases the fields the object owns. */
static int
pair_clear(Pair *self)
{
    // expect-clean
    Py_CLEAR(self->first);
    Py_CLEAR(self->second);
    return 0;
}

/* Correct: a static helper that consumes (steals) its argument. */
static int
consume(PyObject *obj)
{
    // expect-clean
    int r = PyObject_IsTrue(obj);
    Py_DECREF(obj);
    return r;
}

/* Correct: the helper's summary says it steals; the new reference goes to it. */
static PyObject *
use_consume(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *s = PyObject_Str(arg);
    if (s == NULL)
        return NULL;
    if (consume(s) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Correct: Py_XDECREF of a variable that is still NULL. */
static PyObject *
xdecref_null(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *tmp = NULL;
    int truth = PyObject_IsTrue(arg);
    if (truth < 0)
        return NULL;
    if (truth) {
        tmp = PyObject_Repr(arg);
        if (tmp == NULL)
            return NULL;
    }
    Py_XDECREF(tmp);
    Py_RETURN_NONE;
}

/* Correct: a field's old value is released when it is replaced. */
static int
pair_set_first(Pair *self, PyObject *value)
{
    // expect-clean
    PyObject *old = self->first;
    Py_INCREF(value);
    self->first = value;
    Py_XDECREF(old);
    return 0;
}

/* Bug: the weak reference's target is borrowed. */
static PyObject *
weak_target(PyObject *self, PyObject *ref)
{
    PyObject *obj = PyWeakref_GetObject(ref);
    if (obj == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(obj);
    Py_DECREF(obj);  // expect: ref-release-borrowed
    return r;
}

/* Bug: a method receives `self` borrowed. */
static PyObject *
drop_self(PyObject *self, PyObject *unused)
{
    PyObject *r = PyObject_Repr(self);
    Py_XDECREF(self);  // expect: ref-release-borrowed
    return r;
}

/* Bug: items read in a loop are borrowed from the list. */
static PyObject *
release_items(PyObject *self, PyObject *list)
{
    Py_ssize_t n = PyList_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PyList_GET_ITEM(list, i);
        Py_DECREF(it);  // expect: ref-release-borrowed
    }
    Py_RETURN_NONE;
}

/* Correct: borrowed items printed, nothing released. */
static PyObject *
print_items(PyObject *self, PyObject *list)
{
    // expect-clean
    Py_ssize_t n = PyList_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PyList_GET_ITEM(list, i);
        if (PyObject_Print(it, stdout, 0) < 0)
            return NULL;
    }
    Py_RETURN_NONE;
}
/* oracle: call print_items([1, 2]) */

/* Correct: a new reference from PyObject_GetIter is released. */
static PyObject *
count_items(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *it = PyObject_GetIter(obj);
    if (it == NULL)
        return NULL;
    long n = 0;
    PyObject *x;
    while ((x = PyIter_Next(it)) != NULL) {
        n++;
        Py_DECREF(x);
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(n);
}

static PyMethodDef methods[] = {
    {"use_consume", use_consume, METH_O, NULL},
    {"xdecref_null", xdecref_null, METH_O, NULL},
    {"weak_target", weak_target, METH_O, NULL},
    {"drop_self", drop_self, METH_NOARGS, NULL},
    {"release_items", release_items, METH_O, NULL},
    {"print_items", print_items, METH_O, NULL},
    {"count_items", count_items, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject PairType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Pair",
    .tp_basicsize = sizeof(Pair),
    .tp_clear = (inquiry)pair_clear,
};

int pair_touch(Pair *p, PyObject *v);
int pair_touch(Pair *p, PyObject *v) { return pair_set_first(p, v); }

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef owned_elsewhere_module = {
    PyModuleDef_HEAD_INIT, "owned_elsewhere", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_owned_elsewhere(void)
{
    // expect-clean
    return PyModule_Create(&owned_elsewhere_module);
}
