/* test_gc.c — the cycle collector: simple and longer cycles, reachable cycles, finalizers called
 * once, resurrection, generations and promotion, thresholds, stress mode, enable/disable,
 * uncollectable legacy finalizers, untracked objects, resizing. Built against both libraries.
 */
#include "Python.h"
#include "../test.h"
#include "rt_testtypes.h"

TEST(self_cycle_is_collected)
{
  int before = node_deallocs;
  PyObject *n = node_new(&Node_Type);
  REQUIRE(n != NULL);
  ((Node *)n)->a = Py_NewRef(n);
  Py_DECREF(n);
  CHECK_EQ_INT(node_deallocs, before);   /* the cycle keeps it alive */
  CHECK_EQ_INT(PyGC_Collect(), 1);
  CHECK_EQ_INT(node_deallocs, before + 1);
}

TEST(two_object_cycle_is_collected)
{
  int before = node_deallocs;
  PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
  REQUIRE(a && b);
  ((Node *)a)->a = Py_NewRef(b);
  ((Node *)b)->a = Py_NewRef(a);
  Py_DECREF(a);
  Py_DECREF(b);
  CHECK_EQ_INT(node_deallocs, before);
  CHECK_EQ_INT(PyGC_Collect(), 2);
  CHECK_EQ_INT(node_deallocs, before + 2);
}

TEST(ring_of_ten_with_a_tail_is_collected)
{
  int before = node_deallocs;
  PyObject *v[10];
  for (int i = 0; i < 10; i++) REQUIRE((v[i] = node_new(&Node_Type)) != NULL);
  for (int i = 0; i < 10; i++) ((Node *)v[i])->a = Py_NewRef(v[(i + 1) % 10]);
  PyObject *tail = node_new(&Node_Type);   /* hangs off the ring, not part of a cycle */
  ((Node *)v[3])->b = tail;                /* steals our reference */
  for (int i = 0; i < 10; i++) Py_DECREF(v[i]);
  CHECK_EQ_INT(PyGC_Collect(), 11);
  CHECK_EQ_INT(node_deallocs, before + 11);
}

TEST(reachable_cycle_survives_until_released)
{
  int before = node_deallocs;
  PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
  REQUIRE(a && b);
  ((Node *)a)->a = Py_NewRef(b);
  ((Node *)b)->a = Py_NewRef(a);
  Py_DECREF(b);                            /* a is still held by us */
  CHECK_EQ_INT(PyGC_Collect(), 0);
  CHECK_EQ_INT(node_deallocs, before);
  CHECK_EQ_INT(Py_REFCNT(a), 2);           /* the collection restored nothing: counts untouched */
  CHECK_EQ_INT(rt_gc_generation_of(a), 2); /* survivors of a full collection stay in the oldest */
  Py_DECREF(a);
  CHECK_EQ_INT(PyGC_Collect(), 2);
  CHECK_EQ_INT(node_deallocs, before + 2);
}

TEST(finalizer_runs_once_per_object)
{
  int fin = node_finalizes, dead = node_deallocs;
  PyObject *a = node_new(&FinalNode_Type), *b = node_new(&FinalNode_Type);
  REQUIRE(a && b);
  ((Node *)a)->a = Py_NewRef(b);
  ((Node *)b)->a = Py_NewRef(a);
  Py_DECREF(a);
  Py_DECREF(b);
  CHECK_EQ_INT(PyGC_Collect(), 2);
  CHECK_EQ_INT(node_finalizes, fin + 2);
  CHECK_EQ_INT(node_deallocs, dead + 2);
}

TEST(resurrected_object_survives_and_is_not_finalized_again)
{
  int fin = node_finalizes, dead = node_deallocs;
  PyObject *n = node_new(&FinalNode_Type);
  REQUIRE(n != NULL);
  ((Node *)n)->a = Py_NewRef(n);
  Py_DECREF(n);
  resurrect = 1;
  CHECK_EQ_INT(PyGC_Collect(), 0);         /* found unreachable, then resurrected: none freed */
  CHECK_EQ_INT(node_finalizes, fin + 1);
  CHECK_EQ_INT(node_deallocs, dead);
  REQUIRE(resurrect_into_me == n);
  CHECK(PyObject_GC_IsFinalized(n));
  CHECK(PyObject_GC_IsTracked(n));
  CHECK_EQ_INT(Py_REFCNT(n), 2);
  Py_CLEAR(resurrect_into_me);
  CHECK_EQ_INT(PyGC_Collect(), 1);
  CHECK_EQ_INT(node_finalizes, fin + 1);   /* PEP 442: never twice */
  CHECK_EQ_INT(node_deallocs, dead + 1);
}

TEST(resurrection_keeps_what_the_object_refers_to)
{
  int fin = node_finalizes, dead = node_deallocs;
  PyObject *a = node_new(&FinalNode_Type), *b = node_new(&Node_Type);
  REQUIRE(a && b);
  ((Node *)a)->a = Py_NewRef(b);
  ((Node *)b)->a = Py_NewRef(a);
  Py_DECREF(a);
  Py_DECREF(b);
  resurrect = 1;                           /* a's finalizer stores a: b is reachable again too */
  CHECK_EQ_INT(PyGC_Collect(), 0);
  CHECK_EQ_INT(node_finalizes, fin + 1);
  CHECK_EQ_INT(node_deallocs, dead);
  REQUIRE(resurrect_into_me == a);
  CHECK(((Node *)a)->a == b && ((Node *)b)->a == a);   /* tp_clear was not called */
  CHECK(PyObject_GC_IsTracked(b));
  Py_CLEAR(resurrect_into_me);
  CHECK_EQ_INT(PyGC_Collect(), 2);         /* now both go, without a second finalization */
  CHECK_EQ_INT(node_finalizes, fin + 1);
  CHECK_EQ_INT(node_deallocs, dead + 2);
}

TEST(survivors_are_promoted_one_generation)
{
  PyObject *n = node_new(&Node_Type);
  REQUIRE(n != NULL);
  CHECK_EQ_INT(rt_gc_generation_of(n), 0);
  rt_gc_collect_generation(0);
  CHECK_EQ_INT(rt_gc_generation_of(n), 1);
  rt_gc_collect_generation(1);
  CHECK_EQ_INT(rt_gc_generation_of(n), 2);
  rt_gc_collect_generation(2);
  CHECK_EQ_INT(rt_gc_generation_of(n), 2);
  Py_DECREF(n);
}

TEST(threshold_triggers_a_young_collection)
{
  int th[3], count[3];
  const char *profile = getenv("PYREFCHECK_PYTHON");
  if (profile != NULL) CHECK_EQ_INT(rt_profile_minor(), atoi(profile + 2));
  rt_gc_get_threshold(th);
  CHECK_EQ_INT(th[0], rt_profile_minor() >= 13 ? 2000 : 700);
  CHECK_EQ_INT(th[1], 10);
  CHECK_EQ_INT(th[2], 10);
  PyGC_Collect();
  rt_gc_get_count(count);
  CHECK_EQ_INT(count[0], 0);
  size_t young = rt_gc_collections(0);
  static PyObject *v[2100];
  int n = th[0];
  for (int i = 0; i < n; i++) v[i] = node_new(&Node_Type);
  CHECK_EQ_INT(rt_gc_collections(0), young);   /* count == threshold: not yet */
  /* The next allocation makes the count exceed the threshold: generation 0 is collected before
   * the new object is tracked. */
  v[n] = node_new(&Node_Type);
  CHECK_EQ_INT(rt_gc_collections(0), young + 1);
  rt_gc_get_count(count);
  CHECK_EQ_INT(count[0], 0);
  CHECK_EQ_INT(rt_gc_generation_of(v[0]), 1);
  CHECK_EQ_INT(rt_gc_generation_of(v[n]), 0);  /* allocated after the collection */
  for (int i = 0; i <= n; i++) Py_DECREF(v[i]);
}

/* CPython's rule for the oldest generation: even past its threshold it is collected only when the
 * objects waiting for it (survivors of generation 1 since the last full collection) are at least a
 * quarter of those that survived that full collection. */
TEST(full_collection_waits_for_a_quarter_of_long_lived_objects)
{
  int saved[3];
  rt_gc_get_threshold(saved);
  static PyObject *old[400];
  for (int i = 0; i < 400; i++) old[i] = node_new(&Node_Type);
  PyGC_Collect();                          /* long_lived_total: at least the 400 */
  rt_gc_set_threshold(10, 1, 1);
  size_t full = rt_gc_collections(2), mid = rt_gc_collections(1);
  static PyObject *young[200];
  int i = 0;
  /* Each object kept alive survives into generation 2 through generation 1. While fewer than 100
   * are pending, generation 2 must not be collected although its count passes 1. */
  while (i < 200 && rt_gc_collections(2) == full) young[i++] = node_new(&Node_Type);
  CHECK(rt_gc_collections(1) > mid + 2);   /* generation 2's count passed 1 long before */
  CHECK(i >= 100);                         /* not before a quarter (100) was pending */
  CHECK(i < 200);                          /* and then it ran */
  rt_gc_set_threshold(saved[0], saved[1], saved[2]);
  for (int k = 0; k < i; k++) Py_DECREF(young[k]);
  for (int k = 0; k < 400; k++) Py_DECREF(old[k]);
}

TEST(stress_mode_collects_at_every_gc_allocation)
{
  rt_gc_set_stress(1);
  size_t full = rt_gc_collections(2);
  PyObject *a = node_new(&Node_Type), *b = node_new(&Node_Type), *c = node_new(&Node_Type);
  CHECK_EQ_INT(rt_gc_collections(2), full + 3);
  rt_gc_set_stress(0);
  Py_DECREF(a);
  Py_DECREF(b);
  Py_DECREF(c);
}

TEST(disabled_collector_does_not_collect)
{
  int dead = node_deallocs;
  CHECK_EQ_INT(PyGC_Disable(), 1);
  CHECK_EQ_INT(PyGC_IsEnabled(), 0);
  PyObject *n = node_new(&Node_Type);
  ((Node *)n)->a = Py_NewRef(n);
  Py_DECREF(n);
  CHECK_EQ_INT(PyGC_Collect(), 0);
  CHECK_EQ_INT(node_deallocs, dead);
  CHECK_EQ_INT(PyGC_Enable(), 0);
  CHECK_EQ_INT(PyGC_IsEnabled(), 1);
  CHECK_EQ_INT(PyGC_Collect(), 1);
  CHECK_EQ_INT(node_deallocs, dead + 1);
}

TEST(legacy_finalizer_cycle_is_uncollectable)
{
  int dead = node_deallocs;
  PyObject *n = node_new(&DelNode_Type);
  ((Node *)n)->a = Py_NewRef(n);
  Py_DECREF(n);
  CHECK_EQ_INT(PyGC_Collect(), 1);         /* found, but kept: CPython puts it in gc.garbage */
  CHECK_EQ_INT(node_deallocs, dead);
  CHECK(PyObject_GC_IsTracked(n));
  Py_CLEAR(((Node *)n)->a);                /* break the cycle by hand: the count frees it */
  CHECK_EQ_INT(node_deallocs, dead + 1);
}

TEST(untracked_cycle_is_invisible)
{
  int dead = node_deallocs;
  PyObject *n = node_new(&Node_Type);
  PyObject_GC_UnTrack(n);
  PyObject_GC_UnTrack(n);                  /* twice is allowed (the trashcan relies on it) */
  CHECK(!PyObject_GC_IsTracked(n));
  ((Node *)n)->a = Py_NewRef(n);
  Py_DECREF(n);
  CHECK_EQ_INT(PyGC_Collect(), 0);
  CHECK_EQ_INT(node_deallocs, dead);
  Py_CLEAR(((Node *)n)->a);
  CHECK_EQ_INT(node_deallocs, dead + 1);
}

typedef struct {
  PyObject_VAR_HEAD
  PyObject *item[1];
} Vec;

static int vec_traverse(PyObject *op, visitproc visit, void *arg)
{
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) Py_VISIT(((Vec *)op)->item[i]);
  return 0;
}

static int vec_clear(PyObject *op)
{
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) Py_CLEAR(((Vec *)op)->item[i]);
  return 0;
}

static void vec_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) Py_XDECREF(((Vec *)op)->item[i]);
  PyObject_GC_Del(op);
}

static PyTypeObject Vec_Type = {
    .ob_base = {{1, NULL}, 0},
    .tp_name = "test.Vec",
    .tp_basicsize = offsetof(Vec, item),
    .tp_itemsize = sizeof(PyObject *),
    .tp_dealloc = vec_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = vec_traverse,
    .tp_clear = vec_clear,
};

TEST(var_objects_resize_and_collect)
{
  Vec *v = PyObject_GC_NewVar(Vec, &Vec_Type, 2);
  REQUIRE(v != NULL);
  CHECK_EQ_INT(Py_SIZE(v), 2);
  v->item[0] = v->item[1] = NULL;
  v = PyObject_GC_Resize(Vec, v, 40);      /* past 512 bytes: moves to the system allocator */
  REQUIRE(v != NULL);
  CHECK_EQ_INT(Py_SIZE(v), 40);
  for (int i = 0; i < 40; i++) v->item[i] = NULL;
  v->item[39] = Py_NewRef((PyObject *)v);
  PyObject_GC_Track(v);
  Py_DECREF(v);
  CHECK_EQ_INT(PyGC_Collect(), 1);
}

TEST(generic_alloc_zeroes_and_tracks)
{
  PyObject *n = PyType_GenericAlloc(&Node_Type, 0);
  REQUIRE(n != NULL);
  CHECK(((Node *)n)->a == NULL && ((Node *)n)->b == NULL);
  CHECK(PyObject_GC_IsTracked(n));
  CHECK_EQ_INT(Py_REFCNT(n), 1);
  CHECK(Py_IS_TYPE(n, &Node_Type));
  Py_DECREF(n);
}

int main(void)
{
  Py_Initialize();
  RUN(self_cycle_is_collected);
  RUN(two_object_cycle_is_collected);
  RUN(ring_of_ten_with_a_tail_is_collected);
  RUN(reachable_cycle_survives_until_released);
  RUN(finalizer_runs_once_per_object);
  RUN(resurrected_object_survives_and_is_not_finalized_again);
  RUN(resurrection_keeps_what_the_object_refers_to);
  RUN(survivors_are_promoted_one_generation);
  RUN(threshold_triggers_a_young_collection);
  RUN(full_collection_waits_for_a_quarter_of_long_lived_objects);
  RUN(stress_mode_collects_at_every_gc_allocation);
  RUN(disabled_collector_does_not_collect);
  RUN(legacy_finalizer_cycle_is_uncollectable);
  RUN(untracked_cycle_is_invisible);
  RUN(var_objects_resize_and_collect);
  RUN(generic_alloc_zeroes_and_tracks);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  /* Nothing above leaks: the final check must not find anything. */
  if (rt_defect_count() != 0) {
    rt_defects_write_json(stdout);
    return 1;
  }
  return failed;
}
