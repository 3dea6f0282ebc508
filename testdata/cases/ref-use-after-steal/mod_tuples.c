/* tuples — a module that builds tuples and lists with the stealing setters, with the classic
 * mistakes: a reference released after PyTuple_SetItem / PyList_SetItem stole it, and an object
 * used after the steal dropped the last reference the function could count on. Each bug has a
 * correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyTuple_SetItem steals `v`; releasing it afterwards releases the tuple's reference. */
static PyObject *
tuples_single(PyObject *self, PyObject *args)
{
    long x;
    if (!PyArg_ParseTuple(args, "l", &x))
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *v = PyLong_FromLong(x);
    if (v == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    if (PyTuple_SetItem(t, 0, v) < 0) {
        Py_DECREF(t);
        return NULL;
    }
    Py_DECREF(v);   // expect: ref-use-after-steal
    return t;
}
/* oracle: call tuples_single(1000) */

/* Correct: the steal hands the reference over; nothing left to release. */
static PyObject *
tuples_single_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    long x;
    if (!PyArg_ParseTuple(args, "l", &x))
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *v = PyLong_FromLong(x);
    if (v == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, v);
    return t;
}
/* oracle: call tuples_single_ok(1000) */

/* Bug: the same with PyList_SetItem, in a loop. */
static PyObject *
tuples_squares(PyObject *self, PyObject *args)
{
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n))
        return NULL;
    if (n < 0 || n > 8) {
        PyErr_SetString(PyExc_ValueError, "n out of range");
        return NULL;
    }
    PyObject *list = PyList_New(n);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *sq = PyLong_FromSsize_t(i * i + 1000);
        if (sq == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        if (PyList_SetItem(list, i, sq) < 0) {
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(sq);   // expect: ref-use-after-steal
    }
    return list;
}
/* oracle: call tuples_squares(2) */

/* Correct. */
static PyObject *
tuples_squares_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "n", &n))
        return NULL;
    if (n < 0 || n > 8) {
        PyErr_SetString(PyExc_ValueError, "n out of range");
        return NULL;
    }
    PyObject *list = PyList_New(n);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *sq = PyLong_FromSsize_t(i * i + 1000);
        if (sq == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, sq);
    }
    return list;
}
/* oracle: call tuples_squares_ok(2) */

/* Bug: the key is stolen into the tuple, then used again after the tuple is gone. */
static PyObject *
tuples_tag(PyObject *self, PyObject *args)
{
    const char *s;
    if (!PyArg_ParseTuple(args, "s", &s))
        return NULL;
    PyObject *key = PyUnicode_FromString(s);
    if (key == NULL)
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL) {
        Py_DECREF(key);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, key);
    Py_DECREF(t);
    return PyObject_Repr(key);   // expect: ref-use-after-steal
}
/* oracle: call tuples_tag('abc') */

/* Correct: keep a reference of one's own across the steal. */
static PyObject *
tuples_tag_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    const char *s;
    if (!PyArg_ParseTuple(args, "s", &s))
        return NULL;
    PyObject *key = PyUnicode_FromString(s);
    if (key == NULL)
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL) {
        Py_DECREF(key);
        return NULL;
    }
    Py_INCREF(key);
    PyTuple_SET_ITEM(t, 0, key);
    Py_DECREF(t);
    PyObject *r = PyObject_Repr(key);
    Py_DECREF(key);
    return r;
}
/* oracle: call tuples_tag_ok('abc') */

/* Bug: Py_BuildValue's "N" steals; the name is released again afterwards. */
static PyObject *
tuples_entry(PyObject *self, PyObject *args)
{
    const char *s;
    if (!PyArg_ParseTuple(args, "s", &s))
        return NULL;
    PyObject *name = PyUnicode_FromString(s);
    if (name == NULL)
        return NULL;
    PyObject *r = Py_BuildValue("(Ni)", name, 1);
    Py_DECREF(name);   // expect: ref-use-after-steal
    return r;
}
/* oracle: call tuples_entry('abc') */

/* Correct: "O" takes a reference of its own, so the name is still ours to release. */
static PyObject *
tuples_entry_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    const char *s;
    if (!PyArg_ParseTuple(args, "s", &s))
        return NULL;
    PyObject *name = PyUnicode_FromString(s);
    if (name == NULL)
        return NULL;
    PyObject *r = Py_BuildValue("(Oi)", name, 1);
    Py_DECREF(name);
    return r;
}
/* oracle: call tuples_entry_ok('abc') */

/* Bug: PyModule_AddObject stole the list on success; it is then released again. */
static PyObject *
tuples_publish(PyObject *module, PyObject *unused)
{
    PyObject *cache = PyList_New(0);
    if (cache == NULL)
        return NULL;
    if (PyModule_AddObject(module, "cache", cache) < 0) {   // expect: api-prefer-strong
        Py_DECREF(cache);
        return NULL;
    }
    Py_DECREF(cache);   // expect: ref-use-after-steal
    Py_RETURN_NONE;
}

/* Correct: PyModule_AddObjectRef takes a reference of its own. */
static PyObject *
tuples_publish_ok(PyObject *module, PyObject *unused)
{
    // expect-clean
    PyObject *cache = PyList_New(0);
    if (cache == NULL)
        return NULL;
    int rc = PyModule_AddObjectRef(module, "cache", cache);
    Py_DECREF(cache);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef tuples_methods[] = {
    {"single", tuples_single, METH_VARARGS, NULL},
    {"single_ok", tuples_single_ok, METH_VARARGS, NULL},
    {"squares", tuples_squares, METH_VARARGS, NULL},
    {"squares_ok", tuples_squares_ok, METH_VARARGS, NULL},
    {"tag", tuples_tag, METH_VARARGS, NULL},
    {"tag_ok", tuples_tag_ok, METH_VARARGS, NULL},
    {"entry", tuples_entry, METH_VARARGS, NULL},
    {"entry_ok", tuples_entry_ok, METH_VARARGS, NULL},
    {"publish", tuples_publish, METH_NOARGS, NULL},
    {"publish_ok", tuples_publish_ok, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef tuples_module = {
    PyModuleDef_HEAD_INIT, "tuples", NULL, -1, tuples_methods,
};

PyMODINIT_FUNC
PyInit_tuples(void)
{
    // expect-clean
    return PyModule_Create(&tuples_module);
}
