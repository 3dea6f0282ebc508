/* json.c — the streaming JSON writer (see json.h for the contract). */
#include "json.h"

#include <math.h>
#include <stdlib.h>

typedef enum { CTX_TOP, CTX_OBJECT, CTX_ARRAY } Ctx;

struct RcJson {
  FILE *out;
  int pretty;
  int failed;                     /* sticky: misuse or write error seen */
  int depth;                      /* number of open containers */
  Ctx ctx[RC_JSON_MAX_DEPTH + 1]; /* ctx[0] is the top level */
  int count[RC_JSON_MAX_DEPTH + 1]; /* values written in each open container */
  int key_pending;                /* inside an object: a key was written, its value is due */
};

RcJson *rc_json_new(FILE *out, int pretty) {
  RcJson *w = calloc(1, sizeof *w);
  if (w == NULL) return NULL;
  w->out = out;
  w->pretty = pretty;
  w->ctx[0] = CTX_TOP;
  return w;
}

static void newline_indent(RcJson *w) {
  if (!w->pretty) return;
  fputc('\n', w->out);
  for (int i = 0; i < w->depth; i++) fputs("  ", w->out);
}

/* Called before every value: checks the position is legal and writes the separator. */
static int before_value(RcJson *w) {
  if (w->failed) return -1;
  Ctx c = w->ctx[w->depth];
  if (c == CTX_OBJECT) {
    if (!w->key_pending) { w->failed = 1; return -1; }
    w->key_pending = 0;
    return 0;
  }
  if (c == CTX_TOP && w->count[0] > 0) { w->failed = 1; return -1; }
  if (c == CTX_ARRAY) {
    if (w->count[w->depth] > 0) fputc(',', w->out);
    newline_indent(w);
  }
  w->count[w->depth]++;
  return 0;
}

/* Decodes one UTF-8 sequence at s; returns its length, or 0 when it is not valid UTF-8. */
static int utf8_len(const unsigned char *s) {
  unsigned char c = s[0];
  int n;
  unsigned cp;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) { n = 2; cp = c & 0x1f; }
  else if (c >= 0xe0 && c <= 0xef) { n = 3; cp = c & 0x0f; }
  else if (c >= 0xf0 && c <= 0xf4) { n = 4; cp = c & 0x07; }
  else return 0;
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))) return 0;
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;
  return n;
}

int rc_json_escape(FILE *out, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned char c = *p;
    switch (c) {
    case '"': fputs("\\\"", out); p++; continue;
    case '\\': fputs("\\\\", out); p++; continue;
    case '\n': fputs("\\n", out); p++; continue;
    case '\r': fputs("\\r", out); p++; continue;
    case '\t': fputs("\\t", out); p++; continue;
    default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      fprintf(out, "\\u%04x", c);
      p++;
      continue;
    }
    int n = utf8_len(p);
    if (n == 0) {
      fputs("\\ufffd", out);
      p++;
      continue;
    }
    fwrite(p, 1, (size_t)n, out);
    p += n;
  }
  return ferror(out) ? -1 : 0;
}

static void write_string(RcJson *w, const char *s) {
  fputc('"', w->out);
  rc_json_escape(w->out, s);
  fputc('"', w->out);
}

static void open_container(RcJson *w, Ctx c, char ch) {
  if (before_value(w) != 0) return;
  if (w->depth >= RC_JSON_MAX_DEPTH) { w->failed = 1; return; }
  fputc(ch, w->out);
  w->depth++;
  w->ctx[w->depth] = c;
  w->count[w->depth] = 0;
  w->key_pending = 0;
}

static void close_container(RcJson *w, Ctx c, char ch) {
  if (w->failed) return;
  if (w->depth == 0 || w->ctx[w->depth] != c || w->key_pending) { w->failed = 1; return; }
  int had = w->count[w->depth];
  w->depth--;
  if (had) newline_indent(w);
  fputc(ch, w->out);
}

void rc_json_object_begin(RcJson *w) { open_container(w, CTX_OBJECT, '{'); }
void rc_json_object_end(RcJson *w) { close_container(w, CTX_OBJECT, '}'); }
void rc_json_array_begin(RcJson *w) { open_container(w, CTX_ARRAY, '['); }
void rc_json_array_end(RcJson *w) { close_container(w, CTX_ARRAY, ']'); }

void rc_json_key(RcJson *w, const char *key) {
  if (w->failed) return;
  if (w->ctx[w->depth] != CTX_OBJECT || w->key_pending || key == NULL) { w->failed = 1; return; }
  if (w->count[w->depth] > 0) fputc(',', w->out);
  newline_indent(w);
  w->count[w->depth]++;
  write_string(w, key);
  fputs(w->pretty ? ": " : ":", w->out);
  w->key_pending = 1;
}

void rc_json_string(RcJson *w, const char *s) {
  if (s == NULL) { rc_json_null(w); return; }
  if (before_value(w) == 0) write_string(w, s);
}

void rc_json_int(RcJson *w, int64_t v) {
  if (before_value(w) == 0) fprintf(w->out, "%lld", (long long)v);
}

void rc_json_double(RcJson *w, double v) {
  if (before_value(w) != 0) return;
  if (isfinite(v)) fprintf(w->out, "%.15g", v);
  else fputs("null", w->out); /* JSON has no NaN or infinity */
}

void rc_json_bool(RcJson *w, int v) {
  if (before_value(w) == 0) fputs(v ? "true" : "false", w->out);
}

void rc_json_null(RcJson *w) {
  if (before_value(w) == 0) fputs("null", w->out);
}

int rc_json_finish(RcJson *w) {
  if (w == NULL) return -1;
  int rc = 0;
  if (w->failed || w->depth != 0 || w->count[0] != 1) rc = -1;
  fputc('\n', w->out);
  if (fflush(w->out) != 0 || ferror(w->out)) rc = -1;
  free(w);
  return rc;
}
