/* ref-steal-borrowed: a new reference stored into a global (or a member) that another function
 * of the file releases, then given to a call that steals it, without a Py_INCREF of its own. The
 * module now holds the one reference, and m_free releases it a second time. The classic spelling
 * is `Error = PyErr_NewException(..); PyModule_AddObject(m, "Error", Error);`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *ErrorType = NULL;     /* owned: released by stolen_free */
static PyObject *WarningType = NULL;   /* owned: released by stolen_free */
static PyObject *Sentinel = NULL;      /* never released: the module's dict keeps it alive */

typedef struct {
    PyObject *cache;                   /* owned: released by stolen_clear */
} StolenState;

static int
stolen_clear(PyObject *module)
{
    // expect-clean
    StolenState *state = (StolenState *)PyModule_GetState(module);
    Py_CLEAR(state->cache);
    return 0;
}

static void
stolen_free(void *module)
{
    // expect-clean
    Py_CLEAR(ErrorType);
    Py_CLEAR(WarningType);
    stolen_clear((PyObject *)module);
}

/* Bug: the global's reference goes to the module. */
static int
add_error(PyObject *module)
{
    ErrorType = PyErr_NewException("stolen.Error", NULL, NULL);
    if (ErrorType == NULL) {
        return -1;
    }
    if (PyModule_AddObject(module, "Error", ErrorType) < 0) {  // expect: api-prefer-strong, ref-steal-borrowed
        return -1;
    }
    return 0;
}

/* Right: the module gets a reference of its own. */
static int
add_warning(PyObject *module)
{
    // expect-clean
    WarningType = PyErr_NewException("stolen.Warning", PyExc_Warning, NULL);
    if (WarningType == NULL) {
        return -1;
    }
    Py_INCREF(WarningType);
    if (PyModule_AddObject(module, "Warning", WarningType) < 0) {  // expect: api-prefer-strong
        Py_DECREF(WarningType);
        return -1;
    }
    return 0;
}

/* Right: nothing releases Sentinel; it borrows the module's reference on purpose. */
static int
add_sentinel(PyObject *module)
{
    // expect-clean
    Sentinel = PyList_New(0);
    if (Sentinel == NULL) {
        return -1;
    }
    if (PyModule_AddObject(module, "sentinel", Sentinel) < 0) {  // expect: api-prefer-strong
        Py_CLEAR(Sentinel);
        return -1;
    }
    return 0;
}

/* Bug: the module state's member is cleared by stolen_clear, and its reference went into a tuple. */
static int
add_cache(PyObject *module)
{
    StolenState *state = (StolenState *)PyModule_GetState(module);
    PyObject *pair = PyTuple_New(1);
    if (pair == NULL) {
        return -1;
    }
    state->cache = PyDict_New();
    if (state->cache == NULL) {
        Py_DECREF(pair);
        return -1;
    }
    PyTuple_SET_ITEM(pair, 0, state->cache);  // expect: ref-steal-borrowed
    if (PyModule_AddObject(module, "cache", pair) < 0) {  // expect: api-prefer-strong
        Py_DECREF(pair);
        return -1;
    }
    return 0;
}

/* Right: the member keeps its reference; the tuple gets another. */
static int
add_cache_ok(PyObject *module)
{
    // expect-clean
    StolenState *state = (StolenState *)PyModule_GetState(module);
    PyObject *pair = PyTuple_New(1);
    if (pair == NULL) {
        return -1;
    }
    Py_XSETREF(state->cache, PyDict_New());
    if (state->cache == NULL) {
        Py_DECREF(pair);
        return -1;
    }
    Py_INCREF(state->cache);
    PyTuple_SET_ITEM(pair, 0, state->cache);
    if (PyModule_AddObject(module, "cache", pair) < 0) {  // expect: api-prefer-strong
        Py_DECREF(pair);
        return -1;
    }
    return 0;
}

static struct PyModuleDef stolen_module = {
    PyModuleDef_HEAD_INIT, "stolen", NULL, sizeof(StolenState), NULL, NULL, NULL,
    stolen_clear, stolen_free,
};

PyMODINIT_FUNC
PyInit_stolen(void)
{
    // expect-clean
    PyObject *module = PyModule_Create(&stolen_module);
    if (module == NULL) {
        return NULL;
    }
    if (add_warning(module) < 0 || add_sentinel(module) < 0 || add_cache_ok(module) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
