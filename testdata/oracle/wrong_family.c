/* wrong_family.c — memory freed by another allocator family than the one that allocated it.
 *
 * PyMem_Malloc'd memory must go back with PyMem_Free. CPython's debug hooks abort with "bad ID";
 * release builds work by accident while both families use pymalloc. */
#include <Python.h>

/* Wrong: PyMem_Malloc then PyObject_Free. */
static PyObject *
scratch(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    char *buf = PyMem_Malloc(64);
    if (buf == NULL)
        return PyErr_NoMemory();
    buf[0] = 'x';
    PyObject_Free(buf);                   /* oracle-expect: memory-error/wrong-family scratch normal */
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"scratch", scratch, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
