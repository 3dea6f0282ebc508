/* runner_capi.c — the parts of the C-API the runner uses only when the runtime has them.
 *
 * The error indicator, tuples, modules and the other built-in types arrive in the runtime after
 * the oracle (issue 4). The runner finds them by name among the symbols the executable exports
 * (dlsym on the global scope), so it uses a function from the day the runtime has it. Until
 * PyErr_Occurred exists, the exception state is observed through the runtime's PyErr_NoMemory hook:
 * an exception counts as set from the first PyErr_NoMemory call of the run on (nothing can clear
 * it before the error indicator exists). */
#include "runner.h"

#include <dlfcn.h>
#include <string.h>

void *rc_capi_lookup(const char *name) { return dlsym(RTLD_DEFAULT, name); }

typedef PyObject *(*OccurredFn)(void);
typedef void (*ClearFn)(void);
typedef void (*SetHookFn)(RtErrorHook hook, void *ctx);

static OccurredFn occurred;   /* PyErr_Occurred, once the runtime has it */
static ClearFn clear;         /* PyErr_Clear */
static int hook_raised;       /* hook mode: PyErr_NoMemory calls since rc_capi_exc_begin */
static const char *hook_name;

static void on_error(const char *exc_name, void *ctx) {
  (void)ctx;
  if (hook_raised++ == 0) hook_name = exc_name;
}

void rc_capi_exc_begin(void) {
  occurred = (OccurredFn)rc_capi_lookup("PyErr_Occurred");
  clear = (ClearFn)rc_capi_lookup("PyErr_Clear");
  hook_raised = 0;
  hook_name = NULL;
  SetHookFn set_hook = (SetHookFn)rc_capi_lookup("rt_set_error_hook");
  if (set_hook != NULL) set_hook(occurred ? NULL : on_error, NULL);
  if (occurred != NULL && clear != NULL && occurred() != NULL) clear();
}

/* The name of an exception type (or of an instance's type, whichever the indicator holds). */
static const char *exception_name(PyObject *exc) {
  PyTypeObject *tp = Py_IS_TYPE(exc, &PyType_Type) ? (PyTypeObject *)exc : Py_TYPE(exc);
  const char *name = tp->tp_name ? tp->tp_name : "?";
  const char *dot = strrchr(name, '.');
  return dot ? dot + 1 : name;
}

int rc_capi_exc_pending(const char **type_name, const char **source) {
  if (occurred != NULL) {
    PyObject *exc = occurred();
    *source = "indicator";
    *type_name = exc ? exception_name(exc) : NULL;
    return exc != NULL;
  }
  *source = "hook";
  *type_name = hook_raised ? hook_name : NULL;
  return hook_raised > 0;
}

void rc_capi_exc_clear(void) {
  if (clear != NULL) clear();
  hook_raised = 0;
  hook_name = NULL;
}
