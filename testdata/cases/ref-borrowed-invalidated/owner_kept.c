/* ref-borrowed-invalidated trap: the owner is released only after a new reference to the item
 * was stored into a struct field. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *first;
} Holder;

/* Correct: the field gets its own reference before the list goes. */
static int
holder_set_first(Holder *self, PyObject *iterable)
{
    // expect-clean
    PyObject *l = PySequence_List(iterable);
    if (l == NULL)
        return -1;
    if (PyList_GET_SIZE(l) == 0) {
        Py_DECREF(l);
        return 0;
    }
    PyObject *first = PyList_GET_ITEM(l, 0);
    Py_INCREF(first);
    Py_XSETREF(self->first, first);
    Py_DECREF(l);
    return 0;
}

int holder_touch(Holder *h, PyObject *o);
int holder_touch(Holder *h, PyObject *o) { return holder_set_first(h, o); }
