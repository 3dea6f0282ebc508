/* endless_loop.c — a call that never returns.
 *
 * The run is stopped by its wall-clock limit (--timeout) and the verdict is "timeout"; the
 * process group is killed, so nothing keeps spinning after the oracle returns. */
/* oracle-flags: --timeout 0.5 */
#include <Python.h>

static PyObject *
spin(PyObject *self, PyObject *Py_UNUSED(ignored))     /* oracle-expect: timeout spin normal */
{
    for (volatile unsigned long i = 0;; i++) {
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"spin", spin, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
