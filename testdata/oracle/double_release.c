/* double_release.c — an object released twice.
 *
 * The second Py_DECREF reaches an object the first one freed: an over-release, seen at the
 * second release. */
#include <Python.h>

/* Wrong: `item` is released twice. */
static PyObject *
drop_twice(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *item = PyLong_FromLong(100000);
    if (item == NULL)
        return NULL;
    Py_DECREF(item);
    Py_DECREF(item);                      /* oracle-expect: over-release drop_twice normal */  // expect: ref-use-after-release
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"drop_twice", drop_twice, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
