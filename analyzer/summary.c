/* summary.c — rules lookups with local overrides (see summary.h). */
#include "summary.h"

#include "macros.h"

#include <stdlib.h>

typedef struct {
  const RcName *name;
  const RcApi *api;
  unsigned stores;
  bool sentinel;
  bool raises;
} Local;

struct RcSummaries {
  const RcRuleSet *rules;
  RcPyVersion version;
  Local *locals;
  size_t nlocals, cap;
};

int rc_summary_new(const RcRuleSet *rules, RcPyVersion version, RcSummaries **out) {
  RcSummaries *s = calloc(1, sizeof *s);
  *out = s;
  if (s == NULL) return -1;
  s->rules = rules;
  s->version = version;
  return 0;
}

void rc_summary_free(RcSummaries *s) {
  if (s == NULL) return;
  free(s->locals);
  free(s);
}

RcPyVersion rc_summary_version(const RcSummaries *s) { return s->version; }
void rc_summary_set_version(RcSummaries *s, RcPyVersion version) { s->version = version; }

const RcApi *rc_summary_rules_lookup(RcSummaries *s, const RcName *name) {
  if (name == NULL || s->rules == NULL) return NULL;
  RcName *n = (RcName *)name;
  if (!n->data_set) {
    n->data = rc_ruleset_lookup(s->rules, n->text);
    n->data_set = 1;
  }
  return n->data;
}

const RcApi *rc_summary_lookup_text(RcSummaries *s, const char *name) {
  return s->rules ? rc_ruleset_lookup(s->rules, name) : NULL;
}

const RcApi *rc_summary_lookup(RcSummaries *s, const RcName *name) {
  if (name == NULL) return NULL;
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) return s->locals[i].api;
  return rc_summary_rules_lookup(s, name);
}

void rc_summary_set_local(RcSummaries *s, const RcName *name, const RcApi *api) {
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) {
      s->locals[i].api = api;
      return;
    }
  if (s->nlocals == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 32;
    Local *l = realloc(s->locals, cap * sizeof *l);
    if (l == NULL) abort();
    s->locals = l;
    s->cap = cap;
  }
  s->locals[s->nlocals].name = name;
  s->locals[s->nlocals].api = api;
  s->locals[s->nlocals].stores = 0;
  s->locals[s->nlocals].sentinel = false;
  s->locals[s->nlocals].raises = false;
  s->nlocals++;
}

void rc_summary_set_local_stores(RcSummaries *s, const RcName *name, unsigned mask) {
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) s->locals[i].stores = mask;
}

void rc_summary_set_local_sentinel(RcSummaries *s, const RcName *name, bool sentinel) {
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) s->locals[i].sentinel = sentinel;
}

bool rc_summary_local_sentinel(RcSummaries *s, const RcName *name) {
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) return s->locals[i].sentinel;
  return false;
}

void rc_summary_set_local_raises(RcSummaries *s, const RcName *name, bool raises) {
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) s->locals[i].raises = raises;
}

bool rc_summary_local_raises(RcSummaries *s, const RcName *name) {
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) return s->locals[i].raises;
  return false;
}

unsigned rc_summary_local_stores(RcSummaries *s, const RcName *name) {
  for (size_t i = 0; i < s->nlocals; i++)
    if (s->locals[i].name == name) return s->locals[i].stores;
  return 0;
}

void rc_summary_clear_locals(RcSummaries *s) { s->nlocals = 0; }

int rc_summary_macro_filter(void *ctx, const RcName *name) {
  const RcApi *api = rc_summary_rules_lookup(ctx, name);
  if (api == NULL) return RC_MACRO_IGNORE;
  int what = RC_MACRO_API;
  if (api->kind == RC_API_MACRO && !(api->flags & RC_API_RETURNS_FROM_CALLER))
    what |= RC_MACRO_STATEMENT;
  if (api->kind == RC_API_MACRO && (api->flags & RC_API_RETURNS_FROM_CALLER) && api->ret != RC_REF_NONE)
    what |= RC_MACRO_RETURNS;
  return what;
}

bool rc_summary_is_noreturn(void *ctx, const RcName *name) {
  const RcApi *api = rc_summary_lookup(ctx, name);
  return api != NULL && (api->flags & RC_API_NORETURN) != 0;
}
