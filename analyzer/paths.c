/* paths.c — the path-sensitive walk (see paths.h).
 *
 * Sections: the engine and its budget; evaluating expressions on one state under a vector of
 * choices (which fallible calls fail); calls and their summaries; branch refinement; the checks at
 * statement ends and returns; the worklist. */
#include "paths.h"

#include "checks.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
  MAX_POINTS = 6,          /* fallible calls per statement whose failure is explored */
  MAX_OUTCOMES = 64,       /* outcomes of one statement */
  DEFAULT_STATES = 48,     /* distinct states per block */
  WIDEN_AFTER = 2          /* states at a loop head before integers are widened */
};
#define DEFAULT_STEPS 60000UL
#define DEFAULT_SECONDS 2.0
#define MAX_ARENA_BYTES ((size_t)64 << 20) /* path states of one function */

typedef struct {
  const RcExpr *e;
  int sym;
} LogEntry;

typedef struct {
  RcState *st;
  int sym;
  LogEntry *log;
  int nlog;
} Outcome;

typedef struct {
  unsigned hash;
  unsigned char *key;
  size_t len;
} SeenKey;

typedef struct {
  SeenKey *keys;
  int count, cap;
  int arrivals;
  unsigned char *first_int;    /* loop heads: the variables the loop assigns (loop_defs) */
} Seen;

typedef struct {
  int block;
  RcState *st;
} Work;

typedef struct {
  const RcCfg *cfg;
  const RcPathOptions *opt;
  RcArena *arena;
  RcDiag *diag;
  RcPathResult *res;
  unsigned next_uid;
  unsigned long max_steps;
  int max_states;
  double deadline;
  bool stop;
  unsigned long last_check;  /* steps at the last time and memory check */
  Seen *seen;
  int *npreds;               /* predecessors of each block */
  unsigned char *live;       /* liveness(): block x variable */
  Work *work;
  int nwork, work_cap;
  /* one evaluation */
  RcState *st;
  const unsigned char *choices;
  int nchoices, npoints;
  LogEntry *log;
  int nlog, log_cap;
  bool sink;                 /* the path crashed (a NULL dereference): it ends here */
  const char *verb;          /* what the reported operation does: "released", "stolen again" */
} Eng;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void stop(Eng *E, const char *why) {
  if (!E->stop) {
    E->stop = true;
    E->res->incomplete = true;
    E->res->incomplete_why = why;
  }
}

/* ---- small helpers ------------------------------------------------------------------------------ */

static RcSym *S(Eng *E, int sym) { return &E->st->syms[sym]; }

static int new_ptr(Eng *E, RcNullness null, RcOrigin origin, const RcExpr *site) {
  int s = rc_state_new_ptr(E->arena, E->st, null, origin, ++E->next_uid);
  S(E, s)->site = site;
  if (site) S(E, s)->is_obj = site->is_obj;
  return s;
}

static int new_int(Eng *E, int64_t lo, int64_t hi, const RcExpr *site) {
  int s = rc_state_new_int(E->arena, E->st, lo, hi, ++E->next_uid);
  S(E, s)->site = site;
  return s;
}

/* A fresh value of the expression's type, nothing known about it. */
static int fresh(Eng *E, const RcExpr *e, RcOrigin origin) {
  if (e->is_ptr || e->is_obj) {
    int s = new_ptr(E, RC_NULL_UNKNOWN, e->is_obj ? origin : RC_ORIGIN_NONE, e);
    S(E, s)->is_obj = e->is_obj;
    return s;
  }
  return new_int(E, INT64_MIN, INT64_MAX, e);
}

static void log_sym(Eng *E, const RcExpr *e, int sym) {
  LogEntry l = {e, sym};
  RC_VEC_PUSH(E->arena, E->log, E->nlog, E->log_cap, l);
}

static int logged(const LogEntry *log, int n, const RcExpr *e) {
  for (int i = n - 1; i >= 0; i--)
    if (log[i].e == e) return log[i].sym;
  return -1;
}

static bool choose_fail(Eng *E) {
  int i = E->npoints++;
  return i < E->nchoices && E->choices[i];
}

static bool is_tracked_obj(Eng *E, int sym) {
  return sym >= 0 && !S(E, sym)->is_int && S(E, sym)->origin != RC_ORIGIN_NONE;
}

static void name_of(Eng *E, int sym, char *buf, size_t size) {
  rc_diag_name(E->cfg, E->st, sym >= 0 ? S(E, sym)->uid : 0, buf, size);
}

/* The address of a static object (&PyList_Type, Py_None): never freed, one identity. */
static bool is_static_object(const RcSym *v) {
  return !v->is_int && v->origin == RC_ORIGIN_FIELD && v->site != NULL && v->site->kind == RC_EX_ADDR &&
         v->site->kids[0]->kind == RC_EX_GLOBAL;
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
static void report_err(Eng *E, RcRefError err, int sym, const RcExpr *at, const RcName *api) {
  if (err == RC_REF_ERR_NULL) E->sink = true; /* the program would crash: the path ends */
  if (err == RC_REF_OK || sym < 0 || S(E, sym)->flagged) return;
  RcSym *v = S(E, sym);
  char name[256], msg[768], note[512];
  name_of(E, sym, name, sizeof name);
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
    snprintf(msg, sizeof msg, "%s() steals %s, a reference the function does not own",
             callee ? callee : "this call", name);
    snprintf(note, sizeof note, "%s() steals it here: 0 references owned", callee ? callee : "the call");
    break;
  case RC_REF_ERR_NULL:
    if (callee)
      snprintf(msg, sizeof msg, "%s may be NULL (%s() can fail) and is passed to %s(), which does not accept NULL",
               name, from ? from : "the call", callee);
    else
      snprintf(msg, sizeof msg, "%s may be NULL (%s() can fail) and is dereferenced", name,
               from ? from : "the call");
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

static void report_leak(Eng *E, int sym, unsigned line, unsigned col, bool error_path) {
  RcSym *v = S(E, sym);
  if (v->flagged) return;
  char name[256], msg[768], note[512];
  name_of(E, sym, name, sizeof name);
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
  v->flagged = true;
}

/* ---- expressions ------------------------------------------------------------------------------------ */

static int eval(Eng *E, const RcExpr *e);

/* A dereference of `sym` (p->f, *p, p[i]). */
static void check_deref(Eng *E, int sym, const RcExpr *at) {
  RcRefError err = rc_state_check_use(E->st, sym, false);
  if (err != RC_REF_OK) report_err(E, err, sym, at, NULL);
  if (sym >= 0 && !S(E, sym)->is_int && S(E, sym)->null == RC_NULL_UNKNOWN) S(E, sym)->null = RC_NULL_NO;
}

/* Evaluates the object an lvalue's field belongs to; -1 when it has no identity. */
static int field_base(Eng *E, const RcExpr *field) {
  int base = eval(E, field->kids[0]);
  if (field->arrow) check_deref(E, base, field);
  return base;
}

/* Reads an lvalue (for Py_CLEAR and friends) without reporting uses. */
static int read_lvalue(Eng *E, const RcExpr *lv) { return eval(E, lv); }

/* Overwriting a location whose old value a variable still holds (tmp = self->x; self->x = NULL):
 * the location's reference moves to the function, which must now release or hand it on. */
static void take_from_location(Eng *E, int base, const RcName *field, int value) {
  int old = rc_state_get_loc(E->st, base, field);
  if (old < 0 || old == value) return;
  RcSym *v = S(E, old);
  if (v->is_int || v->owned != 0 || v->life != RC_LIFE_ALIVE || v->null == RC_NULL_YES) return;
  if (v->origin != RC_ORIGIN_FIELD && v->origin != RC_ORIGIN_STORED) return;
  bool held = false;
  for (int i = 0; i < E->st->nvars && !held; i++) held = E->st->vars[i] == old;
  if (!held) return;
  v->owned = 1;
  v->origin = RC_ORIGIN_FIELD;
}

static void mark_owed(RcState *st, int base, const RcName *field) {
  for (int i = 0; i < st->nlocs; i++)
    if (st->locs[i].base == base && st->locs[i].field == field) st->locs[i].owes = true;
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
      S(E, value)->param < 32)
    E->res->stored_params |= 1u << S(E, value)->param;
  switch (lv->kind) {
  case RC_EX_VAR:
    E->st->vars[lv->var] = value;
    if (value >= 0 && S(E, value)->label == NULL) S(E, value)->label = E->cfg->vars[lv->var].name;
    return;
  case RC_EX_FIELD: {
    int base = field_base(E, lv);
    if (base >= 0) take_from_location(E, base, lv->name, value);
    bool owes = is_tracked_obj(E, value) && S(E, value)->owned == 0 && S(E, value)->null != RC_NULL_YES;
    if (is_tracked_obj(E, value) && S(E, value)->owned > 0) {
      rc_state_store(E->st, value);
      rc_state_event(E->arena, E->st, RC_EV_STORE, S(E, value), NULL, lv, lv->line, lv->col);
    }
    if (base >= 0) {
      rc_state_set_loc(E->arena, E->st, base, lv->name, value);
      if (owes) mark_owed(E->st, base, lv->name);
    }
    if (value >= 0 && S(E, value)->label == NULL && S(E, value)->label_expr == NULL)
      S(E, value)->label_expr = lv;
    return;
  }
  case RC_EX_GLOBAL: {
    take_from_location(E, -1, lv->name, value);
    bool owes = is_tracked_obj(E, value) && S(E, value)->owned == 0 && S(E, value)->null != RC_NULL_YES;
    if (is_tracked_obj(E, value)) rc_state_store(E->st, value);
    rc_state_set_loc(E->arena, E->st, -1, lv->name, value);
    if (owes) mark_owed(E->st, -1, lv->name);
    return;
  }
  case RC_EX_DEREF:
  case RC_EX_INDEX: {
    int base = eval(E, lv->kids[0]);
    check_deref(E, base, lv);
    if (lv->kind == RC_EX_INDEX) eval(E, lv->kids[1]);
    if (is_tracked_obj(E, value) && S(E, value)->owned == 0 && S(E, value)->null != RC_NULL_YES &&
        S(E, value)->life == RC_LIFE_ALIVE) {
      /* a borrowed reference stored into memory: owed one (a Py_INCREF usually follows) */
      const RcName *key = (const RcName *)(const void *)lv; /* one key per store site */
      rc_state_set_loc(E->arena, E->st, -4, key, value);
      mark_owed(E->st, -4, key);
    }
    if (is_tracked_obj(E, value)) {
      rc_state_store(E->st, value);
      rc_state_event(E->arena, E->st, RC_EV_STORE, S(E, value), NULL, lv, lv->line, lv->col);
    }
    if (lv->kind == RC_EX_DEREF && base >= 0) rc_state_set_loc(E->arena, E->st, base, NULL, value);
    return;
  }
  default:
    eval(E, lv);
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
    }
    return truth < 0 ? new_int(E, 0, 1, e) : new_int(E, truth, truth, e);
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
      return new_int(E, v, v, e);
    }
    if (e->is_ptr && x && !x->is_int) { /* pointer arithmetic: somewhere inside the same object */
      int s = new_ptr(E, RC_NULL_UNKNOWN, RC_ORIGIN_NONE, e);
      return s;
    }
    return fresh(E, e, RC_ORIGIN_NONE);
  }
}

static int eval_inner(Eng *E, const RcExpr *e) {
  switch (e->kind) {
  case RC_EX_UNKNOWN: {
    /* whatever flows into something we do not model is out of our hands */
    for (int i = 0; i < e->nkids; i++) {
      int k = eval(E, e->kids[i]);
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
  case RC_EX_INT: return new_int(E, e->ival, e->ival, e);
  case RC_EX_NULL: return new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
  case RC_EX_STRING:
  case RC_EX_FUNC: return new_ptr(E, RC_NULL_NO, RC_ORIGIN_NONE, e);
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
      if (base >= 0) rc_state_set_loc(E->arena, E->st, base, e->name, s);
    }
    return s;
  }
  case RC_EX_INDEX: {
    int base = eval(E, e->kids[0]);
    check_deref(E, base, e);
    eval(E, e->kids[1]);
    int s = fresh(E, e, RC_ORIGIN_FIELD);
    S(E, s)->label_expr = e;
    return s;
  }
  case RC_EX_DEREF: {
    int base = eval(E, e->kids[0]);
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
        s = new_ptr(E, RC_NULL_NO, e->is_obj ? RC_ORIGIN_FIELD : RC_ORIGIN_NONE, e);
        S(E, s)->is_obj = e->is_obj;
        S(E, s)->label_expr = e;
        rc_state_set_loc(E->arena, E->st, -2, key, s);
      }
      return s;
    }
    if (k->kind == RC_EX_FIELD) field_base(E, k);
    else if (k->kind == RC_EX_INDEX || k->kind == RC_EX_DEREF) eval(E, k->kids[0]);
    return new_ptr(E, RC_NULL_NO, RC_ORIGIN_NONE, e);
  }
  case RC_EX_NOT: {
    int k = eval(E, e->kids[0]);
    RcSym *v = k >= 0 ? S(E, k) : NULL;
    if (v && v->is_int && v->lo == v->hi) return new_int(E, v->lo == 0, v->lo == 0, e);
    if (v && v->is_int && (v->lo > 0 || v->hi < 0)) return new_int(E, 0, 0, e);
    if (v && !v->is_int && v->null != RC_NULL_UNKNOWN) {
      int t = v->null == RC_NULL_YES;
      return new_int(E, t, t, e);
    }
    return new_int(E, 0, 1, e);
  }
  case RC_EX_NEG: {
    int k = eval(E, e->kids[0]);
    RcSym *v = k >= 0 ? S(E, k) : NULL;
    if (v && v->is_int && v->lo == v->hi && v->lo != INT64_MIN) return new_int(E, -v->lo, -v->lo, e);
    return new_int(E, INT64_MIN, INT64_MAX, e);
  }
  case RC_EX_BINARY: {
    int a = eval(E, e->kids[0]);
    int b = eval(E, e->kids[1]);
    return int_binary(E, e, a, b);
  }
  case RC_EX_ASSIGN: {
    int v = eval(E, e->kids[1]);
    store_into(E, e->kids[0], v);
    return v;
  }
  case RC_EX_CALL: return eval_call(E, e);
  }
  return -1;
}

static int eval(Eng *E, const RcExpr *e) {
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
  if (e->callee != NULL) eval(E, e->callee);
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
    int a = eval(E, e->kids[i]);
    RcRefError err = rc_state_check_use(E->st, a, true);
    if (err == RC_REF_ERR_USE_AFTER_RELEASE || err == RC_REF_ERR_INVALIDATED)
      report_err(E, err, a, e, NULL);
  }
  int r;
  if (e->is_obj) {
    r = new_ptr(E, RC_NULL_UNKNOWN, RC_ORIGIN_NEW, e);
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
  if (fmt == NULL || fmt->kind != RC_EX_STRING || api->varargs_arg < 0) return;
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
          int s = new_ptr(E, unit.optional ? RC_NULL_UNKNOWN : RC_NULL_NO, RC_ORIGIN_CALL, arg);
          S(E, s)->is_obj = true;
          S(E, s)->parent = container;
          S(E, s)->api = e->name;
          bind_out(E, out_target(arg), s);
        }
        break;
      case RC_FMTARG_STEAL: {
        RcRefError err = rc_state_check_use(E->st, a, unit.nullable[k]);
        if (err == RC_REF_OK) err = rc_state_steal(E->st, a, -1, E->opt->entry_point);
        if (err == RC_REF_OK && is_tracked_obj(E, a))
          rc_state_event(E->arena, E->st, RC_EV_STEAL, S(E, a), e->name, e, e->line, e->col);
        E->verb = "stolen again";
        report_err(E, err, a, e, e->name);
        E->verb = NULL;
        break;
      }
      case RC_FMTARG_INCREF: {
        RcRefError err = rc_state_check_use(E->st, a, unit.nullable[k]);
        report_err(E, err, a, e, e->name);
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

static int eval_call(Eng *E, const RcExpr *e) {
  const RcApi *api = rc_summary_lookup(E->opt->summaries, e->name);
  if (api == NULL) return unknown_call(E, e);

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
  if (e->callee != NULL) eval(E, e->callee);
  for (int i = 0; i < n; i++) {
    RcArgEffect eff = i < api->nargs ? api->args[i].effect : RC_ARG_BORROW;
    args[i] = -1;
    switch (eff) {
    case RC_ARG_OUT_NEW:
    case RC_ARG_OUT_BORROWED:
    case RC_ARG_INOUT:
      targets[i] = out_target(e->kids[i]);
      if (targets[i] == NULL) args[i] = eval(E, e->kids[i]);
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
      args[i] = eval(E, e->kids[i]);
    }
    }
  }

  /* A C pointer result (a char *, a function pointer) is seldom checked where the call cannot
   * fail in context (PyCFunction_GetFunction after PyCFunction_Check); its failure is not
   * explored, which trades a few missed bugs for no false alarms. */
  bool c_pointer = api->ret == RC_REF_NONE && (e->is_ptr && !e->is_obj);
  /* A borrowed getter that fails only on a bad argument (PyTuple_GetItem out of range): its
   * failure is explored when the code tests the result, not where it is called, so that loops
   * over valid indexes are not reported. Lookups that may find nothing (NULL_ABSENT) split. */
  bool lazy = api->ret == RC_REF_BORROWED && api->fail == RC_FAIL_NULL;
  bool can_fail = api->fail != RC_FAIL_NEVER && !c_pointer && !lazy;
  bool failing = can_fail && choose_fail(E);

  /* argument effects */
  int container = first_borrow_arg(api, args, n);
  for (int i = 0; i < api->nargs && i < n; i++) {
    const RcApiArg *arg = &api->args[i];
    int a = args[i];
    RcRefError err = RC_REF_OK;
    switch (arg->effect) {
    case RC_ARG_VALUE: break;
    case RC_ARG_BORROW:
      if (is_tracked_obj(E, a) || (a >= 0 && !S(E, a)->is_int)) err = rc_state_check_use(E->st, a, arg->nullable);
      break;
    case RC_ARG_INCREF:
      err = rc_state_check_use(E->st, a, arg->nullable);
      if (err == RC_REF_OK && is_tracked_obj(E, a) && S(E, a)->null != RC_NULL_YES &&
          !pay_owed(E->st, a) &&
          !(S(E, a)->origin == RC_ORIGIN_FIELD && !rc_state_referenced(E->st, a))) {
        err = rc_state_incref(E->st, a);
        if (err == RC_REF_OK)
          rc_state_event(E->arena, E->st, RC_EV_INCREF, S(E, a), e->name, e, e->line, e->col);
      }
      break;
    case RC_ARG_DECREF:
      err = rc_state_check_use(E->st, a, arg->nullable);
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
        err = rc_state_steal(E->st, a, container, E->opt->entry_point);
        if (err == RC_REF_OK && is_tracked_obj(E, a) && S(E, a)->null != RC_NULL_YES)
          rc_state_event(E->arena, E->st, RC_EV_STEAL, S(E, a), e->name, e, e->line, e->col);
      }
      break;
    case RC_ARG_OUT_NEW:
      if (!failing && targets[i] != NULL) {
        int s = new_ptr(E, arg->nullable ? RC_NULL_UNKNOWN : RC_NULL_NO, RC_ORIGIN_NEW, e);
        S(E, s)->is_obj = true;
        S(E, s)->owned = 1;
        S(E, s)->api = e->name;
        bind_out(E, targets[i], s);
        rc_state_event(E->arena, E->st, RC_EV_NEW, S(E, s), e->name, e, e->line, e->col);
      }
      break;
    case RC_ARG_OUT_BORROWED:
      if (!failing && targets[i] != NULL) {
        int s = new_ptr(E, RC_NULL_UNKNOWN, RC_ORIGIN_CALL, e);
        S(E, s)->is_obj = true;
        S(E, s)->parent = container;
        S(E, s)->api = e->name;
        bind_out(E, targets[i], s);
      }
      break;
    case RC_ARG_INOUT:
      if (targets[i] != NULL) {
        int old = eval(E, targets[i]);
        if (is_tracked_obj(E, old) && S(E, old)->owned > 0) {
          S(E, old)->owned = 0;
          if (S(E, old)->origin == RC_ORIGIN_NEW) S(E, old)->life = RC_LIFE_RELEASED;
        }
        int s;
        if (failing) {
          s = new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
          S(E, s)->null_from_failure = true;
          S(E, s)->api = e->name;
        } else {
          s = new_ptr(E, RC_NULL_NO, RC_ORIGIN_NEW, e);
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
      int null = new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
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
    report_err(E, err, a, e, e->name);
    E->verb = NULL;
  }
  /* a local function that keeps an argument in memory: an owned reference goes with it; a
   * borrowed one is owed a reference (paid by the Py_INCREF that usually follows) */
  unsigned kept = rc_summary_local_stores(E->opt->summaries, e->name);
  for (int i = 0; kept != 0 && i < n && i < 32; i++) {
    if (!((kept >> i) & 1) || !is_tracked_obj(E, args[i]) || S(E, args[i])->null == RC_NULL_YES) continue;
    if (S(E, args[i])->owned > 0) rc_state_store(E->st, args[i]);
    else if (S(E, args[i])->life == RC_LIFE_ALIVE) {
      rc_state_set_loc(E->arena, E->st, -3, e->name, args[i]);
      mark_owed(E->st, -3, e->name);
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
    if (err == RC_REF_ERR_USE_AFTER_RELEASE || err == RC_REF_ERR_INVALIDATED) report_err(E, err, a, e, e->name);
  }
  if (api->format == RC_FORMAT_PARSE || api->format == RC_FORMAT_BUILD) apply_format(E, e, api, args, failing);

  /* the result */
  int r = -1;
  bool ptr_result = e->is_ptr || e->is_obj || api->ret == RC_REF_NEW || api->ret == RC_REF_BORROWED ||
                    api->ret == RC_REF_NULL;
  if (api->ret == RC_REF_NULL) {
    r = new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
  } else if (ptr_result && failing &&
             (api->fail == RC_FAIL_NULL || api->fail == RC_FAIL_NULL_ABSENT)) {
    r = new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
    S(E, r)->null_from_failure = true;
    S(E, r)->api = e->name;
    S(E, r)->is_obj = api->ret != RC_REF_NONE;
  } else if (api->ret == RC_REF_NEW && api->fail == RC_FAIL_NEVER && api->nargs == 1 && n == 1 &&
             api->args[0].nullable && args[0] >= 0 && !S(E, args[0])->is_int &&
             S(E, args[0])->null == RC_NULL_YES) {
    /* a call that cannot fail, returns a reference and accepts NULL (Py_XNewRef): NULL in, NULL
     * out (the rules cannot say "the result is the argument" yet) */
    r = new_ptr(E, RC_NULL_YES, RC_ORIGIN_NONE, e);
    S(E, r)->null_from_failure = S(E, args[0])->null_from_failure;
    S(E, r)->api = S(E, args[0])->api;
  } else if (api->ret == RC_REF_NEW) {
    r = new_ptr(E, RC_NULL_NO, RC_ORIGIN_NEW, e);
    S(E, r)->is_obj = true;
    S(E, r)->owned = 1;
    S(E, r)->api = e->name;
    S(E, r)->maybe_sentinel = rc_summary_local_sentinel(E->opt->summaries, e->name);
    rc_state_event(E->arena, E->st, RC_EV_NEW, S(E, r), e->name, e, e->line, e->col);
  } else if (api->ret == RC_REF_BORROWED) {
    r = new_ptr(E, lazy ? RC_NULL_UNKNOWN : RC_NULL_NO, RC_ORIGIN_CALL, e);
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
    r = new_ptr(E, RC_NULL_NO, RC_ORIGIN_NONE, e);
  } else {
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    bool unsure = false;
    switch (api->fail) {
    case RC_FAIL_MINUS_ONE:
      if (failing) lo = hi = -1;
      else lo = 0, unsure = true;
      break;
    case RC_FAIL_NEGATIVE:
      /* any negative value; code tests `== -1` as often as `< 0`, and in practice it is -1 */
      if (failing) lo = hi = -1;
      else lo = 0, unsure = true;
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
    r = new_int(E, lo, hi, e);
    S(E, r)->success_unsure = unsure;
  }
  if (r >= 0) S(E, r)->zero_arg_call = n == 0;
  if (failing)
    rc_state_event(E->arena, E->st, RC_EV_FAIL, r >= 0 ? S(E, r) : NULL, e->name, e, e->line, e->col);
  /* the exception */
  if (failing) {
    if (api->exc == RC_EXC_SET) {
      E->st->exc = RC_XS_SET;
      E->st->exc_api = e->name;
    } else if (api->exc == RC_EXC_MAYBE && E->st->exc != RC_XS_SET) {
      E->st->exc = RC_XS_UNKNOWN;
    }
  }
  if (api->flags & RC_API_SETS_EXCEPTION || api->ret == RC_REF_NULL) {
    E->st->exc = RC_XS_SET;
    E->st->exc_api = e->name;
  }
  if (api->flags & RC_API_CLEARS_EXCEPTION) E->st->exc = RC_XS_CLEAR;
  return r;
}

/* ---- branch refinement ----------------------------------------------------------------------------- */

/* The value of `sym` is known to be (non-)NULL / (non-)zero on this branch. False: impossible. */
static bool refine_truth(RcState *st, int sym, bool want) {
  if (sym < 0) return true;
  RcSym *v = &st->syms[sym];
  if (v->zero_arg_call && st->exc != RC_XS_UNKNOWN) st->exc = RC_XS_UNKNOWN;
  /* what failure looks like for a call nothing is known about is unknown too; and `if (r)` on
   * the success of a call that fails with -1 may be the code's way of testing for failure */
  if (v->is_int && v->unknown_call && st->exc == RC_XS_CLEAR) st->exc = RC_XS_UNKNOWN;
  if (v->is_int && v->success_unsure && want && st->exc == RC_XS_CLEAR) st->exc = RC_XS_UNKNOWN;
  if (!v->is_int) {
    if (want) {
      if (v->null == RC_NULL_YES) return false;
      v->null = RC_NULL_NO;
    } else {
      if (v->null == RC_NULL_NO) return false;
      v->null = RC_NULL_YES;
      v->owned = 0;
      if (v->unknown_call && st->exc == RC_XS_CLEAR) st->exc = RC_XS_UNKNOWN;
      if (v->lazy_fail) { /* the deferred failure of a borrowed getter happens here */
        v->lazy_fail = false;
        v->null_from_failure = true;
        if (v->lazy_exc == RC_EXC_SET) {
          st->exc = RC_XS_SET;
          st->exc_api = v->api;
        } else if (v->lazy_exc == RC_EXC_MAYBE && st->exc != RC_XS_SET) {
          st->exc = RC_XS_UNKNOWN;
        }
      }
    }
    if (want) v->lazy_fail = false;
    return true;
  }
  if (want) {
    if (v->lo == 0 && v->hi == 0) return false;
    if (v->lo == 0) v->lo = 1;
    else if (v->hi == 0) v->hi = -1;
  } else {
    if (v->lo > 0 || v->hi < 0) return false;
    v->lo = v->hi = 0;
  }
  return true;
}

static bool refine_int(RcState *st, int sym, RcBinOp op, int64_t k, bool want) {
  RcSym *v = &st->syms[sym];
  if (!v->is_int) return true;
  if (!want) {
    switch (op) { /* negate */
    case RC_OP_LT: op = RC_OP_GE; break;
    case RC_OP_GE: op = RC_OP_LT; break;
    case RC_OP_GT: op = RC_OP_LE; break;
    case RC_OP_LE: op = RC_OP_GT; break;
    case RC_OP_EQ: op = RC_OP_NE; break;
    case RC_OP_NE: op = RC_OP_EQ; break;
    default: return true;
    }
  }
  int64_t lo = v->lo, hi = v->hi;
  switch (op) {
  case RC_OP_LT: if (k == INT64_MIN) return false; if (hi > k - 1) hi = k - 1; break;
  case RC_OP_LE: if (hi > k) hi = k; break;
  case RC_OP_GT: if (k == INT64_MAX) return false; if (lo < k + 1) lo = k + 1; break;
  case RC_OP_GE: if (lo < k) lo = k; break;
  case RC_OP_EQ: if (k < lo || k > hi) return false; lo = hi = k; break;
  case RC_OP_NE:
    if (lo == k && hi == k) return false;
    if (lo == k) lo++;
    else if (hi == k) hi--;
    break;
  default: return true;
  }
  if (lo > hi) return false;
  if (v->unknown_call && st->exc == RC_XS_CLEAR) st->exc = RC_XS_UNKNOWN;
  if (v->success_unsure && (lo > 0 || hi < 0) && st->exc == RC_XS_CLEAR) st->exc = RC_XS_UNKNOWN;
  v->lo = lo;
  v->hi = hi;
  return true;
}

static RcBinOp mirror(RcBinOp op) {
  switch (op) {
  case RC_OP_LT: return RC_OP_GT;
  case RC_OP_GT: return RC_OP_LT;
  case RC_OP_LE: return RC_OP_GE;
  case RC_OP_GE: return RC_OP_LE;
  default: return op;
  }
}

static bool refine(RcState *st, const LogEntry *log, int nlog, const RcExpr *e, bool want) {
  if (e == NULL) return true;
  switch (e->kind) {
  case RC_EX_NOT: return refine(st, log, nlog, e->kids[0], !want);
  case RC_EX_BINARY: {
    RcBinOp op = e->op;
    if (op < RC_OP_LT || op > RC_OP_NE) break;
    int a = logged(log, nlog, e->kids[0]), b = logged(log, nlog, e->kids[1]);
    if (a < 0 || b < 0) break;
    RcSym *x = &st->syms[a], *y = &st->syms[b];
    if (x->zero_arg_call || y->zero_arg_call) st->exc = RC_XS_UNKNOWN;
    if (!x->is_int && !y->is_int) {
      if (op != RC_OP_EQ && op != RC_OP_NE) return true;
      bool eq_wanted = (op == RC_OP_EQ) == want;
      /* a NULL literal on either side (x == NULL, NULL == x) tests the other side */
      bool ylit = y->null == RC_NULL_YES && y->site != NULL && y->site->kind == RC_EX_NULL;
      bool xlit = x->null == RC_NULL_YES && x->site != NULL && x->site->kind == RC_EX_NULL;
      if (ylit) return refine_truth(st, a, !eq_wanted);
      if (xlit) return refine_truth(st, b, !eq_wanted);
      if (y->null == RC_NULL_YES) return refine_truth(st, a, !eq_wanted);
      if (x->null == RC_NULL_YES) return refine_truth(st, b, !eq_wanted);
      if (a == b) return eq_wanted;
      if (eq_wanted && is_static_object(y) && x->owned > 0 && x->maybe_sentinel) x->owned = 0;
      if (eq_wanted && is_static_object(x) && y->owned > 0 && y->maybe_sentinel) y->owned = 0;
      return true;
    }
    if (x->is_int && y->is_int) {
      if (y->lo == y->hi) return refine_int(st, a, op, y->lo, want);
      if (x->lo == x->hi) return refine_int(st, b, mirror(op), x->lo, want);
      return true;
    }
    return true;
  }
  case RC_EX_ASSIGN: {
    int v = logged(log, nlog, e);
    return refine_truth(st, v, want);
  }
  default: break;
  }
  return refine_truth(st, logged(log, nlog, e), want);
}

/* ---- statements, outcomes ------------------------------------------------------------------------------ */

/* Evaluates `e` on a copy of `in` once per combination of failing calls. Returns the number of
 * outcomes written to `outs`. */
static int run_expr(Eng *E, const RcState *in, const RcExpr *e, Outcome *outs) {
  unsigned char prefixes[MAX_OUTCOMES][MAX_POINTS];
  int lens[MAX_OUTCOMES];
  int nq = 1, head = 0, nout = 0;
  lens[0] = 0;
  while (head < nq && nout < MAX_OUTCOMES) {
    unsigned char *p = prefixes[head];
    int len = lens[head++];
    E->st = rc_state_copy(E->arena, in);
    E->choices = p;
    E->nchoices = len;
    E->npoints = 0;
    E->nlog = 0;
    E->log = NULL;
    E->log_cap = 0;
    E->sink = false;
    int sym = e ? eval(E, e) : -1;
    int points = E->npoints < MAX_POINTS ? E->npoints : MAX_POINTS;
    for (int j = len; j < points && nq < MAX_OUTCOMES; j++) {
      memcpy(prefixes[nq], p, (size_t)len);
      for (int z = len; z < j; z++) prefixes[nq][z] = 0;
      prefixes[nq][j] = 1;
      lens[nq++] = j + 1;
    }
    if (E->sink) continue;
    Outcome *o = &outs[nout++];
    o->st = E->st;
    o->sym = sym;
    o->log = E->log;
    o->nlog = E->nlog;
  }
  return nout;
}

/* At the end of a statement: owned references nothing refers to any more have leaked. */
static void check_lost(Eng *E, RcState *st, unsigned line, unsigned col, int keep) {
  E->st = st;
  for (int i = 0; i < st->nsyms; i++) {
    RcSym *v = &st->syms[i];
    if (i == keep || v->is_int || v->owned <= 0 || v->null == RC_NULL_YES || v->life != RC_LIFE_ALIVE ||
        is_static_object(v))
      continue;
    if (rc_state_referenced(st, i)) continue;
    /* held through a value that is referenced? (a parent never owns its child's reference) */
    report_leak(E, i, line, col, false);
    v->owned = 0;
  }
}

static void push(Eng *E, int block, RcState *st) {
  Work w = {block, st};
  RC_VEC_PUSH(E->arena, E->work, E->nwork, E->work_cap, w);
}

/* A return: hand out the result, find what leaks, check the exception state. */
static void do_return(Eng *E, const RcBlock *blk, RcState *st, int r) {
  E->st = st;
  const RcCfg *cfg = E->cfg;
  RcPathResult *res = E->res;
  res->returns++;
  bool error_path = false;
  RcSym *v = r >= 0 ? S(E, r) : NULL;
  unsigned line = blk->line, col = blk->col;
  if (cfg->returns_obj && v != NULL && !v->is_int) {
    if (v->null == RC_NULL_YES) {
      error_path = true;
      res->returns_null++;
      if (st->exc == RC_XS_SET) res->returns_null_exc_set++;
      if (st->exc == RC_XS_CLEAR) {
        res->returns_null_exc_clear++;
        /* a NULL handed on from one of the file's own functions is that function's business
         * (often an impossible default branch); NULL from the C API or made here is ours */
        bool from_local = v->api != NULL && rc_summary_rules_lookup(E->opt->summaries, v->api) == NULL;
        if (E->opt->entry_point && !E->opt->null_ends_iteration && !from_local)
          rc_diag_add(E->diag, "exc-null-without-error", blk, line, col,
                      "returns NULL without setting an exception: the caller will raise SystemError",
                      st, 0, 0, "NULL is returned here and no exception is set", NULL, RC_DIAG_GROUP_NONE);
      }
    } else {
      RcRefError err = rc_state_check_use(st, r, true);
      if (err == RC_REF_ERR_USE_AFTER_RELEASE || err == RC_REF_ERR_INVALIDATED ||
          err == RC_REF_ERR_USE_AFTER_STEAL) {
        report_err(E, err, r, blk->value ? blk->value : cfg->blocks[0]->value, NULL);
      } else if (v->owned > 0) {
        v->owned--;
        res->returns_new++;
      } else if (!E->opt->entry_point && is_static_object(v)) {
        /* a helper returning a static object as a sentinel (return Py_None; /\* skip *\/):
         * its callers compare, they do not release */
        res->returns_new++;
        res->returns_static++;
      } else if (v->origin == RC_ORIGIN_CALL || v->origin == RC_ORIGIN_PARAM ||
                 v->origin == RC_ORIGIN_FIELD || v->origin == RC_ORIGIN_STORED ||
                 (v->life == RC_LIFE_STOLEN)) {
        res->returns_borrowed++;
        int from = v->origin == RC_ORIGIN_PARAM ? v->param : -1;
        if (res->borrowed_from_param == -2) res->borrowed_from_param = from;
        else if (res->borrowed_from_param != from) res->borrowed_from_param = -1;
        if (!v->flagged) {
          char name[256], msg[768], hint[256] = "", fix[256] = "";
          name_of(E, r, name, sizeof name);
          const RcName *ret_macro = NULL;
          rc_check_return_hint(E->opt->summaries, blk->value, hint, sizeof hint, fix, sizeof fix,
                               &ret_macro);
          snprintf(msg, sizeof msg, "returns %s, a borrowed reference, where a new reference is owed%s",
                   name, hint);
          rc_diag_add(E->diag, "ref-return-borrowed", blk, line, col, msg, st, v->uid, 0,
                      "the borrowed reference is returned here: 0 references owned",
                      fix[0] ? fix : NULL, RC_DIAG_GROUP_RETURN_BORROWED);
        }
      } else {
        res->returns_new++;
      }
      if (v->null == RC_NULL_NO && st->exc == RC_XS_SET && E->opt->entry_point) {
        char msg[512];
        snprintf(msg, sizeof msg, "returns a result while an exception is still set%s%s%s",
                 st->exc_api ? " (by " : "", st->exc_api ? st->exc_api->text : "",
                 st->exc_api ? "())" : "");
        rc_diag_add(E->diag, "exc-success-with-error", blk, line, col, msg, st, 0, 0,
                    "a result is returned here with the exception pending", NULL, RC_DIAG_GROUP_NONE);
      }
    }
  } else if (cfg->returns_ptr && v != NULL && !v->is_int && v->owned > 0) {
    v->owned--; /* a void * callback handing out an object: the caller takes it */
  } else if (cfg->returns_int && v != NULL && v->is_int) {
    if (v->hi < 0) {
      error_path = true;
      res->returns_negative++;
      if (st->exc == RC_XS_SET) res->returns_negative_exc_set++;
      if (st->exc == RC_XS_CLEAR && E->opt->int_protocol && v->lo == v->hi && v->lo == -1)
        rc_diag_add(E->diag, "exc-null-without-error", blk, line, col,
                    "returns -1 without setting an exception", st, 0, 0,
                    "-1 is returned here and no exception is set", NULL, RC_DIAG_GROUP_NONE);
    }
  }
  /* consumed parameters */
  for (int p = 0; p < cfg->nparams && p < 32; p++) {
    bool consumed = false;
    for (int i = 0; i < st->nsyms; i++)
      if (st->syms[i].origin == RC_ORIGIN_PARAM && st->syms[i].param == p && st->syms[i].consumed_param)
        consumed = true;
    if (!consumed) res->consumed_params &= ~(1u << p);
    else res->any_consumed_params |= 1u << p;
  }
  /* leaks (what sits in *param, an out-parameter, goes to the caller) */
  for (int i = 0; i < st->nsyms; i++) {
    RcSym *s = &st->syms[i];
    if (s->is_int || s->owned <= 0 || s->null == RC_NULL_YES || s->life != RC_LIFE_ALIVE) continue;
    bool handed_out = false;
    for (int k = 0; k < st->nlocs && !handed_out; k++)
      handed_out = st->locs[k].sym == i && st->locs[k].field == NULL && st->locs[k].base >= 0 &&
                   st->syms[st->locs[k].base].origin == RC_ORIGIN_NONE &&
                   st->syms[st->locs[k].base].param >= 0;
    if (handed_out || is_static_object(s)) continue;
    report_leak(E, i, line, col, error_path);
  }
}

/* At a join, forget what the branches learnt about values the function does not own and that
 * did not come from a failing call (fields, parameters, their integers): keeping it only
 * multiplies states (one per combination of tested fields) without changing any finding. */
static void forget_at_join(RcState *st) {
  for (int i = 0; i < st->nsyms; i++) {
    RcSym *v = &st->syms[i];
    bool located = false;
    for (int k = 0; k < st->nlocs && !located; k++) located = st->locs[k].sym == i;
    if (!v->is_int && v->owned == 0 && !v->null_from_failure && v->life == RC_LIFE_ALIVE &&
        (v->origin == RC_ORIGIN_FIELD || v->origin == RC_ORIGIN_PARAM || v->origin == RC_ORIGIN_NONE) &&
        !(v->site != NULL && v->site->kind == RC_EX_NULL))
      v->null = RC_NULL_UNKNOWN;
    else if (v->is_int && located && !v->unknown_call) {
      v->lo = INT64_MIN;
      v->hi = INT64_MAX;
    }
  }
}

/* ---- liveness: variables nobody reads again are dropped from states (unless they own a
 * reference, which must still be found leaking where the function returns) -------------------- */

static void uses_defs(const RcExpr *e, unsigned char *use, unsigned char *def) {
  if (e == NULL) return;
  if (e->kind == RC_EX_ASSIGN && e->kids[0]->kind == RC_EX_VAR) {
    uses_defs(e->kids[1], use, def);
    if (!use[e->kids[0]->var]) def[e->kids[0]->var] = 1;
    return;
  }
  if (e->kind == RC_EX_VAR && !def[e->var]) use[e->var] = 1;
  for (int i = 0; i < e->nkids; i++) uses_defs(e->kids[i], use, def);
  if (e->callee) uses_defs(e->callee, use, def);
}

/* live[b * nvars + v]: variable v may be read on some path from the entry of block b */
static unsigned char *liveness(const RcCfg *cfg, RcArena *arena) {
  int nb = cfg->nblocks, nv = cfg->nvars > 0 ? cfg->nvars : 1;
  if ((size_t)nb * (size_t)nv > ((size_t)1 << 21)) return NULL; /* too big to be worth it */
  unsigned char *use = RC_NEW_ARRAY(arena, unsigned char, nb * nv);
  unsigned char *def = RC_NEW_ARRAY(arena, unsigned char, nb * nv);
  unsigned char *live = RC_NEW_ARRAY(arena, unsigned char, nb * nv);
  for (int b = 0; b < nb; b++) {
    const RcBlock *blk = cfg->blocks[b];
    for (int i = 0; i < blk->nstmts; i++) uses_defs(blk->stmts[i].expr, use + b * nv, def + b * nv);
    uses_defs(blk->value, use + b * nv, def + b * nv);
  }
  for (int v = 0; v < cfg->nvars; v++)
    if (cfg->vars[v].addr_taken)
      for (int b = 0; b < nb; b++) use[b * nv + v] = 1;
  bool changed = true;
  for (int round = 0; changed && round < 1000; round++) {
    changed = false;
    for (int b = nb - 1; b >= 0; b--) {
      for (int v = 0; v < cfg->nvars; v++) {
        unsigned char out = 0;
        for (int i = 0; i < rc_cfg_succ_count(cfg, b) && !out; i++)
          out = live[rc_cfg_succ(cfg, b, i) * nv + v];
        unsigned char in = use[b * nv + v] || (out && !def[b * nv + v]);
        if (in != live[b * nv + v]) {
          live[b * nv + v] = in;
          changed = true;
        }
      }
    }
  }
  return live;
}

static void drop_dead(Eng *E, int b, RcState *st) {
  int nv = E->cfg->nvars;
  if (E->live == NULL) return;
  for (int v = 0; v < nv; v++) {
    int s = st->vars[v];
    if (s < 0 || E->live[b * nv + v]) continue;
    const RcSym *x = &st->syms[s];
    if (!x->is_int && x->owned > 0) continue; /* still to be found leaking */
    st->vars[v] = -1;
  }
}

/* Variables assigned inside the loop whose head is `h`: in blocks reachable from h that reach h
 * again. Returns an array of nvars flags (NULL: too big, widen everything). */
static void defs_of(const RcExpr *e, unsigned char *out) {
  if (e == NULL) return;
  if (e->kind == RC_EX_ASSIGN && e->kids[0]->kind == RC_EX_VAR) out[e->kids[0]->var] = 1;
  if (e->kind == RC_EX_ADDR && e->kids[0]->kind == RC_EX_VAR) out[e->kids[0]->var] = 1;
  for (int i = 0; i < e->nkids; i++) defs_of(e->kids[i], out);
  if (e->callee) defs_of(e->callee, out);
}

static unsigned char *loop_defs(Eng *E, int h) {
  const RcCfg *cfg = E->cfg;
  int nb = cfg->nblocks, nv = cfg->nvars;
  if ((size_t)nb * 2 + (size_t)nv > ((size_t)1 << 22)) return NULL;
  unsigned char *fwd = RC_NEW_ARRAY(E->arena, unsigned char, nb);
  unsigned char *bwd = RC_NEW_ARRAY(E->arena, unsigned char, nb);
  int *stack = RC_NEW_ARRAY(E->arena, int, nb + 1);
  int sp = 0;
  stack[sp++] = h;
  fwd[h] = 1;
  while (sp > 0) {
    int b = stack[--sp];
    for (int i = 0; i < rc_cfg_succ_count(cfg, b); i++) {
      int t = rc_cfg_succ(cfg, b, i);
      if (!fwd[t]) {
        fwd[t] = 1;
        stack[sp++] = t;
      }
    }
  }
  /* backwards: blocks from which h is reached (by iterating to a fixed point over edges) */
  bwd[h] = 1;
  for (bool changed = true; changed;) {
    changed = false;
    for (int b = 0; b < nb; b++) {
      if (bwd[b] || !fwd[b]) continue;
      for (int i = 0; i < rc_cfg_succ_count(cfg, b) && !bwd[b]; i++)
        if (bwd[rc_cfg_succ(cfg, b, i)]) {
          bwd[b] = 1;
          changed = true;
        }
    }
  }
  unsigned char *defs = RC_NEW_ARRAY(E->arena, unsigned char, nv + 1);
  for (int b = 0; b < nb; b++) {
    if (!fwd[b] || !bwd[b]) continue;
    const RcBlock *blk = cfg->blocks[b];
    for (int i = 0; i < blk->nstmts; i++) defs_of(blk->stmts[i].expr, defs);
    defs_of(blk->value, defs);
  }
  return defs;
}

/* At a loop head, after WIDEN_AFTER arrivals, the integer variables the loop assigns (counters)
 * become unknown; the others (flags set before the loop) keep their values, so the checks after
 * the loop stay correlated with them. Integers in fields are widened too. */
static void widen_loop_head(Eng *E, int b, Seen *seen, RcState *st) {
  if (++seen->arrivals <= WIDEN_AFTER) return;
  if (seen->first_int == NULL) {
    seen->first_int = loop_defs(E, b);
    if (seen->first_int == NULL) {
      rc_state_widen(st);
      return;
    }
  }
  for (int v = 0; v < E->cfg->nvars; v++) {
    int s = st->vars[v];
    if (s < 0 || !st->syms[s].is_int || !seen->first_int[v]) continue;
    st->syms[s].lo = INT64_MIN;
    st->syms[s].hi = INT64_MAX;
  }
  for (int k = 0; k < st->nlocs; k++) {
    int s = st->locs[k].sym;
    if (s >= 0 && st->syms[s].is_int) {
      st->syms[s].lo = INT64_MIN;
      st->syms[s].hi = INT64_MAX;
    }
  }
}

static void run_block(Eng *E, int b, RcState *in) {
  const RcBlock *blk = E->cfg->blocks[b];
  Seen *seen = &E->seen[b];
  drop_dead(E, b, in);
  if (E->npreds[b] > 1) forget_at_join(in);
  rc_state_normalize(E->arena, in);
  if (blk->loop_head) widen_loop_head(E, b, seen, in);
  unsigned char *key;
  size_t len = rc_state_key(E->arena, in, &key);
  unsigned h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ key[i]) * 16777619u;
  for (int i = 0; i < seen->count; i++)
    if (seen->keys[i].hash == h && seen->keys[i].len == len && memcmp(seen->keys[i].key, key, len) == 0)
      return; /* an equal state was here before */
  if (seen->count >= E->max_states) {
    stop(E, "too many distinct paths");
    return;
  }
  SeenKey sk = {h, key, len};
  RC_VEC_PUSH(E->arena, seen->keys, seen->count, seen->cap, sk);

  /* statements */
  RcState **states = RC_NEW_ARRAY(E->arena, RcState *, 1);
  int nstates = 1, cap = 1;
  states[0] = in;
  Outcome outs[MAX_OUTCOMES];
  for (int i = 0; i < blk->nstmts && !E->stop; i++) {
    RcState **next = NULL;
    int nnext = 0, ncap = 0;
    for (int k = 0; k < nstates; k++) {
      if (++E->res->steps > E->max_steps) {
        stop(E, "work budget exhausted");
        return;
      }
      int n = run_expr(E, states[k], blk->stmts[i].expr, outs);
      for (int o = 0; o < n; o++) {
        check_lost(E, outs[o].st, blk->stmts[i].line, blk->stmts[i].col, -1);
        RC_VEC_PUSH(E->arena, next, nnext, ncap, outs[o].st);
      }
    }
    states = next;
    nstates = nnext;
    (void)cap;
  }
  if (E->res->steps - E->last_check >= 32) {
    E->last_check = E->res->steps;
    if (now_seconds() > E->deadline) {
      stop(E, "time budget exhausted");
      return;
    }
    if (rc_arena_used(E->arena) > MAX_ARENA_BYTES) {
      stop(E, "memory budget exhausted");
      return;
    }
  }
  /* terminator */
  for (int k = 0; k < nstates && !E->stop; k++) {
    RcState *st = states[k];
    switch (blk->term) {
    case RC_TERM_GOTO: push(E, blk->succ[0], st); break;
    case RC_TERM_BRANCH: {
      int n = run_expr(E, st, blk->value, outs);
      for (int o = 0; o < n; o++) {
        check_lost(E, outs[o].st, blk->line, blk->col, -1);
        for (int side = 0; side < 2; side++) {
          RcState *c = rc_state_copy(E->arena, outs[o].st);
          if (refine(c, outs[o].log, outs[o].nlog, blk->value, side == 0)) push(E, blk->succ[side], c);
        }
      }
      break;
    }
    case RC_TERM_SWITCH: {
      int n = run_expr(E, st, blk->value, outs);
      for (int o = 0; o < n; o++) {
        int v = outs[o].sym;
        bool exact = v >= 0 && outs[o].st->syms[v].is_int && outs[o].st->syms[v].lo == outs[o].st->syms[v].hi;
        bool matched = false;
        for (int c = 0; c < blk->ncases; c++) {
          if (exact && blk->cases[c].known) {
            if (outs[o].st->syms[v].lo == blk->cases[c].value) {
              push(E, blk->cases[c].succ, outs[o].st);
              matched = true;
            }
            continue;
          }
          RcState *cs = rc_state_copy(E->arena, outs[o].st);
          if (v >= 0 && blk->cases[c].known && !refine_int(cs, v, RC_OP_EQ, blk->cases[c].value, true))
            continue;
          push(E, blk->cases[c].succ, cs);
        }
        if (!matched) push(E, blk->succ[0], outs[o].st);
      }
      break;
    }
    case RC_TERM_RETURN: {
      int n = run_expr(E, st, blk->value, outs);
      for (int o = 0; o < n; o++) do_return(E, blk, outs[o].st, outs[o].sym);
      break;
    }
    default: break; /* noreturn: the path ends */
    }
  }
}

int rc_paths_run(const RcCfg *cfg, const RcPathOptions *opt, RcArena *arena, RcDiag *diag,
                 RcPathResult *out) {
  if (cfg->nblocks == 0) return -1;
  memset(out, 0, sizeof *out);
  out->borrowed_from_param = -2;
  out->consumed_params = ~0u;
  Eng E;
  memset(&E, 0, sizeof E);
  E.cfg = cfg;
  E.opt = opt;
  E.arena = arena;
  E.diag = diag;
  E.res = out;
  E.max_steps = opt->max_steps ? opt->max_steps : DEFAULT_STEPS;
  E.max_states = opt->max_states_per_block ? opt->max_states_per_block : DEFAULT_STATES;
  E.deadline = now_seconds() + (opt->max_seconds > 0 ? opt->max_seconds : DEFAULT_SECONDS);
  E.seen = RC_NEW_ARRAY(arena, Seen, cfg->nblocks);
  E.npreds = RC_NEW_ARRAY(arena, int, cfg->nblocks);
  E.live = liveness(cfg, arena);
  for (int b = 0; b < cfg->nblocks; b++)
    for (int i = 0; i < rc_cfg_succ_count(cfg, b); i++) E.npreds[rc_cfg_succ(cfg, b, i)]++;

  RcState *entry = rc_state_new(arena, cfg->nvars);
  E.st = entry;
  for (int i = 0; i < cfg->nvars; i++) {
    const RcVar *v = &cfg->vars[i];
    if (!v->is_param) continue;
    int s;
    if (v->is_obj && v->param_index < 32 && ((opt->owned_params >> v->param_index) & 1)) {
      s = new_ptr(&E, RC_NULL_UNKNOWN, RC_ORIGIN_NEW, NULL);
      S(&E, s)->is_obj = true;
      S(&E, s)->owned = 1;
      S(&E, s)->param = v->param_index;
    } else if (v->is_obj) {
      s = new_ptr(&E, RC_NULL_UNKNOWN, RC_ORIGIN_PARAM, NULL);
      S(&E, s)->is_obj = true;
      S(&E, s)->param = v->param_index;
    } else if (v->type != NULL && strchr(v->type->text, '*') != NULL) {
      s = new_ptr(&E, RC_NULL_UNKNOWN, RC_ORIGIN_NONE, NULL); /* a C pointer (PyObject **out) */
      S(&E, s)->param = v->param_index;
    } else {
      s = new_int(&E, INT64_MIN, INT64_MAX, NULL);
    }
    S(&E, s)->label = v->name;
    entry->vars[i] = s;
  }
  push(&E, 0, entry);
  while (E.nwork > 0 && !E.stop) {
    Work w = E.work[--E.nwork];
    run_block(&E, w.block, w.st);
  }
  if (out->returns == 0) out->consumed_params = 0;
  return 0;
}
