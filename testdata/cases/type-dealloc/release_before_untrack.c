/* type-dealloc: a field released conditionally, still before PyObject_GC_UnTrack. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;
} Cached;

static int
cached_traverse(Cached *self, visitproc visit, void *arg)
{
    // expect-clean
    Py_VISIT(self->cache);
    return 0;
}

/* Bug: the cache is released while the object is still tracked. */
static void
cached_dealloc(Cached *self)
{
    if (self->cache != NULL)
        Py_DECREF(self->cache);  // expect: type-dealloc
    PyObject_GC_UnTrack(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject CachedType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cases.Cached",
    .tp_basicsize = sizeof(Cached),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)cached_dealloc,
    .tp_traverse = (traverseproc)cached_traverse,
};
