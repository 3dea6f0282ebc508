/* runner_gate.c — the gate every C-API call of the snippet passes through.
 *
 * The oracle compiles the snippet with a shim Python.h (analyzer/oracle_gates.c) that wraps each
 * C-API function of the rules data in a macro calling rc_oracle_gate(name, fallible, exc, file,
 * line) first. The gate
 *   - remembers the call's site, so that the objects the call allocates carry the snippet's line;
 *   - folds the call (name and line) into the run's path signature, which tells argument sets that
 *     take the same path apart from those that take another;
 *   - counts the fallible calls inside the check window and, on the run that fails call k, makes
 *     the k-th one fail: it raises the call's documented exception (TypeError for PyArg_Parse*,
 *     OverflowError for the PyLong_As* family, AttributeError for attribute look-ups, IndexError
 *     for PyTuple_SetItem and PyList_SetItem, MemoryError otherwise; nothing for calls whose
 *     failure sets none, as PyDict_GetItem) and returns 1, and the macro returns the call's
 *     failure value without calling it (after rc_oracle_release_stolen for a call that steals
 *     its argument even when it fails).
 * Outside the window (module initialisation before the call, the runner's own work) the gate only
 * records sites. */
#include "runner.h"

#include <stdarg.h>
#include <string.h>

RcGateState rc_gate;
RcRunShared *rc_run_shared;

void rc_gate_arm(long fail_call) {
  memset(&rc_gate, 0, sizeof rc_gate);
  rc_gate.active = 1;
  rc_gate.fail_call = fail_call;
  rc_gate.hash = 1469598103934665603ull; /* FNV-1a */
}

void rc_gate_disarm(void) { rc_gate.active = 0; }

static void fold(const char *s) {
  for (; *s; s++) {
    rc_gate.hash ^= (unsigned char)*s;
    rc_gate.hash *= 1099511628211ull;
  }
}

typedef PyObject *(*NoMemoryFn)(void);
typedef void (*SetStringFn)(PyObject *, const char *);

/* Raises the exception a failing `name` documents. */
static void raise_for(const char *name) {
  const char *exc = "PyExc_MemoryError";
  if (strncmp(name, "PyArg_", 6) == 0) exc = "PyExc_TypeError";
  else if (strcmp(name, "PyTuple_SetItem") == 0 || strcmp(name, "PyList_SetItem") == 0)
    exc = "PyExc_IndexError"; /* their one failure a caller can meet: an index out of range */
  else if (strstr(name, "_As") != NULL) exc = "PyExc_OverflowError";
  else if (strstr(name, "GetAttr") != NULL) exc = "PyExc_AttributeError";
  PyObject **type = rc_capi_lookup(exc);
  SetStringFn set = (SetStringFn)rc_capi_lookup("PyErr_SetString");
  if (type != NULL && *type != NULL && set != NULL) {
    char message[160];
    snprintf(message, sizeof message, "%s made to fail by pyrefcheck oracle", name);
    set(*type, message);
    return;
  }
  NoMemoryFn no_memory = (NoMemoryFn)rc_capi_lookup("PyErr_NoMemory");
  if (no_memory) no_memory();
}

int rc_oracle_gate(const char *name, int fallible, int exc, const char *file, int line) {
  if (!rc_gate.active) return 0;
  char text[24];
  fold(name);
  snprintf(text, sizeof text, ":%d;", line);
  fold(text);
  rc_gate.calls_seen++;
  if (!fallible) return 0;
  long k = ++rc_gate.calls;
  if (k != rc_gate.fail_call) return 0;
  rc_gate.failed_name = name;
  rc_gate.failed_file = file;
  rc_gate.failed_line = line;
  if (rc_run_shared != NULL) { /* now: if the failure crashes the run, the supervisor still knows */
    snprintf(rc_run_shared->failed_call, sizeof rc_run_shared->failed_call, "%s", name);
    snprintf(rc_run_shared->failed_file, sizeof rc_run_shared->failed_file, "%s", file ? file : "");
    rc_run_shared->failed_line = line;
  }
  if (exc != 0) raise_for(name); /* exc 0: the call fails without an exception (absent) */
  return 1;
}

void rc_oracle_discard(int unused, ...) { (void)unused; }

/* CPython's failing PyTuple_SetItem (and every call that steals on failure too) releases the item
 * it was given. The release carries the failed call's site, so that a later release of the item
 * by the snippet is told "freed at <the call>". */
void rc_oracle_release_stolen(PyObject *stolen) {
  _rt_Py_XDecRef_At(stolen, rc_gate.failed_file, rc_gate.failed_line);
}
