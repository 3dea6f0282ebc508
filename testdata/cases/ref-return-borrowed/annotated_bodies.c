/* An annotated function's own body is checked against its annotation (issue 5): returns-new
 * must return a new reference, returns-borrowed must not hand out one it owns, and
 * sets-exception / sets-exception-on-negative must set an exception with their failure. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* pyrefcheck/annotations.h spells these; written out so that the case needs no -I */
#define PYREFCHECK_RETURNS_NEW __attribute__((annotate("pyrefcheck_returns_new")))
#define PYREFCHECK_RETURNS_BORROWED __attribute__((annotate("pyrefcheck_returns_borrowed")))
#define PYREFCHECK_SETS_EXCEPTION __attribute__((annotate("pyrefcheck_sets_exception")))
#define PYREFCHECK_SETS_EXCEPTION_ON_NEGATIVE \
    __attribute__((annotate("pyrefcheck_sets_exception_on_negative")))

/* Bug: returns-new, but Py_None is returned without a reference. */
PYREFCHECK_RETURNS_NEW static PyObject *
default_value(PyObject *cfg)
{
    PyObject *v = PyObject_GetAttrString(cfg, "default");
    if (v != NULL)
        return v;
    PyErr_Clear();
    return Py_None;  // expect: ref-return-borrowed
}

/* Correct. */
PYREFCHECK_RETURNS_NEW static PyObject *
default_value_ok(PyObject *cfg)
{
    // expect-clean
    PyObject *v = PyObject_GetAttrString(cfg, "default");
    if (v != NULL)
        return v;
    PyErr_Clear();
    Py_RETURN_NONE;
}

/* Bug: returns-new, but the item is borrowed from the list. */
PYREFCHECK_RETURNS_NEW static PyObject *
head(PyObject *list)
{
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    return item;  // expect: ref-return-borrowed
}

/* Correct. */
PYREFCHECK_RETURNS_NEW static PyObject *
head_ok(PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    Py_INCREF(item);
    return item;
}

/* Bug: returns-borrowed, but the caller is handed a new reference nobody releases. */
PYREFCHECK_RETURNS_BORROWED static PyObject *
lookup_name(PyObject *obj)
{
    return PyObject_GetAttrString(obj, "name");  // expect: ref-leak
}

/* Correct: borrowed from the dict. */
PYREFCHECK_RETURNS_BORROWED static PyObject *
lookup_name_ok(PyObject *dict)
{
    // expect-clean
    PyObject *v = PyDict_GetItemString(dict, "name");
    if (v == NULL && !PyErr_Occurred())
        PyErr_SetString(PyExc_KeyError, "name");
    return v;
}

/* Bug: sets-exception, but -1 comes back without one. */
PYREFCHECK_SETS_EXCEPTION static int
check_positive(long n)
{
    if (n <= 0)
        return -1;  // expect: exc-null-without-error
    return 0;
}

/* Correct. */
PYREFCHECK_SETS_EXCEPTION static int
check_positive_ok(long n)
{
    // expect-clean
    if (n <= 0) {
        PyErr_SetString(PyExc_ValueError, "n must be positive");
        return -1;
    }
    return 0;
}

/* Bug: sets-exception-on-negative, but -2 comes back without one. */
PYREFCHECK_SETS_EXCEPTION_ON_NEGATIVE static int
find_slot(PyObject *table, PyObject *key)
{
    int r = PySequence_Contains(table, key);
    if (r < 0)
        return -1;
    if (r == 0)
        return -2;  // expect: exc-null-without-error
    return 1;
}

/* Correct: a negative result always comes with the exception. */
PYREFCHECK_SETS_EXCEPTION_ON_NEGATIVE static int
find_slot_ok(PyObject *table, PyObject *key)
{
    // expect-clean
    int r = PySequence_Contains(table, key);
    if (r < 0)
        return -1;
    if (r == 0) {
        PyErr_SetObject(PyExc_KeyError, key);
        return -2;
    }
    return 1;
}

static PyObject *
use_all(PyObject *self, PyObject *arg)
{
    // expect-clean
    PyObject *a = default_value_ok(arg);
    if (a == NULL)
        return NULL;
    Py_DECREF(a);
    PyObject *b = head_ok(arg);
    if (b == NULL)
        return NULL;
    Py_DECREF(b);
    if (lookup_name_ok(arg) == NULL)
        return NULL;
    if (check_positive_ok(1) < 0)
        return NULL;
    if (find_slot_ok(arg, arg) < 0)
        return NULL;
    (void)default_value;
    (void)head;
    (void)lookup_name;
    (void)check_positive;
    (void)find_slot;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"use_all", use_all, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
