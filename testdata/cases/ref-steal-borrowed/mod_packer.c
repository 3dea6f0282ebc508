/* packer — a module that packs its arguments into tuples and lists with the stealing setters,
 * with the classic PyTuple_SET_ITEM of a borrowed object: the tuple is given a reference the
 * function never owned, and releasing the tuple releases the caller's. Each bug has a correct
 * twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: `obj` is borrowed from the argument tuple; SET_ITEM steals a reference we do not own. */
static PyObject *
packer_wrap(PyObject *self, PyObject *args)
{
    PyObject *obj;
    if (!PyArg_ParseTuple(args, "O", &obj))
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, obj);   // expect: ref-steal-borrowed
    return t;
}
/* oracle: call packer_wrap([1]) */

/* Correct: a reference of the tuple's own. */
static PyObject *
packer_wrap_ok(PyObject *self, PyObject *args)
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
/* oracle: call packer_wrap_ok([1]) */

/* Bug: a METH_O argument stolen by PyList_SetItem. */
static PyObject *
packer_box(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    PyList_SET_ITEM(list, 0, arg);   // expect: ref-steal-borrowed
    return list;
}
/* oracle: call packer_box([1]) */

/* Correct. */
static PyObject *
packer_box_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    PyList_SET_ITEM(list, 0, Py_NewRef(arg));
    return list;
}
/* oracle: call packer_box_ok([1]) */

/* Bug: None stolen without a reference: every call takes one from None. */
static PyObject *
packer_blank(PyObject *self, PyObject *unused)
{
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, Py_None);   // expect: ref-steal-borrowed
    PyTuple_SET_ITEM(t, 1, Py_None);   /* the same root: reported once */
    return t;
}

/* Correct. */
static PyObject *
packer_blank_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, Py_NewRef(Py_None));
    PyTuple_SET_ITEM(t, 1, Py_NewRef(Py_None));
    return t;
}

/* Bug: items borrowed from one tuple stolen into another. */
static PyObject *
packer_swap(PyObject *self, PyObject *args)
{
    PyObject *pair;
    if (!PyArg_ParseTuple(args, "O!", &PyTuple_Type, &pair))
        return NULL;
    if (PyTuple_GET_SIZE(pair) != 2) {
        PyErr_SetString(PyExc_ValueError, "a pair is needed");
        return NULL;
    }
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, PyTuple_GET_ITEM(pair, 1));   // expect: ref-steal-borrowed
    PyTuple_SET_ITEM(t, 1, PyTuple_GET_ITEM(pair, 0));   // expect: ref-steal-borrowed
    return t;
}
/* oracle: call packer_swap(([1], [2])) */

/* Correct. */
static PyObject *
packer_swap_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *pair;
    if (!PyArg_ParseTuple(args, "O!", &PyTuple_Type, &pair))
        return NULL;
    if (PyTuple_GET_SIZE(pair) != 2) {
        PyErr_SetString(PyExc_ValueError, "a pair is needed");
        return NULL;
    }
    return PyTuple_Pack(2, PyTuple_GET_ITEM(pair, 1), PyTuple_GET_ITEM(pair, 0));
}
/* oracle: call packer_swap_ok(([1], [2])) */

/* Bug: a dict value (borrowed) handed to PyModule_AddObject, which steals on success. */
static PyObject *
packer_export(PyObject *module, PyObject *options)
{
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "a dict is needed");
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(options, "value");
    if (v == NULL)
        Py_RETURN_NONE;
    if (PyModule_AddObject(module, "exported", v) < 0)   // expect: ref-steal-borrowed, api-prefer-strong
        return NULL;
    Py_RETURN_NONE;
}
/* oracle: call packer_export({'value': [1]}) */

/* Correct. */
static PyObject *
packer_export_ok(PyObject *module, PyObject *options)
{
    // expect-clean
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "a dict is needed");
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(options, "value");
    if (v == NULL)
        Py_RETURN_NONE;
    if (PyModule_AddObjectRef(module, "exported", v) < 0)
        return NULL;
    Py_RETURN_NONE;
}
/* oracle: call packer_export_ok({'value': [1]}) */

static PyMethodDef packer_methods[] = {
    {"wrap", packer_wrap, METH_VARARGS, NULL},
    {"wrap_ok", packer_wrap_ok, METH_VARARGS, NULL},
    {"box", packer_box, METH_O, NULL},
    {"box_ok", packer_box_ok, METH_O, NULL},
    {"blank", packer_blank, METH_NOARGS, NULL},
    {"blank_ok", packer_blank_ok, METH_NOARGS, NULL},
    {"swap", packer_swap, METH_VARARGS, NULL},
    {"swap_ok", packer_swap_ok, METH_VARARGS, NULL},
    {"export", packer_export, METH_O, NULL},
    {"export_ok", packer_export_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef packer_module = {
    PyModuleDef_HEAD_INIT, "packer", NULL, -1, packer_methods,
};

PyMODINIT_FUNC
PyInit_packer(void)
{
    // expect-clean
    return PyModule_Create(&packer_module);
}
