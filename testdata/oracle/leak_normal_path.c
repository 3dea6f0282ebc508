/* leak_normal_path.c — a leak on every call.
 *
 * describe() builds a tuple for its message and never releases it. The normal run shows it, so
 * the report says "on the normal path", with the tuple's allocation site. */
#include <Python.h>

/* Wrong: `pair` is never released. */
static PyObject *
describe(PyObject *self, PyObject *arg)
{
    PyObject *pair = PyTuple_Pack(2, arg, arg);   /* oracle-expect: leak describe normal */
    if (pair == NULL)
        return NULL;
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(pair));   // expect: ref-leak
}

static PyMethodDef methods[] = {
    {"describe", describe, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
