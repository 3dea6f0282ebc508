/* refstate.c — path states and reference transitions (see refstate.h). */
#include "refstate.h"

#include <stdlib.h>
#include <string.h>

RcState *rc_state_new(RcArena *arena, int nvars) {
  RcState *s = RC_NEW(arena, RcState);
  s->nvars = nvars;
  s->vars = RC_NEW_ARRAY(arena, int, nvars > 0 ? nvars : 1);
  for (int i = 0; i < nvars; i++) s->vars[i] = -1;
  s->exc = RC_XS_CLEAR;
  return s;
}

RcState *rc_state_copy(RcArena *arena, const RcState *src) {
  RcState *s = RC_NEW(arena, RcState);
  *s = *src;
  s->vars = RC_NEW_ARRAY(arena, int, src->nvars > 0 ? src->nvars : 1);
  memcpy(s->vars, src->vars, sizeof(int) * (size_t)src->nvars);
  s->sym_cap = src->nsyms + 8;
  s->syms = RC_NEW_ARRAY(arena, RcSym, s->sym_cap);
  if (src->nsyms) memcpy(s->syms, src->syms, sizeof(RcSym) * (size_t)src->nsyms);
  s->loc_cap = src->nlocs + 4;
  s->locs = RC_NEW_ARRAY(arena, RcLoc, s->loc_cap);
  if (src->nlocs) memcpy(s->locs, src->locs, sizeof(RcLoc) * (size_t)src->nlocs);
  s->memo_cap = src->nmemo + 4;
  s->memo = RC_NEW_ARRAY(arena, RcMemo, s->memo_cap);
  if (src->nmemo) memcpy(s->memo, src->memo, sizeof(RcMemo) * (size_t)src->nmemo);
  return s;
}

/* The same value: the same symbol, or two integer constants that are equal. */
static bool same_value(const RcState *s, int x, int y) {
  if (x == y) return true;
  if (x < 0 || y < 0 || x >= s->nsyms || y >= s->nsyms) return false;
  const RcSym *a = &s->syms[x], *b = &s->syms[y];
  return a->is_int && b->is_int && a->lo == a->hi && b->lo == b->hi && a->lo == b->lo;
}

int rc_state_memo_get(const RcState *s, int op, int a, int b) {
  for (int i = 0; i < s->nmemo; i++)
    if (s->memo[i].op == op && same_value(s, s->memo[i].a, a) && same_value(s, s->memo[i].b, b))
      return s->memo[i].sym;
  return -1;
}

void rc_state_memo_set(RcArena *arena, RcState *s, int op, int a, int b, int sym) {
  if (s->nmemo >= 256) return; /* a cache, not a requirement */
  RcMemo m = {op, a, b, sym};
  RC_VEC_PUSH(arena, s->memo, s->nmemo, s->memo_cap, m);
}

static int add_sym(RcArena *arena, RcState *s, const RcSym *sym) {
  RC_VEC_PUSH(arena, s->syms, s->nsyms, s->sym_cap, *sym);
  return s->nsyms - 1;
}

int rc_state_new_ptr(RcArena *arena, RcState *s, RcNullness null, RcOrigin origin, unsigned uid) {
  RcSym v;
  memset(&v, 0, sizeof v);
  v.null = null;
  v.origin = origin;
  v.parent = -1;
  v.param = -1;
  v.uid = uid;
  return add_sym(arena, s, &v);
}

int rc_state_new_int(RcArena *arena, RcState *s, int64_t lo, int64_t hi, unsigned uid) {
  RcSym v;
  memset(&v, 0, sizeof v);
  v.is_int = true;
  v.lo = lo;
  v.hi = hi;
  v.parent = -1;
  v.param = -1;
  v.uid = uid;
  return add_sym(arena, s, &v);
}

RcLoc *rc_state_find_loc(RcState *s, int base, const RcName *field) {
  for (int i = 0; i < s->nlocs; i++)
    if (s->locs[i].base == base && s->locs[i].field == field) return &s->locs[i];
  return NULL;
}

int rc_state_get_loc(const RcState *s, int base, const RcName *field) {
  const RcLoc *l = rc_state_find_loc((RcState *)s, base, field);
  return l != NULL ? l->sym : -1;
}

bool rc_state_held_by_var(const RcState *s, int sym) {
  for (int v = 0; v < s->nvars; v++)
    if (s->vars[v] == sym) return true;
  return false;
}

void rc_state_set_loc(RcArena *arena, RcState *s, int base, const RcName *field, int sym) {
  for (int i = 0; i < s->nlocs; i++)
    if (s->locs[i].base == base && s->locs[i].field == field) {
      s->locs[i].sym = sym;
      s->locs[i].owes = false;
      s->locs[i].took = false;
      return;
    }
  RcLoc l = {base, field, sym, false, false};
  RC_VEC_PUSH(arena, s->locs, s->nlocs, s->loc_cap, l);
}

void rc_state_forget_took(RcState *s, int sym) {
  for (int i = 0; i < s->nlocs; i++)
    if (sym < 0 || s->locs[i].sym == sym) s->locs[i].took = false;
}

void rc_state_forget_fields(RcState *s, int base) {
  int k = 0;
  for (int i = 0; i < s->nlocs; i++)
    if (s->locs[i].base != base) s->locs[k++] = s->locs[i];
  s->nlocs = k;
}

bool rc_state_referenced(const RcState *s, int sym) {
  for (int i = 0; i < s->nvars; i++)
    if (s->vars[i] == sym) return true;
  for (int i = 0; i < s->nlocs; i++)
    if (s->locs[i].sym == sym) return true;
  return false;
}

void rc_state_event(RcArena *arena, RcState *s, RcEventKind kind, const RcSym *sym,
                    const RcName *api, const RcExpr *expr, unsigned line, unsigned col) {
  RcEvent *e = RC_NEW(arena, RcEvent);
  e->prev = s->events;
  e->kind = kind;
  e->uid = sym ? sym->uid : 0;
  e->other_uid = 0;
  if (sym != NULL && sym->parent >= 0 && sym->parent < s->nsyms) e->other_uid = s->syms[sym->parent].uid;
  e->api = api;
  e->expr = expr;
  e->line = line;
  e->col = col;
  e->owned = sym ? sym->owned : 0;
  s->events = e;
}

/* ---- transitions ---- */

static void release(RcState *s, int sym) {
  RcSym *v = &s->syms[sym];
  v->life = RC_LIFE_RELEASED;
  for (int i = 0; i < s->nsyms; i++)
    if (s->syms[i].parent == sym && s->syms[i].owned == 0 && s->syms[i].life == RC_LIFE_ALIVE)
      s->syms[i].invalidated = true;
}

RcRefError rc_state_incref(RcState *s, int sym) {
  if (sym < 0) return RC_REF_OK;
  RcSym *v = &s->syms[sym];
  if (v->is_int || v->null == RC_NULL_YES || v->origin == RC_ORIGIN_NONE) return RC_REF_OK;
  if (v->life == RC_LIFE_RELEASED) return RC_REF_ERR_USE_AFTER_RELEASE;
  v->owned++;
  v->life = RC_LIFE_ALIVE;
  v->null = RC_NULL_NO;
  return RC_REF_OK;
}

RcRefError rc_state_decref(RcState *s, int sym, bool entry_point) {
  if (sym < 0) return RC_REF_OK;
  RcSym *v = &s->syms[sym];
  if (v->is_int || v->null == RC_NULL_YES || v->origin == RC_ORIGIN_NONE) return RC_REF_OK;
  if (v->life == RC_LIFE_RELEASED) return RC_REF_ERR_USE_AFTER_RELEASE;
  if (v->life == RC_LIFE_STOLEN && v->owned == 0) return RC_REF_ERR_USE_AFTER_STEAL;
  if (v->owned > 0) {
    v->owned--;
    if (v->owned == 0 && v->origin == RC_ORIGIN_NEW) release(s, sym);
    return RC_REF_OK;
  }
  switch (v->origin) {
  case RC_ORIGIN_CALL: return RC_REF_ERR_RELEASE_BORROWED;
  case RC_ORIGIN_PARAM:
    if (entry_point) return RC_REF_ERR_RELEASE_BORROWED;
    v->consumed_param = true;
    release(s, sym);
    return RC_REF_OK;
  case RC_ORIGIN_FIELD:
  case RC_ORIGIN_STORED: release(s, sym); return RC_REF_OK;
  default: return RC_REF_OK;
  }
}

RcRefError rc_state_decref_in_dealloc(RcState *s, int sym) {
  if (sym < 0) return RC_REF_OK;
  RcSym *v = &s->syms[sym];
  if (!v->is_int && v->owned == 0 && v->origin == RC_ORIGIN_CALL && v->life == RC_LIFE_ALIVE &&
      v->parent >= 0 && s->syms[v->parent].origin == RC_ORIGIN_PARAM && s->syms[v->parent].param == 0) {
    release(s, sym);
    return RC_REF_OK;
  }
  return rc_state_decref(s, sym, false);
}

RcRefError rc_state_steal(RcState *s, int sym, int container, bool entry_point) {
  if (sym < 0) return RC_REF_OK;
  RcSym *v = &s->syms[sym];
  if (v->is_int || v->null == RC_NULL_YES || v->origin == RC_ORIGIN_NONE) return RC_REF_OK;
  if (v->life == RC_LIFE_RELEASED) return RC_REF_ERR_USE_AFTER_RELEASE;
  if (v->life == RC_LIFE_STOLEN && v->owned == 0) return RC_REF_ERR_USE_AFTER_STEAL;
  if (v->owned > 0) {
    v->owned--;
    if (v->owned == 0) {
      v->life = RC_LIFE_STOLEN;
      v->parent = container;
    }
    return RC_REF_OK;
  }
  switch (v->origin) {
  case RC_ORIGIN_CALL: return RC_REF_ERR_STEAL_BORROWED;
  case RC_ORIGIN_PARAM:
    if (entry_point) return RC_REF_ERR_STEAL_BORROWED;
    v->consumed_param = true;
    v->life = RC_LIFE_STOLEN;
    v->parent = container;
    return RC_REF_OK;
  default: return RC_REF_OK;
  }
}

void rc_state_store(RcState *s, int sym) {
  if (sym < 0) return;
  RcSym *v = &s->syms[sym];
  if (v->is_int) return;
  if (v->owned > 0) {
    v->owned--;
    if (v->owned == 0) v->origin = RC_ORIGIN_STORED;
  }
}

RcRefError rc_state_check_use(const RcState *s, int sym, bool null_ok) {
  if (sym < 0) return RC_REF_OK;
  const RcSym *v = &s->syms[sym];
  if (v->is_int) return RC_REF_OK;
  if (v->null == RC_NULL_YES) return v->null_from_failure && !null_ok ? RC_REF_ERR_NULL : RC_REF_OK;
  if (v->life == RC_LIFE_RELEASED) return RC_REF_ERR_USE_AFTER_RELEASE;
  if (v->life == RC_LIFE_STOLEN && v->parent >= 0 && s->syms[v->parent].life == RC_LIFE_RELEASED)
    return RC_REF_ERR_USE_AFTER_STEAL;
  if (v->invalidated) return RC_REF_ERR_INVALIDATED;
  return RC_REF_OK;
}

/* ---- normalisation and keys ---- */

static bool is_constant(const RcSym *v) { return v->is_int && v->lo == v->hi; }

static int compare_locs(const void *a, const void *b) {
  const RcLoc *x = a, *y = b;
  if (x->base != y->base) return x->base < y->base ? -1 : 1;
  if (x->field != y->field) return (uintptr_t)x->field < (uintptr_t)y->field ? -1 : 1;
  return 0;
}

void rc_state_normalize(RcArena *arena, RcState *s) {
  int n = s->nsyms;
  if (n == 0) return;
  int *map = RC_NEW_ARRAY(arena, int, n);
  int *order = RC_NEW_ARRAY(arena, int, n);
  for (int i = 0; i < n; i++) map[i] = -1;
  int next = 0;
#define VISIT(x)                                                                                   \
  do {                                                                                             \
    int v_ = (x);                                                                                  \
    if (v_ >= 0 && v_ < n && map[v_] < 0) {                                                        \
      map[v_] = next;                                                                              \
      order[next++] = v_;                                                                          \
    }                                                                                              \
  } while (0)
  for (int i = 0; i < s->nvars; i++) VISIT(s->vars[i]);
  /* locations reachable from what we have (globals always), to a fixed point */
  bool changed = true;
  while (changed) {
    changed = false;
    for (int i = 0; i < s->nlocs; i++) {
      int base = s->locs[i].base;
      if ((base < 0 || map[base] >= 0) && s->locs[i].sym >= 0 && map[s->locs[i].sym] < 0) {
        VISIT(s->locs[i].sym);
        changed = true;
      }
    }
    for (int k = 0; k < next; k++) {
      int p = s->syms[order[k]].parent;
      if (p >= 0 && map[p] < 0) {
        VISIT(p);
        changed = true;
      }
    }
  }
  /* Memoised results whose operands are still held are kept, so a recomputation finds the same
   * value. One level only: a result kept this way does not keep the entries it is an operand of,
   * or a loop's `j += step` would keep a chain that grows with every iteration and no two states
   * at the loop head would ever be equal. */
  int held = next;
  for (int i = 0; i < s->nmemo; i++) {
    const RcMemo *m = &s->memo[i];
    if (m->a < 0 || m->b < 0 || m->sym < 0 || map[m->sym] >= 0) continue;
    bool ka = (map[m->a] >= 0 && map[m->a] < held) || is_constant(&s->syms[m->a]);
    bool kb = (map[m->b] >= 0 && map[m->b] < held) || is_constant(&s->syms[m->b]);
    if (!ka || !kb) continue;
    VISIT(m->a); /* a constant operand is kept with the entry */
    VISIT(m->b);
    VISIT(m->sym);
  }
  /* owned values nobody refers to any more were reported as leaks; keep them out */
#undef VISIT
  RcSym *syms = RC_NEW_ARRAY(arena, RcSym, next + 8);
  for (int k = 0; k < next; k++) {
    syms[k] = s->syms[order[k]];
    syms[k].parent = syms[k].parent >= 0 ? map[syms[k].parent] : -1;
  }
  s->syms = syms;
  s->nsyms = next;
  s->sym_cap = next + 8;
  for (int i = 0; i < s->nvars; i++) s->vars[i] = s->vars[i] >= 0 ? map[s->vars[i]] : -1;
  int k = 0;
  for (int i = 0; i < s->nlocs; i++) {
    RcLoc l = s->locs[i];
    if (l.base >= 0 && map[l.base] < 0) continue;
    if (l.sym < 0 || map[l.sym] < 0) continue;
    l.base = l.base >= 0 ? map[l.base] : l.base; /* -1 globals, -2 their addresses */
    l.sym = map[l.sym];
    s->locs[k++] = l;
  }
  s->nlocs = k;
  if (k > 1) qsort(s->locs, (size_t)k, sizeof *s->locs, compare_locs);
  int km = 0;
  for (int i = 0; i < s->nmemo; i++) {
    RcMemo m = s->memo[i];
    if (m.a < 0 || m.b < 0 || m.sym < 0 || map[m.a] < 0 || map[m.b] < 0 || map[m.sym] < 0) continue;
    m.a = map[m.a];
    m.b = map[m.b];
    m.sym = map[m.sym];
    s->memo[km++] = m;
  }
  s->nmemo = km;
}

void rc_state_widen(RcState *s) {
  for (int i = 0; i < s->nsyms; i++)
    if (s->syms[i].is_int) {
      s->syms[i].lo = INT64_MIN;
      s->syms[i].hi = INT64_MAX;
      s->syms[i].nonzero = false;
    }
}

typedef struct {
  unsigned char *buf;
  size_t len, cap;
  RcArena *arena;
} Key;

static void key_put(Key *k, const void *p, size_t n) {
  if (k->len + n > k->cap) {
    size_t cap = (k->len + n) * 2 + 64;
    unsigned char *b = rc_arena_alloc(k->arena, cap);
    if (k->len) memcpy(b, k->buf, k->len);
    k->buf = b;
    k->cap = cap;
  }
  memcpy(k->buf + k->len, p, n);
  k->len += n;
}

size_t rc_state_key(RcArena *arena, const RcState *s, unsigned char **out) {
  Key k = {NULL, 0, 0, arena};
  int exc = (int)s->exc;
  key_put(&k, &exc, sizeof exc);
  key_put(&k, &s->failures, sizeof s->failures);
  key_put(&k, s->vars, sizeof(int) * (size_t)s->nvars);
  for (int i = 0; i < s->nsyms; i++) {
    const RcSym *v = &s->syms[i];
    struct {
      int is_int, null, nff, origin, life, owned, parent, inval, flagged, consumed, zac, uc, su, lazy, ms, param, nz;
      int64_t lo, hi;
    } f;
    memset(&f, 0, sizeof f);
    f.is_int = v->is_int;
    f.null = v->null;
    f.nff = v->null_from_failure;
    f.origin = v->origin;
    f.life = v->life;
    f.owned = v->owned;
    f.parent = v->parent;
    f.inval = v->invalidated;
    f.flagged = v->flagged;
    f.consumed = v->consumed_param;
    f.zac = v->zero_arg_call;
    f.uc = v->unknown_call;
    f.su = v->success_unsure;
    f.lazy = v->lazy_fail;
    f.ms = v->maybe_sentinel;
    f.param = v->param;
    f.nz = v->nonzero;
    f.lo = v->lo;
    f.hi = v->hi;
    key_put(&k, &f, sizeof f);
  }
  for (int i = 0; i < s->nmemo; i++) key_put(&k, &s->memo[i], sizeof s->memo[i]);
  for (int i = 0; i < s->nlocs; i++) {
    uintptr_t field = (uintptr_t)s->locs[i].field;
    key_put(&k, &s->locs[i].base, sizeof(int));
    key_put(&k, &field, sizeof field);
    key_put(&k, &s->locs[i].sym, sizeof(int));
    key_put(&k, &s->locs[i].owes, sizeof(bool));
    key_put(&k, &s->locs[i].took, sizeof(bool));
  }
  *out = k.buf;
  return k.len;
}
