/* exc-null-without-error traps: tp_iternext ends iteration with NULL and no exception; a NULL
 * handed on from the file's own helper is the helper's business. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *seq;
    Py_ssize_t index;
} Iter;

/* Correct: NULL without an exception means "no more items". */
static PyObject *
iter_next(Iter *it)
{
    // expect-clean
    if (it->seq == NULL)
        return NULL;
    if (it->index < PyTuple_GET_SIZE(it->seq))
        return Py_NewRef(PyTuple_GET_ITEM(it->seq, it->index++));
    Py_CLEAR(it->seq);
    return NULL;
}

/* A helper whose default branch (never taken) returns NULL. */
static PyObject *
compare_sizes(Py_ssize_t a, Py_ssize_t b, int op)
{
    // expect-clean
    switch (op) {
    case Py_LT: return PyBool_FromLong(a < b);
    case Py_EQ: return PyBool_FromLong(a == b);
    default: return NULL;
    }
}

/* Correct: the helper's NULL is handed on. */
static PyObject *
iter_richcompare(PyObject *a, PyObject *b, int op)
{
    // expect-clean
    return compare_sizes(Py_SIZE(a), Py_SIZE(b), op);
}

static PyTypeObject IterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Iter",
    .tp_basicsize = sizeof(Iter),
    .tp_iternext = (iternextfunc)iter_next,
    .tp_richcompare = iter_richcompare,
};
