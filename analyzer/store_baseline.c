/* store_baseline.c — baselines: the set of findings a project has accepted, so that lint fails
 * only on findings not in it. A baseline is a plain-text file committed with the project, a
 * findings database (its latest complete run), or a run of the current database.
 *
 * The text format (docs/database.md) is line-oriented and sorted, so that its diffs in review are
 * readable: a header line "# pyrefcheck baseline v1", comment lines starting with '#', then one
 * finding per line: FINGERPRINT TAB RULE TAB FILE TAB FUNCTION. Only the fingerprint is read back;
 * the rest is for people. No line numbers, so moving code does not churn the file. */
#include "store_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BASELINE_HEADER "# pyrefcheck baseline v1"

struct RcBaseline {
  char **fingerprints; /* sorted, owned */
  size_t n, cap;
};

static int add(RcBaseline *b, const char *fp, size_t len) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    char **grown = realloc(b->fingerprints, cap * sizeof *grown);
    if (grown == NULL) return -1;
    b->fingerprints = grown;
    b->cap = cap;
  }
  char *copy = malloc(len + 1);
  if (copy == NULL) return -1;
  memcpy(copy, fp, len);
  copy[len] = '\0';
  b->fingerprints[b->n++] = copy;
  return 0;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void rc_baseline_free(RcBaseline *b) {
  if (b == NULL) return;
  for (size_t i = 0; i < b->n; i++) free(b->fingerprints[i]);
  free(b->fingerprints);
  free(b);
}

int rc_baseline_contains(const RcBaseline *b, const char *fingerprint) {
  if (b == NULL || fingerprint == NULL || b->n == 0) return 0;
  return bsearch(&fingerprint, b->fingerprints, b->n, sizeof *b->fingerprints, cmp) != NULL;
}

size_t rc_baseline_count(const RcBaseline *b) { return b ? b->n : 0; }

static int collect(void *ctx, const RcStoredFinding *f) {
  RcBaseline *b = ctx;
  if (f->suppressed) return 0;
  return add(b, f->fingerprint, strlen(f->fingerprint)) ? RC_STORE_EINTERNAL : 0;
}

/* Loads the unsuppressed fingerprints of `run` of `store`. */
static int load_run(RcStore *store, int64_t run, RcBaseline *b, char *msg, size_t msgsize) {
  RcStoreFilter filter = {.run = run};
  int status = rc_store_findings_each(store, &filter, 0, collect, b);
  if (status) snprintf(msg, msgsize, "%s", rc_store_errmsg(store));
  return status;
}

static int load_text(FILE *f, RcBaseline *b, char *msg, size_t msgsize) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int status = RC_STORE_OK, lineno = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    if (lineno == 1 && strncmp(line, BASELINE_HEADER, sizeof BASELINE_HEADER - 1) != 0) {
      snprintf(msg, msgsize, "not a pyrefcheck baseline (the first line is not '%s')",
               BASELINE_HEADER);
      status = RC_STORE_ENOTDB;
      break;
    }
    if (line[0] == '#' || line[0] == '\n') continue;
    size_t n = strcspn(line, "\t\r\n ");
    if (n == 0) continue;
    if (add(b, line, n)) { status = RC_STORE_EINTERNAL; snprintf(msg, msgsize, "out of memory"); break; }
  }
  if (status == RC_STORE_OK && lineno == 0) {
    snprintf(msg, msgsize, "not a pyrefcheck baseline (empty file)");
    status = RC_STORE_ENOTDB;
  }
  free(line);
  return status;
}

int rc_baseline_load(RcStore *store, const char *spec, RcBaseline **out, char *msg,
                     size_t msgsize) {
  RcBaseline *b = calloc(1, sizeof *b);
  int status = RC_STORE_OK;
  FILE *f = NULL;
  *out = NULL;
  msg[0] = '\0';
  if (b == NULL) { snprintf(msg, msgsize, "out of memory"); return RC_STORE_EINTERNAL; }

  const char *digits = strncmp(spec, "run:", 4) == 0 ? spec + 4 : spec;
  if (digits[0] != '\0' && strspn(digits, "0123456789") == strlen(digits)) {
    int64_t run = 0;
    if (store == NULL) {
      snprintf(msg, msgsize, "a run baseline needs the findings database");
      status = RC_STORE_ENOTFOUND;
    } else if ((status = rc_store_run_resolve(store, digits, &run)) != RC_STORE_OK) {
      snprintf(msg, msgsize, "%s", rc_store_errmsg(store));
    } else {
      status = load_run(store, run, b, msg, msgsize);
    }
    goto out;
  }

  f = fopen(spec, "rb");
  if (f == NULL) {
    snprintf(msg, msgsize, "cannot read the baseline: %s", strerror(errno));
    status = RC_STORE_ENOTFOUND;
    goto out;
  }
  char magic[16] = {0};
  size_t got = fread(magic, 1, sizeof magic, f);
  if (got == sizeof magic && memcmp(magic, "SQLite format 3", 16) == 0) {
    fclose(f);
    f = NULL;
    RcStore *db = NULL;
    int64_t run = 0;
    status = rc_store_open(spec, RC_STORE_READONLY, &db);
    if (status == RC_STORE_OK) status = rc_store_run_resolve(db, "latest", &run);
    if (status == RC_STORE_OK) status = load_run(db, run, b, msg, msgsize);
    else snprintf(msg, msgsize, "%s", rc_store_errmsg(db));
    rc_store_close(db);
    goto out;
  }
  rewind(f);
  status = load_text(f, b, msg, msgsize);
out:
  if (f != NULL) fclose(f);
  if (status == RC_STORE_OK) {
    qsort(b->fingerprints, b->n, sizeof *b->fingerprints, cmp);
    *out = b;
  } else {
    rc_baseline_free(b);
  }
  return status;
}

/* ===== Writing =============================================================================== */

typedef struct {
  char **lines;
  size_t n, cap;
} Lines;

static int take_line(void *ctx, const RcStoredFinding *f) {
  Lines *l = ctx;
  if (f->suppressed) return 0;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    char **grown = realloc(l->lines, cap * sizeof *grown);
    if (grown == NULL) return RC_STORE_EINTERNAL;
    l->lines = grown;
    l->cap = cap;
  }
  char *s = NULL;
  size_t size = 0;
  FILE *mem = open_memstream(&s, &size);
  if (mem == NULL) return RC_STORE_EINTERNAL;
  /* Tabs and newlines inside a field would break the line format: they become spaces. */
  const char *fields[4] = {f->fingerprint, f->rule_id, f->file, f->function};
  for (int i = 0; i < 4; i++) {
    if (i) fputc('\t', mem);
    for (const char *p = fields[i] ? fields[i] : ""; *p; p++)
      fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, mem);
  }
  if (fclose(mem) != 0) { free(s); return RC_STORE_EINTERNAL; }
  l->lines[l->n++] = s;
  return 0;
}

int rc_baseline_write(RcStore *store, int64_t run, const char *path) {
  Lines lines = {0};
  RcStoreFilter filter = {.run = run};
  char tmp[4096];
  FILE *out = NULL;
  int status = rc_store_findings_each(store, &filter, 0, take_line, &lines);
  if (status) {
    if (status == RC_STORE_EINTERNAL && store->errmsg[0] == '\0')
      rc_store_fail(store, status, "out of memory");
    goto out;
  }
  qsort(lines.lines, lines.n, sizeof *lines.lines, cmp);
  if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp) {
    status = rc_store_fail(store, RC_STORE_EINTERNAL, "path too long");
    goto out;
  }
  out = fopen(tmp, "w");
  if (out == NULL) {
    status = rc_store_fail(store, errno == EACCES || errno == EROFS ? RC_STORE_EREADONLY
                                                                    : RC_STORE_ENOTFOUND,
                           "cannot write the baseline '%s': %s", path, strerror(errno));
    goto out;
  }
  fprintf(out, "%s\n# Accepted findings of run %lld; `pyrefcheck lint --baseline %s` fails only on "
               "others.\n# Regenerate with `pyrefcheck baseline write %s`. Columns: fingerprint, "
               "rule, file, function.\n",
          BASELINE_HEADER, (long long)run, path, path);
  for (size_t i = 0; i < lines.n; i++) fprintf(out, "%s\n", lines.lines[i]);
  int bad = ferror(out);
  if (fclose(out) != 0) bad = 1;
  if (bad) {
    unlink(tmp);
    status = rc_store_fail(store, RC_STORE_EFULL, "cannot write the baseline '%s' (disk full?)", path);
    goto out;
  }
  if (rename(tmp, path) != 0) {
    status = rc_store_fail(store, RC_STORE_EREADONLY, "cannot replace the baseline '%s': %s", path,
                           strerror(errno));
    unlink(tmp);
  }
out:
  for (size_t i = 0; i < lines.n; i++) free(lines.lines[i]);
  free(lines.lines);
  return status;
}
