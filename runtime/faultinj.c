/* faultinj.c — fault injection with _testcapi.set_nomemory's semantics, and allocation counting.
 *
 * Every allocation through a family (PyMem_Raw*, PyMem_*, PyObject_*, including reallocs and the
 * object constructors' allocations) is numbered k = 1, 2, ... from the last rt_set_nomemory or
 * rt_alloc_count_reset. With injection on, allocation k fails iff start < k <= stop, or start < k
 * when stop <= 0 (fails for ever). Frees never fail and are not counted. The count always runs, so
 * a count-only pass (rt_alloc_count_reset, call, rt_alloc_count) tells the oracle how many failure
 * points a call has.
 */
#include "rt_internal.h"

static struct {
  long count;      /* allocations since the last set/reset */
  long start, stop;
  int active;      /* injection on */
} fm;

int rt_fault_tick(void)
{
  fm.count++;
  if (RT_LIKELY(!fm.active)) return 0;
  return fm.count > fm.start && (fm.stop <= 0 || fm.count <= fm.stop);
}

void rt_set_nomemory(long start, long stop)
{
  fm.count = 0;
  fm.start = start;
  fm.stop = stop;
  fm.active = 1;
}

void rt_remove_mem_hooks(void) { fm.active = 0; }

void rt_alloc_count_reset(void)
{
  fm.count = 0;
  fm.active = 0;
}

long rt_alloc_count(void) { return fm.count; }
