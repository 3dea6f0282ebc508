/* rt_internal.h — internals shared by the runtime's files (not installed, not for extensions).
 *
 * The runtime is layered: obmalloc.c holds the pools and arenas and, above them, the PyMem_Raw,
 * PyMem and PyObject families (fault injection, then the debug layer or the pools directly);
 * site.c the call sites the oracle macros leave; debugmem.c is the debug layer (pads, poison, quarantine, ledger) compiled in only when
 * RT_DEBUG_LAYER is 1 (rc_runtime_oracle); object.c holds the counts and the singletons; gc.c the
 * cycle collector; defects.c the records; leakcheck.c the end-of-check report; profile.c the
 * version profile; lifecycle.c embedding; errhook.c the stand-in for the error indicator.
 *
 * Invariants every file relies on:
 *  - single-threaded: no locks anywhere (the runtime stands for a GIL-holding interpreter);
 *  - internal allocations (ledger, arena table, defect records) never go through the families, so
 *    they are neither counted nor failed by fault injection and never appear as leaks;
 *  - the runtime never calls the site-capturing macros on its own behalf with a stale site: it
 *    calls the parenthesised function names, e.g. (PyObject_Malloc)(n).
 */
#ifndef RT_INTERNAL_H
#define RT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "Python.h"

#if defined(PYREFCHECK_ORACLE)
#  define RT_DEBUG_LAYER 1
#else
#  define RT_DEBUG_LAYER 0
#endif

#if defined(__GNUC__)
#  define RT_LIKELY(x) __builtin_expect(!!(x), 1)
#  define RT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#  define RT_LIKELY(x) (x)
#  define RT_UNLIKELY(x) (x)
#endif

/* The GC header in front of a GC object's PyObject head, as CPython 3.8+'s (Include/internal/
 * pycore_gc.h): _gc_next is the next object of the generation list (0 when untracked; bit 0 marks
 * "tentatively unreachable" during a collection); _gc_prev is the previous object, with two flag
 * bits (FINALIZED, COLLECTING) below it; during a collection it holds gc_refs << 2 instead. */
typedef struct {
  uintptr_t _gc_next;
  uintptr_t _gc_prev;
} PyGC_Head;

/* --- obmalloc.c: pools and arenas -------------------------------------------------------------*/
#define RT_ALIGNMENT 16
#define RT_SMALL_REQUEST_THRESHOLD 512

/* A block of nbytes (1..512) from the pools, or NULL when nbytes is 0 or above 512 or no arena can
 * be mapped. Never counts for fault injection. */
void *rt_pymalloc_alloc(size_t nbytes);
/* Returns 1 after freeing p if p is a pool block, 0 (nothing done) otherwise. */
int rt_pymalloc_free(void *p);
/* The radix map from arena number (address >> rt_arena_bits) to arena index + 1, two levels. */
#define RT_MAP_LEAF_BITS 14
#define RT_MAP_TOP_SIZE (1u << 16)
extern uint32_t *rt_arena_map[RT_MAP_TOP_SIZE];
extern unsigned rt_arena_bits;

/* Whether p lies inside a mapped arena (then reading near p within the arena is safe). Inline: the
 * free path and every debug-layer lookup ask it. */
static inline int rt_pymalloc_in_arena(const void *p)
{
  uintptr_t key = (uintptr_t)p >> rt_arena_bits;
  uintptr_t top = key >> RT_MAP_LEAF_BITS;
  if (RT_UNLIKELY(top >= RT_MAP_TOP_SIZE)) return 0;
  const uint32_t *leaf = rt_arena_map[top];
  return leaf != NULL && leaf[key & (((uintptr_t)1 << RT_MAP_LEAF_BITS) - 1)] != 0;
}
/* Size class block size of p if p lies in a pool of a live arena, else 0. */
size_t rt_pymalloc_block_size(const void *p);
/* Sets pool and arena sizes (powers of two); -1 while any arena is mapped. */
int rt_obmalloc_configure(size_t pool_size, size_t arena_size, int keep_last_empty_arena);

/* --- obmalloc.c: the families without fault injection or sites --------------------------------*/
typedef enum RtApi { RT_API_RAW = 'r', RT_API_MEM = 'm', RT_API_OBJ = 'o' } RtApi;
void *rt_family_alloc(RtApi api, size_t n);             /* pools (or system) for MEM/OBJ */
void rt_family_free(RtApi api, void *p);
void *rt_family_realloc(RtApi api, void *p, size_t n);
extern size_t rt_large_blocks;                          /* live system blocks of MEM/OBJ */

/* --- faultinj.c ---------------------------------------------------------------------------------*/
typedef struct RtFaultState {
  long count;      /* allocations since the last set/reset */
  long start, stop;
  int active;      /* injection on */
  long refused;    /* allocations refused since the last set (injection only) */
  const char *first_file; /* site of the first refused one (NULL: no site, e.g. inside the runtime) */
  int first_line;
} RtFaultState;
extern RtFaultState rt_fault;

/* Counts one allocation; returns 1 when this one must fail. Inline: it is on every fast path. */
static inline int rt_fault_tick(void)
{
  long k = ++rt_fault.count;
  if (RT_LIKELY(!rt_fault.active)) return 0;
  if (k <= rt_fault.start || (rt_fault.stop > 0 && k > rt_fault.stop)) return 0;
  if (rt_fault.refused++ == 0) {   /* the caller's site is still pending: rt_site_take not yet */
    rt_fault.first_file = _rt_site_file;
    rt_fault.first_line = _rt_site_line;
  }
  return 1;
}

/* --- sites: where the current call came from --------------------------------------------------*/
typedef struct RtSite {
  const char *file;     /* NULL when unknown */
  int line;
} RtSite;
/* Takes (and clears) the site left by the last site-capturing macro. */
RtSite rt_site_take(void);
/* The site of the DECREF whose count reached zero, while its tp_dealloc runs; file NULL otherwise. */
extern RtSite rt_release_site;

/* --- debugmem.c: the debug layer (RT_DEBUG_LAYER only) ------------------------------------------*/
enum { RT_STATE_LIVE = 1, RT_STATE_QUARANTINED = 2 };
enum { RT_FLAG_OBJECT = 1, RT_FLAG_GC = 2 };

/* The header in front of every debug block. data follows it; RT_PAD bytes of 0xFD follow data. */
typedef struct RtBlock {
  struct RtBlock *next, *prev;  /* live list, or quarantine FIFO */
  const char *alloc_file;       /* allocation site; NULL when unknown */
  const char *free_file;        /* where it was freed (the releasing DECREF when there was one) */
  const char *type_name;        /* an object's type, remembered when it is freed */
  uint64_t serial;              /* allocation number, for check windows */
  size_t size;                  /* requested bytes */
  int32_t alloc_line, free_line;
  uint32_t first_event, last_event; /* ledger entries (indices into the event log; 0 = none) */
  uint32_t magic;
  uint8_t api;                  /* RtApi of the allocating family */
  uint8_t state;                /* RT_STATE_* */
  uint8_t flags;                /* RT_FLAG_* */
  uint8_t reserved;
  uint8_t front_pad[16];        /* 0xFD */
} RtBlock;

void *rt_debug_alloc(RtApi api, size_t n, int zero);
/* Checks the poison of every quarantined block (write-after-free reports); frees nothing. */
void rt_quarantine_check(void);
void rt_debug_free(RtApi api, void *p);
void *rt_debug_realloc(RtApi api, void *p, size_t n);
/* The block whose data starts at op, or 16 bytes before op for a GC object; NULL if op is not a
 * debug block's object (a static object, say). Never dereferences memory it does not own. */
RtBlock *rt_debug_find_object(const void *op);
/* Marks the block whose data starts at p as an object (flags RT_FLAG_*); no-op if p is not one. */
void rt_debug_mark_object(void *p, int flags);
/* Records a refcount event (delta +1/-1) with its site in b's ledger. */
void rt_ledger_event(RtBlock *b, const char *file, int line, int delta, Py_ssize_t refcnt_after);
/* Copies the last max ledger events of b (oldest first) into out; returns how many it copied and
 * sets *total to how many b has. */
size_t rt_ledger_tail(const RtBlock *b, RtRefEvent *out, size_t max, size_t *total);
/* The last ledger event's site of b, or file NULL. */
RtSite rt_ledger_last_site(const RtBlock *b, int delta);
/* First live block (allocation order is not kept; iterate with ->next until NULL). */
RtBlock *rt_debug_live_head(void);
uint64_t rt_debug_serial(void);
void *rt_block_data(RtBlock *b);

/* --- defects.c ----------------------------------------------------------------------------------*/
/* Records a defect unless the same one exists (see defects.c for the key). Returns the record, or
 * NULL when it was a duplicate or the record cap was reached (then it counts in the JSON's
 * "dropped"). */
RtDefect *rt_defect_report(RtDefectKind kind, const void *object, const char *type_name,
                           const char *alloc_file, int alloc_line, const char *site_file,
                           int site_line, Py_ssize_t refcnt, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;
/* Same, filling type and allocation site from the object's ledger when it has one. */
RtDefect *rt_defect_object(RtDefectKind kind, PyObject *op, RtBlock *b, RtSite site,
                           const char *msg);

/* --- profile.c ----------------------------------------------------------------------------------*/
typedef struct RtProfile {
  int minor;                /* 8..14 */
  size_t pool_size, arena_size;
  int keep_last_empty_arena; /* bpo-37257, 3.9+ */
  int gc_threshold[3];
  int immortal_singletons;  /* PEP 683, 3.12+ */
} RtProfile;
extern RtProfile rt_profile;
const char *rt_profile_consequence(RtDefectKind kind, const void *object);
int rt_profile_from_env(void);

/* --- object.c -----------------------------------------------------------------------------------*/
int rt_is_singleton(const void *op);   /* None, True, False, NotImplemented, Ellipsis, small ints */
/* Calls fn for each singleton with its start count. */
void rt_singletons_each(void (*fn)(PyObject *op, void *ctx), void *ctx);

/* --- gc.c ---------------------------------------------------------------------------------------*/
void rt_gc_init(void);
/* Memory for a GC object of size bytes (the PyGC_Head is added in front), untracked and linked
 * into the allocation count; NULL on failure (no exception set). */
PyObject *rt_gc_alloc_object(size_t size);
Py_ssize_t rt_gc_collect_nofail(void);
/* Calls visit(holder, target, ctx) for every reference each tracked object's tp_traverse reports. */
void rt_gc_each_reference(void (*visit)(PyObject *holder, PyObject *target, void *ctx), void *ctx);
/* Calls fn for every tracked object. */
void rt_gc_each_tracked(void (*fn)(PyObject *op, void *ctx), void *ctx);

/* --- errhook.c ----------------------------------------------------------------------------------*/
void rt_errhook_reset(void);

#endif /* RT_INTERNAL_H */
