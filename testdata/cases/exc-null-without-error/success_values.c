/* What a -1-failing call returns on success is data (`succeeds zero|bool|count`, and
 * PyObject_Hash fails with -1 only): a test of the result knows which branch is the error. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Correct: -1 is the only failure of PyObject_Hash (a hash is never -1). */
static PyObject *
hash_of(PyObject *self, PyObject *arg)
{
    // expect-clean
    Py_hash_t h = PyObject_Hash(arg);
    if (h == -1)
        return NULL;
    return PyLong_FromSsize_t((Py_ssize_t)h);
}

/* Bug: PyDict_Contains returns 1 for a key it has: that is no error, and none is set. */
static PyObject *
reject_known(PyObject *self, PyObject *args)
{
    PyObject *d, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &d, &key))
        return NULL;
    int r = PyDict_Contains(d, key);
    if (r)
        return NULL;  // expect: exc-null-without-error
    Py_RETURN_NONE;
}
/* oracle: call reject_known({'a': 1}, 'a') */

/* Correct: PyList_Append returns 0 on success, so any non-zero result is its failure. */
static PyObject *
append(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *l, *x;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &l, &x))
        return NULL;
    if (PyList_Append(l, x))
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"hash_of", hash_of, METH_O, NULL},
    {"reject_known", reject_known, METH_VARARGS, NULL},
    {"append", append, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "success_values", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_success_values(void)
{
    return PyModule_Create(&mod);
}
