/* Traps met in real extensions (zope.interface, bitarray): a helper whose only failure is a type
 * test that cannot fail for the C type it is given (PyType_Check of a PyTypeObject *), a heap
 * type's tp_dealloc that releases the type in a base type's dealloc it calls, O! given the
 * address of a struct pointer cast to PyObject *, and a comparison written in a project macro
 * (`if (f(...) < 0) return NULL`). Each has a buggy twin that must still be found. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *a;
} Obj;

/* Fails only when given a non-type, which a PyTypeObject * never is (zope.interface's
 * _get_module). */
static PyObject *
type_module(PyTypeObject *tp)
{
    if (!PyType_Check(tp)) {
        PyErr_SetString(PyExc_TypeError, "not a type");
        return NULL;
    }
    return Py_NewRef((PyObject *)tp);
}

/* Correct: Py_TYPE(self) is a type. */
static PyObject *
module_name(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *m = type_module(Py_TYPE(self));
    PyObject *r = PyObject_Str(m);
    Py_DECREF(m);
    return r;
}

/* The same test of a PyObject *: it can fail. */
static PyObject *
object_module(PyObject *tp)
{
    if (!PyType_Check(tp)) {
        PyErr_SetString(PyExc_TypeError, "not a type");
        return NULL;
    }
    return Py_NewRef(tp);
}

/* Bug: object_module() fails for a non-type argument. */
static PyObject *
module_name_of(PyObject *self, PyObject *arg)
{
    PyObject *m = object_module(arg);
    PyObject *r = PyObject_GetAttrString(m, "x");  // expect: null-unchecked
    Py_DECREF(m);
    return r;
}

/* A base type's dealloc releases the heap type; derived types' deallocs end in it. */
static void
base_dealloc(Obj *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->a);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static void
free_only(Obj *self)
{
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Correct: the type is released by base_dealloc. */
static void
derived_dealloc(Obj *self)
{
    // expect-clean
    PyObject_GC_UnTrack(self);
    base_dealloc(self);
}

/* Bug: free_only() never releases the type. */
static void
derived_dealloc_keeps_type(Obj *self)
{
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->a);
    free_only(self);  // expect: type-dealloc
}

static int
obj_traverse(Obj *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(self->a);
    return 0;
}

static PyType_Slot base_slots[] = {
    {Py_tp_dealloc, base_dealloc},
    {Py_tp_traverse, obj_traverse},
    {0, NULL},
};

static PyType_Slot derived_slots[] = {
    {Py_tp_dealloc, derived_dealloc},
    {Py_tp_traverse, obj_traverse},
    {0, NULL},
};

static PyType_Slot leaky_slots[] = {
    {Py_tp_dealloc, derived_dealloc_keeps_type},
    {Py_tp_traverse, obj_traverse},
    {0, NULL},
};

static PyType_Spec base_spec = {"cases.Base", sizeof(Obj), 0,
                                Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, base_slots};
static PyType_Spec derived_spec = {"cases.Derived", sizeof(Obj), 0,
                                   Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, derived_slots};
static PyType_Spec leaky_spec = {"cases.Leaky", sizeof(Obj), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, leaky_slots};

static PyObject *ObjType;

/* Correct: O! stores through &self_obj, cast as projects do. */
static PyObject *
take_obj(PyObject *self, PyObject *args)
{
    // expect-clean
    Obj *o;
    if (!PyArg_ParseTuple(args, "O!:take", (PyTypeObject *)ObjType, (PyObject *)&o))
        return NULL;
    return Py_NewRef(o->a ? o->a : Py_None);
}

/* Bug: the object itself, not its address. */
static PyObject *
take_obj_wrong(PyObject *self, PyObject *args)
{
    Obj *o = NULL;
    if (!PyArg_ParseTuple(args, "O!:take", (PyTypeObject *)ObjType, o))  // expect: format-args
        return NULL;
    Py_RETURN_NONE;
}

static struct PyModuleDef moduledef = {PyModuleDef_HEAD_INIT, "cases", NULL, -1, NULL};

/* Correct: the comparison inside the project's macro is read from its definition. */
#define ADD_INT(m, n)  if (PyModule_AddIntConstant(m, #n, n) < 0) { Py_DECREF(m); return NULL; }
#define LIMIT 3
#define DEPTH 4

PyMODINIT_FUNC
PyInit_cases(void)
{
    // expect-clean
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    ADD_INT(m, LIMIT);
    ADD_INT(m, DEPTH);
    ObjType = PyType_FromSpec(&base_spec);
    if (ObjType == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    (void)derived_spec;
    (void)leaky_spec;
    return m;
}

static PyMethodDef methods[] = {
    {"module_name", module_name, METH_NOARGS, NULL},
    {"module_name_of", module_name_of, METH_O, NULL},
    {"take_obj", take_obj, METH_VARARGS, NULL},
    {"take_obj_wrong", take_obj_wrong, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
