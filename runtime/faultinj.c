/* faultinj.c — fault injection with _testcapi.set_nomemory's semantics, and allocation counting.
 *
 * Every allocation through a family (PyMem_Raw*, PyMem_*, PyObject_*, including reallocs and the
 * object constructors' allocations) is numbered k = 1, 2, ... from the last rt_set_nomemory or
 * rt_alloc_count_reset. With injection on, allocation k fails iff start < k <= stop, or start < k
 * when stop <= 0 (fails for ever). Frees never fail and are not counted. The count always runs, so
 * a count-only pass (rt_alloc_count_reset, call, rt_alloc_count) tells the oracle how many failure
 * points a call has. rt_fault_refused tells how many allocations were refused since the last
 * rt_set_nomemory and where the first one was asked for (the oracle names the failed call with it).
 */
#include "rt_internal.h"

RtFaultState rt_fault;   /* rt_fault_tick (rt_internal.h) reads it on every allocation */

void rt_set_nomemory(long start, long stop)
{
  rt_fault.count = 0;
  rt_fault.start = start;
  rt_fault.stop = stop;
  rt_fault.active = 1;
  rt_fault.refused = 0;
  rt_fault.first_file = NULL;
  rt_fault.first_line = 0;
}

void rt_remove_mem_hooks(void) { rt_fault.active = 0; }

void rt_alloc_count_reset(void)
{
  rt_fault.count = 0;
  rt_fault.active = 0;
}

long rt_alloc_count(void) { return rt_fault.count; }

long rt_fault_refused(const char **file, int *line)
{
  if (file != NULL) *file = rt_fault.first_file;
  if (line != NULL) *line = rt_fault.first_line;
  return rt_fault.refused;
}
