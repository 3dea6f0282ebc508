/* test_lsan_root.c — a system block referenced only from a pool block is left alive at exit.
 *
 * Under LeakSanitizer (make test-asan) this passes only because the allocator registers its arenas
 * as root regions: LSan does not scan mmap'ed memory by itself and would report the block as a
 * direct leak. (A list's item array held by the list object is the real case.) Its own process,
 * so no stale pointer left by other tests can hide the leak. Without a sanitizer it checks nothing
 * beyond the allocation.
 */
#include "Python.h"

__attribute__((noinline)) static int hold_system_block_in_pool(void)
{
  void **holder = PyObject_Malloc(sizeof(void *));
  if (holder == NULL) return -1;
  holder[0] = PyObject_Malloc(4000);
  RtBlockInfo info;
  return rt_block_info(holder, &info) == 0 && rt_block_info(holder[0], &info) == -1 ? 0 : -1;
}

/* Overwrites the stack below main, so no stale copy of the pointers survives there. */
__attribute__((noinline)) static void scrub_stack(void)
{
  volatile char buf[16384];
  for (size_t i = 0; i < sizeof(buf); i++) buf[i] = 0;
}

int main(void)
{
  int rc = hold_system_block_in_pool();
  scrub_stack();
  return rc == 0 ? 0 : 1;
}
