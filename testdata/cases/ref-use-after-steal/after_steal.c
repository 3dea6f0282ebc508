/* ref-use-after-steal: releasing (or stealing again) a reference a call already took, or using it
 * after its new owner went away; and the correct uses of stealing calls. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyTuple_SET_ITEM stole `s`; releasing it again over-releases the tuple's item. */
static PyObject *
set_item_then_decref(PyObject *self, PyObject *obj)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, s);
    Py_DECREF(s);  // expect: ref-use-after-steal
    return t;
}

/* Bug: PyList_SetItem steals too. */
static PyObject *
list_setitem_then_decref(PyObject *self, PyObject *list)
{
    PyObject *n = PyLong_FromLong(0);
    if (n == NULL)
        return NULL;
    if (PyList_SetItem(list, 0, n) < 0)
        return NULL;
    Py_DECREF(n);  // expect: ref-use-after-steal
    Py_RETURN_NONE;
}

/* Bug: PyTuple_SetItem steals even when it fails; the error path releases it again. */
static PyObject *
tuple_setitem_error_path(PyObject *self, PyObject *obj)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    if (PyTuple_SetItem(t, 0, s) < 0) {
        Py_XDECREF(s);  // expect: ref-use-after-steal
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

/* Bug: "N" steals; the caller must not release it afterwards. */
static PyObject *
build_N_then_decref(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    PyObject *r = Py_BuildValue("(N)", s);
    Py_DECREF(s);  // expect: ref-use-after-steal
    return r;
}

/* Bug: the same reference stolen twice. */
static PyObject *
steal_twice(PyObject *self, PyObject *obj)
{
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, s);
    PyTuple_SET_ITEM(t, 1, s);  // expect: ref-use-after-steal
    return t;
}

/* Bug: the tuple that owns the stolen item is released, then the item is used. */
static PyObject *
use_after_owner_gone(PyObject *self, PyObject *obj)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, s);
    Py_DECREF(t);
    return PyObject_Repr(s);  // expect: ref-use-after-steal
}

/* A helper that consumes its argument (its summary: steals it). */
static void
sink(PyObject *obj)
{
    // expect-clean
    Py_DECREF(obj);
}

/* Bug: sink() took the reference. */
static PyObject *
release_after_sink(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    sink(s);
    Py_DECREF(s);  // expect: ref-use-after-steal
    Py_RETURN_NONE;
}

/* Bug: PyModule_AddObject stole `v` on success. */
static int
add_then_release(PyObject *module)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return -1;
    if (PyModule_AddObject(module, "one", v) < 0) {  // expect: api-prefer-strong
        Py_DECREF(v);
        return -1;
    }
    Py_DECREF(v);  // expect: ref-use-after-steal
    return 0;
}

/* Correct: the tuple owns the item; nothing else to release. */
static PyObject *
set_item_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, s);
    return t;
}

/* Correct: a reference of our own is taken before the steal and released after. */
static PyObject *
incref_before_steal_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    Py_INCREF(s);
    PyTuple_SET_ITEM(t, 0, s);
    PyObject *r = PyObject_Repr(s);
    Py_DECREF(s);
    Py_DECREF(t);
    return r;
}

/* Correct: the stolen item is used (borrowed from the live tuple). */
static PyObject *
use_while_owner_alive_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, s);
    if (PyObject_Print(s, stdout, 0) < 0) {
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

/* Correct: PyList_SetItem steals even on failure; only the list is released. */
static PyObject *
setitem_failure_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *l = PyList_New(1);
    if (l == NULL)
        return NULL;
    PyObject *n = PyLong_FromLong(3);
    if (n == NULL) {
        Py_DECREF(l);
        return NULL;
    }
    if (PyList_SetItem(l, 0, n) < 0) {
        Py_DECREF(l);
        return NULL;
    }
    return l;
}

/* Correct: PyModule_AddObjectRef does not steal; the reference is ours to release. */
static int
add_ref_ok(PyObject *module)
{
    // expect-clean
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return -1;
    int rc = PyModule_AddObjectRef(module, "one", v);
    Py_DECREF(v);
    return rc;
}

/* Correct: "N" hands over the reference; nothing left to do. */
static PyObject *
build_N_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    return Py_BuildValue("(Ni)", s, 1);
}

/* Correct: PyTuple_Pack does not steal; both items are released after. */
static PyObject *
pack_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *a = PyObject_Str(obj);
    if (a == NULL)
        return NULL;
    PyObject *b = PyObject_Repr(obj);
    if (b == NULL) {
        Py_DECREF(a);
        return NULL;
    }
    PyObject *t = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return t;
}

/* Correct: stolen, then the variable is reused for a new object. */
static PyObject *
reuse_variable_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *s = PyObject_Str(obj);
    if (s == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, s);
    s = PyObject_Repr(t);
    Py_DECREF(t);
    return s;
}

/* Correct: building a list item by item. */
static PyObject *
build_list_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *l = PyList_New(3);
    if (l == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < 3; i++) {
        PyObject *n = PyLong_FromSsize_t(i);
        if (n == NULL) {
            Py_DECREF(l);
            return NULL;
        }
        PyList_SET_ITEM(l, i, n);
    }
    return l;
}

/* Correct: the helper consumes; nothing is used after. */
static PyObject *
sink_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    sink(s);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"set_item_then_decref", set_item_then_decref, METH_O, NULL},
    {"list_setitem_then_decref", list_setitem_then_decref, METH_O, NULL},
    {"tuple_setitem_error_path", tuple_setitem_error_path, METH_O, NULL},
    {"build_N_then_decref", build_N_then_decref, METH_O, NULL},
    {"steal_twice", steal_twice, METH_O, NULL},
    {"use_after_owner_gone", use_after_owner_gone, METH_O, NULL},
    {"release_after_sink", release_after_sink, METH_O, NULL},
    {"set_item_ok", set_item_ok, METH_O, NULL},
    {"incref_before_steal_ok", incref_before_steal_ok, METH_O, NULL},
    {"use_while_owner_alive_ok", use_while_owner_alive_ok, METH_O, NULL},
    {"setitem_failure_ok", setitem_failure_ok, METH_NOARGS, NULL},
    {"build_N_ok", build_N_ok, METH_O, NULL},
    {"pack_ok", pack_ok, METH_O, NULL},
    {"reuse_variable_ok", reuse_variable_ok, METH_O, NULL},
    {"build_list_ok", build_list_ok, METH_NOARGS, NULL},
    {"sink_ok", sink_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

int touch_module(PyObject *m);
int touch_module(PyObject *m) { return add_then_release(m) + add_ref_ok(m); }

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef after_steal_module = {
    PyModuleDef_HEAD_INIT, "after_steal", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_after_steal(void)
{
    // expect-clean
    return PyModule_Create(&after_steal_module);
}
