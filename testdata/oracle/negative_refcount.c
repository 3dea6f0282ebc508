/* negative_refcount.c — a count taken below zero.
 *
 * References to None that were never taken are released until its count reaches zero (an
 * over-release of None), then once more, below zero. The loop makes the case independent of how
 * many references the runtime itself holds to None. CPython 3.12+ does not notice (None is
 * immortal); 3.8-3.11 abort with "deallocating None" once the count reaches zero. */
#include <Python.h>

/* Wrong: references to None released that were never taken, down to zero and below. */
static PyObject *
forget_none(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    for (Py_ssize_t n = Py_REFCNT(Py_None); n > 1; n--)
        Py_DECREF(Py_None);               // expect: ref-use-after-release
    Py_DECREF(Py_None);                   /* oracle-expect: over-release forget_none normal */
    Py_DECREF(Py_None);                   /* oracle-expect: negative-refcount forget_none normal */
    return PyLong_FromLong(0);
}

static PyMethodDef methods[] = {
    {"forget_none", forget_none, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
