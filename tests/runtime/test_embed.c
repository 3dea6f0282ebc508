/* test_embed.c — a plain C program that embeds the runtime the way it would embed CPython: it
 * defines a GC type and extension-style functions, brackets its work with Py_Initialize and
 * Py_FinalizeEx, and reads the verdict. It is compiled twice: with ordinary third-party flags
 * (-std=c99 -Wall -Wextra -pedantic) against rc_runtime, and with our strict flags against
 * rc_runtime_oracle. The first argument picks a scenario:
 *   clean — every refcount macro, no defect may be reported;
 *   leak  — a leaked object, reported by Py_FinalizeEx with its allocation site (oracle only);
 *   none  — a function returns Py_None without a new reference; the caller's Py_DECREF takes the
 *           count to zero; run under PYREFCHECK_PYTHON=3.12 the consequence says it is harmless.
 */
#include "Python.h"
#include "../test.h"

typedef struct {
  PyObject_HEAD
  PyObject *payload;   /* owned, may be NULL */
} Box;

static int box_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((Box *)op)->payload);
  return 0;
}

static int box_clear(PyObject *op)
{
  Py_CLEAR(((Box *)op)->payload);
  return 0;
}

static void box_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  box_clear(op);
  Py_TYPE(op)->tp_free(op);
}

static PyTypeObject Box_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "embed.Box",
    .tp_basicsize = sizeof(Box),
    .tp_dealloc = box_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
    .tp_free = PyObject_GC_Del,
};

/* New reference to a box holding payload (a new reference is taken), or NULL. */
static PyObject *box_new(PyObject *payload)
{
  Box *b = PyObject_GC_New(Box, &Box_Type);
  if (b == NULL) return NULL;
  b->payload = Py_XNewRef(payload);
  PyObject_GC_Track((PyObject *)b);
  return (PyObject *)b;
}

static PyObject *get_none(PyObject *self, PyObject *args)
{
  (void)self;
  (void)args;
  Py_RETURN_NONE;
}

static PyObject *get_bool(PyObject *self, PyObject *flag)
{
  (void)self;
  if (flag != NULL) Py_RETURN_TRUE;
  Py_RETURN_FALSE;
}

static PyObject *get_notimplemented(PyObject *self, PyObject *args)
{
  (void)self;
  (void)args;
  Py_RETURN_NOTIMPLEMENTED;
}

/* Buggy on purpose: returns a borrowed reference where a new one is owed. */
static PyObject *get_none_buggy(PyObject *self, PyObject *args)
{
  (void)self;
  (void)args;
  return Py_None;
}

TEST(every_refcount_macro)
{
  Py_ssize_t none0 = Py_REFCNT(Py_None), true0 = Py_REFCNT(Py_True);
  Py_ssize_t false0 = Py_REFCNT(Py_False), ni0 = Py_REFCNT(Py_NotImplemented);
  PyObject *r = get_none(NULL, NULL);
  CHECK(r == Py_None && Py_IsNone(r));
  CHECK_EQ_INT(Py_REFCNT(Py_None), none0 + 1);
  Py_DECREF(r);
  r = get_bool(NULL, Py_None);
  CHECK(Py_IsTrue(r) && PyBool_Check(r) && Py_IS_TYPE(r, &PyBool_Type));
  Py_DECREF(r);
  r = get_bool(NULL, NULL);
  CHECK(Py_IsFalse(r));
  Py_DECREF(r);
  r = get_notimplemented(NULL, NULL);
  CHECK(r == Py_NotImplemented);
  Py_DECREF(r);
  CHECK_EQ_INT(Py_REFCNT(Py_None), none0);
  CHECK_EQ_INT(Py_REFCNT(Py_True), true0);
  CHECK_EQ_INT(Py_REFCNT(Py_False), false0);
  CHECK_EQ_INT(Py_REFCNT(Py_NotImplemented), ni0);

  PyObject *five = _rt_small_int(5), *minus = _rt_small_int(-5);
  CHECK(_rt_small_int(257) == NULL && _rt_small_int(-6) == NULL);
  CHECK(PyLong_CheckExact(five));
  CHECK_EQ_INT(Py_SIZE(five), 1);
  CHECK_EQ_INT(Py_SIZE(minus), -1);
  CHECK_EQ_INT(Py_SIZE(_rt_small_int(0)), 0);
  CHECK(Py_TYPE(Py_Ellipsis) == &PyEllipsis_Type);
  CHECK(PyType_Check((PyObject *)&Box_Type) && PyType_Check((PyObject *)&PyLong_Type));

  PyObject *box = box_new(five);
  REQUIRE(box != NULL);
  CHECK_EQ_INT(Py_REFCNT(box), 1);
  CHECK(Py_TYPE(box) == &Box_Type);
  PyObject *extra = Py_NewRef(box);
  CHECK(extra == box);
  CHECK_EQ_INT(Py_REFCNT(box), 2);
  Py_INCREF(box);
  Py_XINCREF(box);
  CHECK_EQ_INT(Py_REFCNT(box), 4);
  Py_DECREF(box);
  Py_XDECREF(box);
  Py_DECREF(extra);
  CHECK(Py_XNewRef(NULL) == NULL);

  Box *b = (Box *)box;
  Py_ssize_t five0 = Py_REFCNT(five);
  Py_SETREF(b->payload, Py_NewRef(minus));     /* releases five */
  CHECK_EQ_INT(Py_REFCNT(five), five0 - 1);
  Py_XSETREF(b->payload, NULL);                /* releases minus */
  Py_XSETREF(b->payload, Py_NewRef(five));     /* old value NULL: nothing released */
  Py_CLEAR(b->payload);
  CHECK(b->payload == NULL);
  Py_CLEAR(b->payload);                        /* NULL: no-op */
  CHECK_EQ_INT(Py_REFCNT(five), five0 - 1);
  Py_INCREF(five);                             /* give back what the first box_new took */

  int *v = PyMem_New(int, 10);               /* the typed helpers of pymem.h */
  REQUIRE(v != NULL);
  v[9] = 9;
  PyMem_Resize(v, int, 1000);
  REQUIRE(v != NULL);
  CHECK_EQ_INT(v[9], 9);
  PyMem_Del(v);

  Py_SET_REFCNT(box, 3);
  CHECK_EQ_INT(Py_REFCNT(box), 3);
  Py_SET_REFCNT(box, 1);
  Py_DECREF(box);
}

static int scenario_clean(void)
{
  RUN(every_refcount_macro);
  int failed = TEST_SUMMARY();
  CHECK_EQ_INT(Py_FinalizeEx(), 0);
  CHECK(!Py_IsInitialized());
  if (rt_defect_count() != 0) {
    rt_defects_write_json(stdout);
    return 1;
  }
  return failed;
}

static int leak_line;

TEST(finalize_reports_the_leak)
{
  leak_line = __LINE__ + 1;
  PyObject *leaked = (PyObject *)PyObject_GC_New(Box, &Box_Type);
  REQUIRE(leaked != NULL);
  ((Box *)leaked)->payload = NULL;
  PyObject_GC_Track(leaked);
  const char *json = "test_embed_leak.json";
  setenv("PYREFCHECK_DEFECTS_JSON", json, 1);
  CHECK_EQ_INT(Py_FinalizeEx(), 0);
  CHECK_EQ_INT(rt_defect_count(), 1);
  const RtDefect *d = rt_defect_find(RT_DEFECT_LEAK);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "embed.Box");
  CHECK_EQ_INT(d->alloc_line, leak_line);
  CHECK_CONTAINS(d->alloc_file, "test_embed.c");
  FILE *f = fopen(json, "r");
  REQUIRE(f != NULL);
  char text[2048];
  size_t n = fread(text, 1, sizeof(text) - 1, f);
  text[n] = '\0';
  fclose(f);
  remove(json);
  CHECK_CONTAINS(text, "\"kind\":\"leak\",\"type\":\"embed.Box\"");
}

static int scenario_leak(void)
{
  RUN(finalize_reports_the_leak);
  return TEST_SUMMARY();
}

TEST(missing_incref_of_none)
{
  /* The runtime starts None with one reference (its own); the bug releases it. */
  PyObject *r = get_none_buggy(NULL, NULL);
  Py_DECREF(r);
  const RtDefect *d = rt_defect_find(RT_DEFECT_SINGLETON_DEALLOC);
  REQUIRE(d != NULL);
  CHECK_EQ_STR(d->type_name, "NoneType");
  CHECK_EQ_INT(Py_REFCNT(Py_None), 0);
  if (getenv("PYREFCHECK_PYTHON") != NULL) {
    CHECK_EQ_INT(rt_profile_minor(), 12);
    CHECK_CONTAINS(d->consequence, "harmless");
  } else {
    CHECK_CONTAINS(d->consequence, "Fatal Python error: deallocating None");
  }
  CHECK_EQ_INT(Py_FinalizeEx(), 0);
  CHECK_EQ_INT(rt_defect_count(), 1);          /* the balance check does not repeat it */
}

static int scenario_none(void)
{
  RUN(missing_incref_of_none);
  return TEST_SUMMARY();
}

int main(int argc, char **argv)
{
  if (argc < 2) return 2;
  Py_Initialize();
  if (!Py_IsInitialized()) return 2;
  if (strcmp(argv[1], "clean") == 0) return scenario_clean();
  if (strcmp(argv[1], "leak") == 0) return scenario_leak();
  if (strcmp(argv[1], "none") == 0) return scenario_none();
  return 2;
}
