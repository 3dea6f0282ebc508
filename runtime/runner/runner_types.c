/* runner_types.c — a snippet's types as the runner sees them: which slots each has, where a type
 * made from a PyType_Spec is found at run time, and calling one slot.
 *
 * The slots the oracle calls are those of CPython's protocols whose result or exception state a
 * caller relies on: tp_repr, tp_str, tp_hash, tp_richcompare, tp_call and the number, sequence
 * and mapping tables. Construction, iteration and deallocation belong to a type's life (the TYPE
 * entry of runner_child.c); tp_init, tp_new, tp_traverse, tp_clear and the attribute slots are
 * reached through them. "The slots a type has" are the snippet's own: for a static type, the
 * non-NULL fields of the PyTypeObject as written (before PyType_Ready inherits any); for a spec,
 * the ids of its PyType_Slot array.
 *
 * A slot is called as CPython's abstract layer calls it, with self first: a binary number slot
 * (self, other), nb_power (self, other, None), sq_item (self, i), sq_ass_item (self, i, v or NULL),
 * mp_ass_subscript (self, key, v or NULL), tp_richcompare (self, other, op), tp_call (self, args
 * tuple, NULL). Arguments that are C integers (an index, a comparison op) arrive as int objects
 * and are converted by rc_type_slot_prepare, before the check window opens: nothing of the
 * runner's runs inside it but the slot itself. */
#include "runner.h"

#include <stdio.h>
#include <string.h>

static const RcSlotInfo slots[] = {
    {"tp_repr", Py_tp_repr, RC_SLOT_UNARY},         {"tp_str", Py_tp_str, RC_SLOT_UNARY},
    {"tp_hash", Py_tp_hash, RC_SLOT_HASH},          {"tp_richcompare", Py_tp_richcompare, RC_SLOT_RICHCMP},
    {"tp_call", Py_tp_call, RC_SLOT_CALL},
    {"nb_add", Py_nb_add, RC_SLOT_BINARY},          {"nb_subtract", Py_nb_subtract, RC_SLOT_BINARY},
    {"nb_multiply", Py_nb_multiply, RC_SLOT_BINARY}, {"nb_remainder", Py_nb_remainder, RC_SLOT_BINARY},
    {"nb_divmod", Py_nb_divmod, RC_SLOT_BINARY},    {"nb_power", Py_nb_power, RC_SLOT_TERNARY},
    {"nb_negative", Py_nb_negative, RC_SLOT_UNARY}, {"nb_positive", Py_nb_positive, RC_SLOT_UNARY},
    {"nb_absolute", Py_nb_absolute, RC_SLOT_UNARY}, {"nb_bool", Py_nb_bool, RC_SLOT_INQUIRY},
    {"nb_invert", Py_nb_invert, RC_SLOT_UNARY},     {"nb_lshift", Py_nb_lshift, RC_SLOT_BINARY},
    {"nb_rshift", Py_nb_rshift, RC_SLOT_BINARY},    {"nb_and", Py_nb_and, RC_SLOT_BINARY},
    {"nb_xor", Py_nb_xor, RC_SLOT_BINARY},          {"nb_or", Py_nb_or, RC_SLOT_BINARY},
    {"nb_int", Py_nb_int, RC_SLOT_UNARY},           {"nb_float", Py_nb_float, RC_SLOT_UNARY},
    {"nb_inplace_add", Py_nb_inplace_add, RC_SLOT_BINARY},
    {"nb_inplace_subtract", Py_nb_inplace_subtract, RC_SLOT_BINARY},
    {"nb_inplace_multiply", Py_nb_inplace_multiply, RC_SLOT_BINARY},
    {"nb_inplace_remainder", Py_nb_inplace_remainder, RC_SLOT_BINARY},
    {"nb_inplace_power", Py_nb_inplace_power, RC_SLOT_TERNARY},
    {"nb_inplace_lshift", Py_nb_inplace_lshift, RC_SLOT_BINARY},
    {"nb_inplace_rshift", Py_nb_inplace_rshift, RC_SLOT_BINARY},
    {"nb_inplace_and", Py_nb_inplace_and, RC_SLOT_BINARY},
    {"nb_inplace_xor", Py_nb_inplace_xor, RC_SLOT_BINARY},
    {"nb_inplace_or", Py_nb_inplace_or, RC_SLOT_BINARY},
    {"nb_floor_divide", Py_nb_floor_divide, RC_SLOT_BINARY},
    {"nb_true_divide", Py_nb_true_divide, RC_SLOT_BINARY},
    {"nb_inplace_floor_divide", Py_nb_inplace_floor_divide, RC_SLOT_BINARY},
    {"nb_inplace_true_divide", Py_nb_inplace_true_divide, RC_SLOT_BINARY},
    {"nb_index", Py_nb_index, RC_SLOT_UNARY},
    {"nb_matrix_multiply", Py_nb_matrix_multiply, RC_SLOT_BINARY},
    {"nb_inplace_matrix_multiply", Py_nb_inplace_matrix_multiply, RC_SLOT_BINARY},
    {"sq_length", Py_sq_length, RC_SLOT_LEN},       {"sq_concat", Py_sq_concat, RC_SLOT_BINARY},
    {"sq_repeat", Py_sq_repeat, RC_SLOT_SSIZEARG},  {"sq_item", Py_sq_item, RC_SLOT_SSIZEARG},
    {"sq_ass_item", Py_sq_ass_item, RC_SLOT_SSIZEOBJARG},
    {"sq_contains", Py_sq_contains, RC_SLOT_OBJOBJ},
    {"sq_inplace_concat", Py_sq_inplace_concat, RC_SLOT_BINARY},
    {"sq_inplace_repeat", Py_sq_inplace_repeat, RC_SLOT_SSIZEARG},
    {"mp_length", Py_mp_length, RC_SLOT_LEN},       {"mp_subscript", Py_mp_subscript, RC_SLOT_BINARY},
    {"mp_ass_subscript", Py_mp_ass_subscript, RC_SLOT_OBJOBJARG},
};
#define NSLOTS (sizeof slots / sizeof slots[0])

const char *rc_slot_kind_name(RcSlotKind kind) {
  static const char *const names[] = {"unary", "binary", "ternary", "hash", "len", "inquiry",
                                      "ssizearg", "ssizeobjarg", "objobj", "objobjarg", "richcmp",
                                      "call"};
  return names[kind];
}

int rc_slot_returns_int(RcSlotKind kind) {
  return kind == RC_SLOT_HASH || kind == RC_SLOT_LEN || kind == RC_SLOT_INQUIRY ||
         kind == RC_SLOT_SSIZEOBJARG || kind == RC_SLOT_OBJOBJ || kind == RC_SLOT_OBJOBJARG;
}

const RcSlotInfo *rc_slot_find(const char *name) {
  for (size_t i = 0; i < NSLOTS; i++)
    if (strcmp(slots[i].name, name) == 0) return &slots[i];
  return NULL;
}

const RcSlotInfo *rc_slot_by_id(int id) {
  for (size_t i = 0; i < NSLOTS; i++)
    if (slots[i].id == id) return &slots[i];
  return NULL;
}

size_t rc_slot_each(const PyTypeObject *static_type, const PyType_Spec *spec,
                    void (*visit)(const RcSlotInfo *slot, void (*fn)(void), void *ctx), void *ctx) {
  size_t n = 0;
  if (spec != NULL) {
    for (const PyType_Slot *s = spec->slots; s && s->slot; s++) {
      const RcSlotInfo *info = rc_slot_by_id(s->slot);
      if (info == NULL || s->pfunc == NULL) continue;
      visit(info, (void (*)(void))s->pfunc, ctx);
      n++;
    }
    return n;
  }
  for (size_t i = 0; i < NSLOTS; i++) {
    /* PyType_GetSlot reads a static type's fields and tables as written; it fails only for an
     * id out of range, which the table above never holds */
    void *fn = PyType_GetSlot((PyTypeObject *)static_type, slots[i].id);
    if (fn == NULL) continue;
    visit(&slots[i], (void (*)(void))fn, ctx);
    n++;
  }
  return n;
}

/* --- heap types ---------------------------------------------------------------------------------- */

PyObject *rc_type_from_spec(PyType_Spec *spec, PyObject *module, char *why, size_t size) {
  if (module != NULL) {
    PyObject *dict = PyModule_GetDict(module), *key, *value;
    Py_ssize_t pos = 0;
    while (dict != NULL && PyDict_Next(dict, &pos, &key, &value)) {
      if (!PyType_Check(value)) continue;
      PyTypeObject *tp = (PyTypeObject *)value;
      if ((tp->tp_flags & Py_TPFLAGS_HEAPTYPE) && tp->tp_name && spec->name &&
          strcmp(tp->tp_name, spec->name) == 0 && tp->tp_basicsize == spec->basicsize) {
        Py_IncRef(value);
        return value;
      }
    }
  }
  /* not added to the module (or no module): made here, as the snippet would make it */
  PyObject *type = PyType_FromModuleAndSpec(module, spec, NULL);
  if (type == NULL) {
    const char *exc = NULL, *source = NULL;
    rc_capi_exc_pending(&exc, &source);
    snprintf(why, size, "PyType_FromSpec(%s) failed%s%s", spec->name ? spec->name : "?",
             exc ? " with " : "", exc ? exc : "");
    rc_capi_exc_clear();
  }
  return type;
}

/* --- calling a slot ------------------------------------------------------------------------------ */

typedef PyObject *(*UnaryFn)(PyObject *);
typedef PyObject *(*BinaryFn)(PyObject *, PyObject *);
typedef PyObject *(*TernaryFn)(PyObject *, PyObject *, PyObject *);
typedef Py_hash_t (*HashFn)(PyObject *);
typedef Py_ssize_t (*LenFn)(PyObject *);
typedef int (*InquiryFn)(PyObject *);
typedef PyObject *(*SsizeArgFn)(PyObject *, Py_ssize_t);
typedef int (*SsizeObjArgFn)(PyObject *, Py_ssize_t, PyObject *);
typedef int (*ObjObjFn)(PyObject *, PyObject *);
typedef int (*ObjObjArgFn)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*RichCmpFn)(PyObject *, PyObject *, int);

/* An int argument as a C integer (outside the window). Returns 0, or -1 with why[] set. */
static int number(PyObject *op, long long *out, char *why, size_t size) {
  if (!PyLong_Check(op)) {
    snprintf(why, size, "the slot takes an int here, not a %s", Py_TYPE(op)->tp_name);
    return -1;
  }
  *out = PyLong_AsLongLong(op);
  if (*out == -1 && PyErr_Occurred()) {
    PyErr_Clear();
    snprintf(why, size, "the slot's int argument does not fit a C integer");
    return -1;
  }
  return 0;
}

int rc_type_slot_prepare(RcSlotCall *c, PyTypeObject *type, const char *name, PyObject **argv,
                         size_t argc, char *why, size_t size) {
  memset(c, 0, sizeof *c);
  c->info = rc_slot_find(name);
  if (c->info == NULL) {
    snprintf(why, size, "%s is not a slot the oracle calls", name);
    return -1;
  }
  c->fn = (void (*)(void))PyType_GetSlot(type, c->info->id);
  if (c->fn == NULL) {
    snprintf(why, size, "%s has no %s", type->tp_name, name);
    return -1;
  }
  size_t min = 0, max = 0;
  switch (c->info->kind) {
  case RC_SLOT_UNARY: case RC_SLOT_HASH: case RC_SLOT_LEN: case RC_SLOT_INQUIRY: break;
  case RC_SLOT_BINARY: case RC_SLOT_OBJOBJ: case RC_SLOT_SSIZEARG: min = max = 1; break;
  case RC_SLOT_TERNARY: case RC_SLOT_SSIZEOBJARG: case RC_SLOT_OBJOBJARG: min = 1; max = 2; break;
  case RC_SLOT_RICHCMP: min = max = 2; break;
  case RC_SLOT_CALL: max = (size_t)-1; break;
  }
  if (argc < min || argc > max) {
    snprintf(why, size, "%s takes %zu to %zu arguments, the argument set gives %zu", name, min,
             max == (size_t)-1 ? argc : max, argc);
    return -1;
  }
  for (size_t i = 0; i < argc && i < 2; i++) c->objects[i] = argv[i];
  c->nobjects = argc;
  if (c->info->kind == RC_SLOT_SSIZEARG || c->info->kind == RC_SLOT_SSIZEOBJARG)
    return number(argv[0], &c->number, why, size);
  if (c->info->kind == RC_SLOT_RICHCMP) {
    if (number(argv[1], &c->number, why, size) < 0) return -1;
    if (c->number < Py_LT || c->number > Py_GE) {
      snprintf(why, size, "a comparison op is 0 (<) ... 5 (>=), not %lld", c->number);
      return -1;
    }
  }
  return 0;
}

void rc_type_slot_invoke(const RcSlotCall *c, PyObject *self, PyObject *tuple, RcCallResult *r) {
  PyObject *a = c->objects[0], *b = c->nobjects > 1 ? c->objects[1] : NULL;
  switch (c->info->kind) {
  case RC_SLOT_UNARY: r->object = ((UnaryFn)c->fn)(self); break;
  case RC_SLOT_BINARY: r->object = ((BinaryFn)c->fn)(self, a); break;
  case RC_SLOT_TERNARY: r->object = ((TernaryFn)c->fn)(self, a, b ? b : Py_None); break;
  case RC_SLOT_HASH: r->value = ((HashFn)c->fn)(self); break;
  case RC_SLOT_LEN: r->value = ((LenFn)c->fn)(self); break;
  case RC_SLOT_INQUIRY: r->value = ((InquiryFn)c->fn)(self); break;
  case RC_SLOT_SSIZEARG: r->object = ((SsizeArgFn)c->fn)(self, (Py_ssize_t)c->number); break;
  case RC_SLOT_SSIZEOBJARG: r->value = ((SsizeObjArgFn)c->fn)(self, (Py_ssize_t)c->number, b); break;
  case RC_SLOT_OBJOBJ: r->value = ((ObjObjFn)c->fn)(self, a); break;
  case RC_SLOT_OBJOBJARG: r->value = ((ObjObjArgFn)c->fn)(self, a, b); break;
  case RC_SLOT_RICHCMP: r->object = ((RichCmpFn)c->fn)(self, a, (int)c->number); break;
  case RC_SLOT_CALL: r->object = ((TernaryFn)c->fn)(self, tuple, NULL); break;
  }
  r->returned = 1;
}
