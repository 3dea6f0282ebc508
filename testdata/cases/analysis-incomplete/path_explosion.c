/* analysis-incomplete: functions whose paths outgrow the per-function budget get a note on their
 * name instead of a silent drop (or an unbounded run). Each optional step below may create one
 * object, so the states at the cleanup multiply: 2^16 combinations of owned and NULL. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define STEP(i)                                  \
    if (flags & (1 << (i))) {                    \
        o[i] = PyLong_FromLong(i);               \
        if (o[i] == NULL)                        \
            goto done;                           \
    }

#define STEP_VAR(v, i)                           \
    if (flags & (1 << (i))) {                    \
        v = PyLong_FromLong(i);                  \
        if (v == NULL)                           \
            goto done;                           \
    }

/* Sixteen independent optional objects held in separate variables. */
static PyObject *
sixteen_options(PyObject *self, PyObject *arg)  // expect: analysis-incomplete
{
    PyObject *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL, *g = NULL, *h = NULL;
    PyObject *i = NULL, *j = NULL, *k = NULL, *l = NULL, *m = NULL, *n = NULL, *p = NULL, *q = NULL;
    PyObject *result = NULL;
    long flags = PyLong_AsLong(arg);
    if (flags == -1 && PyErr_Occurred())
        return NULL;
    STEP_VAR(a, 0) STEP_VAR(b, 1) STEP_VAR(c, 2) STEP_VAR(d, 3)
    STEP_VAR(e, 4) STEP_VAR(f, 5) STEP_VAR(g, 6) STEP_VAR(h, 7)
    STEP_VAR(i, 8) STEP_VAR(j, 9) STEP_VAR(k, 10) STEP_VAR(l, 11)
    STEP_VAR(m, 12) STEP_VAR(n, 13) STEP_VAR(p, 14) STEP_VAR(q, 15)
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(a); Py_XDECREF(b); Py_XDECREF(c); Py_XDECREF(d);
    Py_XDECREF(e); Py_XDECREF(f); Py_XDECREF(g); Py_XDECREF(h);
    Py_XDECREF(i); Py_XDECREF(j); Py_XDECREF(k); Py_XDECREF(l);
    Py_XDECREF(m); Py_XDECREF(n); Py_XDECREF(p); Py_XDECREF(q);
    return result;
}

/* A small function next to it is analysed completely. */
static PyObject *
two_options(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *a = NULL, *b = NULL, *result = NULL;
    long flags = PyLong_AsLong(arg);
    if (flags == -1 && PyErr_Occurred())
        return NULL;
    STEP_VAR(a, 0) STEP_VAR(b, 1)
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(a);
    Py_XDECREF(b);
    return result;
}

static PyMethodDef methods[] = {
    {"sixteen_options", sixteen_options, METH_O, NULL},
    {"two_options", two_options, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
