/* methoddef-mismatch: PyMethodDef entries whose METH_* flags call the function with another
 * number of parameters than it declares (reported on the entry's line). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* METH_NOARGS functions take (self, unused). */
static PyObject *
noargs_three(PyObject *self, PyObject *a, PyObject *b)
{
    Py_RETURN_NONE;
}

/* METH_VARARGS | METH_KEYWORDS functions take (self, args, kwargs). */
static PyObject *
kw_two(PyObject *self, PyObject *args)
{
    Py_RETURN_NONE;
}

/* METH_O functions take (self, arg). */
static PyObject *
o_one(PyObject *self)
{
    Py_RETURN_NONE;
}

/* METH_FASTCALL functions take (self, args, nargs). */
static PyObject *
fast_two(PyObject *self, PyObject *arg)
{
    Py_RETURN_NONE;
}

/* METH_VARARGS functions take (self, args). */
static PyObject *
varargs_four(PyObject *self, PyObject *args, PyObject *kwargs, PyObject *extra)
{
    Py_RETURN_NONE;
}

/* Correct signatures for each convention. */
static PyObject *
noargs_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    Py_RETURN_NONE;
}

static PyObject *
o_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    return Py_NewRef(arg);
}

static PyObject *
kw_ok(PyObject *self, PyObject *args, PyObject *kwargs)
{
    // expect-clean
    Py_RETURN_NONE;
}

static PyObject *
fast_ok(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    // expect-clean
    return PyLong_FromSsize_t(nargs);
}

static PyObject *
fast_kw_ok(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    // expect-clean
    return PyLong_FromSsize_t(nargs);
}

static PyMethodDef methods[] = {
    {"noargs_three", (PyCFunction)(void (*)(void))noargs_three, METH_NOARGS, NULL},  // expect: methoddef-mismatch
    {"kw_two", (PyCFunction)(void (*)(void))kw_two, METH_VARARGS | METH_KEYWORDS, NULL},  // expect: methoddef-mismatch
    {"o_one", (PyCFunction)(void (*)(void))o_one, METH_O, NULL},  // expect: methoddef-mismatch
    {"fast_two", (PyCFunction)(void (*)(void))fast_two, METH_FASTCALL, NULL},  // expect: methoddef-mismatch
    {"varargs_four", (PyCFunction)(void (*)(void))varargs_four, METH_VARARGS, NULL},  // expect: methoddef-mismatch
    {"noargs_ok", noargs_ok, METH_NOARGS, NULL},
    {"o_ok", o_ok, METH_O, NULL},
    {"kw_ok", (PyCFunction)(void (*)(void))kw_ok, METH_VARARGS | METH_KEYWORDS, NULL},
    {"fast_ok", (PyCFunction)(void (*)(void))fast_ok, METH_FASTCALL, NULL},
    {"fast_kw_ok", (PyCFunction)(void (*)(void))fast_kw_ok, METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};
