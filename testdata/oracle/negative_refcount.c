/* negative_refcount.c — a count taken below zero.
 *
 * None starts with a count of 1 in the runtime; releasing it twice takes the count to zero (an
 * over-release of None), then below zero. CPython 3.12+ does not notice (None is immortal);
 * 3.8-3.11 abort with "deallocating None" once the count reaches zero. */
#include <Python.h>

/* Wrong: two references to None released that were never taken. */
static PyObject *
forget_none(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_DECREF(Py_None);                   /* oracle-expect: over-release forget_none normal */
    Py_DECREF(Py_None);                   /* oracle-expect: negative-refcount forget_none normal */  // expect: ref-use-after-release
    return PyLong_FromLong(0);
}

static PyMethodDef methods[] = {
    {"forget_none", forget_none, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
