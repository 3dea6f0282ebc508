/* ref-leak traps met in real extensions (zope.interface, bitarray, simplejson, markupsafe):
 * PyDict_GetItemRef-style lookups whose out-parameter is NULL when they find nothing or fail,
 * a reference compared with Py_None and released under that name, a helper that returns its
 * argument, a statement expression that never returns (assert), and a test repeated on the
 * same remainder. Each trap has a buggy twin that must still be found. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <assert.h>

/* Python < 3.13: the compat shim projects carry (pythoncapi_compat, zope.interface). */
#if PY_VERSION_HEX < 0x030d0000
static inline int
compat_GetItemRef(PyObject *p, PyObject *key, PyObject **result)
{
    PyObject *item = PyDict_GetItemWithError(p, key);
    if (item != NULL) {
        Py_INCREF(item);
        *result = item;
        return 1;
    }
    *result = NULL;
    return PyErr_Occurred() ? -1 : 0;
}
#define PyDict_GetItemRef compat_GetItemRef
#endif

/* Correct: 0 means *result is NULL, so the new dict owns the only reference. */
static PyObject *
subcache(PyObject *cache, PyObject *key)
{
    // expect-clean
    PyObject *sub;
    int found = PyDict_GetItemRef(cache, key, &sub);
    if (found < 0)
        return NULL;
    if (found == 0) {
        sub = PyDict_New();
        if (sub == NULL)
            return NULL;
        if (PyDict_SetItem(cache, key, sub) < 0) {
            Py_DECREF(sub);
            return NULL;
        }
    }
    return sub;
}

static PyObject *
use_subcache(PyObject *self, PyObject *args)
{
    // expect-clean
    return subcache(args, args);
}

/* Bug: found (1) gives a new reference, forgotten here. */
static PyObject *
lookup_forgets(PyObject *self, PyObject *key)
{
    PyObject *value;
    int found = PyDict_GetItemRef(self, key, &value);
    if (found < 0)
        return NULL;
    Py_RETURN_NONE;  // expect: ref-leak
}

/* Correct: the failed lookup of the second round stored NULL, so the cleanup's Py_XDECREF does
 * not touch the value released in the first round (bitarray's encode loop). */
static PyObject *
lookup_loop(PyObject *self, PyObject *iterable)
{
    // expect-clean
    PyObject *iter = PyObject_GetIter(iterable), *symbol, *value = NULL;
    if (iter == NULL)
        return NULL;
    while ((symbol = PyIter_Next(iter))) {
        if (PyDict_GetItemRef(self, symbol, &value) < 0)
            goto error;
        if (value == NULL) {
            PyErr_SetString(PyExc_KeyError, "undefined");
            goto error;
        }
        Py_DECREF(symbol);
        Py_DECREF(value);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred())
        return NULL;
    Py_RETURN_NONE;
error:
    Py_DECREF(iter);
    Py_DECREF(symbol);
    Py_XDECREF(value);
    return NULL;
}

/* Correct: the result is None, released under that name (zope.interface's lookup). */
static PyObject *
none_or_default(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *result = PyObject_GetAttrString(obj, "value");
    if (result == NULL)
        return NULL;
    if (result == Py_None && self != NULL) {
        Py_DECREF(Py_None);
        Py_INCREF(self);
        return self;
    }
    return result;
}

/* Bug: a result that is not None leaks on the same path shape. */
static PyObject *
not_none_leaks(PyObject *self, PyObject *obj)
{
    PyObject *result = PyObject_GetAttrString(obj, "value");
    if (result == NULL)
        return NULL;
    if (result != Py_None && self != NULL) {
        Py_INCREF(self);
        return self;  // expect: ref-leak
    }
    return result;
}

/* Correct: a helper that releases its None result and returns None as a "skip" sentinel
 * (simplejson's encoder_encode_dict_key). */
static PyObject *
key_or_skip(PyObject *key)
{
    // expect-clean
    PyObject *s = PyObject_Str(key);
    if (s == NULL)
        return NULL;
    if (s == Py_None) {
        Py_DECREF(s);
        return Py_None;
    }
    return s;
}

static PyObject *
count_keys(PyObject *self, PyObject *key)
{
    // expect-clean
    PyObject *k = key_or_skip(key);
    if (k == NULL)
        return NULL;
    if (k == Py_None)
        return PyLong_FromLong(0);
    Py_DECREF(k);
    return PyLong_FromLong(1);
}

/* A helper that hands its argument back (bitarray's freeze_if_frozen): the caller's reference
 * passes through it. */
static PyObject *
mark_frozen(PyObject *obj)
{
    if (PyObject_SetAttrString(obj, "frozen", Py_True) < 0)
        return NULL;
    return obj;
}

/* Correct. */
static PyObject *
copy_frozen(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *res = PySequence_List(obj);
    if (res == NULL)
        return NULL;
    if (mark_frozen(res) == NULL) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

/* Bug: when the helper fails, the copy leaks (reported once, on that error path). */
static PyObject *
copy_frozen_leaks(PyObject *self, PyObject *obj)
{
    PyObject *res = PySequence_List(obj);
    if (res == NULL)
        return NULL;
    return mark_frozen(res);  // expect: ref-leak
}

/* Correct: assert(0) after an exhaustive switch never returns (markupsafe). */
static PyObject *
by_kind(PyObject *self, PyObject *s)
{
    // expect-clean
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "str expected");
        return NULL;
    }
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        return PyLong_FromLong(1);
    case PyUnicode_2BYTE_KIND:
        return PyLong_FromLong(2);
    case PyUnicode_4BYTE_KIND:
        return PyLong_FromLong(4);
    }
    assert(0);
    return NULL;
}

/* Correct: `n % 4` tested twice means the same thing both times (bitarray's ba2hex). */
static PyObject *
hex_groups(PyObject *self, PyObject *obj)
{
    // expect-clean
    Py_ssize_t n = PyObject_Length(obj);
    PyObject *res = NULL;
    if (n < 0)
        return NULL;
    if (n % 4 == 0)
        res = PyLong_FromSsize_t(n / 4);
    if (n % 4) {
        PyErr_SetString(PyExc_ValueError, "length not a multiple of 4");
        return NULL;
    }
    return res;
}

/* Bug: the second test is not the first one's negation. */
static PyObject *
hex_groups_wrong(PyObject *self, PyObject *obj)
{
    Py_ssize_t n = PyObject_Length(obj);
    PyObject *res = NULL;
    if (n < 0)
        return NULL;
    if (n % 4 == 0)
        res = PyLong_FromSsize_t(n / 4);
    if (n % 8) {
        PyErr_SetString(PyExc_ValueError, "length not a multiple of 8");
        return NULL;  // expect: ref-leak
    }
    return res;  // expect: exc-null-without-error
}

static PyMethodDef methods[] = {
    {"use_subcache", use_subcache, METH_VARARGS, NULL},
    {"lookup_forgets", lookup_forgets, METH_O, NULL},
    {"lookup_loop", lookup_loop, METH_O, NULL},
    {"none_or_default", none_or_default, METH_O, NULL},
    {"not_none_leaks", not_none_leaks, METH_O, NULL},
    {"count_keys", count_keys, METH_O, NULL},
    {"copy_frozen", copy_frozen, METH_O, NULL},
    {"copy_frozen_leaks", copy_frozen_leaks, METH_O, NULL},
    {"by_kind", by_kind, METH_O, NULL},
    {"hex_groups", hex_groups, METH_O, NULL},
    {"hex_groups_wrong", hex_groups_wrong, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
