/* pyerrors.h — the error indicator and the standard exceptions, as CPython's pyerrors.h.
 *
 * The indicator (runtime/errors.c) holds at most one exception, always normalised (an instance,
 * as CPython 3.12 stores it). PyErr_Occurred returns its type, borrowed. PyErr_Fetch and
 * PyErr_GetRaisedException move the indicator's references to the caller (new references, the
 * indicator is cleared); PyErr_Restore and PyErr_SetRaisedException steal theirs. The Set*
 * functions never fail: when building the exception runs out of memory, MemoryError is set
 * instead. PyErr_NoMemory never allocates (it raises a preallocated MemoryError instance), so fault
 * injection cannot make raising MemoryError fail.
 *
 * The exception classes (runtime/exceptions.c) are static types, mortal with real counts like the
 * other static objects; PyExc_* are borrowed pointers to them.
 */
#ifndef Py_ERRORS_H
#define Py_ERRORS_H

#include <stdarg.h>
#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The layout of every exception instance (CPython 3.11's PyBaseExceptionObject). */
typedef struct {
  PyObject_HEAD
  PyObject *dict;                  /* owned or NULL */
  PyObject *args;                  /* owned tuple */
  PyObject *notes;                 /* owned or NULL */
  PyObject *traceback;             /* owned or NULL */
  PyObject *context;               /* owned or NULL */
  PyObject *cause;                 /* owned or NULL */
  char suppress_context;
} PyBaseExceptionObject;

typedef struct {
  PyBaseExceptionObject base;
  PyObject *value;                 /* owned: StopIteration.value */
} PyStopIterationObject;

typedef struct {
  PyBaseExceptionObject base;
  PyObject *code;                  /* owned: SystemExit.code */
} PySystemExitObject;

typedef struct {
  PyBaseExceptionObject base;
  PyObject *myerrno, *strerror, *filename, *filename2;   /* owned or NULL */
} PyOSErrorObject;

typedef struct {
  PyBaseExceptionObject base;
  PyObject *msg, *name, *path;     /* owned or NULL */
} PyImportErrorObject;

/* --- the indicator --------------------------------------------------------------------------------*/
PyAPI_FUNC(void) PyErr_SetNone(PyObject *type);
PyAPI_FUNC(void) PyErr_SetObject(PyObject *type, PyObject *value);     /* value borrowed */
PyAPI_FUNC(void) PyErr_SetString(PyObject *type, const char *message);
PyAPI_FUNC(PyObject *) PyErr_Format(PyObject *type, const char *format, ...);  /* always NULL */
PyAPI_FUNC(PyObject *) PyErr_FormatV(PyObject *type, const char *format, va_list vargs);
PyAPI_FUNC(PyObject *) PyErr_Occurred(void);                           /* borrowed type or NULL */
PyAPI_FUNC(void) PyErr_Clear(void);
PyAPI_FUNC(void) PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback);
PyAPI_FUNC(void) PyErr_Restore(PyObject *type, PyObject *value, PyObject *traceback);
PyAPI_FUNC(void) PyErr_NormalizeException(PyObject **type, PyObject **value, PyObject **tb);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(PyObject *) PyErr_GetRaisedException(void);                 /* new or NULL */
PyAPI_FUNC(void) PyErr_SetRaisedException(PyObject *exc);              /* steals */
#endif
PyAPI_FUNC(PyObject *) PyErr_GetHandledException(void);                /* new or NULL */
PyAPI_FUNC(void) PyErr_SetHandledException(PyObject *exc);             /* borrowed */
PyAPI_FUNC(void) PyErr_GetExcInfo(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback);
PyAPI_FUNC(void) PyErr_SetExcInfo(PyObject *type, PyObject *value, PyObject *traceback);
PyAPI_FUNC(int) PyErr_ExceptionMatches(PyObject *exc);
PyAPI_FUNC(int) PyErr_GivenExceptionMatches(PyObject *given, PyObject *exc);
PyAPI_FUNC(PyObject *) PyErr_NoMemory(void);                           /* always NULL */
PyAPI_FUNC(int) PyErr_BadArgument(void);                               /* always 0 */
PyAPI_FUNC(void) PyErr_BadInternalCall(void);
PyAPI_FUNC(void) _PyErr_BadInternalCall(const char *filename, int lineno);
#define PyErr_BadInternalCall() _PyErr_BadInternalCall(__FILE__, __LINE__)
PyAPI_FUNC(PyObject *) PyErr_SetFromErrno(PyObject *type);             /* always NULL */
PyAPI_FUNC(PyObject *) PyErr_SetFromErrnoWithFilename(PyObject *type, const char *filename);
PyAPI_FUNC(PyObject *) PyErr_SetFromErrnoWithFilenameObject(PyObject *type, PyObject *filename);
PyAPI_FUNC(PyObject *) PyErr_SetFromErrnoWithFilenameObjects(PyObject *type, PyObject *filename,
                                                             PyObject *filename2);
PyAPI_FUNC(PyObject *) PyErr_NewException(const char *name, PyObject *base, PyObject *dict);
PyAPI_FUNC(PyObject *) PyErr_NewExceptionWithDoc(const char *name, const char *doc,
                                                 PyObject *base, PyObject *dict);
PyAPI_FUNC(void) PyErr_SetImportError(PyObject *msg, PyObject *name, PyObject *path);
PyAPI_FUNC(PyObject *) PyErr_SetImportErrorSubclass(PyObject *exception, PyObject *msg,
                                                    PyObject *name, PyObject *path);
PyAPI_FUNC(void) PyErr_WriteUnraisable(PyObject *obj);
PyAPI_FUNC(void) PyErr_Print(void);
PyAPI_FUNC(void) PyErr_PrintEx(int set_sys_last_vars);
PyAPI_FUNC(int) PyErr_CheckSignals(void);
PyAPI_FUNC(void) PyErr_SyntaxLocation(const char *filename, int lineno);
PyAPI_FUNC(void) PyErr_SyntaxLocationEx(const char *filename, int lineno, int col_offset);
PyAPI_FUNC(void) PyErr_SyntaxLocationObject(PyObject *filename, int lineno, int col_offset);
PyAPI_FUNC(void) PyErr_SetInterrupt(void);
/* snprintf that always NUL-terminates (size > 0), as CPython's (runtime/pystrtod.c). */
PyAPI_FUNC(int) PyOS_snprintf(char *str, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
PyAPI_FUNC(int) PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va)
    __attribute__((format(printf, 3, 0)));
PyAPI_FUNC(int) PyErr_SetInterruptEx(int signum);
#if defined(__GNUC__)
#  define _RT_NORETURN __attribute__((noreturn))
#else
#  define _RT_NORETURN
#endif
/* Prints the message and aborts, as CPython does. */
PyAPI_FUNC(void) Py_FatalError(const char *message) _RT_NORETURN;
PyAPI_FUNC(void) _Py_FatalErrorFunc(const char *func, const char *message) _RT_NORETURN;
#define Py_FatalError(message) _Py_FatalErrorFunc(__func__, (message))

/* Warnings (runtime/errors.c): recorded, not printed (rt_warnings_* in pyrefcheck_runtime.h).
 * They return 0, or -1 with the warning raised as an exception when warnings are errors. */
PyAPI_FUNC(int) PyErr_WarnEx(PyObject *category, const char *message, Py_ssize_t stack_level);
PyAPI_FUNC(int) PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level, const char *format,
                                 ...);
PyAPI_FUNC(int) PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level,
                                      const char *format, ...);
PyAPI_FUNC(int) PyErr_WarnExplicit(PyObject *category, const char *message, const char *filename,
                                   int lineno, const char *module, PyObject *registry);
PyAPI_FUNC(int) PyErr_WarnExplicitObject(PyObject *category, PyObject *message, PyObject *filename,
                                         int lineno, PyObject *module, PyObject *registry);

/* --- exception objects ----------------------------------------------------------------------------*/
PyAPI_FUNC(PyObject *) PyException_GetTraceback(PyObject *exc);        /* new or NULL */
PyAPI_FUNC(int) PyException_SetTraceback(PyObject *exc, PyObject *tb); /* tb borrowed */
PyAPI_FUNC(PyObject *) PyException_GetCause(PyObject *exc);            /* new or NULL */
PyAPI_FUNC(void) PyException_SetCause(PyObject *exc, PyObject *cause); /* steals cause */
PyAPI_FUNC(PyObject *) PyException_GetContext(PyObject *exc);          /* new or NULL */
PyAPI_FUNC(void) PyException_SetContext(PyObject *exc, PyObject *ctx); /* steals ctx */
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(PyObject *) PyException_GetArgs(PyObject *exc);             /* new */
PyAPI_FUNC(void) PyException_SetArgs(PyObject *exc, PyObject *args);   /* borrowed */
#endif

#define PyExceptionClass_Check(x)                                                                  \
  (PyType_Check((x)) &&                                                                            \
   PyType_FastSubclass((PyTypeObject *)(x), Py_TPFLAGS_BASE_EXC_SUBCLASS))
#define PyExceptionInstance_Check(x)                                                               \
  PyType_FastSubclass(Py_TYPE(x), Py_TPFLAGS_BASE_EXC_SUBCLASS)
#define PyExceptionInstance_Class(x) _PyObject_CAST(Py_TYPE(x))

/* --- the standard exceptions (borrowed pointers to static types) ---------------------------------*/
#define _RT_EXCEPTIONS(X)                                                                          \
  X(BaseException) X(Exception) X(BaseExceptionGroup) X(StopAsyncIteration) X(StopIteration)      \
  X(GeneratorExit) X(ArithmeticError) X(LookupError) X(AssertionError) X(AttributeError)         \
  X(BufferError) X(EOFError) X(FloatingPointError) X(OSError) X(ImportError)                     \
  X(ModuleNotFoundError) X(IndexError) X(KeyError) X(KeyboardInterrupt) X(MemoryError)           \
  X(NameError) X(OverflowError) X(RuntimeError) X(RecursionError) X(NotImplementedError)         \
  X(SyntaxError) X(IndentationError) X(TabError) X(ReferenceError) X(SystemError) X(SystemExit)  \
  X(TypeError) X(UnboundLocalError) X(UnicodeError) X(UnicodeEncodeError) X(UnicodeDecodeError)  \
  X(UnicodeTranslateError) X(ValueError) X(ZeroDivisionError) X(BlockingIOError)                 \
  X(BrokenPipeError) X(ChildProcessError) X(ConnectionError) X(ConnectionAbortedError)           \
  X(ConnectionRefusedError) X(ConnectionResetError) X(FileExistsError) X(FileNotFoundError)      \
  X(InterruptedError) X(IsADirectoryError) X(NotADirectoryError) X(PermissionError)              \
  X(ProcessLookupError) X(TimeoutError) X(Warning) X(UserWarning) X(EncodingWarning)             \
  X(DeprecationWarning) X(PendingDeprecationWarning) X(SyntaxWarning) X(RuntimeWarning)          \
  X(FutureWarning) X(ImportWarning) X(UnicodeWarning) X(BytesWarning) X(ResourceWarning)

#define _RT_DECLARE_EXC(name) PyAPI_DATA(PyObject *) PyExc_##name;
_RT_EXCEPTIONS(_RT_DECLARE_EXC)
#undef _RT_DECLARE_EXC
PyAPI_DATA(PyObject *) PyExc_EnvironmentError;   /* = OSError */
PyAPI_DATA(PyObject *) PyExc_IOError;            /* = OSError */

#ifdef __cplusplus
}
#endif
#endif /* Py_ERRORS_H */
