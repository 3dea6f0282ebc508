/* intern.c — open-addressing hash table of interned names (see intern.h). */
#include "intern.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct RcIntern {
  RcArena *arena; /* names and their text */
  RcName **slots; /* capacity entries, NULL when empty */
  size_t count, capacity;
};

static unsigned hash_bytes(const char *s, size_t len) {
  unsigned h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

RcIntern *rc_intern_new(void) {
  RcIntern *t = calloc(1, sizeof *t);
  if (t == NULL) abort();
  t->arena = rc_arena_new();
  t->capacity = 1024;
  t->slots = calloc(t->capacity, sizeof *t->slots);
  if (t->slots == NULL) abort();
  return t;
}

void rc_intern_free(RcIntern *table) {
  if (table == NULL) return;
  rc_arena_free(table->arena);
  free(table->slots);
  free(table);
}

static void grow(RcIntern *t) {
  size_t cap = t->capacity * 2;
  RcName **slots = calloc(cap, sizeof *slots);
  if (slots == NULL) abort();
  for (size_t i = 0; i < t->capacity; i++) {
    RcName *n = t->slots[i];
    if (n == NULL) continue;
    size_t j = n->hash & (cap - 1);
    while (slots[j] != NULL) j = (j + 1) & (cap - 1);
    slots[j] = n;
  }
  free(t->slots);
  t->slots = slots;
  t->capacity = cap;
}

RcName *rc_intern(RcIntern *table, const char *s, size_t len) {
  unsigned h = hash_bytes(s, len);
  size_t i = h & (table->capacity - 1);
  for (RcName *n; (n = table->slots[i]) != NULL; i = (i + 1) & (table->capacity - 1))
    if (n->hash == h && n->len == len && memcmp(n->text, s, len) == 0) return n;
  RcName *n = RC_NEW(table->arena, RcName);
  n->text = rc_arena_strndup(table->arena, s, len);
  n->len = len;
  n->hash = h;
  table->slots[i] = n;
  if (++table->count * 2 > table->capacity) grow(table);
  return n;
}

RcName *rc_intern_cstr(RcIntern *table, const char *s) { return rc_intern(table, s, strlen(s)); }
