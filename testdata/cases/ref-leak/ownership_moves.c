/* ref-leak traps found in real extensions: references that move into and out of fields, through
 * out-parameters and pointers, into helpers that keep them, or out of void * callbacks; and the
 * leaks that remain leaks. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *pending;
    PyObject *items[4];
    PyObject *kept;
} Acc;

/* Correct: the field's reference moves to the caller (the field is cleared). */
static PyObject *
acc_take_pending(Acc *self, PyObject *unused)
{
    // expect-clean
    PyObject *res = self->pending;
    self->pending = NULL;
    if (res == NULL)
        return PyList_New(0);
    return res;
}

/* Bug: taken out of the field, then forgotten. */
static PyObject *
acc_drop_pending(Acc *self, PyObject *unused)
{
    PyObject *res = self->pending;
    self->pending = NULL;
    if (res == NULL)
        Py_RETURN_NONE;
    Py_RETURN_TRUE;  // expect: ref-leak
}

/* Correct: stored borrowed, then the reference is taken for the field. */
static PyObject *
acc_set_pending(Acc *self, PyObject *value)
{
    // expect-clean
    PyObject *old = self->pending;
    self->pending = value;
    Py_INCREF(value);
    Py_XDECREF(old);
    Py_RETURN_NONE;
}

/* Correct: the same through an array slot. */
static PyObject *
acc_set_item(Acc *self, PyObject *value)
{
    // expect-clean
    Py_XDECREF(self->items[0]);
    self->items[0] = value;
    Py_INCREF(value);
    Py_RETURN_NONE;
}

/* Correct: incrementing what an array already holds is the array's business. */
static void
incref_all(PyObject **objs)
{
    // expect-clean
    for (int i = 0; i < 4; i++)
        Py_XINCREF(objs[i]);
}

/* Correct: an out-parameter receives a new reference. */
static int
unwrap(PyObject **op)
{
    // expect-clean
    Py_INCREF(*op);
    return 0;
}

/* A helper that keeps its argument in the object (its caller takes the reference). */
static void
acc_keep(Acc *self, PyObject *obj)
{
    // expect-clean
    self->kept = obj;
}

/* Correct: kept by the helper, then the reference is taken for it. */
static PyObject *
acc_keep_it(Acc *self, PyObject *obj)
{
    // expect-clean
    acc_keep(self, obj);
    Py_INCREF(obj);
    Py_RETURN_NONE;
}

/* Correct: a void * callback of a C library hands a new object out. */
static void *
new_string(void *ctx, const char *text)
{
    // expect-clean
    return PyUnicode_FromString(text);
}

/* A helper that consumes its argument on failure and returns it otherwise. */
static PyObject *
maybe_wrap(PyObject *encoded, int quote)
{
    // expect-clean
    if (!quote)
        return encoded;
    PyObject *quoted = PyUnicode_FromFormat("\"%U\"", encoded);
    Py_DECREF(encoded);
    return quoted;
}

/* Correct: maybe_wrap takes the string over. */
static PyObject *
wrap_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *s = PyObject_Str(obj);
    if (s == NULL)
        return NULL;
    return maybe_wrap(s, 1);
}

/* A helper that returns Py_None, without a reference, to mean "skip". */
static PyObject *
key_or_skip(PyObject *key)
{
    // expect-clean
    if (key == Py_None)
        return Py_None;
    return PyObject_Str(key);
}

/* Correct: the sentinel is compared, never released; real results are. */
static PyObject *
collect_keys(PyObject *self, PyObject *keys)
{
    // expect-clean
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys); i++) {
        PyObject *k = key_or_skip(PyList_GET_ITEM(keys, i));
        if (k == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        if (k == Py_None)
            continue;
        int rc = PyList_Append(out, k);
        Py_DECREF(k);
        if (rc < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}
/* oracle: call collect_keys(['a', None, 'b']) */

/* Correct: a flag computed before a loop still decides after it. */
static int
saves_error(PyObject *seq)
{
    // expect-clean
    PyObject *type = NULL, *value = NULL, *tb = NULL;
    int had_error = PyErr_Occurred() != NULL;
    if (had_error)
        PyErr_Fetch(&type, &value, &tb);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(seq); i++) {
        if (PyTuple_GET_ITEM(seq, i) == Py_None)
            break;
    }
    if (had_error)
        PyErr_Restore(type, value, tb);
    return 0;
}
/* oracle: call saves_error((1, None)) */

/* Correct: a user macro's assignment and test are read from its definition. */
#define LOAD(var, obj, name)                      \
    do {                                          \
        var = PyObject_GetAttrString(obj, name);  \
        if (var == NULL)                          \
            goto error;                           \
    } while (0)

static PyObject *
load_two(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *a = NULL, *b = NULL;
    LOAD(a, obj, "a");
    LOAD(b, obj, "b");
    PyObject *r = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return r;
error:
    Py_XDECREF(a);
    return NULL;
}

/* Acc's own methods, run by the oracle on an instance (tests/differential). */
static PyMethodDef acc_methods[] = {
    {"take_pending", (PyCFunction)acc_take_pending, METH_NOARGS, NULL},
    {"drop_pending", (PyCFunction)acc_drop_pending, METH_NOARGS, NULL},
    {"set_pending", (PyCFunction)acc_set_pending, METH_O, NULL},
    {"set_item", (PyCFunction)acc_set_item, METH_O, NULL},
    {"keep_it", (PyCFunction)acc_keep_it, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* Correct: releases every reference an Acc holds. */
static void
acc_dealloc(Acc *self)
{
    // expect-clean
    Py_XDECREF(self->pending);
    for (int i = 0; i < 4; i++)
        Py_XDECREF(self->items[i]);
    Py_XDECREF(self->kept);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject Acc_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ownership_moves.Acc",
    .tp_basicsize = sizeof(Acc),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)acc_dealloc,
    .tp_methods = acc_methods,
};

static PyMethodDef methods[] = {
    {"wrap_ok", wrap_ok, METH_O, NULL},
    {"collect_keys", collect_keys, METH_O, NULL},
    {"load_two", load_two, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

void *(*string_callback)(void *, const char *) = new_string;
int touch(PyObject **op, PyObject *seq, PyObject **objs);
int touch(PyObject **op, PyObject *seq, PyObject **objs) { incref_all(objs); return unwrap(op) + saves_error(seq); }

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef ownership_moves_module = {
    PyModuleDef_HEAD_INIT, "ownership_moves", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_ownership_moves(void)
{
    // expect-clean
    if (PyType_Ready(&Acc_Type) < 0)
        return NULL;
    return PyModule_Create(&ownership_moves_module);
}
