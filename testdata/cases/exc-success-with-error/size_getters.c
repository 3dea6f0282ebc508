/* Size getters fail only on a bad argument (rules flag `fails-on-bad-arg`): PyTuple_Size(args) in
 * a METH_VARARGS method cannot fail, so an unchecked size is no pending exception. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Correct: args is a tuple. */
static PyObject *
count_args(PyObject *self, PyObject *args)
{
    // expect-clean
    Py_ssize_t n = PyTuple_Size(args);
    return PyLong_FromSsize_t(n);
}

/* Correct: the checked form; its failure branch raises. */
static PyObject *
count_checked(PyObject *self, PyObject *arg)
{
    // expect-clean
    Py_ssize_t n = PyList_Size(arg);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}

/* Bug: PyObject_Size runs __len__, which can fail at any time; the error is left pending. */
static PyObject *
length(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = PyObject_Size(arg);
    return PyLong_FromSsize_t(n);  // expect: exc-success-with-error
}

/* Bug: PyModule_Add allocates (it is no bad-argument-only call): its failure is not checked. */
static PyObject *
add_it(PyObject *self, PyObject *module)
{
    PyModule_Add(module, "x", PyLong_FromLong(1));
    Py_RETURN_NONE;  // expect: exc-success-with-error
}

static PyMethodDef methods[] = {
    {"count_args", count_args, METH_VARARGS, NULL},
    {"count_checked", count_checked, METH_O, NULL},
    {"length", length, METH_O, NULL},
    {"add_it", add_it, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "size_getters", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_size_getters(void)
{
    return PyModule_Create(&mod);
}
