/* checks_fields.c — references kept in struct members, read from the whole file.
 *
 * Unreleased members. An encoder keeps its current key and value in a context struct: `ctx->value =
 * PyObject_GetItem(d, k)`. Nothing about that store is wrong on its path — the reference moved
 * into memory — but if no function of the file ever releases `value`, each store leaks one. The
 * walk over paths cannot see that, so this check reads the whole file, flow-insensitively:
 *
 *   stored new     a function assigns the result of a call returning a new reference to x->f;
 *   handled        any function releases x->f (Py_DECREF, Py_CLEAR, Py_SETREF...), gives it to a
 *                  call that steals it, takes its address, reads it into a variable (which may
 *                  carry it anywhere), or passes it to a call the rules do not describe (a
 *                  helper of the file or of another file may release it).
 *
 * A member stored new and never handled is reported once, at its first store. Left out, because
 * their lifetime is the module's or the object's and other checks cover them: members of object
 * structs (type-dealloc), module state, and structs reached from a global. A struct declared in a
 * header, or passed whole to a function outside the file, may be released elsewhere: left out.
 *
 * Members released before they are replaced. `Py_DECREF(self->x); self->x = v;` destroys the old
 * value while self still points to it; a __del__ it runs that reaches self finds a freed object.
 * Py_SETREF exists for this. Only the two statements one after the other in a block are matched,
 * on the members of the file's object types, outside tp_dealloc (where the object is going). */
#include "checks_fields.h"

#include "diag.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  const RcName *record, *field;
} Member;

typedef struct {
  Member *items;
  int n, cap;
} Members;

typedef struct {
  const RcName **items;
  int n, cap;
} Records;

static bool has_member(const Members *m, const RcName *record, const RcName *field) {
  for (int i = 0; i < m->n; i++)
    if (m->items[i].record == record && m->items[i].field == field) return true;
  return false;
}

static void add_member(RcArena *arena, Members *m, const RcName *record, const RcName *field) {
  if (has_member(m, record, field)) return;
  Member x = {record, field};
  RC_VEC_PUSH(arena, m->items, m->n, m->cap, x);
}

static bool has_record(const Records *r, const RcName *record) {
  for (int i = 0; i < r->n; i++)
    if (r->items[i] == record) return true;
  return false;
}

static void add_record(RcArena *arena, Records *r, const RcName *record) {
  if (record == NULL || has_record(r, record)) return;
  RC_VEC_PUSH(arena, r->items, r->n, r->cap, record);
}

/* The expression a chain of members and elements starts from: `pc` in pc->a.b[i]. */
static const RcExpr *root_of(const RcExpr *e) {
  while ((e->kind == RC_EX_FIELD || e->kind == RC_EX_INDEX || e->kind == RC_EX_DEREF) && e->nkids > 0)
    e = e->kids[0];
  return e;
}

/* "struct ctx *", "const Ctx*" and "Ctx" name the same record. */
static bool type_names_record(const RcName *type, const RcName *record) {
  if (type == NULL || record == NULL) return false;
  const char *t = type->text, *r = record->text;
  if (strncmp(t, "const ", 6) == 0) t += 6;
  if (strncmp(t, "struct ", 7) == 0 && strncmp(r, "struct ", 7) != 0) t += 7;
  size_t n = strlen(r);
  if (strncmp(t, r, n) != 0) return false;
  for (t += n; *t; t++)
    if (*t != ' ' && *t != '*') return false;
  return true;
}

/* PyModule_GetState, PyType_GetModuleState, a project's get_module_state(): module state lives
 * as long as the module, and its members are released by m_clear / m_free if at all. */
static bool is_state_getter(const RcName *name) {
  return name != NULL && (strstr(name->text, "State") != NULL || strstr(name->text, "state") != NULL);
}

typedef struct {
  RcArena *arena;
  RcSummaries *s;
  Members handled;
  Records state;     /* records of module state (what *GetState() returns) */
  Records escaped;   /* records whose objects go whole to a function the file does not define */
} Scan;

static void scan_call(Scan *sc, RcCfg *const *cfgs, int ncfgs, const RcCfg *cfg, const RcExpr *e) {
  const RcApi *api = e->name ? rc_summary_rules_lookup(sc->s, e->name) : NULL;
  bool defined_here = e->name != NULL && rc_cfg_find(cfgs, ncfgs, e->name) != NULL;
  for (int i = 0; i < e->nkids; i++) {
    const RcExpr *a = e->kids[i];
    const RcExpr *f = rc_members_member_of(a);
    if (api == NULL) {
      if (f != NULL) add_member(sc->arena, &sc->handled, f->record, f->name);
      /* a struct handed whole to code outside the file (its free function may live there) */
      if (!defined_here) {
        const RcExpr *base = a->kind == RC_EX_ADDR ? a->kids[0] : a;
        const RcName *type = base->kind == RC_EX_VAR ? cfg->vars[base->var].type : base->type;
        add_record(sc->arena, &sc->escaped, type); /* a type spelling, matched against records */
      }
      continue;
    }
    if (f == NULL || i >= api->nargs) continue;
    RcArgEffect eff = api->args[i].effect;
    if (eff == RC_ARG_DECREF || eff == RC_ARG_CLEAR || eff == RC_ARG_REPLACE || eff == RC_ARG_STEAL ||
        eff == RC_ARG_STEAL_ON_SUCCESS || eff == RC_ARG_INOUT)
      add_member(sc->arena, &sc->handled, f->record, f->name);
  }
}

static void scan_function(Scan *sc, RcCfg *const *cfgs, int ncfgs, const RcCfg *cfg) {
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    if (e->kind == RC_EX_CALL) scan_call(sc, cfgs, ncfgs, cfg, e);
    if (e->kind == RC_EX_ADDR) { /* &x->f: an out-parameter, a Py_SETREF through a pointer */
      const RcExpr *f = rc_members_member_of(e->kids[0]);
      if (f != NULL) add_member(sc->arena, &sc->handled, f->record, f->name);
    }
    if (e->kind != RC_EX_ASSIGN) continue;
    const RcExpr *lhs = e->kids[0], *rhs = e->kids[1];
    const RcExpr *f = rc_members_member_of(rhs);
    if (f != NULL && lhs->kind == RC_EX_VAR) add_member(sc->arena, &sc->handled, f->record, f->name);
    if (lhs->kind == RC_EX_VAR && rhs->kind == RC_EX_CALL && is_state_getter(rhs->name))
      add_record(sc->arena, &sc->state, cfg->vars[lhs->var].type);
  }
}

static bool record_in(const Records *r, const RcName *record) {
  for (int i = 0; i < r->n; i++)
    if (type_names_record(r->items[i], record)) return true;
  return false;
}

static bool object_record(const RcTables *tables, const RcMembers *members, const RcName *record) {
  for (int t = 0; members->types != NULL && t < tables->ntypes; t++)
    for (int k = 0; k < members->types[t].nrecords; k++)
      if (members->types[t].records[k] == record) return true;
  return false;
}

/* self->f twice, through the same variable. */
static bool same_member(const RcExpr *a, const RcExpr *b) {
  if (a->kind != RC_EX_FIELD || b->kind != RC_EX_FIELD || a->record != b->record || a->name != b->name)
    return false;
  const RcExpr *x = a->kids[0], *y = b->kids[0];
  if (x->kind == RC_EX_VAR && y->kind == RC_EX_VAR) return x->var == y->var;
  return false;
}

void rc_check_release_before_replace(const RcTables *tables, RcCfg *const *cfgs, int ncfgs,
                                     RcSummaries *s, const RcMembers *members, RcReport *report) {
  RcArena *arena = rc_arena_new();
  for (int i = 0; i < ncfgs; i++) {
    const RcCfg *cfg = cfgs[i];
    if (cfg == NULL || rc_members_in_dealloc(members, cfg->name)) continue;
    RcDiag *diag = rc_diag_new(arena, cfg, report);
    for (int b = 0; b < cfg->nblocks; b++) {
      const RcBlock *blk = cfg->blocks[b];
      for (int k = 0; k + 1 < blk->nstmts; k++) {
        const RcExpr *call = blk->stmts[k].expr, *next = blk->stmts[k + 1].expr;
        if (call == NULL || next == NULL || call->kind != RC_EX_CALL || call->name == NULL || call->nkids < 1 ||
            next->kind != RC_EX_ASSIGN)
          continue;
        const RcApi *api = rc_summary_rules_lookup(s, call->name);
        if (api == NULL || api->nargs < 1 || api->args[0].effect != RC_ARG_DECREF) continue;
        const RcExpr *member = call->kids[0];
        if (!same_member(member, next->kids[0]) || next->kids[1]->kind == RC_EX_NULL ||
            !object_record(tables, members, member->record))
          continue;
        char where[200] = "", msg[600];
        rc_expr_render(cfg, member, where, sizeof where);
        snprintf(msg, sizeof msg, "%s() releases '%s' while the object still points to it: a destructor the "
                 "release runs can reach the freed value through the object (replace it first: "
                 "Py_SETREF / Py_XSETREF)", call->name->text, where);
        rc_diag_add(diag, "ref-use-after-release", call, call->line, call->col, msg, NULL, 0, 0, NULL, NULL,
                    RC_DIAG_GROUP_NONE);
      }
    }
    rc_diag_flush(diag, 0);
  }
  rc_arena_free(arena);
}

void rc_check_unreleased_fields(const RcTables *tables, RcCfg *const *cfgs, int ncfgs,
                                RcSummaries *s, const RcMembers *members, RcReport *report) {
  RcArena *arena = rc_arena_new();
  Scan sc;
  memset(&sc, 0, sizeof sc);
  sc.arena = arena;
  sc.s = s;
  for (int i = 0; i < ncfgs; i++)
    if (cfgs[i] != NULL) scan_function(&sc, cfgs, ncfgs, cfgs[i]);
  Members reported = {0};
  for (int i = 0; i < ncfgs; i++) {
    const RcCfg *cfg = cfgs[i];
    if (cfg == NULL) continue;
    RcDiag *diag = rc_diag_new(arena, cfg, report);
    RcExprWalk walk;
    rc_expr_walk_begin(&walk, cfg);
    for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
      if (e->kind != RC_EX_ASSIGN || e->kids[0]->kind != RC_EX_FIELD) continue;
      const RcExpr *lhs = e->kids[0], *rhs = e->kids[1];
      if (lhs->record == NULL || !lhs->record_in_file || rhs->kind != RC_EX_CALL || rhs->name == NULL) continue;
      const RcApi *api = rc_summary_lookup(s, rhs->name);
      if (api == NULL || api->ret != RC_REF_NEW) continue;
      if (has_member(&sc.handled, lhs->record, lhs->name) || has_member(&reported, lhs->record, lhs->name))
        continue;
      if (object_record(tables, members, lhs->record) || record_in(&sc.state, lhs->record) ||
          record_in(&sc.escaped, lhs->record))
        continue;
      const RcExpr *root = root_of(lhs);
      if (root->kind == RC_EX_GLOBAL || (root->kind == RC_EX_CALL && is_state_getter(root->name))) continue;
      if (root->kind == RC_EX_VAR && record_in(&sc.state, lhs->record)) continue;
      add_member(arena, &reported, lhs->record, lhs->name);
      char where[200] = "", msg[512];
      rc_expr_render(cfg, lhs, where, sizeof where);
      snprintf(msg, sizeof msg, "'%s' keeps the new reference from %s(), and no function of this file "
               "releases '%s': it leaks when the struct is reused or freed", where, rhs->name->text,
               lhs->name->text);
      rc_diag_add(diag, "ref-leak", e, e->line, e->col, msg, NULL, 0, 0, NULL, NULL, RC_DIAG_GROUP_NONE);
    }
    rc_diag_flush(diag, 0);
  }
  rc_arena_free(arena);
}
