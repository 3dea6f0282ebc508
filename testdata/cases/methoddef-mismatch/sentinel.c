/* methoddef-mismatch: a method table without its {NULL, NULL, 0, NULL} sentinel (reported on the
 * last entry), and tables that end correctly, including a zero-filled tail. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
ping(PyObject *self, PyObject *unused)
{
    // expect-clean
    Py_RETURN_NONE;
}

static PyMethodDef missing_sentinel[] = {
    {"ping", ping, METH_NOARGS, NULL},
    {"pong", ping, METH_NOARGS, NULL},  // expect: methoddef-mismatch
};

static PyMethodDef with_sentinel[] = {
    {"ping", ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef short_sentinel[] = {
    {"ping", ping, METH_NOARGS, NULL},
    {NULL},
};

static PyMethodDef zero_tail[3] = {
    {"ping", ping, METH_NOARGS, NULL},
    {"pong", ping, METH_NOARGS, NULL},
};

static PyMethodDef designated[] = {
    {.ml_name = "ping", .ml_meth = ping, .ml_flags = METH_NOARGS},
    {0},
};
