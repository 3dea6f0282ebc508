/* crash_on_error_path.c — a crash that only a failure reaches.
 *
 * label() does not check PyUnicode_FromString: when it fails, Py_SIZE reads through NULL. The
 * normal runs are clean; the runs that fail the string's allocation (or the call itself) die of
 * SIGSEGV, and the report gives a schedule to replay. */
#include <Python.h>

/* Wrong: `name` is not checked for NULL. */
static PyObject *
label(PyObject *self, PyObject *Py_UNUSED(ignored))      /* oracle-expect: crash/signal label fault */
{
    PyObject *name = PyUnicode_FromString("label");
    Py_ssize_t n = Py_SIZE(name);                        // expect: null-unchecked
    Py_DECREF(name);
    return PyLong_FromSsize_t(n);
}

static PyMethodDef methods[] = {
    {"label", label, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
