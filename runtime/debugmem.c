/* debugmem.c — the debug layer: CPython's debug-hook block layout, a quarantine and the ledger.
 *
 * Compiled into rc_runtime_oracle only (RT_DEBUG_LAYER). Every block of every family is laid out as
 *
 *     [RtBlock header | 16 x 0xFD] [data: n bytes, 0xCD when fresh] [16 x 0xFD]
 *
 * The header names the allocating family (CPython's API id: 'r', 'm', 'o'), the allocation site and
 * serial, and links the block into the list of live blocks. Freeing checks the family, the leading
 * and trailing pads (underrun / overrun) and the state (double free), fills the data with 0xDD and
 * moves the block to a FIFO quarantine instead of the allocator: a use after free then reads 0xDD
 * from mapped memory rather than a reused block, and INCREF/DECREF of it are recognised. When the
 * quarantine exceeds its budget the oldest block is checked (a changed 0xDD byte is a write after
 * free) and really freed; rt_quarantine_check verifies all held blocks without freeing them.
 *
 * The ledger: each block's refcount events (site, +1/-1, count after) are kept in one event log
 * owned by this file, chained per block; the log is capped (RT_EVENT_CAP) and then only counts.
 *
 * Finding a block from an object pointer never reads memory the runtime does not own: a would-be
 * header is read only when it lies in a mapped arena (pools are mapped whole) and is recognised by
 * its magic, which release_block clears before the pool gets the block back; system blocks are
 * found through a hash set of their headers. The quarantine budget is 1 MiB unless set.
 */
#include "rt_internal.h"

#if RT_DEBUG_LAYER

#  include <stdlib.h>
#  include <string.h>

#  define RT_MAGIC 0x52744462u /* "RtDb" */
#  define RT_PAD 16
#  define FORBIDDENBYTE 0xFD
#  define CLEANBYTE 0xCD
#  define DEADBYTE 0xDD
#  define HDR sizeof(RtBlock)
#  define QUARANTINE_DEFAULT ((size_t)1 << 20)   /* bytes of freed blocks held back */
#  define RT_EVENT_CAP (1u << 22)

_Static_assert(sizeof(RtBlock) % RT_ALIGNMENT == 0, "data must stay 16-byte aligned");

static RtBlock *live_head;
static RtBlock *q_head, *q_tail;   /* quarantine: oldest first */
static size_t q_bytes, q_blocks;
static size_t q_budget = QUARANTINE_DEFAULT;
static uint64_t serial;

/* --- the set of system-allocator headers ---------------------------------------------------------*/
static uintptr_t *set_slots;   /* 0 empty, 1 tombstone, else a header address */
static size_t set_cap, set_used, set_live;   /* slots not empty; of those, live entries */

static size_t set_hash(uintptr_t k) { return (size_t)((k >> 4) * 0x9E3779B97F4A7C15ull); }

/* Rehashes without tombstones, doubling only when live entries fill a quarter. */
static int set_grow(void)
{
  size_t ncap = set_cap == 0 ? 1024 : set_live * 4 > set_cap ? set_cap * 2 : set_cap;
  uintptr_t *ns = calloc(ncap, sizeof(uintptr_t));
  if (ns == NULL) return -1;
  for (size_t i = 0; i < set_cap; i++) {
    uintptr_t k = set_slots[i];
    if (k <= 1) continue;
    size_t j = set_hash(k) & (ncap - 1);
    while (ns[j] != 0) j = (j + 1) & (ncap - 1);
    ns[j] = k;
  }
  free(set_slots);
  set_slots = ns;
  set_cap = ncap;
  set_used = 0;
  for (size_t i = 0; i < ncap; i++) set_used += ns[i] != 0;
  return 0;
}

static int set_add(uintptr_t k)
{
  if ((set_used + 1) * 2 > set_cap && set_grow() < 0) return -1;
  size_t j = set_hash(k) & (set_cap - 1);
  while (set_slots[j] > 1) j = (j + 1) & (set_cap - 1);
  if (set_slots[j] == 0) set_used++;
  set_slots[j] = k;
  set_live++;
  return 0;
}

static size_t set_find(uintptr_t k)
{
  if (set_cap == 0) return (size_t)-1;
  size_t j = set_hash(k) & (set_cap - 1);
  while (set_slots[j] != 0) {
    if (set_slots[j] == k) return j;
    j = (j + 1) & (set_cap - 1);
  }
  return (size_t)-1;
}

static void set_remove(uintptr_t k)
{
  size_t j = set_find(k);
  if (j != (size_t)-1) {
    set_slots[j] = 1;
    set_live--;
  }
}

/* --- locating blocks ----------------------------------------------------------------------------*/
/* The header whose data starts exactly at p, or NULL. Reads only memory the runtime owns: the
 * would-be header lies in a mapped arena (pools are mapped whole) or is a registered system block.
 * A pool block is recognised by its magic, which release_block clears before the pool gets it. */
static RtBlock *header_of(const void *p)
{
  uintptr_t h = (uintptr_t)p - HDR;
  if (!rt_pymalloc_in_arena((const void *)h) && set_find(h) == (size_t)-1) return NULL;
  RtBlock *b = (RtBlock *)h;
  return b->magic == RT_MAGIC ? b : NULL;
}

/* Offset of the first byte of p[0..n) that is not byte, or n. Word at a time. */
static size_t first_not(const uint8_t *p, size_t n, uint8_t byte)
{
  const uint64_t pattern = 0x0101010101010101ull * byte;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    if (w != pattern) break;
  }
  for (; i < n; i++)
    if (p[i] != byte) return i;
  return n;
}

void *rt_block_data(RtBlock *b) { return (uint8_t *)b + HDR; }

RtBlock *rt_debug_find_object(const void *op)
{
  const uint8_t *p = op;
  const uint8_t *gc_header = p - sizeof(PyGC_Head) - HDR;
  int same_arena = (((uintptr_t)p ^ (uintptr_t)gc_header) >> rt_arena_bits) == 0;
  if (rt_pymalloc_in_arena(gc_header) && (same_arena || rt_pymalloc_in_arena(p))) {
    /* Both ends are in arenas, so the 112 bytes between are mapped: read both candidates. */
    RtBlock *b = (RtBlock *)(uintptr_t)(p - HDR);
    if (b->magic == RT_MAGIC) return b;
    b = (RtBlock *)(uintptr_t)gc_header;
    return b->magic == RT_MAGIC && (b->flags & RT_FLAG_GC) ? b : NULL;
  }
  RtBlock *b = header_of(op);
  if (b != NULL) return b;
  b = header_of(p - sizeof(PyGC_Head));
  return b != NULL && (b->flags & RT_FLAG_GC) ? b : NULL;
}

RtBlock *rt_debug_live_head(void) { return live_head; }
uint64_t rt_debug_serial(void) { return serial; }

void rt_debug_mark_object(void *p, int flags)
{
  RtBlock *b = header_of(p);
  if (b != NULL) b->flags = (uint8_t)(b->flags | flags);
}

/* --- the ledger ---------------------------------------------------------------------------------*/
typedef struct RtEvent {
  const char *file;
  int32_t line;
  int32_t delta;
  Py_ssize_t refcnt;
  uint32_t next;        /* next event of the same block; 0 = none */
} RtEvent;

static RtEvent *events;      /* events[0] unused */
static uint32_t n_events, cap_events;
static size_t dropped_events;

void rt_ledger_event(RtBlock *b, const char *file, int line, int delta, Py_ssize_t refcnt_after)
{
  if (n_events + 1 >= cap_events) {
    uint32_t ncap = cap_events ? cap_events * 2 : 4096;
    RtEvent *ne = ncap <= RT_EVENT_CAP ? realloc(events, ncap * sizeof(RtEvent)) : NULL;
    if (ne == NULL) {
      dropped_events++;
      return;
    }
    events = ne;
    cap_events = ncap;
    if (n_events == 0) n_events = 1;
  }
  uint32_t i = n_events++;
  events[i] = (RtEvent){file, line, delta, refcnt_after, 0};
  if (b->last_event) events[b->last_event].next = i;
  else b->first_event = i;
  b->last_event = i;
}

RtSite rt_ledger_last_site(const RtBlock *b, int delta)
{
  RtSite s = {NULL, 0};
  for (uint32_t i = b->first_event; i != 0; i = events[i].next)
    if (delta == 0 || events[i].delta == delta) s = (RtSite){events[i].file, events[i].line};
  return s;
}

size_t rt_ledger_tail(const RtBlock *b, RtRefEvent *out, size_t max, size_t *total)
{
  size_t n = 0, k = 0;
  for (uint32_t i = b->first_event; i != 0; i = events[i].next) n++;
  *total = n;
  size_t skip = n > max ? n - max : 0;
  for (uint32_t i = b->first_event; i != 0; i = events[i].next, skip ? skip-- : 0)
    if (skip == 0) out[k++] = (RtRefEvent){events[i].file, events[i].line, events[i].delta, events[i].refcnt};
  return k;
}

size_t rt_object_history(const void *op, RtRefEvent *out, size_t max)
{
  RtBlock *b = rt_debug_find_object(op);
  if (b == NULL) return 0;
  size_t n = 0;
  for (uint32_t i = b->first_event; i != 0; i = events[i].next, n++)
    if (n < max) out[n] = (RtRefEvent){events[i].file, events[i].line, events[i].delta, events[i].refcnt};
  return n;
}

int rt_object_alloc_site(const void *op, const char **file, int *line)
{
  RtBlock *b = rt_debug_find_object(op);
  if (b == NULL) return -1;
  *file = b->alloc_file;
  *line = b->alloc_line;
  return 0;
}

/* --- allocation ---------------------------------------------------------------------------------*/
static void live_link(RtBlock *b)
{
  b->prev = NULL;
  b->next = live_head;
  if (live_head) live_head->prev = b;
  live_head = b;
}

static void live_unlink(RtBlock *b)
{
  if (b->prev) b->prev->next = b->next;
  else live_head = b->next;
  if (b->next) b->next->prev = b->prev;
  b->next = b->prev = NULL;
}

void *rt_debug_alloc(RtApi api, size_t n, int zero)
{
  RtSite site = rt_site_take();
  if (n > (size_t)PY_SSIZE_T_MAX - HDR - RT_PAD) return NULL;
  size_t total = HDR + n + RT_PAD;
  uint8_t *raw = rt_family_alloc(api, total);
  if (raw == NULL) return NULL;
  int system = api == RT_API_RAW || total > RT_SMALL_REQUEST_THRESHOLD;
  if (system && set_add((uintptr_t)raw) < 0) {
    rt_family_free(api, raw);
    return NULL;
  }
  RtBlock *b = (RtBlock *)raw;
  memset(b, 0, HDR);
  b->magic = RT_MAGIC;
  b->api = (uint8_t)api;
  b->state = RT_STATE_LIVE;
  b->size = n;
  b->serial = ++serial;
  b->alloc_file = site.file;
  b->alloc_line = site.line;
  memset(b->front_pad, FORBIDDENBYTE, RT_PAD);
  memset(raw + HDR, zero ? 0 : CLEANBYTE, n);
  memset(raw + HDR + n, FORBIDDENBYTE, RT_PAD);
  live_link(b);
  return raw + HDR;
}

/* Whether p[0..n) is all DEADBYTE: memcmp against a poisoned chunk (vectorised by libc). */
static int all_dead(const uint8_t *p, size_t n)
{
  static uint8_t dead[1024];
  if (dead[0] != DEADBYTE) memset(dead, DEADBYTE, sizeof(dead));
  for (size_t off = 0; off < n; off += sizeof(dead)) {
    size_t len = n - off < sizeof(dead) ? n - off : sizeof(dead);
    if (memcmp(p + off, dead, len) != 0) return 0;
  }
  return 1;
}

/* Reports a write into quarantined block b (once: the record is deduplicated). */
static void check_poison(RtBlock *b)
{
  uint8_t *data = (uint8_t *)b + HDR;
  size_t i = all_dead(data, b->size) ? b->size : first_not(data, b->size, DEADBYTE);
  if (i < b->size)
    rt_defect_report(RT_DEFECT_WRITE_AFTER_FREE, data, b->type_name ? b->type_name : "",
                     b->alloc_file, b->alloc_line, b->free_file, b->free_line, 0,
                     "a freed block of %zu bytes was written at offset %zu after it was freed",
                     b->size, i);
}

void rt_quarantine_check(void)
{
  for (RtBlock *b = q_head; b != NULL; b = b->next) check_poison(b);
}

/* Really gives the block back to its family (it leaves the ledger). */
static void release_block(RtBlock *b)
{
  check_poison(b);
  b->magic = 0;
  b->state = 0;
  if (b->api == RT_API_RAW || HDR + b->size + RT_PAD > RT_SMALL_REQUEST_THRESHOLD)
    set_remove((uintptr_t)b);
  rt_family_free((RtApi)b->api, b);
}

static void quarantine_push(RtBlock *b)
{
  b->next = NULL;
  b->prev = q_tail;
  if (q_tail) q_tail->next = b;
  else q_head = b;
  q_tail = b;
  q_bytes += HDR + b->size + RT_PAD;
  q_blocks++;
  while (q_bytes > q_budget && q_head != NULL) {
    RtBlock *old = q_head;
    q_head = old->next;
    if (q_head) q_head->prev = NULL;
    else q_tail = NULL;
    q_bytes -= HDR + old->size + RT_PAD;
    q_blocks--;
    release_block(old);
  }
}

void rt_quarantine_flush(void)
{
  while (q_head != NULL) {
    RtBlock *old = q_head;
    q_head = old->next;
    release_block(old);
  }
  q_tail = NULL;
  q_bytes = 0;
  q_blocks = 0;
}

size_t rt_quarantine_blocks(void) { return q_blocks; }

void rt_quarantine_set_budget(size_t bytes)
{
  q_budget = bytes;
  while (q_bytes > q_budget && q_head != NULL) {
    RtBlock *old = q_head;
    q_head = old->next;
    if (q_head == NULL) q_tail = NULL;
    q_bytes -= HDR + old->size + RT_PAD;
    q_blocks--;
    release_block(old);
  }
}

static const char *api_name(int api)
{
  return api == RT_API_RAW ? "PyMem_Raw" : api == RT_API_MEM ? "PyMem" : "PyObject";
}

/* The object in block b (for type names): data, or data + GC head for GC objects. */
static PyObject *object_of(RtBlock *b)
{
  uint8_t *data = (uint8_t *)b + HDR;
  return (PyObject *)(b->flags & RT_FLAG_GC ? data + sizeof(PyGC_Head) : data);
}

void rt_debug_free(RtApi api, void *p)
{
  RtSite site = rt_site_take();
  if (rt_release_site.file != NULL) site = rt_release_site;
  if (p == NULL) return;
  RtBlock *b = header_of(p);
  if (b == NULL) {
    RtBlock *g = header_of((const uint8_t *)p - sizeof(PyGC_Head));
    if (g != NULL && (g->flags & RT_FLAG_GC)) {
      /* A GC object freed as a plain block: in CPython, pymalloc gets an interior pointer. */
      rt_defect_report(RT_DEFECT_GC_NOT_GC_OBJECT, p, g->type_name ? g->type_name : "",
                       g->alloc_file, g->alloc_line, site.file, site.line, 0,
                       "%s_Free of a GC object (it has a GC header): release it with "
                       "PyObject_GC_Del", api_name(api));
      return;
    }
    rt_defect_report(RT_DEFECT_INVALID_FREE, p, "", NULL, 0, site.file, site.line, 0,
                     "%s_Free of %p, which no allocation family handed out", api_name(api), p);
    return;
  }
  const char *tname = b->type_name ? b->type_name : "";
  if (b->state != RT_STATE_LIVE) {
    rt_defect_report(RT_DEFECT_DOUBLE_FREE, p, tname, b->alloc_file, b->alloc_line, site.file,
                     site.line, 0, "block of %zu bytes freed twice; first freed at %s:%d",
                     b->size, b->free_file ? b->free_file : "?", b->free_line);
    return;
  }
  if (b->flags & RT_FLAG_OBJECT) {
    PyObject *op = object_of(b);
    tname = op->ob_type != NULL && op->ob_type->tp_name ? op->ob_type->tp_name : "";
    b->type_name = tname;
  }
  if (b->api != api)
    rt_defect_report(RT_DEFECT_WRONG_FAMILY, p, tname, b->alloc_file, b->alloc_line, site.file,
                     site.line, 0, "block allocated with %s_Malloc freed with %s_Free",
                     api_name(b->api), api_name(api));
  size_t lead = first_not(b->front_pad, RT_PAD, FORBIDDENBYTE);
  if (lead < RT_PAD)
    rt_defect_report(RT_DEFECT_UNDERRUN, p, tname, b->alloc_file, b->alloc_line, site.file,
                     site.line, 0, "%zu bytes before the block were overwritten (bad leading pad byte)",
                     RT_PAD - lead);
  uint8_t *tail = (uint8_t *)p + b->size;
  if (first_not(tail, RT_PAD, FORBIDDENBYTE) < RT_PAD) {
    size_t i = RT_PAD;
    while (i > 0 && tail[i - 1] == FORBIDDENBYTE) i--;
    rt_defect_report(RT_DEFECT_OVERRUN, p, tname, b->alloc_file, b->alloc_line, site.file,
                     site.line, 0,
                     "block of %zu bytes written past its end (bad trailing pad byte at +%zu)",
                     b->size, b->size + i - 1);
  }
  b->free_file = site.file;
  b->free_line = site.line;
  live_unlink(b);
  b->state = RT_STATE_QUARANTINED;
  memset(p, DEADBYTE, b->size);
  quarantine_push(b);
}

void *rt_debug_realloc(RtApi api, void *p, size_t n)
{
  if (p == NULL) return rt_debug_alloc(api, n, 0);
  RtSite site = {_rt_site_file, _rt_site_line};
  RtBlock *b = header_of(p);
  if (b == NULL || b->state != RT_STATE_LIVE) {
    rt_debug_free(api, p);   /* reports the invalid or double free */
    return NULL;
  }
  /* Always move: the old address goes to the quarantine, so a stale pointer is caught. */
  void *np = rt_debug_alloc(api, n, 0);
  if (np == NULL) return NULL;  /* the old block stays valid, as realloc's */
  /* The block keeps its identity for the ledger: allocation site, serial (so a check window sees
   * a block resized inside it as the old block it is) and object flags. */
  RtBlock *nb = header_of(np);
  nb->alloc_file = b->alloc_file ? b->alloc_file : site.file;
  nb->alloc_line = b->alloc_file ? b->alloc_line : site.line;
  nb->serial = b->serial;
  memcpy(np, p, b->size < n ? b->size : n);
  _rt_site_file = site.file;
  _rt_site_line = site.line;
  rt_debug_free(api, p);
  return np;
}

#else /* !RT_DEBUG_LAYER */

void rt_quarantine_flush(void) {}
void rt_quarantine_check(void) {}
size_t rt_quarantine_blocks(void) { return 0; }
void rt_quarantine_set_budget(size_t bytes) { (void)bytes; }

size_t rt_object_history(const void *op, RtRefEvent *out, size_t max)
{
  (void)op;
  (void)out;
  (void)max;
  return 0;
}

int rt_object_alloc_site(const void *op, const char **file, int *line)
{
  (void)op;
  *file = NULL;
  *line = 0;
  return -1;
}

#endif
