/* use_after_free.c — a reference used after its object was freed.
 *
 * The list is released, and its count is then taken again: the object is already in the
 * quarantine (poisoned), so the Py_INCREF is a use after free. */
#include <Python.h>

/* Wrong: `list` is used after its last reference was released. */
static PyObject *
recycle(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    Py_DECREF(list);
    Py_INCREF(list);                      /* oracle-expect: use-after-free recycle normal */  // expect: ref-use-after-release
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"recycle", recycle, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
