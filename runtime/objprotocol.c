/* objprotocol.c — the generic object protocol: repr and str, rich comparison, attributes,
 * hashing, truth, finalizers, as CPython's Objects/object.c (the parts above memory management,
 * which the core's object.c holds).
 *
 * Every function returning PyObject * returns a new reference or NULL with an exception set;
 * int-returning ones return -1 with an exception set on failure, except PyObject_HasAttr and
 * PyObject_HasAttrString, which swallow every error (as CPython 3.11). A NULL argument where
 * CPython rejects it raises SystemError (bad internal call).
 */
#include "rt_capi.h"

#include <math.h>
#include <string.h>

/* --- hashing -----------------------------------------------------------------------------------*/
Py_hash_t Py_HashPointer(const void *p)
{
  size_t y = (size_t)p;
  y = (y >> 4) | (y << (8 * sizeof(void *) - 4));   /* the low bits are always zero */
  Py_hash_t x = (Py_hash_t)y;
  return x == -1 ? -2 : x;
}

Py_hash_t _Py_HashPointer(const void *p) { return Py_HashPointer(p); }

Py_hash_t _Py_HashBytes(const void *src, Py_ssize_t len)
{
  const unsigned char *p = src;
  uint64_t h = 14695981039346656037ull;   /* FNV-1a */
  for (Py_ssize_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
  Py_hash_t x = (Py_hash_t)h;
  return x == -1 ? -2 : x;
}

Py_hash_t Py_HashBuffer(const void *ptr, Py_ssize_t len) { return _Py_HashBytes(ptr, len); }

/* CPython's numeric hash for floats: the value modulo 2**61 - 1, so that x == y implies
 * hash(x) == hash(y) across int and float. */
Py_hash_t _Py_HashDouble(PyObject *inst, double v)
{
  if (isinf(v)) return v > 0 ? PyHASH_INF : -PyHASH_INF;
  if (isnan(v)) return inst != NULL ? Py_HashPointer(inst) : 0;
  int e, sign = 1;
  double m = frexp(v, &e);
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  Py_uhash_t x = 0;
  while (m) {
    x = ((x << 28) & PyHASH_MODULUS) | x >> (PyHASH_BITS - 28);
    m *= 268435456.0;   /* 2**28 */
    e -= 28;
    Py_uhash_t y = (Py_uhash_t)m;
    m -= (double)y;
    x += y;
    if (x >= PyHASH_MODULUS) x -= PyHASH_MODULUS;
  }
  e = e >= 0 ? e % PyHASH_BITS : PyHASH_BITS - 1 - ((-1 - e) % PyHASH_BITS);
  x = ((x << e) & PyHASH_MODULUS) | x >> (PyHASH_BITS - e);
  Py_hash_t h = (Py_hash_t)x * sign;
  return h == -1 ? -2 : h;
}

Py_hash_t PyObject_HashNotImplemented(PyObject *o)
{
  PyErr_Format(PyExc_TypeError, "unhashable type: '%s'", Py_TYPE(o)->tp_name);
  return -1;
}

Py_hash_t PyObject_Hash(PyObject *o)
{
  PyTypeObject *tp = Py_TYPE(o);
  if (tp->tp_hash == NULL && !(tp->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(tp) < 0) return -1;
  if (tp->tp_hash != NULL) return tp->tp_hash(o);
  return PyObject_HashNotImplemented(o);
}

/* --- repr and str -------------------------------------------------------------------------------*/
PyObject *PyObject_Repr(PyObject *v)
{
  if (v == NULL) return PyUnicode_FromString("<NULL>");
  if (Py_TYPE(v)->tp_repr == NULL)
    return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(v)->tp_name, (void *)v);
  PyObject *res = rt_check_result(NULL, Py_TYPE(v)->tp_repr(v), "__repr__");
  if (res == NULL) return NULL;
  if (!PyUnicode_Check(res)) {
    PyErr_Format(PyExc_TypeError, "__repr__ returned non-string (type %s)", Py_TYPE(res)->tp_name);
    Py_DECREF(res);
    return NULL;
  }
  return res;
}

PyObject *PyObject_Str(PyObject *v)
{
  if (v == NULL) return PyUnicode_FromString("<NULL>");
  if (PyUnicode_CheckExact(v)) return Py_NewRef(v);
  if (Py_TYPE(v)->tp_str == NULL) return PyObject_Repr(v);
  PyObject *res = rt_check_result(NULL, Py_TYPE(v)->tp_str(v), "__str__");
  if (res == NULL) return NULL;
  if (!PyUnicode_Check(res)) {
    PyErr_Format(PyExc_TypeError, "__str__ returned non-string (type %s)", Py_TYPE(res)->tp_name);
    Py_DECREF(res);
    return NULL;
  }
  return res;
}

PyObject *PyObject_ASCII(PyObject *v)
{
  PyObject *repr = PyObject_Repr(v);
  if (repr == NULL) return NULL;
  if (((PyUnicodeObject *)repr)->ascii) return repr;
  /* Escape every non-ASCII code point as \xNN, \uNNNN or \UNNNNNNNN. */
  RtBuf b = {0};
  Py_ssize_t n = PyUnicode_GET_LENGTH(repr);
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_UCS4 c = PyUnicode_ReadChar(repr, i);
    if (c < 128) {
      char ch = (char)c;
      rt_buf_add(&b, &ch, 1);
    } else if (c < 256) rt_buf_addf(&b, "\\x%02x", (unsigned)c);
    else if (c < 65536) rt_buf_addf(&b, "\\u%04x", (unsigned)c);
    else rt_buf_addf(&b, "\\U%08x", (unsigned)c);
  }
  Py_DECREF(repr);
  return rt_buf_finish_str(&b);
}

PyObject *PyObject_Bytes(PyObject *v)
{
  if (v == NULL) return PyBytes_FromString("<NULL>");
  if (PyBytes_CheckExact(v)) return Py_NewRef(v);
  return PyBytes_FromObject(v);
}

int PyObject_Print(PyObject *o, FILE *fp, int flags)
{
  PyObject *s = (flags & Py_PRINT_RAW) ? PyObject_Str(o) : PyObject_Repr(o);
  if (s == NULL) return -1;
  const char *text = PyUnicode_AsUTF8(s);
  int rc = text != NULL && fputs(text, fp) >= 0 ? 0 : -1;
  if (rc < 0 && text != NULL) PyErr_SetFromErrno(PyExc_OSError);
  Py_DECREF(s);
  return rc;
}

/* A fixed stack of objects being repr'd (borrowed), for Py_ReprEnter's recursion guard. */
static PyObject *repr_stack[64];
static int repr_depth;

int Py_ReprEnter(PyObject *o)
{
  for (int i = 0; i < repr_depth; i++)
    if (repr_stack[i] == o) return 1;
  if (repr_depth < (int)(sizeof(repr_stack) / sizeof(repr_stack[0]))) repr_stack[repr_depth++] = o;
  return 0;
}

void Py_ReprLeave(PyObject *o)
{
  for (int i = repr_depth - 1; i >= 0; i--)
    if (repr_stack[i] == o) {
      memmove(&repr_stack[i], &repr_stack[i + 1], (size_t)(repr_depth - i - 1) * sizeof(PyObject *));
      repr_depth--;
      return;
    }
}

/* --- rich comparison ------------------------------------------------------------------------------*/
static const int swapped_op[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
static const char *const op_strings[] = {"<", "<=", "==", "!=", ">", ">="};

PyObject *PyObject_RichCompare(PyObject *v, PyObject *w, int op)
{
  if (v == NULL || w == NULL || op < Py_LT || op > Py_GE) return rt_bad_internal_call();
  richcmpfunc f;
  PyObject *res;
  int checked_reverse = 0;
  if (!Py_IS_TYPE(v, Py_TYPE(w)) && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v)) &&
      (f = Py_TYPE(w)->tp_richcompare) != NULL) {
    checked_reverse = 1;
    res = f(w, v, swapped_op[op]);
    if (res != Py_NotImplemented) return rt_check_result(NULL, res, "__richcmp__");
    Py_DECREF(res);
  }
  if ((f = Py_TYPE(v)->tp_richcompare) != NULL) {
    res = f(v, w, op);
    if (res != Py_NotImplemented) return rt_check_result(NULL, res, "__richcmp__");
    Py_DECREF(res);
  }
  if (!checked_reverse && (f = Py_TYPE(w)->tp_richcompare) != NULL) {
    res = f(w, v, swapped_op[op]);
    if (res != Py_NotImplemented) return rt_check_result(NULL, res, "__richcmp__");
    Py_DECREF(res);
  }
  switch (op) {
  case Py_EQ: return PyBool_FromLong(v == w);
  case Py_NE: return PyBool_FromLong(v != w);
  default:
    return rt_type_error("'%s' not supported between instances of '%s' and '%s'", op_strings[op],
                         Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
  }
}

int PyObject_RichCompareBool(PyObject *v, PyObject *w, int op)
{
  if (v == w) {
    if (op == Py_EQ) return 1;
    if (op == Py_NE) return 0;
  }
  PyObject *res = PyObject_RichCompare(v, w, op);
  if (res == NULL) return -1;
  int ok = PyBool_Check(res) ? res == Py_True : PyObject_IsTrue(res);
  Py_DECREF(res);
  return ok;
}

/* --- truth ----------------------------------------------------------------------------------------*/
int PyObject_IsTrue(PyObject *v)
{
  if (v == Py_True) return 1;
  if (v == Py_False || v == Py_None) return 0;
  PyTypeObject *tp = Py_TYPE(v);
  Py_ssize_t res;
  if (tp->tp_as_number != NULL && tp->tp_as_number->nb_bool != NULL) res = tp->tp_as_number->nb_bool(v);
  else if (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length != NULL) res = tp->tp_as_mapping->mp_length(v);
  else if (tp->tp_as_sequence != NULL && tp->tp_as_sequence->sq_length != NULL) res = tp->tp_as_sequence->sq_length(v);
  else return 1;
  return res > 0 ? 1 : (int)res;
}

int PyObject_Not(PyObject *v)
{
  int res = PyObject_IsTrue(v);
  return res < 0 ? res : !res;
}

int PyCallable_Check(PyObject *o) { return o != NULL && Py_TYPE(o)->tp_call != NULL; }
PyObject *PyObject_SelfIter(PyObject *o) { return Py_NewRef(o); }

/* --- attributes -----------------------------------------------------------------------------------*/
/* Whether name is "__doc__". CPython gives every type a __doc__ (None without tp_doc); the
 * runtime stores only real docstrings, because a None in every type's dict would break the
 * invariant that None starts with the runtime's one reference. The generic attribute functions
 * answer as if the None were there: instances read None, and setting it says "read-only". */
static int is_doc(PyObject *name)
{
  return PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "__doc__") == 0;
}

static PyObject *no_attribute(PyObject *v, PyObject *name)
{
  PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute '%U'", Py_TYPE(v)->tp_name, name);
  return NULL;
}

PyObject *PyObject_GetAttr(PyObject *v, PyObject *name)
{
  if (v == NULL || name == NULL) return rt_null_error();
  if (!PyUnicode_Check(name))
    return rt_type_error("attribute name must be string, not '%s'", Py_TYPE(name)->tp_name);
  PyTypeObject *tp = Py_TYPE(v);
  if (tp->tp_getattro == NULL && tp->tp_getattr == NULL && !(tp->tp_flags & Py_TPFLAGS_READY) &&
      PyType_Ready(tp) < 0)
    return NULL;
  if (tp->tp_getattro != NULL) return rt_check_result(NULL, tp->tp_getattro(v, name), "__getattr__");
  if (tp->tp_getattr != NULL) {
    const char *s = PyUnicode_AsUTF8(name);
    if (s == NULL) return NULL;
    return rt_check_result(NULL, tp->tp_getattr(v, (char *)s), "__getattr__");
  }
  return no_attribute(v, name);
}

PyObject *PyObject_GetAttrString(PyObject *v, const char *name)
{
  if (v == NULL || name == NULL) return rt_null_error();
  if (Py_TYPE(v)->tp_getattr != NULL) return Py_TYPE(v)->tp_getattr(v, (char *)name);
  PyObject *w = PyUnicode_FromString(name);
  if (w == NULL) return NULL;
  PyObject *res = PyObject_GetAttr(v, w);
  Py_DECREF(w);
  return res;
}

int PyObject_GetOptionalAttr(PyObject *v, PyObject *name, PyObject **result)
{
  *result = PyObject_GetAttr(v, name);
  if (*result != NULL) return 1;
  if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
  PyErr_Clear();
  return 0;
}

int PyObject_GetOptionalAttrString(PyObject *v, const char *name, PyObject **result)
{
  *result = PyObject_GetAttrString(v, name);
  if (*result != NULL) return 1;
  if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
  PyErr_Clear();
  return 0;
}

int PyObject_HasAttrWithError(PyObject *v, PyObject *name)
{
  PyObject *res;
  int rc = PyObject_GetOptionalAttr(v, name, &res);
  Py_XDECREF(res);
  return rc;
}

int PyObject_HasAttrStringWithError(PyObject *v, const char *name)
{
  PyObject *res;
  int rc = PyObject_GetOptionalAttrString(v, name, &res);
  Py_XDECREF(res);
  return rc;
}

int PyObject_HasAttr(PyObject *v, PyObject *name)
{
  PyObject *res = PyObject_GetAttr(v, name);
  if (res == NULL) {
    PyErr_Clear();
    return 0;
  }
  Py_DECREF(res);
  return 1;
}

int PyObject_HasAttrString(PyObject *v, const char *name)
{
  PyObject *res = PyObject_GetAttrString(v, name);
  if (res == NULL) {
    PyErr_Clear();
    return 0;
  }
  Py_DECREF(res);
  return 1;
}

int PyObject_SetAttr(PyObject *v, PyObject *name, PyObject *value)
{
  if (v == NULL || name == NULL) {
    rt_null_error();
    return -1;
  }
  PyTypeObject *tp = Py_TYPE(v);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%s'", Py_TYPE(name)->tp_name);
    return -1;
  }
  if (tp->tp_setattro != NULL) return tp->tp_setattro(v, name, value);
  if (tp->tp_setattr != NULL) {
    const char *s = PyUnicode_AsUTF8(name);
    return s == NULL ? -1 : tp->tp_setattr(v, (char *)s, value);
  }
  if (tp->tp_getattr == NULL && tp->tp_getattro == NULL)
    PyErr_Format(PyExc_TypeError, "'%s' object has no attributes (%s .%U)", tp->tp_name,
                 value == NULL ? "del" : "assign to", name);
  else
    PyErr_Format(PyExc_TypeError, "'%s' object has only read-only attributes (%s .%U)", tp->tp_name,
                 value == NULL ? "del" : "assign to", name);
  return -1;
}

int PyObject_SetAttrString(PyObject *v, const char *name, PyObject *value)
{
  if (v == NULL || name == NULL) {
    rt_null_error();
    return -1;
  }
  if (Py_TYPE(v)->tp_setattr != NULL) return Py_TYPE(v)->tp_setattr(v, (char *)name, value);
  PyObject *s = PyUnicode_FromString(name);
  if (s == NULL) return -1;
  int rc = PyObject_SetAttr(v, s, value);
  Py_DECREF(s);
  return rc;
}

int PyObject_DelAttr(PyObject *v, PyObject *name) { return PyObject_SetAttr(v, name, NULL); }
int PyObject_DelAttrString(PyObject *v, const char *name) { return PyObject_SetAttrString(v, name, NULL); }

PyObject **_PyObject_GetDictPtr(PyObject *obj)
{
  Py_ssize_t off = Py_TYPE(obj)->tp_dictoffset;
  if (off <= 0) return NULL;
  return (PyObject **)((char *)obj + off);
}

PyObject *PyObject_GenericGetAttr(PyObject *obj, PyObject *name)
{
  PyTypeObject *tp = Py_TYPE(obj);
  if (!PyUnicode_Check(name))
    return rt_type_error("attribute name must be string, not '%s'", Py_TYPE(name)->tp_name);
  if (!(tp->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(tp) < 0) return NULL;
  PyObject *descr = rt_type_lookup(tp, name);
  descrgetfunc f = NULL;
  if (descr != NULL) {
    f = Py_TYPE(descr)->tp_descr_get;
    if (f != NULL && Py_TYPE(descr)->tp_descr_set != NULL) return f(descr, obj, (PyObject *)tp);
  }
  PyObject **dictptr = _PyObject_GetDictPtr(obj);
  if (dictptr != NULL && *dictptr != NULL) {
    PyObject *res = PyDict_GetItemWithError(*dictptr, name);
    if (res != NULL) return Py_NewRef(res);
    if (PyErr_Occurred()) return NULL;
  }
  if (f != NULL) return f(descr, obj, (PyObject *)tp);
  if (descr != NULL) return Py_NewRef(descr);
  if (is_doc(name)) return Py_NewRef(Py_None);   /* see is_doc */
  return no_attribute(obj, name);
}

int PyObject_GenericSetAttr(PyObject *obj, PyObject *name, PyObject *value)
{
  PyTypeObject *tp = Py_TYPE(obj);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%s'", Py_TYPE(name)->tp_name);
    return -1;
  }
  if (!(tp->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(tp) < 0) return -1;
  PyObject *descr = rt_type_lookup(tp, name);
  if (descr != NULL && Py_TYPE(descr)->tp_descr_set != NULL)
    return Py_TYPE(descr)->tp_descr_set(descr, obj, value);
  PyObject **dictptr = _PyObject_GetDictPtr(obj);
  if (dictptr == NULL) {
    if (descr == NULL && !is_doc(name))
      PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name, name);
    else
      PyErr_Format(PyExc_AttributeError, "'%s' object attribute '%U' is read-only", tp->tp_name, name);
    return -1;
  }
  if (*dictptr == NULL) {
    if (value == NULL) {
      PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name, name);
      return -1;
    }
    *dictptr = PyDict_New();
    if (*dictptr == NULL) return -1;
  }
  if (value != NULL) return PyDict_SetItem(*dictptr, name, value);
  int rc = PyDict_DelItem(*dictptr, name);
  if (rc < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
    PyErr_Clear();
    PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name, name);
  }
  return rc;
}

PyObject *PyObject_GenericGetDict(PyObject *obj, void *context)
{
  (void)context;
  PyObject **dictptr = _PyObject_GetDictPtr(obj);
  if (dictptr == NULL) {
    PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
    return NULL;
  }
  if (*dictptr == NULL) {
    *dictptr = PyDict_New();
    if (*dictptr == NULL) return NULL;
  }
  return Py_NewRef(*dictptr);
}

int PyObject_GenericSetDict(PyObject *obj, PyObject *value, void *context)
{
  (void)context;
  PyObject **dictptr = _PyObject_GetDictPtr(obj);
  if (dictptr == NULL) {
    PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
    return -1;
  }
  if (value == NULL) {
    PyErr_SetString(PyExc_TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!PyDict_Check(value)) {
    PyErr_Format(PyExc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", Py_TYPE(value)->tp_name);
    return -1;
  }
  Py_XSETREF(*dictptr, Py_NewRef(value));
  return 0;
}

/* dir(): the sorted names of the type's dicts and the instance dict. */
PyObject *PyObject_Dir(PyObject *obj)
{
  if (obj == NULL) return rt_null_error();
  PyObject *names = PyDict_New(), *result = NULL;
  if (names == NULL) return NULL;
  PyTypeObject *tp = PyType_Check(obj) ? (PyTypeObject *)obj : Py_TYPE(obj);
  for (PyTypeObject *t = tp; t != NULL; t = t->tp_base)
    if (t->tp_dict != NULL && PyDict_Update(names, t->tp_dict) < 0) goto out;
  PyObject **dictptr = PyType_Check(obj) ? NULL : _PyObject_GetDictPtr(obj);
  if (dictptr != NULL && *dictptr != NULL && PyDict_Update(names, *dictptr) < 0) goto out;
  result = PyDict_Keys(names);
  if (result != NULL && PyList_Sort(result) < 0) Py_CLEAR(result);
out:
  Py_DECREF(names);
  return result;
}

/* --- finalizers (PEP 442) ---------------------------------------------------------------------------*/
void PyObject_CallFinalizer(PyObject *self)
{
  PyTypeObject *tp = Py_TYPE(self);
  if (tp->tp_finalize == NULL) return;
  if (PyType_IS_GC(tp)) {
    PyGC_Head *g = (PyGC_Head *)self - 1;
    if (g->_gc_prev & 1) return;   /* gc.c's PREV_MASK_FINALIZED: finalized once already */
    tp->tp_finalize(self);
    g->_gc_prev |= 1;
    return;
  }
  tp->tp_finalize(self);
}

int PyObject_CallFinalizerFromDealloc(PyObject *self)
{
  if (Py_REFCNT(self) != 0) {
    PyErr_SetString(PyExc_SystemError, "PyObject_CallFinalizerFromDealloc called on object with a "
                                       "non-zero refcount");
    return -1;
  }
  Py_SET_REFCNT(self, 1);   /* temporarily resurrect */
  PyObject_CallFinalizer(self);
  Py_SET_REFCNT(self, Py_REFCNT(self) - 1);
  return Py_REFCNT(self) == 0 ? 0 : -1;   /* -1: resurrected, the caller must stop */
}
