/* ref-borrowed-invalidated: a borrowed reference used after the object it was borrowed from was
 * released; and the correct orders (take the reference first, or use it before the release). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the list that owns `item` is released before `item` is used. */
static PyObject *
item_after_list(PyObject *self, PyObject *iterable)
{
    PyObject *list = PySequence_List(iterable);
    if (list == NULL)
        return NULL;
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(list);
    return PyObject_Repr(item);  // expect: ref-borrowed-invalidated
}

/* Bug: the tuple is gone before its item is handed out. */
static PyObject *
item_after_tuple(PyObject *self, PyObject *obj)
{
    PyObject *t = PyTuple_Pack(1, obj);
    if (t == NULL)
        return NULL;
    PyObject *first = PyTuple_GET_ITEM(t, 0);
    Py_DECREF(t);
    return Py_NewRef(first);  // expect: ref-borrowed-invalidated
}

/* Bug: a dictionary value outlives the dictionary. */
static PyObject *
value_after_dict(PyObject *self, PyObject *obj)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    if (PyDict_SetItemString(d, "k", obj) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    PyObject *v = PyDict_GetItemString(d, "k");
    Py_DECREF(d);
    if (v == NULL)
        Py_RETURN_NONE;
    return PyObject_Str(v);  // expect: ref-borrowed-invalidated
}

/* Bug: a fast sequence item used after the sequence was released. */
static PyObject *
fast_item_after_release(PyObject *self, PyObject *obj)
{
    PyObject *seq = PySequence_Fast(obj, "need a sequence");
    if (seq == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(seq) == 0) {
        Py_DECREF(seq);
        Py_RETURN_NONE;
    }
    PyObject *it = PySequence_Fast_GET_ITEM(seq, 0);
    Py_DECREF(seq);
    return PyObject_Str(it);  // expect: ref-borrowed-invalidated
}

/* Bug: Py_CLEAR of the owner, then the borrowed item is appended. */
static PyObject *
append_after_clear(PyObject *self, PyObject *out)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (PyList_Append(list, Py_None) < 0) {
        Py_DECREF(list);
        return NULL;
    }
    PyObject *x = PyList_GET_ITEM(list, 0);
    Py_CLEAR(list);
    if (PyList_Append(out, x) < 0)  // expect: ref-borrowed-invalidated
        return NULL;
    Py_RETURN_NONE;
}

/* Bug: the module's dictionary is borrowed from the module just released. */
static PyObject *
dict_after_module(PyObject *self, PyObject *unused)
{
    PyObject *mod = PyImport_ImportModule("math");
    if (mod == NULL)
        return NULL;
    PyObject *d = PyModule_GetDict(mod);
    Py_DECREF(mod);
    return PyDict_Keys(d);  // expect: ref-borrowed-invalidated
}

/* Bug: taking a reference too late: the owner is already gone. */
static PyObject *
incref_too_late(PyObject *self, PyObject *obj)
{
    PyObject *l = PySequence_List(obj);
    if (l == NULL)
        return NULL;
    if (PyList_GET_SIZE(l) == 0) {
        Py_DECREF(l);
        Py_RETURN_NONE;
    }
    PyObject *first = PyList_GET_ITEM(l, 0);
    Py_DECREF(l);
    Py_INCREF(first);  // expect: ref-borrowed-invalidated
    return first;
}

/* Bug: an attribute of an item whose list went away. */
static PyObject *
attr_after_release(PyObject *self, PyObject *obj)
{
    PyObject *l = PySequence_List(obj);
    if (l == NULL)
        return NULL;
    PyObject *first = PyList_GetItem(l, 0);
    if (first == NULL) {
        Py_DECREF(l);
        return NULL;
    }
    Py_DECREF(l);
    return PyObject_GetAttrString(first, "name");  // expect: ref-borrowed-invalidated
}

/* Bug: the tuple item is compared after the tuple was released. */
static PyObject *
compare_after_release(PyObject *self, PyObject *obj)
{
    PyObject *t = PyTuple_Pack(2, obj, obj);
    if (t == NULL)
        return NULL;
    PyObject *a = PyTuple_GetItem(t, 0);
    PyObject *b = PyTuple_GetItem(t, 1);
    Py_DECREF(t);
    if (a == NULL || b == NULL)
        return NULL;
    return PyObject_RichCompare(a, b, Py_EQ);  // expect: ref-borrowed-invalidated, ref-borrowed-invalidated
}

/* Bug: stored into another list after the owner went. */
static PyObject *
store_after_release(PyObject *self, PyObject *args)
{
    PyObject *out = PyList_New(1);
    if (out == NULL)
        return NULL;
    PyObject *src = PySequence_Tuple(args);
    if (src == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    if (PyTuple_GET_SIZE(src) == 0) {
        Py_DECREF(src);
        Py_DECREF(out);
        Py_RETURN_NONE;
    }
    PyObject *v = PyTuple_GET_ITEM(src, 0);
    Py_DECREF(src);
    PyList_SET_ITEM(out, 0, Py_NewRef(v));  // expect: ref-borrowed-invalidated
    return out;
}

/* Correct: a reference is taken before the owner is released. */
static PyObject *
item_after_list_ok(PyObject *self, PyObject *iterable)
{
    // expect-clean
    PyObject *list = PySequence_List(iterable);
    if (list == NULL)
        return NULL;
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    Py_INCREF(item);
    Py_DECREF(list);
    PyObject *r = PyObject_Repr(item);
    Py_DECREF(item);
    return r;
}

/* Correct: the item is used before the tuple is released. */
static PyObject *
use_before_release_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *t = PyTuple_Pack(1, obj);
    if (t == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(PyTuple_GET_ITEM(t, 0));
    Py_DECREF(t);
    return r;
}

/* Correct: borrowed from an argument, which outlives the call. */
static PyObject *
from_argument_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    return PyObject_Repr(item);
}

/* Correct: Py_NewRef before the owner goes. */
static PyObject *
newref_first_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *t = PyTuple_Pack(1, obj);
    if (t == NULL)
        return NULL;
    PyObject *first = Py_NewRef(PyTuple_GET_ITEM(t, 0));
    Py_DECREF(t);
    return first;
}

/* Correct: every item is used inside the loop; the list is released after it. */
static PyObject *
loop_then_release_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *l = PySequence_List(obj);
    if (l == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(l); i++) {
        if (PyObject_Print(PyList_GET_ITEM(l, i), stdout, 0) < 0) {
            Py_DECREF(l);
            return NULL;
        }
    }
    Py_DECREF(l);
    Py_RETURN_NONE;
}

/* Correct: the borrowed value is not used after the release. */
static PyObject *
unused_after_release_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *t = PyTuple_Pack(1, obj);
    if (t == NULL)
        return NULL;
    PyObject *first = PyTuple_GET_ITEM(t, 0);
    int ok = first == obj;
    Py_DECREF(t);
    return PyBool_FromLong(ok);
}

/* Correct: the module is kept while its dictionary is used. */
static PyObject *
dict_while_module_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *mod = PyImport_ImportModule("math");
    if (mod == NULL)
        return NULL;
    PyObject *keys = PyDict_Keys(PyModule_GetDict(mod));
    Py_DECREF(mod);
    return keys;
}

/* Correct: the item is stored with its own reference before the owner goes. */
static PyObject *
store_before_release_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *out = PyList_New(1);
    if (out == NULL)
        return NULL;
    PyObject *src = PySequence_Tuple(args);
    if (src == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    if (PyTuple_GET_SIZE(src) == 0) {
        Py_DECREF(src);
        Py_DECREF(out);
        Py_RETURN_NONE;
    }
    PyList_SET_ITEM(out, 0, Py_NewRef(PyTuple_GET_ITEM(src, 0)));
    Py_DECREF(src);
    return out;
}

/* Correct: PyDict_Next's borrowed keys are used while the dict is alive. */
static PyObject *
dict_next_ok(PyObject *self, PyObject *dict)
{
    // expect-clean
    PyObject *copy = PyDict_Copy(dict);
    if (copy == NULL)
        return NULL;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    long n = 0;
    while (PyDict_Next(copy, &pos, &key, &value)) {
        if (PyObject_IsTrue(key) < 0) {
            Py_DECREF(copy);
            return NULL;
        }
        n++;
    }
    Py_DECREF(copy);
    return PyLong_FromLong(n);
}

static PyMethodDef methods[] = {
    {"item_after_list", item_after_list, METH_O, NULL},
    {"item_after_tuple", item_after_tuple, METH_O, NULL},
    {"value_after_dict", value_after_dict, METH_O, NULL},
    {"fast_item_after_release", fast_item_after_release, METH_O, NULL},
    {"append_after_clear", append_after_clear, METH_O, NULL},
    {"dict_after_module", dict_after_module, METH_NOARGS, NULL},
    {"incref_too_late", incref_too_late, METH_O, NULL},
    {"attr_after_release", attr_after_release, METH_O, NULL},
    {"compare_after_release", compare_after_release, METH_O, NULL},
    {"store_after_release", store_after_release, METH_VARARGS, NULL},
    {"item_after_list_ok", item_after_list_ok, METH_O, NULL},
    {"use_before_release_ok", use_before_release_ok, METH_O, NULL},
    {"from_argument_ok", from_argument_ok, METH_O, NULL},
    {"newref_first_ok", newref_first_ok, METH_O, NULL},
    {"loop_then_release_ok", loop_then_release_ok, METH_O, NULL},
    {"unused_after_release_ok", unused_after_release_ok, METH_O, NULL},
    {"dict_while_module_ok", dict_while_module_ok, METH_NOARGS, NULL},
    {"store_before_release_ok", store_before_release_ok, METH_VARARGS, NULL},
    {"dict_next_ok", dict_next_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef owner_released_module = {
    PyModuleDef_HEAD_INIT, "owner_released", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_owner_released(void)
{
    // expect-clean
    return PyModule_Create(&owner_released_module);
}
