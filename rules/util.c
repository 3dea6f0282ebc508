/* util.c — the small helpers of rules/: a bump arena, whole-file reading, malloc'd printf.
 *
 * The arena hands out zeroed, max-aligned blocks from chunks it chains together; nothing is freed
 * until rc_rules_arena_free releases every chunk at once. */
#include "rules_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Chunk {
  struct Chunk *next;
  size_t used, size;
  alignas(max_align_t) unsigned char data[];
} Chunk;

struct RcRulesArena {
  Chunk *head;
};

RcRulesArena *rc_rules_arena_new(void) { return calloc(1, sizeof(RcRulesArena)); }

void rc_rules_arena_free(RcRulesArena *arena) {
  if (arena == NULL) return;
  for (Chunk *c = arena->head, *next; c != NULL; c = next) {
    next = c->next;
    free(c);
  }
  free(arena);
}

void *rc_rules_arena_alloc(RcRulesArena *arena, size_t size) {
  const size_t align = alignof(max_align_t);
  size = (size + align - 1) / align * align;
  if (size == 0) size = align;
  Chunk *c = arena->head;
  if (c == NULL || c->size - c->used < size) {
    size_t cap = size > 16384 ? size : 16384;
    c = malloc(sizeof(Chunk) + cap);
    if (c == NULL) return NULL;
    c->size = cap;
    c->used = 0;
    c->next = arena->head;
    arena->head = c;
  }
  void *p = c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *rc_rules_arena_strndup(RcRulesArena *arena, const char *s, size_t n) {
  char *p = rc_rules_arena_alloc(arena, n + 1);
  if (p == NULL) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

int rc_rules_read_file(const char *path, char **out) {
  int rc = -1;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  FILE *f = fopen(path, "rb");
  if (f == NULL) goto out;
  for (;;) {
    if (cap - len < 4096) {
      size_t ncap = cap ? cap * 2 : 65536;
      char *nbuf = realloc(buf, ncap + 1);
      if (nbuf == NULL) {
        errno = ENOMEM;
        goto out;
      }
      buf = nbuf;
      cap = ncap;
    }
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    errno = EIO;
    goto out;
  }
  buf[len] = '\0';
  *out = buf;
  buf = NULL;
  rc = 0;
out:
  if (f != NULL) fclose(f);
  free(buf);
  return rc;
}

char *rc_rules_strprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  char *s = malloc((size_t)n + 1);
  if (s == NULL) return NULL;
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}
