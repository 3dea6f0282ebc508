/* ruleset.c — RcRuleSet: the built-in records plus loaded and annotated ones, hashed by name.
 *
 * The set keeps a list of visible records (`entries`, the iteration order) and an open-addressing
 * hash table of indexes into that list, keyed by FNV-1a of the name. Replacing a record rewrites
 * its entry in place; the replaced record stays allocated until the set is freed (invariant of
 * rules.h: records never move or die while the set lives). Records from files and annotations
 * live in the set's arena; built-in records are static. */
#include "rules_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct RcRuleSet {
  RcRulesArena *arena;
  const RcApi **entries; /* visible records, iteration order */
  size_t count, cap;
  uint32_t *slots;       /* entry index + 1; 0 is empty */
  size_t nslots;         /* a power of two, at least twice count */
  struct Undo { size_t entry; const RcApi *old; } *undo; /* since the first mark: what put() did
                          * (old NULL: appended), for rc_ruleset_rollback */
  size_t nundo, capundo;
  bool marked;
};

static uint32_t hash_name(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s != '\0'; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* Slot holding `name`, or the empty slot where it would go. */
static size_t find_slot(const RcRuleSet *set, const char *name) {
  size_t mask = set->nslots - 1, i = hash_name(name) & mask;
  while (set->slots[i] != 0 && strcmp(set->entries[set->slots[i] - 1]->name, name) != 0)
    i = (i + 1) & mask;
  return i;
}

static int grow(RcRuleSet *set) {
  size_t nslots = set->nslots ? set->nslots * 2 : 1024;
  uint32_t *slots = rc_rules_calloc(nslots, sizeof *slots);
  if (slots == NULL) return -1;
  free(set->slots);
  set->slots = slots;
  set->nslots = nslots;
  for (size_t e = 0; e < set->count; e++) set->slots[find_slot(set, set->entries[e]->name)] = (uint32_t)(e + 1);
  return 0;
}

/* Notes what put() is about to do, once a mark was taken. */
static int journal(RcRuleSet *set, size_t entry, const RcApi *old) {
  if (!set->marked) return 0;
  if (set->nundo == set->capundo) {
    size_t ncap = set->capundo ? set->capundo * 2 : 64;
    struct Undo *n = rc_rules_realloc(set->undo, ncap * sizeof *n);
    if (n == NULL) return -1;
    set->undo = n;
    set->capundo = ncap;
  }
  set->undo[set->nundo].entry = entry;
  set->undo[set->nundo].old = old;
  set->nundo++;
  return 0;
}

/* Makes `api` the visible record of its name. The pointer must stay valid while the set lives. */
static int put(RcRuleSet *set, const RcApi *api) {
  if ((set->count + 1) * 2 > set->nslots && grow(set) != 0) return -1;
  size_t slot = find_slot(set, api->name);
  if (set->slots[slot] != 0) {
    size_t e = set->slots[slot] - 1;
    if (journal(set, e, set->entries[e]) != 0) return -1;
    set->entries[e] = api;
    return 0;
  }
  if (journal(set, set->count, NULL) != 0) return -1;
  if (set->count == set->cap) {
    size_t ncap = set->cap ? set->cap * 2 : 1024;
    const RcApi **n = rc_rules_realloc(set->entries, ncap * sizeof *n);
    if (n == NULL) return -1;
    set->entries = n;
    set->cap = ncap;
  }
  set->entries[set->count++] = api;
  set->slots[slot] = (uint32_t)set->count;
  return 0;
}

int rc_ruleset_new(RcRuleSet **out) {
  int rc = -1;
  RcRuleSet *set = rc_rules_calloc(1, sizeof *set);
  *out = NULL;
  if (set == NULL || (set->arena = rc_rules_arena_new()) == NULL) goto out;
  for (size_t i = 0; i < rc_builtin_apis_count; i++)
    if (put(set, &rc_builtin_apis[i]) != 0) goto out;
  *out = set;
  set = NULL;
  rc = 0;
out:
  rc_ruleset_free(set);
  return rc;
}

size_t rc_ruleset_mark(RcRuleSet *set) {
  set->marked = true;
  return set->nundo;
}

void rc_ruleset_rollback(RcRuleSet *set, size_t mark) {
  if (!set->marked || mark >= set->nundo) return;
  while (set->nundo > mark) {
    const struct Undo *u = &set->undo[--set->nundo];
    if (u->old != NULL) set->entries[u->entry] = u->old; /* replaced: visible again */
    else set->count = u->entry;                           /* appended: the latest, gone */
  }
  memset(set->slots, 0, set->nslots * sizeof *set->slots); /* rehash what is left */
  for (size_t e = 0; e < set->count; e++) set->slots[find_slot(set, set->entries[e]->name)] = (uint32_t)(e + 1);
}

void rc_ruleset_free(RcRuleSet *set) {
  if (set == NULL) return;
  rc_rules_arena_free(set->arena);
  free(set->undo);
  free(set->entries);
  free(set->slots);
  free(set);
}

const RcApi *rc_ruleset_lookup(const RcRuleSet *set, const char *name) {
  if (set->nslots == 0) return NULL;
  size_t slot = find_slot(set, name);
  return set->slots[slot] ? set->entries[set->slots[slot] - 1] : NULL;
}

size_t rc_ruleset_count(const RcRuleSet *set) { return set->count; }

const RcApi *rc_ruleset_at(const RcRuleSet *set, size_t index) {
  return index < set->count ? set->entries[index] : NULL;
}

int rc_ruleset_load_text(RcRuleSet *set, const char *origin, const char *text, char **error) {
  RcApi *records = NULL;
  size_t n = 0;
  const char *stable_origin = rc_rules_arena_strndup(set->arena, origin, strlen(origin));
  if (stable_origin == NULL) {
    *error = rc_rules_strprintf("%s: out of memory", origin);
    return -1;
  }
  if (rc_rules_parse_api_text(set->arena, stable_origin, text, &records, &n, error) != 0) return -1;
  /* All or nothing: refuse a file that names a record twice before adding any. */
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < i; j++)
      if (strcmp(records[i].name, records[j].name) == 0) {
        *error = rc_rules_strprintf("%s:%d: '%s' is already described at line %d", stable_origin,
                              records[i].line, records[i].name, records[j].line);
        return -1;
      }
  for (size_t i = 0; i < n; i++)
    if (put(set, &records[i]) != 0) {
      *error = rc_rules_strprintf("%s: out of memory", stable_origin);
      return -1;
    }
  return 0;
}

int rc_ruleset_load_file(RcRuleSet *set, const char *path, char **error) {
  char *text = NULL;
  if (rc_rules_read_file(path, &text) != 0) {
    *error = rc_rules_strprintf("%s: %s", path,
                          errno == ENOENT ? "no such file or directory" : strerror(errno));
    return -1;
  }
  int rc = rc_ruleset_load_text(set, path, text, error);
  free(text);
  return rc;
}

int rc_ruleset_add(RcRuleSet *set, const RcApi *api, char **error) {
  const char *why = NULL;
  if (rc_rules_api_validate(api, &why) != 0) {
    *error = rc_rules_strprintf("%s:%d: %s: %s", api->file ? api->file : "?", api->line,
                                api->name ? api->name : "?", why);
    return -1;
  }
  int rc = -1;
  RcRulesArena *a = set->arena;
  RcApi *copy = rc_rules_arena_alloc(a, sizeof *copy);
  if (copy == NULL) goto out;
  *copy = *api;
#define DUP(field)                                                                                 \
  if (api->field != NULL &&                                                                        \
      (copy->field = rc_rules_arena_strndup(a, api->field, strlen(api->field))) == NULL)           \
    goto out;
  DUP(name)
  DUP(ret_type)
  DUP(replacement)
  DUP(note)
  DUP(file)
#undef DUP
  if (api->nargs > 0) {
    RcApiArg *args = rc_rules_arena_alloc(a, sizeof(RcApiArg) * (size_t)api->nargs);
    if (args == NULL) goto out;
    for (int i = 0; i < api->nargs; i++) {
      args[i] = api->args[i];
      args[i].name = rc_rules_arena_strndup(a, api->args[i].name, strlen(api->args[i].name));
      args[i].type = rc_rules_arena_strndup(a, api->args[i].type, strlen(api->args[i].type));
      if (args[i].name == NULL || args[i].type == NULL) goto out;
    }
    copy->args = args;
  }
  if (put(set, copy) != 0) goto out;
  rc = 0;
out:
  /* what the arena holds is freed with the set; only the message is ours to make */
  if (rc != 0) *error = rc_rules_strprintf("%s: out of memory", api->name ? api->name : "rules");
  return rc;
}

size_t rc_builtin_api_count(void) { return rc_builtin_apis_count; }

const RcApi *rc_builtin_api_at(size_t index) {
  return index < rc_builtin_apis_count ? &rc_builtin_apis[index] : NULL;
}

bool rc_api_available(const RcApi *api, RcPyVersion version) {
  return version >= api->since && (api->until == 0 || version <= api->until);
}

int rc_api_object_arg(const RcApi *api) {
  for (int i = 0; i < api->nargs; i++) {
    RcArgEffect e = api->args[i].effect;
    if (e == RC_ARG_INCREF || e == RC_ARG_DECREF || e == RC_ARG_CLEAR || e == RC_ARG_REPLACE)
      return i;
  }
  return -1;
}

int rc_api_arg_index(const RcApi *api, const char *name) {
  for (int i = 0; i < api->nargs; i++)
    if (strcmp(api->args[i].name, name) == 0) return i;
  return -1;
}

int rc_api_call_object_arg(const RcApi *api, int ncall, const char *const *call_types) {
  if (ncall == api->nargs) return rc_api_object_arg(api);
  for (int i = ncall - 1; i >= 0; i--)
    if (call_types != NULL && call_types[i] != NULL && strstr(call_types[i], "PyObject") != NULL)
      return i;
  return -1;
}
