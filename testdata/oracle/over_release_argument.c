/* over_release_argument.c — releasing a borrowed argument.
 *
 * The argument of a METH_O function is borrowed: the caller keeps its reference. consume()
 * releases it anyway, so after the call the argument has one reference less than before (the
 * oracle holds its own reference, so the object survives to be measured). */
#include <Python.h>

/* Wrong: `arg` is borrowed. */
static PyObject *
consume(PyObject *self, PyObject *arg)    /* oracle-expect: over-release consume normal */
{
    Py_DECREF(arg);                       // expect: ref-release-borrowed
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"consume", consume, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
