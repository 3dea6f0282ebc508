/* steal_released_on_failure.c — calls that steal an argument, made to fail.
 *
 * PyList_SetItem steals its item on success and on failure: a failing call has already released
 * it (rules data: `steal`). The oracle fails the call as CPython does, item released, so a caller
 * that releases the item again over-releases it. PyModule_AddObject steals only on success
 * (`steal-on-success`): when it fails the value is still the caller's, who must release it. */
#include <Python.h>

/* Wrong: after a failed PyList_SetItem the item is gone; releasing it again is one too many. */
static PyObject *
wrap_one(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    PyObject *item = PyFloat_FromDouble(2.5);
    if (item == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    if (PyList_SetItem(list, 0, item) < 0) {
        Py_DECREF(item);     /* oracle-expect: over-release wrap_one fault@21 */ // expect: ref-use-after-steal
        Py_DECREF(list);
        return NULL;
    }
    return list;
}

/* Right: the failed call released the item; only the list is ours. */
static PyObject *
wrap_one_fixed(PyObject *self, PyObject *Py_UNUSED(ignored))   /* oracle-ok: wrap_one_fixed */
{
    PyObject *tuple = PyTuple_New(1);
    if (tuple == NULL)
        return NULL;
    PyObject *item = PyFloat_FromDouble(2.5);
    if (item == NULL) {
        Py_DECREF(tuple);
        return NULL;
    }
    if (PyTuple_SetItem(tuple, 0, item) < 0) {
        Py_DECREF(tuple);
        return NULL;
    }
    return tuple;
}

/* Right in use: PyTuple_SetItem on a fresh tuple at index 0 cannot fail, so its result may go
 * untested. Failed in turn all the same, it leaves IndexError set under a returned tuple: not
 * reported, since the rules data say it fails only when misused (fails-on-bad-arg). */
static PyObject *
pack_unchecked(PyObject *self, PyObject *arg)   /* oracle-ok: pack_unchecked */
{
    PyObject *tuple = PyTuple_New(1);
    if (tuple == NULL)
        return NULL;
    Py_INCREF(arg);
    PyTuple_SetItem(tuple, 0, arg);
    return tuple;
}

static PyMethodDef methods[] = {
    {"wrap_one", wrap_one, METH_NOARGS, NULL},
    {"wrap_one_fixed", wrap_one_fixed, METH_NOARGS, NULL},
    {"pack_unchecked", pack_unchecked, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "snippet", NULL, -1, methods,
};

/* Wrong: when PyModule_AddObject fails, `version` is still ours and leaks. */
PyMODINIT_FUNC
PyInit_snippet(void)
{
    PyObject *m = PyModule_Create(&moddef);
    if (m == NULL)
        return NULL;
    PyObject *version = PyUnicode_FromString("1.0");   /* oracle-expect: leak PyInit_snippet fault@85 */
    if (version == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddObject(m, "version", version) < 0) {   // expect: api-prefer-strong
        Py_DECREF(m);
        return NULL;                                       // expect: ref-leak
    }
    return m;
}
