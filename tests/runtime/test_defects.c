/* test_defects.c — each defect class provoked by a small program, its record checked field by
 * field (kind, type, allocation site, offending site, message), deduplication, and the JSON
 * rendering. Linked with rc_runtime_oracle. Every provoked use after free reads quarantined
 * (mapped, poisoned) memory through the runtime, which is why ASan stays quiet.
 */
#include <stdlib.h>
#include <string.h>

#include "Python.h"
#include "../test.h"
#include "rt_testtypes.h"

#define THIS_FILE __FILE__

/* The only record of kind, after clearing: checks that exactly one was recorded. */
static const RtDefect *only(RtDefectKind kind)
{
  if (rt_defect_count_kind(kind) != 1) return NULL;
  return rt_defect_find(kind);
}

TEST(decref_of_a_freed_object)
{
  rt_defects_clear();
  int alloc_line = __LINE__ + 1;
  Plain *p = PyObject_New(Plain, &Plain_Type);
  REQUIRE(p != NULL);
  int free_line = __LINE__ + 1;
  Py_DECREF(p);
  int bad_line = __LINE__ + 1;
  Py_DECREF(p);
  CHECK_EQ_INT(rt_defect_count(), 1);
  const RtDefect *d = only(RT_DEFECT_DECREF_FREED);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(rt_defect_kind_name(d->kind), "decref-freed");
  CHECK_EQ_STR(d->type_name, "test.Plain");
  CHECK_EQ_STR(d->alloc_file, THIS_FILE);
  CHECK_EQ_INT(d->alloc_line, alloc_line);
  CHECK_EQ_STR(d->site_file, THIS_FILE);
  CHECK_EQ_INT(d->site_line, bad_line);
  CHECK(d->object == p);
  char where[1024]; /* THIS_FILE is an absolute path of any length */
  snprintf(where, sizeof(where), "test_defects.c:%d", free_line);
  CHECK_CONTAINS(d->message, where);             /* the DECREF that freed it */
  CHECK_CONTAINS(d->consequence, "use after free");
  REQUIRE(d->history_len == 1);                  /* the ledger, as it was at the report */
  CHECK_EQ_INT(d->history_total, 1);
  CHECK_EQ_INT(d->history[0].line, free_line);
  CHECK_EQ_INT(d->history[0].delta, -1);
  CHECK_EQ_INT(d->history[0].refcnt, 0);
}

TEST(incref_of_a_freed_object_is_skipped)
{
  rt_defects_clear();
  Plain *p = PyObject_New(Plain, &Plain_Type);
  REQUIRE(p != NULL);
  Py_DECREF(p);
  int bad_line = __LINE__ + 1;
  Py_INCREF(p);
  const RtDefect *d = only(RT_DEFECT_INCREF_FREED);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "test.Plain");
  CHECK_EQ_INT(d->site_line, bad_line);
  CHECK_CONTAINS(d->message, "Py_INCREF of a test.Plain object that was freed");
  /* The freed memory still holds the poison: the INCREF did not write. */
  unsigned char first;
  memcpy(&first, (unsigned char *)p, 1);
  CHECK_EQ_INT(first, 0xDD);
}

TEST(incref_and_decref_of_null)
{
  rt_defects_clear();
  PyObject *nothing = NULL;
  int l1 = __LINE__ + 1;
  Py_INCREF(nothing);
  int l2 = __LINE__ + 1;
  Py_DECREF(nothing);
  Py_XINCREF(nothing);   /* fine */
  Py_XDECREF(nothing);   /* fine */
  CHECK_EQ_INT(rt_defect_count(), 2);
  const RtDefect *a = only(RT_DEFECT_INCREF_NULL), *b = only(RT_DEFECT_DECREF_NULL);
  REQUIRE(a != NULL && b != NULL);
  CHECK_EQ_INT(a->site_line, l1);
  CHECK_EQ_INT(b->site_line, l2);
  CHECK(a->alloc_file == NULL);
  CHECK_CONTAINS(a->consequence, "segmentation fault");
}

TEST(missing_incref_of_none_deallocates_it_then_goes_negative)
{
  rt_defects_clear();
  Py_ssize_t start = Py_REFCNT(Py_None);
  Py_SET_REFCNT(Py_None, 1);   /* as if every other user released theirs */
  PyObject *r = Py_None;       /* the bug: returned without Py_INCREF */
  int l1 = __LINE__ + 1;
  Py_DECREF(r);
  const RtDefect *d = only(RT_DEFECT_SINGLETON_DEALLOC);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "NoneType");
  CHECK_EQ_INT(d->site_line, l1);
  CHECK_CONTAINS(d->message, "the count of None reached zero");
  CHECK_CONTAINS(d->consequence, "deallocating None");
  CHECK_EQ_INT(Py_REFCNT(Py_None), 0);   /* real counts, not immortal */
  int l2 = __LINE__ + 1;
  Py_DECREF(r);
  d = only(RT_DEFECT_NEGATIVE_REFCNT);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->site_line, l2);
  CHECK_CONTAINS(d->message, "below zero (to -1)");
  Py_SET_REFCNT(Py_None, start);
}

TEST(profile_changes_the_consequence_not_the_detection)
{
  rt_defects_clear();
  PyObject *one = _rt_small_int(1);
  Py_ssize_t start = Py_REFCNT(one);
  REQUIRE(rt_profile_set(12) == 0);
  Py_SET_REFCNT(one, 1);
  Py_DECREF(one);
  const RtDefect *d = only(RT_DEFECT_SINGLETON_DEALLOC);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "int");
  CHECK_CONTAINS(d->message, "small int 1 ");
  CHECK_CONTAINS(d->consequence, "immortal since 3.12");
  REQUIRE(rt_profile_set(11) == 0);
  Py_SET_REFCNT(one, 1);
  int line = __LINE__ + 1;
  Py_DECREF(one);
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_SINGLETON_DEALLOC), 2);
  d = rt_defect_get(1);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->site_line, line);
  CHECK_CONTAINS(d->consequence, "heap corruption");
  Py_SET_REFCNT(one, start);
}

TEST(double_free)
{
  rt_defects_clear();
  int alloc_line = __LINE__ + 1;
  void *p = PyObject_Malloc(24);
  int free_line = __LINE__ + 1;
  PyObject_Free(p);
  int bad_line = __LINE__ + 1;
  PyObject_Free(p);
  const RtDefect *d = only(RT_DEFECT_DOUBLE_FREE);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->alloc_line, alloc_line);
  CHECK_EQ_INT(d->site_line, bad_line);
  char where[1024]; /* THIS_FILE is an absolute path of any length */
  snprintf(where, sizeof(where), "first freed at %s:%d", THIS_FILE, free_line);
  CHECK_CONTAINS(d->message, where);
}

TEST(freeing_through_the_wrong_family)
{
  rt_defects_clear();
  int alloc_line = __LINE__ + 1;
  void *p = PyMem_Malloc(32);
  int bad_line = __LINE__ + 1;
  PyObject_Free(p);
  const RtDefect *d = only(RT_DEFECT_WRONG_FAMILY);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->alloc_line, alloc_line);
  CHECK_EQ_INT(d->site_line, bad_line);
  CHECK_CONTAINS(d->message, "allocated with PyMem_Malloc freed with PyObject_Free");
  void *r = PyMem_RawMalloc(1000);
  PyMem_Free(r);
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_WRONG_FAMILY), 2);
  CHECK_CONTAINS(rt_defect_get(1)->message, "PyMem_Raw_Malloc freed with PyMem_Free");
  PyObject_Free(p);   /* already freed (with the right family after the report) */
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_DOUBLE_FREE), 1);
}

TEST(freeing_what_was_never_allocated)
{
  rt_defects_clear();
  static char not_ours[64];
  int line = __LINE__ + 1;
  PyMem_Free(not_ours + 16);
  const RtDefect *d = only(RT_DEFECT_INVALID_FREE);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->site_line, line);
}

TEST(overrun_and_underrun_are_detected_at_free)
{
  rt_defects_clear();
  unsigned char *p = PyMem_Malloc(10);
  int alloc_line = __LINE__ - 1;
  REQUIRE(p != NULL);
  CHECK_EQ_INT(p[0], 0xCD);      /* fresh bytes */
  CHECK_EQ_INT(p[9], 0xCD);
  p[10] = 'x';                   /* one past the end */
  int line = __LINE__ + 1;
  PyMem_Free(p);
  const RtDefect *d = only(RT_DEFECT_OVERRUN);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->alloc_line, alloc_line);
  CHECK_EQ_INT(d->site_line, line);
  CHECK_CONTAINS(d->message, "at +10");
  unsigned char *q = PyObject_Malloc(700);   /* a system block: same layout */
  q[-1] = 0;
  PyObject_Free(q);
  d = only(RT_DEFECT_UNDERRUN);
  REQUIRE(d != NULL);
  CHECK_CONTAINS(d->message, "bad leading pad byte");
}

TEST(write_after_free_is_seen_when_the_quarantine_releases)
{
  rt_defects_clear();
  unsigned char *p = PyObject_Malloc(40);
  int free_line = __LINE__ + 1;
  PyObject_Free(p);
  CHECK_EQ_INT(p[5], 0xDD);      /* freed bytes, still mapped */
  p[5] = 1;
  CHECK(rt_quarantine_blocks() > 0);
  rt_quarantine_flush();
  CHECK_EQ_INT(rt_quarantine_blocks(), 0);
  const RtDefect *d = only(RT_DEFECT_WRITE_AFTER_FREE);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->site_line, free_line);
  CHECK_CONTAINS(d->message, "offset 5");
}

TEST(end_of_check_sees_writes_into_the_quarantine)
{
  rt_defects_clear();
  rt_check_begin();
  unsigned char *p = PyObject_Malloc(24);
  PyObject_Free(p);
  p[23] = 7;
  CHECK_EQ_INT(rt_check_end(), 1);
  const RtDefect *d = only(RT_DEFECT_WRITE_AFTER_FREE);
  REQUIRE(d != NULL);
  CHECK_CONTAINS(d->message, "offset 23");
  CHECK(rt_quarantine_blocks() > 0);         /* nothing was released */
  rt_quarantine_flush();                     /* the release sees it again: still one record */
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_WRITE_AFTER_FREE), 1);
}

TEST(leak_reports_allocation_site_and_last_incref)
{
  rt_defects_clear();
  rt_check_begin();
  int alloc_line = __LINE__ + 1;
  Plain *p = PyObject_New(Plain, &Plain_Type);
  int incref_line = __LINE__ + 1;
  Py_INCREF(p);
  Py_DECREF(p);                   /* one reference left: the leak */
  void *m = PyMem_Malloc(64);
  int mem_line = __LINE__ - 1;
  CHECK_EQ_INT(rt_check_end(), 2);
  const RtDefect *d = only(RT_DEFECT_LEAK);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "test.Plain");
  CHECK_EQ_INT(d->alloc_line, alloc_line);
  CHECK_EQ_INT(d->site_line, incref_line);
  CHECK_EQ_INT(d->refcnt, 1);
  CHECK_CONTAINS(d->message, "held by no container");
  d = only(RT_DEFECT_MEMORY_LEAK);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->alloc_line, mem_line);
  CHECK_CONTAINS(d->message, "64 bytes from PyMem_Malloc");
  Py_DECREF(p);
  PyMem_Free(m);
  rt_defects_clear();
  rt_check_begin();
  CHECK_EQ_INT(rt_check_end(), 0);
}

TEST(leaked_container_and_its_items)
{
  rt_defects_clear();
  rt_check_begin();
  PyObject *holder = node_new(&Node_Type);
  PyObject *item = (PyObject *)PyObject_New(Plain, &Plain_Type);
  ((Node *)holder)->a = item;    /* owned by the holder */
  CHECK_EQ_INT(rt_check_end(), 2);
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_LEAK), 2);
  const RtDefect *d0 = rt_defect_get(0), *d1 = rt_defect_get(1);
  REQUIRE(d0 && d1);
  CHECK_EQ_STR(d0->type_name, "test.Node");      /* in allocation order */
  CHECK_CONTAINS(d0->message, "held by no container");
  CHECK_EQ_STR(d1->type_name, "test.Plain");
  CHECK_CONTAINS(d1->message, "kept alive only by other leaked objects");
  Py_DECREF(holder);
}

TEST(object_held_by_older_state_is_not_a_leak)
{
  PyObject *old = node_new(&Node_Type);   /* predates the check */
  rt_defects_clear();
  rt_check_begin();
  ((Node *)old)->a = (PyObject *)PyObject_New(Plain, &Plain_Type);
  CHECK_EQ_INT(rt_check_end(), 0);
  Py_DECREF(old);
}

TEST(buffers_of_older_state_are_not_leaks)
{
  /* An object from before the window whose buffer is grown (moved) and replaced inside it. */
  void **old = PyMem_Malloc(4 * sizeof(void *));
  REQUIRE(old != NULL);
  old[1] = PyMem_Malloc(16);
  rt_defects_clear();
  rt_check_begin();
  old = PyMem_Realloc(old, 64 * sizeof(void *));   /* moves: still the old block for the ledger */
  PyMem_Free(old[1]);
  old[1] = PyMem_Malloc(32);                        /* a new buffer held by older state */
  void *lost = PyMem_Malloc(8);                     /* held by nothing we can see: a leak */
  CHECK_EQ_INT(rt_check_end(), 1);
  const RtDefect *d = only(RT_DEFECT_MEMORY_LEAK);
  REQUIRE(d != NULL);
  CHECK(d->object == lost);
  PyMem_Free(lost);
  PyMem_Free(old[1]);
  PyMem_Free(old);
}

TEST(broken_traverse_is_explained)
{
  rt_defects_clear();
  rt_check_begin();
  int la = __LINE__ + 1;
  PyObject *a = (PyObject *)PyObject_GC_New(Node, &BrokenNode_Type);
  int lb = __LINE__ + 1;
  PyObject *b = (PyObject *)PyObject_GC_New(Node, &BrokenNode_Type);
  REQUIRE(a && b);
  ((Node *)a)->a = ((Node *)b)->b = NULL;
  PyObject_GC_Track(a);
  PyObject_GC_Track(b);
  ((Node *)a)->b = Py_NewRef(b);   /* this member is missing from tp_traverse */
  ((Node *)b)->a = Py_NewRef(a);
  Py_DECREF(a);
  Py_DECREF(b);
  CHECK_EQ_INT(PyGC_Collect(), 0);  /* the cycle is invisible: b looks externally referenced */
  CHECK_EQ_INT(rt_check_end(), 2);
  const RtDefect *d = only(RT_DEFECT_LEAK_UNTRAVERSED);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "test.BrokenNode");
  CHECK_EQ_INT(d->alloc_line, lb);
  char expect[1024]; /* THIS_FILE is an absolute path of any length */
  snprintf(expect, sizeof(expect), "the test.BrokenNode object allocated at %s:%d holds it at offset "
           "+%d and its tp_traverse does not visit it", THIS_FILE, la, (int)offsetof(Node, b));
  CHECK_CONTAINS(d->message, expect);
  d = only(RT_DEFECT_LEAK);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->alloc_line, la);
  CHECK_CONTAINS(d->message, "kept alive only by other leaked objects");
  int dead = node_deallocs;
  Py_CLEAR(((Node *)a)->b);        /* break it by hand: b goes, and with it a */
  CHECK_EQ_INT(node_deallocs, dead + 2);
}

TEST(gc_protocol_violations)
{
  rt_defects_clear();
  PyObject *n = node_new(&Node_Type);
  int line = __LINE__ + 1;
  PyObject_GC_Track(n);
  const RtDefect *d = only(RT_DEFECT_GC_TRACK_TWICE);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "test.Node");
  CHECK_EQ_INT(d->site_line, line);
  CHECK_CONTAINS(d->consequence, "already tracked");
  /* A dealloc that forgets PyObject_GC_UnTrack: the free of a tracked object. */
  int del_line = __LINE__ + 1;
  PyObject_GC_Del(n);
  d = only(RT_DEFECT_GC_FREE_TRACKED);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->site_line, del_line);
  CHECK_EQ_INT(PyGC_Collect(), 0);   /* and the collector's lists are intact */

  static PyTypeObject NoTraverse_Type = {
      .ob_base = {{1, NULL}, 0},
      .tp_name = "test.NoTraverse",
      .tp_basicsize = sizeof(Node),
      .tp_dealloc = node_dealloc,
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
      .tp_free = PyObject_GC_Del,
  };
  int new_line = __LINE__ + 1;
  Node *x = PyObject_GC_New(Node, &NoTraverse_Type);
  REQUIRE(x != NULL);
  x->a = x->b = NULL;
  PyObject_GC_Track((PyObject *)x);
  d = only(RT_DEFECT_GC_NO_TRAVERSE);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "test.NoTraverse");
  CHECK_EQ_INT(d->alloc_line, new_line);
  CHECK_EQ_INT(PyGC_Collect(), 0);   /* no crash: an object without traverse refers to nothing */
  Py_DECREF(x);
}

TEST(gc_calls_on_objects_without_a_gc_header)
{
  rt_defects_clear();
  Plain *p = PyObject_New(Plain, &Plain_Type);
  int l1 = __LINE__ + 1;
  PyObject_GC_Track((PyObject *)p);
  const RtDefect *d = only(RT_DEFECT_GC_NOT_GC_OBJECT);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "test.Plain");
  CHECK_EQ_INT(d->site_line, l1);
  CHECK_CONTAINS(d->message, "PyObject_GC_Track of an object allocated without a GC header");
  PyObject_GC_UnTrack((PyObject *)p);
  PyObject_GC_Del(p);             /* reported, then freed as the plain block it is */
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_GC_NOT_GC_OBJECT), 3);
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_INVALID_FREE), 0);
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_DOUBLE_FREE), 0);

  rt_defects_clear();
  Node *n = PyObject_GC_New(Node, &Node_Type);
  int alloc_line = __LINE__ - 1;
  REQUIRE(n != NULL);
  n->a = n->b = NULL;
  int l2 = __LINE__ + 1;
  PyObject_Free(n);               /* the reverse: a GC object freed as a plain block */
  d = only(RT_DEFECT_GC_NOT_GC_OBJECT);
  REQUIRE(d != NULL);
  CHECK_EQ_INT(d->alloc_line, alloc_line);
  CHECK_EQ_INT(d->site_line, l2);
  CHECK_CONTAINS(d->message, "release it with PyObject_GC_Del");
  PyObject_GC_Del(n);             /* the right way: no further report */
  CHECK_EQ_INT(rt_defect_count(), 1);
}

TEST(tracked_before_its_members_were_set)
{
  rt_defects_clear();
  int line = __LINE__ + 1;
  Node *n = PyObject_GC_New(Node, &Node_Type);
  REQUIRE(n != NULL);
  PyObject_GC_Track((PyObject *)n);   /* the bug: a and b still hold 0xCD bytes */
  rt_gc_set_stress(1);
  PyObject *other = node_new(&Node_Type);   /* stress: a collection runs here, and survives */
  rt_gc_set_stress(0);
  const RtDefect *d = only(RT_DEFECT_GC_UNINIT_MEMBER);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "test.Node");
  CHECK_EQ_INT(d->alloc_line, line);
  CHECK_EQ_STR(rt_defect_kind_name(d->kind), "gc-uninitialised-member");
  n->a = n->b = NULL;
  Py_DECREF(n);
  Py_DECREF(other);
}

TEST(each_defect_is_reported_once)
{
  rt_defects_clear();
  Plain *p = PyObject_New(Plain, &Plain_Type);
  Py_DECREF(p);
  for (int i = 0; i < 5; i++) Py_DECREF(p);   /* one site, one object: one record */
  CHECK_EQ_INT(rt_defect_count(), 1);
  Py_DECREF(p);                               /* another site: another record */
  CHECK_EQ_INT(rt_defect_count(), 2);
}

/* One bad DECREF site for two objects. */
static void over_release(PyObject *op) { Py_DECREF(op); }

TEST(two_objects_at_one_address_are_two_defects)
{
  rt_defects_clear();
  Plain *a = PyObject_New(Plain, &Plain_Type);
  Py_DECREF(a);
  over_release((PyObject *)a);
  rt_quarantine_flush();                      /* a's block goes back to its pool... */
  Plain *b = PyObject_New(Plain, &Plain_Type);  /* ...and, LIFO, comes back as b */
  REQUIRE(b == a);
  Py_DECREF(b);
  over_release((PyObject *)b);
  CHECK_EQ_INT(rt_defect_count_kind(RT_DEFECT_DECREF_FREED), 2);
  CHECK(rt_defect_get(0)->alloc_line != rt_defect_get(1)->alloc_line);
}

TEST(ledger_keeps_every_refcount_site)
{
  int alloc_line = __LINE__ + 1;
  Plain *p = PyObject_New(Plain, &Plain_Type);
  int l1 = __LINE__ + 1;
  Py_INCREF(p);
  int l2 = __LINE__ + 1;
  PyObject *q = Py_NewRef(p);
  int l3 = __LINE__ + 1;
  Py_DECREF(q);
  const char *file = NULL;
  int line = 0;
  REQUIRE(rt_object_alloc_site(p, &file, &line) == 0);
  CHECK_EQ_STR(file, THIS_FILE);
  CHECK_EQ_INT(line, alloc_line);
  RtRefEvent ev[8];
  CHECK_EQ_INT(rt_object_history(p, ev, 8), 3);
  CHECK_EQ_INT(ev[0].line, l1);
  CHECK_EQ_INT(ev[0].delta, 1);
  CHECK_EQ_INT(ev[0].refcnt, 2);
  CHECK_EQ_INT(ev[1].line, l2);
  CHECK_EQ_INT(ev[1].refcnt, 3);
  CHECK_EQ_INT(ev[2].line, l3);
  CHECK_EQ_INT(ev[2].delta, -1);
  CHECK_EQ_INT(ev[2].refcnt, 2);
  CHECK_EQ_STR(ev[2].file, THIS_FILE);
  CHECK_EQ_INT(rt_object_history(Py_None, ev, 8), 0);   /* static: no ledger */
  Py_DECREF(p);
  Py_DECREF(p);
  CHECK_EQ_INT(rt_object_history(p, ev, 2), 5);         /* freed, still in quarantine */
}

TEST(json_rendering)
{
  rt_defects_clear();
  Plain *p = PyObject_New(Plain, &Plain_Type);
  Py_DECREF(p);
  int line = __LINE__ + 1;
  Py_DECREF(p);
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  REQUIRE(f != NULL);
  CHECK_EQ_INT(rt_defects_write_json(f), 0);
  fclose(f);
  CHECK_CONTAINS(text, "{\"profile\":\"3.11\",\"debug_layer\":true,\"dropped\":0,\"defects\":[");
  CHECK_CONTAINS(text, "\"kind\":\"decref-freed\",\"type\":\"test.Plain\"");
  char site[200];
  snprintf(site, sizeof(site), "\"site\":{\"file\":\"%s\",\"line\":%d}", THIS_FILE, line);
  CHECK_CONTAINS(text, site);
  CHECK_CONTAINS(text, "\"consequence\":\"use after free");
  CHECK_CONTAINS(text, "\"history_total\":1,\"history\":[{\"file\":");
  free(text);
  rt_defects_clear();
  text = NULL;
  f = open_memstream(&text, &len);
  REQUIRE(f != NULL);
  rt_defects_write_json(f);
  fclose(f);
  CHECK_CONTAINS(text, "\"defects\":[]}");
  free(text);
}

int main(void)
{
  Py_Initialize();
  RUN(decref_of_a_freed_object);
  RUN(incref_of_a_freed_object_is_skipped);
  RUN(incref_and_decref_of_null);
  RUN(missing_incref_of_none_deallocates_it_then_goes_negative);
  RUN(profile_changes_the_consequence_not_the_detection);
  RUN(double_free);
  RUN(freeing_through_the_wrong_family);
  RUN(freeing_what_was_never_allocated);
  RUN(overrun_and_underrun_are_detected_at_free);
  RUN(write_after_free_is_seen_when_the_quarantine_releases);
  RUN(end_of_check_sees_writes_into_the_quarantine);
  RUN(leak_reports_allocation_site_and_last_incref);
  RUN(leaked_container_and_its_items);
  RUN(object_held_by_older_state_is_not_a_leak);
  RUN(buffers_of_older_state_are_not_leaks);
  RUN(broken_traverse_is_explained);
  RUN(gc_protocol_violations);
  RUN(gc_calls_on_objects_without_a_gc_header);
  RUN(tracked_before_its_members_were_set);
  RUN(each_defect_is_reported_once);
  RUN(two_objects_at_one_address_are_two_defects);
  RUN(ledger_keeps_every_refcount_site);
  RUN(json_rendering);
  return TEST_SUMMARY();
}
