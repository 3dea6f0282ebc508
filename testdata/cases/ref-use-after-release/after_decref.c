/* ref-use-after-release: using, returning or releasing again a reference after its last owned
 * reference went; and the correct patterns around it (Py_CLEAR, reassignment, correlated paths). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the string is used after it was released. */
static PyObject *
use_after_decref(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_DECREF(s);
    return PyObject_Repr(s);  // expect: ref-use-after-release
}

/* Bug: released twice. */
static PyObject *
double_decref(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_DECREF(s);
    Py_DECREF(s);  // expect: ref-use-after-release
    Py_RETURN_NONE;
}

/* Bug: the error path releases `item`, then falls into the cleanup that releases it again. */
static PyObject *
cleanup_twice(PyObject *self, PyObject *list)
{
    PyObject *item = PyLong_FromLong(1);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0) {
        Py_DECREF(item);
        goto error;
    }
    Py_DECREF(item);
    Py_RETURN_NONE;
error:
    Py_XDECREF(item);  // expect: ref-use-after-release
    return NULL;
}

/* Bug: a released reference is returned. */
static PyObject *
return_released(PyObject *self, PyObject *obj)
{
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    return r;  // expect: ref-use-after-release
}

/* Bug: the object is dereferenced after release. */
static PyObject *
type_after_release(PyObject *self, PyObject *obj)
{
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_DECREF(s);
    return PyUnicode_FromString(Py_TYPE(s)->tp_name);  // expect: ref-use-after-release
}

/* Bug: an alias of a released reference is appended. */
static PyObject *
alias_after_release(PyObject *self, PyObject *list)
{
    PyObject *n = PyLong_FromLong(100005);
    if (n == NULL)
        return NULL;
    PyObject *alias = n;
    Py_DECREF(n);
    if (PyList_Append(list, alias) < 0)  // expect: ref-use-after-release
        return NULL;
    Py_RETURN_NONE;
}

/* Bug: released on one branch, used after the branches join. */
static PyObject *
release_in_branch(PyObject *self, PyObject *args)
{
    PyObject *s = PyObject_Str(self);
    if (s == NULL)
        return NULL;
    if (PyTuple_GET_SIZE(args) == 0) {
        Py_DECREF(s);
    }
    PyObject *r = PyObject_Repr(s);  // expect: ref-use-after-release
    Py_DECREF(s);
    return r;
}

/* Correct: released, then the variable gets a new object. */
static PyObject *
reassign_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_DECREF(s);
    s = PyObject_Repr(obj);
    return s;
}

/* Correct: Py_CLEAR leaves NULL behind, and NULL is checked. */
static PyObject *
clear_then_check(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_CLEAR(s);
    if (s != NULL)
        return PyObject_Repr(s);
    Py_RETURN_NONE;
}

/* Correct: two references taken, two released. */
static PyObject *
two_refs_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_INCREF(s);
    Py_DECREF(s);
    PyObject *r = PyObject_Repr(s);
    Py_DECREF(s);
    return r;
}

/* Correct: the error path releases and returns; the success path still owns it. */
static PyObject *
correlated_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyLong_FromLong(1);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0) {
        Py_DECREF(item);
        return NULL;
    }
    return item;
}

/* Correct: cleanup releases each reference exactly once, resetting it to NULL. */
static PyObject *
cleanup_once_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyLong_FromLong(1);
    if (item == NULL)
        goto error;
    if (PyList_Append(list, item) < 0) {
        Py_CLEAR(item);
        goto error;
    }
    Py_DECREF(item);
    Py_RETURN_NONE;
error:
    Py_XDECREF(item);
    return NULL;
}

/* Correct: Py_SETREF releases the old value after storing the new one. */
static PyObject *
setref_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_SETREF(s, PyObject_Repr(s));
    if (s == NULL)
        return NULL;
    return s;
}

/* Correct: one object per iteration, released at the end of it. */
static PyObject *
loop_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    for (long i = 0; i < 4; i++) {
        PyObject *n = PyLong_FromLong(i);
        if (n == NULL)
            return NULL;
        if (PyList_Append(list, n) < 0) {
            Py_DECREF(n);
            return NULL;
        }
        Py_DECREF(n);
    }
    Py_RETURN_NONE;
}

/* Correct: the last use comes before the release. */
static PyObject *
release_last_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(s);
    Py_DECREF(s);
    return r;
}

/* Correct: conditionally created, unconditionally Py_XDECREF'd. */
static PyObject *
maybe_created_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = NULL;
    int truth = PyObject_IsTrue(obj);
    if (truth < 0)
        return NULL;
    if (truth) {
        s = PyObject_Str(obj);
        if (s == NULL)
            return NULL;
    }
    Py_XDECREF(s);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"use_after_decref", use_after_decref, METH_O, NULL},
    {"double_decref", double_decref, METH_O, NULL},
    {"cleanup_twice", cleanup_twice, METH_O, NULL},
    {"return_released", return_released, METH_O, NULL},
    {"type_after_release", type_after_release, METH_O, NULL},
    {"alias_after_release", alias_after_release, METH_O, NULL},
    {"release_in_branch", release_in_branch, METH_VARARGS, NULL},
    {"reassign_ok", reassign_ok, METH_O, NULL},
    {"clear_then_check", clear_then_check, METH_O, NULL},
    {"two_refs_ok", two_refs_ok, METH_O, NULL},
    {"correlated_ok", correlated_ok, METH_O, NULL},
    {"cleanup_once_ok", cleanup_once_ok, METH_O, NULL},
    {"setref_ok", setref_ok, METH_O, NULL},
    {"loop_ok", loop_ok, METH_O, NULL},
    {"release_last_ok", release_last_ok, METH_O, NULL},
    {"maybe_created_ok", maybe_created_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef after_decref_module = {
    PyModuleDef_HEAD_INIT, "after_decref", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_after_decref(void)
{
    // expect-clean
    return PyModule_Create(&after_decref_module);
}
