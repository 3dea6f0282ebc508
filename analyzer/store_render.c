/* store_render.c — printing result rows as a table, JSON or CSV (query, diff, query --sql). */
#include "json.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* A growable list of malloc'd cells, row-major, for the table format. */
typedef struct {
  char **cells;
  size_t n, cap;
} Cells;

static int cells_push(Cells *c, const char *s) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    char **grown = realloc(c->cells, cap * sizeof *grown);
    if (grown == NULL) return -1;
    c->cells = grown;
    c->cap = cap;
  }
  c->cells[c->n] = strdup(s ? s : "");
  if (c->cells[c->n] == NULL) return -1;
  c->n++;
  return 0;
}

static void cells_free(Cells *c) {
  for (size_t i = 0; i < c->n; i++) free(c->cells[i]);
  free(c->cells);
}

/* Display width of UTF-8 text: code points, not bytes. */
static size_t width_of(const char *s) {
  size_t w = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xc0) != 0x80) w++;
  return w;
}

static void csv_field(FILE *out, const char *s) {
  if (s == NULL) return;
  if (strpbrk(s, ",\"\r\n") == NULL) { fputs(s, out); return; }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"') fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

static void json_value(RcJson *w, sqlite3_stmt *stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
  case SQLITE_INTEGER: rc_json_int(w, sqlite3_column_int64(stmt, i)); break;
  case SQLITE_FLOAT: rc_json_double(w, sqlite3_column_double(stmt, i)); break;
  case SQLITE_NULL: rc_json_null(w); break;
  case SQLITE_BLOB: {
    const unsigned char *b = sqlite3_column_blob(stmt, i);
    int n = sqlite3_column_bytes(stmt, i);
    char *hex = malloc((size_t)n * 2 + 1);
    if (hex == NULL) { rc_json_null(w); break; }
    for (int k = 0; k < n; k++) snprintf(hex + 2 * k, 3, "%02x", b[k]);
    hex[2 * n] = '\0';
    rc_json_string(w, hex);
    free(hex);
    break;
  }
  default: rc_json_string(w, (const char *)sqlite3_column_text(stmt, i)); break;
  }
}

int rc_store_render(RcStore *store, sqlite3_stmt *stmt, int ncols, RcStoreFormat format, FILE *out,
                    void (*on_row)(void *ctx, sqlite3_stmt *stmt), void *ctx, size_t *count_out) {
  int status = RC_STORE_OK;
  size_t rows = 0;
  int rc;
  int cols = sqlite3_column_count(stmt);
  Cells cells = {0};
  RcJson *w = NULL;
  if (ncols > 0 && ncols < cols) cols = ncols;

  if (format == RC_STORE_JSON) {
    if ((w = rc_json_new(out, 1)) == NULL) return rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
    rc_json_array_begin(w);
  } else if (format == RC_STORE_CSV) {
    for (int i = 0; i < cols; i++) {
      if (i) fputc(',', out);
      csv_field(out, sqlite3_column_name(stmt, i));
    }
    fputs("\r\n", out);
  } else {
    for (int i = 0; i < cols && status == RC_STORE_OK; i++)
      if (cells_push(&cells, sqlite3_column_name(stmt, i)))
        status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
  }

  while (status == RC_STORE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    rows++;
    if (on_row) on_row(ctx, stmt);
    if (format == RC_STORE_JSON) {
      rc_json_object_begin(w);
      for (int i = 0; i < cols; i++) {
        rc_json_key(w, sqlite3_column_name(stmt, i));
        json_value(w, stmt, i);
      }
      rc_json_object_end(w);
    } else if (format == RC_STORE_CSV) {
      for (int i = 0; i < cols; i++) {
        if (i) fputc(',', out);
        csv_field(out, (const char *)sqlite3_column_text(stmt, i));
      }
      fputs("\r\n", out);
    } else {
      for (int i = 0; i < cols && status == RC_STORE_OK; i++)
        if (cells_push(&cells, (const char *)sqlite3_column_text(stmt, i)))
          status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
    }
  }
  if (status == RC_STORE_OK && rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "reading rows");

  if (format == RC_STORE_JSON) {
    rc_json_array_end(w);
    if (rc_json_finish(w) && status == RC_STORE_OK)
      status = rc_store_fail(store, RC_STORE_EINTERNAL, "cannot write the output");
  } else if (format == RC_STORE_TABLE && status == RC_STORE_OK && cols > 0) {
    size_t *width = calloc((size_t)cols, sizeof *width);
    if (width == NULL) { status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory"); goto out; }
    for (size_t i = 0; i < cells.n; i++) {
      size_t wd = width_of(cells.cells[i]);
      if (wd > width[i % (size_t)cols]) width[i % (size_t)cols] = wd;
    }
    for (size_t i = 0; i < cells.n; i++) {
      size_t c = i % (size_t)cols;
      fputs(cells.cells[i], out);
      if (c + 1 == (size_t)cols) {
        fputc('\n', out);
        if (i + 1 == (size_t)cols) { /* the rule under the header */
          for (size_t k = 0; k < (size_t)cols; k++) {
            for (size_t d = 0; d < width[k]; d++) fputc('-', out);
            fputs(k + 1 == (size_t)cols ? "\n" : "  ", out);
          }
        }
      } else {
        for (size_t pad = width_of(cells.cells[i]); pad < width[c] + 2; pad++) fputc(' ', out);
      }
    }
    free(width);
  }
out:
  cells_free(&cells);
  if (count_out) *count_out = rows;
  if (status == RC_STORE_OK && ferror(out))
    status = rc_store_fail(store, RC_STORE_EINTERNAL, "cannot write the output");
  return status;
}
