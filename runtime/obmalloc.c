/* obmalloc.c — the pooled small-block allocator, after CPython's pymalloc (Objects/obmalloc.c),
 * and the three allocation families on top of it, as in CPython's file.
 *
 * Requests of 1..512 bytes are rounded up to one of 32 size classes (16, 32, ... 512 bytes) and
 * served from pools: a pool is one page-like run of pool_size bytes holding blocks of a single size
 * class, carved lazily from an arena of arena_size bytes mapped from the system. Figures of the
 * 3.10+ profile: 16 KiB pools in 1 MiB arenas; 3.8/3.9: 4 KiB pools in 256 KiB arenas.
 *
 * The lists, exactly as CPython keeps them:
 *  - usedpools[c]: the pools of class c with at least one free and one used block, most recently
 *    refilled first. A pool that fills up leaves the list; a full pool that gets a block back is
 *    linked at the front; a pool whose last block is freed moves to its arena's freepools.
 *  - arena->freepools: empty pools of that arena, kept initialised (a pool reused for the same size
 *    class keeps its free list).
 *  - usable_arenas: arenas with at least one free pool, ordered by increasing number of free pools
 *    (allocate from the fullest arena so that the emptiest can be released); nfp2lasta[n] is the
 *    last arena with n free pools, so reordering is O(1). An arena whose pools are all free is
 *    unmapped, except (3.9+, bpo-37257) when it is the last one in usable_arenas.
 *
 * Differences from CPython, on purpose: arenas are mapped aligned to their size, so every arena has
 * all its pools (CPython loses one pool to alignment in most arenas), and "is this pointer ours" is
 * a two-level radix map from the arena number to the arena, which never reads memory it does not
 * own (CPython 3.8/3.9 read the pool header of any pointer, which sanitizers reject).
 *
 * The families: each public entry point (PyMem_Raw*, PyMem_*, PyObject_*) counts one allocation
 * for fault injection (frees are never counted and never fail), then goes to the debug layer
 * (oracle build) or straight to the allocator: PyMem_Raw* to the system allocator, PyMem_* and
 * PyObject_* to the pools for requests of at most 512 bytes and to the system allocator above
 * (CPython 3.6+ routes PyMem_* to pymalloc too). A failed allocation returns NULL and sets no
 * exception, as in CPython; the object constructors (object.c, gc.c) raise MemoryError.
 */
#include "rt_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Under LeakSanitizer, arenas are root regions: a system block referenced only from a pool block
 * (a list's item array, say) is reachable, as it is. Our own leak checks judge the objects. */
#if defined(__SANITIZE_ADDRESS__)
#  define RT_LSAN 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define RT_LSAN 1
#  endif
#endif
#ifdef RT_LSAN
#  include <sanitizer/lsan_interface.h>
#  define LSAN_ROOT(p, n) __lsan_register_root_region((p), (n))
#  define LSAN_UNROOT(p, n) __lsan_unregister_root_region((p), (n))
#else
#  define LSAN_ROOT(p, n) ((void)0)
#  define LSAN_UNROOT(p, n) ((void)0)
#endif

#define NB_SMALL_SIZE_CLASSES (RT_SMALL_REQUEST_THRESHOLD / RT_ALIGNMENT)
#define ALIGNMENT_SHIFT 4
#define INDEX2SIZE(i) (((size_t)(i) + 1) << ALIGNMENT_SHIFT)
#define DUMMY_SIZE_IDX 0xffffU
#define MAX_POOLS_IN_ARENA 64

typedef uint8_t block;

typedef struct pool_header {
  union {
    block *_padding;
    unsigned int count;           /* blocks in use */
  } ref;
  block *freeblock;               /* head of the free list; NULL when the pool is full */
  struct pool_header *nextpool;   /* usedpools ring, or arena freepools list */
  struct pool_header *prevpool;
  unsigned int arenaindex;        /* index into arenas[] */
  unsigned int szidx;             /* size class */
  unsigned int nextoffset;        /* first never-used byte offset (carving point) */
  unsigned int maxnextoffset;     /* largest valid nextoffset */
} pool_header;

#define POOL_OVERHEAD ((sizeof(pool_header) + RT_ALIGNMENT - 1) & ~(size_t)(RT_ALIGNMENT - 1))

typedef struct arena_object {
  uintptr_t address;              /* 0 when this arena_object is unused */
  block *pool_address;            /* next never-carved pool */
  unsigned int nfreepools, ntotalpools;
  pool_header *freepools;         /* empty, initialised pools */
  struct arena_object *nextarena, *prevarena;
} arena_object;

/* --- state ------------------------------------------------------------------------------------*/
static size_t pool_size = 16384, arena_size = 1u << 20;
static uintptr_t pool_mask = ~(uintptr_t)(16384 - 1);
unsigned rt_arena_bits = 20;
static int keep_last_empty = 1;

/* Ring sentinels, empty rings pointing at themselves. */
#define PT(i) {{NULL}, NULL, &usedpools[i], &usedpools[i], 0, 0, 0, 0}
#define PT8(i) PT(i), PT(i + 1), PT(i + 2), PT(i + 3), PT(i + 4), PT(i + 5), PT(i + 6), PT(i + 7)
static pool_header usedpools[NB_SMALL_SIZE_CLASSES] = {PT8(0), PT8(8), PT8(16), PT8(24)};

static arena_object *arenas;            /* the arena table; grows by doubling */
static unsigned int maxarenas;
static arena_object *unused_arena_objects;
static arena_object *usable_arenas;
static arena_object *nfp2lasta[MAX_POOLS_IN_ARENA + 1];

static size_t narenas_currently_allocated, narenas_highwater;
static size_t ntimes_arena_allocated, ntimes_arena_freed;

/* --- the radix map: arena number -> arena index + 1 (rt_internal.h reads it inline) ------------*/
#define MAP_LEAF_BITS RT_MAP_LEAF_BITS
#define MAP_TOP_SIZE RT_MAP_TOP_SIZE
uint32_t *rt_arena_map[RT_MAP_TOP_SIZE];

static uint32_t *map_slot(uintptr_t addr, int create)
{
  uintptr_t key = addr >> rt_arena_bits;
  uintptr_t top = key >> MAP_LEAF_BITS;
  if (top >= MAP_TOP_SIZE) return NULL;
  if (rt_arena_map[top] == NULL) {
    if (!create) return NULL;
    rt_arena_map[top] = calloc((size_t)1 << MAP_LEAF_BITS, sizeof(uint32_t));
    if (rt_arena_map[top] == NULL) return NULL;
  }
  return &rt_arena_map[top][key & (((uintptr_t)1 << MAP_LEAF_BITS) - 1)];
}

/* The arena holding p, or NULL. */
static inline arena_object *arena_of(const void *p)
{
  uint32_t *slot = map_slot((uintptr_t)p, 0);
  if (slot == NULL || *slot == 0) return NULL;
  return &arenas[*slot - 1];
}


int rt_obmalloc_configure(size_t new_pool_size, size_t new_arena_size, int keep_last_empty_arena)
{
  if (narenas_currently_allocated != 0 &&
      (new_pool_size != pool_size || new_arena_size != arena_size))
    return -1;
  if (new_arena_size / new_pool_size > MAX_POOLS_IN_ARENA) return -1;
  pool_size = new_pool_size;
  arena_size = new_arena_size;
  pool_mask = ~(uintptr_t)(pool_size - 1);
  rt_arena_bits = 0;
  while (((size_t)1 << rt_arena_bits) < arena_size) rt_arena_bits++;
  keep_last_empty = keep_last_empty_arena;
  return 0;
}

/* --- arenas -----------------------------------------------------------------------------------*/
/* Maps arena_size bytes aligned to arena_size. Returns NULL when the system refuses. */
static void *map_aligned_arena(void)
{
  size_t len = arena_size * 2;
  uint8_t *raw = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return NULL;
  uintptr_t start = ((uintptr_t)raw + arena_size - 1) & ~(uintptr_t)(arena_size - 1);
  size_t head = start - (uintptr_t)raw, tail = len - head - arena_size;
  if (head) munmap(raw, head);
  if (tail) munmap((uint8_t *)start + arena_size, tail);
  return (void *)start;
}

/* A fresh arena with all its pools free, or NULL (nothing changed) when memory is exhausted. */
static arena_object *new_arena(void)
{
  if (unused_arena_objects == NULL) {
    /* Grow the table; only done while usable_arenas is empty, so no list points into it. */
    unsigned int numarenas = maxarenas ? maxarenas << 1 : 16;
    if (numarenas <= maxarenas) return NULL;
    arena_object *grown = realloc(arenas, numarenas * sizeof(*arenas));
    if (grown == NULL) return NULL;
    arenas = grown;
    for (unsigned int i = maxarenas; i < numarenas; ++i) {
      arenas[i].address = 0;
      arenas[i].nextarena = i < numarenas - 1 ? &arenas[i + 1] : NULL;
    }
    unused_arena_objects = &arenas[maxarenas];
    maxarenas = numarenas;
  }
  arena_object *ao = unused_arena_objects;
  void *address = map_aligned_arena();
  if (address == NULL) return NULL;
  uint32_t *slot = map_slot((uintptr_t)address, 1);
  if (slot == NULL) {
    munmap(address, arena_size);
    return NULL;
  }
  unused_arena_objects = ao->nextarena;
  *slot = (uint32_t)(ao - arenas) + 1;
  LSAN_ROOT(address, arena_size);
  ao->address = (uintptr_t)address;
  ao->pool_address = (block *)address;
  ao->ntotalpools = ao->nfreepools = (unsigned int)(arena_size / pool_size);
  ao->freepools = NULL;
  ao->nextarena = ao->prevarena = NULL;
  ++narenas_currently_allocated;
  ++ntimes_arena_allocated;
  if (narenas_currently_allocated > narenas_highwater)
    narenas_highwater = narenas_currently_allocated;
  return ao;
}

static void release_arena(arena_object *ao)
{
  uint32_t *slot = map_slot(ao->address, 0);
  if (slot) *slot = 0;
  LSAN_UNROOT((void *)ao->address, arena_size);
  munmap((void *)ao->address, arena_size);
  ao->address = 0;
  ao->nextarena = unused_arena_objects;
  unused_arena_objects = ao;
  --narenas_currently_allocated;
  ++ntimes_arena_freed;
}

/* --- pools ------------------------------------------------------------------------------------*/
static inline pool_header *pool_of(const void *p) { return (pool_header *)((uintptr_t)p & pool_mask); }

/* Called when the free list of a used pool ran out: carve one more block, or, when the pool is
 * exhausted, take it out of usedpools (it is full). */
static void pool_extend(pool_header *pool, unsigned int size)
{
  if (RT_LIKELY(pool->nextoffset <= pool->maxnextoffset)) {
    pool->freeblock = (block *)pool + pool->nextoffset;
    pool->nextoffset += (unsigned int)INDEX2SIZE(size);
    *(block **)pool->freeblock = NULL;
    return;
  }
  pool_header *next = pool->nextpool;
  pool = pool->prevpool;
  next->prevpool = pool;
  pool->nextpool = next;
}

/* A block of class size from a pool not yet in usedpools: a cached empty pool of the fullest usable
 * arena, else a newly carved pool. NULL when no arena can be mapped. */
static void *allocate_from_new_pool(unsigned int size)
{
  if (RT_UNLIKELY(usable_arenas == NULL)) {
    usable_arenas = new_arena();
    if (usable_arenas == NULL) return NULL;
    usable_arenas->nextarena = usable_arenas->prevarena = NULL;
    nfp2lasta[usable_arenas->nfreepools] = usable_arenas;
  }
  /* The arena loses a free pool: it stops being the last one with its old count. */
  if (nfp2lasta[usable_arenas->nfreepools] == usable_arenas)
    nfp2lasta[usable_arenas->nfreepools] = NULL;
  if (usable_arenas->nfreepools > 1) nfp2lasta[usable_arenas->nfreepools - 1] = usable_arenas;

  pool_header *pool = usable_arenas->freepools;
  if (RT_LIKELY(pool != NULL)) {
    usable_arenas->freepools = pool->nextpool;
    usable_arenas->nfreepools--;
  } else {
    pool = (pool_header *)usable_arenas->pool_address;
    pool->arenaindex = (unsigned int)(usable_arenas - arenas);
    pool->szidx = DUMMY_SIZE_IDX;
    usable_arenas->pool_address += pool_size;
    --usable_arenas->nfreepools;
  }
  if (usable_arenas->nfreepools == 0) {
    /* The arena is full: it leaves usable_arenas. */
    usable_arenas = usable_arenas->nextarena;
    if (usable_arenas != NULL) usable_arenas->prevarena = NULL;
  }

  /* Front-link the pool into usedpools[size]. */
  pool_header *next = usedpools[size].nextpool;
  pool->nextpool = next;
  pool->prevpool = &usedpools[size];
  next->prevpool = pool;
  usedpools[size].nextpool = pool;
  pool->ref.count = 1;

  block *bp;
  if (pool->szidx == size) {
    /* Same class as last time: header and free list are still valid (at least two blocks). */
    bp = pool->freeblock;
    pool->freeblock = *(block **)bp;
    return bp;
  }
  size_t sz = INDEX2SIZE(size);
  pool->szidx = size;
  bp = (block *)pool + POOL_OVERHEAD;
  pool->nextoffset = (unsigned int)(POOL_OVERHEAD + (sz << 1));
  pool->maxnextoffset = (unsigned int)(pool_size - sz);
  pool->freeblock = bp + sz;
  *(block **)pool->freeblock = NULL;
  return bp;
}

static inline void *pymalloc_alloc(size_t nbytes)
{
  if (RT_UNLIKELY(nbytes - 1 >= RT_SMALL_REQUEST_THRESHOLD)) return NULL;
  unsigned int size = (unsigned int)((nbytes - 1) >> ALIGNMENT_SHIFT);
  pool_header *pool = usedpools[size].nextpool;
  if (RT_LIKELY(pool != &usedpools[size])) {
    ++pool->ref.count;
    block *bp = pool->freeblock;
    if (RT_UNLIKELY((pool->freeblock = *(block **)bp) == NULL)) pool_extend(pool, size);
    return bp;
  }
  return allocate_from_new_pool(size);
}

void *rt_pymalloc_alloc(size_t nbytes) { return pymalloc_alloc(nbytes); }

/* The pool was full and got a block back: link it at the front of its usedpools ring. */
static void insert_to_usedpool(pool_header *pool)
{
  unsigned int size = pool->szidx;
  pool_header *next = usedpools[size].nextpool;
  pool_header *prev = next->prevpool;
  pool->nextpool = next;
  pool->prevpool = prev;
  next->prevpool = pool;
  prev->nextpool = pool;
}

/* The pool became empty: move it to its arena's freepools and keep usable_arenas sorted, releasing
 * the arena when all its pools are free (see the file comment for the 3.9+ exception). */
static void insert_to_freepool(pool_header *pool)
{
  pool_header *next = pool->nextpool, *prev = pool->prevpool;
  next->prevpool = prev;
  prev->nextpool = next;

  arena_object *ao = &arenas[pool->arenaindex];
  pool->nextpool = ao->freepools;
  ao->freepools = pool;
  unsigned int nf = ao->nfreepools;
  arena_object *lastnf = nfp2lasta[nf];
  if (lastnf == ao) {
    arena_object *p = ao->prevarena;
    nfp2lasta[nf] = (p != NULL && p->nfreepools == nf) ? p : NULL;
  }
  ao->nfreepools = ++nf;

  if (nf == ao->ntotalpools && (ao->nextarena != NULL || !keep_last_empty)) {
    /* Case 1: every pool is free: unlink the arena and give it back to the system. */
    if (ao->prevarena == NULL) usable_arenas = ao->nextarena;
    else ao->prevarena->nextarena = ao->nextarena;
    if (ao->nextarena != NULL) ao->nextarena->prevarena = ao->prevarena;
    if (nfp2lasta[nf] == ao) nfp2lasta[nf] = NULL;
    release_arena(ao);
    return;
  }
  if (nf == 1) {
    /* Case 2: the arena was full and is usable again; one free pool sorts first. */
    ao->nextarena = usable_arenas;
    ao->prevarena = NULL;
    if (usable_arenas) usable_arenas->prevarena = ao;
    usable_arenas = ao;
    if (nfp2lasta[1] == NULL) nfp2lasta[1] = ao;
    return;
  }
  /* Case 3: slide ao right, past the arenas that still have nf - 1 free pools. */
  if (nfp2lasta[nf] == NULL) nfp2lasta[nf] = ao;
  if (ao == lastnf) return;  /* Case 4: already the last of its old count: still sorted. */
  if (ao->prevarena != NULL) ao->prevarena->nextarena = ao->nextarena;
  else usable_arenas = ao->nextarena;
  ao->nextarena->prevarena = ao->prevarena;
  ao->prevarena = lastnf;
  ao->nextarena = lastnf->nextarena;
  if (ao->nextarena != NULL) ao->nextarena->prevarena = ao;
  lastnf->nextarena = ao;
}

static inline int pymalloc_free(void *p)
{
  if (!rt_pymalloc_in_arena(p)) return 0;
  pool_header *pool = pool_of(p);
  block *lastfree = pool->freeblock;
  *(block **)p = lastfree;
  pool->freeblock = (block *)p;
  pool->ref.count--;
  if (RT_UNLIKELY(lastfree == NULL)) {
    insert_to_usedpool(pool);   /* was full; never empties here (a pool holds >= 7 blocks) */
    return 1;
  }
  if (RT_LIKELY(pool->ref.count != 0)) return 1;
  insert_to_freepool(pool);
  return 1;
}

int rt_pymalloc_free(void *p) { return pymalloc_free(p); }

/* A pool of p's arena that has been carved (and so has a valid header), or NULL. */
static pool_header *carved_pool(const void *p, arena_object **arena_out)
{
  arena_object *ao = arena_of(p);
  if (ao == NULL) return NULL;
  pool_header *pool = pool_of(p);
  if ((block *)pool >= ao->pool_address) return NULL;
  if (arena_out) *arena_out = ao;
  return pool;
}

size_t rt_pymalloc_block_size(const void *p)
{
  pool_header *pool = carved_pool(p, NULL);
  return pool && pool->ref.count ? INDEX2SIZE(pool->szidx) : 0;
}

/* --- statistics -------------------------------------------------------------------------------*/
void rt_malloc_stats(RtMallocStats *out)
{
  memset(out, 0, sizeof(*out));
  for (unsigned i = 0; i < NB_SMALL_SIZE_CLASSES; i++) out->classes[i].block_size = INDEX2SIZE(i);
  out->pool_size = pool_size;
  out->arena_size = arena_size;
  out->arenas_allocated_total = ntimes_arena_allocated;
  out->arenas_freed_total = ntimes_arena_freed;
  out->arenas_current = narenas_currently_allocated;
  out->arenas_max = narenas_highwater;
  out->large_blocks = rt_large_blocks;
  for (unsigned int i = 0; i < maxarenas; i++) {
    if (arenas[i].address == 0) continue;
    for (block *b = (block *)arenas[i].address; b < arenas[i].pool_address; b += pool_size) {
      pool_header *p = (pool_header *)b;
      if (p->ref.count == 0) {
        out->pools_empty++;
        continue;
      }
      size_t sz = INDEX2SIZE(p->szidx);
      RtSizeClassStats *c = &out->classes[p->szidx];
      c->pools++;
      c->blocks_in_use += p->ref.count;
      c->free_blocks += (pool_size - POOL_OVERHEAD) / sz - p->ref.count;
    }
    out->pools_empty += arenas[i].ntotalpools -
                        (unsigned)((size_t)(arenas[i].pool_address - (block *)arenas[i].address) /
                                   pool_size);
  }
}

void rt_debugmallocstats(FILE *out)
{
  RtMallocStats s;
  rt_malloc_stats(&s);
  fprintf(out, "Small block threshold = %d, in %d size classes.\n\n", RT_SMALL_REQUEST_THRESHOLD,
          NB_SMALL_SIZE_CLASSES);
  fprintf(out, "class   size   num pools   blocks in use  avail blocks\n"
               "-----   ----   ---------   -------------  ------------\n");
  for (unsigned i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    const RtSizeClassStats *c = &s.classes[i];
    if (c->pools == 0) continue;
    fprintf(out, "%5u %6zu %11zu %15zu %13zu\n", i, c->block_size, c->pools, c->blocks_in_use,
            c->free_blocks);
  }
  fprintf(out, "\n# arenas allocated total           = %zu\n", s.arenas_allocated_total);
  fprintf(out, "# arenas reclaimed                 = %zu\n", s.arenas_freed_total);
  fprintf(out, "# arenas highwater mark            = %zu\n", s.arenas_max);
  fprintf(out, "# arenas allocated current         = %zu\n", s.arenas_current);
  fprintf(out, "%zu arenas * %zu bytes/arena, %zu bytes/pool\n", s.arenas_current, s.arena_size,
          s.pool_size);
  fprintf(out, "# empty pools kept                 = %zu\n", s.pools_empty);
  fprintf(out, "# large blocks (system allocator)  = %zu\n", s.large_blocks);
}

int rt_block_info(const void *p, RtBlockInfo *out)
{
  memset(out, 0, sizeof(*out));
  arena_object *ao = NULL;
  pool_header *pool = carved_pool(p, &ao);
  if (pool == NULL) return -1;
  out->in_pool = 1;
  out->size_class = pool->szidx;
  out->block_size = INDEX2SIZE(pool->szidx);
  out->pool = pool;
  out->arena = (const void *)ao->address;
  out->pool_count = pool->ref.count;
  out->list = pool->ref.count == 0 ? RT_POOL_EMPTY
              : pool->freeblock == NULL ? RT_POOL_FULL
                                        : RT_POOL_USED;
  out->arena_free_pools = ao->nfreepools;
  return 0;
}

size_t rt_usable_arenas(const void **out, size_t max)
{
  size_t n = 0;
  for (arena_object *a = usable_arenas; a != NULL; a = a->nextarena, n++)
    if (n < max) out[n] = (const void *)a->address;
  return n;
}

/* ================================================================================================
 * The allocation families
 * ================================================================================================ */
size_t rt_large_blocks;

/* --- the families without policy ----------------------------------------------------------------*/
static inline void *family_alloc(RtApi api, size_t n)
{
  if (api != RT_API_RAW) {
    void *p = pymalloc_alloc(n);
    if (RT_LIKELY(p != NULL)) return p;
    if (n != 0 && n <= RT_SMALL_REQUEST_THRESHOLD) return NULL;  /* no arena could be mapped */
  }
  void *p = malloc(n ? n : 1);
  if (p != NULL && api != RT_API_RAW) rt_large_blocks++;
  return p;
}

static inline void family_free(RtApi api, void *p)
{
  if (p == NULL) return;
  if (api != RT_API_RAW) {
    if (RT_LIKELY(pymalloc_free(p))) return;
    rt_large_blocks--;
  }
  free(p);
}

void *rt_family_alloc(RtApi api, size_t n) { return family_alloc(api, n); }
void rt_family_free(RtApi api, void *p) { family_free(api, p); }

void *rt_family_realloc(RtApi api, void *p, size_t n)
{
  if (p == NULL) return family_alloc(api, n);
  if (api != RT_API_RAW) {
    size_t size = rt_pymalloc_block_size(p);
    if (size != 0) {
      /* A pool block: keep it when the new size fits and wastes at most a quarter. */
      if (n <= size) {
        if (4 * n > 3 * size) return p;
        size = n;
      }
      void *bp = rt_family_alloc(api, n);
      if (bp != NULL) {
        memcpy(bp, p, size);
        rt_pymalloc_free(p);
      }
      return bp;
    }
  }
  return realloc(p, n ? n : 1);  /* system blocks stay with the system allocator */
}

/* --- public entry points ------------------------------------------------------------------------*/
#if RT_DEBUG_LAYER
#  define ALLOC(api, n) rt_debug_alloc((api), (n), 0)
#  define FREE(api, p) rt_debug_free((api), (p))
#  define REALLOC(api, p, n) rt_debug_realloc((api), (p), (n))
#else
#  define ALLOC(api, n) family_alloc((api), (n))
#  define FREE(api, p) family_free((api), (p))
#  define REALLOC(api, p, n) rt_family_realloc((api), (p), (n))
#endif

static inline int too_big(size_t n) { return n > (size_t)PY_SSIZE_T_MAX; }

/* A refused allocation: NULL, and the caller's site is dropped so the next call is not blamed. */
static void *refused(void)
{
  (void)rt_site_take();
  return NULL;
}

static void *calloc_in(RtApi api, size_t nelem, size_t elsize)
{
  if (elsize != 0 && nelem > (size_t)PY_SSIZE_T_MAX / elsize) return refused();
  size_t n = nelem * elsize;
#if RT_DEBUG_LAYER
  return rt_debug_alloc(api, n, 1);
#else
  void *p = rt_family_alloc(api, n);
  if (p != NULL) memset(p, 0, n);
  return p;
#endif
}

void *(PyMem_RawMalloc)(size_t size)
{
  if (rt_fault_tick() || too_big(size)) return refused();
  return ALLOC(RT_API_RAW, size);
}

void *(PyMem_RawCalloc)(size_t nelem, size_t elsize)
{
  if (rt_fault_tick()) return refused();
  return calloc_in(RT_API_RAW, nelem, elsize);
}

void *(PyMem_RawRealloc)(void *ptr, size_t new_size)
{
  if (rt_fault_tick() || too_big(new_size)) return refused();
  return REALLOC(RT_API_RAW, ptr, new_size);
}

void (PyMem_RawFree)(void *ptr) { FREE(RT_API_RAW, ptr); }

void *(PyMem_Malloc)(size_t size)
{
  if (rt_fault_tick() || too_big(size)) return refused();
  return ALLOC(RT_API_MEM, size);
}

void *(PyMem_Calloc)(size_t nelem, size_t elsize)
{
  if (rt_fault_tick()) return refused();
  return calloc_in(RT_API_MEM, nelem, elsize);
}

void *(PyMem_Realloc)(void *ptr, size_t new_size)
{
  if (rt_fault_tick() || too_big(new_size)) return refused();
  return REALLOC(RT_API_MEM, ptr, new_size);
}

void (PyMem_Free)(void *ptr) { FREE(RT_API_MEM, ptr); }

void *(PyObject_Malloc)(size_t size)
{
  if (rt_fault_tick() || too_big(size)) return refused();
  return ALLOC(RT_API_OBJ, size);
}

void *(PyObject_Calloc)(size_t nelem, size_t elsize)
{
  if (rt_fault_tick()) return refused();
  return calloc_in(RT_API_OBJ, nelem, elsize);
}

void *(PyObject_Realloc)(void *ptr, size_t new_size)
{
  if (rt_fault_tick() || too_big(new_size)) return refused();
  return REALLOC(RT_API_OBJ, ptr, new_size);
}

void (PyObject_Free)(void *ptr) { FREE(RT_API_OBJ, ptr); }

int rt_debug_layer_enabled(void) { return RT_DEBUG_LAYER; }
