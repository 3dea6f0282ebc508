/* util.c — the small helpers of rules/: allocation, a bump arena, whole-file reading, malloc'd
 * printf.
 *
 * Every allocation of the module goes through rc_rules_malloc/calloc/realloc, so that a test build
 * (RC_RULES_FAULT_INJECTION) can make the Nth one fail and check each out-of-memory path. The
 * arena hands out zeroed, max-aligned blocks from chunks it chains together; nothing is freed
 * until rc_rules_arena_free releases every chunk at once. */
#include "rules_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- allocation ---------------------------------------------------------------------------- */

#ifdef RC_RULES_FAULT_INJECTION
static long fault_countdown; /* 0: off; otherwise the allocation that fails, counted from 1 */
static long fault_count;     /* allocations failed so far */

void rc_rules_fault_after(long n) {
  fault_countdown = n;
  fault_count = 0;
}

long rc_rules_faults(void) { return fault_count; }

static bool fault_now(void) {
  if (fault_countdown <= 0) return false;
  if (--fault_countdown > 0) return false;
  fault_count++;
  return true;
}
#else
static bool fault_now(void) { return false; }
#endif

void *rc_rules_malloc(size_t size) { return fault_now() ? NULL : malloc(size); }
void *rc_rules_calloc(size_t n, size_t size) { return fault_now() ? NULL : calloc(n, size); }
void *rc_rules_realloc(void *p, size_t size) { return fault_now() ? NULL : realloc(p, size); }

/* ----- arena --------------------------------------------------------------------------------- */

typedef struct Chunk {
  struct Chunk *next;
  size_t used, size;
  alignas(max_align_t) unsigned char data[];
} Chunk;

struct RcRulesArena {
  Chunk *head;
};

RcRulesArena *rc_rules_arena_new(void) { return rc_rules_calloc(1, sizeof(RcRulesArena)); }

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
    c = rc_rules_malloc(sizeof(Chunk) + cap);
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
      char *nbuf = rc_rules_realloc(buf, ncap + 1);
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
  char *s = rc_rules_malloc((size_t)n + 1);
  if (s == NULL) return NULL;
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}
