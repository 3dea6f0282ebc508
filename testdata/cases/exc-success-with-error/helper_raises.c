/* exc-success-with-error in a helper: a static function that ignores a failure and returns an
 * object while the exception is still set; whoever returns that object to Python raises
 * SystemError ("returned a result with an exception set"). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyDict_DelItem fails when the key is absent (KeyError), and the failure is ignored. */
static PyObject *
forget_and_count(PyObject *dict, PyObject *key)
{
    PyDict_DelItem(dict, key);
    return PyLong_FromSsize_t(PyDict_Size(dict));  // expect: exc-success-with-error
}

static PyObject *
forget(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *dict, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &dict, &key))
        return NULL;
    return forget_and_count(dict, key);
}
/* oracle: call forget({}, 'absent') */

/* Right: a missing key is not an error here, and says so. */
static PyObject *
forget_and_count_ok(PyObject *dict, PyObject *key)
{
    // expect-clean
    if (PyDict_DelItem(dict, key) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_KeyError))
            return NULL;
        PyErr_Clear();
    }
    return PyLong_FromSsize_t(PyDict_Size(dict));
}

static PyObject *
forget_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *dict, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &dict, &key))
        return NULL;
    return forget_and_count_ok(dict, key);
}
/* oracle: call forget_ok({}, 'absent') */

static PyMethodDef helper_raises_methods[] = {
    {"forget", forget, METH_VARARGS, NULL},
    {"forget_ok", forget_ok, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef helper_raises_module = {
    PyModuleDef_HEAD_INIT, "helper_raises", NULL, -1, helper_raises_methods,
};

PyMODINIT_FUNC
PyInit_helper_raises(void)
{
    // expect-clean
    return PyModule_Create(&helper_raises_module);
}
