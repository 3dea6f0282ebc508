/* alloc.c — the three allocation families: PyMem_Raw*, PyMem_* and PyObject_*.
 *
 * Each public entry point counts one allocation for fault injection (frees are never counted and
 * never fail), then goes to the debug layer (oracle build) or straight to the allocator:
 * PyMem_Raw* to the system allocator, PyMem_* and PyObject_* to the pools for requests of at most
 * 512 bytes and to the system allocator above (CPython 3.6+ routes PyMem_* to pymalloc too).
 * A failed allocation returns NULL and sets no exception, as in CPython; the object constructors
 * (object.c, gc.c) raise MemoryError through PyErr_NoMemory.
 *
 * Owns: rt_large_blocks (live system blocks of PyMem/PyObject), the pending site.
 */
#include "rt_internal.h"

#include <stdlib.h>
#include <string.h>

size_t rt_large_blocks;

/* The site left by the last site-capturing macro (oracle builds), consumed by the next call. */
const char *_rt_site_file;
int _rt_site_line;
RtSite rt_release_site;

RtSite rt_site_take(void)
{
  RtSite s = {_rt_site_file, _rt_site_line};
  _rt_site_file = NULL;
  _rt_site_line = 0;
  return s;
}

/* --- the families without policy ----------------------------------------------------------------*/
void *rt_family_alloc(RtApi api, size_t n)
{
  if (api != RT_API_RAW) {
    void *p = rt_pymalloc_alloc(n);
    if (RT_LIKELY(p != NULL)) return p;
    if (n != 0 && n <= RT_SMALL_REQUEST_THRESHOLD) return NULL;  /* no arena could be mapped */
  }
  void *p = malloc(n ? n : 1);
  if (p != NULL && api != RT_API_RAW) rt_large_blocks++;
  return p;
}

void rt_family_free(RtApi api, void *p)
{
  if (p == NULL) return;
  if (api != RT_API_RAW) {
    if (RT_LIKELY(rt_pymalloc_free(p))) return;
    rt_large_blocks--;
  }
  free(p);
}

void *rt_family_realloc(RtApi api, void *p, size_t n)
{
  if (p == NULL) return rt_family_alloc(api, n);
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
#  define ALLOC(api, n) rt_family_alloc((api), (n))
#  define FREE(api, p) rt_family_free((api), (p))
#  define REALLOC(api, p, n) rt_family_realloc((api), (p), (n))
#endif

static void *calloc_in(RtApi api, size_t nelem, size_t elsize)
{
  if (elsize != 0 && nelem > (size_t)PY_SSIZE_T_MAX / elsize) return NULL;
  size_t n = nelem * elsize;
#if RT_DEBUG_LAYER
  return rt_debug_alloc(api, n, 1);
#else
  void *p = rt_family_alloc(api, n);
  if (p != NULL) memset(p, 0, n);
  return p;
#endif
}

static inline int too_big(size_t n) { return n > (size_t)PY_SSIZE_T_MAX; }

void *(PyMem_RawMalloc)(size_t size)
{
  if (rt_fault_tick() || too_big(size)) return NULL;
  return ALLOC(RT_API_RAW, size);
}

void *(PyMem_RawCalloc)(size_t nelem, size_t elsize)
{
  if (rt_fault_tick()) return NULL;
  return calloc_in(RT_API_RAW, nelem, elsize);
}

void *(PyMem_RawRealloc)(void *ptr, size_t new_size)
{
  if (rt_fault_tick() || too_big(new_size)) return NULL;
  return REALLOC(RT_API_RAW, ptr, new_size);
}

void (PyMem_RawFree)(void *ptr) { FREE(RT_API_RAW, ptr); }

void *(PyMem_Malloc)(size_t size)
{
  if (rt_fault_tick() || too_big(size)) return NULL;
  return ALLOC(RT_API_MEM, size);
}

void *(PyMem_Calloc)(size_t nelem, size_t elsize)
{
  if (rt_fault_tick()) return NULL;
  return calloc_in(RT_API_MEM, nelem, elsize);
}

void *(PyMem_Realloc)(void *ptr, size_t new_size)
{
  if (rt_fault_tick() || too_big(new_size)) return NULL;
  return REALLOC(RT_API_MEM, ptr, new_size);
}

void (PyMem_Free)(void *ptr) { FREE(RT_API_MEM, ptr); }

void *(PyObject_Malloc)(size_t size)
{
  if (rt_fault_tick() || too_big(size)) return NULL;
  return ALLOC(RT_API_OBJ, size);
}

void *(PyObject_Calloc)(size_t nelem, size_t elsize)
{
  if (rt_fault_tick()) return NULL;
  return calloc_in(RT_API_OBJ, nelem, elsize);
}

void *(PyObject_Realloc)(void *ptr, size_t new_size)
{
  if (rt_fault_tick() || too_big(new_size)) return NULL;
  return REALLOC(RT_API_OBJ, ptr, new_size);
}

void (PyObject_Free)(void *ptr) { FREE(RT_API_OBJ, ptr); }

int rt_debug_layer_enabled(void) { return RT_DEBUG_LAYER; }
