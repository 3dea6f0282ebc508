/* The same ownership bugs (and correct twins) under each header style of tests/lint/header_styles:
 * the refcount operations are written directly (matched as API macros) and inside the project's
 * own macros (lowered from their expansion, so matched by the static inline names each version
 * spells: _Py_DECREF(file, line, op), _Py_DECREF(op), Py_DECREF(file, line, op), _Py_NewRef...).
 * `// expect: RULE` marks the line of each finding header_styles_test.sh requires. */
#include <Python.h>

#define DROP(x) Py_DECREF(x)
#define XDROP(x) Py_XDECREF(x)
#define TAKE(x) Py_INCREF(x)

static PyObject *
leak_on_error(PyObject *self, PyObject *list)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    if (PyList_Append(list, v) < 0)
        return NULL;  // expect: ref-leak
    DROP(v);
    Py_RETURN_NONE;
}

static PyObject *
append_ok(PyObject *self, PyObject *list)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    int r = PyList_Append(list, v);
    DROP(v);
    if (r < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
double_drop(PyObject *self, PyObject *arg)
{
    PyObject *v = PyLong_FromLong(2);
    if (v == NULL)
        return NULL;
    DROP(v);
    DROP(v);  // expect: ref-use-after-release
    Py_RETURN_NONE;
}

static PyObject *
double_decref(PyObject *self, PyObject *arg)
{
    PyObject *v = PyLong_FromLong(3);
    if (v == NULL)
        return NULL;
    Py_DECREF(v);
    Py_DECREF(v);  // expect: ref-use-after-release
    Py_RETURN_NONE;
}

static PyObject *
xdrop_null_ok(PyObject *self, PyObject *arg)
{
    PyObject *v = NULL;
    XDROP(v);
    Py_XDECREF(v);
    Py_RETURN_NONE;
}

static PyObject *
release_borrowed(PyObject *self, PyObject *arg)
{
    DROP(arg);  // expect: ref-release-borrowed
    Py_RETURN_NONE;
}

static PyObject *
take_ok(PyObject *self, PyObject *arg)
{
    TAKE(arg);
    return arg;
}

static PyObject *
return_borrowed(PyObject *self, PyObject *arg)
{
    return arg;  // expect: ref-return-borrowed
}

/* Correct: the reference taken is the one returned, however Py_True is spelled (3.12+:
 * _PyObject_CAST(&_Py_TrueStruct), where `&_Py_TrueStruct` has no extent of its own). */
static PyObject *
true_ok(PyObject *self, PyObject *arg)
{
    Py_INCREF(Py_True);
    return Py_True;
}

/* Correct: Py_CLEAR inside a project's macro is lowered from its expansion, which in 3.12+
 * clears through a pointer to the variable (_tmp_op_ptr = &(op)). */
#define RESET(v) Py_CLEAR(v)
static PyObject *
reset_twice_ok(PyObject *self, PyObject *arg)
{
    PyObject *v = PyObject_Repr(arg);
    if (v == NULL)
        return NULL;
    RESET(v);
    v = PyObject_Repr(arg);
    if (v == NULL)
        return NULL;
    RESET(v);
    Py_INCREF(Py_None);
    return Py_None;
}

#if PY_VERSION_HEX >= 0x030a0000
static PyObject *
newref_ok(PyObject *self, PyObject *arg)
{
    return Py_NewRef(arg);
}

static PyObject *
xnewref_leak(PyObject *self, PyObject *arg)
{
    PyObject *x = Py_XNewRef(arg);
    (void)x;
    Py_RETURN_NONE;  // expect-since-3.10: ref-leak
}
#endif

static PyMethodDef methods[] = {
    {"leak_on_error", leak_on_error, METH_O, NULL},
    {"append_ok", append_ok, METH_O, NULL},
    {"double_drop", double_drop, METH_O, NULL},
    {"double_decref", double_decref, METH_O, NULL},
    {"xdrop_null_ok", xdrop_null_ok, METH_O, NULL},
    {"release_borrowed", release_borrowed, METH_O, NULL},
    {"take_ok", take_ok, METH_O, NULL},
    {"return_borrowed", return_borrowed, METH_O, NULL},
    {"true_ok", true_ok, METH_O, NULL},
    {"reset_twice_ok", reset_twice_ok, METH_O, NULL},
#if PY_VERSION_HEX >= 0x030a0000
    {"newref_ok", newref_ok, METH_O, NULL},
    {"xnewref_leak", xnewref_leak, METH_O, NULL},
#endif
    {NULL, NULL, 0, NULL}
};
