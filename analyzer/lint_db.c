/* lint_db.c — recording lint runs and carrying unchanged files over (see lint_db.h). */
#include "lint_db.h"

#include "fingerprint.h"
#include "lint_output.h"
#include "rules.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *rel;
  char **headers;  /* owned, sorted */
  size_t count;
  char *errors;    /* the compile errors to print again when carried over ("E" lines), or NULL */
  bool fresh;      /* set or confirmed in this run */
} DepsEntry;

typedef struct {
  char *path;
  char hash[17];
} HeaderHash;

struct RcLintDb {
  RcStore *store;
  int64_t run;
  char *tool_version, *rules_version;
  char *deps_path;         /* <db>.deps */
  DepsEntry *deps;
  size_t ndeps, capdeps;
  HeaderHash *hh;          /* header hashes of this run */
  size_t nhh, caphh;
  char msg[256];           /* a failure of this module (not of the store) */
};

/* ---- hashing --------------------------------------------------------------------------------- */

void rc_lint_hash_hex(const void *data, size_t n, char out[17]) {
  snprintf(out, 17, "%016llx", (unsigned long long)rc_fingerprint_fnv(RC_FNV_OFFSET, data, n));
}

/* Hash of a file's bytes into out[17]; "missing" when it cannot be read. */
static void hash_file(const char *path, char out[17]) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    snprintf(out, 17, "missing");
    return;
  }
  uint64_t h = RC_FNV_OFFSET;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) h = rc_fingerprint_fnv(h, buf, n);
  fclose(f);
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

const char *rc_lint_tool_version(void) {
  static char version[96];
  if (version[0] == '\0') {
    char h[17];
    hash_file("/proc/self/exe", h);
    snprintf(version, sizeof version, "%s+%.8s", PYREFCHECK_VERSION, h);
  }
  return version;
}

static const char *header_hash(RcLintDb *db, const char *path) {
  for (size_t i = 0; i < db->nhh; i++)
    if (strcmp(db->hh[i].path, path) == 0) return db->hh[i].hash;
  if (db->nhh == db->caphh) {
    db->caphh = db->caphh ? db->caphh * 2 : 64;
    db->hh = realloc(db->hh, db->caphh * sizeof *db->hh);
    if (db->hh == NULL) abort();
  }
  HeaderHash *e = &db->hh[db->nhh++];
  e->path = strdup(path);
  if (e->path == NULL) abort();
  hash_file(path, e->hash);
  return e->hash;
}

/* The hash of a header list (sorted): each path and the hash of its content. */
static void deps_hash(RcLintDb *db, char *const *headers, size_t n, char out[17]) {
  uint64_t h = RC_FNV_OFFSET;
  for (size_t i = 0; i < n; i++) {
    h = rc_fingerprint_fnv(h, headers[i], strlen(headers[i]) + 1);
    h = rc_fingerprint_fnv(h, header_hash(db, headers[i]), 17);
  }
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- the deps table ------------------------------------------------------------------------------ */

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static DepsEntry *deps_find(RcLintDb *db, const char *rel) {
  for (size_t i = 0; i < db->ndeps; i++)
    if (strcmp(db->deps[i].rel, rel) == 0) return &db->deps[i];
  return NULL;
}

static DepsEntry *deps_add(RcLintDb *db, const char *rel) {
  if (db->ndeps == db->capdeps) {
    db->capdeps = db->capdeps ? db->capdeps * 2 : 64;
    db->deps = realloc(db->deps, db->capdeps * sizeof *db->deps);
    if (db->deps == NULL) abort();
  }
  DepsEntry *e = &db->deps[db->ndeps++];
  memset(e, 0, sizeof *e);
  e->rel = strdup(rel);
  if (e->rel == NULL) abort();
  return e;
}

static void deps_push(DepsEntry *e, const char *header) {
  e->headers = realloc(e->headers, (e->count + 1) * sizeof *e->headers);
  if (e->headers == NULL || (e->headers[e->count] = strdup(header)) == NULL) abort();
  e->count++;
}

static void deps_clear(DepsEntry *e) {
  for (size_t i = 0; i < e->count; i++) free(e->headers[i]);
  free(e->headers);
  e->headers = NULL;
  e->count = 0;
  free(e->errors);
  e->errors = NULL;
}

/* Appends one line (and a newline) to the entry's compile errors. */
static void deps_push_error(DepsEntry *e, const char *line, size_t len) {
  size_t have = e->errors ? strlen(e->errors) : 0;
  char *grown = realloc(e->errors, have + len + 2);
  if (grown == NULL) abort();
  memcpy(grown + have, line, len);
  grown[have + len] = '\n';
  grown[have + len + 1] = '\0';
  e->errors = grown;
}

/* Reads <db>.deps; a missing or damaged file only means no file can be carried over. */
static void deps_load(RcLintDb *db) {
  FILE *f = fopen(db->deps_path, "r");
  if (f == NULL) return;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  DepsEntry *cur = NULL;
  while ((n = getline(&line, &cap, f)) > 0) {
    if (line[n - 1] == '\n') line[--n] = '\0';
    if (line[0] == 'F' && line[1] == '\t') cur = deps_add(db, line + 2);
    else if (line[0] == '\t' && cur != NULL) deps_push(cur, line + 1);
    else if (line[0] == 'E' && line[1] == '\t' && cur != NULL) deps_push_error(cur, line + 2, (size_t)n - 2);
  }
  free(line);
  fclose(f);
}

/* Writes the table to <db>.deps.tmp and renames it over <db>.deps. */
static int deps_save(RcLintDb *db) {
  size_t n = strlen(db->deps_path) + 5;
  char *tmp = malloc(n);
  if (tmp == NULL) return -1;
  snprintf(tmp, n, "%s.tmp", db->deps_path);
  FILE *f = fopen(tmp, "w");
  int rc = -1;
  if (f != NULL) {
    fputs("# pyrefcheck: included headers of each file of the last runs (lint_db.c)\n", f);
    for (size_t i = 0; i < db->ndeps; i++) {
      fprintf(f, "F\t%s\n", db->deps[i].rel);
      for (size_t k = 0; k < db->deps[i].count; k++) fprintf(f, "\t%s\n", db->deps[i].headers[k]);
      for (const char *e = db->deps[i].errors; e != NULL && *e != '\0';) {
        size_t len = strcspn(e, "\n");
        fprintf(f, "E\t%.*s\n", (int)len, e);
        e += len + (e[len] == '\n');
      }
    }
    rc = fclose(f) == 0 ? rename(tmp, db->deps_path) : -1;
    if (rc != 0) remove(tmp);
  }
  free(tmp);
  return rc;
}

/* ---- the run --------------------------------------------------------------------------------------- */

int rc_lint_db_open(const char *path, const RcStoreRunInfo *info, RcLintDb **out) {
  RcLintDb *db = calloc(1, sizeof *db);
  if (db == NULL) abort();
  *out = db;
  size_t n = strlen(path) + 6;
  db->deps_path = malloc(n);
  if (db->deps_path == NULL) abort();
  snprintf(db->deps_path, n, "%s.deps", path);
  db->tool_version = strdup(info->tool_version ? info->tool_version : PYREFCHECK_VERSION);
  db->rules_version = info->rules_version ? strdup(info->rules_version) : NULL;
  int status = rc_store_open(path, RC_STORE_CREATE, &db->store);
  if (status == RC_STORE_OK) status = rc_store_run_begin(db->store, info, &db->run);
  if (status == RC_STORE_OK) deps_load(db);
  return status;
}

const char *rc_lint_db_errmsg(const RcLintDb *db) {
  if (db->msg[0] != '\0') return db->msg;
  return db->store ? rc_store_errmsg(db->store) : "out of memory";
}
const char *rc_lint_db_path(const RcLintDb *db) {
  return db->store ? rc_store_path(db->store) : "";
}
RcStore *rc_lint_db_store(RcLintDb *db) { return db->store; }
int64_t rc_lint_db_run(const RcLintDb *db) { return db->run; }

/* ---- carrying over ------------------------------------------------------------------------------- */

typedef struct {
  RcReport *report;
  const RcLintDbFile *file;
} CarryCtx;

static RcSeverity severity_of(const char *name) {
  if (name != NULL && strcmp(name, "error") == 0) return RC_SEVERITY_ERROR;
  if (name != NULL && strcmp(name, "note") == 0) return RC_SEVERITY_NOTE;
  return RC_SEVERITY_WARNING;
}

/* The path to show for a root-relative `rel`: the user's spelling for the file itself. */
static char *display_path(const RcLintDbFile *file, const char *rel) {
  if (rel == NULL || strcmp(rel, file->rel) == 0) return strdup(file->display);
  if (rel[0] == '/' || file->root == NULL) return strdup(rel);
  size_t n = strlen(file->root) + strlen(rel) + 2;
  char *p = malloc(n);
  if (p != NULL) snprintf(p, n, "%s/%s", file->root, rel);
  return p;
}

static int carry_finding(void *ctx, const RcStoredFinding *s) {
  CarryCtx *c = ctx;
  RcFinding f;
  memset(&f, 0, sizeof f);
  f.rule = s->rule_id;
  /* a function left out for a compile error is recorded as analysis-incomplete (lint_output.c)
   * but is a note of the run, without a rule id, in the report */
  if (strcmp(s->rule_id, "analysis-incomplete") == 0 && strstr(s->message, "' was not analysed: ") != NULL)
    f.rule = "";
  f.severity = severity_of(s->severity);
  char *file = display_path(c->file, s->file);
  f.file = file;
  f.line = s->line;
  f.col = s->column;
  f.function = s->function && s->function[0] ? s->function : NULL;
  f.message = (char *)s->message;
  f.suppressed = s->suppressed != 0;
  f.fixit = (char *)s->fixit;
  f.fingerprint = (char *)s->fingerprint;
  RcStep *steps = calloc(s->step_count + 1, sizeof *steps);
  if (steps == NULL) abort();
  for (size_t i = 0; i < s->step_count; i++) {
    steps[i].text = (char *)s->steps[i].message;
    steps[i].file = display_path(c->file, s->steps[i].file);
    steps[i].line = s->steps[i].line;
    steps[i].col = s->steps[i].column;
  }
  f.steps = steps;
  f.nsteps = (int)s->step_count;
  rc_report_add(c->report, &f);
  for (size_t i = 0; i < s->step_count; i++) free((char *)steps[i].file);
  free(steps);
  free(file);
  return 0;
}

/* `rel` as a GLOB pattern matching only itself. */
static char *glob_escape(const char *rel) {
  char *g = malloc(strlen(rel) * 3 + 1), *p = g;
  if (g == NULL) abort();
  for (const char *c = rel; *c; c++) {
    if (*c == '*' || *c == '?' || *c == '[') {
      *p++ = '[';
      *p++ = *c;
      *p++ = ']';
    } else {
      *p++ = *c;
    }
  }
  *p = '\0';
  return g;
}

int rc_lint_db_try_carry(RcLintDb *db, const RcLintDbFile *file, RcReport *report, bool *carried,
                         const char **errors) {
  *carried = false;
  *errors = NULL;
  DepsEntry *deps = deps_find(db, file->rel);
  if (deps == NULL) return RC_STORE_OK; /* never analysed here (or the deps file was lost) */
  char dh[17];
  deps_hash(db, deps->headers, deps->count, dh);
  RcStoreFileInfo info = {.path = file->rel, .content_hash = file->content_hash,
                          .args_hash = file->args_hash, .deps_hash = dh,
                          .parse_status = deps->errors != NULL ? "error" : "ok"};
  int64_t prev = 0;
  int status = rc_store_file_unchanged(db->store, &info, db->tool_version, db->rules_version, &prev);
  if (status != RC_STORE_OK || prev == 0) return status;
  status = rc_store_file_carry(db->store, db->run, prev);
  if (status != RC_STORE_OK) return status;
  deps->fresh = true;
  char *glob = glob_escape(file->rel);
  RcStoreFilter filter = {.run = db->run, .file_glob = glob};
  CarryCtx ctx = {report, file};
  status = rc_store_findings_each(db->store, &filter, 1, carry_finding, &ctx);
  free(glob);
  if (status == RC_STORE_OK) {
    *carried = true;
    *errors = deps->errors;
  }
  return status;
}

/* ---- recording --------------------------------------------------------------------------------- */

int rc_lint_db_record(RcLintDb *db, const RcLintDbFile *file, const char *const *headers,
                      size_t nheaders, const RcLintFunction *functions, size_t nfunctions,
                      const RcReport *report, size_t from, size_t to, bool parsed_ok,
                      const char *errors, double analysis_ms) {
  DepsEntry *deps = deps_find(db, file->rel);
  if (deps == NULL) deps = deps_add(db, file->rel);
  deps_clear(deps);
  for (size_t i = 0; i < nheaders; i++) deps_push(deps, headers[i]);
  if (!parsed_ok && errors != NULL && errors[0] != '\0') {
    deps->errors = strdup(errors);
    if (deps->errors == NULL) abort();
  }
  if (deps->count > 1) qsort(deps->headers, deps->count, sizeof *deps->headers, by_string);
  size_t w = 0; /* unique */
  for (size_t i = 0; i < deps->count; i++) {
    if (w > 0 && strcmp(deps->headers[w - 1], deps->headers[i]) == 0) {
      free(deps->headers[i]);
      continue;
    }
    deps->headers[w++] = deps->headers[i];
  }
  deps->count = w;
  deps->fresh = true;
  char dh[17];
  deps_hash(db, deps->headers, deps->count, dh);
  RcStoreFileInfo info = {.path = file->rel, .content_hash = file->content_hash,
                          .args_hash = file->args_hash, .deps_hash = dh,
                          .parse_status = parsed_ok ? "ok" : "error"};
  int status = rc_store_file_begin(db->store, db->run, &info);
  if (status != RC_STORE_OK) return status;
  /* Every function definition, whether its analysis ran to the end and the work it took (the
   * store's `functions` table feeds `query --incomplete`); findings link to them by name. */
  for (size_t i = 0; i < nfunctions && status == RC_STORE_OK; i++)
    status = rc_store_function(db->store, functions[i].name, functions[i].line, functions[i].complete,
                               functions[i].steps > UINT_MAX ? UINT_MAX : (unsigned)functions[i].steps);
  for (size_t i = from; i < to && status == RC_STORE_OK; i++) {
    RcLintRecord r;
    if (rc_lint_record_make(rc_report_at(report, i), file->root, &r) != 0) abort();
    r.rec.file = file->rel;
    r.rec.fingerprint = NULL; /* the store computes and numbers it: the same recipe */
    status = rc_store_finding(db->store, &r.rec);
    rc_lint_record_free(&r);
  }
  if (status != RC_STORE_OK) {
    rc_store_file_abort(db->store);
    return status;
  }
  return rc_store_file_end(db->store, analysis_ms);
}

int rc_lint_db_close(RcLintDb *db, bool ok) {
  if (db == NULL) return RC_STORE_OK;
  int status = RC_STORE_OK;
  if (db->store != NULL && db->run != 0) {
    status = rc_store_run_finish(db->store, db->run, ok);
    if (status == RC_STORE_OK && ok) {
      /* keep the entries of files not in this run (another shard, another input set) */
      if (deps_save(db) != 0)
        fprintf(stderr, "pyrefcheck: %s: warning: cannot write it: the next run re-parses every file\n",
                db->deps_path);
    }
  }
  rc_store_close(db->store);
  for (size_t i = 0; i < db->ndeps; i++) {
    deps_clear(&db->deps[i]);
    free(db->deps[i].rel);
  }
  free(db->deps);
  for (size_t i = 0; i < db->nhh; i++) free(db->hh[i].path);
  free(db->hh);
  free(db->deps_path);
  free(db->tool_version);
  free(db->rules_version);
  free(db);
  return status;
}
