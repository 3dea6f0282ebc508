/* capi_misuse.c — misuse of the C-API that CPython survives: NULLs where it checks for them, wrong
 * types, bad sizes. A module with one function, run(), that makes each call and returns one line
 * per call: "name: ExceptionName" or "name: ok". It is compiled unchanged as a genuine CPython
 * extension (capi_extension_compare.py) and into test_capi_extensions on the runtime; the two lists
 * of lines must be equal: the runtime raises what CPython raises (SystemError for "bad argument to
 * internal function", TypeError, ...) and never crashes where CPython does not.
 * Only calls whose CPython 3.11 release build checks the argument are here (many NULLs crash it).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Appends "name: <outcome>" to lines; failed says whether the call reported failure. */
static int record(PyObject *lines, const char *name, int failed)
{
    PyObject *line;
    if (!failed && !PyErr_Occurred()) {
        line = PyUnicode_FromFormat("%s: ok", name);
    } else if (PyErr_Occurred()) {
        const char *tname = ((PyTypeObject *)PyErr_Occurred())->tp_name;
        PyErr_Clear();
        line = PyUnicode_FromFormat("%s: %s", name, tname);
    } else {
        line = PyUnicode_FromFormat("%s: failed without an exception", name);
    }
    if (line == NULL) {
        return -1;
    }
    int rc = PyList_Append(lines, line);
    Py_DECREF(line);
    return rc;
}

#define OBJ_CASE(name, expr)                                                                       \
    do {                                                                                           \
        PyObject *r_ = (expr);                                                                     \
        if (record(lines, name, r_ == NULL) < 0) goto error;                                       \
        Py_XDECREF(r_);                                                                            \
    } while (0)
#define INT_CASE(name, expr)                                                                       \
    do {                                                                                           \
        long r_ = (long)(expr);                                                                    \
        if (record(lines, name, r_ == -1) < 0) goto error;                                         \
    } while (0)
#define PTR_CASE(name, expr)                                                                       \
    do {                                                                                           \
        const void *r_ = (const void *)(expr);                                                     \
        if (record(lines, name, r_ == NULL) < 0) goto error;                                       \
    } while (0)
#define VOID_CASE(name, stmt)                                                                      \
    do {                                                                                           \
        stmt;                                                                                      \
        if (record(lines, name, 0) < 0) goto error;                                                \
    } while (0)

static PyObject *
run(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    PyObject *lines = PyList_New(0);
    PyObject *list = PyList_New(0);
    PyObject *tuple = PyTuple_New(1);
    PyObject *dict = PyDict_New();
    PyObject *str = PyUnicode_FromString("text");
    PyObject *num = PyLong_FromLong(1000);
    PyObject *frozen = PyFrozenSet_New(NULL);
    PyObject *minus = PyLong_FromLong(-5);
    if (!lines || !list || !tuple || !dict || !str || !num || !frozen || !minus) {
        goto error;
    }
    PyTuple_SET_ITEM(tuple, 0, Py_NewRef(Py_None));

    /* lists */
    INT_CASE("PyList_Append(str, x)", PyList_Append(str, num));
    INT_CASE("PyList_Append(list, NULL)", PyList_Append(list, NULL));
    PTR_CASE("PyList_GetItem(str, 0)", PyList_GetItem(str, 0));
    PTR_CASE("PyList_GetItem(list, 5)", PyList_GetItem(list, 5));
    INT_CASE("PyList_SetItem(str, 0, x)", PyList_SetItem(str, 0, Py_NewRef(num)));
    INT_CASE("PyList_SetItem(list, 3, x)", PyList_SetItem(list, 3, Py_NewRef(num)));
    INT_CASE("PyList_Insert(dict, 0, x)", PyList_Insert(dict, 0, num));
    INT_CASE("PyList_Size(tuple)", PyList_Size(tuple));
    OBJ_CASE("PyList_New(-1)", PyList_New(-1));
    OBJ_CASE("PyList_AsTuple(dict)", PyList_AsTuple(dict));
    INT_CASE("PyList_Sort(tuple)", PyList_Sort(tuple));
    /* tuples */
    PTR_CASE("PyTuple_GetItem(list, 0)", PyTuple_GetItem(list, 0));
    PTR_CASE("PyTuple_GetItem(tuple, 1)", PyTuple_GetItem(tuple, 1));
    INT_CASE("PyTuple_SetItem(list, 0, x)", PyTuple_SetItem(list, 0, Py_NewRef(num)));
    Py_INCREF(tuple);   /* shared: SetItem must refuse it */
    INT_CASE("PyTuple_SetItem(shared, 0, x)", PyTuple_SetItem(tuple, 0, Py_NewRef(num)));
    Py_DECREF(tuple);
    INT_CASE("PyTuple_Size(list)", PyTuple_Size(list));
    OBJ_CASE("PyTuple_New(-1)", PyTuple_New(-1));
    OBJ_CASE("PyTuple_GetSlice(list, 0, 1)", PyTuple_GetSlice(list, 0, 1));
    /* dicts */
    INT_CASE("PyDict_SetItem(list, k, v)", PyDict_SetItem(list, str, num));
    INT_CASE("PyDict_SetItem(dict, list, v)", PyDict_SetItem(dict, list, num));
    OBJ_CASE("PyDict_GetItemWithError(list, k)", Py_XNewRef(PyDict_GetItemWithError(list, str)));
    PTR_CASE("PyDict_GetItem(list, k)", PyDict_GetItem(list, str));
    PTR_CASE("PyDict_GetItem(dict, list)", PyDict_GetItem(dict, list));
    INT_CASE("PyDict_DelItem(dict, missing)", PyDict_DelItem(dict, str));
    INT_CASE("PyDict_Size(list)", PyDict_Size(list));
    OBJ_CASE("PyDict_Keys(list)", PyDict_Keys(list));
    OBJ_CASE("PyDict_Copy(list)", PyDict_Copy(list));
    INT_CASE("PyDict_Contains(dict, list)", PyDict_Contains(dict, list));
    INT_CASE("PyDict_Merge(list, dict, 1)", PyDict_Merge(list, dict, 1));
    /* numbers */
    INT_CASE("PyLong_AsLong(str)", PyLong_AsLong(str));
    INT_CASE("PyLong_AsLong(NULL)", PyLong_AsLong(NULL));
    INT_CASE("PyLong_AsSsize_t(str)", PyLong_AsSsize_t(str));
    INT_CASE("PyLong_AsUnsignedLong(-5)", PyLong_AsUnsignedLong(minus) == (unsigned long)-1 && PyErr_Occurred() ? -1 : 0);
    OBJ_CASE("PyNumber_Index(str)", PyNumber_Index(str));
    OBJ_CASE("PyNumber_Add(num, str)", PyNumber_Add(num, str));
    OBJ_CASE("PyNumber_Multiply(str, str)", PyNumber_Multiply(str, str));
    OBJ_CASE("PyNumber_Long(list)", PyNumber_Long(list));
    OBJ_CASE("PyNumber_Float(str)", PyNumber_Float(str));
    /* strings and bytes */
    PTR_CASE("PyUnicode_AsUTF8(num)", PyUnicode_AsUTF8(num));
    OBJ_CASE("PyUnicode_Concat(str, num)", PyUnicode_Concat(str, num));
    OBJ_CASE("PyUnicode_FromString(invalid)", PyUnicode_FromString("\xff\xfe"));
    OBJ_CASE("PyUnicode_Join(str, num)", PyUnicode_Join(str, num));
    INT_CASE("PyUnicode_GetLength(num)", PyUnicode_GetLength(num));
    INT_CASE("PyUnicode_Compare(str, num)", PyUnicode_Compare(str, num) == -1 && PyErr_Occurred() ? -1 : 0);
    PTR_CASE("PyBytes_AsString(str)", PyBytes_AsString(str));
    INT_CASE("PyBytes_Size(str)", PyBytes_Size(str));
    OBJ_CASE("PyBytes_FromStringAndSize(x, -1)", PyBytes_FromStringAndSize("x", -1));
    /* sets */
    INT_CASE("PySet_Add(list, x)", PySet_Add(list, num));
    INT_CASE("PySet_Discard(frozenset, x)", PySet_Discard(frozen, num));
    INT_CASE("PySet_Size(list)", PySet_Size(list));
    OBJ_CASE("PySet_New(num)", PySet_New(num));
    /* objects and the abstract layer */
    OBJ_CASE("PyObject_GetAttr(str, num)", PyObject_GetAttr(str, num));
    OBJ_CASE("PyObject_GetAttrString(num, missing)", PyObject_GetAttrString(num, "missing"));
    INT_CASE("PyObject_SetAttrString(num, x, v)", PyObject_SetAttrString(num, "x", str));
    OBJ_CASE("PyObject_GetItem(num, 0)", PyObject_GetItem(num, num));
    OBJ_CASE("PyObject_GetItem(NULL, k)", PyObject_GetItem(NULL, str));
    INT_CASE("PyObject_SetItem(tuple, 0, v)", PyObject_SetItem(tuple, num, str));
    INT_CASE("PyObject_Size(num)", PyObject_Size(num));
    INT_CASE("PyObject_Hash(list)", PyObject_Hash(list));
    OBJ_CASE("PyObject_GetIter(num)", PyObject_GetIter(num));
    OBJ_CASE("PyObject_Call(list, tuple, NULL)", PyObject_Call(list, tuple, NULL));
    OBJ_CASE("PyObject_CallMethod(str, missing)", PyObject_CallMethod(str, "missing", NULL));
    OBJ_CASE("PyObject_RichCompare(num, str, <)", PyObject_RichCompare(num, str, Py_LT));
    INT_CASE("PyObject_IsInstance(num, num)", PyObject_IsInstance(num, num));
    OBJ_CASE("PySequence_GetItem(dict, 0)", PySequence_GetItem(dict, 0));
    INT_CASE("PySequence_Size(NULL)", PySequence_Size(NULL));
    OBJ_CASE("PySequence_Fast(num)", PySequence_Fast(num, "not a sequence"));
    OBJ_CASE("PySequence_Tuple(num)", PySequence_Tuple(num));
    INT_CASE("PySequence_Index(list, x)", PySequence_Index(list, num));
    OBJ_CASE("PyMapping_Keys(num)", PyMapping_Keys(num));
    OBJ_CASE("PyMapping_GetItemString(dict, missing)", PyMapping_GetItemString(dict, "missing"));
    /* modules, capsules, errors */
    OBJ_CASE("PyModule_GetDict(str)", Py_XNewRef(PyModule_GetDict(str)));
    PTR_CASE("PyModule_GetState(str)", PyModule_GetState(str));
    INT_CASE("PyModule_AddObjectRef(str, n, v)", PyModule_AddObjectRef(str, "n", num));
    PTR_CASE("PyCapsule_GetPointer(str, n)", PyCapsule_GetPointer(str, "n"));
    OBJ_CASE("PyCapsule_New(NULL, n, NULL)", PyCapsule_New(NULL, "n", NULL));
    INT_CASE("PyArg_ParseTuple(list, O)", PyArg_ParseTuple(list, "O", &num) ? 0 : -1);
    VOID_CASE("PyErr_SetObject(str, NULL)", PyErr_SetObject(str, NULL));
    OBJ_CASE("PyErr_NewException(nodot)", PyErr_NewException("nodot", NULL, NULL));

    Py_DECREF(list);
    Py_DECREF(tuple);
    Py_DECREF(dict);
    Py_DECREF(str);
    Py_DECREF(num);
    Py_DECREF(frozen);
    Py_DECREF(minus);
    return lines;
error:
    Py_XDECREF(lines);
    Py_XDECREF(list);
    Py_XDECREF(tuple);
    Py_XDECREF(dict);
    Py_XDECREF(str);
    Py_XDECREF(num);
    Py_XDECREF(frozen);
    Py_XDECREF(minus);
    return NULL;
}

static PyMethodDef misuse_methods[] = {
    {"run", run, METH_NOARGS, "Run every misuse; one line per call."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef misuse_module = {
    PyModuleDef_HEAD_INIT, "capi_misuse", NULL, -1, misuse_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit_capi_misuse(void)
{
    return PyModule_Create(&misuse_module);
}
