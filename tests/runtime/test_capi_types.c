/* test_capi_types.c — the built-in types and their API: None, bool, int (64 bits, OverflowError
 * beyond, the small-int cache), float, str, bytes, tuple, list, dict (the whole GetItem family),
 * set and frozenset, iterators, slices and capsules. Every test runs in a check window that must
 * end without a defect.
 */
#include <float.h>
#include <math.h>
#include "capi_test.h"

/* --- int and bool ------------------------------------------------------------------------------*/
TEST(small_ints_are_shared_and_counted)
{
  CAPI_BEGIN();
  PyObject *a = PyLong_FromLong(7), *b = PyLong_FromLong(7);
  CHECK(a == b);
  CHECK(a == _rt_small_int(7));
  Py_DECREF(a);
  Py_DECREF(b);
  PyObject *c = PyLong_FromLong(1000), *d = PyLong_FromLong(1000);
  CHECK(c != d);   /* no cache beyond 256 */
  CHECK(PyObject_RichCompareBool(c, d, Py_EQ) == 1);
  CHECK(PyObject_Hash(c) == 1000);
  Py_DECREF(c);
  Py_DECREF(d);
  CHECK(PyBool_FromLong(5) == Py_True);
  Py_DECREF(Py_True);
  CHECK(PyLong_Check(Py_True) && !PyLong_CheckExact(Py_True));
  CAPI_END_CLEAN();
}

TEST(int_conversions_follow_cpython)
{
  CAPI_BEGIN();
  PyObject *big = PyLong_FromUnsignedLongLong(ULLONG_MAX);
  REQUIRE(big != NULL);
  CHECK(PyLong_AsUnsignedLongLong(big) == ULLONG_MAX);
  CHECK(PyLong_AsLong(big) == -1);
  CHECK_RAISED(PyExc_OverflowError, "Python int too large to convert to C long");
  int overflow;
  CHECK(PyLong_AsLongAndOverflow(big, &overflow) == -1 && overflow == 1);
  CHECK_NO_ERROR();
  CHECK(PyLong_AsLongLong(big) == -1);
  CHECK_RAISED(PyExc_OverflowError, NULL);
  PyObject *neg = PyLong_FromLongLong(LLONG_MIN);
  CHECK(PyLong_AsLongLong(neg) == LLONG_MIN);
  CHECK(PyLong_AsUnsignedLong(neg) == (unsigned long)-1);
  CHECK_RAISED(PyExc_OverflowError, "can't convert negative value to unsigned int");   /* sic: CPython 3.11 */
  CHECK(PyLong_AsUnsignedLongMask(neg) == (unsigned long)LLONG_MIN);
  CHECK_NO_ERROR();
  CHECK(PyLong_AsSize_t(neg) == (size_t)-1);
  CHECK_RAISED(PyExc_OverflowError, "can't convert negative value to size_t");
  /* Arithmetic past 64 bits raises OverflowError. */
  PyObject *sum = PyNumber_Add(big, big);
  CHECK(sum == NULL);
  CHECK_RAISED(PyExc_OverflowError, NULL);
  PyObject *diff = PyNumber_Subtract(neg, big);
  CHECK(diff == NULL);
  CHECK_RAISED(PyExc_OverflowError, NULL);
  Py_DECREF(big);
  Py_DECREF(neg);
  /* Which conversions accept __index__ and which demand an int. */
  PyObject *f = PyFloat_FromDouble(2.5);
  CHECK(PyLong_AsLong(f) == -1);
  CHECK_RAISED(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
  CHECK(PyLong_AsSsize_t(f) == -1);
  CHECK_RAISED(PyExc_TypeError, "an integer is required");
  CHECK(PyLong_AsLong(NULL) == -1);
  CHECK_RAISED(PyExc_SystemError, NULL);
  Py_DECREF(f);
  PyObject *x = PyLong_FromString("  -0x_1f  ", NULL, 0);
  CHECK(x != NULL && PyLong_AsLong(x) == -31);
  Py_XDECREF(x);
  CHECK(PyLong_FromString("12a", NULL, 10) == NULL);
  CHECK_RAISED(PyExc_ValueError, "invalid literal for int() with base 10: '12a'");
  PyObject *seven = PyLong_FromLong(7), *two = PyLong_FromLong(-2);
  CHECK_REPR_STEAL(PyNumber_FloorDivide(seven, two), "-4");
  CHECK_REPR_STEAL(PyNumber_Remainder(seven, two), "-1");
  CHECK_REPR_STEAL(PyNumber_Power(seven, two, Py_None), "0.02040816326530612");
  CHECK_REPR_STEAL(PyNumber_TrueDivide(seven, two), "-3.5");
  CHECK_REPR_STEAL(PyNumber_Lshift(seven, seven), "896");
  CHECK_REPR_STEAL(PyNumber_Negative(two), "2");
  PyObject *zero = PyLong_FromLong(0);
  CHECK(PyNumber_FloorDivide(seven, zero) == NULL);
  CHECK_RAISED(PyExc_ZeroDivisionError, "integer division or modulo by zero");
  Py_DECREF(zero);
  Py_DECREF(seven);
  Py_DECREF(two);
  CAPI_END_CLEAN();
}

TEST(float_behaviour)
{
  CAPI_BEGIN();
  PyObject *f = PyFloat_FromDouble(0.1);
  CHECK_REPR_STEAL(Py_NewRef(f), "0.1");
  CHECK(PyFloat_AsDouble(f) == 0.1);
  PyObject *one = PyLong_FromLong(1), *onef = PyFloat_FromDouble(1.0);
  CHECK(PyObject_Hash(one) == PyObject_Hash(onef));
  CHECK(PyObject_RichCompareBool(one, onef, Py_EQ) == 1);
  CHECK_REPR_STEAL(PyNumber_Add(one, f), "1.1");
  CHECK(PyFloat_AsDouble(one) == 1.0);
  CHECK(PyFloat_AsDouble(Py_None) == -1.0);
  CHECK_RAISED(PyExc_TypeError, "must be real number, not NoneType");
  CHECK_REPR_STEAL(PyFloat_FromDouble(1e16), "1e+16");
  CHECK_REPR_STEAL(PyFloat_FromDouble(-2.0), "-2.0");
  CHECK_REPR_STEAL(PyFloat_FromDouble(1.0 / 3), "0.3333333333333333");
  CHECK_REPR_STEAL(PyFloat_FromDouble(INFINITY), "inf");
  PyObject *s = PyUnicode_FromString("2.5");
  CHECK_REPR_STEAL(PyFloat_FromString(s), "2.5");
  Py_DECREF(s);
  Py_DECREF(one);
  Py_DECREF(onef);
  Py_DECREF(f);
  CAPI_END_CLEAN();
}

/* --- str and bytes -----------------------------------------------------------------------------*/
TEST(str_api)
{
  CAPI_BEGIN();
  PyObject *s = PyUnicode_FromString("h\xc3\xa9llo");   /* hello with an e acute */
  REQUIRE(s != NULL);
  CHECK_EQ_INT(PyUnicode_GetLength(s), 5);
  Py_ssize_t n;
  const char *u = PyUnicode_AsUTF8AndSize(s, &n);
  CHECK(u != NULL && n == 6 && strcmp(u, "h\xc3\xa9llo") == 0);
  CHECK(PyUnicode_ReadChar(s, 1) == 0xe9);
  CHECK(PyUnicode_FromString("\xff") == NULL);
  CHECK_RAISED(PyExc_UnicodeDecodeError, NULL);
  CHECK(PyErr_GivenExceptionMatches(PyExc_UnicodeDecodeError, PyExc_ValueError));
  PyObject *world = PyUnicode_FromString(" world");
  PyObject *both = PyUnicode_Concat(s, world);
  CHECK_STR(both, "h\xc3\xa9llo world");
  CHECK(PyUnicode_Concat(s, Py_None) == NULL);
  CHECK_RAISED(PyExc_TypeError, "can only concatenate str (not \"NoneType\") to str");
  PyObject *sep = PyUnicode_FromString(", ");
  PyObject *list = Py_BuildValue("[sss]", "a", "b", "c");
  PyObject *joined = PyUnicode_Join(sep, list);
  CHECK_STR(joined, "a, b, c");
  PyObject *bad = Py_BuildValue("[si]", "a", 1);
  CHECK(PyUnicode_Join(sep, bad) == NULL);
  CHECK_RAISED(PyExc_TypeError, "sequence item 1: expected str instance, int found");
  CHECK(PyUnicode_Compare(s, world) > 0);
  CHECK(PyUnicode_CompareWithASCIIString(sep, ", ") == 0);
  CHECK(PyUnicode_CompareWithASCIIString(sep, ",") > 0);
  PyObject *parts = PyUnicode_Split(joined, sep, -1);
  CHECK_REPR_STEAL(parts, "['a', 'b', 'c']");
  CHECK_REPR_STEAL(PyUnicode_Substring(s, 1, 3), "'\xc3\xa9l'");
  CHECK(PyUnicode_Find(joined, sep, 0, PY_SSIZE_T_MAX, 1) == 1);
  CHECK(PyUnicode_Find(joined, sep, 0, PY_SSIZE_T_MAX, -1) == 4);
  CHECK(PyUnicode_Contains(joined, sep) == 1);
  CHECK_REPR_STEAL(PyUnicode_FromFormat("%s|%5d|%-3s|%.2s|%U|%c|%zu|%%|%x", "a", 42, "b", "xyz", sep, 'Z',
                                        (size_t)9, 255),
                   "'a|   42|b  |xy|, |Z|9|%|ff'");
  PyObject *fmt = PyUnicode_FromString("%s=%d (%r)");
  PyObject *args = Py_BuildValue("(sis)", "x", 3, "q");
  CHECK_REPR_STEAL(PyUnicode_Format(fmt, args), "\"x=3 ('q')\"");
  Py_DECREF(fmt);
  Py_DECREF(args);
  PyObject *i1 = PyUnicode_InternFromString("interned-name");
  PyObject *i2 = PyUnicode_FromString("interned-name");
  PyUnicode_InternInPlace(&i2);
  CHECK(i1 == i2);
  Py_DECREF(i1);
  Py_DECREF(i2);
  PyObject *sur = PyUnicode_FromOrdinal(0xD800);
  CHECK(PyUnicode_AsUTF8(sur) == NULL);
  CHECK_RAISED(PyExc_UnicodeEncodeError, NULL);
  Py_DECREF(sur);
  CHECK_REPR_STEAL(PyUnicode_DecodeUTF8("a\xffz", 3, "replace"), "'a\xef\xbf\xbdz'");
  Py_DECREF(bad);
  Py_DECREF(list);
  Py_DECREF(sep);
  Py_DECREF(joined);
  Py_DECREF(both);
  Py_DECREF(world);
  Py_DECREF(s);
  CAPI_END_CLEAN();
}

TEST(bytes_api)
{
  CAPI_BEGIN();
  PyObject *b = PyBytes_FromStringAndSize("ab\0c", 4);
  CHECK_EQ_INT(PyBytes_Size(b), 4);
  char *p;
  Py_ssize_t n;
  CHECK(PyBytes_AsStringAndSize(b, &p, &n) == 0 && n == 4 && p[3] == 'c');
  CHECK(PyBytes_AsStringAndSize(b, &p, NULL) == -1);
  CHECK_RAISED(PyExc_ValueError, "embedded null byte");
  CHECK_REPR_STEAL(Py_NewRef(b), "b'ab\\x00c'");
  PyBytes_Concat(&b, b);
  CHECK(b != NULL && PyBytes_GET_SIZE(b) == 8);
  PyBytes_ConcatAndDel(&b, PyBytes_FromString("!"));
  CHECK(b != NULL && PyBytes_GET_SIZE(b) == 9);
  PyBytes_Concat(&b, Py_None);   /* fails: b is released and set to NULL */
  CHECK(b == NULL);
  CHECK_RAISED(PyExc_TypeError, NULL);
  PyObject *r = PyBytes_FromStringAndSize(NULL, 10);
  CHECK(_PyBytes_Resize(&r, 3) == 0 && PyBytes_GET_SIZE(r) == 3);
  Py_XDECREF(r);
  CHECK(PyBytes_AsString(Py_None) == NULL);
  CHECK_RAISED(PyExc_TypeError, "expected bytes, NoneType found");
  CHECK_REPR_STEAL(PyBytes_FromFormat("%d-%s", 5, "x"), "b'5-x'");
  CAPI_END_CLEAN();
}

/* --- tuple and list ------------------------------------------------------------------------------*/
TEST(tuple_api)
{
  CAPI_BEGIN();
  PyObject *t = PyTuple_New(2);
  REQUIRE(t != NULL);
  CHECK(PyTuple_SetItem(t, 0, PyLong_FromLong(1)) == 0);
  PyObject *item = PyUnicode_FromString("x");
  CHECK(PyTuple_SetItem(t, 5, item) == -1);   /* steals item even on failure */
  CHECK_RAISED(PyExc_IndexError, "tuple assignment index out of range");
  PyTuple_SET_ITEM(t, 1, PyUnicode_FromString("y"));
  CHECK_REPR_STEAL(Py_NewRef(t), "(1, 'y')");
  CHECK(PyTuple_GetItem(t, 1) == PyTuple_GET_ITEM(t, 1));
  CHECK(PyTuple_GetItem(t, 2) == NULL);
  CHECK_RAISED(PyExc_IndexError, "tuple index out of range");
  Py_INCREF(t);   /* shared: SetItem refuses */
  CHECK(PyTuple_SetItem(t, 0, PyLong_FromLong(3)) == -1);
  CHECK_RAISED(PyExc_SystemError, "bad argument to internal function");
  Py_DECREF(t);
  CHECK_REPR_STEAL(PyTuple_GetSlice(t, 1, 10), "('y',)");
  PyObject *one = PyLong_FromLong(1000);   /* not a shared small int: its count is ours */
  PyObject *packed = PyTuple_Pack(3, one, one, one);
  CHECK_EQ_INT(Py_REFCNT(one), 4);
  CHECK(_PyTuple_Resize(&packed, 1) == 0);
  CHECK_EQ_INT(Py_REFCNT(one), 2);
  CHECK_REPR_STEAL(packed, "(1000,)");
  CHECK(PyTuple_Size(Py_None) == -1);
  CHECK_RAISED(PyExc_SystemError, NULL);
  Py_DECREF(one);
  Py_DECREF(t);
  CAPI_END_CLEAN();
}

TEST(list_api)
{
  CAPI_BEGIN();
  PyObject *l = PyList_New(0);
  for (int i = 0; i < 20; i++) {
    PyObject *v = PyLong_FromLong(20 - i);
    CHECK(PyList_Append(l, v) == 0);
    Py_DECREF(v);
  }
  CHECK_EQ_INT(PyList_Size(l), 20);
  CHECK(PyList_Sort(l) == 0);
  CHECK(PyLong_AsLong(PyList_GetItem(l, 0)) == 1);
  CHECK(PyList_Reverse(l) == 0);
  CHECK(PyLong_AsLong(PyList_GET_ITEM(l, 0)) == 20);
  CHECK(PyList_SetSlice(l, 2, 20, NULL) == 0);
  CHECK_REPR_STEAL(Py_NewRef(l), "[20, 19]");
  PyObject *s = PyUnicode_FromString("s");
  CHECK(PyList_Insert(l, 1, s) == 0);
  CHECK(PyList_SetItem(l, 7, s) == -1);   /* steals s (which l still holds once) */
  CHECK_RAISED(PyExc_IndexError, "list assignment index out of range");
  CHECK(PyList_GetItem(l, -1) == NULL);
  CHECK_RAISED(PyExc_IndexError, "list index out of range");
  PyObject *r = PyList_GetItemRef(l, 1);
  CHECK_STR(r, "s");
  Py_XDECREF(r);
  CHECK_REPR_STEAL(PyList_AsTuple(l), "(20, 's', 19)");
  CHECK_REPR_STEAL(PyList_GetSlice(l, 1, 2), "['s']");
  CHECK(PyList_Sort(l) == -1);   /* str < int raises */
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK_EQ_INT(PyList_GET_SIZE(l), 3);
  CHECK(PyList_Append(Py_None, Py_None) == -1);
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject *fresh = PyList_New(2);   /* NULL items until set */
  PyList_SET_ITEM(fresh, 0, PyLong_FromLong(1));
  PyList_SET_ITEM(fresh, 1, PyLong_FromLong(2));
  CHECK(PyList_Extend(l, fresh) == 0 && PyList_GET_SIZE(l) == 5);
  CHECK(PyList_Clear(fresh) == 0 && PyList_GET_SIZE(fresh) == 0);
  Py_DECREF(fresh);
  Py_DECREF(l);
  CAPI_END_CLEAN();
}

/* --- dict: the GetItem family with its exact semantics --------------------------------------------*/
TEST(dict_getitem_family)
{
  CAPI_BEGIN();
  PyObject *d = PyDict_New();
  PyObject *k = PyUnicode_FromString("key"), *v = PyLong_FromLong(1000);
  CHECK(PyDict_SetItem(d, k, v) == 0);
  CHECK_EQ_INT(Py_REFCNT(v), 2);
  CHECK(PyDict_GetItem(d, k) == v);              /* borrowed */
  CHECK_EQ_INT(Py_REFCNT(v), 2);
  CHECK(PyDict_GetItemString(d, "key") == v);
  CHECK(PyDict_GetItemWithError(d, k) == v);
  PyObject *res = NULL;
  CHECK(PyDict_GetItemRef(d, k, &res) == 1 && res == v);   /* new */
  CHECK_EQ_INT(Py_REFCNT(v), 3);
  Py_DECREF(res);
  PyObject *missing = PyUnicode_FromString("missing");
  CHECK(PyDict_GetItemRef(d, missing, &res) == 0 && res == NULL);
  CHECK(PyDict_GetItemWithError(d, missing) == NULL);
  CHECK_NO_ERROR();
  /* An unhashable key: GetItem swallows the error and keeps the caller's exception. */
  PyObject *unhashable = PyList_New(0);
  PyErr_SetString(PyExc_RuntimeError, "kept");
  CHECK(PyDict_GetItem(d, unhashable) == NULL);
  CHECK_RAISED(PyExc_RuntimeError, "kept");
  CHECK(PyDict_GetItemWithError(d, unhashable) == NULL);
  CHECK_RAISED(PyExc_TypeError, "unhashable type: 'list'");
  CHECK(PyDict_GetItemRef(d, unhashable, &res) == -1 && res == NULL);
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK(PyDict_SetItem(d, unhashable, v) == -1);
  CHECK_RAISED(PyExc_TypeError, NULL);
  /* SetDefault: borrowed, inserts only when absent. */
  PyObject *dflt = PyLong_FromLong(2000);
  CHECK(PyDict_SetDefault(d, k, dflt) == v);
  CHECK(PyDict_SetDefault(d, missing, dflt) == dflt);
  CHECK_EQ_INT(Py_REFCNT(dflt), 2);
  CHECK(PyDict_SetDefaultRef(d, missing, v, &res) == 1 && res == dflt);
  Py_DECREF(res);
  /* Next walks in insertion order with borrowed references. */
  Py_ssize_t pos = 0;
  PyObject *kk, *vv;
  int n = 0;
  while (PyDict_Next(d, &pos, &kk, &vv)) n++;
  CHECK_EQ_INT(n, 2);
  CHECK(PyDict_Contains(d, missing) == 1);
  CHECK(PyDict_DelItem(d, missing) == 0);
  CHECK(PyDict_DelItem(d, missing) == -1);
  CHECK_RAISED(PyExc_KeyError, "'missing'");
  CHECK(PyDict_Pop(d, k, &res) == 1 && res == v);
  Py_DECREF(res);
  CHECK(PyDict_Pop(d, k, &res) == 0 && res == NULL);
  CHECK_EQ_INT(PyDict_Size(d), 0);
  CHECK(PyDict_GetItem(Py_None, k) == NULL);
  CHECK_NO_ERROR();
  CHECK(PyDict_GetItemWithError(Py_None, k) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  Py_DECREF(dflt);
  Py_DECREF(unhashable);
  Py_DECREF(missing);
  Py_DECREF(k);
  Py_DECREF(v);
  Py_DECREF(d);
  CAPI_END_CLEAN();
}

TEST(dict_order_and_bulk)
{
  CAPI_BEGIN();
  PyObject *d = PyDict_New();
  for (int i = 0; i < 100; i++) {
    PyObject *key = PyUnicode_FromFormat("k%d", i), *val = PyLong_FromLong(i);
    CHECK(PyDict_SetItem(d, key, val) == 0);
    Py_DECREF(key);
    Py_DECREF(val);
  }
  for (int i = 0; i < 100; i += 2) {
    PyObject *key = PyUnicode_FromFormat("k%d", i);
    CHECK(PyDict_DelItem(d, key) == 0);
    Py_DECREF(key);
  }
  PyObject *keys = PyDict_Keys(d);
  CHECK(PyList_GET_SIZE(keys) == 50 && str_is(PyList_GET_ITEM(keys, 0), "k1") &&
        str_is(PyList_GET_ITEM(keys, 49), "k99"));
  Py_DECREF(keys);
  PyObject *copy = PyDict_Copy(d);
  CHECK(PyObject_RichCompareBool(copy, d, Py_EQ) == 1);
  PyObject *one = PyLong_FromLong(1), *onef = PyFloat_FromDouble(1.0), *x = PyUnicode_FromString("x");
  CHECK(PyDict_SetItem(copy, one, x) == 0);
  CHECK(PyDict_GetItem(copy, onef) == x);   /* 1 == 1.0 and hash(1) == hash(1.0) */
  PyObject *items = Py_BuildValue("[(ii)(ii)]", 1, 2, 3, 4);
  PyObject *fromseq = PyDict_New();
  CHECK(PyDict_MergeFromSeq2(fromseq, items, 1) == 0);
  CHECK_REPR_STEAL(Py_NewRef(fromseq), "{1: 2, 3: 4}");
  CHECK(PyDict_Update(fromseq, copy) == 0);
  CHECK_EQ_INT(PyDict_Size(fromseq), 52);
  PyDict_Clear(fromseq);
  CHECK_EQ_INT(PyDict_GET_SIZE(fromseq), 0);
  Py_DECREF(fromseq);
  Py_DECREF(items);
  Py_DECREF(one);
  Py_DECREF(onef);
  Py_DECREF(x);
  Py_DECREF(copy);
  Py_DECREF(d);
  CAPI_END_CLEAN();
}

/* --- set, iterators, slices, capsules -----------------------------------------------------------*/
TEST(set_api)
{
  CAPI_BEGIN();
  PyObject *s = PySet_New(NULL);
  PyObject *a = PyUnicode_FromString("a"), *b = PyLong_FromLong(2);
  CHECK(PySet_Add(s, a) == 0 && PySet_Add(s, b) == 0 && PySet_Add(s, a) == 0);
  CHECK_EQ_INT(PySet_Size(s), 2);
  CHECK(PySet_Contains(s, a) == 1);
  CHECK(PySet_Discard(s, a) == 1);
  CHECK(PySet_Discard(s, a) == 0);
  CHECK_EQ_INT(Py_REFCNT(a), 1);   /* discard released the set's reference, not the caller's */
  PyObject *list = PyList_New(0);
  CHECK(PySet_Add(s, list) == -1);
  CHECK_RAISED(PyExc_TypeError, "unhashable type: 'list'");
  PyObject *fs = PyFrozenSet_New(s);
  CHECK(PyFrozenSet_Check(fs) && PyAnySet_Check(fs) && !PySet_Check(fs));
  CHECK(PyObject_Hash(fs) != -1);
  CHECK(PySet_Discard(fs, b) == -1);   /* not a set */
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject *popped = PySet_Pop(s);
  CHECK(popped == b);
  Py_XDECREF(popped);
  CHECK(PySet_Pop(s) == NULL);
  CHECK_RAISED(PyExc_KeyError, "'pop from an empty set'");
  CHECK(PySet_Clear(s) == 0);
  Py_DECREF(fs);
  Py_DECREF(list);
  Py_DECREF(a);
  Py_DECREF(b);
  Py_DECREF(s);
  CAPI_END_CLEAN();
}

TEST(iterators)
{
  CAPI_BEGIN();
  PyObject *objs[4] = {Py_BuildValue("[iii]", 1, 2, 3), Py_BuildValue("(iii)", 1, 2, 3),
                       Py_BuildValue("{i:i,i:i,i:i}", 1, 0, 2, 0, 3, 0), PyUnicode_FromString("abc")};
  for (int k = 0; k < 4; k++) {
    PyObject *it = PyObject_GetIter(objs[k]), *item;
    REQUIRE(it != NULL);
    CHECK(PyIter_Check(it));
    int n = 0;
    while ((item = PyIter_Next(it)) != NULL) {
      n++;
      Py_DECREF(item);
    }
    CHECK_NO_ERROR();
    CHECK_EQ_INT(n, 3);
    Py_DECREF(it);
    Py_DECREF(objs[k]);
  }
  CHECK(PyObject_GetIter(Py_None) == NULL);
  CHECK_RAISED(PyExc_TypeError, "'NoneType' object is not iterable");
  PyObject *bytes = PyBytes_FromString("xy");   /* iterable through the sequence protocol */
  PyObject *it = PyObject_GetIter(bytes);
  PyObject *first = PyIter_Next(it);
  CHECK(first != NULL && PyLong_AsLong(first) == 'x');
  Py_XDECREF(first);
  Py_DECREF(it);
  Py_DECREF(bytes);
  CAPI_END_CLEAN();
}

static int destructor_ran;
static void capsule_destructor(PyObject *cap)
{
  destructor_ran += PyCapsule_GetPointer(cap, "mod.api") == &destructor_ran;
}

TEST(capsules_and_slices)
{
  CAPI_BEGIN();
  PyObject *cap = PyCapsule_New(&destructor_ran, "mod.api", capsule_destructor);
  CHECK(PyCapsule_IsValid(cap, "mod.api"));
  CHECK(PyCapsule_GetPointer(cap, "mod.api") == &destructor_ran);
  CHECK(PyCapsule_GetPointer(cap, "other") == NULL);
  CHECK_RAISED(PyExc_ValueError, "PyCapsule_GetPointer called with incorrect name");
  CHECK(PyCapsule_New(NULL, "x", NULL) == NULL);
  CHECK_RAISED(PyExc_ValueError, NULL);
  Py_DECREF(cap);
  CHECK_EQ_INT(destructor_ran, 1);
  PyObject *l = Py_BuildValue("[iiiii]", 0, 1, 2, 3, 4);
  PyObject *start = PyLong_FromLong(1), *step = PyLong_FromLong(2);
  PyObject *slice = PySlice_New(start, NULL, step);
  CHECK_REPR_STEAL(PyObject_GetItem(l, slice), "[1, 3]");
  Py_ssize_t a, b, c, n;
  CHECK(PySlice_GetIndicesEx(slice, 5, &a, &b, &c, &n) == 0 && a == 1 && b == 5 && c == 2 && n == 2);
  CHECK_REPR_STEAL(PySequence_GetSlice(l, 1, -1), "[1, 2, 3]");
  Py_DECREF(slice);
  Py_DECREF(start);
  Py_DECREF(step);
  Py_DECREF(l);
  CAPI_END_CLEAN();
}

TEST(singletons_repr_and_truth)
{
  CAPI_BEGIN();
  CHECK_REPR_STEAL(Py_NewRef(Py_None), "None");
  CHECK_REPR_STEAL(Py_NewRef(Py_True), "True");
  CHECK_REPR_STEAL(Py_NewRef(Py_NotImplemented), "NotImplemented");
  CHECK_REPR_STEAL(Py_NewRef(Py_Ellipsis), "Ellipsis");
  CHECK(PyObject_IsTrue(Py_None) == 0);
  PyObject *empty = PyList_New(0), *zero = PyFloat_FromDouble(0.0);
  CHECK(PyObject_IsTrue(empty) == 0 && PyObject_Not(zero) == 1);
  Py_DECREF(empty);
  Py_DECREF(zero);
  CAPI_END_CLEAN();
}

int main(void)
{
  Py_Initialize();
  RUN(small_ints_are_shared_and_counted);
  RUN(int_conversions_follow_cpython);
  RUN(float_behaviour);
  RUN(str_api);
  RUN(bytes_api);
  RUN(tuple_api);
  RUN(list_api);
  RUN(dict_getitem_family);
  RUN(dict_order_and_bulk);
  RUN(set_api);
  RUN(iterators);
  RUN(capsules_and_slices);
  RUN(singletons_repr_and_truth);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  return capi_defects_or(failed);
}
