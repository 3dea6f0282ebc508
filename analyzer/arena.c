/* arena.c — chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_SIZE = 64 * 1024 };

typedef struct Chunk {
  struct Chunk *next;
  size_t size, used;
  max_align_t data[]; /* size bytes */
} Chunk;

struct RcArena {
  Chunk *head;  /* the chunk being filled; older ones follow */
  size_t total; /* bytes handed out */
};

static void *xmalloc(size_t size) {
  void *p = malloc(size);
  if (p == NULL) {
    fputs("pyrefcheck: out of memory\n", stderr);
    abort();
  }
  return p;
}

static Chunk *chunk_new(size_t at_least) {
  size_t size = at_least > CHUNK_SIZE ? at_least : CHUNK_SIZE;
  Chunk *c = xmalloc(sizeof(Chunk) + size);
  c->next = NULL;
  c->size = size;
  c->used = 0;
  return c;
}

RcArena *rc_arena_new(void) {
  RcArena *a = xmalloc(sizeof *a);
  a->head = chunk_new(CHUNK_SIZE);
  a->total = 0;
  return a;
}

void rc_arena_free(RcArena *arena) {
  if (arena == NULL) return;
  for (Chunk *c = arena->head, *next; c != NULL; c = next) {
    next = c->next;
    free(c);
  }
  free(arena);
}

void rc_arena_reset(RcArena *arena) {
  Chunk *last = arena->head;
  while (last->next != NULL) {
    Chunk *next = last->next;
    free(last);
    last = next;
  }
  /* `last` is the oldest chunk; keep it. */
  arena->head = last;
  last->used = 0;
  arena->total = 0;
}

void *rc_arena_alloc(RcArena *arena, size_t size) {
  size_t align = sizeof(max_align_t);
  size = (size + align - 1) & ~(align - 1);
  if (size == 0) size = align;
  Chunk *c = arena->head;
  if (c->size - c->used < size) {
    c = chunk_new(size);
    c->next = arena->head;
    arena->head = c;
  }
  void *p = (char *)c->data + c->used;
  c->used += size;
  arena->total += size;
  return p;
}

void *rc_arena_zalloc(RcArena *arena, size_t size) {
  void *p = rc_arena_alloc(arena, size);
  memset(p, 0, size);
  return p;
}

char *rc_arena_strndup(RcArena *arena, const char *s, size_t len) {
  char *p = rc_arena_alloc(arena, len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *rc_arena_strdup(RcArena *arena, const char *s) { return rc_arena_strndup(arena, s, strlen(s)); }

char *rc_arena_printf(RcArena *arena, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *p = rc_arena_alloc(arena, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

size_t rc_arena_used(const RcArena *arena) { return arena->total; }
