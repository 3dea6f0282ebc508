/* members.c — what the object types of a file hold (members.h).
 *
 * Everything here is read flow-insensitively: a member is owned when any function outside the
 * type's tp_dealloc releases it or stores a new reference in it, and may be NULL when anything
 * can leave it NULL before tp_dealloc runs. The path engine then checks tp_dealloc's releases of
 * those members path by path (eval.c), and checks_type.c the members tp_dealloc forgets. */
#include "members.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rc_members_self_aliases(const RcCfg *cfg, bool *alias) {
  int p0 = rc_cfg_param_var(cfg, 0);
  for (int v = 0; v < cfg->nvars; v++) alias[v] = v == p0;
  if (p0 < 0) return;
  for (bool changed = true; changed;) {
    changed = false;
    for (int v = 0; v < cfg->nvars; v++) {
      if (alias[v] || cfg->vars[v].is_param) continue;
      bool assigned = false, only_self = true;
      for (int b = 0; b < cfg->nblocks && only_self; b++) {
        const RcBlock *blk = cfg->blocks[b];
        for (int i = 0; i < blk->nstmts && only_self; i++) {
          const RcExpr *e = blk->stmts[i].expr;
          if (e == NULL || e->kind != RC_EX_ASSIGN || e->kids[0]->kind != RC_EX_VAR ||
              e->kids[0]->var != v)
            continue;
          assigned = true;
          only_self = e->kids[1]->kind == RC_EX_VAR && alias[e->kids[1]->var];
        }
      }
      if (assigned && only_self) alias[v] = changed = true;
    }
  }
}

static bool on_self(const bool *alias, const RcExpr *e) {
  return e != NULL && e->kind == RC_EX_VAR && alias[e->var];
}

/* ---- what a tp_dealloc releases ------------------------------------------------------------------ */

typedef struct {
  RcCfg *const *cfgs;
  int ncfgs;
  RcSummaries *s;
  RcDeallocReleases *out;
} ReleaseWalk;

static void add_field(RcDeallocReleases *r, const RcName *f) {
  for (int k = 0; k < r->nfields; k++)
    if (r->fields[k] == f) return;
  if (r->nfields < 64) r->fields[r->nfields++] = f;
}

static void releases_of(ReleaseWalk *w, const RcCfg *cfg);

/* One call of a function walked by releases_of. */
static void release_call(ReleaseWalk *w, const bool *alias, const RcExpr *e) {
  const RcApi *api = e->name ? rc_summary_rules_lookup(w->s, e->name) : NULL;
  const RcCfg *callee = e->name && api == NULL ? rc_cfg_find(w->cfgs, w->ncfgs, e->name) : NULL;
  for (int i = 0; i < e->nkids; i++) {
    const RcExpr *a = e->kids[i];
    if (a->kind == RC_EX_INDEX && a->kids[0]->kind == RC_EX_FIELD) a = a->kids[0]; /* self->items[i] */
    if (a->kind == RC_EX_FIELD && on_self(alias, a->kids[0])) {
      /* released by the rules' effect, or handed to a function of ours or unknown: counted */
      RcArgEffect eff = api && i < api->nargs ? api->args[i].effect : RC_ARG_DECREF;
      if (api == NULL || eff == RC_ARG_DECREF || eff == RC_ARG_CLEAR || eff == RC_ARG_REPLACE ||
          eff == RC_ARG_STEAL)
        add_field(w->out, a->name);
    }
    if (!on_self(alias, a) || api != NULL) continue;
    /* self handed on: the free is no release of members; a helper of the file is walked; a
     * call through another pointer or a function defined elsewhere may release anything */
    bool frees = e->name == NULL && e->callee && e->callee->kind == RC_EX_FIELD &&
                 strcmp(e->callee->name->text, "tp_free") == 0;
    if (frees) continue;
    if (callee != NULL && i == 0) releases_of(w, callee);
    else w->out->unknown = true;
  }
}

static void releases_of(ReleaseWalk *w, const RcCfg *cfg) {
  RcDeallocReleases *r = w->out;
  for (int k = 0; k < r->nseen; k++)
    if (r->seen[k] == cfg) return;
  if (r->nseen == 8) { r->unknown = true; return; }
  r->seen[r->nseen++] = cfg;
  bool *alias = calloc((size_t)cfg->nvars + 1, sizeof *alias);
  if (alias == NULL) { r->unknown = true; return; }
  rc_members_self_aliases(cfg, alias);
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    if (e->kind == RC_EX_CALL) release_call(w, alias, e);
    /* self->f = NULL, tmp = self->f: the member is handled here (Py_CLEAR written inside
     * another macro is lowered as its expansion: tmp = self->f; self->f = NULL; release) */
    for (int k = 0; e->kind == RC_EX_ASSIGN && k < 2; k++)
      if (e->kids[k]->kind == RC_EX_FIELD && on_self(alias, e->kids[k]->kids[0]))
        add_field(r, e->kids[k]->name);
  }
  free(alias);
}

void rc_members_dealloc_releases(const RcCfg *dealloc, RcCfg *const *cfgs, int ncfgs,
                                 RcSummaries *s, RcDeallocReleases *out) {
  memset(out, 0, sizeof *out);
  ReleaseWalk w = {cfgs, ncfgs, s, out};
  releases_of(&w, dealloc);
}

/* ---- the records a type's functions reach through self ----------------------------------------- */

/* CPython's own object header: a field of it (ob_type, ob_refcnt) is no member of a type. */
static bool python_header(const RcName *record) {
  static const char *const names[] = {"struct _object", "PyObject", "PyVarObject", "struct _typeobject",
                                      "PyTypeObject"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(record->text, names[i]) == 0) return true;
  return false;
}

static int add_name(const RcName **out, int n, int max, const RcName *name) {
  for (int k = 0; k < n; k++)
    if (out[k] == name) return n;
  if (n < max) out[n++] = name;
  return n;
}

/* The records of the fields `cfg` reaches through self (for a tp_new, also through the new
 * object: a local assigned a call given the type). */
static int self_records(const RcCfg *cfg, bool new_object, const RcName **out, int n, int max) {
  if (cfg == NULL) return n;
  bool *alias = calloc((size_t)cfg->nvars + 1, sizeof *alias);
  if (alias == NULL) return n;
  rc_members_self_aliases(cfg, alias);
  if (new_object) /* self = (T *)type->tp_alloc(type, 0), PyObject_GC_New(T, type) */
    for (int b = 0; b < cfg->nblocks; b++)
      for (int i = 0; i < cfg->blocks[b]->nstmts; i++) {
        const RcExpr *e = cfg->blocks[b]->stmts[i].expr;
        if (e == NULL || e->kind != RC_EX_ASSIGN || e->kids[0]->kind != RC_EX_VAR || e->kids[1]->kind != RC_EX_CALL)
          continue;
        const RcExpr *call = e->kids[1];
        bool from_type = call->nkids > 0 && call->kids[0]->kind == RC_EX_VAR && cfg->vars[call->kids[0]->var].is_param &&
                         cfg->vars[call->kids[0]->var].param_index == 0;
        if (from_type) alias[e->kids[0]->var] = true;
      }
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;)
    if (e->kind == RC_EX_FIELD && e->record != NULL && on_self(alias, e->kids[0]) &&
        !python_header(e->record))
      n = add_name(out, n, max, e->record);
  free(alias);
  return n;
}

static int records_of(const RcTables *tables, const RcTypeTable *t, RcCfg *const *cfgs, int ncfgs,
                      RcSummaries *s, const RcName **out, int max) {
  int n = 0;
  const RcCfg *dealloc = rc_cfg_find(cfgs, ncfgs, t->dealloc);
  if (dealloc != NULL) {
    RcDeallocReleases r;
    rc_members_dealloc_releases(dealloc, cfgs, ncfgs, s, &r);
    for (int k = 0; k < r.nseen; k++) n = self_records(r.seen[k], false, out, n, max);
  }
  n = self_records(rc_cfg_find(cfgs, ncfgs, t->traverse), false, out, n, max);
  n = self_records(rc_cfg_find(cfgs, ncfgs, t->clear), false, out, n, max);
  n = self_records(rc_cfg_find(cfgs, ncfgs, t->tp_init), false, out, n, max);
  n = self_records(rc_cfg_find(cfgs, ncfgs, t->tp_new), true, out, n, max);
  for (int i = 0; i < tables->nmethods && t->tp_methods != NULL; i++) {
    if (tables->methods[i].var != t->tp_methods) continue;
    for (int k = 0; k < tables->methods[i].n; k++)
      n = self_records(rc_cfg_find(cfgs, ncfgs, tables->methods[i].entries[k].func), false, out, n, max);
  }
  return n;
}

/* ---- collecting ------------------------------------------------------------------------------------ */

static RcMember *member(RcMembers *m, RcArena *arena, const RcName *record, const RcName *field) {
  for (int i = 0; i < m->n; i++)
    if (m->items[i].record == record && m->items[i].field == field) return &m->items[i];
  RcMember fresh = {record, field, NULL, NULL, NULL};
  RC_VEC_PUSH(arena, m->items, m->n, m->cap, fresh);
  return &m->items[m->n - 1];
}

static const char *text(RcArena *arena, const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = rc_arena_alloc(arena, n);
  memcpy(copy, s, n);
  return copy;
}

/* x->f and y->f are the same lvalue when x and y are the same variable (second->item = first
 * does not set first->item again). */
static bool same_lvalue(const RcExpr *a, const RcExpr *b) {
  if (a->record != b->record || a->name != b->name) return false;
  const RcExpr *x = a->kids[0], *y = b->kids[0];
  return x->kind != RC_EX_VAR || y->kind != RC_EX_VAR || x->var == y->var;
}

const RcExpr *rc_members_member_of(const RcExpr *a) {
  if (a->kind == RC_EX_INDEX) a = a->kids[0];
  return a->kind == RC_EX_FIELD && a->record != NULL ? a : NULL;
}

static void owned_by(RcMember *mb, const RcCfg *cfg, const char *how) {
  if (mb->owner_fn != NULL) return;
  mb->owner_fn = cfg->name;
  mb->owner_how = how;
}

static void add_release(RcMembers *m, RcArena *arena, const RcName *name, bool global,
                        const RcCfg *cfg) {
  for (int i = 0; i < m->nreleases; i++) {
    const RcRelease *r = &m->releases[i];
    if (r->name == name && r->global == global && r->releaser == cfg->name) return;
  }
  RcRelease r = {name, global, cfg->name};
  RC_VEC_PUSH(arena, m->releases, m->nreleases, m->releases_cap, r);
}

static void null_by(RcMember *mb, RcArena *arena, const char *why) {
  if (mb->null_why == NULL) mb->null_why = text(arena, why);
}

/* Owned and NULL evidence from one function outside the dealloc family (or a tp_clear, which
 * the collector runs on its own). Variables connect a member to what happens to its value:
 * old = self->f; ... Py_XDECREF(old) releases it; self->f = v; Py_INCREF(v) stores a reference
 * taken for it. A member set to NULL (or cleared) counts as possibly NULL unless the function
 * sets it again, or, outside a tp_clear, hands an object to a function that may. */
static void scan_function(RcMembers *m, RcArena *arena, RcSummaries *s, const RcCfg *cfg, bool is_clear) {
  char why[256];
  const RcExpr **loaded = RC_NEW_ARRAY(arena, const RcExpr *, cfg->nvars + 1); /* v = x->f */
  const RcExpr **stored = RC_NEW_ARRAY(arena, const RcExpr *, cfg->nvars + 1); /* x->f = v */
  bool *released = RC_NEW_ARRAY(arena, bool, cfg->nvars + 1);
  bool *increfed = RC_NEW_ARRAY(arena, bool, cfg->nvars + 1);
  const RcExpr **nulled = NULL, **set = NULL; /* x->f = NULL; x->f = anything else */
  int nnulled = 0, nulled_cap = 0, nset = 0, set_cap = 0;
  bool hands_on = false;                       /* an object went to a function of the file */
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    if (e->kind == RC_EX_CALL && (e->name == NULL || rc_summary_rules_lookup(s, e->name) == NULL))
      for (int i = 0; i < e->nkids; i++) hands_on = hands_on || e->kids[i]->is_obj;
    if (e->kind == RC_EX_CALL && e->name != NULL) {
      const RcApi *api = rc_summary_rules_lookup(s, e->name);
      for (int i = 0; api != NULL && i < api->nargs && i < e->nkids; i++) {
        const RcExpr *a = e->kids[i];
        RcArgEffect eff = api->args[i].effect;
        bool release = eff == RC_ARG_DECREF || eff == RC_ARG_CLEAR || eff == RC_ARG_REPLACE;
        if (a->kind == RC_EX_VAR) {
          if (release) released[a->var] = true;
          if (eff == RC_ARG_INCREF) increfed[a->var] = true;
        }
        if (release && a->kind == RC_EX_GLOBAL && a->name != NULL)
          add_release(m, arena, a->name, true, cfg);
        const RcExpr *f = rc_members_member_of(a);
        if (f == NULL || !release) continue;
        owned_by(member(m, arena, f->record, f->name), cfg, "releases as a reference the object owns");
        add_release(m, arena, f->name, false, cfg);
        if (eff == RC_ARG_CLEAR && f == a) RC_VEC_PUSH(arena, nulled, nnulled, nulled_cap, a); /* Py_CLEAR */
      }
    }
    if (e->kind != RC_EX_ASSIGN) continue;
    const RcExpr *lhs = e->kids[0], *rhs = e->kids[1];
    if (lhs->kind == RC_EX_VAR && rhs->kind == RC_EX_FIELD && rhs->record != NULL) loaded[lhs->var] = rhs;
    if (lhs->kind != RC_EX_FIELD || lhs->record == NULL) continue;
    RcMember *mb = member(m, arena, lhs->record, lhs->name);
    if (rhs->kind == RC_EX_NULL) RC_VEC_PUSH(arena, nulled, nnulled, nulled_cap, lhs);
    else RC_VEC_PUSH(arena, set, nset, set_cap, lhs);
    if (rhs->kind == RC_EX_VAR) stored[rhs->var] = lhs;
    const RcApi *api = rhs->kind == RC_EX_CALL && rhs->name ? rc_summary_rules_lookup(s, rhs->name) : NULL;
    if (api != NULL && api->ret == RC_REF_NEW) owned_by(mb, cfg, "stores a new reference in");
  }
  /* left NULL: no other store to it, and no helper that may set it (initialize(self, ...)) */
  for (int i = 0; i < nnulled && (is_clear || !hands_on); i++) {
    bool reset = false;
    for (int k = 0; k < nset && !reset; k++) reset = same_lvalue(set[k], nulled[i]);
    if (reset) continue;
    snprintf(why, sizeof why, "%s() sets it to NULL", cfg->name->text);
    null_by(member(m, arena, nulled[i]->record, nulled[i]->name), arena, why);
  }
  for (int v = 0; v < cfg->nvars; v++) {
    if (loaded[v] != NULL && released[v]) {
      owned_by(member(m, arena, loaded[v]->record, loaded[v]->name), cfg,
               "releases as a reference the object owns");
      add_release(m, arena, loaded[v]->name, false, cfg);
    }
    if (stored[v] != NULL && increfed[v])
      owned_by(member(m, arena, stored[v]->record, stored[v]->name), cfg, "stores a new reference in");
  }
}

static bool is_generic_new(const RcName *fn) {
  return fn != NULL && strcmp(fn->text, "PyType_GenericNew") == 0;
}

/* `Type.tp_new = PyType_GenericNew;` written in the module's init function. */
static bool generic_new_assigned(RcCfg *const *cfgs, int ncfgs, const RcName *type_var) {
  for (int i = 0; i < ncfgs; i++) {
    if (cfgs[i] == NULL) continue;
    RcExprWalk walk;
    rc_expr_walk_begin(&walk, cfgs[i]);
    for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
      if (e->kind != RC_EX_ASSIGN || e->kids[0]->kind != RC_EX_FIELD) continue;
      const RcExpr *lhs = e->kids[0], *rhs = e->kids[1];
      if (strcmp(lhs->name->text, "tp_new") != 0 || lhs->kids[0]->kind != RC_EX_GLOBAL ||
          lhs->kids[0]->name != type_var)
        continue;
      if (rhs->kind == RC_EX_ADDR) rhs = rhs->kids[0];
      if ((rhs->kind == RC_EX_FUNC || rhs->kind == RC_EX_GLOBAL) && is_generic_new(rhs->name)) return true;
    }
  }
  return false;
}

/* The members of `record` a tp_new of the file sets before anything can fail: when it releases
 * the half-built object on an error path (Py_DECREF(self); return NULL;), tp_dealloc runs with
 * every member set after the first such release, or set from a call that failed, still NULL.
 * False when it hands the object to a function whose effect on the members is not known (then
 * nothing is concluded). */
static bool new_sets(const RcCfg *cfg, RcSummaries *s, const RcName *record, const RcName **out,
                     int *n, int max) {
  int p0 = rc_cfg_param_var(cfg, 0);
  typedef struct { const RcName *field; unsigned line; bool fallible; } Store;
  Store stores[64];
  int nstores = 0;
  unsigned first_release = 0; /* line of the first release of the object, 0: none */
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    const RcApi *api = e->kind == RC_EX_CALL && e->name ? rc_summary_rules_lookup(s, e->name) : NULL;
    if (e->kind == RC_EX_CALL && api == NULL && !(e->callee && e->callee->kind == RC_EX_FIELD &&
                                                  strcmp(e->callee->name->text, "tp_alloc") == 0))
      for (int i = 0; i < e->nkids; i++)
        if (e->kids[i]->kind == RC_EX_VAR && e->kids[i]->var != p0 && cfg->vars[e->kids[i]->var].is_obj)
          return false;
    for (int i = 0; api != NULL && i < api->nargs && i < e->nkids; i++) {
      const RcExpr *a = e->kids[i];
      RcArgEffect eff = api->args[i].effect;
      if ((eff == RC_ARG_CLEAR || eff == RC_ARG_REPLACE) && a->kind == RC_EX_FIELD && a->record == record &&
          nstores < 64)
        stores[nstores++] = (Store){a->name, e->line, false};
      if (eff == RC_ARG_DECREF && a->kind == RC_EX_VAR && a->var != p0 && cfg->vars[a->var].is_obj &&
          (first_release == 0 || e->line < first_release))
        first_release = e->line;
    }
    const RcExpr *target = e->kind == RC_EX_ASSIGN || e->kind == RC_EX_ADDR ? e->kids[0] : NULL;
    if (target == NULL || target->kind != RC_EX_FIELD || target->record != record || nstores == 64) continue;
    const RcExpr *rhs = e->kind == RC_EX_ASSIGN ? e->kids[1] : NULL;
    const RcApi *from = rhs && rhs->kind == RC_EX_CALL && rhs->name ? rc_summary_rules_lookup(s, rhs->name) : NULL;
    bool fallible = rhs != NULL && rhs->kind == RC_EX_CALL && (from == NULL || from->fail != RC_FAIL_NEVER);
    stores[nstores++] = (Store){target->name, e->line, fallible};
  }
  for (int i = 0; i < nstores; i++)
    if (first_release == 0 || (stores[i].line < first_release && !stores[i].fallible))
      *n = add_name(out, *n, max, stores[i].field);
  return true;
}

RcMembers *rc_members_collect(const RcTables *tables, RcCfg *const *cfgs, int ncfgs,
                              RcSummaries *s, RcArena *arena) {
  RcMembers *m = RC_NEW(arena, RcMembers);
  m->types = RC_NEW_ARRAY(arena, RcTypeRecords, tables->ntypes + 1);
  for (int t = 0; t < tables->ntypes; t++) {
    const RcCfg *dealloc = rc_cfg_find(cfgs, ncfgs, tables->types[t].dealloc);
    if (dealloc == NULL) continue;
    RcDeallocReleases r;
    rc_members_dealloc_releases(dealloc, cfgs, ncfgs, s, &r);
    for (int k = 0; k < r.nseen; k++)
      RC_VEC_PUSH(arena, m->dealloc_family, m->nfamily, m->family_cap, r.seen[k]->name);
    for (int k = 0; k < r.nfields; k++) {
      bool dup = false;
      for (int j = 0; j < m->nreleased && !dup; j++) dup = m->released[j] == r.fields[k];
      if (!dup) RC_VEC_PUSH(arena, m->released, m->nreleased, m->released_cap, r.fields[k]);
    }
  }
  /* a tp_clear counts even when tp_dealloc calls it: the collector runs it first, on its own */
  for (int i = 0; i < ncfgs; i++) {
    bool clear = false;
    for (int t = 0; t < tables->ntypes && cfgs[i] != NULL && !clear; t++) clear = tables->types[t].clear == cfgs[i]->name;
    if (cfgs[i] != NULL && (clear || !rc_members_in_dealloc(m, cfgs[i]->name)))
      scan_function(m, arena, s, cfgs[i], clear);
  }

  char why[320];
  for (int t = 0; t < tables->ntypes; t++) {
    const RcTypeTable *type = &tables->types[t];
    RcTypeRecords *tr = &m->types[t];
    tr->nrecords = records_of(tables, type, cfgs, ncfgs, s, tr->records, 8);
    const RcName *const *records = tr->records;
    int nrecords = tr->nrecords;
    /* a writable T_OBJECT member: Python code stores references of its own in it */
    const RcMemberTable *mt = rc_tables_member_table(tables, type->tp_members);
    for (int e = 0; mt != NULL && e < mt->n; e++) {
      RcMember *mb = member(m, arena, mt->writable[e].record, mt->writable[e].field);
      if (mb->owner_fn != NULL) continue;
      mb->owner_fn = mt->var;
      mb->owner_how = "exposes as a writable object member (Python code stores references in it)";
    }
    const RcCfg *own_new = rc_cfg_find(cfgs, ncfgs, type->tp_new);
    bool generic = is_generic_new(type->tp_new) ||
                   (type->tp_new == NULL && !type->heap && generic_new_assigned(cfgs, ncfgs, type->var));
    for (int k = 0; k < nrecords; k++) {
      RcRecordNulls rn = {records[k], NULL, NULL, NULL, 0};
      if (generic) {
        snprintf(why, sizeof why, "the tp_new of %s is PyType_GenericNew: the object starts zeroed, "
                 "and tp_init may fail or never run", type->var->text);
        rn.why = text(arena, why);
      } else if (own_new != NULL) {
        const RcName *set[64];
        int nset = 0;
        if (!new_sets(own_new, s, records[k], set, &nset, 64)) continue;
        rn.new_fn = own_new->name;
        rn.set = RC_NEW_ARRAY(arena, const RcName *, nset + 1);
        memcpy(rn.set, set, sizeof set[0] * (size_t)nset);
        rn.nset = nset;
      } else {
        continue;
      }
      RC_VEC_PUSH(arena, m->records, m->nrecords, m->record_cap, rn);
    }
  }
  return m;
}

const RcName *rc_members_releaser(const RcMembers *m, const RcName *name, bool global,
                                  const RcName *except) {
  for (int i = 0; i < m->nreleases; i++)
    if (m->releases[i].name == name && m->releases[i].global == global && m->releases[i].releaser != except)
      return m->releases[i].releaser;
  return NULL;
}

const RcMember *rc_members_find(const RcMembers *m, const RcName *record, const RcName *field) {
  for (int i = 0; m != NULL && i < m->n; i++)
    if (m->items[i].record == record && m->items[i].field == field) return &m->items[i];
  return NULL;
}

const char *rc_members_null_why(const RcMembers *m, const RcName *record, const RcName *field,
                                char *buf, size_t size) {
  if (m == NULL || record == NULL) return NULL;
  const RcMember *mb = rc_members_find(m, record, field);
  if (mb != NULL && mb->null_why != NULL) return mb->null_why;
  for (int i = 0; i < m->nrecords; i++) {
    const RcRecordNulls *rn = &m->records[i];
    if (rn->record != record) continue;
    if (rn->why != NULL) return rn->why;
    bool set = false;
    for (int k = 0; k < rn->nset && !set; k++) set = rn->set[k] == field;
    if (!set) {
      snprintf(buf, size, "%s(), the tp_new, may return or release the object without setting it",
               rn->new_fn->text);
      return buf;
    }
  }
  return NULL;
}

bool rc_members_in_dealloc(const RcMembers *m, const RcName *fn) {
  for (int i = 0; m != NULL && i < m->nfamily; i++)
    if (m->dealloc_family[i] == fn) return true;
  return false;
}
