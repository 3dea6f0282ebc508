/* test_faultinj.c — fault injection (_testcapi.set_nomemory semantics over every family), the
 * count-only mode, and the state a failed allocation leaves. Built against both libraries.
 */
#include <string.h>

#include "Python.h"
#include "../test.h"
#include "rt_testtypes.h"

static int hook_calls;
static const char *hook_exc;

static void on_error(const char *exc, void *ctx)
{
  (void)ctx;
  hook_calls++;
  hook_exc = exc;
}

TEST(every_family_fails_when_told)
{
  rt_set_nomemory(0, 0);
  CHECK(PyObject_Malloc(8) == NULL);
  CHECK(PyObject_Calloc(2, 8) == NULL);
  CHECK(PyMem_Malloc(8) == NULL);
  CHECK(PyMem_Calloc(2, 8) == NULL);
  CHECK(PyMem_RawMalloc(8) == NULL);
  CHECK(PyMem_RawCalloc(2, 8) == NULL);
  CHECK(PyObject_Realloc(NULL, 8) == NULL);
  CHECK(PyMem_Realloc(NULL, 8) == NULL);
  CHECK(PyMem_RawRealloc(NULL, 8) == NULL);
  CHECK(PyObject_Malloc(100000) == NULL);
  CHECK_EQ_INT(rt_alloc_count(), 10);
  rt_remove_mem_hooks();
  void *p = PyObject_Malloc(8);
  CHECK(p != NULL);
  PyObject_Free(p);
}

TEST(window_start_exclusive_stop_inclusive)
{
  void *p[6];
  rt_set_nomemory(2, 4);   /* allocations 3 and 4 fail */
  for (int i = 0; i < 6; i++) p[i] = PyMem_Malloc(16);
  CHECK(p[0] != NULL && p[1] != NULL);
  CHECK(p[2] == NULL && p[3] == NULL);
  CHECK(p[4] != NULL && p[5] != NULL);
  rt_remove_mem_hooks();
  for (int i = 0; i < 6; i++) PyMem_Free(p[i]);
}

TEST(stop_zero_or_negative_means_for_ever)
{
  for (long stop = 0; stop >= -1; stop--) {
    rt_set_nomemory(1, stop);
    void *a = PyObject_Malloc(16);
    CHECK(a != NULL);
    int failed = 0;
    for (int i = 0; i < 50; i++) failed += PyObject_Malloc(16) == NULL;
    CHECK_EQ_INT(failed, 50);
    rt_remove_mem_hooks();
    PyObject_Free(a);
  }
}

TEST(frees_are_neither_counted_nor_failed)
{
  rt_set_nomemory(1, 0);
  void *a = PyObject_Malloc(16);   /* allocation 1 */
  REQUIRE(a != NULL);
  PyObject_Free(a);                /* never fails, not counted */
  PyObject_Free(NULL);
  CHECK_EQ_INT(rt_alloc_count(), 1);
  CHECK(PyObject_Malloc(16) == NULL);   /* allocation 2 */
  CHECK_EQ_INT(rt_alloc_count(), 2);
  rt_remove_mem_hooks();
}

TEST(count_only_mode_counts_a_call)
{
  rt_alloc_count_reset();
  PyObject *n = node_new(&Node_Type);      /* one allocation: GC header + object */
  CHECK_EQ_INT(rt_alloc_count(), 1);
  void *buf = PyMem_Malloc(10);
  buf = PyMem_Realloc(buf, 1000);          /* a realloc counts as one */
  CHECK_EQ_INT(rt_alloc_count(), 3);
  PyMem_Free(buf);
  Py_DECREF(n);
  CHECK_EQ_INT(rt_alloc_count(), 3);
}

TEST(failed_constructor_raises_memory_error_once)
{
  hook_calls = 0;
  long before = rt_nomemory_count();
  int gen0[3], gen0_after[3];
  rt_gc_get_count(gen0);
  rt_set_nomemory(0, 1);
  Node *n = PyObject_GC_New(Node, &Node_Type);
  CHECK(n == NULL);
  CHECK_EQ_INT(rt_nomemory_count(), before + 1);
  CHECK_EQ_INT(hook_calls, 1);
  CHECK_EQ_STR(hook_exc, "MemoryError");
  rt_gc_get_count(gen0_after);
  CHECK_EQ_INT(gen0_after[0], gen0[0]);    /* nothing was linked */
  Plain *p = PyObject_New(Plain, &Plain_Type);   /* allocation 2: succeeds */
  CHECK(p != NULL);
  CHECK_EQ_INT(hook_calls, 1);
  rt_remove_mem_hooks();
  Py_DECREF(p);
  /* The plain allocator itself sets nothing, as CPython's. */
  rt_set_nomemory(0, 0);
  CHECK(PyObject_Malloc(1) == NULL);
  CHECK_EQ_INT(hook_calls, 1);
  rt_remove_mem_hooks();
}

TEST(refused_allocation_drops_its_site)
{
  rt_set_nomemory(0, 1);
  CHECK(PyObject_Malloc(16) == NULL);
  rt_remove_mem_hooks();
  CHECK(_rt_site_file == NULL);            /* the next allocation is not blamed on that line */
  CHECK(PyObject_Calloc((size_t)-1 / 2, 4) == NULL);
  CHECK(_rt_site_file == NULL);
}

TEST(failed_realloc_keeps_the_block)
{
  char *p = PyMem_Malloc(20);
  REQUIRE(p != NULL);
  memcpy(p, "still here", 11);
  rt_set_nomemory(0, 0);
  CHECK(PyMem_Realloc(p, 4000) == NULL);
  rt_remove_mem_hooks();
  CHECK_EQ_STR(p, "still here");
  PyMem_Free(p);
}

int main(void)
{
  Py_Initialize();
  rt_set_error_hook(on_error, NULL);
  RUN(every_family_fails_when_told);
  RUN(window_start_exclusive_stop_inclusive);
  RUN(stop_zero_or_negative_means_for_ever);
  RUN(frees_are_neither_counted_nor_failed);
  RUN(count_only_mode_counts_a_call);
  RUN(failed_constructor_raises_memory_error_once);
  RUN(refused_allocation_drops_its_site);
  RUN(failed_realloc_keeps_the_block);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  if (rt_defect_count() != 0) {
    rt_defects_write_json(stdout);
    return 1;
  }
  return failed;
}
