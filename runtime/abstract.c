/* abstract.c — the abstract object layer: items, iteration, buffers, and the number, sequence and
 * mapping protocols, as CPython's Objects/abstract.c.
 *
 * Every PyObject * result is a new reference or NULL with an exception set (PyIter_Next also
 * returns NULL without one at the end); int and Py_ssize_t results are -1 with an exception set on
 * failure, except PyMapping_HasKey / HasKeyString which swallow errors. A NULL object argument
 * raises SystemError("null argument to internal routine"), CPython's null_error(). The TypeError
 * messages are CPython's, so tests written against CPython read the same text.
 */
#include "rt_capi.h"

#include <stddef.h>
#include <string.h>

static PyObject *type_error(const char *msg, PyObject *o)
{
  PyErr_Format(PyExc_TypeError, msg, Py_TYPE(o)->tp_name);
  return NULL;
}

/* --- objects ------------------------------------------------------------------------------------*/
PyObject *PyObject_Type(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  return Py_NewRef((PyObject *)Py_TYPE(o));
}

Py_ssize_t PyObject_Size(PyObject *o)
{
  if (o == NULL) {
    rt_null_error();
    return -1;
  }
  PySequenceMethods *m = Py_TYPE(o)->tp_as_sequence;
  if (m && m->sq_length) return m->sq_length(o);
  return PyMapping_Size(o);
}

Py_ssize_t PyObject_Length(PyObject *o) { return PyObject_Size(o); }

Py_ssize_t PyObject_LengthHint(PyObject *o, Py_ssize_t defaultvalue)
{
  Py_ssize_t n = PyObject_Size(o);
  if (n >= 0) return n;
  if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
  PyErr_Clear();
  return defaultvalue;
}

PyObject *PyObject_GetItem(PyObject *o, PyObject *key)
{
  if (o == NULL || key == NULL) return rt_null_error();
  PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_subscript) return rt_check_result(NULL, m->mp_subscript(o, key), "__getitem__");
  PySequenceMethods *ms = Py_TYPE(o)->tp_as_sequence;
  if (ms && ms->sq_item) {
    if (PyIndex_Check(key)) {
      Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
      if (i == -1 && PyErr_Occurred()) return NULL;
      return PySequence_GetItem(o, i);
    }
    return rt_type_error("sequence index must be integer, not '%s'", Py_TYPE(key)->tp_name);
  }
  if (PyType_Check(o)) {
    PyObject *cgi = PyObject_GetAttrString(o, "__class_getitem__");
    if (cgi != NULL) {
      PyObject *r = PyObject_CallOneArg(cgi, key);
      Py_DECREF(cgi);
      return r;
    }
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return NULL;
    PyErr_Clear();
    return rt_type_error("type '%s' is not subscriptable", ((PyTypeObject *)o)->tp_name);
  }
  return type_error("'%s' object is not subscriptable", o);
}

int PyObject_SetItem(PyObject *o, PyObject *key, PyObject *value)
{
  if (o == NULL || key == NULL || value == NULL) {
    rt_null_error();
    return -1;
  }
  PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_ass_subscript) return m->mp_ass_subscript(o, key, value);
  PySequenceMethods *ms = Py_TYPE(o)->tp_as_sequence;
  if (ms && ms->sq_ass_item) {
    if (PyIndex_Check(key)) {
      Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
      if (i == -1 && PyErr_Occurred()) return -1;
      return PySequence_SetItem(o, i, value);
    }
    PyErr_Format(PyExc_TypeError, "sequence index must be integer, not '%s'", Py_TYPE(key)->tp_name);
    return -1;
  }
  type_error("'%s' object does not support item assignment", o);
  return -1;
}

int PyObject_DelItem(PyObject *o, PyObject *key)
{
  if (o == NULL || key == NULL) {
    rt_null_error();
    return -1;
  }
  PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_ass_subscript) return m->mp_ass_subscript(o, key, NULL);
  PySequenceMethods *ms = Py_TYPE(o)->tp_as_sequence;
  if (ms && ms->sq_ass_item) {
    if (PyIndex_Check(key)) {
      Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
      if (i == -1 && PyErr_Occurred()) return -1;
      return PySequence_DelItem(o, i);
    }
    PyErr_Format(PyExc_TypeError, "sequence index must be integer, not '%s'", Py_TYPE(key)->tp_name);
    return -1;
  }
  type_error("'%s' object does not support item deletion", o);
  return -1;
}

int PyObject_DelItemString(PyObject *o, const char *key)
{
  if (o == NULL || key == NULL) {
    rt_null_error();
    return -1;
  }
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) return -1;
  int rc = PyObject_DelItem(o, k);
  Py_DECREF(k);
  return rc;
}

PyObject *PyObject_Format(PyObject *obj, PyObject *format_spec)
{
  if (format_spec != NULL && !PyUnicode_Check(format_spec)) {   /* CPython 3.11: a SystemError */
    PyErr_Format(PyExc_SystemError, "Format specifier must be a string, not %.200s", Py_TYPE(format_spec)->tp_name);
    return NULL;
  }
  if (format_spec == NULL || PyUnicode_GET_LENGTH(format_spec) == 0) return PyObject_Str(obj);
  /* The runtime has no format-spec mini-language: int, float and str refuse every spec with the
   * ValueError CPython gives an invalid one; other types have object.__format__'s TypeError. */
  if (PyLong_Check(obj) || PyFloat_Check(obj) || PyUnicode_Check(obj)) {
    PyErr_Format(PyExc_ValueError, "Invalid format specifier '%U' for object of type '%.200s'", format_spec,
                 Py_TYPE(obj)->tp_name);
    return NULL;
  }
  return rt_type_error("unsupported format string passed to %s.__format__", Py_TYPE(obj)->tp_name);
}

int PyObject_IsInstance(PyObject *inst, PyObject *cls)
{
  if (PyType_Check(cls)) return PyObject_TypeCheck(inst, (PyTypeObject *)cls);
  if (PyTuple_Check(cls)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cls); i++) {
      int r = PyObject_IsInstance(inst, PyTuple_GET_ITEM(cls, i));
      if (r != 0) return r;
    }
    return 0;
  }
  PyErr_SetString(PyExc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  return -1;
}

int PyObject_IsSubclass(PyObject *derived, PyObject *cls)
{
  if (PyTuple_Check(cls)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cls); i++) {
      int r = PyObject_IsSubclass(derived, PyTuple_GET_ITEM(cls, i));
      if (r != 0) return r;
    }
    return 0;
  }
  if (!PyType_Check(derived)) {
    PyErr_SetString(PyExc_TypeError, "issubclass() arg 1 must be a class");
    return -1;
  }
  if (!PyType_Check(cls)) {
    PyErr_SetString(PyExc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return -1;
  }
  return PyType_IsSubtype((PyTypeObject *)derived, (PyTypeObject *)cls);
}

/* --- buffers --------------------------------------------------------------------------------------*/
int PyObject_CheckBuffer(PyObject *obj)
{
  PyBufferProcs *b = Py_TYPE(obj)->tp_as_buffer;
  return b != NULL && b->bf_getbuffer != NULL;
}

/* Deprecated since 3.0: whether a simple read-only buffer can be had; never fails (an error of
 * the exporter is cleared). */
int PyObject_CheckReadBuffer(PyObject *obj)
{
  Py_buffer view;
  if (!PyObject_CheckBuffer(obj)) return 0;
  if (Py_TYPE(obj)->tp_as_buffer->bf_getbuffer(obj, &view, PyBUF_SIMPLE) == -1) {
    PyErr_Clear();
    return 0;
  }
  PyBuffer_Release(&view);
  return 1;
}

int PyObject_GetBuffer(PyObject *obj, Py_buffer *view, int flags)
{
  if (!PyObject_CheckBuffer(obj)) {
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%s'", Py_TYPE(obj)->tp_name);
    return -1;
  }
  return Py_TYPE(obj)->tp_as_buffer->bf_getbuffer(obj, view, flags);
}

void PyBuffer_Release(Py_buffer *view)
{
  PyObject *obj = view->obj;
  if (obj == NULL) return;
  PyBufferProcs *b = Py_TYPE(obj)->tp_as_buffer;
  if (b != NULL && b->bf_releasebuffer != NULL) b->bf_releasebuffer(obj, view);
  view->obj = NULL;
  Py_DECREF(obj);
}

int PyBuffer_FillInfo(Py_buffer *view, PyObject *obj, void *buf, Py_ssize_t len, int readonly, int flags)
{
  if (view == NULL) {
    PyErr_SetString(PyExc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete");
    return -1;
  }
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && readonly == 1) {
    PyErr_SetString(PyExc_BufferError, "Object is not writable.");
    return -1;
  }
  view->obj = Py_XNewRef(obj);
  view->buf = buf;
  view->len = len;
  view->readonly = readonly;
  view->itemsize = 1;
  view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? (char *)"B" : NULL;
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &view->len : NULL;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : NULL;
  view->suboffsets = NULL;
  view->internal = NULL;
  return 0;
}

/* --- iteration ------------------------------------------------------------------------------------*/
PyObject *PyObject_GetIter(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  getiterfunc f = Py_TYPE(o)->tp_iter;
  if (f == NULL) {
    if (PySequence_Check(o)) return PySeqIter_New(o);
    return type_error("'%s' object is not iterable", o);
  }
  PyObject *res = rt_check_result(NULL, f(o), "__iter__");
  if (res != NULL && !PyIter_Check(res)) {
    PyErr_Format(PyExc_TypeError, "iter() returned non-iterator of type '%s'", Py_TYPE(res)->tp_name);
    Py_CLEAR(res);
  }
  return res;
}

int PyIter_Check(PyObject *o) { return Py_TYPE(o)->tp_iternext != NULL; }

int PyAIter_Check(PyObject *o)
{
  PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
  return am != NULL && am->am_anext != NULL;
}

PyObject *PyObject_GetAIter(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
  if (am == NULL || am->am_aiter == NULL) return type_error("'%s' object is not an async iterable", o);
  PyObject *it = am->am_aiter(o);
  if (it != NULL && !PyAIter_Check(it)) {
    PyErr_Format(PyExc_TypeError, "aiter() returned not an async iterator of type '%s'", Py_TYPE(it)->tp_name);
    Py_CLEAR(it);
  }
  return it;
}

PyObject *PyIter_Next(PyObject *iter)
{
  iternextfunc f = Py_TYPE(iter)->tp_iternext;
  if (f == NULL) return type_error("'%s' object is not an iterator", iter);
  PyObject *r = f(iter);
  if (r == NULL && PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_StopIteration)) PyErr_Clear();
  return r;
}

int PyIter_NextItem(PyObject *iter, PyObject **item)
{
  if (Py_TYPE(iter)->tp_iternext == NULL) {
    *item = NULL;
    PyErr_Format(PyExc_TypeError, "expected an iterator, got '%s'", Py_TYPE(iter)->tp_name);
    return -1;
  }
  *item = PyIter_Next(iter);
  if (*item != NULL) return 1;
  return PyErr_Occurred() ? -1 : 0;
}

PySendResult PyIter_Send(PyObject *iter, PyObject *arg, PyObject **presult)
{
  if (Py_TYPE(iter)->tp_as_async && Py_TYPE(iter)->tp_as_async->am_send)
    return Py_TYPE(iter)->tp_as_async->am_send(iter, arg, presult);
  if (arg == Py_None && PyIter_Check(iter)) *presult = Py_TYPE(iter)->tp_iternext(iter);
  else *presult = rt_call_method_array(iter, "send", &arg, 1);
  if (*presult != NULL) return PYGEN_NEXT;
  if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *v = ((PyStopIterationObject *)exc)->value;
    *presult = Py_NewRef(v ? v : Py_None);
    Py_DECREF(exc);
    return PYGEN_RETURN;
  }
  if (!PyErr_Occurred()) {
    *presult = Py_NewRef(Py_None);
    return PYGEN_RETURN;
  }
  return PYGEN_ERROR;
}

PyObject *rt_list_from_iterable(PyObject *iterable)
{
  if (PyList_CheckExact(iterable) || PyTuple_CheckExact(iterable)) {
    PyObject *list = PyList_New(0);
    if (list != NULL && PyList_Extend(list, iterable) < 0) Py_CLEAR(list);
    return list;
  }
  PyObject *it = PyObject_GetIter(iterable);
  if (it == NULL) return NULL;
  PyObject *list = PyList_New(0), *item;
  while (list != NULL && (item = PyIter_Next(it)) != NULL) {
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    if (rc < 0) Py_CLEAR(list);
  }
  Py_DECREF(it);
  if (list != NULL && PyErr_Occurred()) Py_CLEAR(list);
  return list;
}

/* --- numbers ----------------------------------------------------------------------------------------*/
#define NB_SLOT(type, offset)                                                                      \
  ((type)->tp_as_number ? *(binaryfunc *)((char *)(type)->tp_as_number + (offset)) : NULL)

/* CPython's binary_op1: the right operand's slot first when its type is a subtype of the left's. */
static PyObject *binary_op1(PyObject *v, PyObject *w, size_t offset)
{
  binaryfunc slotv = NB_SLOT(Py_TYPE(v), offset);
  binaryfunc slotw = NULL;
  if (!Py_IS_TYPE(w, Py_TYPE(v))) {
    slotw = NB_SLOT(Py_TYPE(w), offset);
    if (slotw == slotv) slotw = NULL;
  }
  PyObject *x;
  if (slotv) {
    if (slotw && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v))) {
      x = slotw(v, w);
      if (x != Py_NotImplemented) return x;
      Py_DECREF(x);
      slotw = NULL;
    }
    x = slotv(v, w);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  if (slotw) {
    x = slotw(v, w);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  return Py_NewRef(Py_NotImplemented);
}

static PyObject *binop_type_error(PyObject *v, PyObject *w, const char *op_name)
{
  PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op_name,
               Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
  return NULL;
}

static PyObject *binary_op(PyObject *v, PyObject *w, size_t offset, const char *op_name)
{
  if (v == NULL || w == NULL) return rt_null_error();
  PyObject *r = binary_op1(v, w, offset);
  if (r == Py_NotImplemented) {
    Py_DECREF(r);
    return binop_type_error(v, w, op_name);
  }
  return r;
}

#define NB(field) offsetof(PyNumberMethods, field)

#define BINARY_FUNC(func, field, op)                                                               \
  PyObject *func(PyObject *v, PyObject *w) { return binary_op(v, w, NB(field), op); }
BINARY_FUNC(PyNumber_Or, nb_or, "|")
BINARY_FUNC(PyNumber_Xor, nb_xor, "^")
BINARY_FUNC(PyNumber_And, nb_and, "&")
BINARY_FUNC(PyNumber_Lshift, nb_lshift, "<<")
BINARY_FUNC(PyNumber_Rshift, nb_rshift, ">>")
BINARY_FUNC(PyNumber_Subtract, nb_subtract, "-")
BINARY_FUNC(PyNumber_Divmod, nb_divmod, "divmod()")
BINARY_FUNC(PyNumber_MatrixMultiply, nb_matrix_multiply, "@")
BINARY_FUNC(PyNumber_FloorDivide, nb_floor_divide, "//")
BINARY_FUNC(PyNumber_TrueDivide, nb_true_divide, "/")
BINARY_FUNC(PyNumber_Remainder, nb_remainder, "%")

PyObject *PyNumber_Add(PyObject *v, PyObject *w)
{
  if (v == NULL || w == NULL) return rt_null_error();
  PyObject *r = binary_op1(v, w, NB(nb_add));
  if (r != Py_NotImplemented) return r;
  Py_DECREF(r);
  PySequenceMethods *m = Py_TYPE(v)->tp_as_sequence;
  if (m && m->sq_concat) return m->sq_concat(v, w);
  return binop_type_error(v, w, "+");
}

static PyObject *sequence_repeat(ssizeargfunc repeatfunc, PyObject *seq, PyObject *n)
{
  if (!PyIndex_Check(n)) return rt_type_error("can't multiply sequence by non-int of type '%s'", Py_TYPE(n)->tp_name);
  Py_ssize_t count = PyNumber_AsSsize_t(n, PyExc_OverflowError);
  if (count == -1 && PyErr_Occurred()) return NULL;
  return repeatfunc(seq, count);
}

PyObject *PyNumber_Multiply(PyObject *v, PyObject *w)
{
  if (v == NULL || w == NULL) return rt_null_error();
  PyObject *r = binary_op1(v, w, NB(nb_multiply));
  if (r != Py_NotImplemented) return r;
  Py_DECREF(r);
  PySequenceMethods *mv = Py_TYPE(v)->tp_as_sequence, *mw = Py_TYPE(w)->tp_as_sequence;
  if (mv && mv->sq_repeat) return sequence_repeat(mv->sq_repeat, v, w);
  if (mw && mw->sq_repeat) return sequence_repeat(mw->sq_repeat, w, v);
  return binop_type_error(v, w, "*");
}

PyObject *PyNumber_Power(PyObject *v, PyObject *w, PyObject *z)
{
  if (v == NULL || w == NULL || z == NULL) return rt_null_error();
  ternaryfunc slotv = Py_TYPE(v)->tp_as_number ? Py_TYPE(v)->tp_as_number->nb_power : NULL;
  ternaryfunc slotw = Py_TYPE(w)->tp_as_number ? Py_TYPE(w)->tp_as_number->nb_power : NULL;
  if (slotw == slotv) slotw = NULL;
  PyObject *x;
  if (slotv) {
    x = slotv(v, w, z);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  if (slotw) {
    x = slotw(v, w, z);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  if (z == Py_None) return binop_type_error(v, w, "** or pow()");
  return rt_type_error("unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                       Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name, Py_TYPE(z)->tp_name);
}

/* In-place: the in-place slot of v, then the binary one (CPython's binary_iop). */
static PyObject *inplace_op(PyObject *v, PyObject *w, size_t iop, size_t op, const char *op_name)
{
  if (v == NULL || w == NULL) return rt_null_error();
  binaryfunc slot = NB_SLOT(Py_TYPE(v), iop);
  if (slot) {
    PyObject *x = slot(v, w);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  PyObject *r = binary_op1(v, w, op);
  if (r != Py_NotImplemented) return r;
  Py_DECREF(r);
  PySequenceMethods *m = Py_TYPE(v)->tp_as_sequence;
  if (op == NB(nb_add) && m) {
    if (m->sq_inplace_concat) return m->sq_inplace_concat(v, w);
    if (m->sq_concat) return m->sq_concat(v, w);
  }
  if (op == NB(nb_multiply)) {
    if (m && m->sq_inplace_repeat) return sequence_repeat(m->sq_inplace_repeat, v, w);
    if (m && m->sq_repeat) return sequence_repeat(m->sq_repeat, v, w);
    PySequenceMethods *mw = Py_TYPE(w)->tp_as_sequence;
    if (mw && mw->sq_repeat) return sequence_repeat(mw->sq_repeat, w, v);
  }
  return binop_type_error(v, w, op_name);
}

#define INPLACE_FUNC(func, ifield, field, op)                                                      \
  PyObject *func(PyObject *v, PyObject *w) { return inplace_op(v, w, NB(ifield), NB(field), op); }
INPLACE_FUNC(PyNumber_InPlaceAdd, nb_inplace_add, nb_add, "+=")
INPLACE_FUNC(PyNumber_InPlaceSubtract, nb_inplace_subtract, nb_subtract, "-=")
INPLACE_FUNC(PyNumber_InPlaceMultiply, nb_inplace_multiply, nb_multiply, "*=")
INPLACE_FUNC(PyNumber_InPlaceMatrixMultiply, nb_inplace_matrix_multiply, nb_matrix_multiply, "@=")
INPLACE_FUNC(PyNumber_InPlaceFloorDivide, nb_inplace_floor_divide, nb_floor_divide, "//=")
INPLACE_FUNC(PyNumber_InPlaceTrueDivide, nb_inplace_true_divide, nb_true_divide, "/=")
INPLACE_FUNC(PyNumber_InPlaceRemainder, nb_inplace_remainder, nb_remainder, "%=")
INPLACE_FUNC(PyNumber_InPlaceLshift, nb_inplace_lshift, nb_lshift, "<<=")
INPLACE_FUNC(PyNumber_InPlaceRshift, nb_inplace_rshift, nb_rshift, ">>=")
INPLACE_FUNC(PyNumber_InPlaceAnd, nb_inplace_and, nb_and, "&=")
INPLACE_FUNC(PyNumber_InPlaceXor, nb_inplace_xor, nb_xor, "^=")
INPLACE_FUNC(PyNumber_InPlaceOr, nb_inplace_or, nb_or, "|=")

PyObject *PyNumber_InPlacePower(PyObject *v, PyObject *w, PyObject *z)
{
  if (v == NULL || w == NULL || z == NULL) return rt_null_error();
  PyNumberMethods *nb = Py_TYPE(v)->tp_as_number;
  if (nb && nb->nb_inplace_power) {
    PyObject *x = nb->nb_inplace_power(v, w, z);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  return PyNumber_Power(v, w, z);
}

#define UNARY_FUNC(func, field, op)                                                                \
  PyObject *func(PyObject *o)                                                                      \
  {                                                                                                \
    if (o == NULL) return rt_null_error();                                                         \
    PyNumberMethods *m = Py_TYPE(o)->tp_as_number;                                                 \
    if (m && m->field) return m->field(o);                                                         \
    return type_error("bad operand type for " op ": '%s'", o);                                     \
  }
UNARY_FUNC(PyNumber_Negative, nb_negative, "unary -")
UNARY_FUNC(PyNumber_Positive, nb_positive, "unary +")
UNARY_FUNC(PyNumber_Invert, nb_invert, "unary ~")
UNARY_FUNC(PyNumber_Absolute, nb_absolute, "abs()")

int PyNumber_Check(PyObject *o)
{
  if (o == NULL) return 0;
  PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
  return nb && (nb->nb_index || nb->nb_int || nb->nb_float);
}

int PyIndex_Check(PyObject *o)
{
  PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
  return nb != NULL && nb->nb_index != NULL;
}

PyObject *PyNumber_Index(PyObject *item)
{
  if (item == NULL) return rt_null_error();
  if (PyLong_CheckExact(item)) return Py_NewRef(item);
  if (PyLong_Check(item)) {
    int neg;
    uint64_t mag;
    _rt_long_value(item, &neg, &mag);
    return rt_long_from_parts(neg, mag);
  }
  if (!PyIndex_Check(item))
    return type_error("'%s' object cannot be interpreted as an integer", item);
  PyObject *r = Py_TYPE(item)->tp_as_number->nb_index(item);
  if (r == NULL || PyLong_CheckExact(r)) return r;
  if (!PyLong_Check(r)) {
    PyErr_Format(PyExc_TypeError, "__index__ returned non-int (type %s)", Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    return NULL;
  }
  int neg;
  uint64_t mag;
  _rt_long_value(r, &neg, &mag);
  Py_DECREF(r);
  return rt_long_from_parts(neg, mag);
}

Py_ssize_t PyNumber_AsSsize_t(PyObject *item, PyObject *err)
{
  PyObject *value = PyNumber_Index(item);
  if (value == NULL) return -1;
  int neg;
  uint64_t mag;
  _rt_long_value(value, &neg, &mag);
  Py_DECREF(value);
  if (mag <= (uint64_t)PY_SSIZE_T_MAX) return neg ? -(Py_ssize_t)mag : (Py_ssize_t)mag;
  if (neg && mag == (uint64_t)PY_SSIZE_T_MAX + 1) return PY_SSIZE_T_MIN;
  if (err == NULL) return neg ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
  PyErr_Format(err, "cannot fit '%s' into an index-sized integer", Py_TYPE(item)->tp_name);
  return -1;
}

PyObject *PyNumber_Long(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  if (PyLong_CheckExact(o)) return Py_NewRef(o);
  PyNumberMethods *m = Py_TYPE(o)->tp_as_number;
  if (m && m->nb_int) {
    PyObject *r = m->nb_int(o);
    if (r == NULL || PyLong_CheckExact(r)) return r;
    if (!PyLong_Check(r)) {
      PyErr_Format(PyExc_TypeError, "__int__ returned non-int (type %s)", Py_TYPE(r)->tp_name);
      Py_DECREF(r);
      return NULL;
    }
    Py_SETREF(r, PyNumber_Index(r));
    return r;
  }
  if (m && m->nb_index) return PyNumber_Index(o);
  if (PyUnicode_Check(o)) return PyLong_FromUnicodeObject(o, 10);
  if (PyBytes_Check(o)) {
    char *end;
    PyObject *r = PyLong_FromString(PyBytes_AS_STRING(o), &end, 10);
    if (r != NULL && *end != '\0') {
      Py_DECREF(r);
      PyErr_Format(PyExc_ValueError, "invalid literal for int() with base 10: %R", o);
      return NULL;
    }
    return r;
  }
  return type_error("int() argument must be a string, a bytes-like object or a real number, not '%s'", o);
}

PyObject *PyNumber_Float(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  if (PyFloat_CheckExact(o)) return Py_NewRef(o);
  PyNumberMethods *m = Py_TYPE(o)->tp_as_number;
  if (m && (m->nb_float || m->nb_index)) {
    double d = PyFloat_AsDouble(o);
    if (d == -1.0 && PyErr_Occurred()) return NULL;
    return PyFloat_FromDouble(d);
  }
  if (PyUnicode_Check(o) || PyBytes_Check(o)) return PyFloat_FromString(o);
  return type_error("float() argument must be a string or a real number, not '%s'", o);
}

PyObject *PyNumber_ToBase(PyObject *n, int base)
{
  if (base != 2 && base != 8 && base != 10 && base != 16) {
    PyErr_SetString(PyExc_SystemError, "PyNumber_ToBase: base must be 2, 8, 10 or 16");
    return NULL;
  }
  PyObject *index = PyNumber_Index(n);
  if (index == NULL) return NULL;
  int neg;
  uint64_t mag;
  _rt_long_value(index, &neg, &mag);
  Py_DECREF(index);
  char digits[80], *p = digits + sizeof(digits) - 1;
  *p = '\0';
  do {
    *--p = "0123456789abcdef"[mag % (unsigned)base];
    mag /= (unsigned)base;
  } while (mag);
  const char *prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : "";
  return PyUnicode_FromFormat("%s%s%s", neg ? "-" : "", prefix, p);
}

/* --- sequences --------------------------------------------------------------------------------------*/
int PySequence_Check(PyObject *s)
{
  if (s == NULL || PyDict_Check(s)) return 0;
  return Py_TYPE(s)->tp_as_sequence && Py_TYPE(s)->tp_as_sequence->sq_item != NULL;
}

Py_ssize_t PySequence_Size(PyObject *s)
{
  if (s == NULL) {
    rt_null_error();
    return -1;
  }
  PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_length) return m->sq_length(s);
  if (Py_TYPE(s)->tp_as_mapping && Py_TYPE(s)->tp_as_mapping->mp_length) type_error("%s is not a sequence", s);
  else type_error("object of type '%s' has no len()", s);
  return -1;
}

Py_ssize_t PySequence_Length(PyObject *s) { return PySequence_Size(s); }

PyObject *PySequence_Concat(PyObject *s, PyObject *o)
{
  if (s == NULL || o == NULL) return rt_null_error();
  PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_concat) return m->sq_concat(s, o);
  if (PySequence_Check(s) && PySequence_Check(o)) {
    PyObject *r = binary_op1(s, o, NB(nb_add));
    if (r != Py_NotImplemented) return r;
    Py_DECREF(r);
  }
  return type_error("'%s' object can't be concatenated", s);
}

PyObject *PySequence_Repeat(PyObject *o, Py_ssize_t count)
{
  if (o == NULL) return rt_null_error();
  PySequenceMethods *m = Py_TYPE(o)->tp_as_sequence;
  if (m && m->sq_repeat) return m->sq_repeat(o, count);
  return type_error("'%s' object can't be repeated", o);
}

PyObject *PySequence_InPlaceConcat(PyObject *s, PyObject *o)
{
  if (s == NULL || o == NULL) return rt_null_error();
  PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_inplace_concat) return m->sq_inplace_concat(s, o);
  if (m && m->sq_concat) return m->sq_concat(s, o);
  return type_error("'%s' object can't be concatenated", s);
}

PyObject *PySequence_InPlaceRepeat(PyObject *o, Py_ssize_t count)
{
  if (o == NULL) return rt_null_error();
  PySequenceMethods *m = Py_TYPE(o)->tp_as_sequence;
  if (m && m->sq_inplace_repeat) return m->sq_inplace_repeat(o, count);
  if (m && m->sq_repeat) return m->sq_repeat(o, count);
  return type_error("'%s' object can't be repeated", o);
}

PyObject *PySequence_GetItem(PyObject *s, Py_ssize_t i)
{
  if (s == NULL) return rt_null_error();
  PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_item) {
    if (i < 0 && m->sq_length) {
      Py_ssize_t l = m->sq_length(s);
      if (l < 0) return NULL;
      i += l;
    }
    return m->sq_item(s, i);
  }
  if (Py_TYPE(s)->tp_as_mapping && Py_TYPE(s)->tp_as_mapping->mp_subscript)
    return type_error("%s is not a sequence", s);
  return type_error("'%s' object does not support indexing", s);
}

PyObject *PySequence_GetSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2)
{
  if (s == NULL) return rt_null_error();
  PyMappingMethods *mp = Py_TYPE(s)->tp_as_mapping;
  if (mp && mp->mp_subscript) {
    PyObject *a = PyLong_FromSsize_t(i1), *b = a ? PyLong_FromSsize_t(i2) : NULL;
    PyObject *slice = b ? PySlice_New(a, b, NULL) : NULL, *r = NULL;
    if (slice != NULL) r = mp->mp_subscript(s, slice);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(slice);
    return r;
  }
  return type_error("'%s' object is unsliceable", s);
}

int PySequence_SetItem(PyObject *s, Py_ssize_t i, PyObject *o)
{
  if (s == NULL) {
    rt_null_error();
    return -1;
  }
  PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_ass_item) {
    if (i < 0 && m->sq_length) {
      Py_ssize_t l = m->sq_length(s);
      if (l < 0) return -1;
      i += l;
    }
    return m->sq_ass_item(s, i, o);
  }
  if (Py_TYPE(s)->tp_as_mapping && Py_TYPE(s)->tp_as_mapping->mp_ass_subscript) type_error("%s is not a sequence", s);
  else type_error(o ? "'%s' object does not support item assignment" : "'%s' object doesn't support item deletion", s);
  return -1;
}

int PySequence_DelItem(PyObject *s, Py_ssize_t i) { return PySequence_SetItem(s, i, NULL); }

int PySequence_SetSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2, PyObject *o)
{
  if (s == NULL) {
    rt_null_error();
    return -1;
  }
  PyMappingMethods *mp = Py_TYPE(s)->tp_as_mapping;
  if (mp && mp->mp_ass_subscript) {
    PyObject *a = PyLong_FromSsize_t(i1), *b = a ? PyLong_FromSsize_t(i2) : NULL;
    PyObject *slice = b ? PySlice_New(a, b, NULL) : NULL;
    int rc = slice ? mp->mp_ass_subscript(s, slice, o) : -1;
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(slice);
    return rc;
  }
  type_error(o ? "'%s' object doesn't support slice assignment" : "'%s' object doesn't support slice deletion", s);
  return -1;
}

int PySequence_DelSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2) { return PySequence_SetSlice(s, i1, i2, NULL); }

PyObject *PySequence_Tuple(PyObject *v)
{
  if (v == NULL) return rt_null_error();
  if (PyTuple_CheckExact(v)) return Py_NewRef(v);
  if (PyList_CheckExact(v)) return PyList_AsTuple(v);
  PyObject *list = rt_list_from_iterable(v);
  if (list == NULL) return NULL;
  PyObject *t = PyList_AsTuple(list);
  Py_DECREF(list);
  return t;
}

PyObject *PySequence_List(PyObject *v)
{
  if (v == NULL) return rt_null_error();
  return rt_list_from_iterable(v);
}

PyObject *PySequence_Fast(PyObject *v, const char *m)
{
  if (v == NULL) return rt_null_error();
  if (PyList_CheckExact(v) || PyTuple_CheckExact(v)) return Py_NewRef(v);
  PyObject *it = PyObject_GetIter(v);
  if (it == NULL) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_TypeError, m);
    }
    return NULL;
  }
  PyObject *list = rt_list_from_iterable(it);   /* an iterator: never back into PySequence_Fast */
  Py_DECREF(it);
  return list;
}

enum { ITER_COUNT, ITER_CONTAINS, ITER_INDEX };

/* CPython's _PySequence_IterSearch. */
static Py_ssize_t iter_search(PyObject *seq, PyObject *obj, int operation)
{
  if (seq == NULL || obj == NULL) {
    rt_null_error();
    return -1;
  }
  PyObject *it = PyObject_GetIter(seq);
  if (it == NULL) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      type_error("argument of type '%s' is not iterable", seq);
    }
    return -1;
  }
  Py_ssize_t n = 0;
  PyObject *item;
  for (;;) {
    item = PyIter_Next(it);
    if (item == NULL) {
      if (PyErr_Occurred()) goto fail;
      break;
    }
    int cmp = PyObject_RichCompareBool(item, obj, Py_EQ);
    Py_DECREF(item);
    if (cmp < 0) goto fail;
    if (cmp > 0) {
      if (operation == ITER_CONTAINS) {
        n = 1;
        goto done;
      }
      if (operation == ITER_INDEX) goto done;
      n++;
    } else if (operation == ITER_INDEX) {
      n++;
    }
  }
  if (operation == ITER_INDEX) {
    PyErr_SetString(PyExc_ValueError, "sequence.index(x): x not in sequence");
    goto fail;
  }
  if (operation == ITER_CONTAINS) n = 0;
done:
  Py_DECREF(it);
  return n;
fail:
  Py_DECREF(it);
  return -1;
}

Py_ssize_t PySequence_Count(PyObject *s, PyObject *o) { return iter_search(s, o, ITER_COUNT); }
Py_ssize_t PySequence_Index(PyObject *s, PyObject *o) { return iter_search(s, o, ITER_INDEX); }

int PySequence_Contains(PyObject *seq, PyObject *ob)
{
  if (seq == NULL) {
    rt_null_error();
    return -1;
  }
  PySequenceMethods *m = Py_TYPE(seq)->tp_as_sequence;
  if (m && m->sq_contains) return m->sq_contains(seq, ob);
  return (int)iter_search(seq, ob, ITER_CONTAINS);
}

int PySequence_In(PyObject *w, PyObject *v) { return PySequence_Contains(w, v); }

/* --- mappings --------------------------------------------------------------------------------------*/
int PyMapping_Check(PyObject *o)
{
  return o && Py_TYPE(o)->tp_as_mapping && Py_TYPE(o)->tp_as_mapping->mp_subscript;
}

Py_ssize_t PyMapping_Size(PyObject *o)
{
  if (o == NULL) {
    rt_null_error();
    return -1;
  }
  PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_length) return m->mp_length(o);
  if (Py_TYPE(o)->tp_as_sequence && Py_TYPE(o)->tp_as_sequence->sq_length) type_error("%s is not a mapping", o);
  else type_error("object of type '%s' has no len()", o);
  return -1;
}

Py_ssize_t PyMapping_Length(PyObject *o) { return PyMapping_Size(o); }

PyObject *PyMapping_GetItemString(PyObject *o, const char *key)
{
  if (o == NULL || key == NULL) return rt_null_error();
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) return NULL;
  PyObject *r = PyObject_GetItem(o, k);
  Py_DECREF(k);
  return r;
}

int PyMapping_GetOptionalItem(PyObject *o, PyObject *key, PyObject **result)
{
  if (PyDict_CheckExact(o)) return PyDict_GetItemRef(o, key, result);
  *result = PyObject_GetItem(o, key);
  if (*result != NULL) return 1;
  if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
  PyErr_Clear();
  return 0;
}

int PyMapping_GetOptionalItemString(PyObject *o, const char *key, PyObject **result)
{
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) {
    *result = NULL;
    return -1;
  }
  int rc = PyMapping_GetOptionalItem(o, k, result);
  Py_DECREF(k);
  return rc;
}

int PyMapping_SetItemString(PyObject *o, const char *key, PyObject *value)
{
  if (o == NULL || key == NULL || value == NULL) {
    rt_null_error();
    return -1;
  }
  PyObject *k = PyUnicode_FromString(key);
  if (k == NULL) return -1;
  int rc = PyObject_SetItem(o, k, value);
  Py_DECREF(k);
  return rc;
}

int PyMapping_HasKeyWithError(PyObject *o, PyObject *key)
{
  PyObject *v;
  int rc = PyMapping_GetOptionalItem(o, key, &v);
  Py_XDECREF(v);
  return rc;
}

int PyMapping_HasKeyStringWithError(PyObject *o, const char *key)
{
  PyObject *v;
  int rc = PyMapping_GetOptionalItemString(o, key, &v);
  Py_XDECREF(v);
  return rc;
}

int PyMapping_HasKey(PyObject *o, PyObject *key)
{
  PyObject *v = PyObject_GetItem(o, key);
  if (v == NULL) {
    PyErr_Clear();
    return 0;
  }
  Py_DECREF(v);
  return 1;
}

int PyMapping_HasKeyString(PyObject *o, const char *key)
{
  PyObject *v = PyMapping_GetItemString(o, key);
  if (v == NULL) {
    PyErr_Clear();
    return 0;
  }
  Py_DECREF(v);
  return 1;
}

/* o.<name>() as a list (CPython's method_output_as_list). */
static PyObject *method_as_list(PyObject *o, const char *name)
{
  PyObject *r = rt_call_method_array(o, name, NULL, 0);
  if (r == NULL) return NULL;
  PyObject *it = PyObject_GetIter(r);
  if (it == NULL) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "%s.%s() returned a non-iterable (type %s)", Py_TYPE(o)->tp_name,
                   name, Py_TYPE(r)->tp_name);
    }
    Py_DECREF(r);
    return NULL;
  }
  Py_DECREF(r);
  PyObject *list = rt_list_from_iterable(it);
  Py_DECREF(it);
  return list;
}

PyObject *PyMapping_Keys(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  if (PyDict_CheckExact(o)) return PyDict_Keys(o);
  return method_as_list(o, "keys");
}

PyObject *PyMapping_Values(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  if (PyDict_CheckExact(o)) return PyDict_Values(o);
  return method_as_list(o, "values");
}

PyObject *PyMapping_Items(PyObject *o)
{
  if (o == NULL) return rt_null_error();
  if (PyDict_CheckExact(o)) return PyDict_Items(o);
  return method_as_list(o, "items");
}
