/* type-dealloc: a member a PyMemberDef table exposes as a writable object (T_OBJECT_EX without
 * READONLY) holds references Python code stores there (`obj.tag = x` takes a reference of its
 * own), so tp_dealloc must release it even when no C function of the file touches it. Read-only
 * members hold what the C code puts there, and `__weaklistoffset__` is an offset, not a member. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *name;       /* writable: released */
    PyObject *tag;        /* writable: never released (bug) */
    PyObject *origin;     /* read-only, never set by C code */
    PyObject *weakrefs;
} Note;

static void
note_dealloc(Note *self)  // expect: type-dealloc
{
    PyTypeObject *type = Py_TYPE(self);
    if (self->weakrefs != NULL) {
        PyObject_ClearWeakRefs((PyObject *)self);
    }
    Py_XDECREF(self->name);
    type->tp_free((PyObject *)self);
    Py_DECREF(type);
}

static PyMemberDef note_members[] = {
    {"name", T_OBJECT_EX, offsetof(Note, name), 0, "the note's name"},
    {"tag", T_OBJECT, offsetof(Note, tag), 0, "a tag Python code may set"},
    {"origin", T_OBJECT_EX, offsetof(Note, origin), READONLY, "where it came from"},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(Note, weakrefs), READONLY, NULL},
    {NULL},
};

static PyType_Slot note_slots[] = {
    {Py_tp_dealloc, note_dealloc},
    {Py_tp_members, note_members},
    {0, NULL},
};

static PyType_Spec note_spec = {
    "writable_members.Note", sizeof(Note), 0, Py_TPFLAGS_DEFAULT, note_slots,
};

typedef struct {
    PyObject_HEAD
    PyObject *value;      /* writable: released */
} Cell;

static void
cell_dealloc(Cell *self)
{
    // expect-clean
    PyTypeObject *type = Py_TYPE(self);
    Py_XDECREF(self->value);
    type->tp_free((PyObject *)self);
    Py_DECREF(type);
}

static PyMemberDef cell_members[] = {
    {"value", T_OBJECT_EX, offsetof(Cell, value), 0, NULL},
    {NULL},
};

static PyType_Slot cell_slots[] = {
    {Py_tp_dealloc, cell_dealloc},
    {Py_tp_members, cell_members},
    {0, NULL},
};

static PyType_Spec cell_spec = {
    "writable_members.Cell", sizeof(Cell), 0, Py_TPFLAGS_DEFAULT, cell_slots,
};

static int
writable_members_exec(PyObject *module)
{
    // expect-clean
    PyObject *note = PyType_FromSpec(&note_spec);
    if (note == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "Note", note) < 0) {
        Py_DECREF(note);
        return -1;
    }
    Py_DECREF(note);
    PyObject *cell = PyType_FromSpec(&cell_spec);
    if (cell == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "Cell", cell) < 0) {
        Py_DECREF(cell);
        return -1;
    }
    Py_DECREF(cell);
    return 0;
}

static PyModuleDef_Slot writable_members_slots[] = {
    {Py_mod_exec, writable_members_exec},
    {0, NULL},
};

static struct PyModuleDef writable_members_module = {
    PyModuleDef_HEAD_INIT, "writable_members", NULL, 0, NULL, writable_members_slots,
};

PyMODINIT_FUNC
PyInit_writable_members(void)
{
    // expect-clean
    return PyModuleDef_Init(&writable_members_module);
}
