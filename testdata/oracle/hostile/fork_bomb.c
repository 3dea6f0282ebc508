/* fork_bomb.c — a snippet that tries to multiply.
 *
 * Every fork is refused inside the oracle's sandbox (seccomp), so the function returns None: the
 * verdict is "ok". A fork that got through would make it return NULL without an exception, and
 * the case would fail with null-without-error. */
#include <Python.h>
#include <unistd.h>

static PyObject *
multiply(PyObject *self, PyObject *Py_UNUSED(ignored))     /* oracle-ok: multiply */
{
    int started = 0;
    for (int i = 0; i < 1000; i++) {
        pid_t pid = fork();
        if (pid == 0)
            for (;;)
                pause();
        if (pid > 0)
            started++;
    }
    if (started)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"multiply", multiply, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
