/* heap_type_spec.c — a heap type made from a PyType_Spec and added to its module.
 *
 * The oracle runs the module's initialiser, finds the type it added (PyModule_AddType), and runs
 * the type like a static one: its life ("Stack": construct, drop, collect), each method of its
 * Py_tp_methods ("Stack.push" on an instance, "Stack.of" on the type for METH_CLASS, "Stack.marker"
 * with no self for METH_STATIC, "Stack.peek" with its defining class for METH_METHOD) and each
 * slot it was given ("Stack.sq_length"). A heap type's instances hold a reference to it, which
 * the oracle watches like an argument's. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;                      /* owned list */
} Stack;

static PyObject *
Stack_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    Stack *s = (Stack *)type->tp_alloc(type, 0);
    if (s == NULL)
        return NULL;
    s->items = PyList_New(0);
    if (s->items == NULL) {
        Py_DECREF(s);
        return NULL;
    }
    return (PyObject *)s;
}

/* Wrong: an instance of a heap type holds a reference to its type, which its dealloc must
 * release (CPython 3.8+); this one never does, so each instance leaks one. */
static void
Stack_dealloc(PyObject *op)
{
    Stack *s = (Stack *)op;
    Py_XDECREF(s->items);
    PyObject_Free(op);                            // expect: type-dealloc
}

/* Right. */
static PyObject *
Stack_push(PyObject *op, PyObject *item)      /* oracle-ok: Stack.push */
{
    if (PyList_Append(((Stack *)op)->items, item) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Wrong: `label` leaks when the instance cannot be made. (Each instance made also keeps a
 * reference to the type: Stack_dealloc's bug.) */
static PyObject *
Stack_of(PyObject *cls, PyObject *item)       /* oracle-expect: leak/refcount-delta Stack.of normal */
{
    PyObject *label = PyUnicode_FromString("of");   /* oracle-expect: leak Stack.of fault@57 */
    if (label == NULL)
        return NULL;
    PyObject *s = PyObject_CallNoArgs(cls);
    if (s == NULL)
        return NULL;                          // expect: ref-leak
    Py_DECREF(label);
    if (PyList_Append(((Stack *)s)->items, item) < 0) {
        Py_DECREF(s);
        return NULL;
    }
    return s;
}

/* Wrong: None is returned without a reference of its own. */
static PyObject *
Stack_marker(PyObject *Py_UNUSED(unused), PyObject *Py_UNUSED(ignored))   /* oracle-expect: over-release Stack.marker normal */
{
    return Py_None;                           // expect: ref-return-borrowed
}

/* Right: the defining class is the type itself. */
static PyObject *
Stack_peek(PyObject *op, PyTypeObject *defining_class, PyObject *const *Py_UNUSED(args),
           Py_ssize_t nargs, PyObject *Py_UNUSED(kwnames))   /* oracle-ok: Stack.peek */
{
    if (nargs != 0 || defining_class != Py_TYPE(op)) {
        PyErr_SetString(PyExc_TypeError, "peek() takes no arguments");
        return NULL;
    }
    PyObject *items = ((Stack *)op)->items;
    Py_ssize_t n = PyList_GET_SIZE(items);
    if (n == 0)
        Py_RETURN_NONE;
    return Py_NewRef(PyList_GET_ITEM(items, n - 1));
}

static Py_ssize_t
Stack_length(PyObject *op)                    /* oracle-ok: Stack.sq_length */
{
    return PyList_GET_SIZE(((Stack *)op)->items);
}

static PyMethodDef Stack_methods[] = {
    {"push", Stack_push, METH_O, NULL},
    {"of", Stack_of, METH_O | METH_CLASS, NULL},
    {"marker", Stack_marker, METH_NOARGS | METH_STATIC, NULL},
    {"peek", (PyCFunction)(void (*)(void))Stack_peek, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot Stack_slots[] = {
    {Py_tp_new, Stack_new},
    {Py_tp_dealloc, Stack_dealloc},
    {Py_tp_methods, Stack_methods},
    {Py_sq_length, Stack_length},
    {0, NULL},
};

static PyType_Spec Stack_spec = {             /* oracle-expect: leak/refcount-delta Stack normal */
    .name = "snippet.Stack",
    .basicsize = sizeof(Stack),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = Stack_slots,
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "snippet", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_snippet(void)                          /* oracle-ok: PyInit_snippet */
{
    PyObject *m = PyModule_Create(&moddef);
    if (m == NULL)
        return NULL;
    PyObject *type = PyType_FromModuleAndSpec(m, &Stack_spec, NULL);
    if (type == NULL || PyModule_AddType(m, (PyTypeObject *)type) < 0) {
        Py_XDECREF(type);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(type);
    return m;
}
