/* test_obmalloc.c — the pooled allocator: size classes, every pool and arena transition, arena
 * release and ordering, large requests, realloc, statistics. Linked with rc_runtime (release).
 * Run with "3.8" as argument to check the 3.8 profile (4 KiB pools, 256 KiB arenas, every wholly
 * free arena released).
 */
#include <stdlib.h>
#include <string.h>

#include "Python.h"
#include "../test.h"

static size_t pool_size(void)
{
  RtMallocStats s;
  rt_malloc_stats(&s);
  return s.pool_size;
}

/* Blocks per pool of a size class, from the profile's pool size and CPython's 48-byte header. */
static size_t blocks_per_pool(size_t block) { return (pool_size() - 48) / block; }

TEST(size_classes_round_up_to_16)
{
  static const size_t req[] = {1, 15, 16, 17, 32, 33, 100, 496, 497, 511, 512};
  static const size_t want[] = {16, 16, 16, 32, 32, 48, 112, 496, 512, 512, 512};
  for (size_t i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
    void *p = PyObject_Malloc(req[i]);
    RtBlockInfo info;
    REQUIRE(p != NULL);
    REQUIRE(rt_block_info(p, &info) == 0);
    CHECK_EQ_INT(info.block_size, want[i]);
    CHECK_EQ_INT(info.size_class, want[i] / 16 - 1);
    CHECK_EQ_INT((uintptr_t)p % 16, 0);
    PyObject_Free(p);
  }
}

TEST(large_and_zero_requests_go_to_the_system)
{
  RtMallocStats before, after;
  rt_malloc_stats(&before);
  void *big = PyObject_Malloc(513);
  void *zero = PyObject_Malloc(0);
  RtBlockInfo info;
  REQUIRE(big != NULL && zero != NULL);
  CHECK(rt_block_info(big, &info) == -1);
  CHECK(rt_block_info(zero, &info) == -1);
  rt_malloc_stats(&after);
  CHECK_EQ_INT(after.large_blocks, before.large_blocks + 2);
  PyObject_Free(big);
  PyObject_Free(zero);
  rt_malloc_stats(&after);
  CHECK_EQ_INT(after.large_blocks, before.large_blocks);
  void *raw = PyMem_RawMalloc(16);
  CHECK(rt_block_info(raw, &info) == -1);   /* the raw family never uses pools */
  PyMem_RawFree(raw);
  void *mem = PyMem_Malloc(16);
  CHECK(rt_block_info(mem, &info) == 0);    /* PyMem_* does */
  PyMem_Free(mem);
}

TEST(pool_goes_used_full_used_empty_and_is_reused)
{
  const size_t bs = 160;
  size_t n = blocks_per_pool(bs);
  void **v = calloc(n + 1, sizeof(void *));
  RtBlockInfo info;
  REQUIRE(v != NULL);
  void *keep = PyObject_Malloc(16);   /* keeps the arena from being wholly free (3.8 releases it) */
  v[0] = PyObject_Malloc(bs);
  REQUIRE(rt_block_info(v[0], &info) == 0);
  const void *pool = info.pool;
  CHECK_EQ_INT(info.list, RT_POOL_USED);
  CHECK_EQ_INT(info.pool_count, 1);
  for (size_t i = 1; i < n; i++) v[i] = PyObject_Malloc(bs);
  REQUIRE(rt_block_info(v[n - 1], &info) == 0);
  CHECK(info.pool == pool);                     /* filled from the same pool, carved in order */
  CHECK_EQ_INT(info.pool_count, n);
  CHECK_EQ_INT(info.list, RT_POOL_FULL);
  v[n] = PyObject_Malloc(bs);                    /* a full pool left usedpools: a new pool */
  REQUIRE(rt_block_info(v[n], &info) == 0);
  CHECK(info.pool != pool);
  const void *pool2 = info.pool;

  /* full -> used: the pool goes to the front of usedpools, so it serves the next request */
  void *mid = v[n / 2];
  PyObject_Free(mid);
  REQUIRE(rt_block_info(v[0], &info) == 0);
  CHECK_EQ_INT(info.list, RT_POOL_USED);
  CHECK_EQ_INT(info.pool_count, n - 1);
  void *again = PyObject_Malloc(bs);
  CHECK(again == mid);                          /* LIFO free list of the front pool */
  v[n / 2] = again;

  /* used -> empty: the pool moves to its arena's freepools */
  PyObject_Free(v[n]);
  REQUIRE(rt_block_info(v[n], &info) == 0);
  CHECK_EQ_INT(info.list, RT_POOL_EMPTY);
  CHECK_EQ_INT(info.pool_count, 0);
  for (size_t i = 0; i < n; i++) PyObject_Free(v[i]);
  REQUIRE(rt_block_info(v[0], &info) == 0);
  CHECK_EQ_INT(info.list, RT_POOL_EMPTY);

  /* empty -> used, same class: the cached pool keeps its free list (LIFO: last freed first) */
  void *p = PyObject_Malloc(bs);
  REQUIRE(rt_block_info(p, &info) == 0);
  CHECK(info.pool == pool || info.pool == pool2);
  CHECK_EQ_INT(info.list, RT_POOL_USED);
  const void *reused = info.pool;
  PyObject_Free(p);

  /* empty -> used, another class: the pool is re-initialised for that class */
  void *q = PyObject_Malloc(48);
  REQUIRE(rt_block_info(q, &info) == 0);
  CHECK(info.pool == reused || info.pool == pool || info.pool == pool2);
  CHECK_EQ_INT(info.block_size, 48);
  PyObject_Free(q);
  PyObject_Free(keep);
  free(v);
}

/* Allocates per_arena 512-byte blocks into v (which must hold them); returns how many. */
static size_t fill_arena(void **v, size_t per_arena)
{
  for (size_t i = 0; i < per_arena; i++) v[i] = PyObject_Malloc(512);
  return per_arena;
}

TEST(arenas_are_ordered_released_and_kept)
{
  RtMallocStats s0, s;
  rt_malloc_stats(&s0);
  size_t pools = s0.arena_size / s0.pool_size;
  size_t per_pool = blocks_per_pool(512), per_arena = pools * per_pool;
  /* Start from a clean slate: any usable arena must be filled first, so allocate until two new
   * arenas were mapped and remember which blocks belong to them. */
  size_t cap = per_arena * 4;
  void **v = calloc(cap, sizeof(void *));
  REQUIRE(v != NULL);
  size_t n = 0;
  while (n < cap) {
    v[n] = PyObject_Malloc(512);
    n++;
    rt_malloc_stats(&s);
    if (s.arenas_allocated_total == s0.arenas_allocated_total + 2) break;
  }
  REQUIRE(n < cap);
  RtBlockInfo a_info, b_info;
  REQUIRE(rt_block_info(v[n - 1], &b_info) == 0);
  const void *arena_b = b_info.arena;
  /* Fill arena B completely, then look at the previous arena A (full as well). */
  size_t start_b = n - 1;
  n += fill_arena(v + n, per_arena - 1);
  REQUIRE(rt_block_info(v[n - 1], &b_info) == 0);
  CHECK(b_info.arena == arena_b);
  CHECK_EQ_INT(b_info.arena_free_pools, 0);
  REQUIRE(rt_block_info(v[start_b - 1], &a_info) == 0);
  const void *arena_a = a_info.arena;
  CHECK(arena_a != arena_b);
  CHECK_EQ_INT(a_info.arena_free_pools, 0);
  const void *usable[8];
  size_t nu = rt_usable_arenas(usable, 8);
  for (size_t i = 0; i < nu && i < 8; i++) CHECK(usable[i] != arena_a && usable[i] != arena_b);

  /* Free one pool of A: A has one free pool and goes to the front of usable_arenas. */
  size_t a_first = start_b - per_arena;  /* A's blocks, in allocation order */
  REQUIRE(rt_block_info(v[a_first], &a_info) == 0);
  REQUIRE(a_info.arena == arena_a);
  for (size_t i = 0; i < per_pool; i++) PyObject_Free(v[a_first + i]);
  REQUIRE(rt_block_info(v[a_first], &a_info) == 0);
  CHECK_EQ_INT(a_info.arena_free_pools, 1);
  nu = rt_usable_arenas(usable, 8);
  REQUIRE(nu >= 1);
  CHECK(usable[0] == arena_a);

  /* Free three pools of B: B (3 free) sorts after A (1 free). */
  for (size_t i = 0; i < 3 * per_pool; i++) PyObject_Free(v[start_b + i]);
  nu = rt_usable_arenas(usable, 8);
  REQUIRE(nu >= 2);
  CHECK(usable[0] == arena_a && usable[1] == arena_b);
  /* Three more pools of A: at 3 it ties with B and stays in front; at 4 it slides right of B. */
  for (size_t i = per_pool; i < 4 * per_pool; i++) PyObject_Free(v[a_first + i]);
  REQUIRE(rt_block_info(v[a_first + per_pool * 5], &a_info) == 0);
  CHECK_EQ_INT(a_info.arena_free_pools, 4);
  nu = rt_usable_arenas(usable, 8);
  REQUIRE(nu >= 2);
  CHECK(usable[0] == arena_b && usable[1] == arena_a);

  /* Free the rest of B: it slides to the end and becomes wholly free while last in the list:
   * 3.9+ keep it (bpo-37257), 3.8 gives it back. */
  rt_malloc_stats(&s0);
  for (size_t i = 3 * per_pool; i < per_arena; i++) PyObject_Free(v[start_b + i]);
  rt_malloc_stats(&s);
  nu = rt_usable_arenas(usable, 8);
  if (rt_profile_minor() >= 9) {
    CHECK_EQ_INT(s.arenas_freed_total, s0.arenas_freed_total);
    REQUIRE(nu == 2);
    CHECK(usable[0] == arena_a && usable[1] == arena_b);
    REQUIRE(rt_block_info(v[start_b], &b_info) == 0);
    CHECK_EQ_INT(b_info.arena_free_pools, pools);
    CHECK_EQ_INT(b_info.list, RT_POOL_EMPTY);
  } else {
    CHECK_EQ_INT(s.arenas_freed_total, s0.arenas_freed_total + 1);
    CHECK_EQ_INT(s.arenas_current, s0.arenas_current - 1);
    CHECK(rt_block_info(v[start_b], &b_info) == -1);   /* unmapped: no longer ours */
    CHECK(nu == 1 && usable[0] == arena_a);
  }

  /* Free the rest of A: wholly free with B after it (3.9+), or simply wholly free (3.8): released
   * in both. */
  rt_malloc_stats(&s0);
  for (size_t i = 4 * per_pool; i < per_arena; i++) PyObject_Free(v[a_first + i]);
  rt_malloc_stats(&s);
  CHECK_EQ_INT(s.arenas_freed_total, s0.arenas_freed_total + 1);
  CHECK_EQ_INT(s.arenas_current, s0.arenas_current - 1);
  CHECK(rt_block_info(v[a_first], &a_info) == -1);
  nu = rt_usable_arenas(usable, 8);
  if (rt_profile_minor() >= 9) CHECK(nu == 1 && usable[0] == arena_b);
  else CHECK_EQ_INT(nu, 0);
  for (size_t i = 0; i < a_first; i++) PyObject_Free(v[i]);
  free(v);
}

TEST(realloc_keeps_moves_and_copies)
{
  char *p = PyObject_Malloc(100);   /* class 112 */
  REQUIRE(p != NULL);
  memset(p, 'x', 100);
  CHECK(PyObject_Realloc(p, 110) == p);          /* fits */
  CHECK(PyObject_Realloc(p, 90) == p);           /* shrinks by less than a quarter */
  char *q = PyObject_Realloc(p, 40);             /* shrinks a lot: moves */
  REQUIRE(q != NULL);
  CHECK(q != p);
  CHECK(memcmp(q, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 40) == 0);
  char *r = PyObject_Realloc(q, 2000);           /* grows past 512: to the system */
  RtBlockInfo info;
  REQUIRE(r != NULL);
  CHECK(rt_block_info(r, &info) == -1);
  CHECK(r[39] == 'x');
  char *s = PyObject_Realloc(r, 64);             /* a system block stays with the system */
  REQUIRE(s != NULL);
  CHECK(rt_block_info(s, &info) == -1);
  PyObject_Free(s);
  CHECK(PyObject_Realloc(NULL, 10) != NULL);     /* acts as malloc (and leaks 16 bytes of pool) */
}

TEST(calloc_zeroes_and_checks_overflow)
{
  unsigned char *p = PyObject_Calloc(10, 30);
  REQUIRE(p != NULL);
  int zero = 1;
  for (int i = 0; i < 300; i++) zero &= p[i] == 0;
  CHECK(zero);
  PyObject_Free(p);
  CHECK(PyObject_Calloc((size_t)-1 / 2, 4) == NULL);
  CHECK(PyMem_Malloc((size_t)PY_SSIZE_T_MAX + 1) == NULL);
}

TEST(stats_count_pools_blocks_and_arenas)
{
  RtMallocStats s0, s;
  rt_malloc_stats(&s0);
  void *a = PyObject_Malloc(200), *b = PyObject_Malloc(200), *c = PyObject_Malloc(200);
  rt_malloc_stats(&s);
  const RtSizeClassStats *k = &s.classes[208 / 16 - 1];
  CHECK_EQ_INT(k->block_size, 208);
  CHECK_EQ_INT(k->blocks_in_use, s0.classes[12].blocks_in_use + 3);
  CHECK_EQ_INT(k->pools * blocks_per_pool(208), k->blocks_in_use + k->free_blocks);
  CHECK(s.arenas_current >= 1);
  CHECK(s.arenas_max >= s.arenas_current);
  CHECK_EQ_INT(s.arenas_allocated_total - s.arenas_freed_total, s.arenas_current);
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  REQUIRE(f != NULL);
  rt_debugmallocstats(f);
  fclose(f);
  CHECK_CONTAINS(text, "   12    208");
  CHECK_CONTAINS(text, "# arenas allocated total");
  free(text);
  PyObject_Free(a);
  PyObject_Free(b);
  PyObject_Free(c);
}

TEST(profile_geometry)
{
  RtMallocStats s;
  rt_malloc_stats(&s);
  if (rt_profile_minor() <= 9) {
    CHECK_EQ_INT(s.pool_size, 4096);
    CHECK_EQ_INT(s.arena_size, 256 * 1024);
  } else {
    CHECK_EQ_INT(s.pool_size, 16384);
    CHECK_EQ_INT(s.arena_size, 1024 * 1024);
  }
  /* Geometry cannot change under live arenas. */
  CHECK(rt_profile_set(rt_profile_minor() <= 9 ? 11 : 8) == -1);
  CHECK(rt_profile_set(7) == -1);
}

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "3.8") == 0 && rt_profile_set(8) != 0) return 2;
  RUN(size_classes_round_up_to_16);
  RUN(large_and_zero_requests_go_to_the_system);
  RUN(pool_goes_used_full_used_empty_and_is_reused);
  RUN(arenas_are_ordered_released_and_kept);
  RUN(realloc_keeps_moves_and_copies);
  RUN(calloc_zeroes_and_checks_overflow);
  RUN(stats_count_pools_blocks_and_arenas);
  RUN(profile_geometry);
  return TEST_SUMMARY();
}
