/* paths.c — the path-sensitive walk (see paths.h); statements are evaluated by eval.c.
 *
 * Sections: the budget; branch refinement; statements and their outcomes; returns; joins,
 * liveness and loop widening; the worklist. */
#include "paths_int.h"

#include "checks.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
          st->exc_site = v->site;
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
    else if (v->lo < 0 && v->hi > 0) v->nonzero = true;
    if (v->lazy_fail && v->hi < 0) { /* `if (PyList_SetItem(...))`: the deferred failure */
      v->lazy_fail = false;
      if (v->lazy_exc == RC_EXC_SET) {
        st->exc = RC_XS_SET;
        st->exc_site = v->site;
      }
    }
  } else {
    if (v->lo > 0 || v->hi < 0 || v->nonzero) return false;
    v->lo = v->hi = 0;
    v->lazy_fail = false;
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
  case RC_OP_EQ:
    if (k < lo || k > hi || (k == 0 && v->nonzero)) return false;
    lo = hi = k;
    break;
  case RC_OP_NE:
    if (lo == k && hi == k) return false;
    if (lo == k) lo++;
    else if (hi == k) hi--;
    else if (k == 0) v->nonzero = true;
    break;
  default: return true;
  }
  if (lo > hi || (v->nonzero && lo == 0 && hi == 0)) return false;
  if (v->lazy_fail && hi < 0) { /* the deferred failure happens on this branch */
    v->lazy_fail = false;
    if (v->lazy_exc == RC_EXC_SET) {
      st->exc = RC_XS_SET;
      st->exc_site = v->site;
    } else if (v->lazy_exc == RC_EXC_MAYBE && st->exc != RC_XS_SET) {
      st->exc = RC_XS_UNKNOWN;
    }
  } else if (v->lazy_fail && lo >= 0) {
    v->lazy_fail = false;
  }
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

/* `v == Py_None` holds on this branch and v is a reference the function owns: v is the static
 * object, so its references move there and every name of v now names it. Then
 * `Py_DECREF(Py_None)` releases v's reference, and releasing v before `return Py_None;` (a
 * sentinel) leaves the object alive, as the static object it is. */
static void same_object(RcState *st, int stat, int v) {
  RcSym *x = &st->syms[v], *s = &st->syms[stat];
  rc_state_forget_took(st, v); /* released as the static object (Py_DECREF(Py_None)) */
  if (x->is_int || x->owned <= 0 || x->life != RC_LIFE_ALIVE) return;
  s->owned += x->owned;
  x->owned = 0;
  for (int i = 0; i < st->nvars; i++)
    if (st->vars[i] == v) st->vars[i] = stat;
  for (int i = 0; i < st->nlocs; i++) {
    if (st->locs[i].sym == v) st->locs[i].sym = stat;
    if (st->locs[i].base == v) st->locs[i].base = stat;
  }
  for (int i = 0; i < st->nsyms; i++)
    if (st->syms[i].parent == v) st->syms[i].parent = stat;
}

static bool refine(RcState *st, const LogEntry *log, int nlog, const RcExpr *e, bool want) {
  if (e == NULL) return true;
  switch (e->kind) {
  case RC_EX_NOT: return refine(st, log, nlog, e->kids[0], !want);
  case RC_EX_BINARY: {
    RcBinOp op = e->op;
    if (op < RC_OP_LT || op > RC_OP_NE) break;
    int a = rcp_logged(log, nlog, e->kids[0]), b = rcp_logged(log, nlog, e->kids[1]);
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
      if (eq_wanted && rcp_is_static_object(y) && x->owned > 0 && x->maybe_sentinel) x->owned = 0;
      else if (eq_wanted && rcp_is_static_object(x) && y->owned > 0 && y->maybe_sentinel) y->owned = 0;
      else if (eq_wanted && rcp_is_static_object(y) && !rcp_is_static_object(x)) same_object(st, b, a);
      else if (eq_wanted && rcp_is_static_object(x) && !rcp_is_static_object(y)) same_object(st, a, b);
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
    int v = rcp_logged(log, nlog, e);
    return refine_truth(st, v, want);
  }
  default: break;
  }
  return refine_truth(st, rcp_logged(log, nlog, e), want);
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
    int sym = e ? rcp_eval(E, e) : -1;
    int points = E->npoints < MAX_POINTS ? E->npoints : MAX_POINTS;
    int cap = E->opt->max_failures;
    if (cap > 0) {
      for (int z = 0; z < len; z++) E->st->failures += p[z];
      if (E->st->failures >= cap) points = len; /* no further failure on this path */
    }
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
        rcp_is_static_object(v))
      continue;
    if (rc_state_referenced(st, i)) continue;
    /* held through a value that is referenced? (a parent never owns its child's reference) */
    rcp_report_leak(E, i, line, col, false, false);
    v->owned = 0;
  }
}

static void push(Eng *E, int block, RcState *st) {
  Work w = {block, st};
  RC_VEC_PUSH(E->arena, E->work, E->nwork, E->work_cap, w);
}

/* True when the function's own annotation promises an exception with its failure
 * (sets-exception, sets-exception-on-negative, or returns-new / returns-borrowed, whose NULL the
 * annotation records as raising). */
static bool annotated_to_raise(const RcApi *a) {
  return a != NULL && a->fail != RC_FAIL_NEVER && a->exc == RC_EXC_SET;
}

/* "returns a result while an exception is still set (by PyDict_DelItem() at line 14)": the
 * line tells apart the findings of two ignored failures that reach the same return. */
static void exc_message(const RcState *st, const char *what, char *msg, size_t size) {
  const RcName *api = rc_state_exc_api(st);
  if (api != NULL)
    snprintf(msg, size, "%s while an exception is still set (by %s() at line %u)", what, api->text,
             st->exc_site->line);
  else
    snprintf(msg, size, "%s while an exception is still set", what);
}

/* A return: hand out the result, find what leaks, check the exception state. */
/* ref-steal-borrowed: at a return, a borrowed reference still owed to a field that a tp_dealloc of
 * the file releases (self->label = label; without Py_INCREF): the object will release a reference
 * it never got. Reported at the return, once per value. */
static void check_owed_fields(Eng *E, const RcBlock *blk, RcState *st) {
  for (int i = 0; i < st->nlocs; i++) {
    const RcLoc *l = &st->locs[i];
    if (!l->owes || l->base < 0 || l->field == NULL || l->sym < 0) continue;
    bool owned_field = false;
    for (int k = 0; k < E->opt->nowned_fields && !owned_field; k++)
      owned_field = E->opt->owned_fields[k] == l->field;
    RcSym *v = S(E, l->sym);
    if (!owned_field || v->is_int || v->owned > 0 || v->null == RC_NULL_YES || v->flagged ||
        v->life != RC_LIFE_ALIVE)
      continue;
    /* Py_None stored without a reference: an over-release of the singleton, until 3.12 made it
     * immortal */
    if (rcp_is_static_object(v) && E->opt->version >= RC_PY_VERSION(3, 12)) continue;
    /* a helper's parameter: its callers may pay for the reference (acc_keep(self, Py_NewRef(o))) */
    if (!E->opt->entry_point && v->origin == RC_ORIGIN_PARAM) continue;
    /* another location holds the object's reference (self->new = self->orig): an alias the
     * dealloc tells apart */
    bool aliased = false;
    for (int k = 0; k < st->nlocs && !aliased; k++) /* (base -2: a static object's identity) */
      aliased = k != i && st->locs[k].base != -2 && st->locs[k].sym == l->sym && !st->locs[k].owes;
    if (aliased) continue;
    char name[256], msg[768];
    rcp_name_of(E, l->sym, name, sizeof name);
    snprintf(msg, sizeof msg, "%s is stored into the field '%s' without a reference of its own: the "
             "object's tp_dealloc releases that field (Py_INCREF it, or store Py_NewRef(...))",
             name, l->field->text);
    rc_diag_add(E->diag, "ref-steal-borrowed", blk, blk->line, blk->col, msg, st, v->uid, 0,
                "the field still holds the borrowed reference here", NULL, RC_DIAG_GROUP_NONE);
  }
}

static void do_return(Eng *E, const RcBlock *blk, RcState *st, int r) {
  E->st = st;
  const RcCfg *cfg = E->cfg;
  RcPathResult *res = E->res;
  res->returns++;
  if (E->opt->nowned_fields > 0) check_owed_fields(E, blk, st);
  if (st->exc == RC_XS_SET) res->returns_exc_set++;
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
        else if (annotated_to_raise(E->opt->annotation) && !E->opt->entry_point)
          rc_diag_add(E->diag, "exc-null-without-error", blk, line, col,
                      "returns NULL without setting an exception, but its annotation says failure sets one",
                      st, 0, 0, "NULL is returned here and no exception is set", NULL, RC_DIAG_GROUP_NONE);
      }
    } else {
      RcRefError err = rc_state_check_use(st, r, true);
      if (err == RC_REF_ERR_USE_AFTER_RELEASE || err == RC_REF_ERR_INVALIDATED ||
          err == RC_REF_ERR_USE_AFTER_STEAL) {
        rcp_report_err(E, err, r, blk->value ? blk->value : cfg->blocks[0]->value, NULL);
      } else if (v->owned > 0 && !(E->opt->annotation && E->opt->annotation->ret == RC_REF_BORROWED)) {
        v->owned--;
        res->returns_new++;
      } else if (v->owned > 0) {
        /* annotated returns-borrowed: the caller takes no reference, so this one leaks below */
        res->returns_borrowed++;
      } else if (!E->opt->entry_point && rcp_is_static_object(v) &&
                 !(E->opt->annotation && E->opt->annotation->ret == RC_REF_NEW)) {
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
          rcp_name_of(E, r, name, sizeof name);
          const RcName *ret_macro = NULL;
          rc_check_return_hint(E->opt->summaries, cfg, blk->value, hint, sizeof hint, fix, sizeof fix,
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
      /* the failing call that set the pending exception (its newest failure event), if any */
      const RcEvent *setter = NULL;
      for (const RcEvent *ev = st->events; ev != NULL && setter == NULL; ev = ev->prev)
        if (ev->kind == RC_EV_FAIL && ev->api == rc_state_exc_api(st)) setter = ev;
      /* a result of unknown nullness made before that failure (ret = encoder(..); then an
       * ignored PyDict_DelItem failure): the failure does not explain a NULL, and a non-NULL
       * result goes to the caller with the exception */
      bool before_failure = v->null == RC_NULL_UNKNOWN && setter != NULL && setter->uid > v->uid;
      if ((v->null == RC_NULL_NO || before_failure) && st->exc == RC_XS_SET) {
        char msg[512];
        exc_message(st, "returns a result", msg, sizeof msg);
        /* one finding per ignored failure: two calls whose failures reach the same return are
         * two mistakes, fixed one at a time */
        const void *cause = st->exc_site != NULL ? (const void *)st->exc_site : (const void *)blk;
        rc_diag_add(E->diag, "exc-success-with-error", cause, line, col, msg, st, 0, 0,
                    "a result is returned here with the exception pending", NULL, RC_DIAG_GROUP_NONE);
      }
    }
  } else if (cfg->returns_ptr && v != NULL && !v->is_int && v->owned > 0) {
    v->owned--; /* a void * callback handing out an object: the caller takes it */
  } else if (cfg->returns_int && v != NULL && v->is_int) {
    if (v->hi >= 0) { /* not a failure: is success always 0? */
      res->returns_nonneg++;
      if (v->lo == 0 && v->hi == 0) res->returns_zero++;
    }
    if (v->hi < 0) {
      error_path = true;
      res->returns_negative++;
      if (st->exc == RC_XS_SET) res->returns_negative_exc_set++;
      if (st->exc == RC_XS_CLEAR && E->opt->int_protocol && v->lo == v->hi && v->lo == -1)
        rc_diag_add(E->diag, "exc-null-without-error", blk, line, col,
                    "returns -1 without setting an exception", st, 0, 0,
                    "-1 is returned here and no exception is set", NULL, RC_DIAG_GROUP_NONE);
      else if (st->exc == RC_XS_CLEAR && !E->opt->int_protocol && annotated_to_raise(E->opt->annotation))
        rc_diag_add(E->diag, "exc-null-without-error", blk, line, col,
                    "returns a negative value without setting an exception, but its annotation says "
                    "failure sets one", st, 0, 0, "the failure is returned here and no exception is set",
                    NULL, RC_DIAG_GROUP_NONE);
    } else if (v->lo >= 0 && st->exc == RC_XS_SET && E->opt->int_protocol) {
      char msg[512];
      exc_message(st, "returns success", msg, sizeof msg);
      const void *cause = st->exc_site != NULL ? (const void *)st->exc_site : (const void *)blk;
      rc_diag_add(E->diag, "exc-success-with-error", cause, line, col, msg, st, 0, 0,
                  "success is returned here with the exception pending", NULL, RC_DIAG_GROUP_NONE);
    }
  }
  if (!error_path && st->exc != RC_XS_CLEAR) res->returns_success_raising++;
  /* consumed parameters */
  for (int p = 0; p < cfg->nparams && p < 32; p++) {
    bool consumed = false;
    for (int i = 0; i < st->nsyms; i++)
      if (st->syms[i].origin == RC_ORIGIN_PARAM && st->syms[i].param == p && st->syms[i].consumed_param)
        consumed = true;
    if (!consumed) res->consumed_params &= ~(1u << p);
    else res->any_consumed_params |= 1u << p;
  }
  /* out-parameters: what a successful return leaves in *param */
  for (int p = 0; p < cfg->nparams && p < 32 && !error_path; p++) {
    int at = -1;
    for (int k = 0; k < st->nlocs; k++) {
      const RcLoc *l = &st->locs[k];
      if (l->field == NULL && l->base >= 0 && l->sym >= 0 && st->syms[l->base].origin == RC_ORIGIN_NONE &&
          !st->syms[l->base].is_int && st->syms[l->base].param == p)
        at = l->sym;
    }
    const RcSym *o = at >= 0 ? &st->syms[at] : NULL;
    bool is_int_ret = v != NULL && v->is_int && cfg->returns_int;
    /* an owned reference stored through the pointer moved there (origin STORED) */
    if (o != NULL && !o->is_int && (o->owned > 0 || o->origin == RC_ORIGIN_STORED) && o->life == RC_LIFE_ALIVE) {
      res->out_new_seen |= 1u << p;
      if (!(is_int_ret && v->lo == 1 && v->hi == 1)) res->out_found = false;
    } else if (!(o != NULL && !o->is_int && o->null == RC_NULL_YES)) {
      res->out_new_params &= ~(1u << p);
    } else if (!(is_int_ret && v->lo == 0 && v->hi == 0)) {
      res->out_found = false;
    }
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
    if (handed_out || rcp_is_static_object(s)) continue;
    /* a function returning nothing says no failure, but an ignored one may be pending: its
     * leaks are an error path's (PyModule_AddObject fails and keeps the value); a C pointer
     * function (a module state getter) fails with NULL */
    bool returns_nothing = !cfg->returns_obj && !cfg->returns_int && !cfg->returns_ptr;
    bool c_pointer_null = cfg->returns_ptr && !cfg->returns_obj && v != NULL && !v->is_int && v->null == RC_NULL_YES;
    bool failed = error_path || (returns_nothing && st->exc == RC_XS_SET) || c_pointer_null;
    rcp_report_leak(E, i, line, col, failed, true);
  }
}

/* At a join, forget what the branches learnt about values the function does not own and that
 * did not come from a failing call (fields, parameters, their integers): keeping it only
 * multiplies states (one per combination of tested fields) without changing any finding. */
static void forget_at_join(RcState *st) {
  for (int i = 0; i < st->nsyms; i++) {
    RcSym *v = &st->syms[i];
    bool located = false, in_global = false;
    for (int k = 0; k < st->nlocs; k++)
      if (st->locs[k].sym == i) {
        located = true;
        in_global |= st->locs[k].base == -1 && !st->locs[k].owes;
      }
    /* A reference stored in a global that no variable holds any more is what the global holds,
     * whichever branch stored it: `if (!s) s = PyUnicode_InternFromString(..)` repeated for
     * seven globals must not make 2^7 distinct states. */
    if (in_global && !v->is_int && v->origin == RC_ORIGIN_STORED && v->owned == 0 &&
        v->life == RC_LIFE_ALIVE && !v->null_from_failure && !rc_state_held_by_var(st, i)) {
      v->origin = RC_ORIGIN_FIELD;
      rc_state_forget_took(st, i);
    }
    if (!v->is_int && v->owned == 0 && !v->null_from_failure && v->life == RC_LIFE_ALIVE &&
        !rcp_is_static_object(v) && /* Py_None is never NULL, whichever branch named it */
        (v->origin == RC_ORIGIN_FIELD || v->origin == RC_ORIGIN_PARAM || v->origin == RC_ORIGIN_NONE) &&
        !(v->site != NULL && v->site->kind == RC_EX_NULL) &&
        /* a C pointer a call returned (str = ba2hex(...)) keeps what its summary said */
        !(v->origin == RC_ORIGIN_NONE && v->site != NULL && v->site->kind == RC_EX_CALL))
      v->null = RC_NULL_UNKNOWN;
    else if (v->is_int && located && !v->unknown_call) {
      v->lo = INT64_MIN;
      v->hi = INT64_MAX;
      v->nonzero = false;
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

/* A parameter that points to an object pointer (PyObject **out): what the function leaves there is
 * read at each return (the out-parameter summary), so it stays in the state. */
static bool out_param(const RcVar *v) {
  return v->is_param && !v->is_obj && v->type != NULL && strstr(v->type->text, "**") != NULL;
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
    if (cfg->vars[v].addr_taken || out_param(&cfg->vars[v])) /* *out is read by the return */
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
      /* here, not only between blocks: a long straight-line block multiplies its states */
      if ((E->res->steps & 63) == 0 && rc_arena_used(E->arena) > MAX_ARENA_BYTES) {
        stop(E, "memory budget exhausted");
        return;
      }
      const RcExpr *x = blk->stmts[i].expr;
      int n = run_expr(E, states[k], x, outs);
      bool unknown = x != NULL && x->kind == RC_EX_CALL &&
                     (x->name == NULL || rc_summary_lookup(E->opt->summaries, x->name) == NULL);
      for (int o = 0; o < n; o++) {
        if (unknown) { /* error helpers of other files: psutil_oserror(); return NULL; */
          if (outs[o].st->exc == RC_XS_CLEAR) outs[o].st->exc = RC_XS_UNKNOWN;
          if (outs[o].sym >= 0 && outs[o].st->syms[outs[o].sym].owned > 0)
            outs[o].st->syms[outs[o].sym].owned = 0;
        }
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

/* Predecessors of each block among the blocks reachable from the entry: the `goto B2` a lowered
 * loop or label leaves behind unreachable must not make B2 a join. */
static void count_reachable_preds(const RcCfg *cfg, RcArena *arena, int *npreds) {
  unsigned char *seen = RC_NEW_ARRAY(arena, unsigned char, cfg->nblocks);
  int *stack = RC_NEW_ARRAY(arena, int, cfg->nblocks + 1);
  int sp = 0;
  stack[sp++] = 0;
  seen[0] = 1;
  while (sp > 0) {
    int b = stack[--sp];
    for (int i = 0; i < rc_cfg_succ_count(cfg, b); i++) {
      int t = rc_cfg_succ(cfg, b, i);
      npreds[t]++;
      if (!seen[t]) {
        seen[t] = 1;
        stack[sp++] = t;
      }
    }
  }
}

int rc_paths_run(const RcCfg *cfg, const RcPathOptions *opt, RcArena *arena, RcDiag *diag,
                 RcPathResult *out) {
  if (cfg->nblocks == 0) return -1;
  memset(out, 0, sizeof *out);
  out->borrowed_from_param = -2;
  out->consumed_params = ~0u;
  out->out_new_params = ~0u;
  out->out_found = true;
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
  count_reachable_preds(cfg, arena, E.npreds);

  RcState *entry = rc_state_new(arena, cfg->nvars);
  E.st = entry;
  for (int i = 0; i < cfg->nvars; i++) {
    const RcVar *v = &cfg->vars[i];
    if (!v->is_param) continue;
    int s;
    if (v->is_obj && v->param_index < 32 && ((opt->owned_params >> v->param_index) & 1)) {
      s = rcp_new_ptr(&E, RC_NULL_UNKNOWN, RC_ORIGIN_NEW, NULL);
      S(&E, s)->is_obj = true;
      S(&E, s)->owned = 1;
      S(&E, s)->param = v->param_index;
    } else if (v->is_obj) {
      s = rcp_new_ptr(&E, RC_NULL_UNKNOWN, RC_ORIGIN_PARAM, NULL);
      S(&E, s)->is_obj = true;
      S(&E, s)->param = v->param_index;
    } else if (v->type != NULL && strchr(v->type->text, '*') != NULL) {
      s = rcp_new_ptr(&E, RC_NULL_UNKNOWN, RC_ORIGIN_NONE, NULL); /* a C pointer (PyObject **out) */
      S(&E, s)->param = v->param_index;
    } else {
      s = rcp_new_int(&E, INT64_MIN, INT64_MAX, NULL);
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
  out->out_new_params &= out->out_new_seen;
  return 0;
}
