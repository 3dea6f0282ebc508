/* ref-leak: a member of a C struct (an encoder's or iterator's context) is overwritten while it
 * holds a new reference the same path stored there. Nothing else holds that reference, so it is
 * lost. Fixed code keeps the old value in a variable and releases it after the store
 * (Py_SETREF does the same). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *iterator;
    PyObject *name;      /* the current key, as bytes: owned, released by the next step */
} KeyWalk;

/* Bug: the str from PyIter_Next() is replaced by its encoding and never released. */
static int
walk_next(KeyWalk *w)
{
    Py_CLEAR(w->name);
    w->name = PyIter_Next(w->iterator);
    if (w->name == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (PyUnicode_Check(w->name)) {
        w->name = PyUnicode_AsUTF8String(w->name);  // expect: ref-leak
        if (w->name == NULL) {
            return -1;
        }
    }
    return 1;
}

/* Right: the str is held in a variable and released once the bytes are stored. */
static int
walk_next_ok(KeyWalk *w)
{
    // expect-clean
    PyObject *key;
    Py_CLEAR(w->name);
    w->name = PyIter_Next(w->iterator);
    if (w->name == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (PyUnicode_Check(w->name)) {
        key = w->name;
        w->name = PyUnicode_AsUTF8String(key);
        Py_DECREF(key);
        if (w->name == NULL) {
            return -1;
        }
    }
    else if (w->name == Py_None) {
        /* the reference PyIter_Next() returned is None's: released as Py_None */
        w->name = PyBytes_FromString("null");
        Py_DECREF(Py_None);
        if (w->name == NULL) {
            return -1;
        }
    }
    return 1;
}

#define UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Right: the test of the old value is wrapped in a branch hint; it is still the test. */
static int
walk_next_hinted_ok(KeyWalk *w)
{
    // expect-clean
    Py_CLEAR(w->name);
    w->name = PyIter_Next(w->iterator);
    if (w->name == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (UNLIKELY(w->name == Py_None)) {
        w->name = PyBytes_FromString("null");
        Py_DECREF(Py_None);
        return w->name == NULL ? -1 : 1;
    }
    return 1;
}

/* Right: a helper of the file sees the struct in between; it may have released the member. */
static void
walk_reset(KeyWalk *w)
{
    // expect-clean
    Py_CLEAR(w->name);
}

static int
walk_restart(KeyWalk *w, PyObject *obj)
{
    // expect-clean
    w->name = PyObject_Str(obj);
    if (w->name == NULL) {
        return -1;
    }
    walk_reset(w);
    w->name = PyObject_Repr(obj);
    return w->name == NULL ? -1 : 0;
}

/* Bug: each round of the goto loop stores the converted value over the previous one. */
static PyObject *
resolve(PyObject *self, PyObject *obj)
{
    PyObject *result;
    int level = 0;
    KeyWalk w = {NULL, NULL};
again:
    if (PyLong_Check(obj) || level >= 3) {
        result = PyLong_FromLong(level);
        Py_XDECREF(w.name);
        return result;
    }
    result = PyObject_Str(obj);
    if (result == NULL) {
        Py_XDECREF(w.name);
        return NULL;
    }
    obj = w.name = result;  // expect: ref-leak
    level++;
    goto again;
}
/* oracle: call resolve('abc') */

static PyObject *
count_keys(PyObject *self, PyObject *obj)
{
    // expect-clean
    KeyWalk w = {NULL, NULL};
    Py_ssize_t n = 0;
    int r;
    w.iterator = PyObject_GetIter(obj);
    if (w.iterator == NULL) {
        return NULL;
    }
    while ((r = walk_next(&w)) > 0) {
        n++;
    }
    Py_CLEAR(w.name);
    Py_DECREF(w.iterator);
    if (r < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(n);
}
/* oracle: call count_keys(['alpha', 'beta']) */

static PyObject *
count_keys_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    KeyWalk w = {NULL, NULL};
    Py_ssize_t n = 0;
    int r;
    w.iterator = PyObject_GetIter(obj);
    if (w.iterator == NULL) {
        return NULL;
    }
    while ((r = walk_next_ok(&w)) > 0) {
        n++;
    }
    Py_CLEAR(w.name);
    if (r == 0) {
        Py_DECREF(w.iterator);
        w.iterator = PyObject_GetIter(obj);
        if (w.iterator == NULL) {
            return NULL;
        }
        while ((r = walk_next_hinted_ok(&w)) > 0) {
            n++;
        }
    }
    Py_CLEAR(w.name);
    Py_DECREF(w.iterator);
    if (r < 0) {
        return NULL;
    }
    if (walk_restart(&w, obj) < 0) {
        return NULL;
    }
    Py_CLEAR(w.name);
    return PyLong_FromSsize_t(n);
}
/* oracle: call count_keys_ok(['alpha', None]) */

static PyMethodDef field_overwrite_methods[] = {
    {"count_keys", count_keys, METH_O, NULL},
    {"count_keys_ok", count_keys_ok, METH_O, NULL},
    {"resolve", resolve, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef field_overwrite_module = {
    PyModuleDef_HEAD_INIT, "field_overwrite", NULL, -1, field_overwrite_methods,
};

PyMODINIT_FUNC
PyInit_field_overwrite(void)
{
    // expect-clean
    return PyModule_Create(&field_overwrite_module);
}
