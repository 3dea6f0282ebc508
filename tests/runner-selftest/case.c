#include <Python.h>

static PyObject *
leaky(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    PyObject *item = PyLong_FromLong(1);
    if (PyList_Append(list, item) < 0)  // expect: ref-leak
        return NULL;
    return list;  // expect: ref-leak
}

static PyObject *
fine(PyObject *self, PyObject *args)
{
    // expect-clean
    if (args == NULL) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
borrowed(PyObject *self, PyObject *list)
{
    PyObject *x = PyList_GetItem(list, 0);
    Py_DECREF(x);  // expect: ref-release-borrowed, ref-use-after-release
    Py_RETURN_NONE;
}
