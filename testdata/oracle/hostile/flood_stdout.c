/* flood_stdout.c — a snippet that writes to stdout without end.
 *
 * The run's output is captured and capped; past the cap the run is stopped with the verdict
 * "output-limit". */
#include <Python.h>
#include <stdio.h>

static PyObject *
chatter(PyObject *self, PyObject *Py_UNUSED(ignored))     /* oracle-expect: output-limit chatter normal */
{
    for (;;)
        fputs("spam spam spam spam spam spam spam spam\n", stdout);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"chatter", chatter, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
