/* typespec.c — heap types from a PyType_Spec (PyType_FromSpec and its family), PyType_GetSlot,
 * and the module a heap type belongs to, as CPython's Objects/typeobject.c.
 *
 * A type made from a spec is a heap type: a GC object of PyType_Type holding its slot tables
 * inline (PyHeapTypeObject), its name, doc (a PyMem copy), bases, mro, dict and module (owned).
 * Its instances hold a reference to it (PyObject_Init takes one); a tp_dealloc given in the spec
 * must release it, as in CPython 3.8+; without one, rt_subtype_dealloc does.
 * The FromSpec family returns a new reference or NULL with an exception set; on failure the
 * half-built type is released and everything it took goes with it.
 */
#include "rt_capi.h"

#include <string.h>

/* Where slot id s lives: in the table the type points to at `table` (an offset in PyTypeObject
 * of a PyNumberMethods * ...), at `field` in that table; table -1: directly at `field` in the
 * type. */
typedef struct {
  short table;
  short field;
} SlotOffset;

#define TP(f) {-1, (short)offsetof(PyTypeObject, f)}
#define SUB(t, T, f) {(short)offsetof(PyTypeObject, t), (short)offsetof(T, f)}
#define NB(f) SUB(tp_as_number, PyNumberMethods, f)
#define SQ(f) SUB(tp_as_sequence, PySequenceMethods, f)
#define MP(f) SUB(tp_as_mapping, PyMappingMethods, f)
#define AM(f) SUB(tp_as_async, PyAsyncMethods, f)
#define BF(f) SUB(tp_as_buffer, PyBufferProcs, f)

static const SlotOffset slot_offsets[] = {
    {0, 0},   /* 0: no slot */
    BF(bf_getbuffer), BF(bf_releasebuffer), MP(mp_ass_subscript), MP(mp_length), MP(mp_subscript),
    NB(nb_absolute), NB(nb_add), NB(nb_and), NB(nb_bool), NB(nb_divmod), NB(nb_float),
    NB(nb_floor_divide), NB(nb_index), NB(nb_inplace_add), NB(nb_inplace_and),
    NB(nb_inplace_floor_divide), NB(nb_inplace_lshift), NB(nb_inplace_multiply),
    NB(nb_inplace_or), NB(nb_inplace_power), NB(nb_inplace_remainder), NB(nb_inplace_rshift),
    NB(nb_inplace_subtract), NB(nb_inplace_true_divide), NB(nb_inplace_xor), NB(nb_int),
    NB(nb_invert), NB(nb_lshift), NB(nb_multiply), NB(nb_negative), NB(nb_or), NB(nb_positive),
    NB(nb_power), NB(nb_remainder), NB(nb_rshift), NB(nb_subtract), NB(nb_true_divide),
    NB(nb_xor), SQ(sq_ass_item), SQ(sq_concat), SQ(sq_contains), SQ(sq_inplace_concat),
    SQ(sq_inplace_repeat), SQ(sq_item), SQ(sq_length), SQ(sq_repeat), TP(tp_alloc), TP(tp_base),
    TP(tp_bases), TP(tp_call), TP(tp_clear), TP(tp_dealloc), TP(tp_del), TP(tp_descr_get),
    TP(tp_descr_set), TP(tp_doc), TP(tp_getattr), TP(tp_getattro), TP(tp_hash), TP(tp_init),
    TP(tp_is_gc), TP(tp_iter), TP(tp_iternext), TP(tp_methods), TP(tp_new), TP(tp_repr),
    TP(tp_richcompare), TP(tp_setattr), TP(tp_setattro), TP(tp_str), TP(tp_traverse),
    TP(tp_members), TP(tp_getset), TP(tp_free), NB(nb_matrix_multiply),
    NB(nb_inplace_matrix_multiply), AM(am_await), AM(am_aiter), AM(am_anext), TP(tp_finalize),
    AM(am_send),
};
#define N_SLOTS ((int)(sizeof(slot_offsets) / sizeof(slot_offsets[0])))
_Static_assert(sizeof(slot_offsets) / sizeof(slot_offsets[0]) == Py_am_send + 1,
               "one entry per slot id of typeslots.h, in order");

/* The address of slot in type, or NULL when the type has no table for it. */
static void **slot_address(PyTypeObject *type, int slot)
{
  SlotOffset o = slot_offsets[slot];
  if (o.table < 0) return (void **)((char *)type + o.field);
  char *table = *(char **)((char *)type + o.table);
  return table != NULL ? (void **)(table + o.field) : NULL;
}

void *PyType_GetSlot(PyTypeObject *type, int slot)
{
  if (slot <= 0 || slot >= N_SLOTS) {
    (PyErr_BadInternalCall)();
    return NULL;
  }
  void **addr = slot_address(type, slot);
  return addr != NULL ? *addr : NULL;
}

/* --- creating -------------------------------------------------------------------------------------*/
/* The bases the spec names (Py_tp_bases, Py_tp_base), or bases_in: a new tuple or NULL. */
static PyObject *spec_bases(PyType_Spec *spec, PyObject *bases_in)
{
  if (bases_in != NULL) {
    if (PyTuple_Check(bases_in)) return Py_NewRef(bases_in);
    if (!PyType_Check(bases_in)) return rt_type_error("bases must be a type or a tuple of types");
    return PyTuple_Pack(1, bases_in);
  }
  for (PyType_Slot *s = spec->slots; s->slot; s++)
    if (s->slot == Py_tp_bases) return Py_NewRef((PyObject *)s->pfunc);
  for (PyType_Slot *s = spec->slots; s->slot; s++)
    if (s->slot == Py_tp_base) return PyTuple_Pack(1, (PyObject *)s->pfunc);
  return PyTuple_Pack(1, (PyObject *)&PyBaseObject_Type);
}

/* Stores __module__ from "module.Name" in the type's dict unless it has one. */
static int set_module_name(PyTypeObject *type, const char *name)
{
  const char *dot = strrchr(name, '.');
  if (dot == NULL || rt_dict_get_cstr(type->tp_dict, "__module__") != NULL) return 0;
  PyObject *mod = PyUnicode_FromStringAndSize(name, dot - name);
  if (mod == NULL) return -1;
  int rc = PyDict_SetItemString(type->tp_dict, "__module__", mod);
  Py_DECREF(mod);
  return rc;
}

PyObject *PyType_FromMetaclass(PyTypeObject *meta, PyObject *module, PyType_Spec *spec, PyObject *bases_in)
{
  if (meta == NULL) meta = &PyType_Type;
  if (meta != &PyType_Type)
    return rt_type_error("the runtime creates heap types of the metatype 'type' only, not '%s'", meta->tp_name);
  for (PyType_Slot *s = spec->slots; s->slot; s++)
    if (s->slot < 0 || s->slot >= N_SLOTS) {
      PyErr_SetString(PyExc_RuntimeError, "invalid slot offset");
      return NULL;
    }
  PyObject *bases = spec_bases(spec, bases_in);
  if (bases == NULL) return NULL;
  PyHeapTypeObject *ht = (PyHeapTypeObject *)PyType_GenericAlloc(&PyType_Type, 0);
  if (ht == NULL) {
    Py_DECREF(bases);
    return NULL;
  }
  PyTypeObject *type = &ht->ht_type;
  type->tp_flags = spec->flags | Py_TPFLAGS_HEAPTYPE;
  type->tp_basicsize = spec->basicsize;
  type->tp_itemsize = spec->itemsize;
  if (rt_heaptype_set_name(ht, spec->name) < 0 || rt_heaptype_set_bases(ht, bases) < 0) goto fail;
  for (PyType_Slot *s = spec->slots; s->slot; s++) {
    switch (s->slot) {
    case Py_tp_base:
    case Py_tp_bases:
      break;   /* handled by spec_bases */
    case Py_tp_doc: {
      const char *doc = s->pfunc;
      if (doc == NULL) break;
      size_t n = strlen(doc) + 1;
      char *copy = (PyMem_Malloc)(n);
      if (copy == NULL) {
        PyErr_NoMemory();
        goto fail;
      }
      memcpy(copy, doc, n);
      type->tp_doc = copy;
      break;
    }
    case Py_tp_members:
      type->tp_members = s->pfunc;
      for (PyMemberDef *m = type->tp_members; m->name != NULL; m++) {
        if (strcmp(m->name, "__dictoffset__") == 0) type->tp_dictoffset = m->offset;
        else if (strcmp(m->name, "__weaklistoffset__") == 0) type->tp_weaklistoffset = m->offset;
        else if (strcmp(m->name, "__vectorcalloffset__") == 0) type->tp_vectorcall_offset = m->offset;
      }
      break;
    default:
      *slot_address(type, s->slot) = s->pfunc;
    }
  }
  if (type->tp_dealloc == NULL) type->tp_dealloc = rt_subtype_dealloc;
  if (module != NULL) ht->ht_module = Py_NewRef(module);
  if (PyType_Ready(type) < 0 || set_module_name(type, spec->name) < 0) goto fail;
  Py_DECREF(bases);
  return (PyObject *)type;
fail:
  Py_DECREF(bases);
  Py_DECREF(type);
  return NULL;
}

PyObject *PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec, PyObject *bases)
{
  return PyType_FromMetaclass(NULL, module, spec, bases);
}

PyObject *PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases)
{
  return PyType_FromMetaclass(NULL, NULL, spec, bases);
}

PyObject *PyType_FromSpec(PyType_Spec *spec) { return PyType_FromMetaclass(NULL, NULL, spec, NULL); }

/* --- the defining module ------------------------------------------------------------------------*/
PyObject *PyType_GetModule(PyTypeObject *type)
{
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' is not a heap type", type->tp_name);
    return NULL;
  }
  PyObject *mod = ((PyHeapTypeObject *)type)->ht_module;
  if (mod == NULL) {
    PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' has no associated module", type->tp_name);
    return NULL;
  }
  return mod;
}

void *PyType_GetModuleState(PyTypeObject *type)
{
  PyObject *m = PyType_GetModule(type);
  return m != NULL ? PyModule_GetState(m) : NULL;
}

PyObject *PyType_GetModuleByDef(PyTypeObject *type, struct PyModuleDef *def)
{
  PyObject *mro = type->tp_mro;
  Py_ssize_t n = mro ? PyTuple_GET_SIZE(mro) : 0;
  for (Py_ssize_t i = 0; mro ? i < n : i == 0; i++) {
    PyTypeObject *t = mro ? (PyTypeObject *)PyTuple_GET_ITEM(mro, i) : type;
    if (!(t->tp_flags & Py_TPFLAGS_HEAPTYPE)) continue;
    PyObject *mod = ((PyHeapTypeObject *)t)->ht_module;
    if (mod != NULL && PyModule_Check(mod) && ((PyModuleObject *)mod)->md_def == def) return mod;
  }
  PyErr_Format(PyExc_TypeError, "PyType_GetModuleByDef: No superclass of '%s' has the given module",
               type->tp_name);
  return NULL;
}
