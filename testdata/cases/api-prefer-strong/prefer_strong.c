/* api-prefer-strong: calls to APIs that have a safer replacement at the selected Python version
 * (by default the version of the headers in use: 3.11 in this suite). Replacements that only
 * exist in later versions (PyDict_GetItemRef, PyList_GetItemRef: 3.13) are not suggested. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: PyModule_AddObject steals only on success; PyModule_AddObjectRef (3.10) never steals. */
static int
add_version(PyObject *module)
{
    PyObject *v = PyUnicode_FromString("1.0");
    if (v == NULL)
        return -1;
    if (PyModule_AddObject(module, "__version__", v) < 0) {  // expect: api-prefer-strong
        Py_DECREF(v);
        return -1;
    }
    return 0;
}

/* Bug: PyEval_GetFrame has PyThreadState_GetFrame (3.9), which returns a strong reference. */
static PyObject *
current_frame(PyObject *self, PyObject *unused)
{
    PyFrameObject *f = PyEval_GetFrame();  // expect: api-prefer-strong
    if (f == NULL)
        Py_RETURN_NONE;
    return Py_NewRef((PyObject *)f);
}

/* Bug: PyImport_ImportModuleNoBlock is PyImport_ImportModule since 3.3. */
static PyObject *
import_math(PyObject *self, PyObject *unused)
{
    return PyImport_ImportModuleNoBlock("math");  // expect: api-prefer-strong
}

/* Bug: PyEval_CallObject has been PyObject_CallObject's older spelling. */
static PyObject *
call_it(PyObject *self, PyObject *callable)
{
    return PyEval_CallObject(callable, NULL);  // expect: api-prefer-strong
}

/* Bug: each call site is reported. */
static int
add_two(PyObject *module)
{
    PyObject *a = PyLong_FromLong(1);
    if (a == NULL)
        return -1;
    if (PyModule_AddObject(module, "a", a) < 0) {  // expect: api-prefer-strong
        Py_DECREF(a);
        return -1;
    }
    PyObject *b = PyLong_FromLong(2);
    if (b == NULL)
        return -1;
    if (PyModule_AddObject(module, "b", b) < 0) {  // expect: api-prefer-strong
        Py_DECREF(b);
        return -1;
    }
    return 0;
}

/* Correct: the strong-reference API. */
static int
add_version_ok(PyObject *module)
{
    // expect-clean
    PyObject *v = PyUnicode_FromString("1.0");
    if (v == NULL)
        return -1;
    int rc = PyModule_AddObjectRef(module, "__version__", v);
    Py_DECREF(v);
    return rc;
}

/* Correct at 3.11: PyDict_GetItemRef only exists from 3.13. */
static PyObject *
lookup_ok(PyObject *self, PyObject *dict)
{
    // expect-clean
    PyObject *v = PyDict_GetItemWithError(dict, self);
    if (v == NULL) {
        if (PyErr_Occurred())
            return NULL;
        Py_RETURN_NONE;
    }
    return Py_NewRef(v);
}

/* Correct at 3.11: PyList_GetItemRef only exists from 3.13. */
static PyObject *
first_ok(PyObject *self, PyObject *list)
{
    // expect-clean
    PyObject *item = PyList_GetItem(list, 0);
    return Py_XNewRef(item);
}

/* Correct at 3.11: PyErr_GetRaisedException only exists from 3.12. */
static PyObject *
swallow_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    Py_RETURN_NONE;
}

/* Correct: PyThreadState_GetFrame returns a strong reference. */
static PyObject *
current_frame_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyFrameObject *f = PyThreadState_GetFrame(PyThreadState_Get());
    if (f == NULL)
        Py_RETURN_NONE;
    return (PyObject *)f;
}

static PyMethodDef methods[] = {
    {"current_frame", current_frame, METH_NOARGS, NULL},
    {"import_math", import_math, METH_NOARGS, NULL},
    {"call_it", call_it, METH_O, NULL},
    {"lookup_ok", lookup_ok, METH_O, NULL},
    {"first_ok", first_ok, METH_O, NULL},
    {"swallow_ok", swallow_ok, METH_NOARGS, NULL},
    {"current_frame_ok", current_frame_ok, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int add_all(PyObject *m);
int add_all(PyObject *m) { return add_version(m) + add_two(m) + add_version_ok(m); }

/* The module: the oracle runs the table's functions with it as self (tests/differential). */
static struct PyModuleDef prefer_strong_module = {
    PyModuleDef_HEAD_INIT, "prefer_strong", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit_prefer_strong(void)
{
    // expect-clean
    return PyModule_Create(&prefer_strong_module);
}
