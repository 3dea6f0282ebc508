/* type-dealloc: a GC type's tp_dealloc releasing fields while the object is still tracked, and a
 * heap type's tp_dealloc that never releases its type; and correct deallocators. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *a;
    PyObject *b;
} Obj;

static int
obj_traverse(Obj *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->a);
    Py_VISIT(self->b);
    return 0;
}

/* The heap types' traverse also visits the type (they own a reference to it). */
static int
heap_obj_traverse(Obj *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(Py_TYPE(self));
    return obj_traverse(self, visit, arg);
}

/* Bug: fields released before PyObject_GC_UnTrack. */
static void
gc_dealloc_untracked_late(Obj *self)
{
    Py_XDECREF(self->a);  // expect: type-dealloc
    PyObject_GC_UnTrack(self);
    Py_XDECREF(self->b);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Bug: never untracked at all. */
static void
gc_dealloc_never_untracked(Obj *self)
{
    Py_CLEAR(self->a);  // expect: type-dealloc
    Py_CLEAR(self->b);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Correct: untracked first. */
static void
gc_dealloc_ok(Obj *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    Py_XDECREF(self->a);
    Py_XDECREF(self->b);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
obj_clear(Obj *self)
{
    // expect-clean
    Py_CLEAR(self->a);
    Py_CLEAR(self->b);
    return 0;
}

/* Correct: untracked, then cleared through tp_clear. */
static void
gc_dealloc_via_clear_ok(Obj *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    obj_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Correct: a type without GC may release its fields directly. */
static void
plain_dealloc_ok(Obj *self)
{
    // expect-clean
    Py_XDECREF(self->a);
    Py_XDECREF(self->b);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Bug: a heap type's instances hold a reference to the type; this never releases it. */
static void
heap_dealloc_keeps_type(Obj *self)
{
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->a);
    Py_CLEAR(self->b);
    PyObject_GC_Del(self);  // expect: type-dealloc
}

/* Bug: the same without GC, freeing through tp_free. */
static void
heap_plain_dealloc_keeps_type(Obj *self)
{
    Py_XDECREF(self->a);
    Py_XDECREF(self->b);
    Py_TYPE(self)->tp_free((PyObject *)self);  // expect: type-dealloc
}

/* Correct: the heap type is released after the object is freed. */
static void
heap_dealloc_ok(Obj *self)
{
    // expect-clean
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->a);
    Py_CLEAR(self->b);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyTypeObject LateType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Late",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)gc_dealloc_untracked_late,
    .tp_traverse = (traverseproc)obj_traverse,
};

static PyTypeObject NeverType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Never",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)gc_dealloc_never_untracked,
    .tp_traverse = (traverseproc)obj_traverse,
};

static PyTypeObject OkType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Ok",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)gc_dealloc_ok,
    .tp_traverse = (traverseproc)obj_traverse,
    .tp_clear = (inquiry)obj_clear,
};

static PyTypeObject ViaClearType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.ViaClear",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)gc_dealloc_via_clear_ok,
    .tp_traverse = (traverseproc)obj_traverse,
    .tp_clear = (inquiry)obj_clear,
};

static PyTypeObject PlainType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Plain",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)plain_dealloc_ok,
};

static PyType_Slot heap_slots[] = {
    {Py_tp_dealloc, heap_dealloc_keeps_type},
    {Py_tp_traverse, heap_obj_traverse},
    {Py_tp_clear, obj_clear},
    {0, NULL},
};

static PyType_Slot heap_plain_slots[] = {
    {Py_tp_dealloc, heap_plain_dealloc_keeps_type},
    {0, NULL},
};

static PyType_Slot heap_ok_slots[] = {
    {Py_tp_dealloc, heap_dealloc_ok},
    {Py_tp_traverse, heap_obj_traverse},
    {Py_tp_clear, obj_clear},
    {0, NULL},
};
