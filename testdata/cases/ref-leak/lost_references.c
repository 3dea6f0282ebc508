/* ref-leak where a reference is lost outright: passed to a call that does not steal it, overwritten,
 * or still owned when a void function ends. Also the traps that are not leaks: fields, globals,
 * out-parameters, stealing calls. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *cache;

/* Bug: PyList_Append does not steal; the temporary integer is never released. */
static PyObject *
append_temporary(PyObject *self, PyObject *list)
{
    if (PyList_Append(list, PyLong_FromLong(1007)) < 0)  // expect: ref-leak, null-unchecked
        return NULL;
    Py_RETURN_NONE;
}

/* Bug: the first string is overwritten while still owned. */
static PyObject *
overwrite(PyObject *self, PyObject *unused)
{
    PyObject *s = PyUnicode_FromString("first");
    if (s == NULL)
        return NULL;
    s = PyUnicode_FromString("second");  // expect: ref-leak
    return s;
}

/* Bug: a void function ends while it still owns the repr. */
static void
log_repr(PyObject *obj)
{
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL) {
        PyErr_Clear();
        return;
    }
    fprintf(stderr, "%s\n", PyUnicode_AsUTF8(r));
}  // expect: ref-leak

/* Bug: each iteration's number is appended but never released; the next iteration overwrites it. */
static PyObject *
loop_leak(PyObject *self, PyObject *list)
{
    for (long i = 0; i < 10; i++) {
        PyObject *n = PyLong_FromLong(i);  // expect: ref-leak
        if (n == NULL)
            return NULL;
        if (PyList_Append(list, n) < 0)
            return NULL;  // expect: ref-leak
    }
    Py_RETURN_NONE;
}

/* Bug: Py_BuildValue's "O" takes its own reference; the tuple's item leaks. */
static PyObject *
build_with_O(PyObject *self, PyObject *unused)
{
    PyObject *v = PyLong_FromLong(1003);
    if (v == NULL)
        return NULL;
    return Py_BuildValue("(O)", v);  // expect: ref-leak
}

/* Correct: "N" steals the reference. */
static PyObject *
build_with_N(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *v = PyLong_FromLong(3);
    if (v == NULL)
        return NULL;
    return Py_BuildValue("(N)", v);
}

/* Correct: the reference moves into a struct field. */
typedef struct {
    PyObject_HEAD
    PyObject *value;
} Box;

static int
box_set(Box *self, long v)
{
    // expect-clean
    PyObject *n = PyLong_FromLong(v);
    if (n == NULL)
        return -1;
    Py_XSETREF(self->value, n);
    return 0;
}

/* Correct: stored into a global cache. */
static PyObject *
fill_cache(PyObject *self, PyObject *unused)
{
    // expect-clean
    if (cache == NULL) {
        cache = PyDict_New();
        if (cache == NULL)
            return NULL;
    }
    return Py_NewRef(cache);
}

/* Correct: handed to the caller through an out-parameter. */
static int
make_name(PyObject **out)
{
    // expect-clean
    PyObject *s = PyUnicode_FromString("name");
    if (s == NULL)
        return -1;
    *out = s;
    return 0;
}

/* Correct: PyList_SET_ITEM and PyTuple_SetItem steal. */
static PyObject *
fill_containers(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    PyList_SET_ITEM(list, 0, n);
    PyObject *t = PyTuple_New(1);
    if (t == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    if (PyTuple_SetItem(t, 0, list) < 0) {
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

/* Correct: a loop that releases each item. */
static PyObject *
loop_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *name = NULL;
    for (long i = 0; i < 10; i++) {
        PyObject *n = PyLong_FromLong(i);
        if (n == NULL)
            return NULL;
        int rc = PyList_Append(list, n);
        Py_DECREF(n);
        if (rc < 0)
            return NULL;
    }
    if (make_name(&name) < 0)
        return NULL;
    return name;
}

/* Correct: Py_SETREF replaces an owned local. */
static PyObject *
setref_local(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    Py_SETREF(s, PyObject_Repr(s));
    return s;
}

static PyMethodDef methods[] = {
    {"append_temporary", append_temporary, METH_O, NULL},
    {"overwrite", overwrite, METH_NOARGS, NULL},
    {"loop_leak", loop_leak, METH_O, NULL},
    {"build_with_O", build_with_O, METH_NOARGS, NULL},
    {"build_with_N", build_with_N, METH_NOARGS, NULL},
    {"fill_cache", fill_cache, METH_NOARGS, NULL},
    {"fill_containers", fill_containers, METH_NOARGS, NULL},
    {"loop_ok", loop_ok, METH_O, NULL},
    {"setref_local", setref_local, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

void use_unused(Box *b, PyObject *o);
void use_unused(Box *b, PyObject *o) { log_repr(o); box_set(b, 1); }

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef lost_references_module = {
    PyModuleDef_HEAD_INIT, "lost_references", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_lost_references(void)
{
    // expect-clean
    return PyModule_Create(&lost_references_module);
}
