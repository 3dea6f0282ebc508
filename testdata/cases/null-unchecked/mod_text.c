/* text — a module of small string helpers, with the classic unchecked NULL: the result of a call
 * that fails under memory pressure (or on a bad argument) used as if it could not. The oracle
 * makes each call fail in turn, which turns these into crashes. Each bug has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyUnicode_FromString can fail; its result goes straight into PyUnicode_Concat. */
static PyObject *
text_greet(PyObject *self, PyObject *args)
{
    PyObject *name;
    if (!PyArg_ParseTuple(args, "U", &name))
        return NULL;
    PyObject *hello = PyUnicode_FromString("hello, ");
    PyObject *r = PyUnicode_Concat(hello, name);   // expect: null-unchecked
    Py_DECREF(hello);
    return r;
}
/* oracle: call text_greet('bob') */

/* Correct. */
static PyObject *
text_greet_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *name;
    if (!PyArg_ParseTuple(args, "U", &name))
        return NULL;
    PyObject *hello = PyUnicode_FromString("hello, ");
    if (hello == NULL)
        return NULL;
    PyObject *r = PyUnicode_Concat(hello, name);
    Py_DECREF(hello);
    return r;
}
/* oracle: call text_greet_ok('bob') */

/* Bug: the new list is filled without checking that it was made. */
static PyObject *
text_pair(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *list = PyList_New(2);
    Py_INCREF(a);
    PyList_SET_ITEM(list, 0, a);   // expect: null-unchecked
    Py_INCREF(b);
    PyList_SET_ITEM(list, 1, b);
    return list;
}
/* oracle: call text_pair('x', 'y') */

/* Correct. */
static PyObject *
text_pair_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *list = PyList_New(2);
    if (list == NULL)
        return NULL;
    Py_INCREF(a);
    PyList_SET_ITEM(list, 0, a);
    Py_INCREF(b);
    PyList_SET_ITEM(list, 1, b);
    return list;
}
/* oracle: call text_pair_ok('x', 'y') */

/* Bug: the upper-cased string may be NULL when it is released. */
static PyObject *
text_shout_len(PyObject *self, PyObject *arg)
{
    PyObject *upper = PyObject_CallMethod(arg, "upper", NULL);
    Py_ssize_t n = PyObject_Length(upper);   // expect: null-unchecked
    Py_DECREF(upper);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}
/* oracle: call text_shout_len('abc') */

/* Correct. */
static PyObject *
text_shout_len_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *upper = PyObject_CallMethod(arg, "upper", NULL);
    if (upper == NULL)
        return NULL;
    Py_ssize_t n = PyObject_Length(upper);
    Py_DECREF(upper);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}
/* oracle: call text_shout_len_ok('abc') */

/* Bug: the encoded bytes are read without checking the encoding worked. */
static PyObject *
text_byte_len(PyObject *self, PyObject *arg)
{
    PyObject *b = PyUnicode_AsUTF8String(arg);
    Py_ssize_t n = PyBytes_GET_SIZE(b);   // expect: null-unchecked
    Py_DECREF(b);
    return PyLong_FromSsize_t(n);
}
/* oracle: call text_byte_len('abc') */

/* Correct. */
static PyObject *
text_byte_len_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *b = PyUnicode_AsUTF8String(arg);
    if (b == NULL)
        return NULL;
    Py_ssize_t n = PyBytes_GET_SIZE(b);
    Py_DECREF(b);
    return PyLong_FromSsize_t(n);
}
/* oracle: call text_byte_len_ok('abc') */

/* Bug: the separator string is released without a check; Py_DECREF(NULL) crashes. */
static PyObject *
text_join(PyObject *self, PyObject *seq)
{
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *r = PyUnicode_Join(sep, seq);   // expect: null-unchecked
    Py_DECREF(sep);
    return r;
}
/* oracle: call text_join(['a', 'b']) */

/* Correct. */
static PyObject *
text_join_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    PyObject *sep = PyUnicode_FromString(", ");
    if (sep == NULL)
        return NULL;
    PyObject *r = PyUnicode_Join(sep, seq);
    Py_DECREF(sep);
    return r;
}
/* oracle: call text_join_ok(['a', 'b']) */

static PyMethodDef text_methods[] = {
    {"greet", text_greet, METH_VARARGS, NULL},
    {"greet_ok", text_greet_ok, METH_VARARGS, NULL},
    {"pair", text_pair, METH_VARARGS, NULL},
    {"pair_ok", text_pair_ok, METH_VARARGS, NULL},
    {"shout_len", text_shout_len, METH_O, NULL},
    {"shout_len_ok", text_shout_len_ok, METH_O, NULL},
    {"byte_len", text_byte_len, METH_O, NULL},
    {"byte_len_ok", text_byte_len_ok, METH_O, NULL},
    {"join", text_join, METH_O, NULL},
    {"join_ok", text_join_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef text_module = {
    PyModuleDef_HEAD_INIT, "text", NULL, -1, text_methods,
};

PyMODINIT_FUNC
PyInit_text(void)
{
    // expect-clean
    return PyModule_Create(&text_module);
}
