/* Py_CLEAR inside a project's macro whose body has a comparison of its own. The test inside
 * Py_CLEAR (`_py_tmp != NULL` in 3.8 ... 3.11) is read from Py_CLEAR's definition, not from the
 * `==` of the macro around it; read wrongly, every reassignment would look like a leak. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define LOAD_ATTR(var, obj, name)               \
    Py_CLEAR(var);                              \
    var = PyObject_GetAttrString(obj, name);    \
    if (var == NULL) {                          \
        goto fail;                              \
    }

/* Correct: each load releases the previous attribute, the last is returned. */
static PyObject *
last_attr_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    PyObject *attr = NULL;
    LOAD_ATTR(attr, obj, "upper");
    LOAD_ATTR(attr, obj, "lower");
    return attr;
fail:
    return NULL;
}
/* oracle: call last_attr_ok('abc') */

/* Bug: the last attribute is never released. */
static PyObject *
count_attrs(PyObject *self, PyObject *obj)
{
    PyObject *attr = NULL;
    LOAD_ATTR(attr, obj, "upper");
    LOAD_ATTR(attr, obj, "lower");
    Py_RETURN_NONE;  // expect: ref-leak
fail:
    return NULL;
}
/* oracle: call count_attrs('abc') */

static PyMethodDef macro_nesting_methods[] = {
    {"last_attr_ok", last_attr_ok, METH_O, NULL},
    {"count_attrs", count_attrs, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef macro_nesting_module = {
    PyModuleDef_HEAD_INIT, "macro_nesting", NULL, -1, macro_nesting_methods,
};

PyMODINIT_FUNC
PyInit_macro_nesting(void)
{
    // expect-clean
    return PyModule_Create(&macro_nesting_module);
}
