/* type_method_leak.c — a leak in a type's method, on the path where PyList_Append fails.
 *
 * The oracle runs a type's life (construct, iterate when iterable, drop, collect) and each method
 * of its tp_methods on an instance made before the call; the instance is dropped after the call,
 * so what it holds is released with it. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    long n;                               /* calls recorded */
} Counter;

static PyObject *
Counter_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))   /* oracle-ok: Counter */
{
    Counter *c = (Counter *)type->tp_alloc(type, 0);
    if (c != NULL)
        c->n = 0;
    return (PyObject *)c;
}

/* Wrong: `pair` leaks when PyList_Append fails. */
static PyObject *
Counter_record(PyObject *op, PyObject *item)
{
    PyObject *log = PyList_New(0);
    if (log == NULL)
        return NULL;
    PyObject *pair = PyTuple_Pack(2, op, item);   /* oracle-expect: leak Counter.record fault@34 */
    if (pair == NULL) {
        Py_DECREF(log);
        return NULL;
    }
    if (PyList_Append(log, pair) < 0) {
        Py_DECREF(log);
        return NULL;                      // expect: ref-leak
    }
    Py_DECREF(pair);
    ((Counter *)op)->n++;
    return log;
}

static PyMethodDef Counter_methods[] = {
    {"record", Counter_record, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "snippet.Counter",
    .tp_basicsize = sizeof(Counter),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = Counter_methods,
    .tp_new = Counter_new,
};
