/* test_capi_weakref.c — weak references and proxies: sharing of the callback-free ones, the
 * referent's death (references turn to None, callbacks run once each with their reference, a
 * failing callback is unraisable, the caller's exception survives), proxies forwarding to the
 * referent and raising ReferenceError once it is dead, and the types whose dealloc clears the
 * list (modules, heap types, instances of heap types with __weaklistoffset__). Messages are
 * CPython 3.11's. Every test runs in a check window that must end without a defect.
 */
#include "capi_test.h"

static int callbacks;
static PyObject *last_ref;   /* borrowed: the reference the last callback received */

static PyObject *on_death(PyObject *self, PyObject *ref)
{
  (void)self;
  callbacks++;
  last_ref = ref;
  CHECK(PyWeakref_GetObject(ref) == Py_None);   /* the referent is already gone */
  Py_RETURN_NONE;
}

static PyObject *on_death_fails(PyObject *self, PyObject *ref)
{
  (void)self;
  (void)ref;
  callbacks++;
  PyErr_SetString(PyExc_RuntimeError, "callback failed");
  return NULL;
}

static PyMethodDef on_death_def = {"on_death", on_death, METH_O, NULL};
static PyMethodDef on_death_fails_def = {"on_death_fails", on_death_fails, METH_O, NULL};

TEST(sharing_and_lookup)
{
  CAPI_BEGIN();
  PyObject *m = PyModule_New("confmod");
  Py_ssize_t count = Py_REFCNT(m);
  PyObject *r1 = PyWeakref_NewRef(m, NULL), *r2 = PyWeakref_NewRef(m, Py_None);
  CHECK(r1 != NULL && r1 == r2);   /* one shared reference without a callback */
  CHECK_EQ_INT(Py_REFCNT(m), count);   /* weak: the referent's count does not move */
  CHECK(PyWeakref_CheckRef(r1) && PyWeakref_Check(r1) && !PyWeakref_CheckProxy(r1));
  CHECK(PyWeakref_GetObject(r1) == m);
  CHECK(PyWeakref_GET_OBJECT(r1) == m);
  PyObject *o = NULL;
  CHECK_EQ_INT(PyWeakref_GetRef(r1, &o), 1);
  CHECK(o == m);
  CHECK_EQ_INT(Py_REFCNT(m), count + 1);
  Py_XDECREF(o);
  PyObject *cb = PyCFunction_New(&on_death_def, NULL);
  PyObject *r3 = PyWeakref_NewRef(m, cb);
  CHECK(r3 != NULL && r3 != r1);   /* with a callback: a reference of its own */
  CHECK_EQ_INT(PyObject_RichCompareBool(r1, r3, Py_EQ), 1);   /* live: the referents compare */
  CHECK(PyObject_Hash(r1) == PyObject_Hash(m));
  PyObject *p1 = PyWeakref_NewProxy(m, NULL), *p2 = PyWeakref_NewProxy(m, NULL);
  CHECK(p1 != NULL && p1 == p2 && PyWeakref_CheckProxy(p1) && !PyWeakref_CheckRef(p1));
  CHECK(Py_IS_TYPE(p1, &_PyWeakref_ProxyType));   /* a module is not callable */
  PyObject *v = PyObject_CallNoArgs(r1);   /* ref() gives the referent */
  CHECK(v == m);
  Py_XDECREF(v);
  CHECK(PyObject_CallOneArg(r1, m) == NULL);
  CHECK_RAISED(PyExc_TypeError, "weakref expected 0 arguments, got 1");
  Py_DECREF(p1);
  Py_DECREF(p2);
  Py_DECREF(r1);
  Py_DECREF(r2);
  Py_DECREF(r3);
  Py_DECREF(cb);
  Py_DECREF(m);
  CAPI_END_CLEAN();
}

TEST(misuse)
{
  CAPI_BEGIN();
  PyObject *i = PyLong_FromLong(12345);
  CHECK(PyWeakref_NewRef(i, NULL) == NULL);
  CHECK_RAISED(PyExc_TypeError, "cannot create weak reference to 'int' object");
  CHECK(PyWeakref_NewProxy(i, NULL) == NULL);
  CHECK_RAISED(PyExc_TypeError, "cannot create weak reference to 'int' object");
  CHECK(PyWeakref_GetObject(i) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject *o = i;
  CHECK_EQ_INT(PyWeakref_GetRef(i, &o), -1);
  CHECK(o == NULL);
  CHECK_RAISED(PyExc_TypeError, "expected a weakref");
  PyObject *m = PyModule_New("confmod");
  PyObject_ClearWeakRefs(m);   /* only from the referent's dealloc: its count must be zero */
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject_ClearWeakRefs(i);   /* an int has no list */
  CHECK_RAISED(PyExc_SystemError, NULL);
  Py_DECREF(m);
  Py_DECREF(i);
  CAPI_END_CLEAN();
}

TEST(death_runs_callbacks)
{
  CAPI_BEGIN();
  PyObject *m = PyModule_New("confmod");
  PyObject *cb = PyCFunction_New(&on_death_def, NULL), *bad = PyCFunction_New(&on_death_fails_def, NULL);
  PyObject *basic = PyWeakref_NewRef(m, NULL), *with_cb = PyWeakref_NewRef(m, cb);
  PyObject *failing = PyWeakref_NewRef(m, bad), *proxy = PyWeakref_NewProxy(m, cb);
  PyObject *gone = PyWeakref_NewRef(m, cb);
  Py_DECREF(gone);   /* a reference that dies first leaves the list */
  callbacks = 0;
  last_ref = NULL;
  long unraisable = rt_unraisable_count();
  PyErr_SetString(PyExc_KeyError, "pending");
  Py_DECREF(m);   /* the module dies: every reference is cleared, then the callbacks run */
  CHECK_RAISED(PyExc_KeyError, "'pending'");   /* the caller's exception survives them */
  CHECK_EQ_INT(callbacks, 3);
  CHECK_EQ_INT(rt_unraisable_count(), unraisable + 1);
  CHECK(last_ref == with_cb);   /* in list order: each one with a callback goes in front of the
                                  * older ones (after the basic ref), as in CPython */
  CHECK(PyWeakref_GetObject(basic) == Py_None && PyWeakref_GET_OBJECT(with_cb) == Py_None);
  PyObject *o = basic;
  CHECK_EQ_INT(PyWeakref_GetRef(basic, &o), 0);
  CHECK(o == NULL);
  CHECK_NO_ERROR();
  PyObject *v = PyObject_CallNoArgs(basic);
  CHECK(v == Py_None);
  Py_XDECREF(v);
  CHECK(PyObject_Hash(failing) == -1);
  CHECK_RAISED(PyExc_TypeError, "weak object has gone away");
  CHECK_EQ_INT(PyObject_RichCompareBool(basic, with_cb, Py_EQ), 0);   /* dead: identity */
  PyObject *r = PyObject_Repr(basic);
  CHECK(r != NULL && strstr(PyUnicode_AsUTF8(r), "; dead>") != NULL);
  Py_XDECREF(r);
  CHECK(PyObject_GetAttrString(proxy, "__name__") == NULL);
  CHECK_RAISED(PyExc_ReferenceError, "weakly-referenced object no longer exists");
  CHECK_EQ_INT(PyObject_IsTrue(proxy), -1);
  CHECK_RAISED(PyExc_ReferenceError, "weakly-referenced object no longer exists");
  /* The callbacks were released when they ran: the references hold none any more. */
  PyObject *c = PyObject_GetAttrString(with_cb, "__callback__");
  CHECK(c == Py_None);
  Py_XDECREF(c);
  Py_DECREF(basic);
  Py_DECREF(with_cb);
  Py_DECREF(failing);
  Py_DECREF(proxy);
  Py_DECREF(cb);
  Py_DECREF(bad);
  CAPI_END_CLEAN();
}

TEST(proxies_forward)
{
  CAPI_BEGIN();
  PyObject *m = PyModule_New("confmod");
  PyObject *p = PyWeakref_NewProxy(m, NULL);
  PyObject *name = PyObject_GetAttrString(p, "__name__");
  CHECK_STR(name, "confmod");
  Py_XDECREF(name);
  PyObject *one = PyLong_FromLong(1);
  CHECK_EQ_INT(PyObject_SetAttrString(p, "answer", one), 0);
  PyObject *a = PyObject_GetAttrString(m, "answer");
  CHECK(a == one);
  Py_XDECREF(a);
  CHECK_EQ_INT(PyObject_IsTrue(p), 1);
  CHECK_EQ_INT(PyObject_RichCompareBool(p, m, Py_EQ), 1);   /* the proxy unwraps */
  CHECK(PyObject_Hash(p) == -1);
  CHECK_RAISED(PyExc_TypeError, NULL);
  /* A callable referent gets a callable proxy; calling it calls the referent. */
  PyObject *t = PyWeakref_NewProxy((PyObject *)&PyList_Type, NULL);
  CHECK(t != NULL && Py_IS_TYPE(t, &_PyWeakref_CallableProxyType));
  PyObject *l = t ? PyObject_CallNoArgs(t) : NULL;
  CHECK(l != NULL && PyList_CheckExact(l));
  Py_XDECREF(l);
  Py_XDECREF(t);
  Py_DECREF(one);
  Py_DECREF(p);
  Py_DECREF(m);
  CAPI_END_CLEAN();
}

/* A heap type with a weak reference list: its instances die through rt_subtype_dealloc. */
typedef struct {
  PyObject_HEAD
  PyObject *weakreflist;
} Weakable;

static PyMemberDef weakable_members[] = {
    {"__weaklistoffset__", Py_T_PYSSIZET, offsetof(Weakable, weakreflist), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};
static PyType_Slot weakable_slots[] = {{Py_tp_members, weakable_members}, {0, NULL}};
static PyType_Spec weakable_spec = {"conf.Weakable", sizeof(Weakable), 0, Py_TPFLAGS_DEFAULT,
                                    weakable_slots};

TEST(heap_types_clear_their_references)
{
  CAPI_BEGIN();
  PyObject *type = PyType_FromSpec(&weakable_spec);
  REQUIRE(type != NULL);
  PyObject *obj = PyObject_CallNoArgs(type);
  REQUIRE(obj != NULL);
  PyObject *cb = PyCFunction_New(&on_death_def, NULL);
  PyObject *r = PyWeakref_NewRef(obj, cb), *rt = PyWeakref_NewRef(type, cb);
  CHECK(r != NULL && rt != NULL);
  callbacks = 0;
  Py_DECREF(obj);
  CHECK_EQ_INT(callbacks, 1);
  CHECK(PyWeakref_GetObject(r) == Py_None);
  Py_DECREF(type);   /* the heap type dies too (its MRO holds it: a cycle) and clears its list */
  PyGC_Collect();
  CHECK_EQ_INT(callbacks, 2);
  CHECK(PyWeakref_GetObject(rt) == Py_None);
  Py_XDECREF(r);
  Py_XDECREF(rt);
  Py_DECREF(cb);
  CAPI_END_CLEAN();
}

TEST(reference_in_a_cycle)
{
  CAPI_BEGIN();
  /* The module holds a reference to itself whose callback is the module's own function: the
   * collector must free all of it (the reference is a GC object). */
  PyObject *m = PyModule_New("confmod");
  PyObject *cb = PyCFunction_NewEx(&on_death_def, m, NULL);
  PyObject *r = PyWeakref_NewRef(m, cb);
  CHECK_EQ_INT(PyModule_AddObjectRef(m, "self_ref", r), 0);
  Py_DECREF(r);
  Py_DECREF(cb);
  Py_DECREF(m);
  PyGC_Collect();
  CAPI_END_CLEAN();
}

int main(void)
{
  Py_Initialize();
  RUN(sharing_and_lookup);
  RUN(misuse);
  RUN(death_runs_callbacks);
  RUN(proxies_forward);
  RUN(heap_types_clear_their_references);
  RUN(reference_in_a_cycle);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  return capi_defects_or(failed);
}
