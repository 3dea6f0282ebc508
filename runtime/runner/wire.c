/* wire.c — writing and reading the runner's line records (see wire.h). */
#include "wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for `n` more bytes (and a NUL). Returns 0, or -1 after setting overflow. */
static int reserve(RcWireBuf *b, size_t n) {
  if (b->overflow) return -1;
  if (b->limit && b->len + n + 1 > b->limit) {
    b->overflow = 1;
    return -1;
  }
  if (b->len + n + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 1024;
  while (cap < b->len + n + 1) cap *= 2;
  char *p = realloc(b->data, cap);
  if (p == NULL) {
    b->overflow = 1;
    return -1;
  }
  b->data = p;
  b->cap = cap;
  return 0;
}

static void put(RcWireBuf *b, const char *s, size_t n) {
  if (reserve(b, n) < 0) return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static void put_escaped(RcWireBuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    switch (c) {
    case '\\': put(b, "\\\\", 2); break;
    case '\t': put(b, "\\t", 2); break;
    case '\n': put(b, "\\n", 2); break;
    case '\r': put(b, "\\r", 2); break;
    case '\0': put(b, "\\0", 2); break;
    default: put(b, &c, 1);
    }
  }
}

void rc_wire_record(RcWireBuf *b, const char *name) {
  if (b->len > 0 && b->data[b->len - 1] != '\n') rc_wire_end(b);
  if (b->overflow) return;
  b->line_start = b->len;
  put(b, name, strlen(name));
}

void rc_wire_strn(RcWireBuf *b, const char *key, const char *value, size_t n) {
  put(b, "\t", 1);
  put(b, key, strlen(key));
  put(b, "=", 1);
  if (value != NULL) put_escaped(b, value, n);
}

void rc_wire_str(RcWireBuf *b, const char *key, const char *value) {
  rc_wire_strn(b, key, value, value ? strlen(value) : 0);
}

void rc_wire_int(RcWireBuf *b, const char *key, long long value) {
  char text[32];
  snprintf(text, sizeof text, "%lld", value);
  rc_wire_str(b, key, text);
}

void rc_wire_end(RcWireBuf *b) {
  if (b->overflow) {
    /* drop the partial record so that readers only ever see whole lines */
    if (b->data != NULL && b->line_start <= b->len) {
      b->len = b->line_start;
      b->data[b->len] = '\0';
    }
    return;
  }
  put(b, "\n", 1);
  if (b->overflow && b->data != NULL) {
    b->len = b->line_start;
    b->data[b->len] = '\0';
  }
  b->line_start = b->len;
}

void rc_wire_free(RcWireBuf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

/* Decodes the escapes of s in place; returns s. */
static char *unescape(char *s) {
  char *w = s;
  for (const char *r = s; *r; r++) {
    if (*r != '\\' || r[1] == '\0') {
      *w++ = *r;
      continue;
    }
    r++;
    switch (*r) {
    case 't': *w++ = '\t'; break;
    case 'n': *w++ = '\n'; break;
    case 'r': *w++ = '\r'; break;
    case '0': *w++ = '?'; break; /* a NUL cannot live in a C string: shown as '?' */
    default: *w++ = *r;
    }
  }
  *w = '\0';
  return s;
}

int rc_wire_parse(char *line, RcWireRecord *out) {
  memset(out, 0, sizeof *out);
  size_t n = strlen(line);
  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
  if (n == 0) return -1;
  out->name = line;
  char *tab = strchr(line, '\t');     /* the separator before the next field */
  while (tab != NULL) {
    *tab = '\0';
    char *field = tab + 1;
    tab = strchr(field, '\t');
    if (tab) *tab = '\0';
    char *eq = strchr(field, '=');
    if (eq == NULL) return -1;
    *eq = '\0';
    if (out->nfields < RC_WIRE_MAX_FIELDS) {
      out->key[out->nfields] = field;
      out->value[out->nfields] = unescape(eq + 1);
      out->nfields++;
    }
  }
  return 0;
}

const char *rc_wire_get(const RcWireRecord *r, const char *key) {
  for (size_t i = 0; i < r->nfields; i++)
    if (strcmp(r->key[i], key) == 0) return r->value[i];
  return NULL;
}

long long rc_wire_get_int(const RcWireRecord *r, const char *key, long long fallback) {
  const char *v = rc_wire_get(r, key);
  if (v == NULL || *v == '\0') return fallback;
  char *end;
  long long n = strtoll(v, &end, 10);
  return *end == '\0' ? n : fallback;
}
