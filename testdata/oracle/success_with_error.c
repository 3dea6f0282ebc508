/* success_with_error.c — a result returned while an exception is set.
 *
 * When PyList_New fails, MemoryError is set; make_or_none() returns None anyway, so the caller
 * gets a result with an exception pending (SystemError in CPython). Only a failure reaches it. */
#include <Python.h>

/* Wrong: the failure of PyList_New is swallowed without clearing its exception. */
static PyObject *
make_or_none(PyObject *self, PyObject *Py_UNUSED(ignored))   /* oracle-expect: success-with-error make_or_none fault@11 */
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        Py_RETURN_NONE;                   // expect: exc-success-with-error
    return list;
}

static PyMethodDef methods[] = {
    {"make_or_none", make_or_none, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
