/* diag.c — candidates, deduplication and path notes (see diag.h). */
#include "diag.h"

#include <stdio.h>
#include <string.h>

enum { MAX_STEPS = 12 };

typedef struct {
  const char *rule;
  const void *root;
  unsigned line, col;
  char *message;
  RcStep *steps;
  int nsteps;
  char *fixit;
  int group;
  int variant;            /* rc_diag_set_variant */
  bool per_line;          /* rc_diag_per_line */
  bool dropped;
} Candidate;

struct RcDiag {
  RcArena *arena;
  const RcCfg *cfg;
  RcReport *report;
  Candidate *items;
  int count, cap;
  const void **once;
  int nonce, once_cap;
};

RcDiag *rc_diag_new(RcArena *arena, const RcCfg *cfg, RcReport *report) {
  RcDiag *d = RC_NEW(arena, RcDiag);
  d->arena = arena;
  d->cfg = cfg;
  d->report = report;
  return d;
}

int rc_diag_count(const RcDiag *d) { return d->count; }

bool rc_diag_once(RcDiag *d, const void *key) {
  for (int i = 0; i < d->nonce; i++)
    if (d->once[i] == key) return false;
  RC_VEC_PUSH(d->arena, d->once, d->nonce, d->once_cap, key);
  return true;
}

static const RcSym *find_uid(const RcState *st, unsigned uid) {
  if (st == NULL || uid == 0) return NULL;
  for (int i = 0; i < st->nsyms; i++)
    if (st->syms[i].uid == uid) return &st->syms[i];
  return NULL;
}

void rc_diag_name(const RcCfg *cfg, const RcState *st, unsigned uid, char *buf, size_t size) {
  const RcSym *v = find_uid(st, uid);
  char inner[200] = "";
  if (v != NULL && v->label != NULL && strcmp(v->label->text, "<tmp>") != 0)
    snprintf(inner, sizeof inner, "%s", v->label->text);
  else if (v != NULL && v->label_expr != NULL)
    rc_expr_render(cfg, v->label_expr, inner, sizeof inner);
  else if (v != NULL && v->api != NULL)
    snprintf(inner, sizeof inner, "the result of %s()", v->api->text);
  else if (v != NULL && v->site != NULL)
    rc_expr_render(cfg, v->site, inner, sizeof inner);
  if (inner[0] == '\0') snprintf(inner, sizeof inner, "the object");
  if (strncmp(inner, "the ", 4) == 0)
    snprintf(buf, size, "%s", inner); /* a description, not code: no quotes */
  else
    snprintf(buf, size, "'%s'", inner);
}

static char *event_text(RcDiag *d, const RcState *st, const RcEvent *e) {
  char name[256], other[256];
  rc_diag_name(d->cfg, st, e->uid, name, sizeof name);
  rc_diag_name(d->cfg, st, e->other_uid, other, sizeof other);
  const char *api = e->api ? e->api->text : "the call";
  switch (e->kind) {
  case RC_EV_NEW: return rc_arena_printf(d->arena, "%s() returns a new reference %s", api, name);
  case RC_EV_BORROW:
    if (e->other_uid != 0)
      return rc_arena_printf(d->arena, "%s() returns %s, a reference borrowed from %s", api, name,
                             other);
    return rc_arena_printf(d->arena, "%s() returns %s, a borrowed reference", api, name);
  case RC_EV_INCREF:
    return rc_arena_printf(d->arena, "%s() takes a reference to %s: %d owned", api, name, e->owned);
  case RC_EV_DECREF:
    if (e->owned == 0)
      return rc_arena_printf(d->arena, "%s() releases %s: no reference owned any more", api, name);
    return rc_arena_printf(d->arena, "%s() releases a reference to %s: %d still owned", api, name,
                           e->owned);
  case RC_EV_STEAL:
    return rc_arena_printf(d->arena, "%s() steals %s: the reference now belongs to %s", api, name,
                           e->other_uid ? other : "the callee");
  case RC_EV_FAIL: {
    const RcSym *v = find_uid(st, e->uid);
    if (v != NULL && !v->is_int && v->null == RC_NULL_YES && v->label != NULL)
      return rc_arena_printf(d->arena, "%s() fails and returns NULL into %s", api, name);
    return rc_arena_printf(d->arena, "%s() fails, taking the error path", api);
  }
  case RC_EV_STORE: {
    char where[200] = "";
    if (e->expr) rc_expr_render(d->cfg, e->expr, where, sizeof where);
    size_t n = strlen(where);
    if (name[0] == '\'' && strncmp(name + 1, where, n) == 0 && name[n + 1] == '\'' && name[n + 2] == '\0')
      return rc_arena_printf(d->arena, "the reference is stored into '%s'", where); /* named after it */
    return rc_arena_printf(d->arena, "%s is stored into '%s'", name, where);
  }
  case RC_EV_PARENT_RELEASED:
    return rc_arena_printf(d->arena, "%s, which %s lives in, is released", other, name);
  }
  return rc_arena_strdup(d->arena, "?");
}

void rc_diag_add(RcDiag *d, const char *rule, const void *root, unsigned line, unsigned col,
                 const char *message, const RcState *st, unsigned uid, unsigned uid2,
                 const char *last_note, const char *fixit, int group) {
  Candidate c;
  memset(&c, 0, sizeof c);
  c.rule = rule;
  c.root = root;
  c.line = line;
  c.col = col;
  c.message = rc_arena_strdup(d->arena, message);
  c.fixit = fixit ? rc_arena_strdup(d->arena, fixit) : NULL;
  c.group = group;
  /* The path's events about the value(s), newest first; failures after the value appeared. */
  const RcEvent *picked[64];
  int n = 0;
  bool seen_value = false;
  const RcEvent *chain[512];
  int depth = 0;
  for (const RcEvent *e = st ? st->events : NULL; e != NULL && depth < 512; e = e->prev) chain[depth++] = e;
  for (int i = depth - 1; i >= 0; i--) { /* oldest first */
    const RcEvent *e = chain[i];
    bool about = uid != 0 && (e->uid == uid || (uid2 != 0 && e->uid == uid2));
    if (about) seen_value = true;
    if (about || (e->kind == RC_EV_FAIL && (seen_value || uid == 0))) {
      if (n == 64) {
        memmove(picked, picked + 1, sizeof picked[0] * 63);
        n--;
      }
      picked[n++] = e;
    }
  }
  /* Only the failure that leads here matters among consecutive failures: keep the last of each
   * run, and at most MAX_STEPS - 1 steps. */
  int first = n > MAX_STEPS - 1 ? n - (MAX_STEPS - 1) : 0;
  c.steps = RC_NEW_ARRAY(d->arena, RcStep, MAX_STEPS + 1);
  for (int i = first; i < n; i++) {
    const RcEvent *e = picked[i];
    if (e->kind == RC_EV_FAIL && i + 1 < n && picked[i + 1]->kind == RC_EV_FAIL) continue;
    RcStep *s = &c.steps[c.nsteps++];
    s->text = event_text(d, st, e);
    s->file = d->cfg->file;
    s->line = e->line;
    s->col = e->col;
  }
  if (last_note != NULL) {
    RcStep *s = &c.steps[c.nsteps++];
    s->text = rc_arena_strdup(d->arena, last_note);
    s->file = d->cfg->file;
    s->line = line;
    s->col = col;
  }
  RC_VEC_PUSH(d->arena, d->items, d->count, d->cap, c);
}

void rc_diag_set_variant(RcDiag *d, int variant) {
  if (d->count > 0) d->items[d->count - 1].variant = variant;
}

void rc_diag_per_line(RcDiag *d) {
  if (d->count > 0) d->items[d->count - 1].per_line = true;
}

static bool earlier(const Candidate *a, const Candidate *b) {
  return a->line < b->line || (a->line == b->line && a->col < b->col);
}

/* The earliest candidate of the same rule, root and variant wins. */
static bool wins(const RcDiag *d, int i) {
  const Candidate *c = &d->items[i];
  for (int j = 0; j < d->count; j++) {
    if (j == i || d->items[j].dropped) continue;
    const Candidate *o = &d->items[j];
    if (o->root != c->root || o->variant != c->variant || strcmp(o->rule, c->rule) != 0) continue;
    if (o->per_line && c->per_line && o->line != c->line) continue;
    if (earlier(o, c) || (!earlier(c, o) && j < i)) return false;
  }
  return true;
}

/* A winner of a lower variant of the same rule and root is kept at the same line. */
static bool shadowed(const RcDiag *d, int i) {
  const Candidate *c = &d->items[i];
  for (int j = 0; j < d->count; j++) {
    const Candidate *o = &d->items[j];
    if (j == i || o->dropped || o->root != c->root || o->variant >= c->variant || o->line != c->line ||
        strcmp(o->rule, c->rule) != 0)
      continue;
    if (wins(d, j)) return true;
  }
  return false;
}

size_t rc_diag_flush(RcDiag *d, unsigned drop_groups) {
  size_t added = 0;
  for (int i = 0; i < d->count; i++) {
    Candidate *c = &d->items[i];
    if (c->dropped) continue;
    if (drop_groups & (1u << c->group)) continue;
    if (!wins(d, i) || shadowed(d, i)) continue;
    const RcRuleInfo *info = rc_rules_find(c->rule);
    RcFinding f;
    memset(&f, 0, sizeof f);
    f.rule = c->rule;
    f.severity = info ? info->severity : RC_SEVERITY_WARNING;
    f.file = d->cfg->file;
    f.line = c->line;
    f.col = c->col;
    f.function = d->cfg->name ? d->cfg->name->text : NULL;
    f.message = c->message;
    f.steps = c->steps;
    f.nsteps = c->nsteps;
    f.fixit = c->fixit;
    rc_report_add(d->report, &f);
    added++;
  }
  for (int i = 0; i < d->count; i++) d->items[i].dropped = true;
  return added;
}
