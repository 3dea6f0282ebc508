/* format-args: PyArg_Parse* and Py_BuildValue formats against their C arguments (count and
 * types), and calls that match. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: "i" stores an int, but a Py_ssize_t is passed. */
static PyObject *
int_into_ssize(PyObject *self, PyObject *args)
{
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "i", &n))  // expect: format-args
        return NULL;
    return PyLong_FromSsize_t(n);
}

/* Bug: two codes, one pointer. */
static PyObject *
too_few_pointers(PyObject *self, PyObject *args)
{
    int a = 0, b = 0;
    if (!PyArg_ParseTuple(args, "ii", &a))  // expect: format-args
        return NULL;
    return PyLong_FromLong(a + b);
}

/* Bug: "O" needs the address of a PyObject *, not the object. */
static PyObject *
object_not_address(PyObject *self, PyObject *args)
{
    PyObject *obj = NULL;
    if (!PyArg_ParseTuple(args, "O", obj))  // expect: format-args
        return NULL;
    Py_RETURN_NONE;
}

/* Bug: Py_BuildValue given fewer values than its format describes. */
static PyObject *
build_too_few(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(ii)", 1);  // expect: format-args
}

/* Bug: "s" wants a C string, not a long. */
static PyObject *
build_wrong_type(PyObject *self, PyObject *unused)
{
    long v = 3;
    return Py_BuildValue("s", v);  // expect: format-args
}

/* Bug: an unbalanced format. */
static PyObject *
build_malformed(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(ii", 1, 2);  // expect: format-args
}

/* Correct: "s#" with a Py_ssize_t length under PY_SSIZE_T_CLEAN, and "n". */
static PyObject *
string_and_size_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    const char *s;
    Py_ssize_t len, n;
    if (!PyArg_ParseTuple(args, "s#n", &s, &len, &n))
        return NULL;
    return PyLong_FromSsize_t(len + n);
}

/* Correct: "O!" takes the type and the address of the object. */
static PyObject *
typed_object_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *list;
    if (!PyArg_ParseTuple(args, "O!:typed", &PyList_Type, &list))
        return NULL;
    return PyLong_FromSsize_t(PyList_GET_SIZE(list));
}

/* Correct: optional arguments after '|', keywords. */
static PyObject *
keywords_ok(PyObject *self, PyObject *args, PyObject *kwds)
{
    // expect-clean
    static char *kwlist[] = {"a", "b", NULL};
    int a = 0;
    double b = 1.0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|id", kwlist, &a, &b))
        return NULL;
    return PyFloat_FromDouble(a * b);
}

/* Correct: a tuple of an int and an object. */
static PyObject *
build_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    return Py_BuildValue("(iO)", 1, obj);
}

/* Correct: a dict with string keys and a Py_ssize_t value. */
static PyObject *
build_dict_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    Py_ssize_t n = 2;
    return Py_BuildValue("{s:O,s:n}", "obj", obj, "n", n);
}

static PyMethodDef methods[] = {
    {"int_into_ssize", int_into_ssize, METH_VARARGS, NULL},
    {"too_few_pointers", too_few_pointers, METH_VARARGS, NULL},
    {"object_not_address", object_not_address, METH_VARARGS, NULL},
    {"build_too_few", build_too_few, METH_NOARGS, NULL},
    {"build_wrong_type", build_wrong_type, METH_NOARGS, NULL},
    {"build_malformed", build_malformed, METH_NOARGS, NULL},
    {"string_and_size_ok", string_and_size_ok, METH_VARARGS, NULL},
    {"typed_object_ok", typed_object_ok, METH_VARARGS, NULL},
    {"keywords_ok", (PyCFunction)(void (*)(void))keywords_ok, METH_VARARGS | METH_KEYWORDS, NULL},
    {"build_ok", build_ok, METH_O, NULL},
    {"build_dict_ok", build_dict_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
