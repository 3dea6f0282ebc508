/* profile.c — the version profile: what CPython 3.8 ... 3.14 would do, and differently.
 *
 * The profile selects the allocator geometry (3.8/3.9: 4 KiB pools in 256 KiB arenas; 3.10+: 16 KiB
 * in 1 MiB), whether the last wholly free arena is kept (3.9+, bpo-37257), the GC thresholds
 * ((700, 10, 10); (2000, 10, 10) from 3.13), whether the singletons and small ints are immortal
 * (3.12+, PEP 683) and the text each defect record gives as the consequence under that version.
 * The runtime itself keeps real counts in every profile, so a defect is seen even where it is
 * harmless; the consequence says so. Default: 3.11 (the last version where the singletons are
 * mortal), or PYREFCHECK_PYTHON=3.N at Py_Initialize.
 */
#include "rt_internal.h"

#include <stdlib.h>
#include <string.h>

RtProfile rt_profile = {11, 16384, 1u << 20, 1, {700, 10, 10}, 0};

int rt_profile_set(int minor)
{
  if (minor < 8 || minor > 14) return -1;
  size_t pool = minor <= 9 ? 4096 : 16384;
  size_t arena = minor <= 9 ? (size_t)256 << 10 : (size_t)1 << 20;
  if (rt_obmalloc_configure(pool, arena, minor >= 9) < 0) return -1;
  rt_profile.minor = minor;
  rt_profile.pool_size = pool;
  rt_profile.arena_size = arena;
  rt_profile.keep_last_empty_arena = minor >= 9;
  rt_profile.gc_threshold[0] = minor >= 13 ? 2000 : 700;
  rt_profile.gc_threshold[1] = 10;
  rt_profile.gc_threshold[2] = 10;
  rt_profile.immortal_singletons = minor >= 12;
  rt_gc_set_threshold(rt_profile.gc_threshold[0], rt_profile.gc_threshold[1],
                      rt_profile.gc_threshold[2]);
  return 0;
}

int rt_profile_minor(void) { return rt_profile.minor; }

int rt_profile_from_env(void)
{
  const char *v = getenv("PYREFCHECK_PYTHON");
  if (v == NULL || strncmp(v, "3.", 2) != 0) return 0;
  return rt_profile_set(atoi(v + 2));
}

const char *rt_profile_consequence(RtDefectKind kind, const void *object)
{
  int singleton = object != NULL && rt_is_singleton(object);
  int immortal = singleton && rt_profile.immortal_singletons;
  int none_like = object == (const void *)Py_None || object == (const void *)Py_NotImplemented;
  switch (kind) {
  case RT_DEFECT_NEGATIVE_REFCNT:
    if (immortal) return "harmless here: the object is immortal since 3.12 (PEP 683), DECREF does not change its count";
    return "release builds do not check: the object was already deallocated when its count reached zero, so this is a use after free; debug builds abort with 'negative refcount'";
  case RT_DEFECT_INCREF_NULL:
  case RT_DEFECT_DECREF_NULL:
    return "segmentation fault: Py_INCREF/Py_DECREF dereference their argument (use Py_XINCREF/Py_XDECREF)";
  case RT_DEFECT_INCREF_FREED:
  case RT_DEFECT_DECREF_FREED:
    return "use after free: pymalloc may already have handed the block to another object, so the count of an unrelated object changes; silent corruption or a crash later (debug hooks show 0xDD bytes)";
  case RT_DEFECT_DOUBLE_FREE:
    return "pymalloc's free list is corrupted and the block is handed out twice: silent corruption or a crash later; debug hooks abort";
  case RT_DEFECT_WRONG_FAMILY:
    return "works by accident when both families use pymalloc, crashes when one is the system allocator; debug hooks abort with 'bad ID'";
  case RT_DEFECT_INVALID_FREE:
    return "the allocator treats foreign memory as its own: heap corruption or an immediate crash";
  case RT_DEFECT_OVERRUN:
    return "heap corruption of the next block; debug hooks abort with 'bad trailing pad byte'";
  case RT_DEFECT_UNDERRUN:
    return "heap corruption of the previous block; debug hooks abort with 'bad leading pad byte'";
  case RT_DEFECT_WRITE_AFTER_FREE:
    return "corrupts whatever object reused the block";
  case RT_DEFECT_LEAK:
  case RT_DEFECT_LEAK_UNTRAVERSED:
    return "memory is never released: no crash, the process grows (regrtest -R reports refleaks)";
  case RT_DEFECT_MEMORY_LEAK:
    return "memory is never released: no crash, the process grows";
  case RT_DEFECT_SINGLETON_DEALLOC:
    if (immortal) return "harmless in this profile: immortal since 3.12 (PEP 683), the count never reaches zero";
    if (none_like) return "Fatal Python error: deallocating None (or NotImplemented): the process aborts";
    return "the static object is handed to its type's tp_dealloc, which frees memory pymalloc never allocated: heap corruption or a crash";
  case RT_DEFECT_SINGLETON_BALANCE:
    if (immortal) return "harmless in this profile: immortal since 3.12 (PEP 683)";
    return "the count drifts down with every call: once it reaches zero the process aborts ('deallocating None') or corrupts the heap";
  case RT_DEFECT_GC_TRACK_TWICE:
    return "Fatal Python error: 'object already tracked by the garbage collector' (PyObject_GC_Track checks in release builds too)";
  case RT_DEFECT_GC_FREE_TRACKED:
    return "release builds unlink it silently, but a collection during tp_dealloc sees a half-destroyed object: crash; debug builds abort";
  case RT_DEFECT_GC_NOT_GC_OBJECT:
    return "the collector reads and writes 16 bytes before the object as if they were its GC header: heap corruption or a crash";
  case RT_DEFECT_GC_UNINIT_MEMBER:
    return "a collection that runs before the members are set follows garbage pointers: a crash, rarely reproducible (it needs the allocation that triggers the collection)";
  case RT_DEFECT_GC_NO_TRAVERSE:
    return "the collector calls tp_traverse unconditionally: segmentation fault at the next collection";
  }
  return "";
}
