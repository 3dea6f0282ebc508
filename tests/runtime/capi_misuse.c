/* capi_misuse.c — misuse of the C-API that CPython survives: NULLs where it checks for them, wrong
 * types, bad sizes. A module with one function, run(), that makes each call and returns one line
 * per call: "name: ExceptionName" or "name: ok". It is compiled unchanged as a genuine CPython
 * extension (capi_extension_compare.py) and into test_capi_extensions on the runtime; the two lists
 * of lines must be equal: the runtime raises what CPython raises (SystemError for "bad argument to
 * internal function", TypeError, ...) and never crashes where CPython does not.
 * Each line carries the exception's type and message ("SystemError: bad argument to internal
 * function"; the "file.c:LINE: " prefix CPython's PyErr_BadInternalCall adds is dropped), so the
 * runtime must raise CPython's exact exception, not just one of the same type.
 * The sweep covers every family of the concrete and abstract API: for each function that checks
 * its arguments, a NULL where CPython rejects one and an object of the wrong type. Only calls that
 * a CPython 3.11 release build survives are here (many NULLs crash it: those were tried against
 * python3 one by one and left out), nor calls whose argument CPython only asserts (PyObject_Call's
 * argument tuple: the runtime checks it) or whose outcome is an accident of CPython's warnings
 * machinery (PyErr_WarnEx with a category that is not a class). run(N) makes only the N-th call, to find the one that crashes.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The exception's text without the "file.c:LINE: " prefix of _PyErr_BadInternalCall. */
static const char *
strip_site(const char *msg)
{
    const char *p = strstr(msg, ".c:");
    if (p == NULL || memchr(msg, ' ', (size_t)(p - msg)) != NULL) {
        return msg;
    }
    p += 3;
    while (*p >= '0' && *p <= '9') {
        p++;
    }
    return p[0] == ':' && p[1] == ' ' ? p + 2 : msg;
}

/* Appends "name: ok" or "name: Type: message" to lines; failed says whether the call reported
 * failure. Clears the exception. */
static int
record(PyObject *lines, const char *name, int failed)
{
    PyObject *line;
    if (!failed && !PyErr_Occurred()) {
        line = PyUnicode_FromFormat("%s: ok", name);
    } else if (PyErr_Occurred()) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_NormalizeException(&type, &value, &tb);
        PyObject *text = value != NULL ? PyObject_Str(value) : NULL;
        const char *msg = text != NULL ? PyUnicode_AsUTF8(text) : NULL;
        PyErr_Clear();
        line = PyUnicode_FromFormat("%s: %s: %s", name, ((PyTypeObject *)type)->tp_name,
                                    msg != NULL ? strip_site(msg) : "?");
        Py_XDECREF(text);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
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

/* run(N) makes only call N; run() every call. */
static long only = -1, index_;
#define SELECTED() (only < 0 || index_++ == only)

#define OBJ_CASE(name, expr)                                                                       \
    do {                                                                                           \
        if (SELECTED()) {                                                                          \
            PyObject *r_ = (expr);                                                                 \
            if (record(lines, name, r_ == NULL) < 0) goto error;                                   \
            Py_XDECREF(r_);                                                                        \
        }                                                                                          \
    } while (0)
#define INT_CASE(name, expr)                                                                       \
    do {                                                                                           \
        if (SELECTED()) {                                                                          \
            long r_ = (long)(expr);                                                                \
            if (record(lines, name, r_ == -1) < 0) goto error;                                     \
        }                                                                                          \
    } while (0)
#define PTR_CASE(name, expr)                                                                       \
    do {                                                                                           \
        if (SELECTED()) {                                                                          \
            const void *r_ = (const void *)(expr);                                                 \
            if (record(lines, name, r_ == NULL) < 0) goto error;                                   \
        }                                                                                          \
    } while (0)
#define VOID_CASE(name, stmt)                                                                      \
    do {                                                                                           \
        if (SELECTED()) {                                                                          \
            stmt;                                                                                  \
            if (record(lines, name, 0) < 0) goto error;                                            \
        }                                                                                          \
    } while (0)

/* For calls that fail by returning 0 (PyArg_*, the Check-style answers). */
#define ZERO_CASE(name, expr)                                                                      \
    do {                                                                                           \
        if (SELECTED()) {                                                                          \
            long r_ = (long)(expr);                                                                \
            if (record(lines, name, r_ == 0) < 0) goto error;                                      \
        }                                                                                          \
    } while (0)

static int
always_fails(PyObject *Py_UNUSED(o), void *Py_UNUSED(addr))
{
    PyErr_SetString(PyExc_ValueError, "converter says no");
    return 0;
}

static struct PyModuleDef misuse_module;

static PyObject *
run(PyObject *Py_UNUSED(module), PyObject *args)
{
    only = -1;
    index_ = 0;
    if (!PyArg_ParseTuple(args, "|l:run", &only)) {
        return NULL;
    }
    PyObject *lines = PyList_New(0);
    PyObject *list = PyList_New(0);
    PyObject *tuple = PyTuple_New(1);
    PyObject *dict = PyDict_New();
    PyObject *str = PyUnicode_FromString("text");
    PyObject *num = PyLong_FromLong(1000);
    PyObject *frozen = PyFrozenSet_New(NULL);
    PyObject *minus = PyLong_FromLong(-5);
    PyObject *zero = PyLong_FromLong(0);
    PyObject *flt = PyFloat_FromDouble(2.5);
    PyObject *bytes = PyBytes_FromStringAndSize("a\0b", 3);
    PyObject *set = PySet_New(NULL);
    PyObject *cap = PyCapsule_New(&only, "misuse.cap", NULL);
    PyObject *mod = PyModule_New("misuse_mod");
    PyObject *nums = Py_BuildValue("[ii]", 1, 2);
    PyObject *ba = PyByteArray_FromStringAndSize("ab", 2);
    PyObject *fmt = PyUnicode_FromString("%d");
    PyObject *lol = Py_BuildValue("([])");
    PyObject *inf = PyFloat_FromDouble(Py_HUGE_VAL);
    PyObject *kw_a = Py_BuildValue("{s:i}", "a", 1);
    PyObject *kw_b = Py_BuildValue("{s:i}", "b", 1);
    PyObject *kw_1 = Py_BuildValue("{i:i}", 1, 1);
    PyObject *nums_t = Py_BuildValue("(ii)", 1, 2);
    PyObject *nul_str = PyUnicode_FromStringAndSize("a\0b", 3);
    PyObject *accented = PyUnicode_FromString("\xc3\xa9");
    PyObject *str_x = Py_BuildValue("(ss)", "text", "x");
    if (!lines || !list || !tuple || !dict || !str || !num || !frozen || !minus || !zero || !flt ||
        !bytes || !set || !cap || !mod || !nums || !ba || !fmt ||
        !lol || !inf || !kw_a || !kw_b || !kw_1 || !nums_t || !nul_str || !accented || !str_x) {
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

    /* --- the sweep: NULL where CPython checks, and the wrong type, family by family --- */
    /* lists */
    INT_CASE("PyList_Insert(list, 0, NULL)", PyList_Insert(list, 0, NULL));
    PTR_CASE("PyList_GetItem(list, -1)", PyList_GetItem(list, -1));
    OBJ_CASE("PyList_GetSlice(str, 0, 1)", PyList_GetSlice(str, 0, 1));
    INT_CASE("PyList_SetSlice(str, 0, 1, NULL)", PyList_SetSlice(str, 0, 1, NULL));
    INT_CASE("PyList_SetSlice(list, 0, 0, num)", PyList_SetSlice(list, 0, 0, num));
    INT_CASE("PyList_Reverse(str)", PyList_Reverse(str));
    INT_CASE("PyList_Reverse(NULL)", PyList_Reverse(NULL));
    INT_CASE("PyList_Sort(NULL)", PyList_Sort(NULL));
    OBJ_CASE("PyList_AsTuple(NULL)", PyList_AsTuple(NULL));
    /* tuples */
    PTR_CASE("PyTuple_GetItem(tuple, -1)", PyTuple_GetItem(tuple, -1));
    OBJ_CASE("PyTuple_GetSlice(NULL, 0, 1)", PyTuple_GetSlice(NULL, 0, 1));
    /* dicts */
    INT_CASE("PyDict_SetItemString(list, k, v)", PyDict_SetItemString(list, "k", num));
    INT_CASE("PyDict_DelItem(list, k)", PyDict_DelItem(list, str));
    INT_CASE("PyDict_DelItem(dict, list)", PyDict_DelItem(dict, list));
    INT_CASE("PyDict_DelItemString(list, k)", PyDict_DelItemString(list, "k"));
    INT_CASE("PyDict_DelItemString(dict, missing)", PyDict_DelItemString(dict, "missing"));
    PTR_CASE("PyDict_GetItemString(list, k)", PyDict_GetItemString(list, "k"));
    OBJ_CASE("PyDict_GetItemWithError(dict, list)", Py_XNewRef(PyDict_GetItemWithError(dict, list)));
    INT_CASE("PyDict_Size(NULL)", PyDict_Size(NULL));
    OBJ_CASE("PyDict_Keys(NULL)", PyDict_Keys(NULL));
    OBJ_CASE("PyDict_Values(list)", PyDict_Values(list));
    OBJ_CASE("PyDict_Items(list)", PyDict_Items(list));
    OBJ_CASE("PyDict_Copy(NULL)", PyDict_Copy(NULL));
    VOID_CASE("PyDict_Clear(list)", PyDict_Clear(list));
    INT_CASE("PyDict_Update(list, dict)", PyDict_Update(list, dict));
    INT_CASE("PyDict_Update(dict, num)", PyDict_Update(dict, num));
    INT_CASE("PyDict_Update(dict, NULL)", PyDict_Update(dict, NULL));
    INT_CASE("PyDict_Merge(dict, NULL, 1)", PyDict_Merge(dict, NULL, 1));
    INT_CASE("PyDict_Merge(dict, num, 1)", PyDict_Merge(dict, num, 1));
    INT_CASE("PyDict_MergeFromSeq2(dict, num, 1)", PyDict_MergeFromSeq2(dict, num, 1));
    INT_CASE("PyDict_MergeFromSeq2(dict, nums, 1)", PyDict_MergeFromSeq2(dict, nums, 1));
    INT_CASE("PyDict_MergeFromSeq2(list, nums, 1)", PyDict_MergeFromSeq2(list, nums, 1));
    OBJ_CASE("PyDict_SetDefault(list, k, v)", Py_XNewRef(PyDict_SetDefault(list, str, num)));
    OBJ_CASE("PyDict_SetDefault(dict, list, v)", Py_XNewRef(PyDict_SetDefault(dict, list, num)));
    {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        INT_CASE("PyDict_Next(list, ...)", PyDict_Next(list, &pos, &k, &v) ? 0 : -1);
    }
    OBJ_CASE("PyDictProxy_New(num)", PyDictProxy_New(num));
    /* sets */
    INT_CASE("PySet_Add(set, list)", PySet_Add(set, list));
    INT_CASE("PySet_Contains(list, x)", PySet_Contains(list, num));
    INT_CASE("PySet_Contains(set, list)", PySet_Contains(set, list));
    INT_CASE("PySet_Discard(list, x)", PySet_Discard(list, num));
    INT_CASE("PySet_Discard(set, list)", PySet_Discard(set, list));
    INT_CASE("PySet_Clear(list)", PySet_Clear(list));
    OBJ_CASE("PySet_Pop(list)", PySet_Pop(list));
    OBJ_CASE("PySet_Pop(empty)", PySet_Pop(set));
    OBJ_CASE("PyFrozenSet_New(num)", PyFrozenSet_New(num));
    OBJ_CASE("PySet_New(tuple of a list)", PySet_New(lol));
    /* ints */
    INT_CASE("PyLong_AsLongLong(str)", PyLong_AsLongLong(str));
    INT_CASE("PyLong_AsLongLong(NULL)", PyLong_AsLongLong(NULL));
    INT_CASE("PyLong_AsUnsignedLong(str)", PyLong_AsUnsignedLong(str) == (unsigned long)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsUnsignedLong(NULL)", PyLong_AsUnsignedLong(NULL) == (unsigned long)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsUnsignedLongLong(-5)", PyLong_AsUnsignedLongLong(minus) == (unsigned long long)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsUnsignedLongLong(NULL)", PyLong_AsUnsignedLongLong(NULL) == (unsigned long long)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsUnsignedLongLong(str)", PyLong_AsUnsignedLongLong(str) == (unsigned long long)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsSsize_t(NULL)", PyLong_AsSsize_t(NULL));
    INT_CASE("PyLong_AsSize_t(-5)", PyLong_AsSize_t(minus) == (size_t)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsSize_t(str)", PyLong_AsSize_t(str) == (size_t)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsSize_t(NULL)", PyLong_AsSize_t(NULL) == (size_t)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsDouble(str)", PyLong_AsDouble(str) == -1.0 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsDouble(NULL)", PyLong_AsDouble(NULL) == -1.0 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsUnsignedLongMask(str)", PyLong_AsUnsignedLongMask(str) == (unsigned long)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsUnsignedLongMask(NULL)", PyLong_AsUnsignedLongMask(NULL) == (unsigned long)-1 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyLong_AsUnsignedLongLongMask(NULL)", PyLong_AsUnsignedLongLongMask(NULL) == (unsigned long long)-1 && PyErr_Occurred() ? -1 : 0);
    {
        int overflow;
        INT_CASE("PyLong_AsLongAndOverflow(str)", PyLong_AsLongAndOverflow(str, &overflow));
        INT_CASE("PyLong_AsLongAndOverflow(NULL)", PyLong_AsLongAndOverflow(NULL, &overflow));
        INT_CASE("PyLong_AsLongLongAndOverflow(NULL)", PyLong_AsLongLongAndOverflow(NULL, &overflow));
    }
    PTR_CASE("PyLong_AsVoidPtr(str)", PyLong_AsVoidPtr(str));
    OBJ_CASE("PyLong_FromString(abc)", PyLong_FromString("abc", NULL, 10));
    OBJ_CASE("PyLong_FromString(1, base 99)", PyLong_FromString("1", NULL, 99));
    OBJ_CASE("PyLong_FromUnicodeObject(str, 10)", PyLong_FromUnicodeObject(str, 10));
    /* floats and complex */
    INT_CASE("PyFloat_AsDouble(str)", PyFloat_AsDouble(str) == -1.0 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyFloat_AsDouble(NULL)", PyFloat_AsDouble(NULL) == -1.0 && PyErr_Occurred() ? -1 : 0);
    OBJ_CASE("PyFloat_FromString(num)", PyFloat_FromString(num));
    OBJ_CASE("PyFloat_FromString(str)", PyFloat_FromString(str));
    INT_CASE("PyComplex_RealAsDouble(str)", PyComplex_RealAsDouble(str) == -1.0 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyComplex_ImagAsDouble(str)", PyComplex_ImagAsDouble(str) == -1.0 && PyErr_Occurred() ? -1 : 0);
    INT_CASE("PyComplex_AsCComplex(str)", PyComplex_AsCComplex(str).real == -1.0 && PyErr_Occurred() ? -1 : 0);
    /* str */
    PTR_CASE("PyUnicode_AsUTF8AndSize(num)", PyUnicode_AsUTF8AndSize(num, NULL));
    OBJ_CASE("PyUnicode_AsUTF8String(num)", PyUnicode_AsUTF8String(num));
    OBJ_CASE("PyUnicode_AsASCIIString(num)", PyUnicode_AsASCIIString(num));
    OBJ_CASE("PyUnicode_AsLatin1String(num)", PyUnicode_AsLatin1String(num));
    OBJ_CASE("PyUnicode_AsEncodedString(num)", PyUnicode_AsEncodedString(num, "utf-8", NULL));
    OBJ_CASE("PyUnicode_AsEncodedString(str, nonexistent)", PyUnicode_AsEncodedString(str, "nonexistent", NULL));
    OBJ_CASE("PyUnicode_FromObject(num)", PyUnicode_FromObject(num));
    OBJ_CASE("PyUnicode_FromEncodedObject(num)", PyUnicode_FromEncodedObject(num, NULL, NULL));
    OBJ_CASE("PyUnicode_FromEncodedObject(str)", PyUnicode_FromEncodedObject(str, NULL, NULL));
    OBJ_CASE("PyUnicode_FromEncodedObject(NULL)", PyUnicode_FromEncodedObject(NULL, NULL, NULL));
    OBJ_CASE("PyUnicode_Decode(x, nonexistent)", PyUnicode_Decode("x", 1, "nonexistent", NULL));
    OBJ_CASE("PyUnicode_DecodeUTF8(invalid)", PyUnicode_DecodeUTF8("\xff", 1, NULL));
    OBJ_CASE("PyUnicode_DecodeUTF8(invalid, bogus errors)", PyUnicode_DecodeUTF8("\xff", 1, "bogus"));
    OBJ_CASE("PyUnicode_DecodeASCII(invalid)", PyUnicode_DecodeASCII("\xff", 1, NULL));
    OBJ_CASE("PyUnicode_FromStringAndSize(NULL, -1)", PyUnicode_FromStringAndSize(NULL, -1));
    OBJ_CASE("PyUnicode_FromStringAndSize(x, -1)", PyUnicode_FromStringAndSize("x", -1));
    OBJ_CASE("PyUnicode_Concat(num, str)", PyUnicode_Concat(num, str));
    OBJ_CASE("PyUnicode_Join(str, nums)", PyUnicode_Join(str, nums));
    OBJ_CASE("PyUnicode_Join(num, list)", PyUnicode_Join(num, list));
    OBJ_CASE("PyUnicode_Split(num, NULL, -1)", PyUnicode_Split(num, NULL, -1));
    OBJ_CASE("PyUnicode_Split(str, num, -1)", PyUnicode_Split(str, num, -1));
    OBJ_CASE("PyUnicode_Splitlines(num, 0)", PyUnicode_Splitlines(num, 0));
    INT_CASE("PyUnicode_Contains(str, num)", PyUnicode_Contains(str, num));
    INT_CASE("PyUnicode_Contains(num, str)", PyUnicode_Contains(num, str));
    INT_CASE("PyUnicode_Find(num, str, 0, 1, 1)", PyUnicode_Find(num, str, 0, 1, 1) == -2 ? -1 : 0);
    INT_CASE("PyUnicode_Count(str, num, 0, 1)", PyUnicode_Count(str, num, 0, 1));
    OBJ_CASE("PyUnicode_Replace(num, str, str, -1)", PyUnicode_Replace(num, str, str, -1));
    INT_CASE("PyUnicode_Tailmatch(num, str, 0, 1, 1)", PyUnicode_Tailmatch(num, str, 0, 1, 1));
    OBJ_CASE("PyUnicode_Substring(str, 3, 1)", PyUnicode_Substring(str, 3, 1));
    OBJ_CASE("PyUnicode_Substring(str, -1, 1)", PyUnicode_Substring(str, -1, 1));
    INT_CASE("PyUnicode_ReadChar(num, 0)", PyUnicode_ReadChar(num, 0) == (Py_UCS4)-1 ? -1 : 0);
    INT_CASE("PyUnicode_ReadChar(str, 100)", PyUnicode_ReadChar(str, 100) == (Py_UCS4)-1 ? -1 : 0);
    INT_CASE("PyUnicode_WriteChar(num, 0, x)", PyUnicode_WriteChar(num, 0, 'x'));
    OBJ_CASE("PyUnicode_Format(fmt, str)", PyUnicode_Format(fmt, str));
    OBJ_CASE("PyUnicode_Format(fmt, tuple)", PyUnicode_Format(fmt, tuple));
    OBJ_CASE("PyUnicode_Format(NULL, tuple)", PyUnicode_Format(NULL, tuple));
    INT_CASE("PyUnicode_RichCompare(str, num, <)", PyUnicode_RichCompare(str, num, Py_LT) == Py_NotImplemented ? 0 : -1);
    PTR_CASE("PyUnicode_AsWideCharString(num)", PyUnicode_AsWideCharString(num, NULL));
    OBJ_CASE("PyUnicode_FromFormat(%c out of range)", PyUnicode_FromFormat("%c", 0x110000));
    OBJ_CASE("PyUnicode_FromOrdinal(-1)", PyUnicode_FromOrdinal(-1));
    OBJ_CASE("PyUnicode_New(-1, 0)", PyUnicode_New(-1, 0));
    /* bytes and bytearray */
    {
        char *buf;
        Py_ssize_t len;
        INT_CASE("PyBytes_AsStringAndSize(str)", PyBytes_AsStringAndSize(str, &buf, &len));
        INT_CASE("PyBytes_AsStringAndSize(embedded NUL, no length)", PyBytes_AsStringAndSize(bytes, &buf, NULL));
    }
    OBJ_CASE("PyBytes_FromObject(num)", PyBytes_FromObject(num));
    OBJ_CASE("PyBytes_FromObject(NULL)", PyBytes_FromObject(NULL));
    {
        PyObject *b = PyBytes_FromString("x"), *null_b = NULL;
        OBJ_CASE("PyBytes_Concat(&b, num)", (PyBytes_Concat(&b, num), Py_XNewRef(b)));
        Py_XDECREF(b);
        OBJ_CASE("PyBytes_Concat(&NULL, b)", (PyBytes_Concat(&null_b, bytes), null_b));
    }
    OBJ_CASE("PyByteArray_FromObject(flt)", PyByteArray_FromObject(flt));
    OBJ_CASE("PyByteArray_FromStringAndSize(x, -1)", PyByteArray_FromStringAndSize("x", -1));
    OBJ_CASE("PyByteArray_Concat(num, ba)", PyByteArray_Concat(num, ba));
    OBJ_CASE("PyByteArray_Concat(ba, str)", PyByteArray_Concat(ba, str));
    /* the abstract object layer */
    OBJ_CASE("PyObject_Repr(NULL)", PyObject_Repr(NULL));
    OBJ_CASE("PyObject_Str(NULL)", PyObject_Str(NULL));
    OBJ_CASE("PyObject_ASCII(NULL)", PyObject_ASCII(NULL));
    OBJ_CASE("PyObject_Bytes(NULL)", PyObject_Bytes(NULL));
    OBJ_CASE("PyObject_Bytes(num)", PyObject_Bytes(num));
    OBJ_CASE("PyObject_Type(NULL)", PyObject_Type(NULL));
    INT_CASE("PyObject_Size(NULL)", PyObject_Size(NULL));
    INT_CASE("PyObject_Length(list)", PyObject_Length(list));
    INT_CASE("PyObject_LengthHint(num, 5)", PyObject_LengthHint(num, 5) == 5 ? 0 : -1);
    INT_CASE("PyObject_SetAttr(num, num, v)", PyObject_SetAttr(num, num, str));
    INT_CASE("PyObject_SetAttr(num, name, NULL)", PyObject_SetAttr(num, str, NULL));
    INT_CASE("PyObject_DelAttrString(num, x)", PyObject_DelAttrString(num, "x"));
    INT_CASE("PyObject_SetAttrString(mod, x, NULL)", PyObject_SetAttrString(mod, "x", NULL));
    INT_CASE("PyObject_HasAttr(num, num)", PyObject_HasAttr(num, num) ? -1 : 0);
    INT_CASE("PyObject_HasAttrString(num, missing)", PyObject_HasAttrString(num, "missing") ? -1 : 0);
    OBJ_CASE("PyObject_GetAttr(num, missing)", PyObject_GetAttr(num, str));
    OBJ_CASE("PyObject_GetAttr(mod, missing)", PyObject_GetAttrString(mod, "missing"));
    OBJ_CASE("PyObject_GenericGetAttr(num, num)", PyObject_GenericGetAttr(num, num));
    INT_CASE("PyObject_GenericSetAttr(num, name, v)", PyObject_GenericSetAttr(num, str, num));
    OBJ_CASE("PyObject_RichCompare(NULL, x, ==)", PyObject_RichCompare(NULL, num, Py_EQ));
    OBJ_CASE("PyObject_RichCompare(list, num, <)", PyObject_RichCompare(list, num, Py_LT));
    INT_CASE("PyObject_RichCompareBool(list, num, >=)", PyObject_RichCompareBool(list, num, Py_GE));
    INT_CASE("PyObject_Hash(dict)", PyObject_Hash(dict));
    INT_CASE("PyObject_Hash(set)", PyObject_Hash(set));
    INT_CASE("PyObject_HashNotImplemented(num)", PyObject_HashNotImplemented(num));
    INT_CASE("PyObject_SetItem(NULL, k, v)", PyObject_SetItem(NULL, num, str));
    INT_CASE("PyObject_SetItem(num, k, v)", PyObject_SetItem(num, num, str));
    INT_CASE("PyObject_SetItem(list, str, v)", PyObject_SetItem(list, str, str));
    INT_CASE("PyObject_SetItem(dict, list, v)", PyObject_SetItem(dict, list, str));
    INT_CASE("PyObject_DelItem(NULL, k)", PyObject_DelItem(NULL, num));
    INT_CASE("PyObject_DelItem(num, k)", PyObject_DelItem(num, num));
    INT_CASE("PyObject_DelItem(dict, missing)", PyObject_DelItem(dict, num));
    INT_CASE("PyObject_DelItemString(num, k)", PyObject_DelItemString(num, "k"));
    OBJ_CASE("PyObject_GetItem(list, str)", PyObject_GetItem(list, str));
    OBJ_CASE("PyObject_GetItem(list, 1000)", PyObject_GetItem(list, num));
    OBJ_CASE("PyObject_GetItem(dict, missing)", PyObject_GetItem(dict, num));
    OBJ_CASE("PyObject_GetItem(dict, list)", PyObject_GetItem(dict, list));
    OBJ_CASE("PyObject_GetItem(str, str)", PyObject_GetItem(str, str));
    OBJ_CASE("PyObject_GetItem(type int, x)", PyObject_GetItem((PyObject *)&PyLong_Type, num));
    OBJ_CASE("PyObject_Call(num, tuple, NULL)", PyObject_Call(num, tuple, NULL));
    OBJ_CASE("PyObject_CallObject(num, NULL)", PyObject_CallObject(num, NULL));
    OBJ_CASE("PyObject_CallObject(int, num)", PyObject_CallObject((PyObject *)&PyLong_Type, num));
    OBJ_CASE("PyObject_CallNoArgs(num)", PyObject_CallNoArgs(num));
    OBJ_CASE("PyObject_CallOneArg(num, x)", PyObject_CallOneArg(num, num));
    OBJ_CASE("PyObject_CallFunction(NULL, NULL)", PyObject_CallFunction(NULL, NULL));
    OBJ_CASE("PyObject_CallFunction(int, bad format)", PyObject_CallFunction((PyObject *)&PyLong_Type, "(i", 1));
    OBJ_CASE("PyObject_CallFunctionObjArgs(NULL)", PyObject_CallFunctionObjArgs(NULL, NULL));
    OBJ_CASE("PyObject_CallMethod(NULL, x)", PyObject_CallMethod(NULL, "x", NULL));
    OBJ_CASE("PyObject_CallMethod(str, upper, i)", PyObject_CallMethod(str, "upper", "i", 1));
    OBJ_CASE("PyObject_CallMethodObjArgs(NULL, name)", PyObject_CallMethodObjArgs(NULL, str, NULL));
    OBJ_CASE("PyObject_CallMethodObjArgs(num, missing)", PyObject_CallMethodObjArgs(num, str, NULL));
    INT_CASE("PyObject_IsSubclass(num, int)", PyObject_IsSubclass(num, (PyObject *)&PyLong_Type));
    INT_CASE("PyObject_IsSubclass(int, num)", PyObject_IsSubclass((PyObject *)&PyLong_Type, num));
    INT_CASE("PyObject_IsInstance(num, tuple-of-None)", PyObject_IsInstance(num, tuple));
    OBJ_CASE("PyObject_GetIter(flt)", PyObject_GetIter(flt));
    OBJ_CASE("PyObject_Format(num, num)", PyObject_Format(num, num));
    OBJ_CASE("PyObject_Format(num, bad spec)", PyObject_Format(num, str));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"   /* deprecated since 3.0, still exported */
    INT_CASE("PyObject_CheckReadBuffer(num)", PyObject_CheckReadBuffer(num) ? -1 : 0);
    INT_CASE("PyObject_CheckReadBuffer(ba)", PyObject_CheckReadBuffer(ba) ? 0 : -1);
#pragma GCC diagnostic pop
    INT_CASE("PyObject_GetBuffer(num)", PyObject_GetBuffer(num, &(Py_buffer){0}, PyBUF_SIMPLE));
    INT_CASE("PyObject_GetBuffer(bytes, writable)", PyObject_GetBuffer(bytes, &(Py_buffer){0}, PyBUF_WRITABLE));
    OBJ_CASE("PyMemoryView_FromObject(num)", PyMemoryView_FromObject(num));
    OBJ_CASE("PyObject_Dir(num)", PyObject_Dir(num));
    /* numbers */
    OBJ_CASE("PyNumber_Subtract(str, num)", PyNumber_Subtract(str, num));
    OBJ_CASE("PyNumber_TrueDivide(num, 0)", PyNumber_TrueDivide(num, zero));
    OBJ_CASE("PyNumber_FloorDivide(num, 0)", PyNumber_FloorDivide(num, zero));
    OBJ_CASE("PyNumber_Remainder(num, 0)", PyNumber_Remainder(num, zero));
    OBJ_CASE("PyNumber_Divmod(num, 0)", PyNumber_Divmod(num, zero));
    OBJ_CASE("PyNumber_TrueDivide(flt, 0)", PyNumber_TrueDivide(flt, zero));
    OBJ_CASE("PyNumber_Power(num, str, None)", PyNumber_Power(num, str, Py_None));
    OBJ_CASE("PyNumber_Power(0, -5, None)", PyNumber_Power(zero, minus, Py_None));
    OBJ_CASE("PyNumber_Power(num, num, 0)", PyNumber_Power(num, num, zero));
    OBJ_CASE("PyNumber_Negative(str)", PyNumber_Negative(str));
    OBJ_CASE("PyNumber_Positive(str)", PyNumber_Positive(str));
    OBJ_CASE("PyNumber_Absolute(str)", PyNumber_Absolute(str));
    OBJ_CASE("PyNumber_Invert(flt)", PyNumber_Invert(flt));
    OBJ_CASE("PyNumber_Lshift(num, -5)", PyNumber_Lshift(num, minus));
    OBJ_CASE("PyNumber_Rshift(num, -5)", PyNumber_Rshift(num, minus));
    OBJ_CASE("PyNumber_And(flt, num)", PyNumber_And(flt, num));
    OBJ_CASE("PyNumber_Or(flt, num)", PyNumber_Or(flt, num));
    OBJ_CASE("PyNumber_Xor(str, num)", PyNumber_Xor(str, num));
    OBJ_CASE("PyNumber_MatrixMultiply(num, num)", PyNumber_MatrixMultiply(num, num));
    OBJ_CASE("PyNumber_InPlaceAdd(num, str)", PyNumber_InPlaceAdd(num, str));
    OBJ_CASE("PyNumber_InPlaceSubtract(list, num)", PyNumber_InPlaceSubtract(list, num));
    OBJ_CASE("PyNumber_InPlaceMultiply(list, str)", PyNumber_InPlaceMultiply(list, str));
    OBJ_CASE("PyNumber_InPlaceTrueDivide(num, 0)", PyNumber_InPlaceTrueDivide(num, zero));
    OBJ_CASE("PyNumber_Index(NULL)", PyNumber_Index(NULL));
    OBJ_CASE("PyNumber_Index(flt)", PyNumber_Index(flt));
    OBJ_CASE("PyNumber_Long(NULL)", PyNumber_Long(NULL));
    OBJ_CASE("PyNumber_Long(str)", PyNumber_Long(str));
    OBJ_CASE("PyNumber_Long(inf)", PyNumber_Long(inf));
    OBJ_CASE("PyNumber_Float(NULL)", PyNumber_Float(NULL));
    OBJ_CASE("PyNumber_Float(list)", PyNumber_Float(list));
    INT_CASE("PyNumber_AsSsize_t(str, NULL)", PyNumber_AsSsize_t(str, NULL));
    INT_CASE("PyNumber_AsSsize_t(NULL, NULL)", PyNumber_AsSsize_t(NULL, NULL));
    OBJ_CASE("PyNumber_ToBase(num, 3)", PyNumber_ToBase(num, 3));
    OBJ_CASE("PyNumber_ToBase(str, 16)", PyNumber_ToBase(str, 16));
    /* sequences */
    INT_CASE("PySequence_Size(num)", PySequence_Size(num));
    INT_CASE("PySequence_Size(dict)", PySequence_Size(dict));
    OBJ_CASE("PySequence_GetItem(NULL, 0)", PySequence_GetItem(NULL, 0));
    OBJ_CASE("PySequence_GetItem(list, 5)", PySequence_GetItem(list, 5));
    OBJ_CASE("PySequence_GetItem(num, 0)", PySequence_GetItem(num, 0));
    INT_CASE("PySequence_SetItem(NULL, 0, v)", PySequence_SetItem(NULL, 0, num));
    INT_CASE("PySequence_SetItem(tuple, 0, v)", PySequence_SetItem(tuple, 0, num));
    INT_CASE("PySequence_SetItem(num, 0, v)", PySequence_SetItem(num, 0, num));
    INT_CASE("PySequence_SetItem(list, 5, v)", PySequence_SetItem(list, 5, num));
    INT_CASE("PySequence_DelItem(NULL, 0)", PySequence_DelItem(NULL, 0));
    INT_CASE("PySequence_DelItem(tuple, 0)", PySequence_DelItem(tuple, 0));
    INT_CASE("PySequence_DelItem(list, 5)", PySequence_DelItem(list, 5));
    OBJ_CASE("PySequence_GetSlice(NULL, 0, 1)", PySequence_GetSlice(NULL, 0, 1));
    OBJ_CASE("PySequence_GetSlice(num, 0, 1)", PySequence_GetSlice(num, 0, 1));
    INT_CASE("PySequence_SetSlice(NULL, 0, 1, v)", PySequence_SetSlice(NULL, 0, 1, list));
    INT_CASE("PySequence_SetSlice(tuple, 0, 1, v)", PySequence_SetSlice(tuple, 0, 1, list));
    INT_CASE("PySequence_SetSlice(list, 0, 1, num)", PySequence_SetSlice(list, 0, 1, num));
    INT_CASE("PySequence_DelSlice(NULL, 0, 1)", PySequence_DelSlice(NULL, 0, 1));
    INT_CASE("PySequence_DelSlice(str, 0, 1)", PySequence_DelSlice(str, 0, 1));
    OBJ_CASE("PySequence_Concat(NULL, list)", PySequence_Concat(NULL, list));
    OBJ_CASE("PySequence_Concat(num, num)", PySequence_Concat(num, num));
    OBJ_CASE("PySequence_Concat(list, tuple)", PySequence_Concat(list, tuple));
    OBJ_CASE("PySequence_Repeat(NULL, 2)", PySequence_Repeat(NULL, 2));
    OBJ_CASE("PySequence_Repeat(num, 2)", PySequence_Repeat(num, 2));
    OBJ_CASE("PySequence_InPlaceConcat(NULL, list)", PySequence_InPlaceConcat(NULL, list));
    OBJ_CASE("PySequence_InPlaceConcat(num, num)", PySequence_InPlaceConcat(num, num));
    OBJ_CASE("PySequence_InPlaceConcat(list, num)", PySequence_InPlaceConcat(list, num));
    OBJ_CASE("PySequence_InPlaceRepeat(NULL, 2)", PySequence_InPlaceRepeat(NULL, 2));
    OBJ_CASE("PySequence_InPlaceRepeat(num, 2)", PySequence_InPlaceRepeat(num, 2));
    INT_CASE("PySequence_Count(NULL, x)", PySequence_Count(NULL, num));
    INT_CASE("PySequence_Count(num, x)", PySequence_Count(num, num));
    INT_CASE("PySequence_Contains(num, x)", PySequence_Contains(num, num));
    INT_CASE("PySequence_In(num, x)", PySequence_In(num, num));
    INT_CASE("PySequence_Index(NULL, x)", PySequence_Index(NULL, num));
    INT_CASE("PySequence_Index(num, x)", PySequence_Index(num, num));
    OBJ_CASE("PySequence_List(NULL)", PySequence_List(NULL));
    OBJ_CASE("PySequence_List(num)", PySequence_List(num));
    OBJ_CASE("PySequence_Tuple(NULL)", PySequence_Tuple(NULL));
    OBJ_CASE("PySequence_Fast(NULL)", PySequence_Fast(NULL, "m"));
    OBJ_CASE("PySequence_Fast(flt)", PySequence_Fast(flt, "custom message"));
    /* mappings */
    INT_CASE("PyMapping_Size(NULL)", PyMapping_Size(NULL));
    INT_CASE("PyMapping_Size(num)", PyMapping_Size(num));
    INT_CASE("PyMapping_Length(num)", PyMapping_Length(num));
    OBJ_CASE("PyMapping_Keys(NULL)", PyMapping_Keys(NULL));
    OBJ_CASE("PyMapping_Items(num)", PyMapping_Items(num));
    OBJ_CASE("PyMapping_Values(num)", PyMapping_Values(num));
    OBJ_CASE("PyMapping_Items(NULL)", PyMapping_Items(NULL));
    OBJ_CASE("PyMapping_Values(NULL)", PyMapping_Values(NULL));
    OBJ_CASE("PyMapping_GetItemString(NULL, k)", PyMapping_GetItemString(NULL, "k"));
    OBJ_CASE("PyMapping_GetItemString(num, k)", PyMapping_GetItemString(num, "k"));
    INT_CASE("PyMapping_SetItemString(NULL, k, v)", PyMapping_SetItemString(NULL, "k", num));
    INT_CASE("PyMapping_SetItemString(num, k, v)", PyMapping_SetItemString(num, "k", num));
    INT_CASE("PyMapping_DelItemString(num, k)", PyMapping_DelItemString(num, "k"));
    INT_CASE("PyMapping_DelItem(num, k)", PyMapping_DelItem(num, num));
    INT_CASE("PyMapping_HasKey(num, k)", PyMapping_HasKey(num, num) ? -1 : 0);
    INT_CASE("PyMapping_HasKeyString(num, k)", PyMapping_HasKeyString(num, "k") ? -1 : 0);
    INT_CASE("PyMapping_HasKey(dict, list)", PyMapping_HasKey(dict, list) ? -1 : 0);
    /* iterators */
    {
        PyObject *it = PyCallIter_New(num, zero);
        OBJ_CASE("PyIter_Next(callable-iterator over num)", it ? PyIter_Next(it) : NULL);
        Py_XDECREF(it);
    }
    /* modules */
    PTR_CASE("PyModule_GetName(str)", PyModule_GetName(str));
    OBJ_CASE("PyModule_GetNameObject(str)", PyModule_GetNameObject(str));
    OBJ_CASE("PyModule_GetFilenameObject(str)", PyModule_GetFilenameObject(str));
    OBJ_CASE("PyModule_GetFilenameObject(mod)", PyModule_GetFilenameObject(mod));
    PTR_CASE("PyModule_GetDef(str)", PyModule_GetDef(str));
    INT_CASE("PyModule_AddObject(str, n, v)", PyModule_AddObject(str, "n", num));
    INT_CASE("PyModule_AddObject(mod, n, NULL)", PyModule_AddObject(mod, "n", NULL));
    INT_CASE("PyModule_AddObjectRef(mod, n, NULL)", PyModule_AddObjectRef(mod, "n", NULL));
    INT_CASE("PyModule_AddIntConstant(str, n, 1)", PyModule_AddIntConstant(str, "n", 1));
    INT_CASE("PyModule_AddStringConstant(str, n, s)", PyModule_AddStringConstant(str, "n", "s"));
    INT_CASE("PyModule_AddStringConstant(mod, n, invalid)", PyModule_AddStringConstant(mod, "n", "\xff"));
    INT_CASE("PyModule_SetDocString(str, d)", PyModule_SetDocString(str, "d"));
    INT_CASE("PyModule_AddType(mod, int)", PyModule_AddType(mod, &PyLong_Type));
    OBJ_CASE("PyModule_NewObject(num)", PyModule_NewObject(num));
    OBJ_CASE("PyModule_FromDefAndSpec(def, num)", PyModule_FromDefAndSpec(&misuse_module, num));
    /* capsules */
    PTR_CASE("PyCapsule_GetPointer(NULL, n)", PyCapsule_GetPointer(NULL, "n"));
    PTR_CASE("PyCapsule_GetPointer(cap, wrong)", PyCapsule_GetPointer(cap, "wrong"));
    PTR_CASE("PyCapsule_GetPointer(cap, NULL)", PyCapsule_GetPointer(cap, NULL));
    PTR_CASE("PyCapsule_GetName(str)", PyCapsule_GetName(str));
    PTR_CASE("PyCapsule_GetContext(str)", PyCapsule_GetContext(str));
    PTR_CASE("PyCapsule_GetDestructor(str)", PyCapsule_GetDestructor(str));
    INT_CASE("PyCapsule_SetPointer(cap, NULL)", PyCapsule_SetPointer(cap, NULL));
    INT_CASE("PyCapsule_SetPointer(str, p)", PyCapsule_SetPointer(str, &only));
    INT_CASE("PyCapsule_SetName(str, n)", PyCapsule_SetName(str, "n"));
    INT_CASE("PyCapsule_SetContext(str, p)", PyCapsule_SetContext(str, NULL));
    INT_CASE("PyCapsule_SetDestructor(str, NULL)", PyCapsule_SetDestructor(str, NULL));
    INT_CASE("PyCapsule_IsValid(str, n)", PyCapsule_IsValid(str, "n") ? -1 : 0);
    PTR_CASE("PyCapsule_Import(nonexistent.cap)", PyCapsule_Import("nonexistent_misuse_module.cap", 0));
    /* weak references, slices, cells, methods */
    OBJ_CASE("PyWeakref_NewRef(num, NULL)", PyWeakref_NewRef(num, NULL));
    OBJ_CASE("PyWeakref_NewProxy(num, NULL)", PyWeakref_NewProxy(num, NULL));
    PTR_CASE("PyWeakref_GetObject(num)", PyWeakref_GetObject(num));
    PTR_CASE("PyWeakref_GetObject(NULL)", PyWeakref_GetObject(NULL));
    {
        Py_ssize_t a, b, c;
        PyObject *zero_step = PySlice_New(NULL, NULL, zero);
        INT_CASE("PySlice_Unpack(step 0)", zero_step ? PySlice_Unpack(zero_step, &a, &b, &c) : -1);
        Py_XDECREF(zero_step);
        PyObject *str_step = PySlice_New(NULL, NULL, str);
        INT_CASE("PySlice_Unpack(step str)", str_step ? PySlice_Unpack(str_step, &a, &b, &c) : -1);
        Py_XDECREF(str_step);
    }
    OBJ_CASE("PyCell_Get(num)", PyCell_Get(num));
    INT_CASE("PyCell_Set(num, x)", PyCell_Set(num, num));
    OBJ_CASE("PyMethod_Function(num)", Py_XNewRef(PyMethod_Function(num)));
    OBJ_CASE("PyMethod_Self(num)", Py_XNewRef(PyMethod_Self(num)));
    OBJ_CASE("PyInstanceMethod_Function(num)", Py_XNewRef(PyInstanceMethod_Function(num)));
    /* types */
    PTR_CASE("PyType_GetSlot(int, 0)", PyType_GetSlot(&PyLong_Type, 0));
    PTR_CASE("PyType_GetSlot(int, 1000)", PyType_GetSlot(&PyLong_Type, 1000));
    OBJ_CASE("PyType_GetModule(int)", Py_XNewRef(PyType_GetModule(&PyLong_Type)));
    PTR_CASE("PyType_GetModuleState(int)", PyType_GetModuleState(&PyLong_Type));
    OBJ_CASE("PyType_GetModuleByDef(int, def)", Py_XNewRef(PyType_GetModuleByDef(&PyLong_Type, &misuse_module)));
    OBJ_CASE("PyType_GenericNew(int subtype-less)", PyObject_CallFunction((PyObject *)&PyType_Type, "sOO", "X", num, dict));
    OBJ_CASE("type(name, bases, dict) bad bases", PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", "X", num, dict));
    /* errors */
    VOID_CASE("PyErr_SetString(num, x)", PyErr_SetString(num, "x"));
    VOID_CASE("PyErr_SetNone(num)", PyErr_SetNone(num));
    OBJ_CASE("PyErr_Format(num, x)", PyErr_Format(num, "x"));
    VOID_CASE("PyErr_SetObject(KeyError, tuple)", PyErr_SetObject(PyExc_KeyError, tuple));
    OBJ_CASE("PyErr_NewException(a.b, num, NULL)", PyErr_NewException("misuse.E", num, NULL));
    OBJ_CASE("PyErr_NewExceptionWithDoc(nodot)", PyErr_NewExceptionWithDoc("nodot", "doc", NULL, NULL));
    INT_CASE("PyErr_GivenExceptionMatches(NULL, X)", PyErr_GivenExceptionMatches(NULL, PyExc_KeyError) ? -1 : 0);
    OBJ_CASE("PyErr_BadArgument()", PyErr_BadArgument() ? NULL : Py_NewRef(Py_None));
    OBJ_CASE("PyErr_NoMemory()", PyErr_NoMemory());
    /* argument parsing and building */
    {
        PyObject *o = NULL;
        int i = 0;
        const char *sp = NULL;
        static char *kwlist[] = {"a", NULL};
        ZERO_CASE("PyArg_ParseTuple(tuple, i)", PyArg_ParseTuple(tuple, "i", &i));
        ZERO_CASE("PyArg_ParseTuple(tuple, ii)", PyArg_ParseTuple(tuple, "ii", &i, &i));
        ZERO_CASE("PyArg_ParseTuple(tuple, :name)", PyArg_ParseTuple(tuple, ":name"));
        ZERO_CASE("PyArg_ParseTuple(tuple, O!)", PyArg_ParseTuple(tuple, "O!", &PyLong_Type, &o));
        ZERO_CASE("PyArg_ParseTuple(tuple, O&)", PyArg_ParseTuple(tuple, "O&", always_fails, &o));
        ZERO_CASE("PyArg_ParseTuple(tuple, s)", PyArg_ParseTuple(tuple, "s", &sp));
        ZERO_CASE("PyArg_ParseTuple(tuple, (i))", PyArg_ParseTuple(tuple, "(i)", &i));
        ZERO_CASE("PyArg_ParseTuple(tuple, z;custom)", PyArg_ParseTuple(tuple, "i;custom message", &i));
        ZERO_CASE("PyArg_Parse(num, s)", PyArg_Parse(num, "s", &sp));
        char *enc = NULL, small[3];
        char *smallp = small;
        Py_ssize_t enclen = (Py_ssize_t)sizeof(small);
        ZERO_CASE("PyArg_Parse(bytes, es)", PyArg_Parse(bytes, "es", "utf-8", &enc));
        ZERO_CASE("PyArg_Parse(num, et)", PyArg_Parse(num, "et", "utf-8", &enc));
        ZERO_CASE("PyArg_Parse(str with NUL, es)", PyArg_Parse(nul_str, "es", NULL, &enc));
        ZERO_CASE("PyArg_Parse(str, es ascii)", PyArg_Parse(accented, "es", "ascii", &enc));
        ZERO_CASE("PyArg_Parse(str, es nonexistent)", PyArg_Parse(str, "es", "nonexistent", &enc));
        ZERO_CASE("PyArg_Parse(str, es# too small)", PyArg_Parse(str, "es#", NULL, &smallp, &enclen));
        ZERO_CASE("PyArg_ParseTuple((str, x), esi)", PyArg_ParseTuple(str_x, "esi", NULL, &enc, &i));
        ZERO_CASE("PyArg_ParseTuple((str, x), esi) frees", enc == NULL);
        ZERO_CASE("PyArg_ParseTuple((str, x), (ss)s)", PyArg_ParseTuple(str_x, "(ss)s", &sp, &sp, &sp));
        ZERO_CASE("PyArg_ParseTuple((str, x), (ssss)s)", PyArg_ParseTuple(str_x, "(ssss)s", &sp, &sp, &sp, &sp, &sp));
        ZERO_CASE("PyArg_UnpackTuple(list, f, 1, 1)", PyArg_UnpackTuple(list, "f", 1, 1, &o));
        ZERO_CASE("PyArg_UnpackTuple(tuple, f, 2, 2)", PyArg_UnpackTuple(tuple, "f", 2, 2, &o, &o));
        ZERO_CASE("PyArg_UnpackTuple(tuple, NULL, 2, 3)", PyArg_UnpackTuple(tuple, NULL, 2, 3, &o, &o, &o));
        ZERO_CASE("PyArg_ParseTupleAndKeywords(tuple, list)", PyArg_ParseTupleAndKeywords(tuple, list, "O", kwlist, &o));
        ZERO_CASE("PyArg_ParseTupleAndKeywords(list, NULL)", PyArg_ParseTupleAndKeywords(list, NULL, "O", kwlist, &o));
        ZERO_CASE("PyArg_ParseTupleAndKeywords(tuple, {a:1})", PyArg_ParseTupleAndKeywords(tuple, kw_a, "O", kwlist, &o));
        ZERO_CASE("PyArg_ParseTupleAndKeywords(tuple, {b:1})", PyArg_ParseTupleAndKeywords(tuple, kw_b, "O", kwlist, &o));
        ZERO_CASE("PyArg_ParseTupleAndKeywords(tuple, {1:1})", PyArg_ParseTupleAndKeywords(tuple, kw_1, "O", kwlist, &o));
        ZERO_CASE("PyArg_ParseTupleAndKeywords(tuple, O|$O)", PyArg_ParseTupleAndKeywords(nums_t, NULL, "|$O", kwlist, &o));
        ZERO_CASE("PyArg_ParseTupleAndKeywords(too few names)", PyArg_ParseTupleAndKeywords(tuple, NULL, "OO", kwlist, &o, &o));
    }
    OBJ_CASE("Py_BuildValue((i)", Py_BuildValue("(i", 1));
    OBJ_CASE("Py_BuildValue(N NULL)", Py_BuildValue("N", (PyObject *)NULL));
    OBJ_CASE("Py_BuildValue(O NULL)", Py_BuildValue("O", (PyObject *)NULL));
    OBJ_CASE("Py_BuildValue(s invalid)", Py_BuildValue("s", "\xff"));
    OBJ_CASE("Py_BuildValue({O:i} unhashable)", Py_BuildValue("{O:i}", list, 1));
    OBJ_CASE("Py_BuildValue({i})", Py_BuildValue("{i}", 1));
    OBJ_CASE("Py_BuildValue(y# NULL)", Py_BuildValue("y#", (const char *)NULL, (Py_ssize_t)1));
    OBJ_CASE("Py_BuildValue(C too big)", Py_BuildValue("C", 0x110000));
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
    Py_DECREF(zero);
    Py_DECREF(flt);
    Py_DECREF(bytes);
    Py_DECREF(set);
    Py_DECREF(cap);
    Py_DECREF(mod);
    Py_DECREF(nums);
    Py_DECREF(ba);
    Py_DECREF(fmt);
    Py_DECREF(lol);
    Py_DECREF(inf);
    Py_DECREF(kw_a);
    Py_DECREF(kw_b);
    Py_DECREF(kw_1);
    Py_DECREF(nums_t);
    Py_DECREF(nul_str);
    Py_DECREF(accented);
    Py_DECREF(str_x);
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
    Py_XDECREF(zero);
    Py_XDECREF(flt);
    Py_XDECREF(bytes);
    Py_XDECREF(set);
    Py_XDECREF(cap);
    Py_XDECREF(mod);
    Py_XDECREF(nums);
    Py_XDECREF(ba);
    Py_XDECREF(fmt);
    Py_XDECREF(lol);
    Py_XDECREF(inf);
    Py_XDECREF(kw_a);
    Py_XDECREF(kw_b);
    Py_XDECREF(kw_1);
    Py_XDECREF(nums_t);
    Py_XDECREF(nul_str);
    Py_XDECREF(accented);
    Py_XDECREF(str_x);
    return NULL;
}

static PyMethodDef misuse_methods[] = {
    {"run", run, METH_VARARGS, "run([n]): every misuse (or only the n-th); one line per call."},
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
