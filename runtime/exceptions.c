/* exceptions.c — the standard exception classes and their instances, as CPython's
 * Objects/exceptions.c, much smaller.
 *
 * Owns: the static exception types (BaseException down to the warnings) and one preallocated
 * MemoryError instance (static storage, count 1 held by the runtime) that PyErr_NoMemory raises
 * without allocating.
 *
 * Layouts: PyBaseExceptionObject for all, with the extra fields of StopIteration (value),
 * SystemExit (code), OSError (errno, strerror, filename, filename2) and ImportError (msg, name,
 * path). Instances are GC objects holding owned references; each layout has its own traverse,
 * clear and dealloc. The static MemoryError instance is not a GC object (tp_is_gc says so) and
 * its count reaching zero is reported as a singleton's, never freed.
 *
 * Differences from CPython: UnicodeDecodeError and friends take any arguments (CPython requires
 * five); no exception groups beyond the type; no add_note / with_traceback methods.
 */
#include "rt_capi.h"

#include <stddef.h>

/* --- BaseException ---------------------------------------------------------------------------------*/
static int base_clear(PyObject *op)
{
  PyBaseExceptionObject *e = (PyBaseExceptionObject *)op;
  Py_CLEAR(e->dict);
  Py_CLEAR(e->args);
  Py_CLEAR(e->notes);
  Py_CLEAR(e->traceback);
  Py_CLEAR(e->cause);
  Py_CLEAR(e->context);
  return 0;
}

static int base_traverse(PyObject *op, visitproc visit, void *arg)
{
  PyBaseExceptionObject *e = (PyBaseExceptionObject *)op;
  Py_VISIT(e->dict);
  Py_VISIT(e->args);
  Py_VISIT(e->notes);
  Py_VISIT(e->traceback);
  Py_VISIT(e->cause);
  Py_VISIT(e->context);
  return 0;
}

extern PyTypeObject _PyExc_MemoryError;
static PyBaseExceptionObject memory_error_instance = {
    .ob_base = {1, &_PyExc_MemoryError},
};

PyObject *rt_memory_error_instance(void) { return (PyObject *)&memory_error_instance; }
int rt_is_static_exception(const void *op) { return op == (const void *)&memory_error_instance; }

static int exc_is_gc(PyObject *op) { return op != (PyObject *)&memory_error_instance; }

/* Returns 1 (after a report) when op is the static instance, whose count reached zero. */
static int static_instance_dies(PyObject *op)
{
  if (op != (PyObject *)&memory_error_instance) return 0;
  rt_defect_object(RT_DEFECT_SINGLETON_DEALLOC, op, NULL, rt_release_site,
                   "the count of the preallocated MemoryError instance reached zero: a reference "
                   "was released that was never taken");
  return 1;
}

static void base_dealloc(PyObject *op)
{
  if (static_instance_dies(op)) return;
  PyObject_GC_UnTrack(op);
  base_clear(op);
  Py_TYPE(op)->tp_free(op);
}

static PyObject *base_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)kwds;
  PyBaseExceptionObject *self = (PyBaseExceptionObject *)type->tp_alloc(type, 0);
  if (self == NULL) return NULL;
  self->suppress_context = 0;
  self->args = args != NULL ? Py_NewRef(args) : PyTuple_New(0);
  if (self->args == NULL) {
    Py_DECREF(self);
    return NULL;
  }
  return (PyObject *)self;
}

static int base_init(PyObject *op, PyObject *args, PyObject *kwds)
{
  if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) {
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", rt_type_name(Py_TYPE(op)));
    return -1;
  }
  Py_XSETREF(((PyBaseExceptionObject *)op)->args, Py_NewRef(args));
  return 0;
}

static Py_ssize_t nargs_of(PyObject *op)
{
  PyObject *args = ((PyBaseExceptionObject *)op)->args;
  return args != NULL && PyTuple_Check(args) ? PyTuple_GET_SIZE(args) : 0;
}

static PyObject *base_str(PyObject *op)
{
  PyObject *args = ((PyBaseExceptionObject *)op)->args;
  switch (nargs_of(op)) {
  case 0: return PyUnicode_FromString("");
  case 1: return PyObject_Str(PyTuple_GET_ITEM(args, 0));
  default: return PyObject_Str(args);
  }
}

static PyObject *base_repr(PyObject *op)
{
  PyObject *args = ((PyBaseExceptionObject *)op)->args;
  const char *name = rt_type_name(Py_TYPE(op));
  switch (nargs_of(op)) {
  case 0: return PyUnicode_FromFormat("%s()", name);
  case 1: return PyUnicode_FromFormat("%s(%R)", name, PyTuple_GET_ITEM(args, 0));
  default: return PyUnicode_FromFormat("%s%R", name, args);
  }
}

static PyObject *get_args(PyObject *op, void *closure)
{
  (void)closure;
  PyObject *args = ((PyBaseExceptionObject *)op)->args;
  return args != NULL ? Py_NewRef(args) : PyTuple_New(0);
}

static int set_args(PyObject *op, PyObject *value, void *closure)
{
  (void)closure;
  if (value == NULL) {
    PyErr_SetString(PyExc_TypeError, "args may not be deleted");
    return -1;
  }
  PyObject *seq = PySequence_Tuple(value);
  if (seq == NULL) return -1;
  Py_XSETREF(((PyBaseExceptionObject *)op)->args, seq);
  return 0;
}

#define FIELD_GETSET(field)                                                                        \
  static PyObject *get_##field(PyObject *op, void *closure)                                        \
  {                                                                                                \
    (void)closure;                                                                                 \
    PyObject *v = ((PyBaseExceptionObject *)op)->field;                                            \
    return Py_NewRef(v != NULL ? v : Py_None);                                                     \
  }                                                                                                \
  static int set_##field(PyObject *op, PyObject *value, void *closure)                             \
  {                                                                                                \
    (void)closure;                                                                                 \
    if (value == NULL) {                                                                           \
      PyErr_SetString(PyExc_TypeError, #field " may not be deleted");                              \
      return -1;                                                                                   \
    }                                                                                              \
    Py_XSETREF(((PyBaseExceptionObject *)op)->field, value == Py_None ? NULL : Py_NewRef(value)); \
    return 0;                                                                                      \
  }
FIELD_GETSET(context)
FIELD_GETSET(cause)

static PyObject *get_traceback(PyObject *op, void *closure)
{
  (void)closure;
  PyObject *v = ((PyBaseExceptionObject *)op)->traceback;
  return Py_NewRef(v != NULL ? v : Py_None);
}

static int set_traceback(PyObject *op, PyObject *value, void *closure)
{
  (void)closure;
  return PyException_SetTraceback(op, value);
}

static PyGetSetDef base_getset[] = {
    {"args", get_args, set_args, NULL, NULL},
    {"__traceback__", get_traceback, set_traceback, NULL, NULL},
    {"__context__", get_context, set_context, NULL, NULL},
    {"__cause__", get_cause, set_cause, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef base_members[] = {
    {"__suppress_context__", Py_T_BOOL, offsetof(PyBaseExceptionObject, suppress_context), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* --- the type table --------------------------------------------------------------------------------*/
#define EXC_FLAGS                                                                                  \
  (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS)

#define EXC_TYPE(NAME, BASE, SIZE, DEALLOC, TRAVERSE, CLEAR, INIT, STR, MEMBERS)                  \
  PyTypeObject _PyExc_##NAME = {                                                                   \
      .ob_base = {{1, &PyType_Type}, 0},                                                           \
      .tp_name = #NAME,                                                                            \
      .tp_basicsize = sizeof(SIZE),                                                                \
      .tp_dealloc = DEALLOC,                                                                       \
      .tp_repr = base_repr,                                                                        \
      .tp_str = STR,                                                                               \
      .tp_flags = EXC_FLAGS,                                                                       \
      .tp_traverse = TRAVERSE,                                                                     \
      .tp_clear = CLEAR,                                                                           \
      .tp_members = MEMBERS,                                                                       \
      .tp_base = BASE,                                                                             \
      .tp_dictoffset = offsetof(PyBaseExceptionObject, dict),                                      \
      .tp_init = INIT,                                                                             \
      .tp_new = base_new,                                                                          \
      .tp_is_gc = exc_is_gc,                                                                       \
  };                                                                                               \
  PyObject *PyExc_##NAME = (PyObject *)&_PyExc_##NAME;

#define SIMPLE(NAME, BASE)                                                                         \
  EXC_TYPE(NAME, &_PyExc_##BASE, PyBaseExceptionObject, base_dealloc, base_traverse, base_clear,   \
           base_init, base_str, NULL)

PyTypeObject _PyExc_BaseException = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "BaseException",
    .tp_basicsize = sizeof(PyBaseExceptionObject),
    .tp_dealloc = base_dealloc,
    .tp_repr = base_repr,
    .tp_str = base_str,
    .tp_flags = EXC_FLAGS,
    .tp_traverse = base_traverse,
    .tp_clear = base_clear,
    .tp_members = base_members,
    .tp_getset = base_getset,
    .tp_dictoffset = offsetof(PyBaseExceptionObject, dict),
    .tp_init = base_init,
    .tp_new = base_new,
    .tp_is_gc = exc_is_gc,
};
PyObject *PyExc_BaseException = (PyObject *)&_PyExc_BaseException;

SIMPLE(Exception, BaseException)
SIMPLE(BaseExceptionGroup, BaseException)
SIMPLE(GeneratorExit, BaseException)
SIMPLE(KeyboardInterrupt, BaseException)
SIMPLE(StopAsyncIteration, Exception)
SIMPLE(ArithmeticError, Exception)
SIMPLE(LookupError, Exception)
SIMPLE(AssertionError, Exception)
SIMPLE(AttributeError, Exception)
SIMPLE(BufferError, Exception)
SIMPLE(EOFError, Exception)
SIMPLE(MemoryError, Exception)
SIMPLE(NameError, Exception)
SIMPLE(ReferenceError, Exception)
SIMPLE(RuntimeError, Exception)
SIMPLE(SyntaxError, Exception)
SIMPLE(SystemError, Exception)
SIMPLE(TypeError, Exception)
SIMPLE(ValueError, Exception)
SIMPLE(Warning, Exception)
SIMPLE(FloatingPointError, ArithmeticError)
SIMPLE(OverflowError, ArithmeticError)
SIMPLE(ZeroDivisionError, ArithmeticError)
SIMPLE(IndexError, LookupError)
SIMPLE(UnboundLocalError, NameError)
SIMPLE(NotImplementedError, RuntimeError)
SIMPLE(RecursionError, RuntimeError)
SIMPLE(IndentationError, SyntaxError)
SIMPLE(TabError, IndentationError)
SIMPLE(UnicodeError, ValueError)
SIMPLE(UnicodeEncodeError, UnicodeError)
SIMPLE(UnicodeDecodeError, UnicodeError)
SIMPLE(UnicodeTranslateError, UnicodeError)
SIMPLE(UserWarning, Warning)
SIMPLE(EncodingWarning, Warning)
SIMPLE(DeprecationWarning, Warning)
SIMPLE(PendingDeprecationWarning, Warning)
SIMPLE(SyntaxWarning, Warning)
SIMPLE(RuntimeWarning, Warning)
SIMPLE(FutureWarning, Warning)
SIMPLE(ImportWarning, Warning)
SIMPLE(UnicodeWarning, Warning)
SIMPLE(BytesWarning, Warning)
SIMPLE(ResourceWarning, Warning)

/* KeyError: str() of a single argument is its repr, so KeyError('') reads as ''. */
static PyObject *keyerror_str(PyObject *op)
{
  if (nargs_of(op) == 1)
    return PyObject_Repr(PyTuple_GET_ITEM(((PyBaseExceptionObject *)op)->args, 0));
  return base_str(op);
}
EXC_TYPE(KeyError, &_PyExc_LookupError, PyBaseExceptionObject, base_dealloc, base_traverse,
         base_clear, base_init, keyerror_str, NULL)

/* --- StopIteration and SystemExit: one extra field from the first argument ----------------------*/
#define ONE_FIELD_LAYOUT(prefix, Struct, field, none_when_empty)                                   \
  static int prefix##_clear(PyObject *op)                                                          \
  {                                                                                                \
    Py_CLEAR(((Struct *)op)->field);                                                               \
    return base_clear(op);                                                                         \
  }                                                                                                \
  static int prefix##_traverse(PyObject *op, visitproc visit, void *arg)                           \
  {                                                                                                \
    Py_VISIT(((Struct *)op)->field);                                                               \
    return base_traverse(op, visit, arg);                                                          \
  }                                                                                                \
  static void prefix##_dealloc(PyObject *op)                                                       \
  {                                                                                                \
    PyObject_GC_UnTrack(op);                                                                       \
    prefix##_clear(op);                                                                            \
    Py_TYPE(op)->tp_free(op);                                                                      \
  }                                                                                                \
  static int prefix##_init(PyObject *op, PyObject *args, PyObject *kwds)                           \
  {                                                                                                \
    if (base_init(op, args, kwds) < 0) return -1;                                                  \
    Py_ssize_t n = PyTuple_GET_SIZE(args);                                                         \
    PyObject *v = n == 0 ? Py_None : n == 1 || !(none_when_empty) ? PyTuple_GET_ITEM(args, 0) : args; \
    Py_XSETREF(((Struct *)op)->field, Py_NewRef(v));                                               \
    return 0;                                                                                      \
  }                                                                                                \
  static PyMemberDef prefix##_members[] = {                                                        \
      {#field, _Py_T_OBJECT, offsetof(Struct, field), 0, NULL},                                    \
      {NULL, 0, 0, 0, NULL},                                                                       \
  };

ONE_FIELD_LAYOUT(stopiter, PyStopIterationObject, value, 0)
ONE_FIELD_LAYOUT(sysexit, PySystemExitObject, code, 1)
EXC_TYPE(StopIteration, &_PyExc_Exception, PyStopIterationObject, stopiter_dealloc,
         stopiter_traverse, stopiter_clear, stopiter_init, base_str, stopiter_members)
EXC_TYPE(SystemExit, &_PyExc_BaseException, PySystemExitObject, sysexit_dealloc,
         sysexit_traverse, sysexit_clear, sysexit_init, base_str, sysexit_members)

/* --- OSError ------------------------------------------------------------------------------------*/
static int oserror_clear(PyObject *op)
{
  PyOSErrorObject *e = (PyOSErrorObject *)op;
  Py_CLEAR(e->myerrno);
  Py_CLEAR(e->strerror);
  Py_CLEAR(e->filename);
  Py_CLEAR(e->filename2);
  return base_clear(op);
}

static int oserror_traverse(PyObject *op, visitproc visit, void *arg)
{
  PyOSErrorObject *e = (PyOSErrorObject *)op;
  Py_VISIT(e->myerrno);
  Py_VISIT(e->strerror);
  Py_VISIT(e->filename);
  Py_VISIT(e->filename2);
  return base_traverse(op, visit, arg);
}

static void oserror_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  oserror_clear(op);
  Py_TYPE(op)->tp_free(op);
}

/* OSError(errno, strerror[, filename[, winerror[, filename2]]]): args keeps (errno, strerror). */
static int oserror_init(PyObject *op, PyObject *args, PyObject *kwds)
{
  if (base_init(op, args, kwds) < 0) return -1;
  PyOSErrorObject *e = (PyOSErrorObject *)op;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n < 2 || n > 5) return 0;
  Py_XSETREF(e->myerrno, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
  Py_XSETREF(e->strerror, Py_NewRef(PyTuple_GET_ITEM(args, 1)));
  if (n >= 3 && PyTuple_GET_ITEM(args, 2) != Py_None)
    Py_XSETREF(e->filename, Py_NewRef(PyTuple_GET_ITEM(args, 2)));
  if (n == 5 && PyTuple_GET_ITEM(args, 4) != Py_None)
    Py_XSETREF(e->filename2, Py_NewRef(PyTuple_GET_ITEM(args, 4)));
  if (n >= 3) {
    PyObject *two = PyTuple_GetSlice(args, 0, 2);
    if (two == NULL) return -1;
    Py_XSETREF(e->base.args, two);
  }
  return 0;
}

static PyObject *oserror_str(PyObject *op)
{
  PyOSErrorObject *e = (PyOSErrorObject *)op;
  if (e->filename != NULL && e->myerrno != NULL && e->strerror != NULL)
    return PyUnicode_FromFormat("[Errno %S] %S: %R", e->myerrno, e->strerror, e->filename);
  if (e->myerrno != NULL && e->strerror != NULL)
    return PyUnicode_FromFormat("[Errno %S] %S", e->myerrno, e->strerror);
  return base_str(op);
}

static PyMemberDef oserror_members[] = {
    {"errno", _Py_T_OBJECT, offsetof(PyOSErrorObject, myerrno), 0, NULL},
    {"strerror", _Py_T_OBJECT, offsetof(PyOSErrorObject, strerror), 0, NULL},
    {"filename", _Py_T_OBJECT, offsetof(PyOSErrorObject, filename), 0, NULL},
    {"filename2", _Py_T_OBJECT, offsetof(PyOSErrorObject, filename2), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

EXC_TYPE(OSError, &_PyExc_Exception, PyOSErrorObject, oserror_dealloc, oserror_traverse,
         oserror_clear, oserror_init, oserror_str, oserror_members)
PyObject *PyExc_EnvironmentError = (PyObject *)&_PyExc_OSError;
PyObject *PyExc_IOError = (PyObject *)&_PyExc_OSError;

#define OSERROR_SUB(NAME, BASE)                                                                    \
  EXC_TYPE(NAME, &_PyExc_##BASE, PyOSErrorObject, oserror_dealloc, oserror_traverse,               \
           oserror_clear, oserror_init, oserror_str, NULL)
OSERROR_SUB(BlockingIOError, OSError)
OSERROR_SUB(ChildProcessError, OSError)
OSERROR_SUB(ConnectionError, OSError)
OSERROR_SUB(BrokenPipeError, ConnectionError)
OSERROR_SUB(ConnectionAbortedError, ConnectionError)
OSERROR_SUB(ConnectionRefusedError, ConnectionError)
OSERROR_SUB(ConnectionResetError, ConnectionError)
OSERROR_SUB(FileExistsError, OSError)
OSERROR_SUB(FileNotFoundError, OSError)
OSERROR_SUB(InterruptedError, OSError)
OSERROR_SUB(IsADirectoryError, OSError)
OSERROR_SUB(NotADirectoryError, OSError)
OSERROR_SUB(PermissionError, OSError)
OSERROR_SUB(ProcessLookupError, OSError)
OSERROR_SUB(TimeoutError, OSError)

/* --- ImportError ----------------------------------------------------------------------------------*/
static int importerror_clear(PyObject *op)
{
  PyImportErrorObject *e = (PyImportErrorObject *)op;
  Py_CLEAR(e->msg);
  Py_CLEAR(e->name);
  Py_CLEAR(e->path);
  return base_clear(op);
}

static int importerror_traverse(PyObject *op, visitproc visit, void *arg)
{
  PyImportErrorObject *e = (PyImportErrorObject *)op;
  Py_VISIT(e->msg);
  Py_VISIT(e->name);
  Py_VISIT(e->path);
  return base_traverse(op, visit, arg);
}

static void importerror_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  importerror_clear(op);
  Py_TYPE(op)->tp_free(op);
}

static int importerror_init(PyObject *op, PyObject *args, PyObject *kwds)
{
  PyObject *name = kwds ? PyDict_GetItemString(kwds, "name") : NULL;
  PyObject *path = kwds ? PyDict_GetItemString(kwds, "path") : NULL;
  PyImportErrorObject *e = (PyImportErrorObject *)op;
  Py_XSETREF(((PyBaseExceptionObject *)op)->args, Py_NewRef(args));
  Py_XSETREF(e->name, Py_XNewRef(name));
  Py_XSETREF(e->path, Py_XNewRef(path));
  if (PyTuple_GET_SIZE(args) == 1) Py_XSETREF(e->msg, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
  return 0;
}

static PyMemberDef importerror_members[] = {
    {"msg", _Py_T_OBJECT, offsetof(PyImportErrorObject, msg), 0, NULL},
    {"name", _Py_T_OBJECT, offsetof(PyImportErrorObject, name), 0, NULL},
    {"path", _Py_T_OBJECT, offsetof(PyImportErrorObject, path), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

EXC_TYPE(ImportError, &_PyExc_Exception, PyImportErrorObject, importerror_dealloc,
         importerror_traverse, importerror_clear, importerror_init, base_str, importerror_members)
EXC_TYPE(ModuleNotFoundError, &_PyExc_ImportError, PyImportErrorObject, importerror_dealloc,
         importerror_traverse, importerror_clear, importerror_init, base_str, NULL)

/* --- for errors.c and interp.c ---------------------------------------------------------------------*/
PyObject *rt_exc_create(PyObject *type, PyObject *value)
{
  if (value != NULL && PyExceptionInstance_Check(value) &&
      PyType_IsSubtype(Py_TYPE(value), (PyTypeObject *)type))
    return Py_NewRef(value);
  if (value == NULL || value == Py_None) return PyObject_CallNoArgs(type);
  if (PyTuple_Check(value)) return PyObject_Call(type, value, NULL);
  return PyObject_CallOneArg(type, value);
}

#define LIST_EXC(name) &_PyExc_##name,
static PyTypeObject *const all_exceptions[] = {_RT_EXCEPTIONS(LIST_EXC)};

void rt_exceptions_each(void (*fn)(PyTypeObject *type, void *ctx), void *ctx)
{
  for (size_t i = 0; i < sizeof(all_exceptions) / sizeof(all_exceptions[0]); i++)
    fn(all_exceptions[i], ctx);
}

/* Readies every exception type (bases first: the table lists them in dependency order is not
 * required, PyType_Ready readies a base on demand) and gives the static MemoryError its args. */
int rt_exceptions_init(void)
{
  for (size_t i = 0; i < sizeof(all_exceptions) / sizeof(all_exceptions[0]); i++)
    if (PyType_Ready(all_exceptions[i]) < 0) return -1;
  return 0;
}

/* --- exception object accessors -----------------------------------------------------------------*/
PyObject *PyException_GetTraceback(PyObject *exc)
{
  return Py_XNewRef(((PyBaseExceptionObject *)exc)->traceback);
}

int PyException_SetTraceback(PyObject *exc, PyObject *tb)
{
  if (tb == NULL) {
    PyErr_SetString(PyExc_TypeError, "__traceback__ may not be deleted");
    return -1;
  }
  if (tb != Py_None) {   /* the runtime has no traceback objects: None is the only valid value */
    PyErr_SetString(PyExc_TypeError, "__traceback__ must be a traceback or None");
    return -1;
  }
  Py_CLEAR(((PyBaseExceptionObject *)exc)->traceback);
  return 0;
}

PyObject *PyException_GetCause(PyObject *exc) { return Py_XNewRef(((PyBaseExceptionObject *)exc)->cause); }

void PyException_SetCause(PyObject *exc, PyObject *cause)
{
  PyBaseExceptionObject *e = (PyBaseExceptionObject *)exc;
  e->suppress_context = 1;
  Py_XSETREF(e->cause, cause);
}

PyObject *PyException_GetContext(PyObject *exc)
{
  return Py_XNewRef(((PyBaseExceptionObject *)exc)->context);
}

void PyException_SetContext(PyObject *exc, PyObject *ctx)
{
  Py_XSETREF(((PyBaseExceptionObject *)exc)->context, ctx);
}

PyObject *PyException_GetArgs(PyObject *exc) { return get_args(exc, NULL); }

void PyException_SetArgs(PyObject *exc, PyObject *args)
{
  Py_XSETREF(((PyBaseExceptionObject *)exc)->args, Py_XNewRef(args));
}
