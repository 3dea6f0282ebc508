/* pystate.c — the interpreter and thread states, the GIL's public face, the frame queries, module
 * lookup by definition (PyState_*), and the process hooks (fork, tracemalloc) the runtime has
 * nothing to do for, Py_AtExit and Py_Exit.
 *
 * Owns: the main interpreter and thread state (static), the current thread state (a pointer:
 * NULL while the GIL is "released"), the states PyInterpreterState_New / PyThreadState_New
 * allocate (raw memory, freed by their Delete), and the registry of single-phase modules by
 * definition index (a list held by the static registry: what it holds is older state for the
 * leak check, as CPython's interp->modules_by_index keeps those modules for the process).
 *
 * Where CPython aborts (Py_FatalError) — a NULL state restored, a state released that is not
 * current, a module added twice, a state deleted while current — so does the runtime: the oracle
 * must see the crash the real interpreter would have.
 */
#include "rt_capi.h"
#include "pystate.h"

struct _is {
  int64_t id;
  PyObject *dict;   /* owned (the main one's: borrowed, the static registry owns it), or NULL */
};

struct _ts {
  PyInterpreterState *interp;
  PyObject *dict;   /* owned (the main one's: borrowed, the static registry owns it), or NULL */
  uint64_t id;
};

static PyInterpreterState main_interp = {0, NULL};
static PyThreadState main_tstate = {&main_interp, NULL, 1};
static PyThreadState *current = &main_tstate;
static int64_t next_interp_id = 1;
static uint64_t next_tstate_id = 2;

/* --- interpreter states ---------------------------------------------------------------------------*/
PyInterpreterState *PyInterpreterState_New(void)
{
  PyInterpreterState *interp = (PyMem_RawCalloc)(1, sizeof(*interp));
  if (interp == NULL) {
    PyErr_NoMemory();
    return NULL;
  }
  interp->id = next_interp_id++;
  return interp;
}

void PyInterpreterState_Clear(PyInterpreterState *interp)
{
  if (interp != NULL && interp != &main_interp) Py_CLEAR(interp->dict);
}

void PyInterpreterState_Delete(PyInterpreterState *interp)
{
  if (interp == NULL || interp == &main_interp) return;
  if (current != NULL && current->interp == interp)
    Py_FatalError("remaining threads");
  Py_CLEAR(interp->dict);
  (PyMem_RawFree)(interp);
}

PyInterpreterState *PyInterpreterState_Get(void) { return PyThreadState_Get()->interp; }
PyInterpreterState *PyInterpreterState_Main(void) { return &main_interp; }
int64_t PyInterpreterState_GetID(PyInterpreterState *interp)
{
  if (interp == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "no interpreter provided");
    return -1;
  }
  return interp->id;
}

/* A lazily created dict: the state owns it, except a static state's, which the static registry
 * owns (the slot then borrows). */
static PyObject *state_dict(PyObject **slot, int is_static)
{
  if (*slot == NULL) {
    PyObject *d = PyDict_New();
    if (d == NULL || (is_static && rt_static_hold(d) < 0)) return NULL;
    *slot = d;
  }
  return *slot;
}

PyObject *PyInterpreterState_GetDict(PyInterpreterState *interp)
{
  if (interp == NULL) return rt_bad_internal_call();
  PyObject *d = state_dict(&interp->dict, interp == &main_interp);
  if (d == NULL) PyErr_Clear();   /* CPython: NULL without an exception */
  return d;
}

/* --- thread states --------------------------------------------------------------------------------*/
PyThreadState *PyThreadState_New(PyInterpreterState *interp)
{
  PyThreadState *t = (PyMem_RawCalloc)(1, sizeof(*t));
  if (t == NULL) return NULL;   /* CPython sets no exception here */
  t->interp = interp != NULL ? interp : &main_interp;
  t->id = next_tstate_id++;
  return t;
}

void PyThreadState_Clear(PyThreadState *tstate)
{
  if (tstate != NULL && tstate != &main_tstate) Py_CLEAR(tstate->dict);
}

void PyThreadState_Delete(PyThreadState *tstate)
{
  if (tstate == NULL) Py_FatalError("NULL tstate");
  if (tstate == current) Py_FatalError("tstate is still current");
  if (tstate == &main_tstate) return;
  Py_CLEAR(tstate->dict);
  (PyMem_RawFree)(tstate);
}

PyThreadState *PyThreadState_Get(void)
{
  if (current == NULL)
    Py_FatalError("the function must be called with the GIL held, but the GIL is released "
                  "(the current Python thread state is NULL)");
  return current;
}

PyThreadState *PyThreadState_Swap(PyThreadState *tstate)
{
  PyThreadState *old = current;
  current = tstate;
  return old;
}

PyObject *PyThreadState_GetDict(void)
{
  if (current == NULL) return NULL;
  PyObject *d = state_dict(&current->dict, current == &main_tstate);
  if (d == NULL) PyErr_Clear();   /* CPython: NULL without an exception */
  return d;
}

PyInterpreterState *PyThreadState_GetInterpreter(PyThreadState *tstate) { return tstate->interp; }
uint64_t PyThreadState_GetID(PyThreadState *tstate) { return tstate->id; }
PyFrameObject *PyThreadState_GetFrame(PyThreadState *tstate)
{
  (void)tstate;
  return NULL;   /* no Python frames */
}

/* --- the GIL ------------------------------------------------------------------------------------*/
PyThreadState *PyEval_SaveThread(void)
{
  PyThreadState *t = PyThreadState_Get();   /* fatal when the GIL is already released */
  current = NULL;
  return t;
}

void PyEval_RestoreThread(PyThreadState *tstate)
{
  if (tstate == NULL) Py_FatalError("NULL tstate");
  current = tstate;
}

void PyEval_AcquireThread(PyThreadState *tstate)
{
  if (tstate == NULL) Py_FatalError("NULL new thread state");
  current = tstate;
}

void PyEval_ReleaseThread(PyThreadState *tstate)
{
  if (tstate == NULL || tstate != current)
    Py_FatalError("wrong thread state");
  current = NULL;
}

PyGILState_STATE PyGILState_Ensure(void)
{
  if (current != NULL) return PyGILState_LOCKED;
  current = &main_tstate;
  return PyGILState_UNLOCKED;
}

void PyGILState_Release(PyGILState_STATE state)
{
  if (state == PyGILState_UNLOCKED) current = NULL;
}

int PyGILState_Check(void) { return current != NULL; }
PyThreadState *PyGILState_GetThisThreadState(void) { return &main_tstate; }

/* --- frames: there are none ---------------------------------------------------------------------*/
PyObject *PyEval_GetGlobals(void) { return NULL; }
PyObject *PyEval_GetFrame(void) { return NULL; }

PyObject *PyEval_GetLocals(void)
{
  PyErr_SetString(PyExc_SystemError, "frame does not exist");
  return NULL;
}

const char *PyEval_GetFuncName(PyObject *func)
{
  if (PyMethod_Check(func)) return PyEval_GetFuncName(PyMethod_GET_FUNCTION(func));
  if (PyCFunction_Check(func)) return ((PyCFunctionObject *)func)->m_ml->ml_name;
  return Py_TYPE(func)->tp_name;
}

const char *PyEval_GetFuncDesc(PyObject *func)
{
  return PyMethod_Check(func) || PyCFunction_Check(func) ? "()" : " object";
}

/* --- single-phase modules by definition --------------------------------------------------------*/
static PyObject *modules_by_index;   /* borrowed: the static registry holds the list */

int rt_state_add_module(PyObject *module, PyModuleDef *def)
{
  if (def->m_slots != NULL) {
    PyErr_SetString(PyExc_SystemError, "PyState_AddModule called on module with slots");
    return -1;
  }
  if (modules_by_index == NULL) {
    PyObject *list = PyList_New(0);
    if (list == NULL || rt_static_hold(Py_NewRef(list)) < 0) {
      Py_XDECREF(list);
      return -1;
    }
    modules_by_index = list;
    Py_DECREF(list);
  }
  while (PyList_GET_SIZE(modules_by_index) <= def->m_base.m_index)
    if (PyList_Append(modules_by_index, Py_None) < 0) return -1;
  return PyList_SetItem(modules_by_index, def->m_base.m_index, Py_NewRef(module));
}

PyObject *PyState_FindModule(PyModuleDef *def)
{
  if (def == NULL || def->m_slots != NULL || def->m_base.m_index == 0 || modules_by_index == NULL ||
      def->m_base.m_index >= PyList_GET_SIZE(modules_by_index))
    return NULL;
  PyObject *m = PyList_GET_ITEM(modules_by_index, def->m_base.m_index);
  return m == Py_None ? NULL : m;
}

int PyState_AddModule(PyObject *module, PyModuleDef *def)
{
  if (def == NULL) Py_FatalError("module definition is NULL");
  if (module == NULL) {
    rt_bad_internal_call();
    return -1;
  }
  if (modules_by_index != NULL && def->m_base.m_index < PyList_GET_SIZE(modules_by_index) &&
      module == PyList_GET_ITEM(modules_by_index, def->m_base.m_index))
    Py_FatalError("module already added");
  return rt_state_add_module(module, def);
}

int PyState_RemoveModule(PyModuleDef *def)
{
  if (def == NULL) {
    rt_bad_internal_call();
    return -1;
  }
  if (def->m_slots != NULL) {
    PyErr_SetString(PyExc_SystemError, "PyState_RemoveModule called on module with slots");
    return -1;
  }
  Py_ssize_t index = def->m_base.m_index;
  if (index == 0) Py_FatalError("invalid module index");
  if (modules_by_index == NULL)
    Py_FatalError("Interpreters module-list not accessible.");
  if (index > PyList_GET_SIZE(modules_by_index))
    Py_FatalError("Module index out of bounds.");
  return PyList_SetItem(modules_by_index, index, Py_NewRef(Py_None));
}

/* --- process hooks ------------------------------------------------------------------------------*/
#define MAX_ATEXIT 32
static void (*atexit_funcs[MAX_ATEXIT])(void);
static int n_atexit;

int Py_AtExit(void (*func)(void))
{
  if (n_atexit >= MAX_ATEXIT) return -1;
  atexit_funcs[n_atexit++] = func;
  return 0;
}

void rt_atexit_run(void)
{
  while (n_atexit > 0) atexit_funcs[--n_atexit]();
}

void Py_Exit(int status)
{
  if (Py_FinalizeEx() < 0 && status == 0) status = 120;
  exit(status);
}

void PyOS_BeforeFork(void) {}
void PyOS_AfterFork_Parent(void) {}
void PyOS_AfterFork_Child(void) {}
void PyOS_AfterFork(void) {}

int PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size)
{
  (void)domain;
  (void)ptr;
  (void)size;
  return -2;
}

int PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr)
{
  (void)domain;
  (void)ptr;
  return -2;
}
