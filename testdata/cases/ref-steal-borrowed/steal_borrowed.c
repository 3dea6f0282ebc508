/* ref-steal-borrowed: a stealing call given a reference the function does not own, and the
 * correct forms (take a reference first, or use a non-stealing API). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the list item is borrowed; the tuple steals it. */
static PyObject *
wrap_first(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, item);  // expect: ref-steal-borrowed
    return t;
}

/* Bug: the argument belongs to the caller. */
static PyObject *
store_argument(PyObject *self, PyObject *arg)
{
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    if (PyList_SetItem(l, 0, arg) < 0) {  // expect: ref-steal-borrowed
        Py_DECREF(l);
        return NULL;
    }
    return l;
}

/* Bug: a dictionary value is borrowed. */
static PyObject *
wrap_value(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "v");
    if (v == NULL)
        Py_RETURN_NONE;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    if (PyTuple_SetItem(t, 0, v) < 0) {  // expect: ref-steal-borrowed
        Py_DECREF(t);
        return NULL;
    }
    return t;
}
/* oracle: call wrap_value({'v': [1]}) */

/* Bug: "N" steals, and `arg` is borrowed. */
static PyObject *
build_N_borrowed(PyObject *self, PyObject *arg)
{
    return Py_BuildValue("(N)", arg);  // expect: ref-steal-borrowed
}

/* Bug: a tuple item is borrowed from the tuple. */
static PyObject *
copy_first(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) < 1)
        return PyErr_Format(PyExc_TypeError, "need an argument");
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    PyList_SET_ITEM(l, 0, PyTuple_GET_ITEM(args, 0));  // expect: ref-steal-borrowed
    return l;
}

/* Bug: PyArg_ParseTuple stores borrowed references. */
static PyObject *
parsed_into_list(PyObject *self, PyObject *args)
{
    PyObject *obj;
    if (!PyArg_ParseTuple(args, "O:parsed_into_list", &obj))
        return NULL;
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    PyList_SET_ITEM(l, 0, obj);  // expect: ref-steal-borrowed
    return l;
}

/* Bug: `self` is borrowed. */
static PyObject *
wrap_self(PyObject *self, PyObject *unused)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, self);  // expect: ref-steal-borrowed
    return t;
}

/* Bug: a fast sequence's item is borrowed from it. */
static PyObject *
wrap_fast_item(PyObject *self, PyObject *obj)
{
    PyObject *seq = PySequence_Fast(obj, "expected a sequence");
    if (seq == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(seq) == 0) {
        Py_DECREF(seq);
        Py_RETURN_NONE;
    }
    PyObject *t = PyTuple_New(1);
    if (t == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, PySequence_Fast_GET_ITEM(seq, 0));  // expect: ref-steal-borrowed
    Py_DECREF(seq);
    return t;
}

/* A helper that takes over its argument. */
static int
keep(PyObject *list, PyObject *item)
{
    // expect-clean
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

/* Bug: keep() steals, and the list item is borrowed. */
static PyObject *
keep_borrowed(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    if (keep(list, item) < 0)  // expect: ref-steal-borrowed
        return NULL;
    Py_RETURN_NONE;
}

/* Bug: a borrowed module attribute given to PyModule_AddObject. */
static int
export_borrowed(PyObject *module, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "version");
    if (v == NULL)
        return 0;
    return PyModule_AddObject(module, "version", v);  // expect: ref-steal-borrowed, api-prefer-strong
}

/* Correct: a reference is taken before the steal. */
static PyObject *
wrap_first_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    Py_INCREF(item);
    PyTuple_SET_ITEM(t, 0, item);
    return t;
}

/* Correct: Py_NewRef hands the tuple a reference of its own. */
static PyObject *
wrap_self_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, Py_NewRef(self));
    return t;
}

/* Correct: "O" takes its own reference. */
static PyObject *
build_O_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    return Py_BuildValue("(O)", arg);
}

/* Correct: PyList_Append does not steal. */
static PyObject *
append_borrowed_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Correct: PyModule_AddObjectRef takes its own reference. */
static int
export_ok(PyObject *module, PyObject *dict)
{
    // expect-clean
    PyObject *v = PyDict_GetItemString(dict, "version");
    if (v == NULL)
        return 0;
    return PyModule_AddObjectRef(module, "version", v);
}

/* Correct: a new reference is stolen. */
static PyObject *
steal_new_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(l);
        return NULL;
    }
    PyList_SET_ITEM(l, 0, s);
    return l;
}

/* Correct: the parsed object is taken before the steal. */
static PyObject *
parsed_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *obj;
    if (!PyArg_ParseTuple(args, "O", &obj))
        return NULL;
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    Py_INCREF(obj);
    PyList_SET_ITEM(l, 0, obj);
    return l;
}

/* Correct: keep() gets a new reference. */
static PyObject *
keep_new_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *n = PyLong_FromLong(9);
    if (n == NULL)
        return NULL;
    if (keep(list, n) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Correct: the tuple item is copied with a new reference. */
static PyObject *
copy_first_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    if (PyTuple_GET_SIZE(args) < 1)
        return PyErr_Format(PyExc_TypeError, "need an argument");
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    PyList_SET_ITEM(l, 0, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
    return l;
}

/* Correct: the argument is taken with Py_INCREF before PyList_SetItem. */
static PyObject *
store_argument_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    Py_INCREF(arg);
    if (PyList_SetItem(l, 0, arg) < 0) {
        Py_DECREF(l);
        return NULL;
    }
    return l;
}

static PyMethodDef methods[] = {
    {"wrap_first", wrap_first, METH_O, NULL},
    {"store_argument", store_argument, METH_O, NULL},
    {"wrap_value", wrap_value, METH_O, NULL},
    {"build_N_borrowed", build_N_borrowed, METH_O, NULL},
    {"copy_first", copy_first, METH_VARARGS, NULL},
    {"parsed_into_list", parsed_into_list, METH_VARARGS, NULL},
    {"wrap_self", wrap_self, METH_NOARGS, NULL},
    {"wrap_fast_item", wrap_fast_item, METH_O, NULL},
    {"keep_borrowed", keep_borrowed, METH_O, NULL},
    {"wrap_first_ok", wrap_first_ok, METH_O, NULL},
    {"wrap_self_ok", wrap_self_ok, METH_NOARGS, NULL},
    {"build_O_ok", build_O_ok, METH_O, NULL},
    {"append_borrowed_ok", append_borrowed_ok, METH_O, NULL},
    {"steal_new_ok", steal_new_ok, METH_O, NULL},
    {"parsed_ok", parsed_ok, METH_VARARGS, NULL},
    {"keep_new_ok", keep_new_ok, METH_O, NULL},
    {"copy_first_ok", copy_first_ok, METH_VARARGS, NULL},
    {"store_argument_ok", store_argument_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

int export_all(PyObject *m, PyObject *d);
int export_all(PyObject *m, PyObject *d) { return export_borrowed(m, d) + export_ok(m, d); }

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef steal_borrowed_module = {
    PyModuleDef_HEAD_INIT, "steal_borrowed", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_steal_borrowed(void)
{
    // expect-clean
    return PyModule_Create(&steal_borrowed_module);
}
