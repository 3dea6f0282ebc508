/* funclib.c — an extension module of module-level functions over dicts, lists, tuples and strings,
 * with argument parsing, Py_BuildValue and errors, written as real C-API code. It compiles
 * unchanged against CPython 3.11's headers and the pyrefcheck runtime's: tests/runtime builds it
 * as a genuine extension, imports it into python3 and compares what it returns with what the
 * same calls return on the runtime, and runs it on the runtime under fault injection at every
 * allocation.
 *
 * Multi-phase initialisation (PEP 489); the module state holds funclib.Error, created in the exec
 * slot. The file is also a testdata case: pyrefcheck lint must find nothing in it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <ctype.h>

typedef struct {
    PyObject *error;   /* owned: funclib.Error */
} funclib_state;

static funclib_state *
get_state(PyObject *module)
{
    return (funclib_state *)PyModule_GetState(module);
}

/* word_count(text, sep=None) -> {word: count}; sep None splits on whitespace */
static PyObject *
word_count(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"text", "sep", NULL};
    PyObject *text;
    PyObject *sep = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|O:word_count", kwlist, &text, &sep)) {
        return NULL;
    }
    PyObject *words = PyUnicode_Split(text, sep == Py_None ? NULL : sep, -1);
    if (words == NULL) {
        return NULL;
    }
    PyObject *counts = PyDict_New();
    if (counts == NULL) {
        Py_DECREF(words);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(words); i++) {
        PyObject *word = PyList_GET_ITEM(words, i);
        PyObject *old = PyDict_GetItemWithError(counts, word);
        if (old == NULL && PyErr_Occurred()) {
            goto error;
        }
        long n = old == NULL ? 0 : PyLong_AsLong(old);
        if (n == -1 && PyErr_Occurred()) {
            goto error;
        }
        PyObject *value = PyLong_FromLong(n + 1);
        if (value == NULL) {
            goto error;
        }
        int rc = PyDict_SetItem(counts, word, value);
        Py_DECREF(value);
        if (rc < 0) {
            goto error;
        }
    }
    Py_DECREF(words);
    return counts;
error:
    Py_DECREF(words);
    Py_DECREF(counts);
    return NULL;
}

/* join_words(words, sep=", ") -> str; every word must be a str */
static PyObject *
join_words(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *words;
    const char *sep = ", ";
    if (!PyArg_ParseTuple(args, "O|s:join_words", &words, &sep)) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(words, "join_words() needs a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *separator = PyUnicode_FromString(sep);
    if (separator == NULL) {
        Py_DECREF(fast);
        return NULL;
    }
    PyObject *result = PyUnicode_Join(separator, fast);
    Py_DECREF(separator);
    Py_DECREF(fast);
    return result;
}

/* sorted_pairs(mapping) -> [(key, value), ...] sorted by key */
static PyObject *
sorted_pairs(PyObject *Py_UNUSED(module), PyObject *mapping)
{
    if (!PyDict_Check(mapping)) {
        PyErr_Format(PyExc_TypeError, "sorted_pairs() needs a dict, not %.100s",
                     Py_TYPE(mapping)->tp_name);
        return NULL;
    }
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        PyObject *pair = PyTuple_Pack(2, key, value);
        if (pair == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        int rc = PyList_Append(result, pair);
        Py_DECREF(pair);
        if (rc < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    if (PyList_Sort(result) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

/* stats(numbers) -> {"count": n, "sum": s, "mean": m}; ValueError when empty */
static PyObject *
stats(PyObject *Py_UNUSED(module), PyObject *numbers)
{
    PyObject *iter = PyObject_GetIter(numbers);
    if (iter == NULL) {
        return NULL;
    }
    Py_ssize_t count = 0;
    double sum = 0.0;
    PyObject *item;
    while ((item = PyIter_Next(iter)) != NULL) {
        double x = PyFloat_AsDouble(item);
        Py_DECREF(item);
        if (x == -1.0 && PyErr_Occurred()) {
            Py_DECREF(iter);
            return NULL;
        }
        sum += x;
        count++;
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (count == 0) {
        PyErr_SetString(PyExc_ValueError, "stats() of an empty sequence");
        return NULL;
    }
    return Py_BuildValue("{s:n,s:d,s:d}", "count", count, "sum", sum, "mean", sum / (double)count);
}

/* A new tuple of the items of fast from start, at most size of them. */
static PyObject *
tuple_of_slice(PyObject *fast, Py_ssize_t start, Py_ssize_t size)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    Py_ssize_t len = n - start < size ? n - start : size;
    PyObject *part = PyTuple_New(len);
    if (part == NULL) {
        return NULL;
    }
    for (Py_ssize_t j = 0; j < len; j++) {
        PyObject *item = PySequence_Fast_GET_ITEM(fast, start + j);
        Py_INCREF(item);
        PyTuple_SET_ITEM(part, j, item);
    }
    return part;
}

/* Appends to result the chunks of size items of fast; 0, or -1 with an exception set. */
static int
append_chunks(PyObject *result, PyObject *fast, Py_ssize_t size)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    for (Py_ssize_t start = 0; start < n; start += size) {
        PyObject *part = tuple_of_slice(fast, start, size);
        if (part == NULL) {
            return -1;
        }
        int rc = PyList_Append(result, part);
        Py_DECREF(part);
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

/* chunk(seq, size) -> [tuple, ...] of at most size items each */
static PyObject *
chunk(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *seq;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "On:chunk", &seq, &size)) {
        return NULL;
    }
    if (size <= 0) {
        PyErr_Format(PyExc_ValueError, "chunk size must be positive, not %zd", size);
        return NULL;
    }
    PyObject *fast = PySequence_Fast(seq, "chunk() needs a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *result = PyList_New(0);
    if (result != NULL && append_chunks(result, fast, size) < 0) {
        Py_CLEAR(result);
    }
    Py_DECREF(fast);
    return result;
}

/* invert(mapping) -> {value: key}; funclib.Error on a repeated value */
static PyObject *
invert(PyObject *module, PyObject *mapping)
{
    PyObject *items = PyMapping_Items(mapping);
    if (items == NULL) {
        return NULL;
    }
    PyObject *result = PyDict_New();
    if (result == NULL) {
        Py_DECREF(items);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *pair = PyList_GET_ITEM(items, i);
        PyObject *key = PyTuple_GET_ITEM(pair, 0);
        PyObject *value = PyTuple_GET_ITEM(pair, 1);
        int present = PyDict_Contains(result, value);
        if (present < 0) {
            goto error;
        }
        if (present) {
            PyErr_Format(get_state(module)->error, "value %R appears twice", value);
            goto error;
        }
        if (PyDict_SetItem(result, value, key) < 0) {
            goto error;
        }
    }
    Py_DECREF(items);
    return result;
error:
    Py_DECREF(items);
    Py_DECREF(result);
    return NULL;
}

/* describe(name, age, *, title=None) -> str */
static PyObject *
describe(PyObject *Py_UNUSED(module), PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"name", "age", "title", NULL};
    PyObject *name;
    int age;
    const char *title = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "Ui|$z:describe", kwlist, &name, &age, &title)) {
        return NULL;
    }
    if (age < 0) {
        PyErr_SetString(PyExc_ValueError, "age must not be negative");
        return NULL;
    }
    if (title != NULL) {
        return PyUnicode_FromFormat("%s %U (%d)", title, name, age);
    }
    return PyUnicode_FromFormat("%U (%d)", name, age);
}

/* scale(point, factor) -> (x * factor, y * factor), point a pair of numbers */
static PyObject *
scale(PyObject *Py_UNUSED(module), PyObject *args)
{
    double x, y, factor;
    if (!PyArg_ParseTuple(args, "(dd)d:scale", &x, &y, &factor)) {
        return NULL;
    }
    return Py_BuildValue("(dd)", x * factor, y * factor);
}

/* merge(*dicts) -> a new dict, later keys winning */
static PyObject *
merge(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *result = PyDict_New();
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        if (PyDict_Update(result, PyTuple_GET_ITEM(args, i)) < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

/* first_of(seq, default) -> seq[0], or default when seq is empty (METH_FASTCALL) */
static PyObject *
first_of(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "first_of() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    Py_ssize_t n = PyObject_Length(args[0]);
    if (n < 0) {
        return NULL;
    }
    if (n == 0) {
        return Py_NewRef(args[1]);
    }
    return PySequence_GetItem(args[0], 0);
}

/* flatten(list_of_iterables) -> list */
static PyObject *
flatten(PyObject *Py_UNUSED(module), PyObject *outer)
{
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(outer);
    if (it == NULL) {
        Py_DECREF(result);
        return NULL;
    }
    PyObject *inner;
    while ((inner = PyIter_Next(it)) != NULL) {
        PyObject *items = PySequence_List(inner);
        Py_DECREF(inner);
        if (items == NULL) {
            goto error;
        }
        int rc = PyList_SetSlice(result, PyList_GET_SIZE(result), PyList_GET_SIZE(result), items);
        Py_DECREF(items);
        if (rc < 0) {
            goto error;
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
error:
    Py_DECREF(it);
    Py_DECREF(result);
    return NULL;
}

/* shout(text) -> bytes, the text's UTF-8 upper-cased (ASCII letters only) */
static PyObject *
shout(PyObject *Py_UNUSED(module), PyObject *arg)
{
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &len);
    if (s == NULL) {
        return NULL;
    }
    PyObject *result = PyBytes_FromStringAndSize(NULL, len);
    if (result == NULL) {
        return NULL;
    }
    char *out = PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < len; i++) {
        out[i] = (char)toupper((unsigned char)s[i]);
    }
    return result;
}

/* fail(message) always raises funclib.Error(message) */
static PyObject *
fail(PyObject *module, PyObject *args)
{
    const char *message;
    if (!PyArg_ParseTuple(args, "s:fail", &message)) {
        return NULL;
    }
    PyErr_SetString(get_state(module)->error, message);
    return NULL;
}

/* squeeze(text) -> text with every run of whitespace as one space and each word capitalised
 * (Py_UNICODE_ISSPACE, TOTITLE, TOLOWER: deprecated since 3.3, still there), built in place with
 * CPython's _PyUnicodeWriter */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static PyObject *
squeeze(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "squeeze() argument must be str, not %.100s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t len = PyUnicode_GET_LENGTH(arg);
    int kind = (int)PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    _PyUnicodeWriter writer;
    _PyUnicodeWriter_Init(&writer);
    writer.overallocate = 1;
    int in_word = 0, pending_space = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(ch)) {
            pending_space = pending_space || in_word;
            in_word = 0;
            continue;
        }
        if (pending_space && _PyUnicodeWriter_WriteChar(&writer, ' ') < 0) {
            goto error;
        }
        pending_space = 0;
        if (_PyUnicodeWriter_WriteChar(&writer, in_word ? Py_UNICODE_TOLOWER(ch)
                                                        : Py_UNICODE_TOTITLE(ch)) < 0) {
            goto error;
        }
        in_word = 1;
    }
    return _PyUnicodeWriter_Finish(&writer);
error:
    _PyUnicodeWriter_Dealloc(&writer);
    return NULL;
}
#pragma GCC diagnostic pop

/* classify(text) -> {"alpha": n, "upper": n, "digits": sum, "numeric": sum, "printable": bool}
 * from the Py_UNICODE_IS* / TO* character database */
static PyObject *
classify(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "classify() argument must be str");
        return NULL;
    }
    Py_ssize_t len = PyUnicode_GET_LENGTH(arg), alpha = 0, upper = 0;
    long digits = 0;
    double numeric = 0.0;
    int printable = 1;
    int kind = (int)PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        alpha += Py_UNICODE_ISALPHA(ch) != 0;
        upper += Py_UNICODE_ISUPPER(ch) != 0;
        if (Py_UNICODE_ISDECIMAL(ch)) {
            digits += Py_UNICODE_TODECIMAL(ch);
        }
        if (Py_UNICODE_ISNUMERIC(ch)) {
            numeric += Py_UNICODE_TONUMERIC(ch);
        }
        printable = printable && Py_UNICODE_ISPRINTABLE(ch);
    }
    return Py_BuildValue("{s:n,s:n,s:l,s:d,s:O}", "alpha", alpha, "upper", upper, "digits", digits,
                         "numeric", numeric, "printable", printable ? Py_True : Py_False);
}

/* list_of(x) -> list[x], a types.GenericAlias */
static PyObject *
list_of(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return Py_GenericAlias((PyObject *)&PyList_Type, arg);
}

static PyMethodDef funclib_methods[] = {
    {"word_count", (PyCFunction)(void (*)(void))word_count, METH_VARARGS | METH_KEYWORDS, NULL},
    {"join_words", join_words, METH_VARARGS, NULL},
    {"sorted_pairs", sorted_pairs, METH_O, NULL},
    {"stats", stats, METH_O, NULL},
    {"chunk", chunk, METH_VARARGS, NULL},
    {"invert", invert, METH_O, NULL},
    {"describe", (PyCFunction)(void (*)(void))describe, METH_VARARGS | METH_KEYWORDS, NULL},
    {"scale", scale, METH_VARARGS, NULL},
    {"merge", merge, METH_VARARGS, NULL},
    {"first_of", (PyCFunction)(void (*)(void))first_of, METH_FASTCALL, NULL},
    {"flatten", flatten, METH_O, NULL},
    {"shout", shout, METH_O, NULL},
    {"squeeze", squeeze, METH_O, NULL},
    {"classify", classify, METH_O, NULL},
    {"list_of", list_of, METH_O, NULL},
    {"fail", fail, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int
funclib_exec(PyObject *module)
{
    funclib_state *state = get_state(module);
    state->error = PyErr_NewException("funclib.Error", PyExc_ValueError, NULL);
    if (state->error == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "Error", state->error) < 0) {
        return -1;
    }
    if (PyModule_AddStringConstant(module, "__version__", "1.0") < 0) {
        return -1;
    }
    return 0;
}

static int
funclib_traverse(PyObject *module, visitproc visit, void *arg)
{
    Py_VISIT(get_state(module)->error);
    return 0;
}

static int
funclib_clear(PyObject *module)
{
    Py_CLEAR(get_state(module)->error);
    return 0;
}

static void
funclib_free(void *module)
{
    funclib_clear((PyObject *)module);
}

static PyModuleDef_Slot funclib_slots[] = {
    {Py_mod_exec, (void *)funclib_exec},
    {0, NULL},
};

static struct PyModuleDef funclib_module = {
    PyModuleDef_HEAD_INIT,
    "funclib",
    "Functions over the built-in containers.",
    sizeof(funclib_state),
    funclib_methods,
    funclib_slots,
    funclib_traverse,
    funclib_clear,
    funclib_free,
};

/* PEP 489: the init function hands the import system the (static) definition itself, which
 * PyModuleDef_Init returns; the rules data describes it as no reference to release. */
PyMODINIT_FUNC
PyInit_funclib(void)
{
    return PyModuleDef_Init(&funclib_module);
}
