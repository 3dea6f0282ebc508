/* test_capi_objects.c — the built-in types added after the first ones: complex (the C arithmetic,
 * the object's number slots, repr, hash, comparisons, complex() and the "D" codes of
 * PyArg_Parse* / Py_BuildValue), float's repr, which complex's shares, and bytearray (the C-API,
 * the object, its buffer that pins the size, the Y and w* codes), memoryview and the PyBuffer_*
 * layout helpers, struct sequences (static and heap types, hidden fields, PyFloat_GetInfo), cells,
 * bound methods and instance methods, and the PEP 393 view of str (kinds, data, PyUnicode_New and
 * its writers), staticmethod and classmethod, _PyEval_SliceIndex, _PyUnicodeWriter, the
 * character database (Py_UNICODE_IS* / TO*), types.GenericAlias, the private clocks, super, the private API compatibility shims call, the es/et codes, int's and float's methods. Results, ownership and
 * CPython 3.11's error types and messages (taken from python3 itself); every test runs in a check
 * window that must end without a defect.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include "capi_test.h"

/* repr(o) compared with s; o is released. */
#define CHECK_REPR(o, s) CHECK_REPR_STEAL(o, s)

static PyObject *eval_binary(PyObject *(*op)(PyObject *, PyObject *), double ar, double ai, double br,
                             double bi)
{
  PyObject *a = PyComplex_FromDoubles(ar, ai), *b = PyComplex_FromDoubles(br, bi);
  PyObject *r = (a != NULL && b != NULL) ? op(a, b) : NULL;
  Py_XDECREF(a);
  Py_XDECREF(b);
  return r;
}

TEST(float_repr_is_cpythons)
{
  CAPI_BEGIN();
  CHECK_REPR(PyFloat_FromDouble(1e15), "1000000000000000.0");
  CHECK_REPR(PyFloat_FromDouble(1e16), "1e+16");
  CHECK_REPR(PyFloat_FromDouble(123456789012345678.0), "1.2345678901234568e+17");
  CHECK_REPR(PyFloat_FromDouble(1.5e-5), "1.5e-05");
  CHECK_REPR(PyFloat_FromDouble(0.0001), "0.0001");
  CHECK_REPR(PyFloat_FromDouble(-0.0), "-0.0");
  CHECK_REPR(PyFloat_FromDouble(5e-324), "5e-324");
  CHECK_REPR(PyFloat_FromDouble(1.0 / 3), "0.3333333333333333");
  CHECK_REPR(PyFloat_FromDouble(1.7976931348623157e308), "1.7976931348623157e+308");
  CHECK_REPR(PyFloat_FromDouble(-2.5), "-2.5");
  CAPI_END_CLEAN();
}

TEST(complex_c_arithmetic)
{
  CAPI_BEGIN();
  Py_complex a = {1.0, 2.0}, b = {3.0, -1.0}, r;
  r = _Py_c_sum(a, b);
  CHECK(r.real == 4.0 && r.imag == 1.0);
  r = _Py_c_diff(a, b);
  CHECK(r.real == -2.0 && r.imag == 3.0);
  r = _Py_c_prod(a, b);
  CHECK(r.real == 5.0 && r.imag == 5.0);
  r = _Py_c_neg(a);
  CHECK(r.real == -1.0 && r.imag == -2.0);
  errno = 0;
  r = _Py_c_quot(a, (Py_complex){0.0, 0.0});
  CHECK(errno == EDOM);
  errno = 0;
  r = _Py_c_pow((Py_complex){0.0, 0.0}, (Py_complex){-1.0, 0.0});
  CHECK(errno == EDOM);
  errno = 0;
  r = _Py_c_pow(a, (Py_complex){0.0, 0.0});
  CHECK(r.real == 1.0 && r.imag == 0.0 && errno == 0);
  CHECK(_Py_c_abs((Py_complex){3.0, 4.0}) == 5.0);
  CAPI_END_CLEAN();
}

TEST(complex_objects)
{
  CAPI_BEGIN();
  PyObject *c = PyComplex_FromDoubles(1.0, 2.0);
  REQUIRE(c != NULL);
  CHECK(PyComplex_Check(c) && PyComplex_CheckExact(c));
  CHECK(PyComplex_RealAsDouble(c) == 1.0 && PyComplex_ImagAsDouble(c) == 2.0);
  Py_complex v = PyComplex_AsCComplex(c);
  CHECK(v.real == 1.0 && v.imag == 2.0);
  PyObject *f = PyFloat_FromDouble(2.5);
  v = PyComplex_AsCComplex(f);   /* a real number: imaginary part 0 */
  CHECK(v.real == 2.5 && v.imag == 0.0);
  CHECK(PyComplex_RealAsDouble(f) == 2.5 && PyComplex_ImagAsDouble(f) == 0.0);
  v = PyComplex_AsCComplex(Py_None);
  CHECK(v.real == -1.0);
  CHECK_RAISED(PyExc_TypeError, "must be real number, not NoneType");
  CHECK_REPR(Py_NewRef(c), "(1+2j)");
  CHECK_REPR(PyComplex_FromDoubles(0.0, 1.0), "1j");
  CHECK_REPR(PyComplex_FromDoubles(0.0, -0.0), "-0j");
  CHECK_REPR(PyComplex_FromDoubles(-0.0, 1.0), "(-0+1j)");
  CHECK_REPR(PyComplex_FromDoubles(1e16, -1.5e-5), "(1e+16-1.5e-05j)");
  CHECK_REPR(PyComplex_FromDoubles(INFINITY, NAN), "(inf+nanj)");
  CHECK(PyObject_Hash(c) == 2000007);   /* CPython's hash(1+2j) */
  PyObject *m1 = PyComplex_FromDoubles(-1.0, 0.0);
  CHECK(PyObject_Hash(m1) == -2);
  Py_DECREF(m1);
  /* == with complex, float and int; ordering is not defined. */
  PyObject *one = PyLong_FromLong(1), *c1 = PyComplex_FromDoubles(1.0, 0.0), *onef = PyFloat_FromDouble(1.0);
  CHECK_EQ_INT(PyObject_RichCompareBool(c1, one, Py_EQ), 1);
  CHECK_EQ_INT(PyObject_RichCompareBool(one, c1, Py_EQ), 1);   /* reflected */
  CHECK_EQ_INT(PyObject_RichCompareBool(c1, onef, Py_EQ), 1);
  CHECK_EQ_INT(PyObject_RichCompareBool(c, one, Py_NE), 1);
  CHECK_EQ_INT(PyObject_RichCompareBool(c, c, Py_LT), -1);
  CHECK_RAISED(PyExc_TypeError, "'<' not supported between instances of 'complex' and 'complex'");
  CHECK(PyObject_Hash(c1) == PyObject_Hash(one));
  /* Arithmetic, mixed with ints and floats. */
  CHECK_REPR(PyNumber_Add(c, one), "(2+2j)");
  CHECK_REPR(PyNumber_Multiply(onef, c), "(1+2j)");
  CHECK_REPR(eval_binary(PyNumber_Subtract, 1, 2, 3, -1), "(-2+3j)");
  CHECK_REPR(eval_binary(PyNumber_TrueDivide, 1, 2, 1, 2), "(1+0j)");
  CHECK(eval_binary(PyNumber_TrueDivide, 1, 2, 0, 0) == NULL);
  CHECK_RAISED(PyExc_ZeroDivisionError, "complex division by zero");
  CHECK_REPR(PyNumber_Power(c, c, Py_None), "(-0.22251715680177267+0.10070913113607541j)");
  CHECK_REPR(PyNumber_Power(c, one, Py_None), "(1+2j)");
  PyObject *zero = PyComplex_FromDoubles(0.0, 0.0), *minus1 = PyLong_FromLong(-1);
  CHECK(PyNumber_Power(zero, minus1, Py_None) == NULL);
  CHECK_RAISED(PyExc_ZeroDivisionError, "0.0 to a negative or complex power");
  CHECK(PyNumber_FloorDivide(c, c) == NULL);
  CHECK_RAISED(PyExc_TypeError, "unsupported operand type(s) for //: 'complex' and 'complex'");
  CHECK_REPR(PyNumber_Negative(c), "(-1-2j)");
  PyObject *c34 = PyComplex_FromDoubles(3.0, 4.0);
  CHECK_REPR(PyNumber_Absolute(c34), "5.0");
  Py_DECREF(c34);
  CHECK_EQ_INT(PyObject_IsTrue(zero), 0);
  CHECK_EQ_INT(PyObject_IsTrue(c), 1);
  PyObject *big = PyComplex_FromDoubles(1.7e308, 1.7e308);
  CHECK(PyNumber_Absolute(big) == NULL);
  CHECK_RAISED(PyExc_OverflowError, "absolute value too large");
  CHECK(PyNumber_Float(c) == NULL);
  CHECK_RAISED(PyExc_TypeError, NULL);
  /* real, imag, conjugate() */
  PyObject *re = PyObject_GetAttrString(c, "real");
  CHECK(re != NULL && PyFloat_AsDouble(re) == 1.0);
  Py_XDECREF(re);
  CHECK_REPR(PyObject_CallMethod(c, "conjugate", NULL), "(1-2j)");
  Py_DECREF(big);
  Py_DECREF(zero);
  Py_DECREF(minus1);
  Py_DECREF(one);
  Py_DECREF(onef);
  Py_DECREF(c1);
  Py_DECREF(f);
  Py_DECREF(c);
  CAPI_END_CLEAN();
}

TEST(complex_constructor)
{
  CAPI_BEGIN();
  PyObject *t = (PyObject *)&PyComplex_Type;
  CHECK_REPR(PyObject_CallNoArgs(t), "0j");
  CHECK_REPR(PyObject_CallFunction(t, "s", "1+2j"), "(1+2j)");
  CHECK_REPR(PyObject_CallFunction(t, "s", " (1-2.5j) "), "(1-2.5j)");
  CHECK_REPR(PyObject_CallFunction(t, "s", "j"), "1j");
  CHECK_REPR(PyObject_CallFunction(t, "s", "-j"), "-1j");
  CHECK_REPR(PyObject_CallFunction(t, "s", "2-j"), "(2-1j)");
  CHECK_REPR(PyObject_CallFunction(t, "s", "3"), "(3+0j)");
  CHECK(PyObject_CallFunction(t, "s", "x") == NULL);
  CHECK_RAISED(PyExc_ValueError, "complex() arg is a malformed string");
  CHECK(PyObject_CallFunction(t, "si", "1", 2) == NULL);
  CHECK_RAISED(PyExc_TypeError, "complex() can't take second arg if first is a string");
  CHECK(PyObject_CallFunction(t, "is", 1, "2") == NULL);
  CHECK_RAISED(PyExc_TypeError, "complex() second arg can't be a string");
  CHECK(PyObject_CallFunction(t, "O", Py_None) == NULL);
  CHECK_RAISED(PyExc_TypeError, "complex() first argument must be a string or a number, not 'NoneType'");
  PyObject *c = PyComplex_FromDoubles(1.0, 2.0);
  CHECK_REPR(PyObject_CallFunction(t, "OO", c, c), "(-1+3j)");
  PyObject *same = PyObject_CallOneArg(t, c);
  CHECK(same == c);   /* an exact complex is returned itself */
  Py_XDECREF(same);
  CHECK_REPR(PyObject_CallFunction(t, "id", 2, 0.5), "(2+0.5j)");
  /* The D codes: Py_complex in and out. */
  Py_complex v = {0, 0};
  PyObject *args = Py_BuildValue("(D)", &(Py_complex){4.0, -3.0});
  CHECK_REPR(Py_NewRef(args), "((4-3j),)");
  CHECK_EQ_INT(PyArg_ParseTuple(args, "D", &v), 1);
  CHECK(v.real == 4.0 && v.imag == -3.0);
  Py_XDECREF(args);
  args = Py_BuildValue("(i)", 7);
  CHECK_EQ_INT(PyArg_ParseTuple(args, "D", &v), 1);
  CHECK(v.real == 7.0 && v.imag == 0.0);
  Py_XDECREF(args);
  Py_DECREF(c);
  CAPI_END_CLEAN();
}

TEST(bytearray_api)
{
  CAPI_BEGIN();
  PyObject *b = PyByteArray_FromStringAndSize("ab", 2);
  REQUIRE(b != NULL);
  CHECK(PyByteArray_Check(b) && PyByteArray_CheckExact(b) && !PyBytes_Check(b));
  CHECK_EQ_INT(PyByteArray_Size(b), 2);
  CHECK_EQ_INT(PyByteArray_GET_SIZE(b), 2);
  CHECK(memcmp(PyByteArray_AsString(b), "ab", 3) == 0);   /* NUL-terminated */
  CHECK_EQ_INT(PyByteArray_Resize(b, 5), 0);
  CHECK_EQ_INT(PyByteArray_GET_SIZE(b), 5);
  CHECK(PyByteArray_AS_STRING(b)[5] == '\0');
  CHECK_EQ_INT(PyByteArray_Resize(b, 1), 0);
  CHECK_REPR(Py_NewRef(b), "bytearray(b'a')");
  CHECK_EQ_INT(PyByteArray_Resize(b, -1), -1);
  CHECK_RAISED(PyExc_ValueError, "Can only resize to positive sizes, got -1");
  PyObject *bytes = PyBytes_FromString("cd");
  CHECK_REPR(PyByteArray_Concat(b, bytes), "bytearray(b'acd')");
  CHECK_REPR(PyByteArray_Concat(bytes, b), "bytearray(b'cda')");
  PyObject *one = PyLong_FromLong(1);
  CHECK(PyByteArray_Concat(one, bytes) == NULL);
  CHECK_RAISED(PyExc_TypeError, "can't concat bytes to int");
  CHECK(PyByteArray_FromStringAndSize("a", -1) == NULL);
  CHECK_RAISED(PyExc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
  CHECK(PyByteArray_FromObject(Py_None) == NULL);
  CHECK_RAISED(PyExc_TypeError, "cannot convert 'NoneType' object to bytearray");
  CHECK_REPR(PyByteArray_FromObject(bytes), "bytearray(b'cd')");
  CHECK(PyByteArray_Size(bytes) == -1);
  CHECK_RAISED(PyExc_SystemError, NULL);
  CHECK_REPR(PyByteArray_FromStringAndSize(NULL, 2), "bytearray(b'\\x00\\x00')");
  CHECK_REPR(PyByteArray_FromStringAndSize("a'b", 3), "bytearray(b\"a'b\")");
  /* A view pins the size: no resize while it is held, as CPython. */
  Py_buffer view;
  CHECK_EQ_INT(PyObject_GetBuffer(b, &view, PyBUF_WRITABLE), 0);
  CHECK(view.readonly == 0 && view.buf == PyByteArray_AS_STRING(b));
  CHECK_EQ_INT(PyByteArray_Resize(b, 10), -1);
  CHECK_RAISED(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
  PyBuffer_Release(&view);
  CHECK_EQ_INT(PyByteArray_Resize(b, 10), 0);
  Py_DECREF(one);
  Py_DECREF(bytes);
  Py_DECREF(b);
  CAPI_END_CLEAN();
}

TEST(bytearray_object)
{
  CAPI_BEGIN();
  PyObject *t = (PyObject *)&PyByteArray_Type;
  CHECK_REPR(PyObject_CallNoArgs(t), "bytearray(b'')");
  CHECK_REPR(PyObject_CallFunction(t, "i", 3), "bytearray(b'\\x00\\x00\\x00')");
  CHECK_REPR(PyObject_CallFunction(t, "ss", "x", "ascii"), "bytearray(b'x')");
  CHECK(PyObject_CallFunction(t, "s", "x") == NULL);
  CHECK_RAISED(PyExc_TypeError, "string argument without an encoding");
  CHECK(PyObject_CallFunction(t, "[ii]", 1, 256) == NULL);
  CHECK_RAISED(PyExc_ValueError, "byte must be in range(0, 256)");
  CHECK(PyObject_CallFunction(t, "i", -1) == NULL);
  CHECK_RAISED(PyExc_ValueError, "negative count");
  CHECK(PyObject_CallFunction(t, "d", 1.5) == NULL);
  CHECK_RAISED(PyExc_TypeError, "cannot convert 'float' object to bytearray");
  PyObject *b = PyObject_CallFunction(t, "y", "abcdef"), *bytes = PyBytes_FromString("abcdef");
  REQUIRE(b != NULL);
  CHECK_EQ_INT(PyObject_RichCompareBool(b, bytes, Py_EQ), 1);
  CHECK_EQ_INT(PyObject_RichCompareBool(bytes, b, Py_EQ), 1);   /* reflected from bytes */
  CHECK_EQ_INT(PyObject_RichCompareBool(b, bytes, Py_LT), 0);
  CHECK(PyObject_Hash(b) == -1);
  CHECK_RAISED(PyExc_TypeError, "unhashable type: 'bytearray'");
  CHECK_REPR(PySequence_GetItem(b, 1), "98");
  CHECK(PySequence_GetItem(b, 9) == NULL);
  CHECK_RAISED(PyExc_IndexError, "bytearray index out of range");
  PyObject *big = PyLong_FromLong(300), *x = PyLong_FromLong(120);
  CHECK_EQ_INT(PySequence_SetItem(b, 0, big), -1);
  CHECK_RAISED(PyExc_ValueError, "byte must be in range(0, 256)");
  CHECK_EQ_INT(PySequence_SetItem(b, 0, x), 0);
  CHECK_REPR(PySequence_GetSlice(b, 0, 2), "bytearray(b'xb')");
  /* Slices: assignment of another length resizes; deletion of an extended slice. */
  CHECK_EQ_INT(PySequence_SetSlice(b, 0, 1, bytes), 0);
  CHECK_REPR(Py_NewRef(b), "bytearray(b'abcdefbcdef')");
  CHECK_EQ_INT(PySequence_DelSlice(b, 6, 11), 0);
  PyObject *two = PyLong_FromLong(2), *step2 = PySlice_New(NULL, NULL, two);
  Py_DECREF(two);   /* PySlice_New does not steal */
  CHECK_EQ_INT(PyObject_DelItem(b, step2), 0);
  CHECK_REPR(Py_NewRef(b), "bytearray(b'bdf')");
  CHECK_EQ_INT(PySequence_Contains(b, x), 0);
  CHECK_EQ_INT(PySequence_Contains(b, big), -1);
  CHECK_RAISED(PyExc_ValueError, "byte must be in range(0, 256)");
  /* Methods, + and * */
  CHECK_REPR(PyObject_CallMethod(b, "append", "i", 65), "None");
  CHECK_REPR(PyObject_CallMethod(b, "extend", "[ii]", 1, 2), "None");
  CHECK_REPR(Py_NewRef(b), "bytearray(b'bdfA\\x01\\x02')");
  CHECK_REPR(PyObject_CallMethod(b, "pop", NULL), "2");
  CHECK_REPR(PyObject_CallMethod(b, "insert", "ii", -100, 90), "None");
  CHECK_REPR(PyNumber_Add(b, bytes), "bytearray(b'ZbdfA\\x01abcdef')");
  CHECK_REPR(PyNumber_Add(bytes, b), "b'abcdefZbdfA\\x01'");
  CHECK_REPR(PySequence_Repeat(b, 2), "bytearray(b'ZbdfA\\x01ZbdfA\\x01')");
  CHECK_REPR(PyObject_CallMethod(b, "decode", "s", "latin-1"), "'ZbdfA\\x01'");
  CHECK_REPR(PyObject_CallMethod(b, "clear", NULL), "None");
  CHECK(PyObject_CallMethod(b, "pop", NULL) == NULL);
  CHECK_RAISED(PyExc_IndexError, "pop from empty bytearray");
  CHECK_REPR(PySequence_List(bytes), "[97, 98, 99, 100, 101, 102]");
  PyObject *it = PyObject_GetIter(b);
  CHECK(it != NULL && PyIter_Next(it) == NULL && !PyErr_Occurred());
  Py_XDECREF(it);
  Py_DECREF(step2);
  Py_DECREF(big);
  Py_DECREF(x);
  Py_DECREF(bytes);
  Py_DECREF(b);
  CAPI_END_CLEAN();
}

TEST(bytearray_argument_codes)
{
  CAPI_BEGIN();
  PyObject *b = PyByteArray_FromStringAndSize("ab", 2), *bytes = PyBytes_FromString("ab");
  PyObject *args = PyTuple_Pack(1, b), *bargs = PyTuple_Pack(1, bytes), *got = NULL;
  CHECK_EQ_INT(PyArg_ParseTuple(args, "Y", &got), 1);
  CHECK(got == b);
  CHECK_EQ_INT(PyArg_ParseTuple(bargs, "Y:f", &got), 0);
  CHECK_RAISED(PyExc_TypeError, "f() argument 1 must be bytearray, not bytes");
  Py_buffer view;
  CHECK_EQ_INT(PyArg_ParseTuple(args, "w*", &view), 1);
  CHECK(view.buf == PyByteArray_AS_STRING(b) && !view.readonly);
  ((char *)view.buf)[0] = 'z';
  PyBuffer_Release(&view);
  CHECK_REPR(Py_NewRef(b), "bytearray(b'zb')");
  CHECK_EQ_INT(PyArg_ParseTuple(bargs, "w*:f", &view), 0);
  CHECK_RAISED(PyExc_TypeError, "f() argument 1 must be read-write bytes-like object, not bytes");
  Py_DECREF(args);
  Py_DECREF(bargs);
  Py_DECREF(b);
  Py_DECREF(bytes);
  CAPI_END_CLEAN();
}

TEST(memoryview_api)
{
  CAPI_BEGIN();
  PyObject *bytes = PyBytes_FromString("abc");
  PyObject *m = PyMemoryView_FromObject(bytes);
  REQUIRE(m != NULL);
  CHECK(PyMemoryView_Check(m) && PyMemoryView_GET_BASE(m) == bytes);
  Py_buffer *v = PyMemoryView_GET_BUFFER(m);
  CHECK(v->buf == PyBytes_AS_STRING(bytes) && v->len == 3 && v->readonly == 1);
  CHECK_REPR(PyObject_CallMethod(m, "tolist", NULL), "[97, 98, 99]");
  CHECK_REPR(PySequence_GetItem(m, 1), "98");
  CHECK(PyObject_Hash(m) == PyObject_Hash(bytes));
  PyObject *one = PyLong_FromLong(1);
  CHECK_EQ_INT(PyObject_SetItem(m, one, one), -1);
  CHECK_RAISED(PyExc_TypeError, "cannot modify read-only memory");
  CHECK_EQ_INT(PyObject_RichCompareBool(m, bytes, Py_EQ), 1);
  /* Slices share the memory, with a stride. */
  PyObject *two = PyLong_FromLong(2), *step = PySlice_New(NULL, NULL, two);
  PyObject *s = PyObject_GetItem(m, step);
  CHECK(s != NULL && PyMemoryView_GET_BASE(s) == bytes);
  CHECK_REPR(PyObject_CallMethod(s, "tobytes", NULL), "b'ac'");
  CHECK(PyMemoryView_GetContiguous(s, PyBUF_WRITE, 'C') == NULL);
  CHECK_RAISED(PyExc_BufferError, "underlying buffer is not writable");
  PyObject *c = PyMemoryView_GetContiguous(s, PyBUF_READ, 'C');   /* a contiguous copy */
  CHECK(c != NULL && PyBuffer_IsContiguous(PyMemoryView_GET_BUFFER(c), 'C'));
  CHECK(!PyBuffer_IsContiguous(PyMemoryView_GET_BUFFER(s), 'C'));
  Py_XDECREF(c);
  Py_buffer flat;
  CHECK_EQ_INT(PyObject_GetBuffer(s, &flat, PyBUF_SIMPLE), -1);   /* strided: not for a simple consumer */
  CHECK_RAISED(PyExc_BufferError, "memoryview: underlying buffer is not C-contiguous");
  char out[2];
  CHECK_EQ_INT(PyBuffer_ToContiguous(out, PyMemoryView_GET_BUFFER(s), 2, 'C'), 0);
  CHECK(out[0] == 'a' && out[1] == 'c');
  CHECK_EQ_INT(PyBuffer_ToContiguous(out, PyMemoryView_GET_BUFFER(s), 1, 'C'), -1);
  CHECK_RAISED(PyExc_ValueError, "PyBuffer_ToContiguous: len != view->len");
  Py_XDECREF(s);
  /* Release: refused while a view of the memoryview is held, then operations are forbidden. */
  Py_buffer held;
  CHECK_EQ_INT(PyObject_GetBuffer(m, &held, PyBUF_SIMPLE), 0);
  CHECK(PyObject_CallMethod(m, "release", NULL) == NULL);
  CHECK_RAISED(PyExc_BufferError, "memoryview has 1 exported buffer");
  PyBuffer_Release(&held);
  CHECK_REPR(PyObject_CallMethod(m, "release", NULL), "None");
  CHECK(PySequence_GetItem(m, 0) == NULL);
  CHECK_RAISED(PyExc_ValueError, "operation forbidden on released memoryview object");
  CHECK(PyMemoryView_FromObject(one) == NULL);
  CHECK_RAISED(PyExc_TypeError, "memoryview: a bytes-like object is required, not 'int'");
  Py_DECREF(m);
  Py_DECREF(step);
  Py_DECREF(two);
  Py_DECREF(one);
  Py_DECREF(bytes);
  CAPI_END_CLEAN();
}

TEST(memoryview_of_memory)
{
  CAPI_BEGIN();
  char mem[4] = {'w', 'x', 'y', 'z'};
  PyObject *m = PyMemoryView_FromMemory(mem, 4, PyBUF_WRITE);
  REQUIRE(m != NULL);
  CHECK(PyMemoryView_GET_BASE(m) == NULL && !PyMemoryView_GET_BUFFER(m)->readonly);
  PyObject *v = PyLong_FromLong(65), *zero = PyLong_FromLong(0), *big = PyLong_FromLong(300);
  CHECK_EQ_INT(PyObject_SetItem(m, zero, v), 0);
  CHECK(mem[0] == 'A');
  CHECK_EQ_INT(PyObject_SetItem(m, zero, big), -1);
  CHECK_RAISED(PyExc_ValueError, "memoryview: invalid value for format 'B'");
  PyObject *two = PyLong_FromLong(2), *sl = PySlice_New(NULL, two, NULL);
  Py_DECREF(two);
  PyObject *src = PyBytes_FromString("pq");
  CHECK_EQ_INT(PyObject_SetItem(m, sl, src), 0);   /* m[:2] = b"pq" */
  CHECK(mem[0] == 'p' && mem[1] == 'q');
  CHECK_EQ_INT(PyObject_SetItem(m, sl, v), -1);
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK(PyMemoryView_FromMemory(mem, 4, 0) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  /* A memoryview of a bytearray pins its size; FromBuffer wraps a view without owning it. */
  PyObject *ba = PyByteArray_FromStringAndSize("ab", 2);
  PyObject *mb = PyMemoryView_FromObject(ba);
  CHECK_EQ_INT(PyByteArray_Resize(ba, 9), -1);
  CHECK_RAISED(PyExc_BufferError, NULL);
  Py_buffer info;
  CHECK_EQ_INT(PyObject_GetBuffer(ba, &info, PyBUF_FULL_RO), 0);
  PyObject *fb = PyMemoryView_FromBuffer(&info);
  CHECK(fb != NULL && PyMemoryView_GET_BASE(fb) == NULL);
  CHECK_REPR(PyObject_CallMethod(fb, "tobytes", NULL), "b'ab'");
  Py_XDECREF(fb);
  PyBuffer_Release(&info);
  Py_DECREF(mb);
  CHECK_EQ_INT(PyByteArray_Resize(ba, 9), 0);   /* the views are gone */
  Py_ssize_t shape[2] = {2, 3}, strides[2];
  PyBuffer_FillContiguousStrides(2, shape, strides, 4, 'C');
  CHECK(strides[0] == 12 && strides[1] == 4);
  PyBuffer_FillContiguousStrides(2, shape, strides, 4, 'F');
  CHECK(strides[0] == 4 && strides[1] == 8);
  Py_DECREF(ba);
  Py_DECREF(src);
  Py_DECREF(sl);
  Py_DECREF(v);
  Py_DECREF(zero);
  Py_DECREF(big);
  Py_DECREF(m);
  CAPI_END_CLEAN();
}

static PyStructSequence_Field point_fields[] = {
    {"x", "the abscissa"}, {"y", NULL}, {"label", "hidden: not part of the tuple"}, {NULL, NULL}};
static PyStructSequence_Desc point_desc = {"conf.Point", "a point", point_fields, 2};
static PyTypeObject PointType;

TEST(struct_sequences)
{
  CAPI_BEGIN();
  if (!(PointType.tp_flags & Py_TPFLAGS_READY)) CHECK_EQ_INT(PyStructSequence_InitType2(&PointType, &point_desc), 0);
  CHECK_EQ_INT(PyStructSequence_InitType2(&PointType, &point_desc), -1);   /* only once */
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject *p = PyStructSequence_New(&PointType);
  REQUIRE(p != NULL);
  CHECK(PyTuple_Check(p) && PyTuple_GET_SIZE(p) == 2);   /* the hidden field is not in the tuple */
  PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2), *label = PyUnicode_FromString("P");
  PyStructSequence_SetItem(p, 0, one);   /* steals */
  PyStructSequence_SET_ITEM(p, 1, two);
  PyStructSequence_SET_ITEM(p, 2, label);
  CHECK(PyStructSequence_GetItem(p, 0) == one && PyStructSequence_GET_ITEM(p, 2) == label);
  CHECK_REPR(Py_NewRef(p), "conf.Point(x=1, y=2)");
  PyObject *v = PyObject_GetAttrString(p, "label");
  CHECK(v == label);
  Py_XDECREF(v);
  CHECK_EQ_INT(PyObject_SetAttrString(p, "x", two), -1);   /* read-only */
  CHECK_RAISED(PyExc_AttributeError, NULL);
  CHECK_REPR(PySequence_Tuple(p), "(1, 2)");
  /* The type: point((1, 2)), with the hidden field from a dict. */
  PyObject *q = PyObject_CallFunction((PyObject *)&PointType, "((ii){s:s})", 3, 4, "label", "Q");
  REQUIRE(q != NULL);
  v = PyObject_GetAttrString(q, "label");
  CHECK_STR(v, "Q");
  Py_XDECREF(v);
  CHECK(PyObject_CallFunction((PyObject *)&PointType, "((i))", 3) == NULL);
  CHECK_RAISED(PyExc_TypeError, "conf.Point() takes an at least 2-sequence (1-sequence given)");
  Py_DECREF(q);
  Py_DECREF(p);
  /* A heap type from the same description. */
  PyTypeObject *heap = PyStructSequence_NewType(&point_desc);
  REQUIRE(heap != NULL);
  PyObject *h = PyStructSequence_New(heap);
  REQUIRE(h != NULL);
  for (int i = 0; i < 3; i++) PyStructSequence_SET_ITEM(h, i, PyLong_FromLong(i));
  CHECK_REPR(Py_NewRef(h), "conf.Point(x=0, y=1)");
  Py_DECREF(h);
  Py_DECREF((PyObject *)heap);
  PyGC_Collect();   /* a heap type lives in a cycle (its MRO) */
  PyObject *info = PyFloat_GetInfo();
  REQUIRE(info != NULL);
  CHECK(PyTuple_GET_SIZE(info) == 11 && PyFloat_AsDouble(PyStructSequence_GET_ITEM(info, 0)) == DBL_MAX);
  v = PyObject_GetAttrString(info, "mant_dig");
  CHECK(v != NULL && PyLong_AsLong(v) == 53);
  Py_XDECREF(v);
  Py_DECREF(info);
  CAPI_END_CLEAN();
}

TEST(cells)
{
  CAPI_BEGIN();
  PyObject *one = PyLong_FromLong(1000), *two = PyLong_FromLong(2000);
  Py_ssize_t count = Py_REFCNT(one);
  PyObject *c = PyCell_New(one), *empty = PyCell_New(NULL);
  REQUIRE(c != NULL && empty != NULL);
  CHECK(PyCell_Check(c) && Py_REFCNT(one) == count + 1);
  CHECK(PyCell_GET(c) == one && PyCell_GET(empty) == NULL);
  PyObject *g = PyCell_Get(c);
  CHECK(g == one && Py_REFCNT(one) == count + 2);
  Py_XDECREF(g);
  CHECK(PyCell_Get(empty) == NULL);
  CHECK_NO_ERROR();
  CHECK_EQ_INT(PyCell_Set(c, two), 0);
  CHECK(Py_REFCNT(one) == count && PyCell_GET(c) == two);
  CHECK(PyCell_Get(one) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  CHECK_EQ_INT(PyCell_Set(one, two), -1);
  CHECK_RAISED(PyExc_SystemError, NULL);
  CHECK_EQ_INT(PyObject_RichCompareBool(empty, c, Py_LT), 1);   /* empty sorts first */
  CHECK(PyObject_GetAttrString(empty, "cell_contents") == NULL);
  CHECK_RAISED(PyExc_ValueError, "Cell is empty");
  PyCell_SET(empty, Py_NewRef(one));   /* the macro steals and releases nothing */
  CHECK(PyCell_GET(empty) == one);
  /* A cell holding itself is collected. */
  CHECK_EQ_INT(PyCell_Set(c, c), 0);
  Py_DECREF(c);
  PyGC_Collect();
  Py_DECREF(empty);
  Py_DECREF(one);
  Py_DECREF(two);
  CAPI_END_CLEAN();
}

static PyObject *meth_target(PyObject *self, PyObject *args)
{
  (void)self;
  return Py_NewRef(args);   /* the arguments it received, self first */
}
static PyMethodDef meth_target_def = {"target", meth_target, METH_VARARGS, NULL};

TEST(method_objects)
{
  CAPI_BEGIN();
  PyObject *f = PyCFunction_New(&meth_target_def, NULL), *self = PyUnicode_FromString("me");
  PyObject *m = PyMethod_New(f, self);
  REQUIRE(m != NULL);
  CHECK(PyMethod_Check(m) && PyMethod_Function(m) == f && PyMethod_Self(m) == self);
  CHECK(PyMethod_GET_FUNCTION(m) == f && PyMethod_GET_SELF(m) == self);
  CHECK_REPR(PyObject_CallFunction(m, "i", 1), "('me', 1)");
  PyObject *m2 = PyMethod_New(f, self);
  CHECK_EQ_INT(PyObject_RichCompareBool(m, m2, Py_EQ), 1);
  CHECK(PyObject_Hash(m) == PyObject_Hash(m2));
  Py_XDECREF(m2);
  PyObject *name = PyObject_GetAttrString(m, "__name__");   /* from the function */
  CHECK_STR(name, "target");
  Py_XDECREF(name);
  CHECK(strncmp(PyEval_GetFuncName(m), "target", 6) == 0 && strcmp(PyEval_GetFuncDesc(m), "()") == 0);
  CHECK(PyMethod_New(f, NULL) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  CHECK(PyMethod_Function(f) == NULL);
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject *t = (PyObject *)&PyMethod_Type;
  CHECK(PyObject_CallFunction(t, "OO", f, Py_None) == NULL);
  CHECK_RAISED(PyExc_TypeError, "instance must not be None");
  /* An instance method binds on lookup through an instance. */
  PyObject *im = PyInstanceMethod_New(f);
  REQUIRE(im != NULL);
  CHECK(PyInstanceMethod_Check(im) && PyInstanceMethod_Function(im) == f);
  CHECK(PyInstanceMethod_GET_FUNCTION(im) == f);
  PyObject *bound = Py_TYPE(im)->tp_descr_get(im, self, (PyObject *)Py_TYPE(self));
  CHECK(bound != NULL && PyMethod_Check(bound) && PyMethod_GET_SELF(bound) == self);
  Py_XDECREF(bound);
  PyObject *unbound = Py_TYPE(im)->tp_descr_get(im, NULL, (PyObject *)Py_TYPE(self));
  CHECK(unbound == f);
  Py_XDECREF(unbound);
  CHECK_REPR(PyObject_CallFunction(im, "i", 5), "(5,)");
  Py_DECREF(im);
  Py_DECREF(m);
  Py_DECREF(self);
  Py_DECREF(f);
  CAPI_END_CLEAN();
}

TEST(pep393_view)
{
  CAPI_BEGIN();
  /* Reading: every str shows its code points in the smallest kind, as CPython's canonical form. */
  PyObject *a = PyUnicode_FromString("abc"), *l1 = PyUnicode_FromString("caf\xc3\xa9");
  PyObject *l2 = PyUnicode_FromString("\xce\xb1\xce\xb2"), *l4 = PyUnicode_FromString("x\xf0\x9f\x98\x80");
  REQUIRE(a && l1 && l2 && l4);
  CHECK(PyUnicode_KIND(a) == PyUnicode_1BYTE_KIND && PyUnicode_IS_ASCII(a) && PyUnicode_MAX_CHAR_VALUE(a) == 0x7F);
  CHECK(memcmp(PyUnicode_1BYTE_DATA(a), "abc", 4) == 0);
  CHECK(PyUnicode_KIND(l1) == PyUnicode_1BYTE_KIND && PyUnicode_1BYTE_DATA(l1)[3] == 0xE9);
  CHECK(PyUnicode_MAX_CHAR_VALUE(l1) == 0xFF);
  CHECK(PyUnicode_KIND(l2) == PyUnicode_2BYTE_KIND && PyUnicode_2BYTE_DATA(l2)[1] == 0x3B2);
  CHECK(PyUnicode_KIND(l4) == PyUnicode_4BYTE_KIND && PyUnicode_4BYTE_DATA(l4)[1] == 0x1F600);
  CHECK(PyUnicode_READ(PyUnicode_KIND(l4), PyUnicode_DATA(l4), 0) == 'x');
  CHECK(PyUnicode_READ_CHAR(l2, 0) == 0x3B1);
  PyObject *cat = PyUnicode_Concat(l1, l4);   /* the kinds of a concatenation: the wider one */
  CHECK(cat != NULL && PyUnicode_KIND(cat) == 4 && PyUnicode_READ_CHAR(cat, 3) == 0xE9);
  Py_XDECREF(cat);
  /* Writing a new ASCII str: its data is its text. */
  PyObject *w = PyUnicode_New(3, 127);
  REQUIRE(w != NULL);
  CHECK(PyUnicode_IS_ASCII(w) && PyUnicode_KIND(w) == 1);
  memcpy(PyUnicode_DATA(w), "xyz", 3);
  CHECK_STR(w, "xyz");
  Py_DECREF(w);
  /* Writing a non-ASCII one: its UTF-8 follows the code points, until it is hashed. */
  w = PyUnicode_New(2, 0x3B2);
  REQUIRE(w != NULL);
  CHECK(PyUnicode_KIND(w) == 2 && !PyUnicode_IS_ASCII(w));
  PyUnicode_WRITE(PyUnicode_KIND(w), PyUnicode_DATA(w), 0, 0x3B1);
  PyUnicode_WRITE(PyUnicode_KIND(w), PyUnicode_DATA(w), 1, 'b');
  CHECK_EQ_INT(PyUnicode_CompareWithASCIIString(w, "x"), 1);   /* read: synced */
  CHECK_STR(w, "\xce\xb1" "b");
  CHECK_EQ_INT(PyUnicode_WriteChar(w, 1, 0x3B2), 0);
  CHECK_STR(w, "\xce\xb1\xce\xb2");
  CHECK(PyObject_Hash(w) == PyObject_Hash(l2));   /* equal to the same text made from UTF-8 */
  CHECK_EQ_INT(PyObject_RichCompareBool(w, l2, Py_EQ), 1);
  CHECK_EQ_INT(PyUnicode_WriteChar(w, 0, 'a'), -1);   /* hashed: in use */
  CHECK_RAISED(PyExc_SystemError, "Cannot modify a string currently used");
  Py_DECREF(w);
  /* The writers' checks, with CPython's messages. */
  w = PyUnicode_New(3, 127);
  PyObject *alpha = PyUnicode_FromString("ab\xce\xb1"), *abc = PyUnicode_FromString("abc");
  CHECK_EQ_INT(PyUnicode_WriteChar(w, 0, 0x3B1), -1);
  CHECK_RAISED(PyExc_ValueError, "character out of range");
  CHECK_EQ_INT(PyUnicode_WriteChar(w, 3, 'a'), -1);
  CHECK_RAISED(PyExc_IndexError, "string index out of range");
  CHECK_EQ_INT(PyUnicode_CopyCharacters(w, 2, abc, 0, 3), -1);
  CHECK_RAISED(PyExc_SystemError, "Cannot write 3 characters at 2 in a string of 3 characters");
  CHECK_EQ_INT(PyUnicode_CopyCharacters(w, 0, alpha, 0, 3), -1);
  CHECK_RAISED(PyExc_SystemError, "Cannot copy UCS2 characters into a string of ASCII characters");
  CHECK_EQ_INT(PyUnicode_CopyCharacters(w, 0, abc, 1, 3), 2);   /* clipped to what from has */
  CHECK_EQ_INT(PyUnicode_Fill(w, 2, 5, 'z'), 1);
  CHECK_STR(w, "bcz");
  CHECK_EQ_INT(PyUnicode_Fill(w, 0, 1, 0x100), -1);
  CHECK_RAISED(PyExc_ValueError, "fill character is bigger than the string maximum character");
  Py_INCREF(w);
  CHECK_EQ_INT(PyUnicode_WriteChar(w, 0, 'a'), -1);   /* someone else holds it */
  CHECK_RAISED(PyExc_SystemError, "Cannot modify a string currently used");
  Py_DECREF(w);
  CHECK(PyUnicode_New(-1, 0) == NULL);
  CHECK_RAISED(PyExc_SystemError, "Negative size passed to PyUnicode_New");
  CHECK(PyUnicode_New(1, 0x110000) == NULL);
  CHECK_RAISED(PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");
  Py_DECREF(w);
  Py_DECREF(alpha);
  Py_DECREF(abc);
  Py_DECREF(a);
  Py_DECREF(l1);
  Py_DECREF(l2);
  Py_DECREF(l4);
  CAPI_END_CLEAN();
}

/* staticmethod and classmethod (funcobject.c): __get__ gives the callable itself, or a method bound
 * to the class; their constructors' errors are CPython 3.11's. */
static PyObject *echo_arg(PyObject *self, PyObject *arg)
{
  (void)self;
  return Py_NewRef(arg);
}
static PyMethodDef echo_def = {"echo", echo_arg, METH_O, NULL};

TEST(function_descriptors)
{
  CAPI_BEGIN();
  PyObject *f = PyCFunction_New(&echo_def, NULL);
  REQUIRE(f != NULL);
  PyObject *sm = PyStaticMethod_New(f), *cm = PyClassMethod_New(f);
  REQUIRE(sm != NULL && cm != NULL);
  CHECK(Py_IS_TYPE(sm, &PyStaticMethod_Type) && Py_IS_TYPE(cm, &PyClassMethod_Type));
  CHECK(!PyFunction_Check(f) && !PyFunction_Check(sm));
  CHECK_REPR(PyObject_Repr(sm), "'<staticmethod(<built-in function echo>)>'");
  PyObject *type = (PyObject *)&PyLong_Type;
  PyObject *got = Py_TYPE(sm)->tp_descr_get(sm, NULL, type);
  CHECK(got == f);
  Py_XDECREF(got);
  PyObject *bound = Py_TYPE(cm)->tp_descr_get(cm, Py_None, NULL);   /* no type: obj's type */
  CHECK(bound != NULL && PyMethod_Check(bound) && PyMethod_GET_SELF(bound) == (PyObject *)Py_TYPE(Py_None));
  Py_XDECREF(bound);
  bound = Py_TYPE(cm)->tp_descr_get(cm, NULL, type);
  REQUIRE(bound != NULL);
  PyObject *r = PyObject_CallNoArgs(bound);   /* echo(int) */
  CHECK(r == type);
  Py_XDECREF(r);
  Py_DECREF(bound);
  CHECK_REPR(PyObject_CallOneArg(sm, Py_True), "True");   /* staticmethod is callable (3.10+) */
  PyObject *func = PyObject_GetAttrString(sm, "__func__");
  CHECK(func == f);
  Py_XDECREF(func);
  /* through the type: construction, its errors, and an uninitialised object */
  PyObject *sm2 = PyObject_CallOneArg((PyObject *)&PyStaticMethod_Type, f);
  CHECK(sm2 != NULL && Py_IS_TYPE(sm2, &PyStaticMethod_Type));
  Py_XDECREF(sm2);
  CHECK(PyObject_CallNoArgs((PyObject *)&PyStaticMethod_Type) == NULL);
  CHECK_RAISED(PyExc_TypeError, "staticmethod expected 1 argument, got 0");
  PyObject *args = PyTuple_Pack(1, f), *kw = Py_BuildValue("{s:i}", "x", 1);
  CHECK(PyObject_Call((PyObject *)&PyClassMethod_Type, args, kw) == NULL);
  CHECK_RAISED(PyExc_TypeError, "classmethod() takes no keyword arguments");
  Py_XDECREF(args);
  Py_XDECREF(kw);
  PyObject *bare = PyType_GenericNew(&PyClassMethod_Type, NULL, NULL);
  REQUIRE(bare != NULL);
  CHECK(Py_TYPE(bare)->tp_descr_get(bare, NULL, type) == NULL);
  CHECK_RAISED(PyExc_RuntimeError, "uninitialized classmethod object");
  Py_DECREF(bare);
  CHECK(PyStaticMethod_New(NULL) == NULL);
  CHECK_RAISED(PyExc_SystemError, "bad argument to internal function");
  /* a cycle through the instance dict is collected */
  PyObject *d = PyObject_GenericGetDict(sm, NULL);
  CHECK(d != NULL && PyDict_SetItemString(d, "self", sm) == 0);
  Py_XDECREF(d);
  Py_DECREF(sm);
  Py_DECREF(cm);
  Py_DECREF(f);
  PyGC_Collect();
  CAPI_END_CLEAN();
}

/* _PyEval_SliceIndex: None leaves the index alone, an int (or __index__) clips to Py_ssize_t,
 * anything else is a TypeError. */
TEST(slice_index)
{
  CAPI_BEGIN();
  Py_ssize_t i = 7;
  CHECK_EQ_INT(_PyEval_SliceIndex(Py_None, &i), 1);
  CHECK_EQ_INT(i, 7);
  PyObject *big = PyLong_FromLongLong(LLONG_MAX), *neg = PyLong_FromLong(-3), *fl = PyFloat_FromDouble(1.5);
  CHECK_EQ_INT(_PyEval_SliceIndex(neg, &i), 1);
  CHECK_EQ_INT(i, -3);
  CHECK_EQ_INT(_PyEval_SliceIndex(big, &i), 1);
  CHECK(i == PY_SSIZE_T_MAX);
  CHECK_EQ_INT(_PyEval_SliceIndex(Py_True, &i), 1);
  CHECK_EQ_INT(i, 1);
  CHECK_EQ_INT(_PyEval_SliceIndex(fl, &i), 0);
  CHECK_RAISED(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
  Py_DECREF(big);
  Py_DECREF(neg);
  Py_DECREF(fl);
  CAPI_END_CLEAN();
}

/* pymath.h's constants and tests, as extensions use them. */
TEST(pymath_macros)
{
  CHECK(Py_IS_NAN(Py_NAN) && !Py_IS_NAN(Py_MATH_PI));
  CHECK(Py_IS_INFINITY(Py_HUGE_VAL) && Py_IS_INFINITY(-Py_INFINITY) && !Py_IS_FINITE(Py_INFINITY));
  CHECK(Py_IS_FINITE(Py_MATH_E) && fabsl(Py_MATH_TAU - 2 * (long double)Py_MATH_PI) < 1e-15L);
  Py_uintptr_t u = (Py_uintptr_t)&u;
  CHECK(u != 0 && sizeof(Py_intptr_t) == sizeof(void *));
}

/* _PyUnicodeWriter (unicodewriter.c): growth with and without overallocation, widening from ASCII
 * to 2- and 4-byte kinds, substrings, and the text handed over by Finish; Dealloc drops it. */
TEST(unicode_writer)
{
  CAPI_BEGIN();
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  CHECK(w.buffer == NULL && w.pos == 0 && w.min_char == 127);
  CHECK_EQ_INT(_PyUnicodeWriter_WriteASCIIString(&w, "ab", -1), 0);
  CHECK_EQ_INT(_PyUnicodeWriter_WriteLatin1String(&w, "\xe9", 1), 0);   /* widens to Latin-1 */
  CHECK_EQ_INT(w.kind, PyUnicode_1BYTE_KIND);
  CHECK_EQ_INT(_PyUnicodeWriter_WriteChar(&w, 0x20AC), 0);                /* euro: 2 bytes */
  CHECK_EQ_INT(w.kind, PyUnicode_2BYTE_KIND);
  PyObject *s = PyUnicode_FromString("x\xf0\x9f\x98\x80y");               /* x, U+1F600, y */
  CHECK_EQ_INT(_PyUnicodeWriter_WriteSubstring(&w, s, 1, 3), 0);
  CHECK_EQ_INT(w.kind, PyUnicode_4BYTE_KIND);
  CHECK_EQ_INT(_PyUnicodeWriter_WriteStr(&w, s), 0);
  CHECK_EQ_INT(w.pos, 9);
  CHECK_EQ_INT(_PyUnicodeWriter_WriteChar(&w, 0x110000), -1);
  CHECK_RAISED(PyExc_ValueError, "character must be in range(0x110000)");
  CHECK_EQ_INT(_PyUnicodeWriter_WriteSubstring(&w, s, 2, 9), -1);
  CHECK_RAISED(PyExc_SystemError, NULL);
  PyObject *r = _PyUnicodeWriter_Finish(&w);
  CHECK_STR(r, "ab\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80yx\xf0\x9f\x98\x80y");
  CHECK(w.buffer == NULL && w.pos == 0);
  Py_XDECREF(r);
  /* overallocating: the buffer grows by a quarter, the result has the written length only */
  _PyUnicodeWriter_Init(&w);
  w.overallocate = 1;
  w.min_length = 3;
  for (int i = 0; i < 10; i++) CHECK_EQ_INT(_PyUnicodeWriter_WriteChar(&w, 'a' + i), 0);
  CHECK(w.size >= 10);
  r = _PyUnicodeWriter_Finish(&w);
  CHECK_STR(r, "abcdefghij");
  CHECK_EQ_INT(PyUnicode_GET_LENGTH(r), 10);
  Py_XDECREF(r);
  /* nothing written: "", and a writer dropped half-way releases its buffer */
  _PyUnicodeWriter_Init(&w);
  r = _PyUnicodeWriter_Finish(&w);
  CHECK_STR(r, "");
  Py_XDECREF(r);
  _PyUnicodeWriter_Init(&w);
  CHECK_EQ_INT(_PyUnicodeWriter_WriteStr(&w, s), 0);
  CHECK_EQ_INT(_PyUnicodeWriter_Prepare(&w, 100, 0xFFFF), 0);
  _PyUnicodeWriter_Dealloc(&w);
  CHECK(w.buffer == NULL);
  Py_DECREF(s);
  CAPI_END_CLEAN();
}

/* The character database behind Py_UNICODE_IS* / TO*: values python3 gives for the same code
 * points (str.isspace(), .upper()[0], unicodedata.numeric()...). */
TEST(unicode_ctype)
{
  CHECK(Py_UNICODE_ISSPACE(' ') && Py_UNICODE_ISSPACE(0x3000) && Py_UNICODE_ISSPACE(0x1F) && !Py_UNICODE_ISSPACE('x'));
  CHECK(Py_UNICODE_ISLINEBREAK(0x2028) && Py_UNICODE_ISLINEBREAK('\r') && !Py_UNICODE_ISLINEBREAK(0x3000));
  CHECK(Py_UNICODE_ISTITLE(0x1C5) && !Py_UNICODE_ISUPPER(0x1C5) && !Py_UNICODE_ISLOWER(0x1C5));
  CHECK(Py_UNICODE_ISLOWER(0xDF) && Py_UNICODE_ISUPPER(0x2167) && Py_UNICODE_ISALPHA(0x4E00));
  CHECK(!Py_UNICODE_ISALPHA(0x663) && Py_UNICODE_ISALNUM(0x663) && Py_UNICODE_ISALNUM(0xBD) && !Py_UNICODE_ISALNUM('-'));
  CHECK(Py_UNICODE_ISDECIMAL(0x663) && !Py_UNICODE_ISDECIMAL(0xB2) && Py_UNICODE_ISDIGIT(0xB2) && !Py_UNICODE_ISDIGIT(0xBD));
  CHECK(Py_UNICODE_ISNUMERIC(0xBD) && Py_UNICODE_ISNUMERIC(0x4E00) && !Py_UNICODE_ISNUMERIC('x'));
  CHECK(Py_UNICODE_ISPRINTABLE(0x1F600) && !Py_UNICODE_ISPRINTABLE(0x378) && !Py_UNICODE_ISPRINTABLE(0x3000) && !Py_UNICODE_ISPRINTABLE(0x7F));
  CHECK_EQ_INT(Py_UNICODE_TOUPPER(0xDF), 0x53);   /* "SS"[0] */
  CHECK_EQ_INT(Py_UNICODE_TOLOWER(0x1C5), 0x1C6);
  CHECK_EQ_INT(Py_UNICODE_TOUPPER(0x1C5), 0x1C4);
  CHECK_EQ_INT(Py_UNICODE_TOTITLE(0x1C6), 0x1C5);
  CHECK_EQ_INT(Py_UNICODE_TOLOWER(0x2167), 0x2177);
  CHECK_EQ_INT(Py_UNICODE_TOLOWER('Q'), 'q');
  CHECK_EQ_INT(Py_UNICODE_TOUPPER(0x4E00), 0x4E00);
  CHECK_EQ_INT(Py_UNICODE_TODECIMAL(0x663), 3);
  CHECK_EQ_INT(Py_UNICODE_TODECIMAL(0xB2), -1);
  CHECK_EQ_INT(Py_UNICODE_TODIGIT(0xB2), 2);
  CHECK(Py_UNICODE_TONUMERIC(0xBD) == 0.5 && Py_UNICODE_TONUMERIC(0x2167) == 8.0 && Py_UNICODE_TONUMERIC('x') == -1.0);
  CHECK(!Py_UNICODE_ISALPHA(0x110000) && Py_UNICODE_TOLOWER(0x110000) == 0x110000);   /* out of range */
}

/* types.GenericAlias: what Py_GenericAlias as a __class_getitem__ returns. */
TEST(generic_alias)
{
  CAPI_BEGIN();
  PyObject *a = Py_GenericAlias((PyObject *)&PyList_Type, (PyObject *)&PyLong_Type);
  REQUIRE(a != NULL);
  CHECK(Py_IS_TYPE(a, &Py_GenericAliasType));
  CHECK_REPR(PyObject_Repr(a), "'list[int]'");
  PyObject *args = PyObject_GetAttrString(a, "__args__");
  CHECK(args != NULL && PyTuple_Check(args) && PyTuple_GET_SIZE(args) == 1 && PyTuple_GET_ITEM(args, 0) == (PyObject *)&PyLong_Type);
  Py_XDECREF(args);
  PyObject *origin = PyObject_GetAttrString(a, "__origin__");
  CHECK(origin == (PyObject *)&PyList_Type);
  Py_XDECREF(origin);
  PyObject *t = Py_BuildValue("(OO)", (PyObject *)&PyUnicode_Type, Py_Ellipsis);
  PyObject *b = Py_GenericAlias((PyObject *)&PyTuple_Type, t);
  CHECK_REPR(PyObject_Repr(b), "'tuple[str, ...]'");
  PyObject *a2 = Py_GenericAlias((PyObject *)&PyList_Type, (PyObject *)&PyLong_Type);
  CHECK_EQ_INT(PyObject_RichCompareBool(a, a2, Py_EQ), 1);
  CHECK_EQ_INT(PyObject_RichCompareBool(a, b, Py_EQ), 0);
  CHECK(PyObject_Hash(a) == PyObject_Hash(a2));
  CHECK(Py_GenericAlias(NULL, t) == NULL);
  CHECK_RAISED(PyExc_SystemError, "bad argument to internal function");
  Py_XDECREF(a2);
  Py_XDECREF(b);
  Py_XDECREF(t);
  Py_DECREF(a);
  CAPI_END_CLEAN();
}

/* The private clocks (pytime.c) and the configuration types extensions' shims name. */
TEST(pytime_and_config)
{
  _PyTime_t t0 = 0, t1 = 0, wall = 0;
  _Py_clock_info_t info;
  CHECK_EQ_INT(_PyTime_GetMonotonicClockWithInfo(&t0, &info), 0);
  CHECK(info.monotonic == 1 && !info.adjustable && info.resolution > 0 && info.implementation != NULL);
  CHECK_EQ_INT(_PyTime_GetPerfCounterWithInfo(&t1, NULL), 0);
  CHECK(t1 >= t0 && t0 > 0);
  CHECK_EQ_INT(_PyTime_GetSystemClockWithInfo(&wall, NULL), 0);
  CHECK(_PyTime_AsSecondsDouble(wall) > 1.5e9);   /* after 2017 */
  CHECK(_PyTime_AsSecondsDouble(-1500000000) == -1.5);
  CHECK(_PyTime_GetMonotonicClock() >= t0);
  PyConfig config;
  memset(&config, 0, sizeof(config));
  CHECK(offsetof(PyConfig, argv) > offsetof(PyConfig, orig_argv) && config.argv.length == 0);
  PyUnicodeObject *u = (PyUnicodeObject *)PyUnicode_FromString("hash me");
  REQUIRE(u != NULL);
  Py_hash_t h = PyObject_Hash((PyObject *)u);
  CHECK(((PyASCIIObject *)u)->hash == h);   /* the field CPython code reads directly */
  Py_DECREF(u);
}

/* super(type, obj): the lookup starts after type in obj's MRO and binds to obj, or to the class
 * when obj is one; __class__ is super's own. */
TEST(super_objects)
{
  CAPI_BEGIN();
  PyObject *f = PyCFunction_New(&echo_def, NULL);
  PyObject *base_cm = PyClassMethod_New(f), *derived_sm = PyStaticMethod_New(f);
  REQUIRE(f != NULL && base_cm != NULL && derived_sm != NULL);
  PyObject *base = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){sOsi}", "Base", (PyObject *)&PyBaseObject_Type,
                                         "who", base_cm, "x", 1);
  REQUIRE(base != NULL);
  PyObject *derived = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){sOsi}", "Derived", base, "who", derived_sm,
                                            "x", 2);
  REQUIRE(derived != NULL);
  PyObject *inst = PyObject_CallNoArgs(derived);
  REQUIRE(inst != NULL);
  PyObject *su = PyObject_CallFunction((PyObject *)&PySuper_Type, "OO", derived, inst);
  REQUIRE(su != NULL);
  CHECK_REPR(PyObject_GetAttrString(su, "x"), "1");   /* Base's, not Derived's */
  PyObject *who = PyObject_GetAttrString(su, "who");   /* Base's classmethod, bound to Derived */
  PyObject *r = who ? PyObject_CallNoArgs(who) : NULL;
  CHECK(r == derived);
  Py_XDECREF(r);
  Py_XDECREF(who);
  PyObject *self = PyObject_GetAttrString(su, "__self__"), *cls = PyObject_GetAttrString(su, "__class__");
  CHECK(self == inst && cls == (PyObject *)&PySuper_Type);
  Py_XDECREF(self);
  Py_XDECREF(cls);
  CHECK(PyObject_TypeCheck(su, &PySuper_Type));
  CHECK(PyObject_GetAttrString(su, "missing") == NULL);
  CHECK_RAISED(PyExc_AttributeError, NULL);
  CHECK_REPR(PyObject_Repr(su), "\"<super: <class 'Derived'>, <Derived object>>\"");
  Py_DECREF(su);
  /* with a class: super(Derived, Derived).x */
  su = PyObject_CallFunction((PyObject *)&PySuper_Type, "OO", derived, derived);
  CHECK_REPR(su ? PyObject_GetAttrString(su, "x") : NULL, "1");
  Py_XDECREF(su);
  su = PyObject_CallFunction((PyObject *)&PySuper_Type, "OO", derived, Py_None);   /* unbound */
  CHECK(su != NULL && PyObject_GetAttrString(su, "x") == NULL);
  CHECK_RAISED(PyExc_AttributeError, "'super' object has no attribute 'x'");
  Py_XDECREF(su);
  CHECK(PyObject_CallFunction((PyObject *)&PySuper_Type, "Os", derived, "x") == NULL);
  CHECK_RAISED(PyExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  CHECK(PyObject_CallNoArgs((PyObject *)&PySuper_Type) == NULL);
  CHECK_RAISED(PyExc_RuntimeError, "super(): no arguments");
  Py_DECREF(inst);
  Py_DECREF(derived);
  Py_DECREF(base);
  Py_DECREF(base_cm);
  Py_DECREF(derived_sm);
  Py_DECREF(f);
  PyGC_Collect();
  CAPI_END_CLEAN();
}

/* CPython 3.11's private functions that compatibility shims call (privateapi.c). */
TEST(private_api)
{
  CAPI_BEGIN();
  PyObject *d = Py_BuildValue("{s:i}", "a", 1), *a = PyUnicode_FromString("a"), *b = PyUnicode_FromString("b");
  REQUIRE(d != NULL && a != NULL && b != NULL);
  CHECK_REPR(_PyDict_Pop(d, a, NULL), "1");
  CHECK(_PyDict_Pop(d, a, NULL) == NULL);
  CHECK_RAISED(PyExc_KeyError, "'a'");
  CHECK(_PyDict_Pop(d, a, Py_None) == Py_None);
  Py_DECREF(Py_None);
  PyObject *neg = PyLong_FromLong(-7), *big = PyLong_FromUnsignedLongLong(ULLONG_MAX);
  CHECK(_PyLong_Sign(neg) == -1 && _PyLong_Sign(big) == 1 && _PyLong_Sign(PyLong_FromLong(0)) == 0);
  PyObject *got = NULL;
  CHECK_EQ_INT(_PyObject_LookupAttr(a, b, &got), 0);
  CHECK(got == NULL);
  CHECK_NO_ERROR();
  PyObject *upper = PyUnicode_FromString("upper");
  CHECK_EQ_INT(_PyObject_LookupAttr(a, upper, &got), 1);
  Py_XDECREF(got);
  PyObject *a2 = PyUnicode_FromString("a");
  CHECK(_PyUnicode_EQ(a, a2) == 1 && _PyUnicode_EQ(a, b) == 0);
  PyObject *sep = PyBytes_FromString(", "), *parts = Py_BuildValue("[yy]", "x", "yz");
  CHECK_REPR(_PyBytes_Join(sep, parts), "b'x, yz'");
  PyObject *bad = Py_BuildValue("[yi]", "x", 1);
  CHECK(_PyBytes_Join(sep, bad) == NULL);
  CHECK_RAISED(PyExc_TypeError, "sequence item 1: expected a bytes-like object, int found");
  CHECK(_PyThreadState_UncheckedGet() == PyThreadState_Get());
  CHECK(PyFrame_GetCode(NULL) == NULL);
  CHECK_RAISED(PyExc_SystemError, "bad argument to internal function");
  Py_DECREF(bad);
  Py_DECREF(parts);
  Py_DECREF(sep);
  Py_DECREF(a2);
  Py_DECREF(upper);
  Py_DECREF(neg);
  Py_DECREF(big);
  Py_DECREF(d);
  Py_DECREF(a);
  Py_DECREF(b);
  CAPI_END_CLEAN();
}

/* The "es"/"et" codes: the encoded text in a PyMem buffer the caller frees, or in the caller's
 * buffer for "#"; a later failure frees what was allocated. */
TEST(encoded_string_codes)
{
  CAPI_BEGIN();
  PyObject *args = Py_BuildValue("(sy)", "h\xc3\xa9llo", "raw");
  REQUIRE(args != NULL);
  char *a = NULL, *b = NULL;
  CHECK_EQ_INT(PyArg_ParseTuple(args, "eset", "latin-1", &a, NULL, &b), 1);
  CHECK(a != NULL && strcmp(a, "h\xe9llo") == 0);
  CHECK(b != NULL && strcmp(b, "raw") == 0);
  PyMem_Free(a);
  PyMem_Free(b);
  a = NULL;
  Py_ssize_t n = 0;
  CHECK_EQ_INT(PyArg_ParseTuple(args, "es#es#", NULL, &a, &n, NULL, &b, &n), 0);   /* bytes is not str */
  CHECK_RAISED(PyExc_TypeError, NULL);
  CHECK(a == NULL);   /* freed and cleared by the failure */
  a = NULL;
  n = 0;
  CHECK_EQ_INT(PyArg_ParseTuple(args, "es#|O", NULL, &a, &n, &b), 1);
  CHECK(a != NULL && n == 6 && memcmp(a, "h\xc3\xa9llo", 7) == 0);
  PyMem_Free(a);
  char fixed[8];
  char *fp = fixed;
  PyObject *nested = Py_BuildValue("((s)i)", "ab", 3);
  int k = 0;
  n = (Py_ssize_t)sizeof(fixed);
  CHECK_EQ_INT(PyArg_ParseTuple(nested, "(es#)i", "ascii", &fp, &n, &k), 1);
  CHECK(fp == fixed && n == 2 && strcmp(fixed, "ab") == 0 && k == 3);
  PyObject *empty = PyTuple_New(0);
  a = NULL;
  CHECK_EQ_INT(PyArg_ParseTuple(empty, "|es", "utf-8", &a), 1);   /* optional, not given */
  CHECK(a == NULL);
  Py_XDECREF(empty);
  Py_XDECREF(nested);
  Py_DECREF(args);
  CAPI_END_CLEAN();
}

/* int's and float's attributes and methods (getattr from C), values and errors as python3's. */
TEST(number_methods)
{
  CAPI_BEGIN();
  PyObject *n = PyLong_FromLong(-1000), *f = PyFloat_FromDouble(2.0);
  REQUIRE(n != NULL && f != NULL);
  CHECK_REPR(PyObject_CallMethod(n, "bit_length", NULL), "10");
  CHECK_REPR(PyObject_GetAttrString(n, "real"), "-1000");
  CHECK_REPR(PyObject_GetAttrString(n, "imag"), "0");
  CHECK_REPR(PyObject_GetAttrString(n, "denominator"), "1");
  CHECK_REPR(PyObject_CallMethod(n, "conjugate", NULL), "-1000");
  CHECK(PyObject_CallMethod(n, "to_bytes", "ns", (Py_ssize_t)2, "big") == NULL);   /* unsigned by default */
  CHECK_RAISED(PyExc_OverflowError, "can't convert negative int to unsigned");
  PyObject *kw = Py_BuildValue("{s:O}", "signed", Py_True), *args = Py_BuildValue("(ns)", (Py_ssize_t)2, "little");
  PyObject *meth = PyObject_GetAttrString(n, "to_bytes");
  CHECK_REPR(meth ? PyObject_Call(meth, args, kw) : NULL, "b'\\x18\\xfc'");
  Py_XDECREF(meth);
  Py_XDECREF(args);
  PyObject *big = PyLong_FromLong(70000);
  CHECK(PyObject_CallMethod(big, "to_bytes", "ns", (Py_ssize_t)2, "big") == NULL);
  CHECK_RAISED(PyExc_OverflowError, "int too big to convert");
  CHECK(PyObject_CallMethod(big, "to_bytes", "ns", (Py_ssize_t)2, "middle") == NULL);
  CHECK_RAISED(PyExc_ValueError, "byteorder must be either 'little' or 'big'");
  CHECK_REPR(PyObject_CallMethod(big, "to_bytes", "ns", (Py_ssize_t)20, "little"),
             "b'p\\x11\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'");
  PyObject *from = PyObject_GetAttrString((PyObject *)&PyLong_Type, "from_bytes");
  PyObject *fargs = Py_BuildValue("(ys)", "\xfc\x18", "big");
  CHECK_REPR(from ? PyObject_Call(from, fargs, kw) : NULL, "-1000");
  CHECK_REPR(from ? PyObject_Call(from, fargs, NULL) : NULL, "64536");
  Py_XDECREF(fargs);
  fargs = Py_BuildValue("(y#s)", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe", (Py_ssize_t)18, "big");
  CHECK_REPR(from ? PyObject_Call(from, fargs, kw) : NULL, "-2");   /* 18 bytes, sign-extended */
  Py_XDECREF(fargs);
  Py_XDECREF(from);
  Py_XDECREF(kw);
  CHECK_REPR(PyObject_GetAttrString(f, "imag"), "0.0");
  CHECK_REPR(PyObject_CallMethod(f, "is_integer", NULL), "True");
  CHECK_REPR(PyObject_CallMethod(f, "conjugate", NULL), "2.0");
  Py_DECREF(big);
  Py_DECREF(n);
  Py_DECREF(f);
  CAPI_END_CLEAN();
}

int main(void)
{
  Py_Initialize();
  RUN(float_repr_is_cpythons);
  RUN(complex_c_arithmetic);
  RUN(complex_objects);
  RUN(complex_constructor);
  RUN(bytearray_api);
  RUN(bytearray_object);
  RUN(bytearray_argument_codes);
  RUN(memoryview_api);
  RUN(memoryview_of_memory);
  RUN(struct_sequences);
  RUN(cells);
  RUN(method_objects);
  RUN(pep393_view);
  RUN(function_descriptors);
  RUN(slice_index);
  RUN(pymath_macros);
  RUN(unicode_writer);
  RUN(unicode_ctype);
  RUN(generic_alias);
  RUN(pytime_and_config);
  RUN(super_objects);
  RUN(private_api);
  RUN(encoded_string_codes);
  RUN(number_methods);
  int failed = TEST_SUMMARY();
  Py_FinalizeEx();
  return capi_defects_or(failed);
}
