/* type_slots.c — the slots of a type, each an entry of its own ("Pair.tp_repr", "Pair.nb_add").
 *
 * The oracle calls every slot the snippet gives a type (repr, str, hash, rich comparison, call,
 * the number, sequence and mapping protocols) on an instance made before the call, with a few
 * arguments that reach the slot's usual paths (an int, a str and None for a binary slot; an index
 * in and out of range; comparisons against None), or those of a directive naming the slot. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *first;                      /* owned */
    PyObject *second;                     /* owned */
} Pair;

static PyObject *
Pair_new(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))   /* oracle-ok: Pair */
{
    Pair *p = (Pair *)type->tp_alloc(type, 0);
    if (p == NULL)
        return NULL;
    p->first = PyLong_FromLong(1);
    p->second = PyUnicode_FromString("two");
    if (p->first == NULL || p->second == NULL) {
        Py_DECREF(p);
        return NULL;
    }
    return (PyObject *)p;
}

static void
Pair_dealloc(PyObject *op)
{
    Pair *p = (Pair *)op;
    Py_XDECREF(p->first);
    Py_XDECREF(p->second);
    Py_TYPE(op)->tp_free(op);
}

/* Wrong: `a` leaks when the second repr fails. */
static PyObject *
Pair_repr(PyObject *op)
{
    Pair *p = (Pair *)op;
    PyObject *a = PyObject_Repr(p->first);    /* oracle-expect: leak Pair.tp_repr fault */
    if (a == NULL)
        return NULL;
    PyObject *b = PyObject_Repr(p->second);
    if (b == NULL)
        return NULL;                          // expect: ref-leak
    PyObject *r = PyUnicode_FromFormat("Pair(%U, %U)", a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return r;
}

/* Wrong: NotImplemented is returned without a reference of its own. */
static PyObject *
Pair_add(PyObject *left, PyObject *right)   /* oracle-expect: over-release Pair.nb_add normal */
{
    if (!PyLong_Check(right))
        return Py_NotImplemented;             // expect: ref-return-borrowed
    return PyNumber_Add(((Pair *)left)->first, right);
}

/* Right: two items; an index out of range raises IndexError. */
static Py_ssize_t
Pair_length(PyObject *Py_UNUSED(op))          /* oracle-ok: Pair.sq_length */
{
    return 2;
}

static PyObject *
Pair_item(PyObject *op, Py_ssize_t i)         /* oracle-ok: Pair.sq_item */
{
    Pair *p = (Pair *)op;
    if (i < 0 || i > 1) {
        PyErr_SetString(PyExc_IndexError, "Pair index out of range");
        return NULL;
    }
    return Py_NewRef(i == 0 ? p->first : p->second);
}

/* Right: only Pair == Pair is answered. */
static PyObject *
Pair_richcompare(PyObject *a, PyObject *b, int op)   /* oracle-ok: Pair.tp_richcompare */
{
    if (Py_TYPE(b) != Py_TYPE(a) || (op != Py_EQ && op != Py_NE))
        Py_RETURN_NOTIMPLEMENTED;
    return PyBool_FromLong((a == b) == (op == Py_EQ));
}

/* Wrong: when PyObject_Length fails, its exception is left set and a hash is returned. */
static Py_hash_t
Pair_hash(PyObject *op)                       /* oracle-expect: success-with-error Pair.tp_hash fault@96 */
{
    Py_ssize_t n = PyObject_Length(((Pair *)op)->second);
    return (Py_hash_t)n + 1000;                   // expect: exc-success-with-error
}

static PySequenceMethods Pair_as_sequence = {
    .sq_length = Pair_length,
    .sq_item = Pair_item,
};

static PyNumberMethods Pair_as_number = {
    .nb_add = Pair_add,
};

static PyTypeObject Pair_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "snippet.Pair",
    .tp_basicsize = sizeof(Pair),
    .tp_dealloc = Pair_dealloc,
    .tp_repr = Pair_repr,
    .tp_hash = Pair_hash,
    .tp_richcompare = Pair_richcompare,
    .tp_as_number = &Pair_as_number,
    .tp_as_sequence = &Pair_as_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Pair_new,
};
