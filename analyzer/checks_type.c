/* checks_type.c — methoddef-mismatch, type-dealloc and type-traverse, over the tables of a file
 * (tables.h) and the CFGs of the functions they name.
 *
 *   methoddef-mismatch  a PyMethodDef entry whose METH_* flags call the function with a different
 *                       number of parameters than it takes; a table without its sentinel.
 *   type-dealloc        in the tp_dealloc of a GC type, a field released while the object may
 *                       still be tracked (before a call the rules say untracks it, or a call of
 *                       a function of the file that takes it and returns no reference, such as
 *                       a tp_clear helper that may untrack); in a heap type's tp_dealloc, no
 *                       release of the type.
 *                       A member the type owns (tp_traverse visits it, or another function
 *                       releases it or stores a new reference in it: members.h) that tp_dealloc
 *                       never releases, itself or through the file's functions it hands self
 *                       to (tp_clear): the member leaks with every instance. (A member that may
 *                       be NULL released with Py_DECREF is found by the path engine, eval.c.)
 *   type-traverse       a tp_traverse that never mentions a field that tp_dealloc or tp_clear
 *                       releases (an owned member the collector cannot see).
 *
 * Releases are recognised by the rules' argument effects (decref, clear, replace), not by name.
 * The METH_* values and Py_TPFLAGS_HAVE_GC below are CPython's ABI constants (stable across
 * 3.8 ... 3.13). */
#include "checks.h"
#include "checks_type.h"
#include "members.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* When `e` is a field of the first parameter (self->f, self->f.g), the first field's name. */
static const RcName *self_field(const RcCfg *cfg, const RcExpr *e) {
  int self = rc_cfg_param_var(cfg, 0);
  const RcName *name = NULL;
  while (e != NULL && e->kind == RC_EX_FIELD) {
    name = e->name;
    e = e->kids[0];
  }
  return name != NULL && e != NULL && e->kind == RC_EX_VAR && e->var == self ? name : NULL;
}

static bool is_self(const RcCfg *cfg, const RcExpr *e) {
  return e != NULL && e->kind == RC_EX_VAR && e->var == rc_cfg_param_var(cfg, 0);
}

/* The self field `call` releases (decref, clear or replace effect), or NULL. */
static const RcName *released_field(RcSummaries *s, const RcCfg *cfg, const RcExpr *call) {
  if (call->kind != RC_EX_CALL || call->name == NULL) return NULL;
  const RcApi *api = rc_summary_lookup(s, call->name);
  if (api == NULL) return NULL;
  for (int i = 0; i < api->nargs && i < call->nkids; i++) {
    RcArgEffect eff = api->args[i].effect;
    if (eff == RC_ARG_DECREF || eff == RC_ARG_CLEAR || eff == RC_ARG_REPLACE) {
      const RcName *f = self_field(cfg, call->kids[i]);
      if (f != NULL) return f;
    }
  }
  return NULL;
}

/* True when `call` releases a type object (Py_DECREF(tp) in a heap type's dealloc). */
static bool releases_type(RcSummaries *s, const RcExpr *call) {
  if (call->kind != RC_EX_CALL || call->name == NULL) return false;
  const RcApi *api = rc_summary_lookup(s, call->name);
  if (api == NULL) return false;
  for (int i = 0; i < api->nargs && i < call->nkids; i++) {
    if (api->args[i].effect != RC_ARG_DECREF) continue;
    const RcExpr *a = call->kids[i];
    const char *t = a->type ? a->type->text : "", *c = a->ctype ? a->ctype->text : "";
    if (strstr(t, "TypeObject") || strstr(c, "struct _typeobject")) return true;
  }
  return false;
}

/* True when `call` hands self to something that returns no reference (the free, an untrack, a
 * helper): the last such call is where a heap type's dealloc should release the type. */
static bool gives_self(RcSummaries *s, const RcCfg *cfg, const RcExpr *call) {
  if (call->kind != RC_EX_CALL) return false;
  bool takes_self = false;
  for (int i = 0; i < call->nkids; i++) takes_self = takes_self || is_self(cfg, call->kids[i]);
  if (!takes_self) return false;
  const RcApi *api = call->name ? rc_summary_lookup(s, call->name) : NULL;
  return api == NULL || api->ret == RC_REF_NONE;
}

/* True when `call` may untrack self: an API the rules say untracks its object argument
 * (PyObject_GC_UnTrack) given self, or a function the rules do not describe (a tp_clear helper
 * of the file, a call through a pointer) given self and returning no reference, whose body may
 * untrack it. An API of the rules without the flag does not untrack. */
static bool may_untrack_self(RcSummaries *s, const RcCfg *cfg, const RcExpr *call) {
  if (call->kind != RC_EX_CALL) return false;
  const RcApi *api = call->name ? rc_summary_lookup(s, call->name) : NULL;
  if (api != NULL && (api->flags & RC_API_UNTRACKS))
    return call->nkids > 0 && is_self(cfg, call->kids[0]);
  bool takes_self = false;
  for (int i = 0; i < call->nkids; i++) takes_self = takes_self || is_self(cfg, call->kids[i]);
  if (!takes_self) return false;
  if (api != NULL && call->name && rc_summary_rules_lookup(s, call->name) == api) return false;
  return api == NULL || api->ret == RC_REF_NONE;
}

/* ---- walking statements in path order ------------------------------------------------------------ */

typedef struct {
  RcSummaries *s;
  const RcCfg *cfg;
  const RcExpr *first_release; /* earliest (in source order) release while tracked */
  const RcName *first_field;
  const RcExpr *type_release;
  const RcExpr *last_handover; /* the last call given self (see gives_self) */
} DeallocWalk;

static bool before(const RcExpr *a, const RcExpr *b) {
  return b == NULL || a->line < b->line || (a->line == b->line && a->col < b->col);
}

/* Visits the calls of `e` (arguments first); returns the updated "maybe untracked" flag. */
static bool walk_expr(DeallocWalk *w, const RcExpr *e, bool untracked) {
  if (e == NULL) return untracked;
  for (int i = 0; i < e->nkids; i++) untracked = walk_expr(w, e->kids[i], untracked);
  if (e->callee) untracked = walk_expr(w, e->callee, untracked);
  if (e->kind != RC_EX_CALL) return untracked;
  const RcName *f = released_field(w->s, w->cfg, e);
  if (f != NULL) {
    if (!untracked && before(e, w->first_release)) {
      w->first_release = e;
      w->first_field = f;
    }
    return untracked;
  }
  if (releases_type(w->s, e)) w->type_release = e;
  if (gives_self(w->s, w->cfg, e) && (w->last_handover == NULL || !before(e, w->last_handover)))
    w->last_handover = e;
  return untracked || may_untrack_self(w->s, w->cfg, e);
}

static void walk_dealloc(DeallocWalk *w, RcArena *arena) {
  const RcCfg *cfg = w->cfg;
  char *seen = RC_NEW_ARRAY(arena, char, cfg->nblocks * 2);
  int *stack = RC_NEW_ARRAY(arena, int, cfg->nblocks * 4 + 4);
  int sp = 0;
  stack[sp++] = 0; /* block 0, tracked */
  while (sp > 0) {
    int item = stack[--sp], b = item / 2;
    bool untracked = item % 2;
    if (seen[item]) continue;
    seen[item] = 1;
    const RcBlock *blk = cfg->blocks[b];
    for (int i = 0; i < blk->nstmts; i++) untracked = walk_expr(w, blk->stmts[i].expr, untracked);
    untracked = walk_expr(w, blk->value, untracked);
    for (int i = 0; i < rc_cfg_succ_count(cfg, b); i++) {
      int next = rc_cfg_succ(cfg, b, i) * 2 + (untracked ? 1 : 0);
      if (!seen[next] && sp < cfg->nblocks * 4) stack[sp++] = next;
    }
  }
}

/* Collects the self fields `cfg` releases (fields_out) or mentions at all (when mention). */
static int self_fields(RcSummaries *s, const RcCfg *cfg, bool mention, const RcName **out, int max) {
  int n = 0;
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    const RcName *f = mention ? self_field(cfg, e) : released_field(s, cfg, e);
    if (f != NULL) {
      bool dup = false;
      for (int k = 0; k < n; k++) dup = dup || out[k] == f;
      if (!dup && n < max) out[n++] = f;
    }
  }
  return n;
}

/* ---- the checks ------------------------------------------------------------------------------------ */

static void check_methods(const RcMethodTable *t, RcDiag *diag) {
  char msg[512];
  for (int i = 0; i < t->n; i++) {
    const RcMethodEntry *e = &t->entries[i];
    if (!e->has_name || e->func == NULL || !e->flags_known || e->func_nparams < 0) continue;
    long long f = e->flags;
    long long conv = f & (RC_METH_VARARGS | RC_METH_NOARGS | RC_METH_O | RC_METH_FASTCALL);
    int want_lo = -1, want_hi = -1;
    const char *form = "";
    if (conv == RC_METH_NOARGS) {
      want_lo = 1, want_hi = 2, form = "METH_NOARGS calls it as f(self, NULL)";
    } else if (conv == RC_METH_O) {
      want_lo = want_hi = 2, form = "METH_O calls it as f(self, arg)";
    } else if (conv == RC_METH_VARARGS) {
      if (f & RC_METH_KEYWORDS) want_lo = want_hi = 3, form = "METH_VARARGS | METH_KEYWORDS calls it as f(self, args, kwargs)";
      else want_lo = want_hi = 2, form = "METH_VARARGS calls it as f(self, args)";
    } else if (conv == RC_METH_FASTCALL) {
      if ((f & RC_METH_METHOD) && (f & RC_METH_KEYWORDS))
        want_lo = want_hi = 5, form = "METH_METHOD | METH_FASTCALL | METH_KEYWORDS calls it as f(self, cls, args, nargs, kwnames)";
      else if (f & RC_METH_KEYWORDS)
        want_lo = want_hi = 4, form = "METH_FASTCALL | METH_KEYWORDS calls it as f(self, args, nargs, kwnames)";
      else
        want_lo = want_hi = 3, form = "METH_FASTCALL calls it as f(self, args, nargs)";
    } else {
      snprintf(msg, sizeof msg, "the flags of '%s' (0x%llx) do not name exactly one calling convention",
               e->func->text, f);
      rc_diag_add(diag, "methoddef-mismatch", e, e->line, e->col, msg, NULL, 0, 0, NULL, NULL,
                  RC_DIAG_GROUP_NONE);
      continue;
    }
    if (e->func_nparams < want_lo || e->func_nparams > want_hi) {
      snprintf(msg, sizeof msg, "%s() takes %d parameter%s, but %s", e->func->text, e->func_nparams,
               e->func_nparams == 1 ? "" : "s", form);
      rc_diag_add(diag, "methoddef-mismatch", e, e->line, e->col, msg, NULL, 0, 0, NULL, NULL,
                  RC_DIAG_GROUP_NONE);
    }
  }
  if (t->n > 0 && t->entries[t->n - 1].has_name && !t->zero_tail) {
    const RcMethodEntry *last = &t->entries[t->n - 1];
    snprintf(msg, sizeof msg, "method table '%s' does not end with a {NULL, NULL, 0, NULL} sentinel",
             t->var->text);
    rc_diag_add(diag, "methoddef-mismatch", t, last->line, last->col, msg, NULL, 0, 0, NULL,
                "add {NULL, NULL, 0, NULL} as the last entry", RC_DIAG_GROUP_NONE);
  }
}

/* True when `cfg` releases a type object, itself or through one of the file's own functions it
 * gives self to (a base type's dealloc: CPB_dealloc -> SB_dealloc, which releases the type). */
static bool releases_type_deep(RcCfg *const *cfgs, int ncfgs, RcSummaries *s, const RcCfg *cfg, int depth) {
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    if (releases_type(s, e)) return true;
    if (e->kind == RC_EX_CALL && e->name != NULL && depth < 4) {
      bool takes_self = false;
      for (int k = 0; k < e->nkids; k++) takes_self = takes_self || is_self(cfg, e->kids[k]);
      const RcCfg *callee = takes_self ? rc_cfg_find(cfgs, ncfgs, e->name) : NULL;
      if (callee != NULL && callee != cfg && releases_type_deep(cfgs, ncfgs, s, callee, depth + 1))
        return true;
    }
  }
  return false;
}

static void check_dealloc(const RcTypeTable *t, const RcCfg *cfg, RcCfg *const *cfgs, int ncfgs,
                          RcSummaries *s, RcDiag *diag, RcArena *arena) {
  bool gc = t->traverse != NULL || (t->flags_known && (t->flags & RC_TPFLAGS_HAVE_GC));
  DeallocWalk w;
  memset(&w, 0, sizeof w);
  w.s = s;
  w.cfg = cfg;
  walk_dealloc(&w, arena);
  char msg[512];
  if (gc && w.first_release != NULL) {
    snprintf(msg, sizeof msg,
             "%s() releases 'self->%s' while the object is still tracked by the garbage collector: "
             "call PyObject_GC_UnTrack() first", cfg->name->text, w.first_field->text);
    rc_diag_add(diag, "type-dealloc", w.first_release, w.first_release->line, w.first_release->col,
                msg, NULL, 0, 0, NULL, NULL, RC_DIAG_GROUP_NONE);
  }
  if (t->heap && w.type_release == NULL && !releases_type_deep(cfgs, ncfgs, s, cfg, 0)) {
    const RcExpr *at = w.last_handover;
    snprintf(msg, sizeof msg,
             "%s() is the tp_dealloc of a heap type but never releases the type: "
             "Py_DECREF(Py_TYPE(self)) after freeing the object", cfg->name->text);
    rc_diag_add(diag, "type-dealloc", cfg, at ? at->line : cfg->line, at ? at->col : cfg->col, msg,
                NULL, 0, 0, NULL, NULL, RC_DIAG_GROUP_NONE);
  }
}

/* True when `cfg` reads the type of its first parameter (a call returning a borrowed
 * PyTypeObject * from self: Py_TYPE(self), as Py_VISIT(Py_TYPE(self)) does). */
static bool visits_type(RcSummaries *s, const RcCfg *cfg) {
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    if (e->kind == RC_EX_CALL && e->name != NULL && e->nkids >= 1 && is_self(cfg, e->kids[0])) {
      const RcApi *api = rc_summary_lookup(s, e->name);
      if (api != NULL && api->ret == RC_REF_BORROWED && strstr(api->ret_type, "TypeObject") != NULL)
        return true;
      /* delegating to another traverse function (a base type's) with self: trust it */
      if (api == NULL || rc_summary_rules_lookup(s, e->name) == NULL) return true;
    }
  }
  return false;
}

/* True when `cfg` hands self to one of the file's own functions (a base type's traverse). */
static bool delegates(RcSummaries *s, const RcCfg *cfg) {
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    if (e->kind == RC_EX_CALL && e->name != NULL && e->nkids >= 1 && is_self(cfg, e->kids[0]) &&
        rc_summary_rules_lookup(s, e->name) == NULL)
      return true;
  }
  return false;
}

/* ---- members tp_dealloc never releases ---------------------------------------------------------- */

typedef struct {
  const RcName *field;
  const RcName *by;        /* the function that shows the member is owned */
  const char *how;         /* "visits as a reference the object owns", "releases", ... */
} Missing;

static int add_missing(Missing *out, int n, int max, const RcDeallocReleases *r, const RcName *field,
                       const RcName *by, const char *how) {
  for (int k = 0; k < r->nfields; k++)
    if (r->fields[k] == field) return n;
  for (int k = 0; k < n; k++)
    if (out[k].field == field) return n;
  if (n < max) out[n++] = (Missing){field, by, how};
  return n;
}

/* type-dealloc: a Python-object member that the type owns — tp_traverse visits it (an owned
 * reference the collector follows), another function releases it or stores a new reference in
 * it (members.h) — and that tp_dealloc never releases leaks with every instance. Not checked
 * when tp_dealloc hands self to a function whose body is not in the file (a base type's
 * dealloc, a call through a slot other than tp_free). When tp_dealloc releases the members
 * through the type's tp_clear, the finding is reported on tp_clear, where the release belongs. */
static void check_members(const RcTables *tables, const RcTypeTable *t, const RcCfg *trav, const RcCfg *dealloc,
                          const RcCfg *clear, RcCfg *const *cfgs, int ncfgs, RcSummaries *s,
                          const RcMembers *members, RcDiag *diag, RcDiag *clear_diag) {
  RcDeallocReleases r;
  rc_members_dealloc_releases(dealloc, cfgs, ncfgs, s, &r);
  if (r.unknown) return;
  bool through_clear = false;
  for (int k = 0; k < r.nseen && clear != NULL; k++) through_clear = through_clear || r.seen[k] == clear;
  enum { MAX = 64 };
  Missing missing[MAX];
  int nmissing = 0;
  if (trav != NULL) {
    bool *alias = calloc((size_t)trav->nvars + 1, sizeof *alias);
    if (alias == NULL) return;
    rc_members_self_aliases(trav, alias);
    RcExprWalk walk;
    rc_expr_walk_begin(&walk, trav);
    for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;)
      if (e->kind == RC_EX_FIELD && e->is_obj && e->kids[0]->kind == RC_EX_VAR && alias[e->kids[0]->var])
        nmissing = add_missing(missing, nmissing, MAX, &r, e->name, trav->name,
                               "visits as a reference the object owns");
    free(alias);
  }
  const RcTypeRecords *tr = &members->types[t - tables->types];
  for (int i = 0; i < members->n; i++) {
    const RcMember *mb = &members->items[i];
    bool mine = false;
    for (int k = 0; k < tr->nrecords && !mine; k++) mine = tr->records[k] == mb->record;
    /* a member a PyMemberDef table exposes is checked on the type naming that table (a subtype
     * sharing the struct reaches the same missing release through its base's functions) */
    bool table_owned = mb->owner_fn != NULL && rc_tables_member_table(tables, mb->owner_fn) != NULL;
    if (mine && mb->owner_fn != NULL && (!table_owned || mb->owner_fn == t->tp_members))
      nmissing = add_missing(missing, nmissing, MAX, &r, mb->field, mb->owner_fn, mb->owner_how);
  }
  for (int k = 0; k < nmissing; k++) {
    char msg[640];
    /* the owner is a function, or the PyMemberDef table exposing the member */
    const char *call = rc_cfg_find(cfgs, ncfgs, missing[k].by) != NULL ? "()" : "";
    if (through_clear)
      snprintf(msg, sizeof msg,
               "%s() (which %s() calls) never releases 'self->%s', which %s%s %s: the member leaks "
               "with every instance",
               clear->name->text, dealloc->name->text, missing[k].field->text, missing[k].by->text, call,
               missing[k].how);
    else
      snprintf(msg, sizeof msg,
               "%s() never releases 'self->%s', which %s%s %s: the member leaks with every instance",
               dealloc->name->text, missing[k].field->text, missing[k].by->text, call, missing[k].how);
    const RcCfg *at = through_clear ? clear : dealloc;
    rc_diag_add(through_clear ? clear_diag : diag, "type-dealloc", missing[k].field, at->line, at->col, msg,
                NULL, 0, 0, NULL, NULL, RC_DIAG_GROUP_NONE);
  }
}

static void check_traverse(const RcTypeTable *t, const RcCfg *trav, const RcCfg *dealloc,
                           const RcCfg *clear, RcSummaries *s, RcDiag *diag) {
  enum { MAX = 64 };
  const RcName *released[MAX], *visited[MAX];
  int nr = 0, nv = self_fields(s, trav, true, visited, MAX);
  if (dealloc) nr = self_fields(s, dealloc, false, released, MAX);
  if (clear) {
    const RcName *more[MAX];
    int nm = self_fields(s, clear, false, more, MAX);
    for (int i = 0; i < nm; i++) {
      bool dup = false;
      for (int k = 0; k < nr; k++) dup = dup || released[k] == more[i];
      if (!dup && nr < MAX) released[nr++] = more[i];
    }
  }
  if (t->heap && rc_summary_version(s) >= RC_PY_VERSION(3, 9) && !visits_type(s, trav)) {
    char msg[384];
    snprintf(msg, sizeof msg,
             "%s() does not visit the object's type: instances of a heap type own a reference to "
             "it (Py_VISIT(Py_TYPE(self)), Python 3.9+)", trav->name->text);
    rc_diag_add(diag, "type-traverse", trav, trav->line, trav->col, msg, NULL, 0, 0, NULL, NULL,
                RC_DIAG_GROUP_NONE);
    return;
  }
  if (delegates(s, trav)) return; /* a base type's traverse visits the rest */
  char missing[256] = "";
  int nmissing = 0;
  for (int i = 0; i < nr; i++) {
    bool seen = false;
    for (int k = 0; k < nv; k++) seen = seen || visited[k] == released[i];
    if (seen) continue;
    size_t used = strlen(missing);
    snprintf(missing + used, sizeof missing - used, "%s'%s'", nmissing ? ", " : "", released[i]->text);
    nmissing++;
  }
  if (nmissing == 0) return;
  char msg[512];
  snprintf(msg, sizeof msg, "%s() does not visit %s, which the type owns (%s() releases %s)",
           trav->name->text, missing,
           dealloc ? dealloc->name->text : clear ? clear->name->text : "tp_dealloc",
           nmissing == 1 ? "it" : "them");
  rc_diag_add(diag, "type-traverse", t, trav->line, trav->col, msg, NULL, 0, 0, NULL, NULL,
              RC_DIAG_GROUP_NONE);
}

void rc_check_tables(const RcTables *tables, RcCfg *const *cfgs, int ncfgs, RcSummaries *s,
                     const RcMembers *members, RcReport *report, const char *file) {
  RcArena *arena = rc_arena_new();
  RcCfg *anon = RC_NEW(arena, RcCfg);
  anon->file = file;
  RcDiag *diag = rc_diag_new(arena, anon, report);
  for (int i = 0; i < tables->nmethods; i++) check_methods(&tables->methods[i], diag);
  rc_diag_flush(diag, 0);
  for (int i = 0; i < tables->ntypes; i++) {
    const RcTypeTable *t = &tables->types[i];
    const RcCfg *dealloc = t->dealloc ? rc_cfg_find(cfgs, ncfgs, t->dealloc) : NULL;
    const RcCfg *trav = t->traverse ? rc_cfg_find(cfgs, ncfgs, t->traverse) : NULL;
    const RcCfg *clear = t->clear ? rc_cfg_find(cfgs, ncfgs, t->clear) : NULL;
    if (dealloc != NULL) {
      RcDiag *d = rc_diag_new(arena, dealloc, report);
      RcDiag *dc = clear != NULL ? rc_diag_new(arena, clear, report) : d;
      check_dealloc(t, dealloc, cfgs, ncfgs, s, d, arena);
      check_members(tables, t, trav, dealloc, clear, cfgs, ncfgs, s, members, d, dc);
      rc_diag_flush(d, 0);
      if (dc != d) rc_diag_flush(dc, 0);
    }
    bool seen_trav = false; /* a traverse shared by several types is checked once */
    for (int j = 0; j < i && trav != NULL; j++) seen_trav = seen_trav || tables->types[j].traverse == t->traverse;
    if (trav != NULL && !seen_trav && (dealloc != NULL || clear != NULL || t->heap)) {
      RcDiag *d = rc_diag_new(arena, trav, report);
      check_traverse(t, trav, dealloc, clear, s, d);
      rc_diag_flush(d, 0);
    }
  }
  rc_arena_free(arena);
}
