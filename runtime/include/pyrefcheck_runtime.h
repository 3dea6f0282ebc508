/* pyrefcheck_runtime.h — what the runtime offers beyond CPython's API: defect records, the version
 * profile, fault injection, allocator statistics and GC controls. The oracle reads these.
 *
 * Defect records are owned by the runtime; a pointer from rt_defect_get() stays valid until
 * rt_defects_clear() or the next Py_Initialize. Each defect is recorded once per (kind, object,
 * offending site). Nothing here is thread-safe: the runtime is single-threaded, as under the GIL.
 */
#ifndef PYREFCHECK_RUNTIME_H
#define PYREFCHECK_RUNTIME_H

#include <stdio.h>
#include "pyport.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- defect records ---------------------------------------------------------------------------*/
/* One refcount event of an object's ledger (oracle build). */
typedef struct RtRefEvent {
  const char *file;         /* the INCREF/DECREF site (__FILE__), NULL for Py_IncRef/Py_DecRef */
  int line;
  int delta;                /* +1 or -1 */
  Py_ssize_t refcnt;        /* the count after the event */
} RtRefEvent;

typedef enum RtDefectKind {
  RT_DEFECT_NEGATIVE_REFCNT = 1, /* a DECREF took the count below zero */
  RT_DEFECT_INCREF_NULL,         /* Py_INCREF(NULL) */
  RT_DEFECT_DECREF_NULL,         /* Py_DECREF(NULL) */
  RT_DEFECT_INCREF_FREED,        /* INCREF of a freed object (use after free) */
  RT_DEFECT_DECREF_FREED,        /* DECREF of a freed object (over-release) */
  RT_DEFECT_DOUBLE_FREE,         /* a block freed twice */
  RT_DEFECT_WRONG_FAMILY,        /* freed by another family than the one that allocated it */
  RT_DEFECT_INVALID_FREE,        /* freed a pointer the allocator never handed out */
  RT_DEFECT_OVERRUN,             /* bytes after the block were overwritten */
  RT_DEFECT_UNDERRUN,            /* bytes before the block were overwritten */
  RT_DEFECT_WRITE_AFTER_FREE,    /* a quarantined (freed) block was written to */
  RT_DEFECT_LEAK,                /* an object still alive when a check ended */
  RT_DEFECT_LEAK_UNTRAVERSED,    /* a leak kept alive only by a reference no tp_traverse reports */
  RT_DEFECT_MEMORY_LEAK,         /* a PyMem_* / raw block still allocated when a check ended */
  RT_DEFECT_SINGLETON_DEALLOC,   /* the count of None/True/False/a small int... reached zero */
  RT_DEFECT_SINGLETON_BALANCE,   /* a singleton's count differs from its start when a check ended */
  RT_DEFECT_GC_TRACK_TWICE,      /* PyObject_GC_Track of an object already tracked */
  RT_DEFECT_GC_FREE_TRACKED,     /* PyObject_GC_Del of an object still tracked */
  RT_DEFECT_GC_NO_TRAVERSE,      /* a Py_TPFLAGS_HAVE_GC type without tp_traverse */
  RT_DEFECT_GC_NOT_GC_OBJECT,    /* GC call on an object without a GC header, or the reverse */
  RT_DEFECT_GC_UNINIT_MEMBER     /* tracked before its members were written (oracle: 0xCD seen) */
} RtDefectKind;

#define RT_DEFECT_HISTORY 16

typedef struct RtDefect {
  RtDefectKind kind;
  const char *type_name;    /* the object's type ("" for raw memory); static storage */
  const char *alloc_file;   /* allocation site, NULL when unknown (release build, static object) */
  int alloc_line;
  const char *site_file;    /* the offending site (the bad DECREF, the free, ...), NULL if unknown */
  int site_line;
  const void *object;       /* the object or block address, for correlation only */
  Py_ssize_t refcnt;        /* the count when the defect was seen */
  char message[1024];       /* one sentence for a person (long enough for absolute paths) */
  const char *consequence;  /* what CPython of the selected profile does with this defect */
  RtRefEvent history[RT_DEFECT_HISTORY]; /* the object's last ledger events, oldest first */
  size_t history_len;       /* entries in history */
  size_t history_total;     /* events the ledger held (history keeps the last ones) */
} RtDefect;

PyAPI_FUNC(size_t) rt_defect_count(void);
PyAPI_FUNC(const RtDefect *) rt_defect_get(size_t i);       /* NULL when i is out of range */
PyAPI_FUNC(size_t) rt_defect_count_kind(RtDefectKind kind);
PyAPI_FUNC(const RtDefect *) rt_defect_find(RtDefectKind kind); /* first of that kind, or NULL */
PyAPI_FUNC(void) rt_defects_clear(void);
PyAPI_FUNC(const char *) rt_defect_kind_name(RtDefectKind kind); /* "decref-freed", ... */
/* Writes all records as one JSON object {"profile":"3.11","defects":[...]}. Returns 0, or -1 when
 * writing fails. */
PyAPI_FUNC(int) rt_defects_write_json(FILE *out);

/* --- version profile ----------------------------------------------------------------------------*/
/* Selects what CPython 3.<minor> (8..14) does: pool and arena sizes (3.8/3.9: 4 KiB / 256 KiB),
 * arena release, GC thresholds, immortal singletons (3.12+), the consequence texts. Pool geometry
 * can change only while no arena is allocated. Returns 0, or -1 (nothing changed). */
PyAPI_FUNC(int) rt_profile_set(int minor);
PyAPI_FUNC(int) rt_profile_minor(void);

/* --- leak checks --------------------------------------------------------------------------------*/
/* A check covers the objects allocated after rt_check_begin(); rt_check_end() collects garbage and
 * reports each of them still alive (leaks) plus singleton count imbalances. Returns the number of
 * defects it recorded. Py_FinalizeEx runs one over the whole run. Oracle build only reports. */
PyAPI_FUNC(void) rt_check_begin(void);
PyAPI_FUNC(size_t) rt_check_end(void);
/* Visits every singleton whose balance rt_check_end compares (None, the bools, NotImplemented,
 * Ellipsis, the small ints, ...). The oracle uses it to give back what an object made before the
 * window and dropped inside it released of references it held to them. */
PyAPI_FUNC(void) rt_singletons_each(void (*fn)(PyObject *op, void *ctx), void *ctx);

/* --- fault injection (_testcapi.set_nomemory semantics) -----------------------------------------*/
/* Allocation k (counted from this call, over all families) fails iff start < k <= stop, or
 * start < k when stop <= 0. Frees never fail. */
PyAPI_FUNC(void) rt_set_nomemory(long start, long stop);
PyAPI_FUNC(void) rt_remove_mem_hooks(void);
PyAPI_FUNC(void) rt_alloc_count_reset(void);   /* count only: no failures, count from 0 */
PyAPI_FUNC(long) rt_alloc_count(void);         /* allocations since the last set/reset */
/* Allocations refused since the last rt_set_nomemory; file and line (either may be NULL) receive the
 * site of the first refused one: the snippet's line for a call through the oracle macros
 * (PyObject_New, PyMem_Malloc, ...), file NULL for an allocation made inside the runtime or in the
 * release library. */
PyAPI_FUNC(long) rt_fault_refused(const char **file, int *line);

/* Called by PyErr_NoMemory (before it raises MemoryError), for the oracle's bookkeeping. */
typedef void (*RtErrorHook)(const char *exc_name, void *ctx);
PyAPI_FUNC(void) rt_set_error_hook(RtErrorHook hook, void *ctx);
PyAPI_FUNC(long) rt_nomemory_count(void);      /* PyErr_NoMemory calls since Py_Initialize */

/* --- warnings and unraisable exceptions (runtime/errors.c) ---------------------------------------
 * PyErr_WarnEx records instead of printing; with rt_warnings_set_error(1) a warning raises its
 * category instead (as under -W error), so the caller's failure path runs. The records hold the
 * first 256 warnings. PyErr_WriteUnraisable clears the exception and counts it. */
typedef struct RtWarning {
  const char *category;     /* the category's tp_name (static storage) */
  char message[256];
} RtWarning;
PyAPI_FUNC(size_t) rt_warning_count(void);
PyAPI_FUNC(const RtWarning *) rt_warning_get(size_t i);   /* NULL when i is out of range */
PyAPI_FUNC(void) rt_warnings_clear(void);
PyAPI_FUNC(void) rt_warnings_set_error(int on);
PyAPI_FUNC(long) rt_unraisable_count(void);

/* --- loading extension modules (runtime/import.c) --------------------------------------------------
 * Runs an extension's PyInit_<name> as the import system would: a single-phase init returns the
 * module; a multi-phase one returns its PyModuleDef, from which the module is created (with a spec
 * whose name is name) and its Py_mod_exec slots run. The module is registered in the module
 * registry (PyImport_ImportModule finds it). Returns a new reference, or NULL with an exception. */
PyAPI_FUNC(struct _object *) rt_module_from_init(struct _object *(*init)(void), const char *name);

/* --- allocator statistics (sys._debugmallocstats) -----------------------------------------------*/
#define RT_NB_SIZE_CLASSES 32
typedef struct RtSizeClassStats {
  size_t block_size;       /* 16, 32, ... 512 */
  size_t pools;            /* pools of this class in use (used or full) */
  size_t blocks_in_use;
  size_t free_blocks;      /* available in those pools (including not yet carved) */
} RtSizeClassStats;

typedef struct RtMallocStats {
  RtSizeClassStats classes[RT_NB_SIZE_CLASSES];
  size_t pool_size, arena_size;
  size_t arenas_allocated_total;   /* since the process started */
  size_t arenas_freed_total;
  size_t arenas_current, arenas_max;
  size_t pools_empty;              /* empty pools kept in arenas */
  size_t large_blocks;             /* live requests served by the system allocator */
} RtMallocStats;

PyAPI_FUNC(void) rt_malloc_stats(RtMallocStats *out);
PyAPI_FUNC(void) rt_debugmallocstats(FILE *out);

/* Where a block handed out by PyObject_Malloc lives (for tests and diagnostics). */
typedef enum RtPoolList { RT_POOL_NONE, RT_POOL_USED, RT_POOL_FULL, RT_POOL_EMPTY } RtPoolList;
typedef struct RtBlockInfo {
  int in_pool;             /* 0: served by the system allocator */
  unsigned size_class;     /* index 0..31 */
  size_t block_size;
  const void *pool;        /* the pool's address */
  const void *arena;       /* the arena's address */
  unsigned pool_count;     /* blocks in use in the pool */
  RtPoolList list;         /* where the pool is now */
  unsigned arena_free_pools;
} RtBlockInfo;
PyAPI_FUNC(int) rt_block_info(const void *p, RtBlockInfo *out);  /* 0, or -1 if p is not ours */
/* Addresses of the usable arenas in list order (fewest free pools first); returns how many. */
PyAPI_FUNC(size_t) rt_usable_arenas(const void **out, size_t max);

/* --- GC controls --------------------------------------------------------------------------------*/
PyAPI_FUNC(void) rt_gc_set_stress(int on);          /* collect at every GC allocation */
PyAPI_FUNC(void) rt_gc_set_threshold(int t0, int t1, int t2);
PyAPI_FUNC(void) rt_gc_get_threshold(int out[3]);
PyAPI_FUNC(void) rt_gc_get_count(int out[3]);
PyAPI_FUNC(Py_ssize_t) rt_gc_collect_generation(int generation);  /* unreachable found */
PyAPI_FUNC(int) rt_gc_generation_of(const void *op); /* 0..2, or -1 when untracked */
PyAPI_FUNC(size_t) rt_gc_collections(int generation);
/* counts[i] = the references to targets[i] that the tp_traverse of the tracked objects report:
 * taken around a call, the change says which references a container took or dropped (an item
 * appended to an argument list) rather than leaked or over-released. */
PyAPI_FUNC(void) rt_gc_count_holders(PyObject *const *targets, size_t n, Py_ssize_t *counts);

/* --- the ledger (oracle build) -------------------------------------------------------------------*/
/* Copies up to max of op's refcount events, oldest first, into out and returns how many op has:
 * 0 in the release library, for static objects, and once op's block has left the quarantine. */
PyAPI_FUNC(size_t) rt_object_history(const void *op, RtRefEvent *out, size_t max);
/* Allocation site of op (file NULL when unknown); returns 0, or -1 when op has no ledger. */
PyAPI_FUNC(int) rt_object_alloc_site(const void *op, const char **file, int *line);

/* --- the debug layer ----------------------------------------------------------------------------*/
PyAPI_FUNC(int) rt_debug_layer_enabled(void);       /* 1 in rc_runtime_oracle */
PyAPI_FUNC(void) rt_quarantine_flush(void);         /* really free every quarantined block */
PyAPI_FUNC(size_t) rt_quarantine_blocks(void);
/* Bytes of freed blocks the quarantine holds before the oldest is really freed (default 1 MiB;
 * PYREFCHECK_QUARANTINE=<bytes> at Py_Initialize). A use after free is recognised while the block
 * is held; a larger budget widens that window and costs cache misses. */
PyAPI_FUNC(void) rt_quarantine_set_budget(size_t bytes);

#ifdef __cplusplus
}
#endif
#endif /* PYREFCHECK_RUNTIME_H */
