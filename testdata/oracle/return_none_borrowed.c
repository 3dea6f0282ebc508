/* return_none_borrowed.c — `return Py_None;` without a reference of its own.
 *
 * The caller releases the result, so every call takes one reference from None that was never
 * given. In CPython 3.8-3.11 the count of None drifts down until "Fatal Python error: deallocating
 * None"; from 3.12 None is immortal and nothing happens. The runtime starts None's count at 1, so
 * the oracle sees it on the first call. */
#include <Python.h>

/* Wrong: Py_None is returned borrowed; Py_RETURN_NONE is the fix. */
static PyObject *
reset(PyObject *self, PyObject *Py_UNUSED(ignored))   /* oracle-expect: over-release reset normal */
{
    return Py_None;     // expect: ref-return-borrowed
}

/* Right: a new reference to None. */
static PyObject *
reset_fixed(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_NONE;
}

/* The table needs PyMethodDef, which the reference runtime gains with its C-API (issue 4): until
 * then the oracle finds the functions without it. */
#ifdef METH_NOARGS
static PyMethodDef methods[] = {
    {"reset", reset, METH_NOARGS, NULL},
    {"reset_fixed", reset_fixed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
#endif
