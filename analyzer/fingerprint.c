/* fingerprint.c — line-independent finding identity (recipe in fingerprint.h and
 * docs/database.md). */
#include "fingerprint.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FNV_PRIME UINT64_C(0x100000001b3)

uint64_t rc_fingerprint_fnv(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= FNV_PRIME;
  }
  return h;
}

static uint64_t fnv_str(uint64_t h, const char *s) {
  if (s != NULL) h = rc_fingerprint_fnv(h, s, strlen(s));
  return rc_fingerprint_fnv(h, "", 1); /* the NUL separator */
}

/* Finds the normalised name inside `call`: start and length, blanks and "(...)" dropped. */
static size_t normalise_call(const char *call, const char **start) {
  if (call == NULL) { *start = ""; return 0; }
  while (isspace((unsigned char)*call)) call++;
  size_t n = strcspn(call, "(");
  while (n > 0 && isspace((unsigned char)call[n - 1])) n--;
  *start = call;
  return n;
}

static void to_hex(uint64_t h, char out[RC_FINGERPRINT_HEX]) {
  snprintf(out, RC_FINGERPRINT_HEX, "%016llx", (unsigned long long)h);
}

void rc_fingerprint_compute(const char *rule, const char *file, const char *function,
                            const char *const *calls, size_t ncalls, char out[RC_FINGERPRINT_HEX]) {
  uint64_t h = fnv_str(RC_FNV_OFFSET, "pyrefcheck-fp-1");
  h = fnv_str(h, rule);
  h = fnv_str(h, file);
  h = fnv_str(h, function);
  const char *prev = NULL;
  size_t prev_n = 0;
  int first = 1;
  for (size_t i = 0; i < ncalls; i++) {
    const char *name;
    size_t n = normalise_call(calls[i], &name);
    if (n == 0) continue;
    if (prev != NULL && n == prev_n && memcmp(name, prev, n) == 0) continue;
    if (!first) h = rc_fingerprint_fnv(h, "\n", 1);
    h = rc_fingerprint_fnv(h, name, n);
    prev = name;
    prev_n = n;
    first = 0;
  }
  to_hex(h, out);
}

void rc_fingerprint_line_hash(const char *line_text, const char *fallback,
                              char out[RC_FINGERPRINT_HEX]) {
  uint64_t h = RC_FNV_OFFSET;
  const char *s = line_text != NULL ? line_text : (fallback != NULL ? fallback : "");
  for (; *s; s++)
    if (!isspace((unsigned char)*s)) h = rc_fingerprint_fnv(h, s, 1);
  to_hex(h, out);
}

unsigned rc_fingerprint_shard(const char *path, unsigned count) {
  if (count <= 1) return 0;
  uint64_t h = fnv_str(RC_FNV_OFFSET, path);
  return (unsigned)(h % count);
}

typedef struct {
  const char *id;
  unsigned line, column;
  size_t index;
} Order;

static int by_position(const void *a, const void *b) {
  const Order *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  if (c != 0) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->column != y->column) return x->column < y->column ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

int rc_fingerprint_number(size_t n, const unsigned *line, const unsigned *column,
                          char (*id)[RC_FINGERPRINT_ID]) {
  Order *order = malloc((n ? n : 1) * sizeof *order);
  if (order == NULL) return -1;
  for (size_t i = 0; i < n; i++) order[i] = (Order){id[i], line[i], column[i], i};
  qsort(order, n, sizeof *order, by_position);
  /* Suffixes are written after sorting, so the comparisons above saw the bases only. */
  unsigned k = 0;
  for (size_t i = 0; i < n; i++) {
    k = i > 0 && strcmp(order[i].id, order[i - 1].id) == 0 ? k + 1 : 0;
    order[i].line = k; /* reuse: the number to append */
  }
  for (size_t i = 0; i < n; i++) {
    if (order[i].line == 0) continue;
    char *target = id[order[i].index];
    size_t len = strlen(target);
    snprintf(target + len, RC_FINGERPRINT_ID - len, ".%u", order[i].line);
  }
  free(order);
  return 0;
}
