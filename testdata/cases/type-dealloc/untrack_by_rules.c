/* type-dealloc: only a call the rules say untracks (PyObject_GC_UnTrack, flag `untracks`) or a
 * helper of the file that may untrack counts; another API given self (PyObject_ClearWeakRefs)
 * leaves the object tracked. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    PyObject *a;
    PyObject *weakreflist;
} Obj;

static int
obj_traverse(Obj *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->a);
    return 0;
}

/* Bug: clearing the weak references does not untrack the object. */
static void
weakrefs_then_release(Obj *self)
{
    PyObject_ClearWeakRefs((PyObject *)self);
    Py_CLEAR(self->a);  // expect: type-dealloc
    PyObject_GC_UnTrack(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Correct: untracked first, then the weak references and the fields. */
static void
untrack_first_ok(Obj *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    if (self->weakreflist != NULL)
        PyObject_ClearWeakRefs((PyObject *)self);
    Py_CLEAR(self->a);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject WeakType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Weak",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)weakrefs_then_release,
    .tp_traverse = (traverseproc)obj_traverse,
    .tp_weaklistoffset = offsetof(Obj, weakreflist),
};

static PyTypeObject OkType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.WeakOk",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)untrack_first_ok,
    .tp_traverse = (traverseproc)obj_traverse,
    .tp_weaklistoffset = offsetof(Obj, weakreflist),
};

int register_types(PyObject *m);

int
register_types(PyObject *m)
{
    // expect-clean
    if (PyType_Ready(&WeakType) < 0 || PyType_Ready(&OkType) < 0)
        return -1;
    return 0;
}
