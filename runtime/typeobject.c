/* typeobject.c — the type of types, the root type `object`, PyType_Ready and slot inheritance,
 * as CPython's Objects/typeobject.c, much smaller.
 *
 * Owns: PyType_Type and PyBaseObject_Type; for every type it readies, the type's dict (tp_dict).
 * A static type's dict is owned by the static-object registry (interp.c) and tp_dict borrows it,
 * so the leak check sees it held by older state; a heap type owns its dict, bases, mro, name and
 * module (its tp_traverse reports them) and is freed by type_dealloc when its count reaches zero.
 *
 * Invariants:
 *  - a ready type has Py_TPFLAGS_READY, a dict, and every slot its base defines and it does not
 *    (rt_type_inherit, CPython's inherit_special + inherit_slots);
 *  - a static type is never freed: its count reaching zero is reported as a singleton's;
 *  - instances of a heap type hold a reference to their type (PyObject_Init takes it, the
 *    instance's tp_dealloc releases it — rt_subtype_dealloc when the type has no tp_dealloc);
 *  - single inheritance through tp_base; a heap type with several bases keeps them in tp_bases and
 *    a simple depth-first tp_mro (no C3 linearisation).
 */
#include "rt_capi.h"

#include <string.h>

static void type_dealloc(PyObject *op);
static PyObject *type_call(PyObject *type, PyObject *args, PyObject *kwds);
static PyObject *type_getattro(PyObject *type, PyObject *name);
static int type_setattro(PyObject *type, PyObject *name, PyObject *value);
static int type_traverse(PyObject *op, visitproc visit, void *arg);
static int type_clear(PyObject *op);
static int type_is_gc(PyObject *op) { return (((PyTypeObject *)op)->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0; }
static PyObject *type_repr(PyObject *op);
static PyObject *type_new(PyTypeObject *meta, PyObject *args, PyObject *kwds);
static PyGetSetDef type_getset[];
static PyMemberDef type_members[];

static void object_dealloc(PyObject *self) { Py_TYPE(self)->tp_free(self); }
static Py_hash_t object_hash(PyObject *self) { return _Py_HashPointer(self); }
static PyObject *object_repr(PyObject *self);
static PyObject *object_str(PyObject *self);
static PyObject *object_richcompare(PyObject *self, PyObject *other, int op);
static int object_init(PyObject *self, PyObject *args, PyObject *kwds);
static PyObject *object_new(PyTypeObject *type, PyObject *args, PyObject *kwds);
static PyMethodDef object_methods[];
static PyGetSetDef object_getset[];

PyTypeObject PyType_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "type",
    .tp_basicsize = sizeof(PyHeapTypeObject),
    .tp_dealloc = type_dealloc,
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_TYPE_SUBCLASS,
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_members = type_members,
    .tp_getset = type_getset,
    .tp_base = &PyBaseObject_Type,
    .tp_dictoffset = offsetof(PyTypeObject, tp_dict),
    .tp_weaklistoffset = offsetof(PyTypeObject, tp_weaklist),
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = type_new,
    .tp_free = PyObject_GC_Del,
    .tp_is_gc = type_is_gc,
};

PyTypeObject PyBaseObject_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "object",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr,
    .tp_hash = object_hash,
    .tp_str = object_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_getset = object_getset,
    .tp_init = object_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = object_new,
    .tp_free = PyObject_Free,
};

/* --- names -------------------------------------------------------------------------------------*/
const char *rt_type_name(PyTypeObject *type)
{
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
    PyHeapTypeObject *ht = (PyHeapTypeObject *)type;
    if (ht->ht_name != NULL) return PyUnicode_AsUTF8(ht->ht_name);
  }
  const char *dot = strrchr(type->tp_name, '.');
  return dot ? dot + 1 : type->tp_name;
}

PyObject *PyType_GetName(PyTypeObject *type)
{
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE && ((PyHeapTypeObject *)type)->ht_name != NULL)
    return Py_NewRef(((PyHeapTypeObject *)type)->ht_name);
  return PyUnicode_FromString(rt_type_name(type));
}

PyObject *PyType_GetQualName(PyTypeObject *type)
{
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE && ((PyHeapTypeObject *)type)->ht_qualname != NULL)
    return Py_NewRef(((PyHeapTypeObject *)type)->ht_qualname);
  return PyType_GetName(type);
}

unsigned long PyType_GetFlags(PyTypeObject *type) { return type->tp_flags; }
void PyType_Modified(PyTypeObject *type) { (void)type; }

/* --- subtyping and lookup ---------------------------------------------------------------------*/
int PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b)
{
  if (a == b) return 1;
  PyObject *mro = a->tp_mro;
  if (mro != NULL && PyTuple_Check(mro)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++)
      if (PyTuple_GET_ITEM(mro, i) == (PyObject *)b) return 1;
    return 0;
  }
  for (PyTypeObject *t = a->tp_base; t != NULL; t = t->tp_base)
    if (t == b) return 1;
  return b == &PyBaseObject_Type;
}

/* Calls fn on type and each type of its method resolution order until fn returns non-NULL. */
static PyObject *mro_find(PyTypeObject *type, PyObject *(*fn)(PyTypeObject *t, const void *key),
                          const void *key)
{
  PyObject *mro = type->tp_mro;
  if (mro != NULL && PyTuple_Check(mro)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
      PyObject *r = fn((PyTypeObject *)PyTuple_GET_ITEM(mro, i), key);
      if (r != NULL) return r;
    }
    return NULL;
  }
  for (PyTypeObject *t = type; t != NULL; t = t->tp_base) {
    PyObject *r = fn(t, key);
    if (r != NULL) return r;
  }
  return NULL;
}

static PyObject *dict_find_obj(PyTypeObject *t, const void *key)
{
  if (t->tp_dict == NULL) return NULL;
  PyObject *saved = PyErr_GetRaisedException();
  PyObject *v = PyDict_GetItemWithError(t->tp_dict, (PyObject *)key);
  PyErr_Clear();
  PyErr_SetRaisedException(saved);
  return v;
}

static PyObject *dict_find_cstr(PyTypeObject *t, const void *key)
{
  return t->tp_dict != NULL ? rt_dict_get_cstr(t->tp_dict, key) : NULL;
}

PyObject *rt_type_lookup(PyTypeObject *type, PyObject *name)
{
  if (PyUnicode_CheckExact(name)) return mro_find(type, dict_find_cstr, PyUnicode_AsUTF8(name));
  return mro_find(type, dict_find_obj, name);
}

PyObject *rt_type_lookup_str(PyTypeObject *type, const char *name)
{
  return mro_find(type, dict_find_cstr, name);
}

PyObject *_PyType_Lookup(PyTypeObject *type, PyObject *name) { return rt_type_lookup(type, name); }

/* --- inheritance --------------------------------------------------------------------------------*/
#define COPY(field) if (type->field == NULL) type->field = base->field
#define COPY_SUB(table, field) if (t->field == NULL) t->field = b->field

static void inherit_number(PyNumberMethods *t, const PyNumberMethods *b)
{
  COPY_SUB(t, nb_add); COPY_SUB(t, nb_subtract); COPY_SUB(t, nb_multiply);
  COPY_SUB(t, nb_remainder); COPY_SUB(t, nb_divmod); COPY_SUB(t, nb_power);
  COPY_SUB(t, nb_negative); COPY_SUB(t, nb_positive); COPY_SUB(t, nb_absolute);
  COPY_SUB(t, nb_bool); COPY_SUB(t, nb_invert); COPY_SUB(t, nb_lshift); COPY_SUB(t, nb_rshift);
  COPY_SUB(t, nb_and); COPY_SUB(t, nb_xor); COPY_SUB(t, nb_or); COPY_SUB(t, nb_int);
  COPY_SUB(t, nb_float); COPY_SUB(t, nb_inplace_add); COPY_SUB(t, nb_inplace_subtract);
  COPY_SUB(t, nb_inplace_multiply); COPY_SUB(t, nb_inplace_remainder);
  COPY_SUB(t, nb_inplace_power); COPY_SUB(t, nb_inplace_lshift); COPY_SUB(t, nb_inplace_rshift);
  COPY_SUB(t, nb_inplace_and); COPY_SUB(t, nb_inplace_xor); COPY_SUB(t, nb_inplace_or);
  COPY_SUB(t, nb_floor_divide); COPY_SUB(t, nb_true_divide);
  COPY_SUB(t, nb_inplace_floor_divide); COPY_SUB(t, nb_inplace_true_divide);
  COPY_SUB(t, nb_index); COPY_SUB(t, nb_matrix_multiply); COPY_SUB(t, nb_inplace_matrix_multiply);
}

static void inherit_sequence(PySequenceMethods *t, const PySequenceMethods *b)
{
  COPY_SUB(t, sq_length); COPY_SUB(t, sq_concat); COPY_SUB(t, sq_repeat); COPY_SUB(t, sq_item);
  COPY_SUB(t, sq_ass_item); COPY_SUB(t, sq_contains); COPY_SUB(t, sq_inplace_concat);
  COPY_SUB(t, sq_inplace_repeat);
}

static void inherit_mapping(PyMappingMethods *t, const PyMappingMethods *b)
{
  COPY_SUB(t, mp_length); COPY_SUB(t, mp_subscript); COPY_SUB(t, mp_ass_subscript);
}

#define SUBCLASS_FLAGS                                                                             \
  (Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS |               \
   Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS |            \
   Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS)

void rt_type_inherit(PyTypeObject *type, PyTypeObject *base)
{
  /* inherit_special */
  if (!(type->tp_flags & Py_TPFLAGS_HAVE_GC) && (base->tp_flags & Py_TPFLAGS_HAVE_GC) &&
      type->tp_traverse == NULL && type->tp_clear == NULL) {
    type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    type->tp_traverse = base->tp_traverse;
    type->tp_clear = base->tp_clear;
  }
  type->tp_flags |= base->tp_flags & (SUBCLASS_FLAGS | Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING);
  if (type->tp_basicsize == 0) type->tp_basicsize = base->tp_basicsize;
  if (type->tp_itemsize == 0) type->tp_itemsize = base->tp_itemsize;
  if (type->tp_weaklistoffset == 0) type->tp_weaklistoffset = base->tp_weaklistoffset;
  if (type->tp_dictoffset == 0) type->tp_dictoffset = base->tp_dictoffset;

  /* inherit_slots: the tables */
  if (type->tp_as_number == NULL) type->tp_as_number = base->tp_as_number;
  else if (base->tp_as_number != NULL && type->tp_as_number != base->tp_as_number)
    inherit_number(type->tp_as_number, base->tp_as_number);
  if (type->tp_as_sequence == NULL) type->tp_as_sequence = base->tp_as_sequence;
  else if (base->tp_as_sequence != NULL && type->tp_as_sequence != base->tp_as_sequence)
    inherit_sequence(type->tp_as_sequence, base->tp_as_sequence);
  if (type->tp_as_mapping == NULL) type->tp_as_mapping = base->tp_as_mapping;
  else if (base->tp_as_mapping != NULL && type->tp_as_mapping != base->tp_as_mapping)
    inherit_mapping(type->tp_as_mapping, base->tp_as_mapping);
  COPY(tp_as_async);
  COPY(tp_as_buffer);

  /* the plain slots */
  COPY(tp_dealloc);
  if (type->tp_getattr == NULL && type->tp_getattro == NULL) {
    type->tp_getattr = base->tp_getattr;
    type->tp_getattro = base->tp_getattro;
  }
  if (type->tp_setattr == NULL && type->tp_setattro == NULL) {
    type->tp_setattr = base->tp_setattr;
    type->tp_setattro = base->tp_setattro;
  }
  COPY(tp_repr);
  COPY(tp_call);
  COPY(tp_str);
  if (type->tp_richcompare == NULL && type->tp_hash == NULL) {
    type->tp_richcompare = base->tp_richcompare;
    type->tp_hash = base->tp_hash;
  }
  COPY(tp_iter);
  COPY(tp_iternext);
  COPY(tp_descr_get);
  COPY(tp_descr_set);
  COPY(tp_init);
  COPY(tp_alloc);
  COPY(tp_is_gc);
  COPY(tp_finalize);
  if (type->tp_vectorcall_offset == 0 && (base->tp_flags & Py_TPFLAGS_HAVE_VECTORCALL) &&
      type->tp_call == base->tp_call) {
    type->tp_vectorcall_offset = base->tp_vectorcall_offset;
    type->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
  }
  if (type->tp_free == NULL) {
    /* A GC type derived from a non-GC base must not free with PyObject_Free. */
    if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) && base->tp_free == PyObject_Free)
      type->tp_free = PyObject_GC_Del;
    else
      type->tp_free = base->tp_free;
  }
}

/* --- descriptors in the dict ------------------------------------------------------------------*/
/* Stores descr (stolen) under name unless the dict has it; 0 or -1. */
static int add_descr(PyObject *dict, const char *name, PyObject *descr, int overwrite)
{
  if (descr == NULL) return -1;
  int rc = 0;
  if (overwrite || rt_dict_get_cstr(dict, name) == NULL) rc = PyDict_SetItemString(dict, name, descr);
  Py_DECREF(descr);
  return rc;
}

int rt_type_add_descriptors(PyTypeObject *type, PyObject *dict)
{
  for (PyMethodDef *m = type->tp_methods; m != NULL && m->ml_name != NULL; m++) {
    PyObject *descr;
    if (m->ml_flags & METH_CLASS) {
      if (m->ml_flags & METH_STATIC) {
        PyErr_SetString(PyExc_ValueError, "method cannot be both class and static");
        return -1;
      }
      descr = PyDescr_NewClassMethod(type, m);
    } else if (m->ml_flags & METH_STATIC) {
      descr = PyCFunction_NewEx(m, (PyObject *)type, NULL);
    } else {
      descr = PyDescr_NewMethod(type, m);
    }
    if (add_descr(dict, m->ml_name, descr, (m->ml_flags & METH_COEXIST) != 0) < 0) return -1;
  }
  for (PyMemberDef *m = type->tp_members; m != NULL && m->name != NULL; m++)
    if (add_descr(dict, m->name, PyDescr_NewMember(type, m), 0) < 0) return -1;
  for (PyGetSetDef *g = type->tp_getset; g != NULL && g->name != NULL; g++)
    if (add_descr(dict, g->name, PyDescr_NewGetSet(type, g), 0) < 0) return -1;
  return 0;
}

/* --- PyType_Ready -------------------------------------------------------------------------------*/
static int ready_dict(PyTypeObject *type)
{
  int heap = (type->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0;
  PyObject *dict = type->tp_dict;
  int fresh = dict == NULL;
  if (fresh) {
    dict = PyDict_New();
    if (dict == NULL) return -1;
  }
  if (rt_type_add_descriptors(type, dict) < 0) goto fail;
  if (type->tp_doc != NULL && rt_dict_get_cstr(dict, "__doc__") == NULL) {
    const char *doc = type->tp_doc;
    /* Argument Clinic signatures ("name(sig)\n--\n\n") are not part of __doc__. */
    const char *sig_end = strstr(doc, "\n--\n\n");
    PyObject *d = PyUnicode_FromString(sig_end ? sig_end + 5 : doc);
    if (add_descr(dict, "__doc__", d, 0) < 0) goto fail;
  }
  if (fresh) {
    if (!heap) {
      if (rt_static_hold(Py_NewRef(dict)) < 0) goto fail;
      Py_DECREF(dict);   /* the registry holds it; tp_dict borrows */
    }
    type->tp_dict = dict;
  }
  return 0;
fail:
  if (fresh) Py_DECREF(dict);
  return -1;
}

int PyType_Ready(PyTypeObject *type)
{
  if (type->tp_flags & (Py_TPFLAGS_READY | Py_TPFLAGS_READYING)) return 0;
  if (rt_interp_init() < 0) return -1;
  if (type->tp_flags & Py_TPFLAGS_READY) return 0;   /* readied by rt_interp_init */
  if (type->tp_name == NULL) {
    PyErr_SetString(PyExc_SystemError, "Type does not define the tp_name field.");
    return -1;
  }
  /* Checked before inheritance, as CPython 3.11 does: the flag without a traverse of the type's
   * own is an error even when the base has one. */
  if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) && type->tp_traverse == NULL) {
    PyErr_Format(PyExc_SystemError, "type %s has the Py_TPFLAGS_HAVE_GC flag but has no "
                 "traverse function", type->tp_name);
    return -1;
  }
  type->tp_flags |= Py_TPFLAGS_READYING;
  if (Py_TYPE(type) == NULL) Py_SET_TYPE(type, &PyType_Type);
  PyTypeObject *base = type->tp_base;
  if (base == NULL && type != &PyBaseObject_Type) base = type->tp_base = &PyBaseObject_Type;
  if (base != NULL && !(base->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(base) < 0) goto fail;
  if (base != NULL && Py_TYPE(type) == &PyType_Type && Py_TYPE(base) != &PyType_Type &&
      Py_TYPE(base) != NULL)
    Py_SET_TYPE(type, Py_TYPE(base));   /* the metatype is inherited */

  if (type->tp_new == NULL && base == &PyBaseObject_Type &&
      !(type->tp_flags & Py_TPFLAGS_HEAPTYPE))
    type->tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
  if (base != NULL) rt_type_inherit(type, base);
  if (type->tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION) type->tp_new = NULL;
  else if (type->tp_new == NULL && base != NULL) type->tp_new = base->tp_new;
  if (type->tp_hash == NULL) type->tp_hash = PyObject_HashNotImplemented;
  if (ready_dict(type) < 0) goto fail;
  type->tp_flags = (type->tp_flags & ~Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
  return 0;
fail:
  type->tp_flags &= ~Py_TPFLAGS_READYING;
  return -1;
}

/* --- calling a type: creating instances ---------------------------------------------------------*/
static PyObject *type_call(PyObject *self, PyObject *args, PyObject *kwds)
{
  PyTypeObject *type = (PyTypeObject *)self;
  /* type(x) returns x's type */
  if (type == &PyType_Type && PyTuple_Check(args) && PyTuple_GET_SIZE(args) == 1 &&
      (kwds == NULL || PyDict_GET_SIZE(kwds) == 0))
    return Py_NewRef((PyObject *)Py_TYPE(PyTuple_GET_ITEM(args, 0)));
  if (type->tp_new == NULL)
    return rt_type_error("cannot create '%s' instances", type->tp_name);
  PyObject *obj = type->tp_new(type, args, kwds);
  obj = rt_check_result(self, obj, NULL);
  if (obj == NULL) return NULL;
  if (!PyObject_TypeCheck(obj, type)) return obj;   /* __new__ returned something else */
  type = Py_TYPE(obj);
  if (type->tp_init != NULL) {
    int res = type->tp_init(obj, args, kwds);
    if (res < 0) {
      if (PyErr_Occurred() == NULL)
        PyErr_Format(PyExc_SystemError, "__init__ of %s returned -1 without an exception",
                     type->tp_name);
      Py_DECREF(obj);
      return NULL;
    }
    if (PyErr_Occurred() != NULL) {
      Py_DECREF(obj);
      PyErr_Format(PyExc_SystemError, "__init__ of %s returned 0 with an exception set",
                   type->tp_name);
      return NULL;
    }
  }
  return obj;
}

PyObject *PyType_GenericNew(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void)args;
  (void)kwds;
  return type->tp_alloc(type, 0);
}

static int excess_args(PyObject *args, PyObject *kwds)
{
  return (args != NULL && PyTuple_GET_SIZE(args) != 0) ||
         (kwds != NULL && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds) != 0);
}

static PyObject *object_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  if (excess_args(args, kwds)) {
    if (type->tp_new != object_new)
      return rt_type_error("object.__new__() takes exactly one argument (the type to instantiate)");
    if (type->tp_init == object_init)
      return rt_type_error("%s() takes no arguments", rt_type_name(type));
  }
  if (type->tp_flags & Py_TPFLAGS_IS_ABSTRACT)
    return rt_type_error("Can't instantiate abstract class %s", rt_type_name(type));
  return type->tp_alloc(type, 0);
}

static int object_init(PyObject *self, PyObject *args, PyObject *kwds)
{
  PyTypeObject *type = Py_TYPE(self);
  if (excess_args(args, kwds)) {
    if (type->tp_init != object_init) {
      PyErr_SetString(PyExc_TypeError, "object.__init__() takes exactly one argument (the instance "
                                       "to initialize)");
      return -1;
    }
    if (type->tp_new == object_new) {
      PyErr_Format(PyExc_TypeError, "%s() takes no arguments", rt_type_name(type));
      return -1;
    }
  }
  return 0;
}

/* --- object's slots -----------------------------------------------------------------------------*/
static PyObject *object_repr(PyObject *self)
{
  PyTypeObject *type = Py_TYPE(self);
  PyObject *mod = type->tp_dict ? rt_dict_get_cstr(type->tp_dict, "__module__") : NULL;
  if (mod != NULL && PyUnicode_Check(mod) && !rt_str_equal_cstr(mod, "builtins"))
    return PyUnicode_FromFormat("<%U.%s object at %p>", mod, rt_type_name(type), (void *)self);
  return PyUnicode_FromFormat("<%s object at %p>", type->tp_name, (void *)self);
}

static PyObject *object_str(PyObject *self)
{
  reprfunc f = Py_TYPE(self)->tp_repr;
  if (f == NULL) f = object_repr;
  return f(self);
}

static PyObject *object_richcompare(PyObject *self, PyObject *other, int op)
{
  switch (op) {
  case Py_EQ:
    return Py_NewRef(self == other ? Py_True : Py_NotImplemented);
  case Py_NE: {
    /* By default __ne__ delegates to __eq__ and inverts the result. */
    richcmpfunc eq = Py_TYPE(self)->tp_richcompare;
    if (eq == NULL || eq == object_richcompare)
      return Py_NewRef(self == other ? Py_False : Py_NotImplemented);
    PyObject *res = eq(self, other, Py_EQ);
    if (res != NULL && res != Py_NotImplemented) {
      int ok = PyObject_IsTrue(res);
      Py_DECREF(res);
      if (ok < 0) return NULL;
      return PyBool_FromLong(!ok);
    }
    return res;
  }
  default:
    return Py_NewRef(Py_NotImplemented);
  }
}

static PyObject *object_get_class(PyObject *self, void *closure)
{
  (void)closure;
  return Py_NewRef((PyObject *)Py_TYPE(self));
}

static PyGetSetDef object_getset[] = {
    {"__class__", object_get_class, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *object_dir_method(PyObject *self, PyObject *unused)
{
  (void)unused;
  return PyObject_Dir(self);
}

static PyMethodDef object_methods[] = {
    {"__dir__", object_dir_method, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* --- the type of types ----------------------------------------------------------------------------*/
static PyObject *type_repr(PyObject *op)
{
  PyTypeObject *type = (PyTypeObject *)op;
  PyObject *mod = type->tp_dict ? rt_dict_get_cstr(type->tp_dict, "__module__") : NULL;
  if (mod != NULL && PyUnicode_Check(mod) && !rt_str_equal_cstr(mod, "builtins"))
    return PyUnicode_FromFormat("<class '%U.%s'>", mod, rt_type_name(type));
  return PyUnicode_FromFormat("<class '%s'>", type->tp_name);
}

static PyObject *type_getattro(PyObject *op, PyObject *name)
{
  PyTypeObject *type = (PyTypeObject *)op, *meta = Py_TYPE(op);
  if (!PyUnicode_Check(name))
    return rt_type_error("attribute name must be string, not '%.200s'", RT_TYPE_NAME(name));
  PyObject *meta_attr = rt_type_lookup(meta, name);
  if (meta_attr != NULL) {
    descrgetfunc get = Py_TYPE(meta_attr)->tp_descr_get;
    if (get != NULL && Py_TYPE(meta_attr)->tp_descr_set != NULL)   /* data descriptor */
      return get(meta_attr, op, (PyObject *)meta);
  }
  PyObject *attr = rt_type_lookup(type, name);
  if (attr != NULL) {
    descrgetfunc get = Py_TYPE(attr)->tp_descr_get;
    if (get != NULL) return get(attr, NULL, op);
    return Py_NewRef(attr);
  }
  if (meta_attr != NULL) {
    descrgetfunc get = Py_TYPE(meta_attr)->tp_descr_get;
    if (get != NULL) return get(meta_attr, op, (PyObject *)meta);
    return Py_NewRef(meta_attr);
  }
  PyErr_Format(PyExc_AttributeError, "type object '%s' has no attribute '%U'", rt_type_name(type),
               name);
  return NULL;
}

static int type_setattro(PyObject *op, PyObject *name, PyObject *value)
{
  PyTypeObject *type = (PyTypeObject *)op;
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE) || (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE)) {
    PyErr_Format(PyExc_TypeError, "cannot set %R attribute of immutable type '%s'", name,
                 type->tp_name);
    return -1;
  }
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'", RT_TYPE_NAME(name));
    return -1;
  }
  PyObject *meta_attr = rt_type_lookup(Py_TYPE(op), name);
  if (meta_attr != NULL && Py_TYPE(meta_attr)->tp_descr_set != NULL)
    return Py_TYPE(meta_attr)->tp_descr_set(meta_attr, op, value);
  if (value == NULL) {
    int rc = PyDict_DelItem(type->tp_dict, name);
    if (rc < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
      PyErr_Format(PyExc_AttributeError, "type object '%s' has no attribute '%U'",
                   rt_type_name(type), name);
    }
    return rc;
  }
  return PyDict_SetItem(type->tp_dict, name, value);
}

static int type_traverse(PyObject *op, visitproc visit, void *arg)
{
  PyTypeObject *type = (PyTypeObject *)op;
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) return 0;
  Py_VISIT(type->tp_dict);
  Py_VISIT(type->tp_mro);
  Py_VISIT(type->tp_bases);
  Py_VISIT((PyObject *)type->tp_base);
  Py_VISIT(((PyHeapTypeObject *)type)->ht_module);
  /* Not GC objects, but the leak check must see who holds them. */
  Py_VISIT(((PyHeapTypeObject *)type)->ht_name);
  Py_VISIT(((PyHeapTypeObject *)type)->ht_qualname);
  Py_VISIT(((PyHeapTypeObject *)type)->ht_slots);
  return 0;
}

static int type_clear(PyObject *op)
{
  PyTypeObject *type = (PyTypeObject *)op;
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) return 0;
  if (type->tp_dict != NULL) PyDict_Clear(type->tp_dict);
  Py_CLEAR(type->tp_mro);
  Py_CLEAR(((PyHeapTypeObject *)type)->ht_module);
  return 0;
}

static void type_dealloc(PyObject *op)
{
  PyTypeObject *type = (PyTypeObject *)op;
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    char msg[200];
    snprintf(msg, sizeof(msg), "the count of the static type %s reached zero: a reference was "
             "released that was never taken", type->tp_name);
    rt_defect_object(RT_DEFECT_SINGLETON_DEALLOC, op, NULL, rt_release_site, msg);
    return;
  }
  PyHeapTypeObject *ht = (PyHeapTypeObject *)type;
  PyObject_GC_UnTrack(op);
  if (type->tp_weaklist != NULL) PyObject_ClearWeakRefs(op);
  Py_XDECREF((PyObject *)type->tp_base);
  Py_XDECREF(type->tp_dict);
  Py_XDECREF(type->tp_bases);
  Py_XDECREF(type->tp_mro);
  Py_XDECREF(ht->ht_name);
  Py_XDECREF(ht->ht_qualname);
  Py_XDECREF(ht->ht_module);
  Py_XDECREF(ht->ht_slots);
  (PyMem_Free)(ht->_ht_tpname);
  (PyMem_Free)((void *)type->tp_doc);
  PyTypeObject *meta = Py_TYPE(op);
  meta->tp_free(op);
  if (meta->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF((PyObject *)meta);
}

/* --- heap types from a name, bases and a dict -----------------------------------------------------*/
/* A depth-first MRO: type, then each base's MRO, duplicates dropped. New tuple or NULL. */
static int mro_add(PyObject *list, PyObject *item)
{
  int has = PySequence_Contains(list, item);
  if (has < 0) return -1;
  return has ? 0 : PyList_Append(list, item);
}

static PyObject *simple_mro(PyTypeObject *type, PyObject *bases)
{
  PyObject *list = PyList_New(0), *result = NULL;
  if (list == NULL || PyList_Append(list, (PyObject *)type) < 0) goto out;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
    PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(bases, i);
    if (b->tp_mro != NULL) {
      for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(b->tp_mro); j++)
        if (mro_add(list, PyTuple_GET_ITEM(b->tp_mro, j)) < 0) goto out;
    } else {
      for (PyTypeObject *t = b; t != NULL; t = t->tp_base)
        if (mro_add(list, (PyObject *)t) < 0) goto out;
    }
  }
  result = PyList_AsTuple(list);
out:
  Py_XDECREF(list);
  return result;
}

/* Fills a freshly allocated heap type's names from "module.Name" (or "Name"); 0 or -1. */
int rt_heaptype_set_name(PyHeapTypeObject *ht, const char *name)
{
  size_t n = strlen(name);
  char *copy = (PyMem_Malloc)(n + 1);
  if (copy == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  memcpy(copy, name, n + 1);
  ht->_ht_tpname = copy;
  ht->ht_type.tp_name = copy;
  const char *dot = strrchr(name, '.');
  ht->ht_name = PyUnicode_FromString(dot ? dot + 1 : name);
  if (ht->ht_name == NULL) return -1;
  ht->ht_qualname = Py_NewRef(ht->ht_name);
  return 0;
}

/* Links the tables a heap type carries and sets mro and bases (bases borrowed). 0 or -1. */
int rt_heaptype_set_bases(PyHeapTypeObject *ht, PyObject *bases)
{
  PyTypeObject *type = &ht->ht_type;
  type->tp_as_async = &ht->as_async;
  type->tp_as_number = &ht->as_number;
  type->tp_as_sequence = &ht->as_sequence;
  type->tp_as_mapping = &ht->as_mapping;
  type->tp_as_buffer = &ht->as_buffer;
  PyTypeObject *base = (PyTypeObject *)PyTuple_GET_ITEM(bases, 0);
  if (!(base->tp_flags & Py_TPFLAGS_BASETYPE)) {
    PyErr_Format(PyExc_TypeError, "type '%s' is not an acceptable base type", base->tp_name);
    return -1;
  }
  type->tp_base = (PyTypeObject *)Py_NewRef((PyObject *)base);
  type->tp_bases = Py_NewRef(bases);
  type->tp_mro = simple_mro(type, bases);
  return type->tp_mro == NULL ? -1 : 0;
}

PyObject *rt_type_new_heap(const char *name, PyObject *bases, PyObject *dict)
{
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++)
    if (!PyType_Check(PyTuple_GET_ITEM(bases, i)))   /* its type is no metatype: CPython's words */
      return rt_type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                           "subclass of the metaclasses of all its bases");
  if (PyTuple_GET_SIZE(bases) == 0) return rt_type_error("a heap type needs a base");
  PyHeapTypeObject *ht = (PyHeapTypeObject *)PyType_GenericAlloc(&PyType_Type, 0);
  if (ht == NULL) return NULL;
  PyTypeObject *type = &ht->ht_type;
  PyTypeObject *base = (PyTypeObject *)PyTuple_GET_ITEM(bases, 0);
  type->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE;
  type->tp_dealloc = rt_subtype_dealloc;
  if (base->tp_flags & Py_TPFLAGS_HAVE_GC) {
    type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    type->tp_traverse = rt_subtype_traverse;
    type->tp_clear = base->tp_clear;
  }
  if (rt_heaptype_set_name(ht, name) < 0 || rt_heaptype_set_bases(ht, bases) < 0) goto fail;
  type->tp_dict = PyDict_Copy(dict);
  if (type->tp_dict == NULL) goto fail;
  PyObject *qualname = rt_dict_get_cstr(type->tp_dict, "__qualname__");
  if (qualname != NULL && PyUnicode_Check(qualname)) Py_SETREF(ht->ht_qualname, Py_NewRef(qualname));
  if (PyType_Ready(type) < 0) goto fail;
  return (PyObject *)type;
fail:
  Py_DECREF(type);
  return NULL;
}

/* type(name, bases, dict) and type(x), from C: PyObject_Call(&PyType_Type, ...). */
static PyObject *type_new(PyTypeObject *meta, PyObject *args, PyObject *kwds)
{
  (void)meta;
  (void)kwds;
  if (PyTuple_GET_SIZE(args) == 1) return Py_NewRef((PyObject *)Py_TYPE(PyTuple_GET_ITEM(args, 0)));
  PyObject *name, *bases, *dict;
  if (!PyArg_ParseTuple(args, "UO!O!:type.__new__", &name, &PyTuple_Type, &bases, &PyDict_Type, &dict))
    return NULL;
  PyObject *deflt = NULL;
  if (PyTuple_GET_SIZE(bases) == 0) {
    bases = deflt = PyTuple_Pack(1, (PyObject *)&PyBaseObject_Type);
    if (bases == NULL) return NULL;
  }
  PyObject *r = rt_type_new_heap(PyUnicode_AsUTF8(name), bases, dict);
  Py_XDECREF(deflt);
  return r;
}

int rt_subtype_traverse(PyObject *self, visitproc visit, void *arg)
{
  PyTypeObject *type = Py_TYPE(self), *base = type;
  while (base->tp_traverse == rt_subtype_traverse) base = base->tp_base;
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_VISIT((PyObject *)type);
  if (type->tp_dictoffset != base->tp_dictoffset && type->tp_dictoffset > 0)
    Py_VISIT(*(PyObject **)((char *)self + type->tp_dictoffset));
  return base->tp_traverse != NULL ? base->tp_traverse(self, visit, arg) : 0;
}

void rt_subtype_dealloc(PyObject *self)
{
  PyTypeObject *type = Py_TYPE(self), *base = type;
  while (base->tp_dealloc == rt_subtype_dealloc) base = base->tp_base;
  if (type->tp_finalize != NULL && PyObject_CallFinalizerFromDealloc(self) < 0) return;
  if (PyType_IS_GC(type)) PyObject_GC_UnTrack(self);
  /* Weak references die before the instance's dict, as in CPython's subtype_dealloc. */
  if (type->tp_weaklistoffset > 0 && base->tp_weaklistoffset == 0 &&
      *(PyObject **)((char *)self + type->tp_weaklistoffset) != NULL)
    PyObject_ClearWeakRefs(self);
  if (type->tp_dictoffset != base->tp_dictoffset && type->tp_dictoffset > 0) {
    PyObject **dictptr = (PyObject **)((char *)self + type->tp_dictoffset);
    Py_CLEAR(*dictptr);
  }
  /* A heap base's dealloc releases the type itself (CPython's type_needs_decref). */
  int type_needs_decref = (type->tp_flags & Py_TPFLAGS_HEAPTYPE) && !(base->tp_flags & Py_TPFLAGS_HEAPTYPE);
  base->tp_dealloc(self);
  if (type_needs_decref) Py_DECREF((PyObject *)type);
}

/* --- type attributes --------------------------------------------------------------------------------*/
static PyObject *type_get_name(PyObject *op, void *closure)
{
  (void)closure;
  return PyType_GetName((PyTypeObject *)op);
}

static PyObject *type_get_qualname(PyObject *op, void *closure)
{
  (void)closure;
  return PyType_GetQualName((PyTypeObject *)op);
}

static PyObject *type_get_module(PyObject *op, void *closure)
{
  (void)closure;
  PyTypeObject *type = (PyTypeObject *)op;
  PyObject *mod = type->tp_dict ? rt_dict_get_cstr(type->tp_dict, "__module__") : NULL;
  if (mod != NULL) return Py_NewRef(mod);
  const char *dot = strrchr(type->tp_name, '.');
  if (dot != NULL) return PyUnicode_FromStringAndSize(type->tp_name, dot - type->tp_name);
  return PyUnicode_FromString("builtins");
}

static PyObject *type_get_doc(PyObject *op, void *closure)
{
  (void)closure;
  PyTypeObject *type = (PyTypeObject *)op;
  PyObject *doc = type->tp_dict ? rt_dict_get_cstr(type->tp_dict, "__doc__") : NULL;
  return Py_NewRef(doc != NULL ? doc : Py_None);
}

static PyObject *type_get_mro(PyObject *op, void *closure)
{
  (void)closure;
  PyTypeObject *type = (PyTypeObject *)op;
  if (type->tp_mro != NULL) return Py_NewRef(type->tp_mro);
  Py_ssize_t n = 0;
  for (PyTypeObject *t = type; t != NULL; t = t->tp_base) n++;
  PyObject *mro = PyTuple_New(n);
  if (mro == NULL) return NULL;
  n = 0;
  for (PyTypeObject *t = type; t != NULL; t = t->tp_base)
    PyTuple_SET_ITEM(mro, n++, Py_NewRef((PyObject *)t));
  return mro;
}

static PyObject *type_get_base(PyObject *op, void *closure)
{
  (void)closure;
  PyTypeObject *base = ((PyTypeObject *)op)->tp_base;
  return Py_NewRef(base != NULL ? (PyObject *)base : Py_None);
}

static PyObject *type_get_dict(PyObject *op, void *closure)
{
  (void)closure;
  PyObject *dict = ((PyTypeObject *)op)->tp_dict;
  return dict != NULL ? PyDictProxy_New(dict) : PyDict_New();
}

static PyGetSetDef type_getset[] = {
    {"__name__", type_get_name, NULL, NULL, NULL},
    {"__qualname__", type_get_qualname, NULL, NULL, NULL},
    {"__module__", type_get_module, NULL, NULL, NULL},
    {"__doc__", type_get_doc, NULL, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL, NULL},
    {"__base__", type_get_base, NULL, NULL, NULL},
    {"__dict__", type_get_dict, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef type_members[] = {
    {"__basicsize__", Py_T_PYSSIZET, offsetof(PyTypeObject, tp_basicsize), Py_READONLY, NULL},
    {"__itemsize__", Py_T_PYSSIZET, offsetof(PyTypeObject, tp_itemsize), Py_READONLY, NULL},
    {"__flags__", Py_T_ULONG, offsetof(PyTypeObject, tp_flags), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};
