/* null-unchecked: Py_DECREF of a variable that is still NULL on some path (initialised to NULL
 * and set only under a condition, or already cleared). Py_XDECREF accepts NULL; Py_DECREF does
 * not. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: 'text' stays NULL when the object is false. */
static PyObject *
describe_if_true(PyObject *self, PyObject *obj)
{
    PyObject *text = NULL;
    int truth = PyObject_IsTrue(obj);
    if (truth < 0)
        return NULL;
    if (truth) {
        text = PyObject_Repr(obj);
        if (text == NULL)
            return NULL;
    }
    Py_DECREF(text);  // expect: null-unchecked
    Py_RETURN_NONE;
}
/* oracle: call describe_if_true(0) */

/* Right: Py_XDECREF. */
static PyObject *
describe_if_true_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *text = NULL;
    int truth = PyObject_IsTrue(obj);
    if (truth < 0)
        return NULL;
    if (truth) {
        text = PyObject_Repr(obj);
        if (text == NULL)
            return NULL;
    }
    Py_XDECREF(text);
    Py_RETURN_NONE;
}
/* oracle: call describe_if_true_ok(0) */

/* Bug: released twice, the second time after Py_CLEAR left it NULL. */
static PyObject *
clear_then_decref(PyObject *self, PyObject *obj)
{
    PyObject *text = PyObject_Str(obj);
    if (text == NULL)
        return NULL;
    Py_ssize_t n = PyUnicode_GetLength(text);
    Py_CLEAR(text);
    Py_DECREF(text);  // expect: null-unchecked
    return PyLong_FromSsize_t(n);
}
/* oracle: call clear_then_decref('abc') */

/* Right: the flag and the reference are tested together. */
static PyObject *
flag_follows_value_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *text = NULL;
    int truth = PyObject_IsTrue(obj);
    if (truth < 0)
        return NULL;
    if (truth) {
        text = PyObject_Repr(obj);
        if (text == NULL)
            return NULL;
    }
    if (truth)
        Py_DECREF(text);
    Py_RETURN_NONE;
}
/* oracle: call flag_follows_value_ok(1) */

static PyMethodDef decref_null_methods[] = {
    {"describe_if_true", describe_if_true, METH_O, NULL},
    {"describe_if_true_ok", describe_if_true_ok, METH_O, NULL},
    {"clear_then_decref", clear_then_decref, METH_O, NULL},
    {"flag_follows_value_ok", flag_follows_value_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef decref_null_module = {
    PyModuleDef_HEAD_INIT, "decref_null", NULL, -1, decref_null_methods,
};

PyMODINIT_FUNC
PyInit_decref_null(void)
{
    // expect-clean
    return PyModule_Create(&decref_null_module);
}
