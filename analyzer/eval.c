/* eval.c — evaluating one statement on one path state (see paths_int.h).
 *
 * The value of each expression is a symbol of the state; calls follow their summaries (or CPython's
 * conventions when nothing is known), choosing success or failure from the vector of choices the
 * walk enumerates; stores move ownership; transitions that go wrong become candidates. Sections:
 * helpers; reporting; expressions; calls. */
#include "paths_int.h"

#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ------------------------------------------------------------------------------ */

int rcp_new_ptr(Eng *E, RcNullness null, RcOrigin origin, const RcExpr *site) {
  int s = rc_state_new_ptr(E->arena, E->st, null, origin, ++E->next_uid);
  S(E, s)->site = site;
  if (site) S(E, s)->is_obj = site->is_obj;
  return s;
}

int rcp_new_int(Eng *E, int64_t lo, int64_t hi, const RcExpr *site) {
  int s = rc_state_new_int(E->arena, E->st, lo, hi, ++E->next_uid);
  S(E, s)->site = site;
  return s;
}

/* A fresh value of the expression's type, nothing known about it. */
static int fresh(Eng *E, const RcExpr *e, RcOrigin origin) {
  if (e->is_ptr || e->is_obj) {
    int s = rcp_new_ptr(E, RC_NULL_UNKNOWN, e->is_obj ? origin : RC_ORIGIN_NONE, e);
    S(E, s)->is_obj = e->is_obj;
    return s;
  }
  return rcp_new_int(E, INT64_MIN, INT64_MAX, e);
}

static void log_sym(Eng *E, const RcExpr *e, int sym) {
  LogEntry l = {e, sym};
  RC_VEC_PUSH(E->arena, E->log, E->nlog, E->log_cap, l);
}

static bool choose_fail(Eng *E) {
  int i = E->npoints++;
  return i < E->nchoices && E->choices[i];
}

static bool is_tracked_obj(Eng *E, int sym) {
  return sym >= 0 && !S(E, sym)->is_int && S(E, sym)->origin != RC_ORIGIN_NONE;
}

void rcp_name_of(Eng *E, int sym, char *buf, size_t size) {
  rc_diag_name(E->cfg, E->st, sym >= 0 ? S(E, sym)->uid : 0, buf, size);
}

/* ---- reporting ----------------------------------------------------------------------------------- */

static const char *rule_of(RcRefError err) {
  switch (err) {
  case RC_REF_ERR_RELEASE_BORROWED: return "ref-release-borrowed";
  case RC_REF_ERR_USE_AFTER_RELEASE: return "ref-use-after-release";
  case RC_REF_ERR_USE_AFTER_STEAL: return "ref-use-after-steal";
  case RC_REF_ERR_STEAL_BORROWED: return "ref-steal-borrowed";
  case RC_REF_ERR_NULL: return "null-unchecked";
  case RC_REF_ERR_INVALIDATED: return "ref-borrowed-invalidated";
  default: return NULL;
  }
}

/* Reports a transition error about `sym` at expression `at` (a call or a dereference). */
void rcp_report_err(Eng *E, RcRefError err, int sym, const RcExpr *at, const RcName *api) {
  /* the program would crash: the path ends (a member that only may be NULL goes on as set) */
  bool member = err == RC_REF_ERR_NULL && sym >= 0 && S(E, sym)->maybe_null != NULL &&
                S(E, sym)->null != RC_NULL_YES;
  if (err == RC_REF_ERR_NULL && !member) E->sink = true;
  if (err == RC_REF_OK || sym < 0 || S(E, sym)->flagged) return;
  RcSym *v = S(E, sym);
  char name[256], msg[768], note[512];
  rcp_name_of(E, sym, name, sizeof name);
  const char *callee = api ? api->text : NULL;
  const char *from = v->api ? v->api->text : NULL;
  switch (err) {
  case RC_REF_ERR_RELEASE_BORROWED:
    if (v->origin == RC_ORIGIN_PARAM)
      snprintf(msg, sizeof msg, "%s() releases %s, a parameter: the caller owns that reference",
               callee ? callee : "this call", name);
    else
      snprintf(msg, sizeof msg, "%s() releases %s, a reference borrowed from %s(): the function does not own it",
               callee ? callee : "this call", name, from ? from : "a call");
    snprintf(note, sizeof note, "%s is released here: 0 references owned", name);
    break;
  case RC_REF_ERR_USE_AFTER_RELEASE:
    snprintf(msg, sizeof msg, "%s is used after its last reference was released", name);
    snprintf(note, sizeof note, "%s is used here, after release", name);
    break;
  case RC_REF_ERR_USE_AFTER_STEAL: {
    const char *verb = E->verb ? E->verb : "used";
    snprintf(msg, sizeof msg, "%s is %s after a call stole the reference", name, verb);
    snprintf(note, sizeof note, "%s is %s here, but the function no longer owns it", name, verb);
    break;
  }
  case RC_REF_ERR_STEAL_BORROWED:
    if (E->stolen_from != NULL)
      snprintf(msg, sizeof msg, "%s() steals the reference stored in '%s', which %s() releases: "
               "'%s' is left holding a reference it does not own (Py_INCREF it before the call)",
               callee ? callee : "this call", E->stolen_from->text, E->releaser->text,
               E->stolen_from->text);
    else
      snprintf(msg, sizeof msg, "%s() steals %s, a reference the function does not own",
               callee ? callee : "this call", name);
    snprintf(note, sizeof note, "%s() steals it here: 0 references owned", callee ? callee : "the call");
    break;
  case RC_REF_ERR_NULL:
    if (v->maybe_null != NULL && v->null != RC_NULL_YES)
      snprintf(msg, sizeof msg, "%s may be NULL here (%s) and is passed to %s(), which does not accept "
               "NULL: use Py_XDECREF() or Py_CLEAR()", name, v->maybe_null, callee ? callee : "a call");
    else if (v->null == RC_NULL_YES && !v->null_from_failure)
      snprintf(msg, sizeof msg, "%s is NULL on this path and is passed to %s(), which does not accept "
               "NULL: use Py_XDECREF()", name, callee ? callee : "a call");
    else if (callee)
      snprintf(msg, sizeof msg, "%s may be NULL (%s() can fail) and is passed to %s(), which does not accept NULL",
               name, from ? from : "the call", callee);
    else
      snprintf(msg, sizeof msg, "%s may be NULL (%s() can fail) and is dereferenced", name,
               from ? from : "the call");
    if (v->null == RC_NULL_YES && !v->null_from_failure)
      snprintf(note, sizeof note, "%s is NULL here", name);
    else
      snprintf(note, sizeof note, "%s is used here without a NULL check", name);
    break;
  case RC_REF_ERR_INVALIDATED:
    snprintf(msg, sizeof msg, "%s is used after the object it was borrowed from was released", name);
    snprintf(note, sizeof note, "%s is used here, but its owner may have dropped it", name);
    break;
  default: return;
  }
  unsigned parent_uid = v->parent >= 0 ? S(E, v->parent)->uid : 0;
  rc_diag_add(E->diag, rule_of(err), v->site ? (const void *)v->site : (const void *)at, at->line,
              at->col, msg, E->st, v->uid, parent_uid, note, NULL, RC_DIAG_GROUP_NONE);
  v->flagged = true;
}

/* Counts the path's releases of `uid` (for the leak note). */
static int count_events(const RcState *st, unsigned uid, RcEventKind kind) {
  int n = 0;
  for (const RcEvent *e = st->events; e != NULL; e = e->prev) n += e->uid == uid && e->kind == kind;
  return n;
}

void rcp_report_leak(Eng *E, int sym, unsigned line, unsigned col, bool error_path, bool at_return) {
  RcSym *v = S(E, sym);
  if (v->flagged) return;
  char name[256], msg[768], note[512];
  rcp_name_of(E, sym, name, sizeof name);
  int released = count_events(E->st, v->uid, RC_EV_DECREF) + count_events(E->st, v->uid, RC_EV_STEAL);
  const char *how = v->origin == RC_ORIGIN_NEW && v->api ? v->api->text : NULL;
  if (how)
    snprintf(msg, sizeof msg, "%s leaks: the new reference from %s() is never released%s", name,
             how, error_path ? " on this error path" : "");
  else
    snprintf(msg, sizeof msg, "%s leaks: a reference the function owns is never released%s", name,
             error_path ? " on this error path" : "");
  snprintf(note, sizeof note, "%s leaks here: %d reference%s owned, %d released", name, v->owned,
           v->owned == 1 ? "" : "s", released);
  rc_diag_add(E->diag, "ref-leak", v->site ? (const void *)v->site : (const void *)v, line, col,
              msg, E->st, v->uid, 0, note, NULL, RC_DIAG_GROUP_NONE);
  if (error_path) rc_diag_set_variant(E->diag, 1); /* a missing cleanup, apart from a missing release */
  else if (at_return) rc_diag_per_line(E->diag);  /* each successful return lacks its release */
  v->flagged = true;
}

/* ---- expressions ------------------------------------------------------------------------------------ */

int rcp_eval(Eng *E, const RcExpr *e);

/* A use of `sym` that crashes on NULL: when it is a parameter never tested for NULL, the
 * function's callers must not pass NULL (its summary says so). */
static void used_as_nonnull(Eng *E, int sym) {
  if (sym < 0 || S(E, sym)->is_int || S(E, sym)->null != RC_NULL_UNKNOWN) return;
  int p = S(E, sym)->param;
  if (p >= 0 && p < 32) E->res->nonnull_params |= 1u << p;
}

/* A dereference of `sym` (p->f, *p, p[i]). */
static void check_deref(Eng *E, int sym, const RcExpr *at) {
  RcRefError err = rc_state_check_use(E->st, sym, false);
  if (err != RC_REF_OK) rcp_report_err(E, err, sym, at, NULL);
  used_as_nonnull(E, sym);
  if (sym >= 0 && !S(E, sym)->is_int && S(E, sym)->null == RC_NULL_UNKNOWN) S(E, sym)->null = RC_NULL_NO;
}

/* A member read that may be NULL (members.h) is marked, so that a Py_DECREF of it without a NULL
 * test is reported: in a tp_dealloc for any reason (a zeroed object, a tp_new that did not set it,
 * a tp_clear), elsewhere when another function sets it to NULL. */
static void mark_nullable_member(Eng *E, int sym, const RcExpr *field) {
  if (E->opt->members == NULL || !S(E, sym)->is_obj) return;
  char buf[256];
  const char *why = NULL;
  if (E->opt->dealloc_family) {
    why = rc_members_null_why(E->opt->members, field->record, field->name, buf, sizeof buf);
  } else {
    const RcMember *mb = rc_members_find(E->opt->members, field->record, field->name);
    why = mb ? mb->null_why : NULL;
  }
  if (why == NULL) return;
  if (why == buf) {
    char *copy = rc_arena_alloc(E->arena, strlen(buf) + 1);
    strcpy(copy, buf);
    why = copy;
  }
  S(E, sym)->maybe_null = why;
}

/* Evaluates the object an lvalue's field belongs to; -1 when it has no identity. */
static int field_base(Eng *E, const RcExpr *field) {
  int base = rcp_eval(E, field->kids[0]);
  if (field->arrow) check_deref(E, base, field);
  return base;
}

/* Reads an lvalue (for Py_CLEAR and friends) without reporting uses. */
static int read_lvalue(Eng *E, const RcExpr *lv) { return rcp_eval(E, lv); }

/* Overwriting a location whose old value a variable still holds (tmp = self->x; self->x = NULL):
 * the location's reference moves to the function, which must now release or hand it on. */
static void take_from_location(Eng *E, int base, const RcName *field, int value) {
  int old = rc_state_get_loc(E->st, base, field);
  if (old < 0 || old == value) return;
  RcSym *v = S(E, old);
  /* tc->name = PyIter_Next(it); ... tc->name = PyObject_Str(tc->name); the reference this path
   * stored is dropped: it is the function's again, and leaks where nothing holds it */
  const RcLoc *loc = rc_state_find_loc(E->st, base, field);
  if (loc != NULL && loc->took && !v->is_int && v->owned == 0 && v->life == RC_LIFE_ALIVE && v->origin == RC_ORIGIN_STORED &&
      v->null != RC_NULL_YES && !rcp_is_static_object(v)) {
    v->owned = 1;
    v->origin = RC_ORIGIN_NEW;
    return;
  }
  if (v->is_int || v->owned != 0 || v->life != RC_LIFE_ALIVE || v->null == RC_NULL_YES) return;
  if (v->origin != RC_ORIGIN_FIELD && v->origin != RC_ORIGIN_STORED) return;
  if (!rc_state_held_by_var(E->st, old)) return;
  v->owned = 1;
  v->origin = RC_ORIGIN_FIELD;
}


/* Binds location (base, field) to `value`. `owes`: a borrowed reference stored there is owed one
 * (paid by the Py_INCREF that usually follows); `took`: the function stored a reference it owned
 * (overwriting it without a release loses that reference). */
static void bind_loc(Eng *E, int base, const RcName *field, int value, bool owes, bool took) {
  rc_state_set_loc(E->arena, E->st, base, field, value);
  RcLoc *l = rc_state_find_loc(E->st, base, field);
  l->owes = owes;
  l->took = took;
}

/* A Py_INCREF of a value stored, borrowed, into a location pays the location's reference
 * (self->x = v; Py_INCREF(v);): returns true when it did. */
static bool pay_owed(RcState *st, int sym) {
  for (int i = 0; i < st->nlocs; i++)
    if (st->locs[i].sym == sym && st->locs[i].owes) {
      st->locs[i].owes = false;
      return true;
    }
  return false;
}

/* Stores `value` into lvalue `lv`: variables bind it; fields, globals and memory take ownership. */
static void store_into(Eng *E, const RcExpr *lv, int value) {
  if (lv->kind != RC_EX_VAR && value >= 0 && !S(E, value)->is_int && S(E, value)->param >= 0 &&
      S(E, value)->param < 32) {
    E->res->stored_params |= 1u << S(E, value)->param;
    /* Py_INCREF(options); codec->options = options; the store takes the function's own
     * reference, the caller's stays with the caller */
    if (S(E, value)->origin == RC_ORIGIN_PARAM && S(E, value)->owned > 0)
      E->res->paid_params |= 1u << S(E, value)->param;
  }
  switch (lv->kind) {
  case RC_EX_VAR:
    E->st->vars[lv->var] = value;
    if (value >= 0 && S(E, value)->label == NULL) S(E, value)->label = E->cfg->vars[lv->var].name;
    return;
  case RC_EX_FIELD: {
    int base = field_base(E, lv);
    if (base >= 0) take_from_location(E, base, lv->name, value);
    bool owes = is_tracked_obj(E, value) && S(E, value)->owned == 0 && S(E, value)->null != RC_NULL_YES;
    bool took = is_tracked_obj(E, value) && S(E, value)->owned > 0;
    if (took) {
      rc_state_store(E->st, value);
      rc_state_event(E->arena, E->st, RC_EV_STORE, S(E, value), NULL, lv, lv->line, lv->col);
    }
    if (base >= 0) {
      bind_loc(E, base, lv->name, value, owes, took);
    }
    if (value >= 0 && S(E, value)->label == NULL && S(E, value)->label_expr == NULL)
      S(E, value)->label_expr = lv;
    return;
  }
  case RC_EX_GLOBAL: {
    take_from_location(E, -1, lv->name, value);
    bool owes = is_tracked_obj(E, value) && S(E, value)->owned == 0 && S(E, value)->null != RC_NULL_YES;
    bool took = is_tracked_obj(E, value) && S(E, value)->owned > 0;
    if (is_tracked_obj(E, value)) rc_state_store(E->st, value);
    bind_loc(E, -1, lv->name, value, owes, took);
    if (value >= 0 && S(E, value)->label == NULL && S(E, value)->label_expr == NULL)
      S(E, value)->label_expr = lv;
    return;
  }
  case RC_EX_DEREF:
  case RC_EX_INDEX: {
    int base = rcp_eval(E, lv->kids[0]);
    check_deref(E, base, lv);
    if (lv->kind == RC_EX_INDEX) rcp_eval(E, lv->kids[1]);
    if (is_tracked_obj(E, value) && S(E, value)->owned == 0 && S(E, value)->null != RC_NULL_YES &&
        S(E, value)->life == RC_LIFE_ALIVE) {
      /* a borrowed reference stored into memory: owed one (a Py_INCREF usually follows) */
      const RcName *key = (const RcName *)(const void *)lv; /* one key per store site */
      bind_loc(E, -4, key, value, true, false);
    }
    if (is_tracked_obj(E, value)) {
      rc_state_store(E->st, value);
      rc_state_event(E->arena, E->st, RC_EV_STORE, S(E, value), NULL, lv, lv->line, lv->col);
    }
    if (lv->kind == RC_EX_DEREF && base >= 0) rc_state_set_loc(E->arena, E->st, base, NULL, value);
    return;
  }
  default:
    rcp_eval(E, lv);
    if (is_tracked_obj(E, value)) rc_state_store(E->st, value);
    return;
  }
}

static int eval_call(Eng *E, const RcExpr *e);

static int int_binary(Eng *E, const RcExpr *e, int a, int b) {
  RcSym *x = a >= 0 ? S(E, a) : NULL, *y = b >= 0 ? S(E, b) : NULL;
  bool xk = x && x->is_int && x->lo == x->hi, yk = y && y->is_int && y->lo == y->hi;
  switch (e->op) {
  case RC_OP_LT: case RC_OP_GT: case RC_OP_LE: case RC_OP_GE: case RC_OP_EQ: case RC_OP_NE: {
    int truth = -1; /* unknown */
    if (x && y && !x->is_int && !y->is_int) {
      if (e->op == RC_OP_EQ || e->op == RC_OP_NE) {
        bool eq = a == b, ne = (x->null == RC_NULL_YES && y->null == RC_NULL_NO) ||
                               (x->null == RC_NULL_NO && y->null == RC_NULL_YES);
        if (x->null == RC_NULL_YES && y->null == RC_NULL_YES) eq = true;
        if (eq) truth = e->op == RC_OP_EQ;
        else if (ne) truth = e->op == RC_OP_NE;
      }
    } else if (x && y && x->is_int && y->is_int) {
      int64_t xl = x->lo, xh = x->hi, yl = y->lo, yh = y->hi;
      switch (e->op) {
      case RC_OP_LT: truth = xh < yl ? 1 : xl >= yh ? 0 : -1; break;
      case RC_OP_GT: truth = xl > yh ? 1 : xh <= yl ? 0 : -1; break;
      case RC_OP_LE: truth = xh <= yl ? 1 : xl > yh ? 0 : -1; break;
      case RC_OP_GE: truth = xl >= yh ? 1 : xh < yl ? 0 : -1; break;
      case RC_OP_EQ: truth = (xk && yk && xl == yl) ? 1 : (xh < yl || xl > yh) ? 0 : -1; break;
      case RC_OP_NE: truth = (xk && yk && xl == yl) ? 0 : (xh < yl || xl > yh) ? 1 : -1; break;
      default: break;
      }
      /* a value known to be non-zero compared with 0 */
      if (truth < 0 && (e->op == RC_OP_EQ || e->op == RC_OP_NE) &&
          ((yk && yl == 0 && x->nonzero) || (xk && xl == 0 && y->nonzero)))
        truth = e->op == RC_OP_NE;
    }
    return truth < 0 ? rcp_new_int(E, 0, 1, e) : rcp_new_int(E, truth, truth, e);
  }
  default:
    if (xk && yk) {
      int64_t v = 0, p = x->lo, q = y->lo;
      switch (e->op) {
      case RC_OP_ADD: v = p + q; break;
      case RC_OP_SUB: v = p - q; break;
      case RC_OP_MUL: v = p * q; break;
      case RC_OP_BITAND: v = p & q; break;
      case RC_OP_BITOR: v = p | q; break;
      case RC_OP_BITXOR: v = p ^ q; break;
      default: return fresh(E, e, RC_ORIGIN_NONE);
      }
      return rcp_new_int(E, v, v, e);
    }
    if (e->is_ptr && x && !x->is_int) { /* pointer arithmetic: somewhere inside the same object */
      int s = rcp_new_ptr(E, RC_NULL_UNKNOWN, RC_ORIGIN_NONE, e);
      return s;
    }
    return fresh(E, e, RC_ORIGIN_NONE);
  }
}

/* A steal of `a` into `container`: a static object (Py_None, &SomeType) given without a
 * reference of its own is a borrowed reference stolen; it can never be moved out of its owner. */
static RcRefError steal(Eng *E, int a, int container) {
  E->stolen_from = NULL;
  if (a >= 0) rc_state_forget_took(E->st, a); /* what the location held went on with the call */
  if (a >= 0 && rcp_is_static_object(S(E, a)) && S(E, a)->owned == 0 &&
      S(E, a)->life == RC_LIFE_ALIVE)
    return RC_REF_ERR_STEAL_BORROWED;
  /* G = PyErr_NewException(..); PyModule_AddObject(m, "E", G); with Py_CLEAR(G) in m_free: the
   * reference went into G, so the call takes one nobody gave it */
  if (a >= 0 && E->opt->members != NULL && !S(E, a)->is_int && S(E, a)->origin == RC_ORIGIN_STORED &&
      S(E, a)->owned == 0 && S(E, a)->life == RC_LIFE_ALIVE && S(E, a)->null != RC_NULL_YES)
    for (int k = 0; k < E->st->nlocs; k++) {
      const RcLoc *l = &E->st->locs[k];
      if (l->sym != a || l->field == NULL || l->owes || l->base < -1) continue;
      const RcName *by = rc_members_releaser(E->opt->members, l->field, l->base == -1, E->cfg->name);
      if (by == NULL) continue;
      E->stolen_from = l->field;
      E->releaser = by;
      return RC_REF_ERR_STEAL_BORROWED;
    }
  return rc_state_steal(E->st, a, container, E->opt->entry_point);
}

static int eval_inner(Eng *E, const RcExpr *e) {
  switch (e->kind) {
  case RC_EX_UNKNOWN: {
    /* whatever flows into something we do not model is out of our hands */
    for (int i = 0; i < e->nkids; i++) {
      int k = rcp_eval(E, e->kids[i]);
      if (is_tracked_obj(E, k) && S(E, k)->owned > 0) rc_state_store(E->st, k);
    }
    int r = fresh(E, e, RC_ORIGIN_NONE);
    if (e->maybe_assign && e->nkids == 2 && e->kids[0]->kind == RC_EX_VAR) {
      /* an unread operator that may assign: the variable's value is no longer known */
      int v = e->kids[0]->var;
      int s = fresh(E, e->kids[0], RC_ORIGIN_NONE);
      S(E, s)->label = E->cfg->vars[v].name;
      E->st->vars[v] = s;
    }
    return r;
  }
  case RC_EX_INT: return rcp_new_int(E, e->ival, e->ival, e);
  case RC_EX_NULL: return rcp_new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
  case RC_EX_STRING:
  case RC_EX_FUNC: return rcp_new_ptr(E, RC_NULL_NO, RC_ORIGIN_NONE, e);
  case RC_EX_VAR: {
    int s = E->st->vars[e->var];
    if (s < 0) {
      s = fresh(E, e, RC_ORIGIN_NONE);
      E->st->vars[e->var] = s;
      S(E, s)->label = E->cfg->vars[e->var].name;
    }
    return s;
  }
  case RC_EX_GLOBAL: {
    int s = rc_state_get_loc(E->st, -1, e->name);
    if (s < 0) {
      s = fresh(E, e, RC_ORIGIN_FIELD);
      S(E, s)->label = e->name;
      rc_state_set_loc(E->arena, E->st, -1, e->name, s);
    }
    return s;
  }
  case RC_EX_FIELD: {
    int base = field_base(E, e);
    int s = base >= 0 ? rc_state_get_loc(E->st, base, e->name) : -1;
    if (s < 0) {
      s = fresh(E, e, RC_ORIGIN_FIELD);
      S(E, s)->label_expr = e;
      mark_nullable_member(E, s, e);
      if (base >= 0) rc_state_set_loc(E->arena, E->st, base, e->name, s);
    }
    return s;
  }
  case RC_EX_INDEX: {
    int base = rcp_eval(E, e->kids[0]);
    check_deref(E, base, e);
    rcp_eval(E, e->kids[1]);
    int s = fresh(E, e, RC_ORIGIN_FIELD);
    S(E, s)->label_expr = e;
    if (e->kids[0]->kind == RC_EX_FIELD) mark_nullable_member(E, s, e->kids[0]); /* self->items[i] */
    return s;
  }
  case RC_EX_DEREF: {
    int base = rcp_eval(E, e->kids[0]);
    check_deref(E, base, e);
    int s = base >= 0 ? rc_state_get_loc(E->st, base, NULL) : -1;
    if (s < 0) {
      s = fresh(E, e, RC_ORIGIN_FIELD);
      S(E, s)->label_expr = e;
      if (base >= 0) rc_state_set_loc(E->arena, E->st, base, NULL, s);
    }
    return s;
  }
  case RC_EX_ADDR: {
    const RcExpr *k = e->kids[0];
    if (k->kind == RC_EX_GLOBAL) { /* &PyList_Type, &ItemType, Py_None: one identity per object */
      const RcName *key = e->spelled != NULL ? e->spelled : k->name;
      int s = rc_state_get_loc(E->st, -2, key);
      if (s < 0) {
        s = rcp_new_ptr(E, RC_NULL_NO, e->is_obj ? RC_ORIGIN_FIELD : RC_ORIGIN_NONE, e);
        S(E, s)->is_obj = e->is_obj;
        S(E, s)->label_expr = e;
        rc_state_set_loc(E->arena, E->st, -2, key, s);
      }
      return s;
    }
    if (k->kind == RC_EX_FIELD) field_base(E, k);
    else if (k->kind == RC_EX_INDEX || k->kind == RC_EX_DEREF) rcp_eval(E, k->kids[0]);
    return rcp_new_ptr(E, RC_NULL_NO, RC_ORIGIN_NONE, e);
  }
  case RC_EX_NOT: {
    int k = rcp_eval(E, e->kids[0]);
    RcSym *v = k >= 0 ? S(E, k) : NULL;
    if (v && v->is_int && v->lo == v->hi) return rcp_new_int(E, v->lo == 0, v->lo == 0, e);
    if (v && v->is_int && (v->lo > 0 || v->hi < 0 || v->nonzero)) return rcp_new_int(E, 0, 0, e);
    if (v && !v->is_int && v->null != RC_NULL_UNKNOWN) {
      int t = v->null == RC_NULL_YES;
      return rcp_new_int(E, t, t, e);
    }
    return rcp_new_int(E, 0, 1, e);
  }
  case RC_EX_NEG: {
    int k = rcp_eval(E, e->kids[0]);
    RcSym *v = k >= 0 ? S(E, k) : NULL;
    if (v && v->is_int && v->lo == v->hi && v->lo != INT64_MIN) return rcp_new_int(E, -v->lo, -v->lo, e);
    return rcp_new_int(E, INT64_MIN, INT64_MAX, e);
  }
  case RC_EX_BINARY: {
    int a = rcp_eval(E, e->kids[0]);
    int b = rcp_eval(E, e->kids[1]);
    /* arithmetic on the same values gives the same value (bits & mask tested twice) */
    bool memo = a >= 0 && b >= 0 && S(E, a)->is_int && S(E, b)->is_int && e->op != RC_OP_NONE &&
                (e->op < RC_OP_LT || e->op > RC_OP_NE);
    if (memo) {
      int r = rc_state_memo_get(E->st, (int)e->op, a, b);
      if (r >= 0) return r;
    }
    int r = int_binary(E, e, a, b);
    if (memo && r >= 0 && S(E, r)->lo != S(E, r)->hi) rc_state_memo_set(E->arena, E->st, (int)e->op, a, b, r);
    return r;
  }
  case RC_EX_ASSIGN: {
    int v = rcp_eval(E, e->kids[1]);
    store_into(E, e->kids[0], v);
    return v;
  }
  case RC_EX_CALL: return eval_call(E, e);
  }
  return -1;
}

int rcp_eval(Eng *E, const RcExpr *e) {
  if (e == NULL) return -1;
  int s = eval_inner(E, e);
  log_sym(E, e, s);
  return s;
}

/* ---- calls -------------------------------------------------------------------------------------------- */

/* The lvalue an out-parameter argument designates (&x -> x), or NULL. */
static const RcExpr *out_target(const RcExpr *arg) {
  return arg != NULL && arg->kind == RC_EX_ADDR ? arg->kids[0] : NULL;
}

/* A call nothing is known about: arguments are borrowed, out-parameters get unknown values, a
 * PyObject * result is a new reference by CPython's convention. */
static int unknown_call(Eng *E, const RcExpr *e) {
  /* it may release what the function stored (a compiler builtin, __builtin_memcpy, cannot) */
  if (e->name == NULL || strncmp(e->name->text, "__builtin_", 10) != 0) rc_state_forget_took(E->st, -1);
  if (e->callee != NULL) rcp_eval(E, e->callee);
  for (int i = 0; i < e->nkids; i++) {
    const RcExpr *t = out_target(e->kids[i]);
    if (t != NULL && t->kind == RC_EX_VAR) {
      int old = E->st->vars[t->var];
      if (is_tracked_obj(E, old) && S(E, old)->owned > 0) rc_state_store(E->st, old);
      int s = fresh(E, t, RC_ORIGIN_NONE);
      S(E, s)->label = E->cfg->vars[t->var].name;
      E->st->vars[t->var] = s;
      continue;
    }
    if (t != NULL && t->kind == RC_EX_FIELD) {
      int base = field_base(E, t);
      if (base >= 0) rc_state_forget_fields(E->st, base);
      continue;
    }
    int a = rcp_eval(E, e->kids[i]);
    RcRefError err = rc_state_check_use(E->st, a, true);
    if (err == RC_REF_ERR_USE_AFTER_RELEASE || err == RC_REF_ERR_INVALIDATED)
      rcp_report_err(E, err, a, e, NULL);
    /* a new reference made just for this call (f(x, PyLong_FromLong(1))): helpers written that
     * way usually take it over; named references stay the caller's (borrowed by convention) */
    if (is_tracked_obj(E, a) && S(E, a)->owned > 0 && !rc_state_referenced(E->st, a))
      rc_state_store(E->st, a);
  }
  int r;
  if (e->is_obj) {
    r = rcp_new_ptr(E, RC_NULL_UNKNOWN, RC_ORIGIN_NEW, e);
    S(E, r)->is_obj = true;
    S(E, r)->owned = 1;
    S(E, r)->api = e->name;
    rc_state_event(E->arena, E->st, RC_EV_NEW, S(E, r), e->name, e, e->line, e->col);
  } else {
    r = fresh(E, e, RC_ORIGIN_NONE);
  }
  S(E, r)->unknown_call = true;
  S(E, r)->zero_arg_call = e->nkids == 0;
  return r;
}

/* Binds the lvalue of an out-parameter to `value`. */
static void bind_out(Eng *E, const RcExpr *target, int value) {
  if (target == NULL) return;
  if (target->kind == RC_EX_VAR) {
    E->st->vars[target->var] = value;
    if (S(E, value)->label == NULL) S(E, value)->label = E->cfg->vars[target->var].name;
  } else {
    store_into(E, target, value);
  }
}

static int first_borrow_arg(const RcApi *api, const int *args, int nargs) {
  for (int i = 0; i < api->nargs && i < nargs; i++)
    if (api->args[i].effect == RC_ARG_BORROW && args[i] >= 0) return args[i];
  return -1;
}

/* The arguments a format string describes: out-parameters, stolen and borrowed objects. */
static void apply_format(Eng *E, const RcExpr *e, const RcApi *api, const int *args, bool failing) {
  const RcExpr *fmt = api->format_arg >= 0 && api->format_arg < e->nkids ? e->kids[api->format_arg] : NULL;
  if (fmt == NULL || fmt->kind != RC_EX_STRING || fmt->text == NULL || api->varargs_arg < 0) return;
  RcFormatWalk walk;
  RcFormatUnit unit;
  rc_format_begin(&walk, api->format, fmt->text);
  int pos = api->varargs_arg;
  int container = api->nargs > 0 && e->nkids > 0 ? args[0] : -1;
  while (rc_format_next(&walk, &unit) == 1) {
    for (int k = 0; k < unit.ncargs; k++, pos++) {
      if (pos >= e->nkids) return;
      const RcExpr *arg = e->kids[pos];
      int a = args[pos];
      switch (unit.effect[k]) {
      case RC_FMTARG_OUT_BORROWED:
        if (!failing && out_target(arg) != NULL) {
          int s = rcp_new_ptr(E, unit.optional ? RC_NULL_UNKNOWN : RC_NULL_NO, RC_ORIGIN_CALL, arg);
          S(E, s)->is_obj = true;
          S(E, s)->parent = container;
          S(E, s)->api = e->name;
          bind_out(E, out_target(arg), s);
        }
        break;
      case RC_FMTARG_STEAL: {
        RcRefError err = rc_state_check_use(E->st, a, unit.nullable[k]);
        if (err == RC_REF_OK) err = steal(E, a, -1);
        if (err == RC_REF_OK && is_tracked_obj(E, a))
          rc_state_event(E->arena, E->st, RC_EV_STEAL, S(E, a), e->name, e, e->line, e->col);
        E->verb = "stolen again";
        rcp_report_err(E, err, a, e, e->name);
        E->verb = NULL;
        break;
      }
      case RC_FMTARG_INCREF: {
        RcRefError err = rc_state_check_use(E->st, a, unit.nullable[k]);
        rcp_report_err(E, err, a, e, e->name);
        break;
      }
      case RC_FMTARG_CONVERTER_DATA:
      case RC_FMTARG_VALUE:
      case RC_FMTARG_MEMORY:
        if (!failing && out_target(arg) != NULL && out_target(arg)->kind == RC_EX_VAR) {
          const RcExpr *t = out_target(arg);
          int s = fresh(E, t, RC_ORIGIN_NONE);
          bind_out(E, t, s);
        }
        break;
      default: break;
      }
    }
  }
}

/* A call whose result reports the exception state (PyErr_Occurred): non-NULL (non-zero) exactly
 * when an exception is set. Where the state is known the result follows it; where it is not, the
 * path splits and each branch learns the state. Not a failure: no path note, no exception set by
 * the call itself. */
static int eval_exception_report(Eng *E, const RcExpr *e, const RcApi *api) {
  if (e->callee != NULL) rcp_eval(E, e->callee);
  for (int i = 0; i < e->nkids; i++) rcp_eval(E, e->kids[i]);
  bool set;
  if (E->st->exc == RC_XS_SET) set = true;
  else if (E->st->exc == RC_XS_CLEAR) set = false;
  else {
    set = !choose_fail(E);
    E->st->exc = set ? RC_XS_SET : RC_XS_CLEAR;
  }
  if (api->ret == RC_REF_NONE && !e->is_ptr) return rcp_new_int(E, set ? 1 : 0, set ? 1 : 0, e);
  int r = rcp_new_ptr(E, set ? RC_NULL_NO : RC_NULL_YES, set ? RC_ORIGIN_CALL : RC_ORIGIN_NONE, e);
  S(E, r)->is_obj = set && api->ret != RC_REF_NONE;
  S(E, r)->api = e->name;
  return r;
}

/* The interval of a successful result of a call failing with -1 (or a negative value), as the
 * rules' success kind gives it; *unsure when the data does not say. */
static void success_range(const RcApi *api, int64_t *lo, int64_t *hi, bool *unsure) {
  *lo = 0;
  *hi = INT64_MAX;
  *unsure = false;
  switch (api->success) {
  case RC_SUCCESS_ZERO: *hi = 0; break;
  case RC_SUCCESS_BOOL:
  case RC_SUCCESS_FOUND: *hi = 1; break;
  case RC_SUCCESS_COUNT: break;
  case RC_SUCCESS_UNKNOWN: *unsure = true; break;
  }
}

/* Whether the expression is declared as a pointer to `type` (PyTypeObject *typeobj): a type test
 * of the rules (checks-type) is then true. */
static bool declared_as(const RcExpr *x, const char *type) {
  if (x == NULL || x->type == NULL) return false;
  const char *t = x->type->text;
  if (strncmp(t, "const ", 6) == 0) t += 6;
  size_t n = strlen(type);
  return strncmp(t, type, n) == 0 && strcmp(t + n, " *") == 0;
}

/* A refcount operation spelled with another arity than its record (a debug build's
 * Py_DECREF(filename, lineno, op) in 3.11+, 3.10 release's _Py_DECREF(op) against the 3.8 record
 * _Py_DECREF(filename, lineno, op)), as met when it is lowered from its expansion inside a
 * project's macro: the call rebuilt with the object where the record has it, found by its type
 * (rc_api_call_object_arg), the other arguments plain values. Otherwise `e` itself. */
static const RcExpr *object_arg_in_place(Eng *E, const RcExpr *e, const RcApi *api) {
  int want = rc_api_object_arg(api);
  if (e->nkids == api->nargs || want < 0 || (api->flags & RC_API_VARIADIC) || e->nkids > 8) return e;
  const char *types[8];
  for (int i = 0; i < e->nkids; i++)
    types[i] = e->kids[i]->is_obj ? "PyObject *" : e->kids[i]->type ? e->kids[i]->type->text : NULL;
  int at = rc_api_call_object_arg(api, e->nkids, types);
  if (at < 0) return e;
  RcExpr *c = RC_NEW(E->arena, RcExpr);
  *c = *e;
  c->nkids = api->nargs;
  c->kids = RC_NEW_ARRAY(E->arena, RcExpr *, api->nargs);
  for (int i = 0; i < api->nargs; i++) {
    if (i == want) {
      c->kids[i] = e->kids[at];
      continue;
    }
    c->kids[i] = RC_NEW(E->arena, RcExpr);
    c->kids[i]->kind = RC_EX_INT;
    c->kids[i]->line = e->line;
    c->kids[i]->col = e->col;
  }
  return c;
}

/* type->tp_alloc(type, 0): the slot is PyType_GenericAlloc unless a type overrides it, and every
 * override keeps its contract (a new reference, or NULL with an exception set). The call is
 * evaluated as that API under the slot's name. */
static const RcApi *slot_call(Eng *E, const RcExpr **e) {
  const RcExpr *callee = (*e)->callee;
  if ((*e)->name != NULL || callee == NULL || callee->kind != RC_EX_FIELD ||
      strcmp(callee->name->text, "tp_alloc") != 0)
    return NULL;
  const RcApi *api = rc_summary_lookup_text(E->opt->summaries, "PyType_GenericAlloc");
  if (api == NULL) return NULL;
  RcExpr *named = RC_NEW(E->arena, RcExpr);
  *named = **e;
  named->name = callee->name;
  *e = named;
  return api;
}

/* PyLong_FromLong(0): CPython hands out its cached object for -5 ... 256, which cannot fail. */
static bool cached_small_int(const RcExpr *e, const RcApi *api) {
  if (!(api->flags & RC_API_SMALL_INT_CACHED)) return false;
  for (int i = 0; i < api->nargs && i < e->nkids; i++)
    if (api->args[i].effect == RC_ARG_VALUE)
      return e->kids[i]->kind == RC_EX_INT && e->kids[i]->ival >= -5 && e->kids[i]->ival <= 256;
  return false;
}

/* True when `call` is given an integer (a size, a count): PyTuple_New(2), PyTuple_Pack(1, o). */
static bool has_int_arg(const RcExpr *call) {
  for (int i = 0; i < call->nkids; i++)
    if (!call->kids[i]->is_ptr && !call->kids[i]->is_obj) return true;
  return false;
}

/* A getter that fails only on a bad argument (PyList_GetItem(list, 0)) whose failure nothing in
 * the function can have ruled out: a constant index into a container of unknown size (a
 * parameter, or the result of a call given no integer, PySequence_List(x)) that the function
 * hands to nothing but such getters and reference counting (a size or type test would). Its
 * failure is explored at the call, like any other. */
static bool unguarded_getter(Eng *E, const RcExpr *e, const RcApi *api) {
  int container = -1;
  bool constant_index = false;
  for (int i = 0; i < api->nargs && i < e->nkids; i++) {
    if (api->args[i].effect == RC_ARG_BORROW && container < 0) container = i;
    else if (api->args[i].effect == RC_ARG_VALUE && e->kids[i]->kind == RC_EX_INT) constant_index = true;
  }
  if (container < 0 || !constant_index || e->kids[container]->kind != RC_EX_VAR) return false;
  int var = e->kids[container]->var;
  bool known_origin = E->cfg->vars[var].is_param;
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, E->cfg);
  for (const RcExpr *x; (x = rc_expr_walk_next(&walk)) != NULL;) {
    if (x->kind == RC_EX_ASSIGN && x->kids[0]->kind == RC_EX_VAR && x->kids[0]->var == var) {
      if (x->kids[1]->kind != RC_EX_CALL || has_int_arg(x->kids[1])) return false;
      known_origin = true;
    }
    if (x->kind == RC_EX_ADDR && x->kids[0]->kind == RC_EX_VAR && x->kids[0]->var == var) return false;
    if (x->kind != RC_EX_CALL) continue;
    const RcApi *other = rc_summary_lookup(E->opt->summaries, x->name);
    bool getter = other != NULL && (other->flags & RC_API_FAILS_ON_BAD_ARG) && other->ret == RC_REF_BORROWED;
    for (int i = 0; i < x->nkids && !getter; i++) {
      if (x->kids[i]->kind != RC_EX_VAR || x->kids[i]->var != var) continue;
      RcArgEffect eff = other != NULL && i < other->nargs ? other->args[i].effect : RC_ARG_BORROW;
      if (other == NULL || (eff != RC_ARG_INCREF && eff != RC_ARG_DECREF && eff != RC_ARG_CLEAR)) return false;
    }
  }
  return known_origin;
}

/* fails-for-null: a nullable object argument that is NULL on this path makes the call fail
 * (PyModule_AddObject(m, "E", PyErr_NewException(..)) when the exception could not be made). */
static bool null_argument_fails(Eng *E, const RcApi *api, const int *args, int n) {
  if (!(api->flags & RC_API_FAILS_FOR_NULL)) return false;
  for (int i = 0; i < api->nargs && i < n; i++)
    if (api->args[i].nullable && args[i] >= 0 && !S(E, args[i])->is_int &&
        S(E, args[i])->null == RC_NULL_YES)
      return true;
  return false;
}

/* A function of the file given the struct a location lives in (or a pointer leading to it) may
 * release what the location holds: the locations reachable from the arguments, and the globals,
 * forget that this function stored their references. */
static void forget_took_reachable(Eng *E, const RcExpr *call, const int *args, int n) {
  RcState *st = E->st;
  unsigned char *reach = RC_NEW_ARRAY(E->arena, unsigned char, st->nsyms + 1);
  for (int i = 0; i < n; i++) {
    const RcExpr *t = out_target(call->kids[i]);
    if (t != NULL && t->kind == RC_EX_VAR && st->vars[t->var] >= 0) reach[st->vars[t->var]] = 1;
    if (args[i] >= 0 && !S(E, args[i])->is_int) reach[args[i]] = 1;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (int k = 0; k < st->nlocs; k++) {
      const RcLoc *l = &st->locs[k];
      if (l->base >= 0 && reach[l->base] && l->sym >= 0 && !reach[l->sym]) {
        reach[l->sym] = 1;
        changed = true;
      }
    }
  }
  for (int k = 0; k < st->nlocs; k++)
    if (st->locs[k].base == -1 || (st->locs[k].base >= 0 && reach[st->locs[k].base]))
      st->locs[k].took = false;
}

static int eval_call(Eng *E, const RcExpr *e) {
  const RcApi *api = rc_summary_lookup(E->opt->summaries, e->name);
  if (api == NULL) api = slot_call(E, &e);
  if (api == NULL) return unknown_call(E, e);
  if (api->flags & RC_API_REPORTS_EXCEPTION) return eval_exception_report(E, e, api);
  e = object_arg_in_place(E, e, api);
  bool from_rules = rc_summary_rules_lookup(E->opt->summaries, e->name) == api;

  rc_check_call(E->diag, E->cfg, E->opt->version, e, api);

  int n = e->nkids;
  int *args = RC_NEW_ARRAY(E->arena, int, n > 0 ? n : 1);
  const RcExpr **targets = RC_NEW_ARRAY(E->arena, const RcExpr *, n > 0 ? n : 1);
  int replace_src = -1;
  for (int i = 0; i < api->nargs && i < n; i++)
    if (api->args[i].effect == RC_ARG_REPLACE)
      for (int j = 0; j < api->nargs && j < n; j++)
        if (j != i && (api->args[j].effect == RC_ARG_STEAL)) replace_src = j;

  /* evaluate the arguments, left to right */
  if (e->callee != NULL) rcp_eval(E, e->callee);
  for (int i = 0; i < n; i++) {
    RcArgEffect eff = i < api->nargs ? api->args[i].effect : RC_ARG_BORROW;
    args[i] = -1;
    switch (eff) {
    case RC_ARG_OUT_NEW:
    case RC_ARG_OUT_BORROWED:
    case RC_ARG_INOUT:
      targets[i] = out_target(e->kids[i]);
      if (targets[i] == NULL) args[i] = rcp_eval(E, e->kids[i]);
      else if (targets[i]->kind == RC_EX_FIELD) field_base(E, targets[i]);
      break;
    case RC_ARG_CLEAR:
    case RC_ARG_REPLACE: targets[i] = e->kids[i]; break;
    default: {
      const RcExpr *t = out_target(e->kids[i]);
      bool is_fmt_out = api->format != RC_FORMAT_NONE && i >= api->varargs_arg && api->varargs_arg >= 0;
      if (t != NULL && t->kind == RC_EX_VAR && is_fmt_out) { /* filled by apply_format */
        args[i] = -1;
        break;
      }
      if (t != NULL && t->kind == RC_EX_VAR && (eff == RC_ARG_VALUE || eff == RC_ARG_BORROW)) {
        /* &var given to a parameter the summary says nothing about: the callee may write it */
        targets[i] = t;
        args[i] = -1;
        break;
      }
      args[i] = rcp_eval(E, e->kids[i]);
    }
    }
  }
  if (!from_rules) forget_took_reachable(E, e, args, n); /* a function of the file may release them */

  /* A C pointer result (a char *, a function pointer) is seldom checked where the call cannot
   * fail in context (PyCFunction_GetFunction after PyCFunction_Check); its failure is not
   * explored, which trades a few missed bugs for no false alarms. */
  bool c_pointer = api->ret == RC_REF_NONE && (e->is_ptr && !e->is_obj);
  /* A call that fails only on a bad argument (PyTuple_GetItem out of range, PyTuple_Size of a
   * non-tuple, PyList_SetItem): its failure is explored when the code tests the result, not where
   * it is called, so that loops over valid indexes and sizes of known tuples are not reported. */
  bool bad_arg_only = (api->flags & RC_API_FAILS_ON_BAD_ARG) != 0;
  bool lazy = bad_arg_only && api->ret == RC_REF_BORROWED && api->fail == RC_FAIL_NULL &&
              !unguarded_getter(E, e, api);
  bool lazy_int = bad_arg_only && api->ret == RC_REF_NONE && !e->is_ptr &&
                  (api->fail == RC_FAIL_MINUS_ONE || api->fail == RC_FAIL_NEGATIVE);
  bool can_fail = api->fail != RC_FAIL_NEVER && !c_pointer && !lazy && !lazy_int && !cached_small_int(e, api);
  bool failing = can_fail && (null_argument_fails(E, api, args, n) || choose_fail(E));
  /* `succeeds found` (PyDict_GetItemRef): success is two outcomes, 1 with new references in the
   * out-parameters and 0 with NULL in them, so `if (found == 0)` knows *result is NULL */
  bool absent = !failing && api->success == RC_SUCCESS_FOUND && choose_fail(E);

  /* variadic arguments (PyErr_Format("%R", obj), PyObject_CallFunctionObjArgs): a use of each
   * object; what a format does with it (N steals) is format-args' business */
  for (int i = api->nargs; i < n; i++) {
    if (!is_tracked_obj(E, args[i])) continue;
    RcRefError err = rc_state_check_use(E->st, args[i], true);
    if (err == RC_REF_ERR_USE_AFTER_RELEASE || err == RC_REF_ERR_USE_AFTER_STEAL)
      rcp_report_err(E, err, args[i], e, e->name);
  }

  /* argument effects */
  int container = first_borrow_arg(api, args, n);
  for (int i = 0; i < api->nargs && i < n; i++) {
    const RcApiArg *arg = &api->args[i];
    int a = args[i];
    RcRefError err = RC_REF_OK;
    if (!arg->nullable && arg->effect != RC_ARG_VALUE) used_as_nonnull(E, a);
    switch (arg->effect) {
    case RC_ARG_VALUE: break;
    case RC_ARG_BORROW:
      if (is_tracked_obj(E, a) || (a >= 0 && !S(E, a)->is_int)) err = rc_state_check_use(E->st, a, arg->nullable);
      break;
    case RC_ARG_INCREF:
      err = rc_state_check_use(E->st, a, arg->nullable);
      if (err == RC_REF_OK && is_tracked_obj(E, a) && S(E, a)->null != RC_NULL_YES && pay_owed(E->st, a)) {
        /* a parameter stored and paid for: the helper took its own reference, the caller's
         * stays with the caller (convert_codec_options(options_obj, &opts)) */
        if (S(E, a)->origin == RC_ORIGIN_PARAM && S(E, a)->param >= 0 && S(E, a)->param < 32)
          E->res->paid_params |= 1u << S(E, a)->param;
      } else if (err == RC_REF_OK && is_tracked_obj(E, a) && S(E, a)->null != RC_NULL_YES &&
                 !(S(E, a)->origin == RC_ORIGIN_FIELD && !rc_state_referenced(E->st, a))) {
        err = rc_state_incref(E->st, a);
        if (err == RC_REF_OK)
          rc_state_event(E->arena, E->st, RC_EV_INCREF, S(E, a), e->name, e, e->line, e->col);
      }
      break;
    case RC_ARG_DECREF:
      err = rc_state_check_use(E->st, a, arg->nullable);
      if (err == RC_REF_OK && !arg->nullable && a >= 0 && !S(E, a)->is_int &&
          S(E, a)->null == RC_NULL_UNKNOWN && S(E, a)->maybe_null != NULL)
        err = RC_REF_ERR_NULL; /* Py_DECREF(self->f) in a tp_dealloc, f possibly never set */
      /* Py_DECREF(tmp) where tmp is still the NULL it started as; not inside a project's macro,
       * where a test of an API macro nested in it may still be misread (docs/lint.md, "Known
       * limits") */
      if (err == RC_REF_OK && !arg->nullable && a >= 0 && !S(E, a)->is_int && S(E, a)->null == RC_NULL_YES &&
          (e->spelled == NULL || e->spelled == e->name))
        err = RC_REF_ERR_NULL;
      if (err == RC_REF_ERR_INVALIDATED) err = RC_REF_OK;
      if (err == RC_REF_OK || err == RC_REF_ERR_USE_AFTER_RELEASE) {
        err = E->opt->dealloc ? rc_state_decref_in_dealloc(E->st, a)
                              : rc_state_decref(E->st, a, E->opt->entry_point);
        if (err == RC_REF_OK && is_tracked_obj(E, a) && S(E, a)->null != RC_NULL_YES)
          rc_state_event(E->arena, E->st, RC_EV_DECREF, S(E, a), e->name, e, e->line, e->col);
      }
      break;
    case RC_ARG_STEAL:
    case RC_ARG_STEAL_ON_SUCCESS:
      if (i == replace_src) break;
      err = rc_state_check_use(E->st, a, arg->nullable);
      if (err == RC_REF_ERR_INVALIDATED) err = RC_REF_OK;
      if ((err == RC_REF_OK || err == RC_REF_ERR_USE_AFTER_RELEASE) &&
          (arg->effect == RC_ARG_STEAL || !failing)) {
        err = steal(E, a, container);
        if (err == RC_REF_OK && is_tracked_obj(E, a) && S(E, a)->null != RC_NULL_YES)
          rc_state_event(E->arena, E->st, RC_EV_STEAL, S(E, a), e->name, e, e->line, e->col);
      }
      break;
    case RC_ARG_OUT_NEW:
      if ((absent || (failing && api->success == RC_SUCCESS_FOUND)) && targets[i] != NULL) {
        /* absent, or failed: these APIs store NULL on failure too */
        bind_out(E, targets[i], rcp_new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e));
      } else if (!failing && targets[i] != NULL) {
        bool maybe_null = arg->nullable && api->success != RC_SUCCESS_FOUND;
        int s = rcp_new_ptr(E, maybe_null ? RC_NULL_UNKNOWN : RC_NULL_NO, RC_ORIGIN_NEW, e);
        S(E, s)->is_obj = true;
        S(E, s)->owned = 1;
        S(E, s)->api = e->name;
        bind_out(E, targets[i], s);
        rc_state_event(E->arena, E->st, RC_EV_NEW, S(E, s), e->name, e, e->line, e->col);
      }
      break;
    case RC_ARG_OUT_BORROWED:
      if (!failing && targets[i] != NULL) {
        int s = rcp_new_ptr(E, RC_NULL_UNKNOWN, RC_ORIGIN_CALL, e);
        S(E, s)->is_obj = true;
        S(E, s)->parent = container;
        S(E, s)->api = e->name;
        bind_out(E, targets[i], s);
      }
      break;
    case RC_ARG_INOUT:
      if (targets[i] != NULL) {
        int old = rcp_eval(E, targets[i]);
        if (is_tracked_obj(E, old) && S(E, old)->owned > 0) {
          S(E, old)->owned = 0;
          if (S(E, old)->origin == RC_ORIGIN_NEW) S(E, old)->life = RC_LIFE_RELEASED;
        }
        int s;
        if (failing) {
          s = rcp_new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
          S(E, s)->null_from_failure = true;
          S(E, s)->api = e->name;
        } else {
          s = rcp_new_ptr(E, RC_NULL_NO, RC_ORIGIN_NEW, e);
          S(E, s)->is_obj = true;
          S(E, s)->owned = 1;
          S(E, s)->api = e->name;
        }
        bind_out(E, targets[i], s);
      }
      break;
    case RC_ARG_CLEAR: {
      int old = read_lvalue(E, targets[i]);
      err = rc_state_decref(E->st, old, E->opt->entry_point);
      if (err == RC_REF_OK && is_tracked_obj(E, old) && S(E, old)->null != RC_NULL_YES)
        rc_state_event(E->arena, E->st, RC_EV_DECREF, S(E, old), e->name, e, e->line, e->col);
      a = old;
      int null = rcp_new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
      S(E, null)->label_expr = targets[i]; /* named as the lvalue cleared, not as Py_CLEAR(x) */
      if (targets[i]->kind == RC_EX_VAR) E->st->vars[targets[i]->var] = null;
      else store_into(E, targets[i], null);
      break;
    }
    case RC_ARG_REPLACE: {
      int old = read_lvalue(E, targets[i]);
      int src = replace_src >= 0 ? args[replace_src] : -1;
      store_into(E, targets[i], src);
      err = rc_state_check_use(E->st, old, arg->nullable);
      if (err == RC_REF_OK) {
        err = rc_state_decref(E->st, old, E->opt->entry_point);
        if (err == RC_REF_OK && is_tracked_obj(E, old) && S(E, old)->null != RC_NULL_YES)
          rc_state_event(E->arena, E->st, RC_EV_DECREF, S(E, old), e->name, e, e->line, e->col);
      }
      a = old;
      break;
    }
    }
    E->verb = arg->effect == RC_ARG_DECREF || arg->effect == RC_ARG_CLEAR || arg->effect == RC_ARG_REPLACE
                  ? "released"
              : arg->effect == RC_ARG_STEAL || arg->effect == RC_ARG_STEAL_ON_SUCCESS ? "stolen again"
                                                                                      : NULL;
    rcp_report_err(E, err, a, e, e->name);
    E->verb = NULL;
  }
  /* a local function that keeps an argument in memory: an owned reference goes with it; a
   * borrowed one is owed a reference (paid by the Py_INCREF that usually follows) */
  unsigned kept = rc_summary_local_stores(E->opt->summaries, e->name);
  for (int i = 0; kept != 0 && i < n && i < 32; i++) {
    if (!((kept >> i) & 1) || !is_tracked_obj(E, args[i]) || S(E, args[i])->null == RC_NULL_YES) continue;
    if (S(E, args[i])->owned > 0) rc_state_store(E->st, args[i]);
    else if (S(E, args[i])->life == RC_LIFE_ALIVE) {
      bind_loc(E, -3, e->name, args[i], true, false);
    }
  }
  for (int i = 0; i < n; i++) {
    RcArgEffect eff = i < api->nargs ? api->args[i].effect : RC_ARG_BORROW;
    if (targets[i] == NULL || (eff != RC_ARG_VALUE && eff != RC_ARG_BORROW)) continue;
    int old = E->st->vars[targets[i]->var];
    if (is_tracked_obj(E, old) && S(E, old)->owned > 0) rc_state_store(E->st, old);
    int s = fresh(E, targets[i], RC_ORIGIN_NONE);
    S(E, s)->label = E->cfg->vars[targets[i]->var].name;
    E->st->vars[targets[i]->var] = s;
  }
  /* variadic arguments without a format: borrowed */
  for (int i = api->nargs; i < n; i++) {
    if (api->format != RC_FORMAT_NONE) break;
    int a = args[i];
    RcRefError err = rc_state_check_use(E->st, a, true);
    if (err == RC_REF_ERR_USE_AFTER_RELEASE || err == RC_REF_ERR_INVALIDATED) rcp_report_err(E, err, a, e, e->name);
  }
  if (api->format == RC_FORMAT_PARSE || api->format == RC_FORMAT_BUILD) apply_format(E, e, api, args, failing);

  /* the result */
  int r = -1;
  bool alias = false; /* r is an argument's value, not a new one */
  bool ptr_result = e->is_ptr || e->is_obj || api->ret == RC_REF_NEW || api->ret == RC_REF_BORROWED ||
                    api->ret == RC_REF_NULL;
  if (api->ret == RC_REF_NULL) {
    r = rcp_new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
  } else if (ptr_result && failing &&
             (api->fail == RC_FAIL_NULL || api->fail == RC_FAIL_NULL_ABSENT)) {
    r = rcp_new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
    S(E, r)->null_from_failure = true;
    S(E, r)->api = e->name;
    S(E, r)->is_obj = api->ret != RC_REF_NONE;
  } else if ((api->flags & RC_API_RESULT_IS_ARG) && api->result_arg < n && args[api->result_arg] >= 0 &&
             !S(E, args[api->result_arg])->is_int && S(E, args[api->result_arg])->null == RC_NULL_YES) {
    /* the result is the argument (Py_XNewRef): NULL in, NULL out */
    int a = args[api->result_arg];
    r = rcp_new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
    S(E, r)->null_from_failure = S(E, a)->null_from_failure;
    S(E, r)->api = S(E, a)->api;
  } else if ((api->flags & RC_API_RESULT_IS_ARG) && api->ret == RC_REF_BORROWED && api->result_arg < n &&
             args[api->result_arg] >= 0 && !S(E, args[api->result_arg])->is_int) {
    /* a helper of the file that returns its argument (freeze(self) -> self): the same value,
     * owned or not as it was */
    r = args[api->result_arg];
    if (S(E, r)->null == RC_NULL_UNKNOWN) S(E, r)->null = RC_NULL_NO;
    alias = true;
  } else if (api->ret == RC_REF_NEW) {
    r = rcp_new_ptr(E, RC_NULL_NO, RC_ORIGIN_NEW, e);
    S(E, r)->is_obj = true;
    S(E, r)->owned = 1;
    S(E, r)->api = e->name;
    S(E, r)->maybe_sentinel = rc_summary_local_sentinel(E->opt->summaries, e->name);
    rc_state_event(E->arena, E->st, RC_EV_NEW, S(E, r), e->name, e, e->line, e->col);
  } else if (api->ret == RC_REF_BORROWED) {
    r = rcp_new_ptr(E, lazy ? RC_NULL_UNKNOWN : RC_NULL_NO, RC_ORIGIN_CALL, e);
    S(E, r)->lazy_fail = lazy;
    S(E, r)->lazy_exc = (unsigned char)api->exc;
    S(E, r)->is_obj = true;
    S(E, r)->api = e->name;
    if (api->borrowed_from >= 0 && api->borrowed_from < n) {
      int p = args[api->borrowed_from];
      if (p >= 0 && !S(E, p)->is_int) S(E, r)->parent = p;
    }
    rc_state_event(E->arena, E->st, RC_EV_BORROW, S(E, r), e->name, e, e->line, e->col);
  } else if (ptr_result) {
    r = rcp_new_ptr(E, RC_NULL_NO, RC_ORIGIN_NONE, e);
  } else {
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    bool unsure = false;
    switch (api->fail) {
    case RC_FAIL_MINUS_ONE:
    case RC_FAIL_NEGATIVE:
      /* any negative value; code tests `== -1` as often as `< 0`, and in practice it is -1 */
      if (failing) lo = hi = -1;
      else success_range(api, &lo, &hi, &unsure);
      if (api->success == RC_SUCCESS_FOUND && !failing) lo = hi = absent ? 0 : 1;
      break;
    case RC_FAIL_ZERO:
      if (failing) lo = hi = 0;
      else lo = 1;
      break;
    case RC_FAIL_MINUS_ONE_CHECK:
      if (failing) lo = hi = -1;
      break;
    default: break;
    }
    if (api->flags & RC_API_FALSE_FOR_NULL) { /* PyCallable_Check(NULL) is 0 */
      for (int i = 0; i < api->nargs && i < n; i++) {
        if (api->args[i].effect != RC_ARG_BORROW) continue;
        if (args[i] >= 0 && !S(E, args[i])->is_int && S(E, args[i])->null == RC_NULL_YES) lo = hi = 0;
        break;
      }
    }
    if (api->checks_type != NULL && n > 0 && declared_as(e->kids[0], api->checks_type)) lo = hi = 1;
    if (lazy_int) { /* success or, if the code tests for it, failure */
      bool unused;
      success_range(api, &lo, &hi, &unused);
      lo = -1;
    }
    r = rcp_new_int(E, lo, hi, e);
    S(E, r)->success_unsure = unsure;
    if (lazy_int) {
      S(E, r)->lazy_fail = true;
      S(E, r)->lazy_exc = (unsigned char)api->exc;
      S(E, r)->api = e->name;
    }
  }
  /* a function of the file without arguments may report global state (an exception it tests);
   * the rules say which of their APIs do (RC_API_REPORTS_EXCEPTION) */
  if (r >= 0 && !alias) S(E, r)->zero_arg_call = n == 0 && !from_rules;
  /* A record made from annotations says nothing about failure unless annotated
   * sets-exception: a test of its result may be a failure test. */
  if (r >= 0 && api->fail == RC_FAIL_NEVER && (api->flags & RC_API_FROM_ANNOTATIONS))
    S(E, r)->unknown_call = true;
  if (failing)
    rc_state_event(E->arena, E->st, RC_EV_FAIL, r >= 0 ? S(E, r) : NULL, e->name, e, e->line, e->col);
  /* the exception */
  if (failing) {
    if (api->exc == RC_EXC_SET) {
      E->st->exc = RC_XS_SET;
      E->st->exc_site = e;
    } else if (api->exc == RC_EXC_MAYBE && E->st->exc != RC_XS_SET) {
      E->st->exc = RC_XS_UNKNOWN;
    }
  }
  if (api->flags & RC_API_SETS_EXCEPTION || api->ret == RC_REF_NULL) {
    E->st->exc = RC_XS_SET;
    E->st->exc_site = e;
  }
  if (api->flags & RC_API_CLEARS_EXCEPTION) E->st->exc = RC_XS_CLEAR;
  /* a local function given the NULL of a failed call usually hands the failure on (returns
   * NULL for NULL): its success on that path is doubtful, and so is the exception state */
  if (rc_summary_rules_lookup(E->opt->summaries, e->name) == NULL && E->st->exc == RC_XS_SET) {
    for (int i = 0; i < n; i++)
      if (args[i] >= 0 && !S(E, args[i])->is_int && S(E, args[i])->null == RC_NULL_YES &&
          S(E, args[i])->null_from_failure) {
        E->st->exc = RC_XS_UNKNOWN;
        break;
      }
  }
  /* a local function that leaves an exception set on some of its paths, beyond what its failure
   * kind says: after it, whether one is set is unknown */
  if (E->st->exc == RC_XS_CLEAR && !failing && !(api->flags & RC_API_SETS_EXCEPTION) &&
      rc_summary_local_raises(E->opt->summaries, e->name))
    E->st->exc = RC_XS_UNKNOWN;
  return r;
}
