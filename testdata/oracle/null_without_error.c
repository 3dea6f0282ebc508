/* null_without_error.c — NULL returned with no exception set.
 *
 * first_item() returns NULL for an empty sequence without raising anything: CPython turns that
 * into SystemError ("error return without exception set"). */
#include <Python.h>

/* Wrong: the empty case returns NULL without an exception. */
static PyObject *
first_item(PyObject *self, PyObject *arg)     /* oracle-expect: null-without-error first_item normal */
{
    if (!PyList_Check(arg) || PyList_GET_SIZE(arg) == 0)
        return NULL;                          // expect: exc-null-without-error
    return Py_NewRef(PyList_GET_ITEM(arg, 0));
}

static PyMethodDef methods[] = {
    {"first_item", first_item, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
