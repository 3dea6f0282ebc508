/* exit_midway.c — a snippet that ends the process.
 *
 * exit() in the middle of a call is a crash of the interpreter: the run never reaches its checks,
 * and the verdict is "crash" (the process exited). */
#include <Python.h>
#include <stdlib.h>

static PyObject *
quit_now(PyObject *self, PyObject *Py_UNUSED(ignored))    /* oracle-expect: crash/exit quit_now normal */
{
    exit(3);
}

static PyMethodDef methods[] = {
    {"quit_now", quit_now, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
