/* ref-return-borrowed: a function that owes its caller a new reference returns one it does not
 * own; and the correct ways to return singletons, items, arguments and fields. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *name;
} Named;

/* Bug: Py_None is borrowed (the hint: Py_RETURN_NONE). */
static PyObject *
return_none(PyObject *self, PyObject *unused)
{
    return Py_None;  // expect: ref-return-borrowed
}

/* Bug: Py_True too. */
static PyObject *
return_true(PyObject *self, PyObject *unused)
{
    return Py_True;  // expect: ref-return-borrowed
}

/* Bug: the list item is borrowed. */
static PyObject *
first_item(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    return item;  // expect: ref-return-borrowed
}

/* Bug: a tuple item, through the macro. */
static PyObject *
first_arg(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 0)
        return PyErr_Format(PyExc_TypeError, "no arguments");
    return PyTuple_GET_ITEM(args, 0);  // expect: ref-return-borrowed
}

/* Bug: a dictionary value is borrowed. */
static PyObject *
lookup(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "key");
    if (v == NULL)
        return PyErr_Format(PyExc_KeyError, "key");
    return v;  // expect: ref-return-borrowed
}
/* oracle: call lookup({'key': 5}) */

/* Bug: the argument belongs to the caller. */
static PyObject *
identity(PyObject *self, PyObject *arg)
{
    return arg;  // expect: ref-return-borrowed
}

/* Bug: `self` too. */
static PyObject *
return_self(PyObject *self, PyObject *unused)
{
    return self;  // expect: ref-return-borrowed
}

/* Bug: a getter returns the field's reference without taking one. */
static PyObject *
named_get_name(Named *self, void *closure)
{
    return self->name;  // expect: ref-return-borrowed
}

/* Bug: the module dictionary is borrowed. */
static PyObject *
module_dict(PyObject *self, PyObject *module)
{
    return PyModule_GetDict(module);  // expect: ref-return-borrowed
}

/* Bug: the parsed object is borrowed from the argument tuple. */
static PyObject *
parsed(PyObject *self, PyObject *args)
{
    PyObject *obj;
    if (!PyArg_ParseTuple(args, "O", &obj))
        return NULL;
    return obj;  // expect: ref-return-borrowed
}

/* A static helper that returns a borrowed reference by design; its callers take their own. */
static PyObject *
borrow_name(Named *n)
{
    // expect-clean
    return n->name;
}

/* Correct: the singleton returned through the macro. */
static PyObject *
return_none_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    Py_RETURN_NONE;
}

/* Correct: Py_NewRef takes the reference. */
static PyObject *
return_none_newref_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    return Py_NewRef(Py_None);
}

/* Correct: Py_RETURN_TRUE / Py_RETURN_FALSE. */
static PyObject *
truth_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    int t = PyObject_IsTrue(arg);
    if (t < 0)
        return NULL;
    if (t)
        Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

/* Correct: the item is taken before it is returned. */
static PyObject *
first_item_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    Py_INCREF(item);
    return item;
}

/* Correct: a getter that takes a reference to the field. */
static PyObject *
named_get_name_ok(Named *self, void *closure)
{
    // expect-clean
    if (self->name == NULL) {
        PyErr_SetString(PyExc_AttributeError, "name");
        return NULL;
    }
    return Py_NewRef(self->name);
}

/* Correct: the static helper's borrowed result is taken by its caller. */
static PyObject *
name_via_helper_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *n = borrow_name((Named *)self);
    return Py_XNewRef(n);
}

/* Correct: PyObject_Str returns a new reference. */
static PyObject *
str_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    return PyObject_Str(arg);
}

/* Correct: PyBool_FromLong returns a new reference. */
static PyObject *
bool_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    int t = PyObject_IsTrue(arg);
    if (t < 0)
        return NULL;
    return PyBool_FromLong(t);
}

/* Correct: the argument is returned with a reference of its own. */
static PyObject *
identity_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    Py_INCREF(arg);
    return arg;
}

static PyMethodDef methods[] = {
    {"return_none", return_none, METH_NOARGS, NULL},
    {"return_true", return_true, METH_NOARGS, NULL},
    {"first_item", first_item, METH_O, NULL},
    {"first_arg", first_arg, METH_VARARGS, NULL},
    {"lookup", lookup, METH_O, NULL},
    {"identity", identity, METH_O, NULL},
    {"return_self", return_self, METH_NOARGS, NULL},
    {"module_dict", module_dict, METH_O, NULL},
    {"parsed", parsed, METH_VARARGS, NULL},
    {"return_none_ok", return_none_ok, METH_NOARGS, NULL},
    {"return_none_newref_ok", return_none_newref_ok, METH_NOARGS, NULL},
    {"truth_ok", truth_ok, METH_O, NULL},
    {"first_item_ok", first_item_ok, METH_O, NULL},
    {"name_via_helper_ok", name_via_helper_ok, METH_NOARGS, NULL},
    {"str_ok", str_ok, METH_O, NULL},
    {"bool_ok", bool_ok, METH_O, NULL},
    {"identity_ok", identity_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef named_getset[] = {
    {"name", (getter)named_get_name, NULL, NULL, NULL},
    {"name_ok", (getter)named_get_name_ok, NULL, NULL, NULL},
    {NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef return_borrowed_module = {
    PyModuleDef_HEAD_INIT, "return_borrowed", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_return_borrowed(void)
{
    // expect-clean
    return PyModule_Create(&return_borrowed_module);
}
