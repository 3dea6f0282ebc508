/* test_capi_core.c — the error indicator, the exception hierarchy, the type machinery (static
 * types with methods, members and getsets), builtin function objects and their calling
 * conventions, and modules. Every test runs in a check window that must end without a defect:
 * what the calls return is owned as CPython says, or the leak check or the debug layer reports it.
 */
#include <stddef.h>
#include "capi_test.h"
#include "structmember.h"

/* --- the error indicator ------------------------------------------------------------------------*/
TEST(set_string_fetch_restore)
{
  CAPI_BEGIN();
  CHECK(PyErr_Occurred() == NULL);
  PyErr_SetString(PyExc_TypeError, "bad thing");
  CHECK(PyErr_Occurred() == PyExc_TypeError);
  CHECK(PyErr_ExceptionMatches(PyExc_Exception));
  CHECK(PyErr_ExceptionMatches(PyExc_BaseException));
  CHECK(!PyErr_ExceptionMatches(PyExc_ValueError));
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  CHECK(PyErr_Occurred() == NULL);
  CHECK(t == PyExc_TypeError);
  CHECK(tb == NULL);
  REQUIRE(v != NULL);
  CHECK(PyExceptionInstance_Check(v));
  PyObject *s = PyObject_Str(v);
  CHECK_STR(s, "bad thing");
  Py_XDECREF(s);
  CHECK_REPR_STEAL(Py_NewRef(v), "TypeError('bad thing')");
  PyErr_Restore(t, v, tb);
  CHECK_RAISED(PyExc_TypeError, "bad thing");
  CAPI_END_CLEAN();
}

TEST(restore_normalizes_a_type_and_value)
{
  CAPI_BEGIN();
  PyObject *msg = PyUnicode_FromString("not normal");
  PyErr_Restore(Py_NewRef(PyExc_ValueError), msg, NULL);   /* both stolen */
  PyObject *exc = PyErr_GetRaisedException();
  REQUIRE(exc != NULL);
  CHECK(Py_IS_TYPE(exc, (PyTypeObject *)PyExc_ValueError));
  PyObject *args = PyException_GetArgs(exc);
  CHECK(args != NULL && PyTuple_GET_SIZE(args) == 1 && str_is(PyTuple_GET_ITEM(args, 0), "not normal"));
  Py_XDECREF(args);
  PyErr_SetRaisedException(exc);
  CHECK_RAISED(PyExc_ValueError, "not normal");

  PyObject *type = Py_NewRef(PyExc_KeyError), *value = PyUnicode_FromString("k"), *tb = NULL;
  PyErr_NormalizeException(&type, &value, &tb);
  CHECK(type == PyExc_KeyError);
  CHECK(value != NULL && Py_IS_TYPE(value, (PyTypeObject *)PyExc_KeyError));
  PyObject *s = PyObject_Str(value);
  CHECK_STR(s, "'k'");   /* KeyError's str is the repr of its key */
  Py_XDECREF(s);
  Py_DECREF(type);
  Py_DECREF(value);
  CAPI_END_CLEAN();
}

TEST(format_and_matching)
{
  CAPI_BEGIN();
  PyObject *obj = PyUnicode_FromString("x");
  CHECK(PyErr_Format(PyExc_ValueError, "%d-%s-%R-%zd", 42, "abc", obj, (Py_ssize_t)-7) == NULL);
  CHECK_RAISED(PyExc_ValueError, "42-abc-'x'--7");
  Py_DECREF(obj);
  PyObject *tuple = PyTuple_Pack(2, PyExc_KeyError, PyExc_IndexError);
  CHECK(PyErr_GivenExceptionMatches(PyExc_IndexError, tuple));
  CHECK(PyErr_GivenExceptionMatches(PyExc_IndexError, PyExc_LookupError));
  CHECK(!PyErr_GivenExceptionMatches(PyExc_TypeError, tuple));
  CHECK(PyErr_GivenExceptionMatches(PyExc_ZeroDivisionError, PyExc_ArithmeticError));
  CHECK(PyErr_GivenExceptionMatches(PyExc_FileNotFoundError, PyExc_OSError));
  CHECK(PyErr_GivenExceptionMatches(PyExc_IOError, PyExc_OSError));
  CHECK(PyErr_GivenExceptionMatches(PyExc_ModuleNotFoundError, PyExc_ImportError));
  CHECK(PyErr_GivenExceptionMatches(PyExc_StopIteration, PyExc_Exception));
  CHECK(!PyErr_GivenExceptionMatches(PyExc_KeyboardInterrupt, PyExc_Exception));
  Py_DECREF(tuple);
  PyErr_SetNone(PyExc_StopIteration);
  CHECK_RAISED(PyExc_StopIteration, "");
  CHECK(PyErr_BadArgument() == 0);
  CHECK_RAISED(PyExc_TypeError, "bad argument type for built-in operation");
  (PyErr_BadInternalCall)();
  CHECK_RAISED(PyExc_SystemError, "bad argument to internal function");
  PyErr_SetObject(PyExc_RuntimeError, NULL);
  CHECK_RAISED(PyExc_RuntimeError, "");
  PyErr_SetString(PyExc_Warning, "w");   /* not an error class is fine: any exception class */
  CHECK_RAISED(PyExc_Warning, "w");
  PyErr_SetObject(Py_None, NULL);   /* not a class at all */
  CHECK_RAISED(PyExc_SystemError, NULL);
  CAPI_END_CLEAN();
}

TEST(no_memory_never_allocates)
{
  CAPI_BEGIN();
  rt_alloc_count_reset();
  CHECK(PyErr_NoMemory() == NULL);
  CHECK_EQ_INT(rt_alloc_count(), 0);
  CHECK(PyErr_ExceptionMatches(PyExc_MemoryError));
  PyErr_Clear();
  /* Fault injection now raises MemoryError through the constructors. */
  rt_set_nomemory(0, 0);
  PyObject *l = PyList_New(3);
  PyObject *s = PyUnicode_FromString("abc");
  PyErr_SetString(PyExc_ValueError, "cannot even build the message");
  rt_remove_mem_hooks();
  CHECK(l == NULL && s == NULL);
  CHECK(PyErr_ExceptionMatches(PyExc_MemoryError));
  PyErr_Clear();
  CAPI_END_CLEAN();
}

TEST(new_exception_class)
{
  CAPI_BEGIN();
  PyObject *cls = PyErr_NewException("spam.SpamError", NULL, NULL);
  REQUIRE(cls != NULL);
  CHECK(PyExceptionClass_Check(cls));
  CHECK(PyType_IsSubtype((PyTypeObject *)cls, (PyTypeObject *)PyExc_Exception));
  PyObject *name = PyObject_GetAttrString(cls, "__name__");
  CHECK_STR(name, "SpamError");
  Py_XDECREF(name);
  PyObject *mod = PyObject_GetAttrString(cls, "__module__");
  CHECK_STR(mod, "spam");
  Py_XDECREF(mod);
  CHECK_REPR_STEAL(Py_NewRef(cls), "<class 'spam.SpamError'>");
  PyErr_SetString(cls, "eggs");
  CHECK(PyErr_ExceptionMatches(cls));
  CHECK(PyErr_ExceptionMatches(PyExc_Exception));
  PyObject *exc = PyErr_GetRaisedException();
  CHECK_REPR_STEAL(exc, "SpamError('eggs')");
  PyObject *sub = PyErr_NewExceptionWithDoc("spam.Sub", "doc", cls, NULL);
  REQUIRE(sub != NULL);
  CHECK(PyErr_GivenExceptionMatches(sub, cls));
  PyObject *doc = PyObject_GetAttrString(sub, "__doc__");
  CHECK_STR(doc, "doc");
  Py_XDECREF(doc);
  Py_DECREF(sub);
  CHECK(PyErr_NewException("nodot", NULL, NULL) == NULL);
  CHECK_RAISED(PyExc_SystemError, "PyErr_NewException: name must be module.class");
  Py_DECREF(cls);
  CAPI_END_CLEAN();
}

TEST(exception_attributes)
{
  CAPI_BEGIN();
  PyObject *e = PyObject_CallFunction(PyExc_StopIteration, "i", 7);
  REQUIRE(e != NULL);
  PyObject *v = PyObject_GetAttrString(e, "value");
  CHECK(v != NULL && PyLong_AsLong(v) == 7);
  Py_XDECREF(v);
  CHECK(PyException_GetCause(e) == NULL);
  PyException_SetCause(e, PyUnicode_FromString("why"));   /* steals */
  PyObject *cause = PyException_GetCause(e);
  CHECK_STR(cause, "why");
  Py_XDECREF(cause);
  PyException_SetContext(e, NULL);
  CHECK(PyObject_SetAttrString(e, "extra", Py_True) == 0);   /* exceptions have a __dict__ */
  PyObject *x = PyObject_GetAttrString(e, "extra");
  CHECK(x == Py_True);
  Py_XDECREF(x);
  Py_DECREF(e);
  errno = 2;
  CHECK(PyErr_SetFromErrno(PyExc_OSError) == NULL);
  CHECK(PyErr_ExceptionMatches(PyExc_FileNotFoundError));
  PyErr_Clear();
  CAPI_END_CLEAN();
}

TEST(warnings_are_recorded_or_raised)
{
  CAPI_BEGIN();
  rt_warnings_clear();
  CHECK_EQ_INT(PyErr_WarnEx(PyExc_DeprecationWarning, "old stuff", 1), 0);
  CHECK_EQ_INT(rt_warning_count(), 1);
  CHECK_EQ_STR(rt_warning_get(0)->category, "DeprecationWarning");
  CHECK_EQ_STR(rt_warning_get(0)->message, "old stuff");
  rt_warnings_set_error(1);
  CHECK_EQ_INT(PyErr_WarnEx(PyExc_RuntimeWarning, "now an error", 1), -1);
  CHECK_RAISED(PyExc_RuntimeWarning, "now an error");
  rt_warnings_set_error(0);
  CHECK_EQ_INT(PyErr_WarnEx(PyExc_TypeError, "x", 1), -1);   /* not a Warning subclass */
  CHECK_RAISED(PyExc_TypeError, NULL);
  CAPI_END_CLEAN();
}

/* --- a static type written as an extension writes it ----------------------------------------------*/
typedef struct {
  PyObject_HEAD
  PyObject *name;   /* owned, may be NULL */
  int count;
  double ratio;
  long frozen;
} Counter;

static int counter_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((Counter *)op)->name);
  return 0;
}

static int counter_clear(PyObject *op)
{
  Py_CLEAR(((Counter *)op)->name);
  return 0;
}

static void counter_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  counter_clear(op);
  Py_TYPE(op)->tp_free(op);
}

static int counter_init(PyObject *op, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"name", (char *)"count", NULL};
  PyObject *name = NULL;
  int count = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Oi:Counter", kwlist, &name, &count)) return -1;
  Counter *self = (Counter *)op;
  Py_XSETREF(self->name, Py_XNewRef(name));
  self->count = count;
  return 0;
}

static PyObject *counter_bump(PyObject *op, PyObject *Py_UNUSED(ignored))
{
  ((Counter *)op)->count++;
  return PyLong_FromLong(((Counter *)op)->count);
}

static PyObject *counter_add(PyObject *op, PyObject *arg)
{
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred()) return NULL;
  ((Counter *)op)->count += (int)n;
  Py_RETURN_NONE;
}

static PyObject *counter_pair(PyObject *op, PyObject *args)
{
  int a, b;
  if (!PyArg_ParseTuple(args, "ii:pair", &a, &b)) return NULL;
  return Py_BuildValue("(Oi)", ((Counter *)op)->name ? ((Counter *)op)->name : Py_None, a + b);
}

static PyObject *counter_kw(PyObject *op, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"x", (char *)"y", NULL};
  int x = 0, y = 0;
  (void)op;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "i|$i:kw", kwlist, &x, &y)) return NULL;
  return PyLong_FromLong(x * 10 + y);
}

static PyObject *counter_fast(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
  (void)op;
  return PyLong_FromSsize_t(nargs > 0 ? nargs * 100 + PyLong_AsLong(args[0]) : 0);
}

static PyObject *counter_fast_kw(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
  (void)op;
  (void)args;
  return Py_BuildValue("nn", nargs, kwnames ? PyTuple_GET_SIZE(kwnames) : (Py_ssize_t)0);
}

static PyObject *counter_make(PyObject *cls, PyObject *Py_UNUSED(ignored))
{
  return PyObject_CallFunction(cls, "si", "made", 5);
}

static PyObject *counter_get_double(PyObject *op, void *closure)
{
  (void)closure;
  return PyLong_FromLong(((Counter *)op)->count * 2);
}

static int counter_set_double(PyObject *op, PyObject *value, void *closure)
{
  (void)closure;
  if (value == NULL) {
    PyErr_SetString(PyExc_AttributeError, "cannot delete double");
    return -1;
  }
  long v = PyLong_AsLong(value);
  if (v == -1 && PyErr_Occurred()) return -1;
  ((Counter *)op)->count = (int)(v / 2);
  return 0;
}

static PyMethodDef counter_methods[] = {
    {"bump", counter_bump, METH_NOARGS, "add one"},
    {"add", counter_add, METH_O, NULL},
    {"pair", counter_pair, METH_VARARGS, NULL},
    {"kw", (PyCFunction)(void (*)(void))counter_kw, METH_VARARGS | METH_KEYWORDS, NULL},
    {"fast", (PyCFunction)(void (*)(void))counter_fast, METH_FASTCALL, NULL},
    {"fast_kw", (PyCFunction)(void (*)(void))counter_fast_kw, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"make", counter_make, METH_CLASS | METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef counter_members[] = {
    {"name", T_OBJECT, offsetof(Counter, name), 0, NULL},
    {"count", T_INT, offsetof(Counter, count), 0, NULL},
    {"ratio", T_DOUBLE, offsetof(Counter, ratio), 0, NULL},
    {"frozen", T_LONG, offsetof(Counter, frozen), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef counter_getset[] = {
    {"double", counter_get_double, counter_set_double, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "core.Counter",
    .tp_basicsize = sizeof(Counter),
    .tp_dealloc = counter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Counter(name=None, count=0)\n--\n\nA counter.",
    .tp_traverse = counter_traverse,
    .tp_clear = counter_clear,
    .tp_methods = counter_methods,
    .tp_members = counter_members,
    .tp_getset = counter_getset,
    .tp_init = counter_init,
    .tp_new = PyType_GenericNew,
};

TEST(static_type_ready_and_instances)
{
  CAPI_BEGIN();
  REQUIRE(PyType_Ready(&Counter_Type) == 0);
  CHECK(Py_TYPE(&Counter_Type) == &PyType_Type);
  CHECK(Counter_Type.tp_alloc == PyType_GenericAlloc);
  CHECK(Counter_Type.tp_free == PyObject_GC_Del);
  CHECK(Counter_Type.tp_getattro == PyObject_GenericGetAttr);
  PyObject *doc = PyObject_GetAttrString((PyObject *)&Counter_Type, "__doc__");
  CHECK_STR(doc, "A counter.");
  Py_XDECREF(doc);
  PyObject *c = PyObject_CallFunction((PyObject *)&Counter_Type, "si", "hits", 3);
  REQUIRE(c != NULL);
  CHECK(PyObject_TypeCheck(c, &Counter_Type));
  PyObject *r = PyObject_CallMethod(c, "bump", NULL);
  CHECK(r != NULL && PyLong_AsLong(r) == 4);
  Py_XDECREF(r);
  r = PyObject_CallMethod(c, "add", "i", 10);
  CHECK(r == Py_None);
  Py_XDECREF(r);
  r = PyObject_CallMethod(c, "pair", "ii", 1, 2);
  CHECK_REPR_STEAL(r, "('hits', 3)");
  PyObject *count = PyObject_GetAttrString(c, "count");
  CHECK(count != NULL && PyLong_AsLong(count) == 14);
  Py_XDECREF(count);
  /* members: set and read back, read-only refuses, T_OBJECT reads None when NULL */
  PyObject *v = PyFloat_FromDouble(0.5);
  CHECK(PyObject_SetAttrString(c, "ratio", v) == 0);
  Py_DECREF(v);
  CHECK(((Counter *)c)->ratio == 0.5);
  CHECK(PyObject_SetAttrString(c, "frozen", Py_True) == -1);
  CHECK_RAISED(PyExc_AttributeError, "readonly attribute");
  CHECK(PyObject_SetAttrString(c, "name", NULL) == 0);
  PyObject *name = PyObject_GetAttrString(c, "name");
  CHECK(name == Py_None);
  Py_XDECREF(name);
  CHECK(PyObject_SetAttrString(c, "nonexistent", Py_None) == -1);
  CHECK_RAISED(PyExc_AttributeError, "'core.Counter' object has no attribute 'nonexistent'");
  /* getset */
  PyObject *d = PyObject_GetAttrString(c, "double");
  CHECK(d != NULL && PyLong_AsLong(d) == 28);
  Py_XDECREF(d);
  PyObject *forty = PyLong_FromLong(40);
  CHECK(PyObject_SetAttrString(c, "double", forty) == 0);
  Py_DECREF(forty);
  CHECK(((Counter *)c)->count == 20);
  CHECK(PyObject_DelAttrString(c, "double") == -1);
  CHECK_RAISED(PyExc_AttributeError, "cannot delete double");
  /* class method */
  r = PyObject_CallMethod((PyObject *)&Counter_Type, "make", NULL);
  CHECK(r != NULL && PyObject_TypeCheck(r, &Counter_Type) && ((Counter *)r)->count == 5);
  Py_XDECREF(r);
  /* init's argument errors */
  r = PyObject_CallFunction((PyObject *)&Counter_Type, "sis", "a", 1, "extra");
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_TypeError, "Counter() takes at most 2 arguments (3 given)");
  Py_DECREF(c);
  CAPI_END_CLEAN();
}

TEST(calling_conventions)
{
  CAPI_BEGIN();
  REQUIRE(PyType_Ready(&Counter_Type) == 0);
  PyObject *c = PyObject_CallNoArgs((PyObject *)&Counter_Type);
  REQUIRE(c != NULL);
  PyObject *bump = PyObject_GetAttrString(c, "bump");
  REQUIRE(bump != NULL);
  CHECK(PyCFunction_Check(bump));
  CHECK(PyCFunction_GET_SELF(bump) == c);
  PyObject *r = PyObject_CallOneArg(bump, Py_None);
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_TypeError, "Counter.bump() takes no arguments (1 given)");   /* _PyObject_FunctionStr */
  Py_DECREF(bump);
  PyObject *add = PyObject_GetAttrString(c, "add");
  r = PyObject_CallNoArgs(add);
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_TypeError, "Counter.add() takes exactly one argument (0 given)");
  PyObject *kw = Py_BuildValue("{s:i}", "x", 1);
  PyObject *empty = PyTuple_New(0);
  r = PyObject_Call(add, empty, kw);
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_TypeError, "Counter.add() takes no keyword arguments");
  Py_DECREF(add);
  PyObject *kwm = PyObject_GetAttrString(c, "kw");
  PyObject *args = Py_BuildValue("(i)", 4);
  PyObject *kwargs = Py_BuildValue("{s:i}", "y", 2);
  r = PyObject_Call(kwm, args, kwargs);
  CHECK(r != NULL && PyLong_AsLong(r) == 42);
  Py_XDECREF(r);
  r = PyObject_Call(kwm, args, kw);   /* x given twice */
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_TypeError, "argument for kw() given by name ('x') and position (1)");
  r = PyObject_Call(kwm, empty, NULL);
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_TypeError, "kw() missing required argument 'x' (pos 1)");
  PyObject *args2 = Py_BuildValue("(ii)", 1, 2);
  r = PyObject_Call(kwm, args2, NULL);   /* y is keyword-only */
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_TypeError, "kw() takes at most 1 positional argument (2 given)");
  Py_DECREF(args2);
  Py_DECREF(kwm);
  PyObject *fast = PyObject_GetAttrString(c, "fast");
  PyObject *stack[3] = {PyLong_FromLong(7), Py_None, Py_None};
  r = PyObject_Vectorcall(fast, stack, 3, NULL);
  CHECK(r != NULL && PyLong_AsLong(r) == 307);
  Py_XDECREF(r);
  Py_DECREF(fast);
  PyObject *fast_kw = PyObject_GetAttrString(c, "fast_kw");
  PyObject *names = Py_BuildValue("(s)", "flag");
  r = PyObject_Vectorcall(fast_kw, stack, 1, names);
  CHECK_REPR_STEAL(r, "(1, 1)");
  r = PyObject_Call(fast_kw, args, kwargs);
  CHECK_REPR_STEAL(r, "(1, 1)");
  Py_DECREF(names);
  Py_DECREF(fast_kw);
  Py_DECREF(stack[0]);
  Py_DECREF(args);
  Py_DECREF(kwargs);
  Py_DECREF(kw);
  Py_DECREF(empty);
  Py_DECREF(c);
  CAPI_END_CLEAN();
}

/* A function that breaks the result contract is caught as CPython catches it. */
static PyObject *returns_null_silently(PyObject *self, PyObject *args)
{
  (void)self;
  (void)args;
  return NULL;
}

static PyObject *returns_value_with_error(PyObject *self, PyObject *args)
{
  (void)self;
  (void)args;
  PyErr_SetString(PyExc_ValueError, "forgotten");
  return PyLong_FromLong(1);
}

static PyMethodDef bad_defs[] = {
    {"null_silently", returns_null_silently, METH_NOARGS, NULL},
    {"value_with_error", returns_value_with_error, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

TEST(function_result_is_checked)
{
  CAPI_BEGIN();
  PyObject *f = PyCFunction_New(&bad_defs[0], NULL);
  CHECK(PyObject_CallNoArgs(f) == NULL);
  CHECK_RAISED(PyExc_SystemError, "<built-in function null_silently> returned NULL without setting an exception");
  Py_DECREF(f);
  f = PyCFunction_New(&bad_defs[1], NULL);
  CHECK(PyObject_CallNoArgs(f) == NULL);
  CHECK_RAISED(PyExc_SystemError, "<built-in function value_with_error> returned a result with an exception set");
  Py_DECREF(f);
  CAPI_END_CLEAN();
}

/* --- modules ---------------------------------------------------------------------------------------*/
typedef struct {
  PyObject *cache;   /* owned */
  int calls;
} ModState;

static PyObject *mod_ping(PyObject *module, PyObject *Py_UNUSED(ignored))
{
  ModState *st = PyModule_GetState(module);
  st->calls++;
  return PyLong_FromLong(st->calls);
}

static int mod_traverse(PyObject *m, visitproc visit, void *arg)
{
  ModState *st = PyModule_GetState(m);
  Py_VISIT(st->cache);
  return 0;
}

static int mod_clear(PyObject *m)
{
  ModState *st = PyModule_GetState(m);
  Py_CLEAR(st->cache);
  return 0;
}

static void mod_free(void *m) { mod_clear((PyObject *)m); }

static PyMethodDef mod_methods[] = {
    {"ping", mod_ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef mod_def = {
    PyModuleDef_HEAD_INIT, "coremod", "the module doc", sizeof(ModState), mod_methods, NULL,
    mod_traverse, mod_clear, mod_free,
};

TEST(module_create_and_add)
{
  CAPI_BEGIN();
  PyObject *m = PyModule_Create(&mod_def);
  REQUIRE(m != NULL);
  ModState *st = PyModule_GetState(m);
  REQUIRE(st != NULL);
  CHECK(st->cache == NULL && st->calls == 0);
  st->cache = PyDict_New();
  CHECK(PyModule_GetDef(m) == &mod_def);
  CHECK_EQ_STR(PyModule_GetName(m), "coremod");
  PyObject *d = PyModule_GetDict(m);
  CHECK(d != NULL && PyDict_Check(d));
  CHECK_STR(PyDict_GetItemString(d, "__doc__"), "the module doc");
  PyObject *r = PyObject_CallMethod(m, "ping", NULL);
  CHECK(r != NULL && PyLong_AsLong(r) == 1);
  Py_XDECREF(r);
  CHECK(PyModule_AddIntConstant(m, "ANSWER", 42) == 0);
  CHECK(PyModule_AddStringConstant(m, "NAME", "core") == 0);
  PyObject *obj = PyList_New(0);
  CHECK(PyModule_AddObjectRef(m, "ref", obj) == 0);
  CHECK_EQ_INT(Py_REFCNT(obj), 2);
  CHECK(PyModule_AddObject(m, "stolen", obj) == 0);   /* steals on success */
  CHECK_EQ_INT(Py_REFCNT(obj), 2);
  PyObject *obj2 = PyList_New(0);
  CHECK(PyModule_Add(m, "added", obj2) == 0);         /* steals always */
  CHECK_EQ_INT(Py_REFCNT(obj2), 1);
  CHECK(PyModule_Add(m, "null", NULL) == -1);         /* NULL without an exception */
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject *notmod = PyList_New(0);
  PyObject *val = PyLong_FromLong(1000);
  CHECK(PyModule_AddObject(notmod, "x", val) == -1);  /* failure: the caller keeps val */
  CHECK_RAISED(PyExc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
  CHECK_EQ_INT(Py_REFCNT(val), 1);
  Py_DECREF(val);
  Py_DECREF(notmod);
  CHECK(PyModule_AddType(m, &Counter_Type) == 0);
  PyObject *ct = PyObject_GetAttrString(m, "Counter");
  CHECK(ct == (PyObject *)&Counter_Type);
  Py_XDECREF(ct);
  PyObject *answer = PyObject_GetAttrString(m, "ANSWER");
  CHECK(answer != NULL && PyLong_AsLong(answer) == 42);
  Py_XDECREF(answer);
  CHECK(PyObject_GetAttrString(m, "missing") == NULL);
  CHECK_RAISED(PyExc_AttributeError, "module 'coremod' has no attribute 'missing'");
  CHECK(PyModule_GetState(Py_None) == NULL);
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK(PyModule_GetDict(Py_None) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  Py_DECREF(m);
  CAPI_END_CLEAN();
}

static int exec_ran;
static int mod_exec(PyObject *m)
{
  exec_ran++;
  return PyModule_AddIntConstant(m, "FROM_EXEC", 7);
}

static PyModuleDef_Slot multi_slots[] = {
    {Py_mod_exec, (void *)mod_exec},
    {0, NULL},
};

static struct PyModuleDef multi_def = {
    PyModuleDef_HEAD_INIT, "multimod", NULL, sizeof(ModState), mod_methods, multi_slots,
    mod_traverse, mod_clear, NULL,
};

static PyObject *PyInit_multimod(void) { return PyModuleDef_Init(&multi_def); }
static PyObject *PyInit_coremod(void) { return PyModule_Create(&mod_def); }

TEST(multi_phase_and_registry)
{
  CAPI_BEGIN();
  PyObject *m = rt_module_from_init(PyInit_multimod, "multimod");
  REQUIRE(m != NULL);
  CHECK_EQ_INT(exec_ran, 1);
  PyObject *v = PyObject_GetAttrString(m, "FROM_EXEC");
  CHECK(v != NULL && PyLong_AsLong(v) == 7);
  Py_XDECREF(v);
  CHECK(PyModule_GetState(m) != NULL);
  PyObject *again = PyImport_ImportModule("multimod");
  CHECK(again == m);
  Py_XDECREF(again);
  PyObject *single = rt_module_from_init(PyInit_coremod, "coremod");
  CHECK(single != NULL && PyModule_Check(single));
  Py_XDECREF(single);
  CHECK(PyImport_ImportModule("nosuchmodule") == NULL);
  CHECK_RAISED(PyExc_ModuleNotFoundError, "No module named 'nosuchmodule'");
  Py_DECREF(m);
  /* The registry keeps the modules alive: the check does not call them leaks. */
  CAPI_END_CLEAN();
}

/* --- heap types from a spec ------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  PyObject *payload;   /* owned */
} Box;

static int box_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(Py_TYPE(op));
  Py_VISIT(((Box *)op)->payload);
  return 0;
}

static int box_clear(PyObject *op)
{
  Py_CLEAR(((Box *)op)->payload);
  return 0;
}

static void box_dealloc(PyObject *op)
{
  PyTypeObject *tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  box_clear(op);
  tp->tp_free(op);
  Py_DECREF(tp);
}

static PyObject *box_repr(PyObject *op)
{
  return PyUnicode_FromFormat("Box(%R)", ((Box *)op)->payload ? ((Box *)op)->payload : Py_None);
}

static PyObject *box_owner(PyObject *op, PyObject *Py_UNUSED(ignored))
{
  PyObject *m = PyType_GetModuleByDef(Py_TYPE(op), &mod_def);
  return Py_XNewRef(m);
}

static PyMemberDef box_members[] = {
    {"payload", T_OBJECT, offsetof(Box, payload), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef box_methods[] = {
    {"owner", box_owner, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot box_slots[] = {
    {Py_tp_traverse, (void *)box_traverse},
    {Py_tp_clear, (void *)box_clear},
    {Py_tp_dealloc, (void *)box_dealloc},
    {Py_tp_repr, (void *)box_repr},
    {Py_tp_members, box_members},
    {Py_tp_methods, box_methods},
    {Py_tp_doc, (void *)"A box."},
    {0, NULL},
};

static PyType_Spec box_spec = {
    "coremod.Box", sizeof(Box), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    box_slots,
};

TEST(heap_type_from_spec)
{
  CAPI_BEGIN();
  PyObject *m = PyModule_Create(&mod_def);
  REQUIRE(m != NULL);
  PyObject *type = PyType_FromModuleAndSpec(m, &box_spec, NULL);
  REQUIRE(type != NULL);
  CHECK(PyType_Check(type) && PyType_HasFeature((PyTypeObject *)type, Py_TPFLAGS_HEAPTYPE));
  CHECK(PyType_GetModule((PyTypeObject *)type) == m);
  CHECK(PyType_GetModuleState((PyTypeObject *)type) == PyModule_GetState(m));
  CHECK(PyType_GetSlot((PyTypeObject *)type, Py_tp_repr) == (void *)box_repr);
  CHECK(PyType_GetSlot((PyTypeObject *)type, Py_nb_add) == NULL);
  CHECK(PyType_GetSlot(&PyLong_Type, Py_nb_add) != NULL);
  CHECK_REPR_STEAL(Py_NewRef(type), "<class 'coremod.Box'>");
  PyObject *doc = PyObject_GetAttrString(type, "__doc__");
  CHECK_STR(doc, "A box.");
  Py_XDECREF(doc);
  Py_ssize_t before = Py_REFCNT(type);
  PyObject *b = PyObject_CallNoArgs(type);
  REQUIRE(b != NULL);
  CHECK_EQ_INT(Py_REFCNT(type), before + 1);   /* the instance holds its heap type */
  CHECK(PyObject_SetAttrString(b, "payload", m) == 0);   /* a cycle through the module is fine */
  CHECK_REPR_STEAL(PyObject_CallMethod(b, "owner", NULL), "<module 'coremod'>");
  PyObject *name = PyType_GetName((PyTypeObject *)type);
  CHECK_STR(name, "Box");
  Py_XDECREF(name);
  Py_DECREF(b);
  CHECK_EQ_INT(Py_REFCNT(type), before);
  CHECK(PyModule_AddType(m, (PyTypeObject *)type) == 0);
  /* A subclass through Py_tp_base inherits the slots it does not give. */
  PyType_Slot sub_slots[] = {{Py_tp_base, type}, {0, NULL}};
  PyType_Spec sub_spec = {"coremod.SubBox", 0, 0, Py_TPFLAGS_DEFAULT, sub_slots};   /* GC inherited */
  PyObject *sub = PyType_FromSpec(&sub_spec);
  REQUIRE(sub != NULL);
  CHECK(PyType_IsSubtype((PyTypeObject *)sub, (PyTypeObject *)type));
  CHECK(((PyTypeObject *)sub)->tp_repr == box_repr);
  PyObject *sb = PyObject_CallNoArgs(sub);
  CHECK_REPR_STEAL(sb, "Box(None)");
  Py_DECREF(sub);
  Py_DECREF(type);
  Py_DECREF(m);
  CAPI_END_CLEAN();
}

TEST(heap_types_under_fault_injection)
{
  /* Every allocation of type creation failing in turn: NULL with MemoryError, nothing left. */
  for (long k = 1; k < 200; k++) {
    CAPI_BEGIN();
    rt_set_nomemory(k - 1, k);
    PyObject *type = PyType_FromSpec(&box_spec);
    PyObject *obj = type ? PyObject_CallNoArgs(type) : NULL;
    int refused = rt_alloc_count() >= k;
    rt_remove_mem_hooks();
    if (obj == NULL) CHECK(PyErr_Occurred() != NULL);
    Py_XDECREF(obj);
    Py_XDECREF(type);
    CAPI_END_CLEAN();
    if (!refused) break;
  }
}

int main(void)
{
  Py_Initialize();
  RUN(set_string_fetch_restore);
  RUN(restore_normalizes_a_type_and_value);
  RUN(format_and_matching);
  RUN(no_memory_never_allocates);
  RUN(new_exception_class);
  RUN(exception_attributes);
  RUN(warnings_are_recorded_or_raised);
  RUN(static_type_ready_and_instances);
  RUN(calling_conventions);
  RUN(function_result_is_checked);
  RUN(module_create_and_add);
  RUN(multi_phase_and_registry);
  RUN(heap_type_from_spec);
  RUN(heap_types_under_fault_injection);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  return capi_defects_or(failed);
}
