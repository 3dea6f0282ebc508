/* errors.c — the error indicator, as CPython 3.12 keeps it: one normalised exception.
 *
 * Owns: the current exception (cur_exc, one owned reference or NULL), the handled exception
 * (what sys.exc_info() would return; owned or NULL), the warning records, and the error hook the
 * core's stand-in offered (rt_set_error_hook, rt_nomemory_count), kept for the oracle.
 *
 * Invariants:
 *  - cur_exc is NULL or an exception instance; PyErr_Occurred() returns its type, borrowed;
 *  - setting an exception never fails: when building the instance fails, the exception that
 *    failure raised (MemoryError) is what is left set;
 *  - PyErr_NoMemory never allocates: it raises the preallocated MemoryError instance, so fault
 *    injection with "fail for ever" cannot recurse;
 *  - before building an instance the indicator is cleared (CPython's issue #23571: functions must
 *    not be called with an exception set).
 */
#include "rt_capi.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static PyObject *cur_exc;       /* owned: the current exception, or NULL */
static PyObject *handled_exc;   /* owned: the exception being handled, or NULL */

static RtErrorHook hook;
static void *hook_ctx;
static long nomemory_calls;

/* --- the hook and counters (kept from the core's stand-in) -------------------------------------*/
void rt_set_error_hook(RtErrorHook h, void *ctx)
{
  hook = h;
  hook_ctx = ctx;
}

long rt_nomemory_count(void) { return nomemory_calls; }

void rt_errhook_reset(void) { nomemory_calls = 0; }

PyObject *rt_err_current(void) { return cur_exc; }
PyObject *rt_err_handled(void) { return handled_exc; }

/* Replaces the current exception with exc (stolen, may be NULL). */
static void set_current(PyObject *exc)
{
  PyObject *old = cur_exc;
  cur_exc = exc;
  Py_XDECREF(old);
}

/* --- setting ---------------------------------------------------------------------------------------*/
PyObject *PyErr_NoMemory(void)
{
  nomemory_calls++;
  if (hook != NULL) hook("MemoryError", hook_ctx);
  set_current(Py_NewRef(rt_memory_error_instance()));
  return NULL;
}

void PyErr_SetObject(PyObject *type, PyObject *value)
{
  if (type == NULL || !PyExceptionClass_Check(type)) {
    PyErr_Clear();
    if (type == NULL) PyErr_SetString(PyExc_SystemError, "_PyErr_SetObject: exception NULL is not a "
                                                         "BaseException subclass");
    else PyErr_Format(PyExc_SystemError, "_PyErr_SetObject: exception %R is not a BaseException "
                                         "subclass", type);
    return;
  }
  PyObject *exc;
  if (value != NULL && PyExceptionInstance_Check(value) &&
      PyType_IsSubtype(Py_TYPE(value), (PyTypeObject *)type)) {
    exc = Py_NewRef(value);
  } else {
    PyErr_Clear();
    exc = rt_exc_create(type, value);
    if (exc == NULL) return;   /* the failure's own exception stays set */
  }
  /* Implicit chaining: the exception being handled becomes the context. */
  if (handled_exc != NULL && handled_exc != exc) {
    PyBaseExceptionObject *e = (PyBaseExceptionObject *)exc;
    if (e->context == NULL) e->context = Py_NewRef(handled_exc);
  }
  set_current(exc);
}

void PyErr_SetNone(PyObject *type) { PyErr_SetObject(type, NULL); }

void PyErr_SetString(PyObject *type, const char *message)
{
  PyObject *value = PyUnicode_FromString(message);
  PyErr_SetObject(type, value);   /* value NULL: type() replaces the MemoryError, as CPython */
  Py_XDECREF(value);
}

PyObject *PyErr_FormatV(PyObject *type, const char *format, va_list vargs)
{
  PyErr_Clear();
  PyObject *string = PyUnicode_FromFormatV(format, vargs);
  if (string == NULL) return NULL;   /* its MemoryError stays set */
  PyErr_SetObject(type, string);
  Py_DECREF(string);
  return NULL;
}

PyObject *PyErr_Format(PyObject *type, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyErr_FormatV(type, format, va);
  va_end(va);
  return NULL;
}

PyObject *rt_type_error(const char *fmt, ...)
{
  va_list va;
  va_start(va, fmt);
  PyErr_FormatV(PyExc_TypeError, fmt, va);
  va_end(va);
  return NULL;
}

PyObject *rt_null_error(void)
{
  if (cur_exc == NULL) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
  return NULL;
}

void _PyErr_BadInternalCall(const char *filename, int lineno)
{
  PyErr_Format(PyExc_SystemError, "%s:%d: bad argument to internal function", filename, lineno);
}

void (PyErr_BadInternalCall)(void)
{
  PyErr_SetString(PyExc_SystemError, "bad argument to internal function");
}

PyObject *rt_bad_internal_call(void)
{
  (PyErr_BadInternalCall)();
  return NULL;
}

int PyErr_BadArgument(void)
{
  PyErr_SetString(PyExc_TypeError, "bad argument type for built-in operation");
  return 0;
}

/* --- reading and moving ------------------------------------------------------------------------*/
PyObject *PyErr_Occurred(void) { return cur_exc ? (PyObject *)Py_TYPE(cur_exc) : NULL; }

void PyErr_Clear(void) { set_current(NULL); }

PyObject *PyErr_GetRaisedException(void)
{
  PyObject *exc = cur_exc;
  cur_exc = NULL;
  return exc;
}

void PyErr_SetRaisedException(PyObject *exc) { set_current(exc); }

void PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)
{
  PyObject *exc = PyErr_GetRaisedException();
  if (exc == NULL) {
    *ptype = *pvalue = *ptraceback = NULL;
    return;
  }
  *ptype = Py_NewRef((PyObject *)Py_TYPE(exc));
  *pvalue = exc;
  *ptraceback = Py_XNewRef(((PyBaseExceptionObject *)exc)->traceback);
}

/* Steals type, value and traceback (CPython 3.12's _PyErr_Restore). */
void PyErr_Restore(PyObject *type, PyObject *value, PyObject *traceback)
{
  if (type == NULL) {
    Py_XDECREF(value);
    Py_XDECREF(traceback);
    set_current(NULL);
    return;
  }
  if (value == NULL || (PyObject *)Py_TYPE(value) != type) {
    if (value != NULL && PyExceptionInstance_Check(value) && PyExceptionClass_Check(type) &&
        PyType_IsSubtype(Py_TYPE(value), (PyTypeObject *)type)) {
      /* an instance of a subclass is already normalised */
    } else {
      set_current(NULL);
      PyObject *exc = PyExceptionClass_Check(type) ? rt_exc_create(type, value) : NULL;
      if (exc == NULL && cur_exc == NULL)
        PyErr_SetString(PyExc_SystemError, "PyErr_Restore: type is not an exception class");
      Py_XDECREF(value);
      if (exc == NULL) {
        Py_DECREF(type);
        Py_XDECREF(traceback);
        return;
      }
      value = exc;
    }
  }
  if (traceback == Py_None) {
    Py_DECREF(traceback);
    traceback = NULL;
  } else if (traceback != NULL) {   /* the runtime has no traceback objects (CPython 3.12's check) */
    PyErr_SetString(PyExc_TypeError, "traceback must be a Traceback or None");
    Py_DECREF(value);
    Py_DECREF(type);
    Py_DECREF(traceback);
    return;
  }
  PyBaseExceptionObject *e = (PyBaseExceptionObject *)value;
  Py_XSETREF(e->traceback, traceback);
  set_current(value);
  Py_DECREF(type);
}

void PyErr_NormalizeException(PyObject **exc, PyObject **val, PyObject **tb)
{
  for (int depth = 0; depth < 32; depth++) {
    PyObject *type = *exc, *value = *val;
    if (type == NULL) return;   /* no exception: nothing to do */
    if (value == NULL) value = *val = Py_NewRef(Py_None);
    if (PyExceptionClass_Check(type)) {
      if (PyExceptionInstance_Check(value) &&
          PyType_IsSubtype(Py_TYPE(value), (PyTypeObject *)type)) {
        if ((PyObject *)Py_TYPE(value) != type) Py_SETREF(*exc, Py_NewRef((PyObject *)Py_TYPE(value)));
        return;
      }
      PyObject *saved = PyErr_GetRaisedException();
      PyObject *fixed = rt_exc_create(type, value == Py_None ? NULL : value);
      PyObject *failure = PyErr_GetRaisedException();
      PyErr_SetRaisedException(saved);
      if (fixed != NULL) {
        Py_SETREF(*val, fixed);
        return;
      }
      /* Normalising raised: normalise the new exception in its place (as CPython does). */
      Py_SETREF(*exc, Py_NewRef((PyObject *)Py_TYPE(failure)));
      Py_SETREF(*val, failure);
      Py_XSETREF(*tb, NULL);
      continue;
    }
    return;   /* not a class: left as it is */
  }
}

/* --- the handled exception ---------------------------------------------------------------------*/
PyObject *PyErr_GetHandledException(void) { return Py_XNewRef(handled_exc); }

void PyErr_SetHandledException(PyObject *exc)
{
  Py_XSETREF(handled_exc, exc == Py_None ? NULL : Py_XNewRef(exc));
}

void PyErr_GetExcInfo(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)
{
  if (handled_exc == NULL) {
    *ptype = *pvalue = *ptraceback = NULL;
    return;
  }
  *ptype = Py_NewRef((PyObject *)Py_TYPE(handled_exc));
  *pvalue = Py_NewRef(handled_exc);
  *ptraceback = Py_XNewRef(((PyBaseExceptionObject *)handled_exc)->traceback);
}

/* Steals its three arguments. */
void PyErr_SetExcInfo(PyObject *type, PyObject *value, PyObject *traceback)
{
  PyObject *old = handled_exc;
  handled_exc = (value == NULL || value == Py_None || !PyExceptionInstance_Check(value)) ? NULL : value;
  if (handled_exc == NULL) Py_XDECREF(value);
  Py_XDECREF(old);
  Py_XDECREF(type);
  Py_XDECREF(traceback);
}

/* --- matching -------------------------------------------------------------------------------------*/
int PyErr_GivenExceptionMatches(PyObject *given, PyObject *exc)
{
  if (given == NULL || exc == NULL) return 0;
  if (PyTuple_Check(exc)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(exc); i++)
      if (PyErr_GivenExceptionMatches(given, PyTuple_GET_ITEM(exc, i))) return 1;
    return 0;
  }
  if (PyExceptionInstance_Check(given)) given = PyExceptionInstance_Class(given);
  if (PyExceptionClass_Check(given) && PyExceptionClass_Check(exc))
    return PyType_IsSubtype((PyTypeObject *)given, (PyTypeObject *)exc);
  return given == exc;
}

int PyErr_ExceptionMatches(PyObject *exc) { return PyErr_GivenExceptionMatches(PyErr_Occurred(), exc); }

/* --- errno ----------------------------------------------------------------------------------------*/
/* The OSError subclass CPython picks for an errno (OSError_new's errnomap). */
static PyObject *oserror_for_errno(PyObject *type, int err)
{
  if (type != PyExc_OSError) return type;
  switch (err) {
  case ENOENT: return PyExc_FileNotFoundError;
  case EEXIST: return PyExc_FileExistsError;
  case EACCES: case EPERM: return PyExc_PermissionError;
  case EISDIR: return PyExc_IsADirectoryError;
  case ENOTDIR: return PyExc_NotADirectoryError;
  case EINTR: return PyExc_InterruptedError;
  case EPIPE: return PyExc_BrokenPipeError;
  case ECHILD: return PyExc_ChildProcessError;
  case ESRCH: return PyExc_ProcessLookupError;
  case ETIMEDOUT: return PyExc_TimeoutError;
  case ECONNREFUSED: return PyExc_ConnectionRefusedError;
  case ECONNRESET: return PyExc_ConnectionResetError;
  case ECONNABORTED: return PyExc_ConnectionAbortedError;
  case EAGAIN: return PyExc_BlockingIOError;
  default: return type;
  }
}

PyObject *PyErr_SetFromErrnoWithFilenameObjects(PyObject *type, PyObject *filename,
                                                PyObject *filename2)
{
  int err = errno;
  PyObject *args = filename2 != NULL && filename != NULL
                       ? Py_BuildValue("(isOiO)", err, strerror(err), filename, 0, filename2)
                   : filename != NULL ? Py_BuildValue("(isO)", err, strerror(err), filename)
                                      : Py_BuildValue("(is)", err, strerror(err));
  if (args == NULL) return NULL;
  PyErr_SetObject(oserror_for_errno(type, err), args);
  Py_DECREF(args);
  return NULL;
}

PyObject *PyErr_SetFromErrnoWithFilenameObject(PyObject *type, PyObject *filename)
{
  return PyErr_SetFromErrnoWithFilenameObjects(type, filename, NULL);
}

PyObject *PyErr_SetFromErrno(PyObject *type) { return PyErr_SetFromErrnoWithFilenameObject(type, NULL); }

PyObject *PyErr_SetFromErrnoWithFilename(PyObject *type, const char *filename)
{
  if (filename == NULL) return PyErr_SetFromErrnoWithFilenameObject(type, NULL);
  int err = errno;
  PyObject *name = PyUnicode_FromString(filename);
  if (name == NULL) return NULL;
  errno = err;
  PyErr_SetFromErrnoWithFilenameObject(type, name);
  Py_DECREF(name);
  return NULL;
}

PyObject *PyErr_SetImportErrorSubclass(PyObject *exception, PyObject *msg, PyObject *name,
                                       PyObject *path)
{
  if (!PyExceptionClass_Check(exception) ||
      !PyType_IsSubtype((PyTypeObject *)exception, (PyTypeObject *)PyExc_ImportError)) {
    PyErr_SetString(PyExc_TypeError, "expected a subclass of ImportError");
    return NULL;
  }
  if (msg == NULL) {
    PyErr_SetString(PyExc_TypeError, "expected a message argument");
    return NULL;
  }
  PyErr_Clear();
  PyObject *exc = rt_exc_create(exception, msg);
  if (exc == NULL) return NULL;
  PyImportErrorObject *ie = (PyImportErrorObject *)exc;
  Py_XSETREF(ie->msg, Py_NewRef(msg));
  Py_XSETREF(ie->name, Py_XNewRef(name));
  Py_XSETREF(ie->path, Py_XNewRef(path));
  set_current(exc);
  return NULL;
}

void PyErr_SetImportError(PyObject *msg, PyObject *name, PyObject *path)
{
  PyObject *exc = rt_exc_create(PyExc_ImportError, msg);
  if (exc == NULL) return;
  PyImportErrorObject *ie = (PyImportErrorObject *)exc;
  Py_XSETREF(ie->msg, Py_XNewRef(msg));
  Py_XSETREF(ie->name, Py_XNewRef(name));
  Py_XSETREF(ie->path, Py_XNewRef(path));
  set_current(exc);
}

/* --- new exception classes ------------------------------------------------------------------------*/
PyObject *PyErr_NewExceptionWithDoc(const char *name, const char *doc, PyObject *base,
                                    PyObject *dict)
{
  PyObject *mydict = NULL, *bases = NULL, *result = NULL, *modname = NULL;
  const char *dot = name ? strrchr(name, '.') : NULL;
  if (dot == NULL) {
    PyErr_SetString(PyExc_SystemError, "PyErr_NewException: name must be module.class");
    return NULL;
  }
  if (base == NULL) base = PyExc_Exception;
  if (dict == NULL) {
    dict = mydict = PyDict_New();
    if (dict == NULL) goto out;
  }
  int has = PyDict_ContainsString(dict, "__module__");
  if (has < 0) goto out;
  if (!has) {
    modname = PyUnicode_FromStringAndSize(name, dot - name);
    if (modname == NULL || PyDict_SetItemString(dict, "__module__", modname) < 0) goto out;
  }
  if (doc != NULL) {
    PyObject *d = PyUnicode_FromString(doc);
    if (d == NULL) goto out;
    int rc = PyDict_SetItemString(dict, "__doc__", d);
    Py_DECREF(d);
    if (rc < 0) goto out;
  }
  bases = PyTuple_Check(base) ? Py_NewRef(base) : PyTuple_Pack(1, base);
  if (bases == NULL) goto out;
  result = rt_type_new_heap(name, bases, dict);
out:
  Py_XDECREF(bases);
  Py_XDECREF(mydict);
  Py_XDECREF(modname);
  return result;
}

PyObject *PyErr_NewException(const char *name, PyObject *base, PyObject *dict)
{
  return PyErr_NewExceptionWithDoc(name, NULL, base, dict);
}

/* --- reporting ------------------------------------------------------------------------------------*/
static long unraisable_count;

long rt_unraisable_count(void) { return unraisable_count; }

void PyErr_WriteUnraisable(PyObject *obj)
{
  (void)obj;
  PyObject *exc = PyErr_GetRaisedException();
  if (exc == NULL) return;
  unraisable_count++;
  Py_DECREF(exc);
}

void PyErr_PrintEx(int set_sys_last_vars)
{
  (void)set_sys_last_vars;
  PyObject *exc = PyErr_GetRaisedException();
  if (exc == NULL) return;
  PyObject *text = PyObject_Repr(exc);
  PyErr_Clear();
  fprintf(stderr, "%s\n", text != NULL ? PyUnicode_AsUTF8(text) : Py_TYPE(exc)->tp_name);
  PyErr_Clear();
  Py_XDECREF(text);
  Py_DECREF(exc);
}

void PyErr_Print(void) { PyErr_PrintEx(1); }

/* A simulated SIGINT: PyErr_SetInterrupt marks it, the next PyErr_CheckSignals raises
 * KeyboardInterrupt (no handler can be installed: no Python code runs). */
static int interrupt_pending;

int PyErr_SetInterruptEx(int signum)
{
  if (signum < 1 || signum >= 65) return -1;
  if (signum == 2) interrupt_pending = 1;   /* SIGINT; other signals have the default handler */
  return 0;
}

void PyErr_SetInterrupt(void) { (void)PyErr_SetInterruptEx(2); }

int PyErr_CheckSignals(void)
{
  if (!interrupt_pending) return 0;
  interrupt_pending = 0;
  PyErr_SetNone(PyExc_KeyboardInterrupt);
  return -1;
}

void PyErr_SyntaxLocation(const char *filename, int lineno)
{
  PyErr_SyntaxLocationEx(filename, lineno, -1);
}

/* Adds lineno, offset (when >= 0) and filename (when not NULL) to the pending exception, as
 * CPython's; failures to set them are dropped. Without a pending exception there is nothing to
 * annotate (CPython requires one). The runtime has no source files: "text" is not set. */
void PyErr_SyntaxLocationObject(PyObject *filename, int lineno, int col_offset)
{
  PyObject *exc = PyErr_GetRaisedException();
  if (exc == NULL) return;
  PyObject *v = PyLong_FromLong(lineno);
  if (v == NULL || PyObject_SetAttrString(exc, "lineno", v) < 0) PyErr_Clear();
  Py_XDECREF(v);
  if (col_offset >= 0) {
    v = PyLong_FromLong(col_offset);
    if (v == NULL || PyObject_SetAttrString(exc, "offset", v) < 0) PyErr_Clear();
    Py_XDECREF(v);
  }
  if (filename != NULL && PyObject_SetAttrString(exc, "filename", filename) < 0) PyErr_Clear();
  PyErr_SetRaisedException(exc);
}

void PyErr_SyntaxLocationEx(const char *filename, int lineno, int col_offset)
{
  PyObject *exc = PyErr_GetRaisedException();   /* kept aside while the name is decoded */
  if (exc == NULL) return;
  PyObject *name = filename != NULL ? PyUnicode_DecodeFSDefault(filename) : NULL;
  PyErr_Clear();
  PyErr_SetRaisedException(exc);
  PyErr_SyntaxLocationObject(name, lineno, col_offset);
  Py_XDECREF(name);
}

void _Py_FatalErrorFunc(const char *func, const char *message)
{
  fprintf(stderr, "Fatal Python error: %s: %s\n", func ? func : "?", message ? message : "");
  fflush(stderr);
  abort();
}

void (Py_FatalError)(const char *message) { _Py_FatalErrorFunc(NULL, message); }

/* --- warnings -------------------------------------------------------------------------------------*/
#define MAX_WARNINGS 256
static RtWarning warnings[MAX_WARNINGS];
static size_t n_warnings, dropped_warnings;
static int warnings_are_errors;

size_t rt_warning_count(void) { return n_warnings; }
const RtWarning *rt_warning_get(size_t i) { return i < n_warnings ? &warnings[i] : NULL; }
void rt_warnings_clear(void) { n_warnings = dropped_warnings = 0; }
void rt_warnings_set_error(int on) { warnings_are_errors = on != 0; }

int PyErr_WarnEx(PyObject *category, const char *message, Py_ssize_t stack_level)
{
  (void)stack_level;
  if (category == NULL) category = PyExc_RuntimeWarning;
  if (!PyExceptionClass_Check(category) ||
      !PyType_IsSubtype((PyTypeObject *)category, (PyTypeObject *)PyExc_Warning)) {
    PyErr_Format(PyExc_TypeError, "category must be a Warning subclass, not '%s'",
                 Py_TYPE(category)->tp_name);
    return -1;
  }
  if (warnings_are_errors) {
    PyErr_SetString(category, message);
    return -1;
  }
  if (n_warnings == MAX_WARNINGS) {
    dropped_warnings++;
    return 0;
  }
  RtWarning *w = &warnings[n_warnings++];
  w->category = ((PyTypeObject *)category)->tp_name;
  snprintf(w->message, sizeof(w->message), "%s", message ? message : "");
  return 0;
}

static int warn_v(PyObject *category, Py_ssize_t stack_level, const char *format, va_list va)
{
  PyObject *saved = PyErr_GetRaisedException();
  PyObject *msg = PyUnicode_FromFormatV(format, va);
  if (msg == NULL) {
    Py_XDECREF(saved);
    return -1;
  }
  PyErr_SetRaisedException(saved);
  int rc = PyErr_WarnEx(category, PyUnicode_AsUTF8(msg), stack_level);
  Py_DECREF(msg);
  return rc;
}

int PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  int rc = warn_v(category, stack_level, format, va);
  va_end(va);
  return rc;
}

int PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level, const char *format, ...)
{
  (void)source;
  va_list va;
  va_start(va, format);
  int rc = warn_v(PyExc_ResourceWarning, stack_level, format, va);
  va_end(va);
  return rc;
}

int PyErr_WarnExplicitObject(PyObject *category, PyObject *message, PyObject *filename, int lineno,
                             PyObject *module, PyObject *registry)
{
  (void)filename;
  (void)lineno;
  (void)module;
  (void)registry;
  const char *text = PyUnicode_AsUTF8(message);
  if (text == NULL) return -1;
  return PyErr_WarnEx(category, text, 1);
}

int PyErr_WarnExplicit(PyObject *category, const char *message, const char *filename, int lineno,
                       const char *module, PyObject *registry)
{
  (void)filename;
  (void)lineno;
  (void)module;
  (void)registry;
  return PyErr_WarnEx(category, message, 1);
}

/* --- _Py_CheckFunctionResult -------------------------------------------------------------------*/
PyObject *rt_check_result(PyObject *callable, PyObject *result, const char *where)
{
  if (result == NULL) {
    if (cur_exc == NULL) {
      if (callable != NULL)
        PyErr_Format(PyExc_SystemError, "%R returned NULL without setting an exception", callable);
      else
        PyErr_Format(PyExc_SystemError, "%s returned NULL without setting an exception", where);
    }
    return NULL;
  }
  if (cur_exc != NULL) {
    Py_DECREF(result);
    PyObject *exc = PyErr_GetRaisedException();
    if (callable != NULL)
      PyErr_Format(PyExc_SystemError, "%R returned a result with an exception set", callable);
    else
      PyErr_Format(PyExc_SystemError, "%s returned a result with an exception set", where);
    /* The original exception is the new one's cause, as in CPython. */
    PyObject *now = rt_err_current();
    if (now != NULL && exc != NULL) {
      PyBaseExceptionObject *e = (PyBaseExceptionObject *)now;
      Py_XSETREF(e->cause, exc);
      exc = NULL;
    }
    Py_XDECREF(exc);
    return NULL;
  }
  return result;
}
