/* test_capi_abstract.c — the abstract object layer, calls, PyArg_Parse* and Py_BuildValue:
 * results, CPython's error types and messages, and ownership (what "N" steals, also when building
 * fails, what O& converters clean up when a later argument fails). Every test runs in a check
 * window that must end without a defect.
 */
#include "capi_test.h"

/* --- Py_BuildValue ---------------------------------------------------------------------------------*/
TEST(build_value_codes)
{
  CAPI_BEGIN();
  CHECK_REPR_STEAL(Py_BuildValue(""), "None");
  CHECK_REPR_STEAL(Py_BuildValue("i", -3), "-3");
  CHECK_REPR_STEAL(Py_BuildValue("(i)", 1), "(1,)");
  CHECK_REPR_STEAL(Py_BuildValue("ii", 1, 2), "(1, 2)");
  CHECK_REPR_STEAL(Py_BuildValue("[s, z, z#]", "a", NULL, "bcd", (Py_ssize_t)2), "['a', None, 'bc']");
  CHECK_REPR_STEAL(Py_BuildValue("{s:i,s:(d,f)}", "x", 1, "y", 0.5, 1.5), "{'x': 1, 'y': (0.5, 1.5)}");
  CHECK_REPR_STEAL(Py_BuildValue("y#c", "a\0b", (Py_ssize_t)3, 'q'), "(b'a\\x00b', b'q')");
  CHECK_REPR_STEAL(Py_BuildValue("(kKLnC)", 4000000000UL, 18446744073709551615ULL, -5LL, (Py_ssize_t)-1, 0xe9),
                   "(4000000000, 18446744073709551615, -5, -1, '\xc3\xa9')");
  CHECK_REPR_STEAL(Py_BuildValue("(BHb)", 255, 65535, -1), "(255, 65535, -1)");
  PyObject *o = PyList_New(0);
  PyObject *r = Py_BuildValue("(OO)", o, o);
  CHECK_EQ_INT(Py_REFCNT(o), 3);
  Py_DECREF(r);
  r = Py_BuildValue("(NS)", Py_NewRef(o), o);   /* N steals, S takes a new reference */
  CHECK_EQ_INT(Py_REFCNT(o), 3);
  Py_DECREF(r);
  CHECK_EQ_INT(Py_REFCNT(o), 1);
  CHECK(Py_BuildValue("(iO)", 1, NULL) == NULL);
  CHECK_RAISED(PyExc_SystemError, "NULL object passed to Py_BuildValue");
  CHECK(Py_BuildValue("(i", 1) == NULL);
  CHECK_RAISED(PyExc_SystemError, "unmatched paren in format");
  CHECK(Py_BuildValue("{i}", 1) == NULL);
  CHECK_RAISED(PyExc_SystemError, "Bad dict format");
  Py_DECREF(o);
  CAPI_END_CLEAN();
}

TEST(build_value_n_steals_on_failure)
{
  CAPI_BEGIN();
  /* An error midway: the N arguments not yet consumed are released too. */
  PyObject *a = PyList_New(0), *b = PyList_New(0);
  CHECK(Py_BuildValue("(NON)", a, NULL, b) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  /* a and b are gone: the check window reports nothing leaked. */
  /* Allocation failure of the container: every N argument is still released. */
  PyObject *c = PyList_New(0), *d = PyList_New(0), *e = PyList_New(0);
  rt_set_nomemory(0, 1);
  PyObject *r = Py_BuildValue("(N[N]N)", c, d, e);
  rt_remove_mem_hooks();
  CHECK(r == NULL);
  CHECK_RAISED(PyExc_MemoryError, NULL);
  CAPI_END_CLEAN();
}

static PyObject *make_answer(void *p) { return PyLong_FromLong(*(int *)p); }

TEST(build_value_converter)
{
  CAPI_BEGIN();
  int v = 42;
  CHECK_REPR_STEAL(Py_BuildValue("(O&)", make_answer, &v), "(42,)");
  CAPI_END_CLEAN();
}

/* --- PyArg_Parse* -------------------------------------------------------------------------------*/
TEST(parse_tuple_codes)
{
  CAPI_BEGIN();
  PyObject *args = Py_BuildValue("(iLdsy#Oz)", 7, -8LL, 2.5, "str", "by", (Py_ssize_t)2, Py_None, NULL);
  int i = 0;
  long long ll = 0;
  double d = 0;
  const char *s = NULL, *y = NULL, *z = "x";
  Py_ssize_t ylen = 0;
  PyObject *o = NULL;
  CHECK(PyArg_ParseTuple(args, "iLdsy#Oz:f", &i, &ll, &d, &s, &y, &ylen, &o, &z));
  CHECK(i == 7 && ll == -8 && d == 2.5 && strcmp(s, "str") == 0 && ylen == 2 && o == Py_None && z == NULL);
  CHECK_EQ_INT(Py_REFCNT(args), 1);   /* O borrows */
  CHECK(!PyArg_ParseTuple(args, "ii:f", &i, &i));
  CHECK_RAISED(PyExc_TypeError, "f() takes exactly 2 arguments (7 given)");
  CHECK(!PyArg_ParseTuple(args, "iLdi|O:g", &i, &ll, &d, &i, &o));
  CHECK_RAISED(PyExc_TypeError, "g() takes at most 5 arguments (7 given)");
  Py_DECREF(args);
  args = Py_BuildValue("(si)", "x", 3);
  CHECK(!PyArg_ParseTuple(args, "ii:h", &i, &i));
  CHECK_RAISED(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  CHECK(!PyArg_ParseTuple(args, "O!i:h", &PyList_Type, &o, &i));
  CHECK_RAISED(PyExc_TypeError, "h() argument 1 must be list, not str");
  CHECK(!PyArg_ParseTuple(args, "ss:h", &s, &s));
  CHECK_RAISED(PyExc_TypeError, "h() argument 2 must be str, not int");
  CHECK(!PyArg_ParseTuple(args, "ii;custom message", &i, &i));
  CHECK_RAISED(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  CHECK(!PyArg_ParseTuple(args, "O!i;custom message", &PyList_Type, &o, &i));
  CHECK_RAISED(PyExc_TypeError, "custom message");
  Py_DECREF(args);
  args = Py_BuildValue("(i)", 300);
  unsigned char b;
  CHECK(!PyArg_ParseTuple(args, "b", &b));
  CHECK_RAISED(PyExc_OverflowError, "unsigned byte integer is greater than maximum");
  CHECK(PyArg_ParseTuple(args, "B", &b) && b == 44);   /* B masks */
  int flag = -1;
  CHECK(PyArg_ParseTuple(args, "p", &flag) && flag == 1);
  Py_DECREF(args);
  args = Py_BuildValue("(s#)", "a\0b", (Py_ssize_t)3);
  CHECK(!PyArg_ParseTuple(args, "s", &s));
  CHECK_RAISED(PyExc_ValueError, "embedded null character");
  Py_buffer view;
  CHECK(PyArg_ParseTuple(args, "s*", &view) && view.len == 3 && view.obj != NULL);
  PyBuffer_Release(&view);
  Py_DECREF(args);
  args = Py_BuildValue("((ii)s)", 1, 2, "t");
  int p1, p2;
  CHECK(PyArg_ParseTuple(args, "(ii)s", &p1, &p2, &s) && p1 == 1 && p2 == 2);
  CHECK(!PyArg_ParseTuple(args, "(iii)s", &p1, &p2, &p1, &s));
  CHECK_RAISED(PyExc_TypeError, "argument 1 must be sequence of length 3, not 2");
  Py_DECREF(args);
  PyObject *one = PyLong_FromLong(9);
  long lv = 0;
  CHECK(PyArg_Parse(one, "l", &lv) && lv == 9);
  Py_DECREF(one);
  CAPI_END_CLEAN();
}

static int cleanups;
/* An O& converter that builds a new list and supports cleanup: on a later failure the parser calls
 * it with NULL and it releases what it built. */
static int to_list(PyObject *obj, void *addr)
{
  PyObject **out = addr;
  if (obj == NULL) {
    cleanups++;
    Py_CLEAR(*out);
    return 1;
  }
  *out = PySequence_List(obj);
  return *out != NULL ? Py_CLEANUP_SUPPORTED : 0;
}

TEST(parse_converter_cleanup)
{
  CAPI_BEGIN();
  PyObject *args = Py_BuildValue("((ii)s)", 1, 2, "notint");
  PyObject *list = NULL;
  int i;
  cleanups = 0;
  CHECK(!PyArg_ParseTuple(args, "O&i", to_list, &list, &i));
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK_EQ_INT(cleanups, 1);
  CHECK(list == NULL);
  Py_DECREF(args);
  args = Py_BuildValue("((ii)i)", 1, 2, 3);
  CHECK(PyArg_ParseTuple(args, "O&i", to_list, &list, &i));
  CHECK_REPR_STEAL(list, "[1, 2]");   /* the caller owns what the converter built */
  Py_DECREF(args);
  CAPI_END_CLEAN();
}

TEST(parse_keywords)
{
  CAPI_BEGIN();
  static char *kwlist[] = {(char *)"", (char *)"b", (char *)"c", NULL};
  PyObject *args = Py_BuildValue("(i)", 1);
  PyObject *kw = Py_BuildValue("{s:i}", "c", 3);
  int a = 0, b = 0, c = 0;
  CHECK(PyArg_ParseTupleAndKeywords(args, kw, "i|i$i:k", kwlist, &a, &b, &c) && a == 1 && b == 0 && c == 3);
  PyObject *bad = Py_BuildValue("{s:i}", "zzz", 3);
  CHECK(!PyArg_ParseTupleAndKeywords(args, bad, "i|i$i:k", kwlist, &a, &b, &c));
  CHECK_RAISED(PyExc_TypeError, "'zzz' is an invalid keyword argument for k()");
  PyObject *empty = PyTuple_New(0);
  CHECK(!PyArg_ParseTupleAndKeywords(empty, kw, "i|i$i:k", kwlist, &a, &b, &c));
  CHECK_RAISED(PyExc_TypeError, "k() takes at least 1 positional argument (0 given)");
  PyObject *three = Py_BuildValue("(iii)", 1, 2, 3);
  CHECK(!PyArg_ParseTupleAndKeywords(three, NULL, "i|i$i:k", kwlist, &a, &b, &c));
  CHECK_RAISED(PyExc_TypeError, "k() takes at most 2 positional arguments (3 given)");
  PyObject *x = NULL, *y = NULL;
  CHECK(PyArg_UnpackTuple(args, "u", 1, 2, &x, &y) && x != NULL && y == NULL);
  CHECK(!PyArg_UnpackTuple(args, "u", 2, 2, &x, &y));
  CHECK_RAISED(PyExc_TypeError, "u expected 2 arguments, got 1");
  Py_DECREF(three);
  Py_DECREF(empty);
  Py_DECREF(bad);
  Py_DECREF(kw);
  Py_DECREF(args);
  CAPI_END_CLEAN();
}

/* --- the abstract layer -----------------------------------------------------------------------------*/
TEST(object_protocol)
{
  CAPI_BEGIN();
  PyObject *l = Py_BuildValue("[iii]", 1, 2, 3), *d = PyDict_New(), *k = PyUnicode_FromString("k");
  PyObject *idx = PyLong_FromLong(-1);
  PyObject *last = PyObject_GetItem(l, idx);
  CHECK(last != NULL && PyLong_AsLong(last) == 3);
  Py_XDECREF(last);
  CHECK(PyObject_SetItem(d, k, l) == 0);
  CHECK(PyObject_GetItem(d, idx) == NULL);
  CHECK_RAISED(PyExc_KeyError, "-1");
  CHECK(PyObject_DelItem(d, k) == 0);
  CHECK(PyObject_GetItem(Py_None, k) == NULL);
  CHECK_RAISED(PyExc_TypeError, "'NoneType' object is not subscriptable");
  CHECK(PyObject_SetItem(k, idx, k) == -1);
  CHECK_RAISED(PyExc_TypeError, "'str' object does not support item assignment");
  CHECK_EQ_INT(PyObject_Size(l), 3);
  CHECK(PyObject_Size(Py_None) == -1);
  CHECK_RAISED(PyExc_TypeError, "object of type 'NoneType' has no len()");
  CHECK(PyObject_Hash(l) == -1);
  CHECK_RAISED(PyExc_TypeError, "unhashable type: 'list'");
  CHECK(PyObject_RichCompare(l, k, Py_LT) == NULL);
  CHECK_RAISED(PyExc_TypeError, "'<' not supported between instances of 'list' and 'str'");
  CHECK(PyObject_RichCompareBool(l, l, Py_EQ) == 1);
  CHECK(PyObject_IsInstance(l, (PyObject *)&PyList_Type) == 1);
  PyObject *types = PyTuple_Pack(2, (PyObject *)&PyDict_Type, (PyObject *)&PyList_Type);
  CHECK(PyObject_IsInstance(l, types) == 1);
  CHECK(PyObject_IsSubclass((PyObject *)&PyBool_Type, (PyObject *)&PyLong_Type) == 1);
  CHECK(PyObject_IsInstance(l, Py_None) == -1);
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK(PyObject_GetAttrString(l, "nope") == NULL);
  CHECK_RAISED(PyExc_AttributeError, "'list' object has no attribute 'nope'");
  CHECK(PyObject_HasAttrString(l, "append") == 1);
  CHECK(PyObject_HasAttrString(l, "nope") == 0);
  CHECK_NO_ERROR();
  CHECK_REPR_STEAL(PyObject_Type(l), "<class 'list'>");
  CHECK_REPR_STEAL(PyObject_Str(k), "'k'");
  PyObject *e_acute = PyUnicode_FromString("\xc3\xa9");
  CHECK_REPR_STEAL(PyObject_ASCII(e_acute), "\"'\\\\xe9'\"");
  Py_DECREF(e_acute);
  Py_DECREF(types);
  Py_DECREF(idx);
  Py_DECREF(k);
  Py_DECREF(d);
  Py_DECREF(l);
  CAPI_END_CLEAN();
}

TEST(sequence_and_mapping)
{
  CAPI_BEGIN();
  PyObject *t = Py_BuildValue("(iiii)", 1, 2, 2, 3), *two = PyLong_FromLong(2), *nine = PyLong_FromLong(9);
  CHECK(PySequence_Check(t) && PyMapping_Check(t));   /* a tuple has mp_subscript */
  CHECK_EQ_INT(PySequence_Count(t, two), 2);
  CHECK_EQ_INT(PySequence_Index(t, two), 1);
  CHECK(PySequence_Index(t, nine) == -1);
  CHECK_RAISED(PyExc_ValueError, "sequence.index(x): x not in sequence");
  CHECK(PySequence_Contains(t, nine) == 0);
  CHECK_REPR_STEAL(PySequence_List(t), "[1, 2, 2, 3]");
  CHECK_REPR_STEAL(PySequence_Concat(t, t), "(1, 2, 2, 3, 1, 2, 2, 3)");
  CHECK_REPR_STEAL(PySequence_Repeat(t, 0), "()");
  PyObject *fast = PySequence_Fast(t, "need a sequence");
  CHECK(fast == t);   /* a tuple is returned as is, with a new reference */
  CHECK(PySequence_Fast_GET_SIZE(fast) == 4 && PySequence_Fast_GET_ITEM(fast, 3) == PyTuple_GET_ITEM(t, 3));
  Py_DECREF(fast);
  CHECK(PySequence_Fast(Py_None, "need a sequence") == NULL);
  CHECK_RAISED(PyExc_TypeError, "need a sequence");
  PyObject *d = Py_BuildValue("{s:i}", "a", 1);
  CHECK_REPR_STEAL(PyMapping_Keys(d), "['a']");
  CHECK_REPR_STEAL(PyMapping_Items(d), "[('a', 1)]");
  CHECK(PyMapping_HasKeyString(d, "a") == 1 && PyMapping_HasKeyString(d, "b") == 0);
  CHECK(PyMapping_SetItemString(d, "b", t) == 0);
  CHECK_REPR_STEAL(PyMapping_GetItemString(d, "b"), "(1, 2, 2, 3)");
  CHECK(PyMapping_GetItemString(d, "zz") == NULL);
  CHECK_RAISED(PyExc_KeyError, "'zz'");
  PyObject *res;
  CHECK(PyMapping_GetOptionalItemString(d, "zz", &res) == 0 && res == NULL);
  CHECK(PySequence_GetItem(d, 0) == NULL);
  CHECK_RAISED(PyExc_TypeError, "dict is not a sequence");
  Py_DECREF(d);
  Py_DECREF(two);
  Py_DECREF(nine);
  Py_DECREF(t);
  CAPI_END_CLEAN();
}

TEST(number_protocol)
{
  CAPI_BEGIN();
  PyObject *a = PyLong_FromLong(6), *s = PyUnicode_FromString("ab"), *l = Py_BuildValue("[i]", 1);
  CHECK_REPR_STEAL(PyNumber_Multiply(s, a), "'abababababab'");
  CHECK_REPR_STEAL(PyNumber_Add(l, l), "[1, 1]");
  CHECK(PyNumber_Add(a, s) == NULL);
  CHECK_RAISED(PyExc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'");
  CHECK(PyNumber_Negative(s) == NULL);
  CHECK_RAISED(PyExc_TypeError, "bad operand type for unary -: 'str'");
  PyObject *r = PyNumber_InPlaceAdd(l, l);   /* list += list extends in place */
  CHECK(r == l && PyList_GET_SIZE(l) == 2);
  Py_XDECREF(r);
  CHECK_REPR_STEAL(PyNumber_Index(a), "6");
  CHECK(PyNumber_Index(s) == NULL);
  CHECK_RAISED(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  CHECK_REPR_STEAL(PyNumber_Float(a), "6.0");
  CHECK(PyNumber_Long(s) == NULL);
  CHECK_RAISED(PyExc_ValueError, "invalid literal for int() with base 10: 'ab'");
  CHECK_REPR_STEAL(PyNumber_ToBase(a, 2), "'0b110'");
  CHECK(PyNumber_AsSsize_t(a, NULL) == 6);
  CHECK_REPR_STEAL(PyNumber_Divmod(a, a), "(1, 0)");
  CHECK_REPR_STEAL(PyNumber_And(Py_True, Py_False), "False");
  Py_DECREF(a);
  Py_DECREF(s);
  Py_DECREF(l);
  CAPI_END_CLEAN();
}

TEST(calls)
{
  CAPI_BEGIN();
  PyObject *l = PyList_New(0);
  CHECK_REPR_STEAL(PyObject_CallMethod(l, "append", "i", 1), "None");
  CHECK_REPR_STEAL(PyObject_CallMethod(l, "append", "(i)", 2), "None");   /* a 1-tuple is the args */
  PyObject *name = PyUnicode_FromString("append"), *x = PyUnicode_FromString("x");
  CHECK_REPR_STEAL(PyObject_CallMethodObjArgs(l, name, x, NULL), "None");
  CHECK_REPR_STEAL(PyObject_CallMethodOneArg(l, name, x), "None");
  CHECK_REPR_STEAL(Py_NewRef(l), "[1, 2, 'x', 'x']");
  PyObject *tuple_type = (PyObject *)&PyTuple_Type;
  CHECK_REPR_STEAL(PyObject_CallOneArg(tuple_type, l), "(1, 2, 'x', 'x')");
  CHECK_REPR_STEAL(PyObject_CallFunctionObjArgs(tuple_type, l, NULL), "(1, 2, 'x', 'x')");
  CHECK_REPR_STEAL(PyObject_CallFunction((PyObject *)&PyLong_Type, "si", "ff", 16), "255");
  CHECK_REPR_STEAL(PyObject_CallNoArgs((PyObject *)&PyDict_Type), "{}");
  PyObject *kw = Py_BuildValue("{s:i}", "a", 1), *empty = PyTuple_New(0);
  CHECK_REPR_STEAL(PyObject_Call((PyObject *)&PyDict_Type, empty, kw), "{'a': 1}");
  CHECK(PyObject_Call(l, empty, NULL) == NULL);
  CHECK_RAISED(PyExc_TypeError, "'list' object is not callable");
  CHECK(PyObject_Call(tuple_type, l, NULL) == NULL);
  CHECK_RAISED(PyExc_TypeError, "argument list must be a tuple");
  CHECK(PyObject_CallMethod(l, "nope", NULL) == NULL);
  CHECK_RAISED(PyExc_AttributeError, "'list' object has no attribute 'nope'");
  CHECK(PyObject_CallNoArgs((PyObject *)&PyModuleDef_Type) == NULL);
  CHECK_RAISED(PyExc_TypeError, "cannot create 'moduledef' instances");
  Py_DECREF(kw);
  Py_DECREF(empty);
  Py_DECREF(name);
  Py_DECREF(x);
  Py_DECREF(l);
  CAPI_END_CLEAN();
}

int main(void)
{
  Py_Initialize();
  RUN(build_value_codes);
  RUN(build_value_n_steals_on_failure);
  RUN(build_value_converter);
  RUN(parse_tuple_codes);
  RUN(parse_converter_cleanup);
  RUN(parse_keywords);
  RUN(object_protocol);
  RUN(sequence_and_mapping);
  RUN(number_protocol);
  RUN(calls);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  return capi_defects_or(failed);
}
