/* leak_on_error_path.c — a leak that only an allocation failure reaches.
 *
 * make_pair builds two boxes and links them. When the second allocation fails, the first box is
 * lost: the normal path is clean, the MemoryError path leaks. The oracle finds it by making
 * allocation 2 fail (schedule 2); the linter sees the same path statically. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *item;                 /* owned, may be NULL */
} Box;

static void
box_dealloc(PyObject *op)
{
    Box *b = (Box *)op;
    Py_XDECREF(b->item);
    PyObject_Free(op);
}

static PyTypeObject Box_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "snippet.Box",
    .tp_basicsize = sizeof(Box),
    .tp_dealloc = box_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* Wrong: when the second PyObject_New fails, `first` is never released. */
static PyObject *
make_pair(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Box *first = PyObject_New(Box, &Box_Type);   /* oracle-expect: leak make_pair fault@37 */
    if (first == NULL)
        return NULL;
    first->item = NULL;
    Box *second = PyObject_New(Box, &Box_Type);
    if (second == NULL)
        return NULL;                            // expect: ref-leak
    second->item = (PyObject *)first;
    return (PyObject *)second;
}

/* The table needs PyMethodDef, which the reference runtime gains with its C-API (issue 4): until
 * then the oracle finds the functions without it. */
#ifdef METH_NOARGS
static PyMethodDef methods[] = {
    {"make_pair", make_pair, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
#endif
