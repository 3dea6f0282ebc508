/* convert — a module of number conversions, with the classic result returned while an exception
 * is still set: a conversion's error ignored, or a failed lookup's KeyError left pending while a
 * default is returned. The interpreter then raises SystemError ("returned a result with an
 * exception set"). Each bug has a correct twin. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyLong_AsLong failed (TypeError / OverflowError) but a result is returned. */
static PyObject *
convert_double(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    return PyLong_FromLong(v * 2);   // expect: exc-success-with-error
}
/* oracle: call convert_double(21) */
/* oracle: call convert_double('x') */

/* Correct. */
static PyObject *
convert_double_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(v * 2);
}
/* oracle: call convert_double_ok(21) */
/* oracle: call convert_double_ok('x') */

/* Bug: a failed attribute look-up leaves AttributeError set while None is returned. */
static PyObject *
convert_name_of(PyObject *self, PyObject *obj)
{
    PyObject *name = PyObject_GetAttrString(obj, "name");
    if (name == NULL)
        Py_RETURN_NONE;   // expect: exc-success-with-error
    return name;
}
/* oracle: call convert_name_of(1) */

/* Correct: the AttributeError is cleared before the default is returned. */
static PyObject *
convert_name_of_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *name = PyObject_GetAttrString(obj, "name");
    if (name == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return NULL;
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return name;
}
/* oracle: call convert_name_of_ok(1) */

/* Bug: PyFloat_AsDouble's error is not checked. */
static PyObject *
convert_half(PyObject *self, PyObject *arg)
{
    double d = PyFloat_AsDouble(arg);
    return PyFloat_FromDouble(d / 2.0);   // expect: exc-success-with-error
}
/* oracle: call convert_half(3.0) */
/* oracle: call convert_half('x') */

/* Correct. */
static PyObject *
convert_half_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    double d = PyFloat_AsDouble(arg);
    if (d == -1.0 && PyErr_Occurred())
        return NULL;
    return PyFloat_FromDouble(d / 2.0);
}
/* oracle: call convert_half_ok(3.0) */
/* oracle: call convert_half_ok('x') */

/* Bug: the KeyError of PyObject_GetItem stays set while a default is returned. */
static PyObject *
convert_lookup(PyObject *self, PyObject *args)
{
    PyObject *mapping, *key;
    if (!PyArg_ParseTuple(args, "OO", &mapping, &key))
        return NULL;
    PyObject *v = PyObject_GetItem(mapping, key);
    if (v == NULL)
        return PyLong_FromLong(0);   // expect: exc-success-with-error
    return v;
}
/* oracle: call convert_lookup({'a': 1}, 'a') */
/* oracle: call convert_lookup({'a': 1}, 'b') */

/* Correct. */
static PyObject *
convert_lookup_ok(PyObject *self, PyObject *args)
{
    // expect-clean
    PyObject *mapping, *key;
    if (!PyArg_ParseTuple(args, "OO", &mapping, &key))
        return NULL;
    PyObject *v = PyObject_GetItem(mapping, key);
    if (v == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_KeyError))
            return NULL;
        PyErr_Clear();
        return PyLong_FromLong(0);
    }
    return v;
}
/* oracle: call convert_lookup_ok({'a': 1}, 'a') */
/* oracle: call convert_lookup_ok({'a': 1}, 'b') */

/* Bug: a warning turned into an error is ignored. */
static PyObject *
convert_legacy(PyObject *self, PyObject *unused)
{
    PyErr_WarnEx(PyExc_DeprecationWarning, "legacy() is deprecated", 1);
    return PyLong_FromLong(1);   // expect: exc-success-with-error
}

/* Correct. */
static PyObject *
convert_legacy_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    if (PyErr_WarnEx(PyExc_DeprecationWarning, "legacy() is deprecated", 1) < 0)
        return NULL;
    return PyLong_FromLong(1);
}

static PyMethodDef convert_methods[] = {
    {"double", convert_double, METH_O, NULL},
    {"double_ok", convert_double_ok, METH_O, NULL},
    {"name_of", convert_name_of, METH_O, NULL},
    {"name_of_ok", convert_name_of_ok, METH_O, NULL},
    {"half", convert_half, METH_O, NULL},
    {"half_ok", convert_half_ok, METH_O, NULL},
    {"lookup", convert_lookup, METH_VARARGS, NULL},
    {"lookup_ok", convert_lookup_ok, METH_VARARGS, NULL},
    {"legacy", convert_legacy, METH_NOARGS, NULL},
    {"legacy_ok", convert_legacy_ok, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef convert_module = {
    PyModuleDef_HEAD_INIT, "convert", NULL, -1, convert_methods,
};

PyMODINIT_FUNC
PyInit_convert(void)
{
    // expect-clean
    return PyModule_Create(&convert_module);
}
