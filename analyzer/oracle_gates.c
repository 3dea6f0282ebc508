/* oracle_gates.c — the shim Python.h through which the snippet's C-API calls pass.
 *
 * The snippet is compiled with tmpdir/inc first on the include path. Its Python.h includes the
 * runtime's (#include_next, so the snippet's own macros set before <Python.h> still count), then
 * every other header of the runtime (so none is included after the macros below), then, for each
 * function of the rules data (rules.h), a macro of the function's name:
 *
 *   #define PyList_Append(...) (rc_oracle_gate("PyList_Append", 1, 1, __FILE__, __LINE__)   \
 *       ? (rc_oracle_discard(0, ##__VA_ARGS__), (__typeof__(PyList_Append(__VA_ARGS__)))(-1)) \
 *       : _RT_AT(PyList_Append(__VA_ARGS__)))
 *
 * The gate (runtime/runner/runner_gate.c) sees every call with its site; on the run that fails
 * fallible call k it raises the call's exception and returns 1, and the macro evaluates the
 * arguments and returns the call's documented failure value (NULL, -1 or 0) without calling it.
 * _RT_AT leaves the site for the runtime, so an object the call allocates carries the snippet's
 * line. A call that steals an argument on failure too (PyTuple_SetItem, PyList_SetItem: the rules
 * data's `steal`) gets a macro with named parameters whose failing branch also releases the stolen
 * argument, as CPython does; one that steals only on success (PyModule_AddObject:
 * `steal-on-success`) leaves it to the caller, like any call. Functions that never fail or return
 * nothing are only observed, never failed. A name the runtime defines as a macro is left alone.
 * Taking a function's address is unaffected (a function-like macro needs the '('). */
#include "oracle.h"
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Calls whose failure the rules data records but which fail only when misused (a non-module
 * given to PyModule_GetState, an index out of range): code that uses them correctly never sees
 * the failure, so failing them would report crashes no caller can meet. They are observed, not
 * failed. (The rules data does not tell misuse-only failures apart yet; docs/oracle.md.) */
static int fails_only_on_misuse(const char *name) {
  static const char *const names[] = {
      "PyModuleDef_Init", "PyModule_GetState", "PyModule_GetDef", "PyModule_GetDict",
      "PyModule_GetNameObject", "PyModule_GetName", "PyModule_GetFilenameObject",
      "PyType_GetModule", "PyType_GetModuleState", "PyType_GetModuleByDef", "PyType_GetSlot",
      "PyType_GetFlags", "PyType_GetName", "PyType_GetQualName", "PyCapsule_GetPointer",
      "PyCapsule_GetName", "PyCapsule_GetContext", "PyCapsule_GetDestructor", "PyCapsule_IsValid",
      "PyTuple_GetItem", "PyTuple_Size", "PyList_GetItem", "PyList_Size", "PyDict_Size",
      "PySet_Size", "PyBytes_Size", "PyBytes_AsString", "PyByteArray_Size", "PyUnicode_GetLength",
      "PyObject_GetTypeData", "PyCell_Get", "PyFunction_GetCode", "PyMethod_Function",
      "PyMethod_Self", "PyInstanceMethod_Function", "PyWeakref_GetObject", "PyErr_Occurred",
      "PyThreadState_Get", "PyInterpreterState_Get", "PyEval_GetBuiltins", "PyEval_GetGlobals",
      "PyEval_GetLocals", "PyImport_GetModuleDict", "PySys_GetObject", "PyException_GetTraceback",
      "PyException_GetCause", "PyException_GetContext", "PyExceptionClass_Name"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0) return 1;
  return 0;
}

static const char *failure_value(RcFailKind fail) {
  switch (fail) {
  case RC_FAIL_MINUS_ONE:
  case RC_FAIL_NEGATIVE:
  case RC_FAIL_MINUS_ONE_CHECK: return "-1";
  default: return "0";
  }
}

/* Whether the shim should wrap `api` at all, and whether it may fail it. *stolen receives the
 * index of the argument a failing call releases (RC_ARG_STEAL: stolen on failure too), or -1
 * (none; an RC_ARG_STEAL_ON_SUCCESS argument stays the caller's when the call fails). A call that
 * steals more than one argument, or takes "..." after a stolen one, is only observed. */
static int wraps(const RcApi *api, int *fallible, int *stolen) {
  if (api->kind != RC_API_FUNCTION || (api->flags & RC_API_NORETURN) || api->name[0] == '_')
    return 0;
  if (strcmp(api->name, "Py_IncRef") == 0 || strcmp(api->name, "Py_DecRef") == 0) return 0;
  int steals = 0;
  *stolen = -1;
  for (int i = 0; i < api->nargs; i++)
    if (api->args[i].effect == RC_ARG_STEAL) {
      steals++;
      *stolen = i;
    }
  int releasable = steals == 0 || (steals == 1 && !(api->flags & RC_API_VARIADIC));
  *fallible = api->fail != RC_FAIL_NEVER && releasable && strcmp(api->ret_type, "void") != 0 &&
              !fails_only_on_misuse(api->name);
  if (!*fallible) *stolen = -1;
  return 1;
}

/* The macro of a fallible call that steals argument `stolen` even when it fails (PyTuple_SetItem,
 * PyList_SetItem): on the failing run the arguments are evaluated and the stolen one is released
 * by the runner, as CPython's failing call releases it, so a caller that releases it again is
 * seen over-releasing. Named parameters, since the stolen one must be picked out. */
static void write_stealing_macro(FILE *f, const RcApi *api, int stolen) {
  const char *name = api->name;
  char params[256] = "";
  size_t n = 0;
  for (int i = 0; i < api->nargs && n < sizeof params - 8; i++)
    n += (size_t)snprintf(params + n, sizeof params - n, "%sa%d", i ? ", " : "", i);
  fprintf(f, "#define %s(%s) (rc_oracle_gate(\"%s\", 1, %d, __FILE__, __LINE__) ? (rc_oracle_discard(0",
          name, params, name, api->exc == RC_EXC_NOT_SET ? 0 : 1);
  for (int i = 0; i < api->nargs; i++)
    if (i != stolen) fprintf(f, ", (a%d)", i);
  fprintf(f, "), rc_oracle_release_stolen((PyObject *)(a%d)), (__typeof__(%s(%s)))(%s)) : "
             "_RT_AT(%s(%s)))\n",
          stolen, name, params, failure_value(api->fail), name, params);
}


static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int rc_oracle_gates_write(const char *tmpdir, const char *include_dir, char *inc_out, size_t size) {
  int n = snprintf(inc_out, size, "%s/inc", tmpdir);
  if (n < 0 || (size_t)n >= size) return -1;
  if (mkdir(inc_out, 0700) != 0 && errno != EEXIST) return -1;
  char path[4200];
  n = snprintf(path, sizeof path, "%s/Python.h", inc_out);
  if (n < 0 || (size_t)n >= sizeof path) return -1;
  FILE *f = fopen(path, "w");
  if (f == NULL) return -1;
  fputs("/* generated by pyrefcheck oracle (analyzer/oracle_gates.c): do not edit */\n"
        "#include_next <Python.h>\n",
        f);
  /* every header of the runtime, so that none comes after the macros (in a stable order) */
  DIR *d = opendir(include_dir);
  char *names[256];
  size_t count = 0;
  if (d) {
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL && count < 256) {
      size_t len = strlen(ent->d_name);
      if (len > 2 && strcmp(ent->d_name + len - 2, ".h") == 0 && strcmp(ent->d_name, "Python.h") != 0)
        names[count++] = strdup(ent->d_name);
    }
    closedir(d);
  }
  qsort(names, count, sizeof names[0], cmp_names);
  for (size_t i = 0; i < count; i++) {
    if (names[i]) fprintf(f, "#include \"%s\"\n", names[i]);
    free(names[i]);
  }
  fputs("#ifndef RC_ORACLE_SHIM_H\n"
        "#define RC_ORACLE_SHIM_H\n"
        "int rc_oracle_gate(const char *name, int fallible, int exc, const char *file, int line);\n"
        "void rc_oracle_discard(int unused, ...);\n"
        "void rc_oracle_release_stolen(PyObject *stolen);\n",
        f);
  for (size_t i = 0; i < rc_builtin_api_count(); i++) {
    const RcApi *api = rc_builtin_api_at(i);
    int fallible = 0, stolen = -1;
    if (!wraps(api, &fallible, &stolen)) continue;
    const char *name = api->name;
    fprintf(f, "#ifndef %s\n", name);
    if (stolen >= 0)
      write_stealing_macro(f, api, stolen);
    else if (fallible)
      fprintf(f,
              "#define %s(...) (rc_oracle_gate(\"%s\", 1, %d, __FILE__, __LINE__) ? "
              "(rc_oracle_discard(0, ##__VA_ARGS__), (__typeof__(%s(__VA_ARGS__)))(%s)) : "
              "_RT_AT(%s(__VA_ARGS__)))\n",
              name, name, api->exc == RC_EXC_NOT_SET ? 0 : 1, name, failure_value(api->fail), name);
    else
      fprintf(f, "#define %s(...) (rc_oracle_gate(\"%s\", 0, 0, __FILE__, __LINE__), "
                 "_RT_AT(%s(__VA_ARGS__)))\n",
              name, name, name);
    fputs("#endif\n", f);
  }
  fputs("#endif\n", f);
  return fclose(f) == 0 ? 0 : -1;
}
