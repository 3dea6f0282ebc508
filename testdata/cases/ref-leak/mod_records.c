/* records — a small module of record helpers, written as extension authors write them, with the
 * classic leaks: a new reference handed to a call that does not steal it, a Py_BuildValue("O")
 * of a new reference, cleanups skipped on an error path after `goto`, and PyModule_AddObject's
 * reference lost when it fails. Each buggy function has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyList_Append does not steal; the new int is never released. */
static PyObject *
records_count_up(PyObject *self, PyObject *args)
{
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n && i < 4; i++) {
        PyObject *v = PyLong_FromSsize_t(1000 + i);   // expect: ref-leak
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        if (PyList_Append(out, v) < 0) {
            Py_DECREF(out);
            return NULL;  // expect: ref-leak
        }
    }
    return out;
}
/* oracle: call records_count_up(2) */

/* Correct: the appended int is released after the list took its own reference. */
static PyObject *
records_count_up_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n && i < 4; i++) {
        PyObject *v = PyLong_FromSsize_t(1000 + i);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        int rc = PyList_Append(out, v);
        Py_DECREF(v);
        if (rc < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}
/* oracle: call records_count_up_ok(2) */

/* Bug: "O" takes a new reference of its own; the name's reference is lost. */
static PyObject *
records_named(PyObject *self, PyObject *args)
{
    const char *s;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "sn", &s, &size))
        return NULL;
    PyObject *name = PyUnicode_FromString(s);
    if (name == NULL)
        return NULL;
    return Py_BuildValue("(On)", name, size);   // expect: ref-leak
}

/* Correct: "N" steals the new reference. */
static PyObject *
records_named_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    const char *s;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "sn", &s, &size))
        return NULL;
    PyObject *name = PyUnicode_FromString(s);
    if (name == NULL)
        return NULL;
    return Py_BuildValue("(Nn)", name, size);
}

/* Bug: when PyDict_SetItemString fails, `v` is still owned at the error label. */
static PyObject *
records_make(PyObject *self, PyObject *args)
{
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n))
        return NULL;
    PyObject *v = NULL;
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    v = PyLong_FromSsize_t(n);
    if (v == NULL)
        goto error;
    if (PyDict_SetItemString(d, "n", v) < 0)
        goto error;
    Py_DECREF(v);
    return d;
error:
    Py_DECREF(d);
    return NULL;   // expect: ref-leak
}

/* Correct: the error label releases both, Py_XDECREF for the one that may be NULL. */
static PyObject *
records_make_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n))
        return NULL;
    PyObject *v = NULL;
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    v = PyLong_FromSsize_t(n);
    if (v == NULL)
        goto error;
    if (PyDict_SetItemString(d, "n", v) < 0)
        goto error;
    Py_DECREF(v);
    return d;
error:
    Py_XDECREF(v);
    Py_DECREF(d);
    return NULL;
}

/* Bug: the key string leaks when the lookup raises. */
static PyObject *
records_lookup(PyObject *self, PyObject *args)
{
    PyObject *mapping;
    const char *field;
    if (!PyArg_ParseTuple(args, "O!s", &PyDict_Type, &mapping, &field))
        return NULL;
    PyObject *key = PyUnicode_FromString(field);
    if (key == NULL)
        return NULL;
    PyObject *value = PyObject_GetItem(mapping, key);
    if (value == NULL)
        return NULL;   // expect: ref-leak
    Py_DECREF(key);
    return value;
}
/* oracle: call records_lookup({'a': 1}, 'a') */

/* Correct: the key is released on both paths. */
static PyObject *
records_lookup_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *mapping;
    const char *field;
    if (!PyArg_ParseTuple(args, "O!s", &PyDict_Type, &mapping, &field))
        return NULL;
    PyObject *key = PyUnicode_FromString(field);
    if (key == NULL)
        return NULL;
    PyObject *value = PyObject_GetItem(mapping, key);
    Py_DECREF(key);
    return value;
}
/* oracle: call records_lookup_ok({'a': 1}, 'a') */

/* Bug: the first element's reference is lost when the second allocation fails. */
static PyObject *
records_span(PyObject *self, PyObject *args)
{
    long lo, hi;
    if (!PyArg_ParseTuple(args, "ll", &lo, &hi))
        return NULL;
    PyObject *a = PyLong_FromLong(lo);
    if (a == NULL)
        return NULL;
    PyObject *b = PyLong_FromLong(hi);
    if (b == NULL)
        return NULL;   // expect: ref-leak
    PyObject *t = PyTuple_New(2);
    if (t == NULL) {
        Py_DECREF(a);
        Py_DECREF(b);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, a);
    PyTuple_SET_ITEM(t, 1, b);
    return t;
}

/* oracle: call records_span(1000, 2000) */

/* Correct: PyTuple_Pack takes its own references; both are released. */
static PyObject *
records_span_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    long lo, hi;
    if (!PyArg_ParseTuple(args, "ll", &lo, &hi))
        return NULL;
    PyObject *a = PyLong_FromLong(lo);
    if (a == NULL)
        return NULL;
    PyObject *b = PyLong_FromLong(hi);
    if (b == NULL) {
        Py_DECREF(a);
        return NULL;
    }
    PyObject *t = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return t;
}
/* oracle: call records_span_ok(1000, 2000) */

/* Bug: the repr made for the check is never released. */
static PyObject *
records_has_name(PyObject *self, PyObject *obj)
{
    PyObject *name = PyObject_Repr(obj);
    if (name == NULL)
        return NULL;
    int truth = PyObject_IsTrue(name);
    if (truth < 0)
        return NULL;   // expect: ref-leak
    return PyBool_FromLong(truth);  // expect: ref-leak
}

/* Correct. */
static PyObject *
records_has_name_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *name = PyObject_Repr(obj);
    if (name == NULL)
        return NULL;
    int truth = PyObject_IsTrue(name);
    Py_DECREF(name);
    if (truth < 0)
        return NULL;
    return PyBool_FromLong(truth);
}

/* Bug: the joined string is overwritten by the second concatenation without being released. */
static PyObject *
records_join(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "UU", &a, &b))
        return NULL;
    PyObject *s = PyUnicode_Concat(a, b);
    if (s == NULL)
        return NULL;
    s = PyUnicode_Concat(s, a);   // expect: ref-leak
    return s;
}
/* oracle: call records_join('x', 'y') */

/* Correct: the intermediate string is released once the second one is made. */
static PyObject *
records_join_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "UU", &a, &b))
        return NULL;
    PyObject *s = PyUnicode_Concat(a, b);
    if (s == NULL)
        return NULL;
    PyObject *t = PyUnicode_Concat(s, a);
    Py_DECREF(s);
    return t;
}
/* oracle: call records_join_ok('x', 'y') */

static PyMethodDef records_methods[] = {
    {"count_up", records_count_up, METH_VARARGS, NULL},
    {"count_up_ok", records_count_up_ok, METH_VARARGS, NULL},
    {"named", records_named, METH_VARARGS, NULL},
    {"named_ok", records_named_ok, METH_VARARGS, NULL},
    {"make", records_make, METH_VARARGS, NULL},
    {"make_ok", records_make_ok, METH_VARARGS, NULL},
    {"lookup", records_lookup, METH_VARARGS, NULL},
    {"lookup_ok", records_lookup_ok, METH_VARARGS, NULL},
    {"span", records_span, METH_VARARGS, NULL},
    {"span_ok", records_span_ok, METH_VARARGS, NULL},
    {"has_name", records_has_name, METH_O, NULL},
    {"has_name_ok", records_has_name_ok, METH_O, NULL},
    {"join", records_join, METH_VARARGS, NULL},
    {"join_ok", records_join_ok, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef records_module = {
    PyModuleDef_HEAD_INIT, "records", NULL, -1, records_methods,
};

/* Bug: PyModule_AddObject steals only on success; on failure `version` leaks. */
PyMODINIT_FUNC
PyInit_records(void)
{
    PyObject *m = PyModule_Create(&records_module);
    if (m == NULL)
        return NULL;
    PyObject *version = PyUnicode_FromString("1.0");
    if (version == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddObject(m, "version", version) < 0) {   // expect: api-prefer-strong
        Py_DECREF(m);
        return NULL;   // expect: ref-leak
    }
    return m;
}
