/* lifecycle.c — embedding: Py_Initialize / Py_FinalizeEx, as CPython's, for the runtime.
 *
 * Py_InitializeEx reads the environment (PYREFCHECK_PYTHON=3.N selects the version profile when no
 * arena exists yet; PYREFCHECK_GC_STRESS=1 collects at every GC allocation; PYREFCHECK_QUARANTINE
 * sets the quarantine's budget in bytes), clears the defect
 * records, prepares the collector and the small ints, and opens a check window over the whole run.
 * Py_FinalizeEx closes it: a full collection, then every object still alive is reported (oracle
 * build), and the records are written as JSON to $PYREFCHECK_DEFECTS_JSON when it is set. It
 * returns 0 as CPython does (even with defects) or -1 when that file cannot be written. Memory still
 * allocated stays allocated: nothing is freed behind the program's back.
 */
#include "rt_capi.h"

#include <stdlib.h>
#include <string.h>

static int initialized;

void Py_InitializeEx(int initsigs)
{
  (void)initsigs;
  if (initialized) return;
  (void)rt_profile_from_env();
  const char *stress = getenv("PYREFCHECK_GC_STRESS");
  if (stress != NULL && strcmp(stress, "1") == 0) rt_gc_set_stress(1);
  const char *quarantine = getenv("PYREFCHECK_QUARANTINE");
  if (quarantine != NULL && *quarantine != '\0') rt_quarantine_set_budget(strtoull(quarantine, NULL, 10));
  rt_defects_clear();
  rt_errhook_reset();
  rt_gc_init();
  (void)_rt_small_int(0);
  (void)rt_interp_init();   /* the built-in types and registries: older state for every check */
  rt_check_begin();
  initialized = 1;
}

void Py_Initialize(void) { Py_InitializeEx(1); }

int Py_IsInitialized(void) { return initialized; }

int Py_FinalizeEx(void)
{
  if (!initialized) return 0;
  (void)rt_check_end();
  initialized = 0;
  rt_atexit_run();   /* Py_AtExit's functions, after everything else, as CPython */
  const char *path = getenv("PYREFCHECK_DEFECTS_JSON");
  if (path == NULL || *path == '\0') return 0;
  FILE *f = fopen(path, "w");
  if (f == NULL) return -1;
  int rc = rt_defects_write_json(f);
  if (fclose(f) != 0) rc = -1;
  return rc;
}

void Py_Finalize(void) { (void)Py_FinalizeEx(); }
