/* lint_output.c — interchange records, fingerprints, JSON and SARIF of lint (see lint_output.h). */
#include "lint_output.h"

#include "fingerprint.h"
#include "json.h"
#include "rules.h"
#include "sarif.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *rc_lint_relpath(const char *root, const char *path) {
  if (root == NULL || root[0] == '\0') return strdup(path);
  char *abs = realpath(path, NULL);
  if (abs == NULL) return strdup(path); /* a file that vanished: keep what we were told */
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/') n--;
  if (strncmp(abs, root, n) == 0 && abs[n] == '/') {
    char *rel = strdup(abs + n + 1);
    free(abs);
    return rel;
  }
  return abs;
}

/* The API call a step names: the first identifier written as `name()`, or NULL. */
static const char *step_call(const char *text, size_t *len) {
  for (const char *p = strstr(text, "()"); p != NULL; p = strstr(p + 1, "()")) {
    const char *start = p;
    while (start > text && (isalnum((unsigned char)start[-1]) || start[-1] == '_')) start--;
    if (start < p && !isdigit((unsigned char)*start)) {
      *len = (size_t)(p - start);
      return start;
    }
  }
  return NULL;
}

static const char *rule_of(const RcFinding *f) {
  return f->rule[0] != '\0' ? f->rule : "analysis-incomplete";
}

void rc_lint_record_free(RcLintRecord *r) {
  if (r == NULL) return;
  free(r->file);
  if (r->step_files != NULL)
    for (size_t i = 0; i < r->rec.step_count; i++) free(r->step_files[i]);
  free(r->step_files);
  free(r->steps);
  free(r->calls);
  free(r->call_text);
  memset(r, 0, sizeof *r);
}

int rc_lint_record_make(const RcFinding *f, const char *root, RcLintRecord *out) {
  memset(out, 0, sizeof *out);
  size_t nsteps = f->nsteps > 0 ? (size_t)f->nsteps : 0;
  out->file = rc_lint_relpath(root, f->file);
  out->steps = calloc(nsteps + 1, sizeof *out->steps);
  out->step_files = calloc(nsteps + 1, sizeof *out->step_files);
  out->calls = calloc(nsteps + 1, sizeof *out->calls);
  size_t text_size = 1;
  for (size_t i = 0; i < nsteps; i++) text_size += strlen(f->steps[i].text) + 1;
  out->call_text = malloc(text_size);
  if (out->file == NULL || out->steps == NULL || out->step_files == NULL || out->calls == NULL ||
      out->call_text == NULL)
    goto fail;
  char *cursor = out->call_text;
  size_t ncalls = 0;
  for (size_t i = 0; i < nsteps; i++) {
    const RcStep *s = &f->steps[i];
    const char *sf = s->file ? s->file : f->file;
    out->step_files[i] = strcmp(sf, f->file) == 0 ? strdup(out->file) : rc_lint_relpath(root, sf);
    if (out->step_files[i] == NULL) goto fail;
    out->steps[i] = (RcStoredStep){out->step_files[i], s->line, s->col, s->text};
    size_t len = 0;
    const char *call = step_call(s->text, &len);
    if (call != NULL) {
      memcpy(cursor, call, len);
      cursor[len] = '\0';
      out->calls[ncalls++] = cursor;
      cursor += len + 1;
    }
  }
  RcStoredFinding *r = &out->rec;
  r->rule_id = rule_of(f);
  r->severity = rc_severity_name(f->severity);
  r->file = out->file;
  r->function = f->function ? f->function : "";
  r->message = f->message;
  r->line = f->line;
  r->column = f->col;
  r->path_calls = out->calls;
  r->path_call_count = ncalls;
  r->steps = out->steps;
  r->step_count = nsteps;
  r->suppressed = f->suppressed;
  r->fingerprint = f->fingerprint;
  r->fixit = f->fixit;
  r->confirmation = f->confirmation;
  r->confirm_verdict = f->confirm_verdict;
  r->confirm_detail = f->confirm_detail;
  return 0;
fail:
  out->rec.step_count = nsteps;
  rc_lint_record_free(out);
  return -1;
}

int rc_lint_fingerprint_file(RcReport *report, size_t from, size_t to, const char *root) {
  if (to <= from) return 0;
  size_t n = to - from;
  int rc = -1;
  unsigned *line = calloc(n, sizeof *line), *col = calloc(n, sizeof *col);
  char(*id)[RC_FINGERPRINT_ID] = calloc(n, sizeof *id);
  if (line == NULL || col == NULL || id == NULL) goto out;
  for (size_t i = 0; i < n; i++) {
    const RcFinding *f = rc_report_at(report, from + i);
    RcLintRecord r;
    if (rc_lint_record_make(f, root, &r) != 0) goto out;
    char base[RC_FINGERPRINT_HEX];
    rc_fingerprint_compute(r.rec.rule_id, r.rec.file, r.rec.function, r.rec.path_calls,
                           r.rec.path_call_count, base);
    memcpy(id[i], base, sizeof base);
    line[i] = f->line;
    col[i] = f->col;
    rc_lint_record_free(&r);
  }
  if (rc_fingerprint_number(n, line, col, id) != 0) goto out;
  for (size_t i = 0; i < n; i++) rc_report_set_fingerprint(report, from + i, id[i]);
  rc = 0;
out:
  free(line);
  free(col);
  free(id);
  return rc;
}

void rc_lint_now(char *out, size_t size) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- renderers -------------------------------------------------------------------------------- */

const char *rc_lint_rule_summary(const char *id) {
  const RcRuleInfo *r = rc_rules_find(id);
  return r ? r->summary : NULL;
}

const char *rc_lint_rule_help(const char *id) {
  const RcRuleInfo *r = rc_rules_find(id);
  return r ? r->page : NULL;
}

int rc_lint_write_json(const RcReport *report, const RcLintRunInfo *run, FILE *out) {
  RcJson *w = rc_json_new(out, 1);
  if (w == NULL) return -1;
  int failed = 0;
  rc_json_object_begin(w);
  rc_json_key(w, "format"); rc_json_string(w, "pyrefcheck-findings");
  rc_json_key(w, "version"); rc_json_int(w, 1);
  rc_json_key(w, "run");
  rc_json_object_begin(w);
  rc_json_key(w, "kind"); rc_json_string(w, "lint");
  rc_json_key(w, "status"); rc_json_string(w, run->complete ? "complete" : "failed");
  rc_json_key(w, "started_at"); rc_json_string(w, run->started_at);
  rc_json_key(w, "finished_at"); rc_json_string(w, run->finished_at);
  rc_json_key(w, "tool_version"); rc_json_string(w, PYREFCHECK_VERSION);
  rc_json_key(w, "rules_version"); rc_json_string(w, rc_rules_data_version());
  rc_json_key(w, "python_version"); rc_json_string(w, run->python_version);
  rc_json_key(w, "root"); rc_json_string(w, run->root);
  rc_json_object_end(w);
  rc_json_key(w, "findings");
  rc_json_array_begin(w);
  for (size_t i = 0; i < rc_report_count(report); i++) {
    RcLintRecord r;
    if (rc_lint_record_make(rc_report_at(report, i), run->root, &r) != 0) {
      failed = 1;
      break;
    }
    rc_store_finding_json(w, &r.rec);
    rc_lint_record_free(&r);
  }
  rc_json_array_end(w);
  rc_json_object_end(w);
  return rc_json_finish(w) != 0 || failed ? -1 : 0;
}

int rc_lint_write_sarif(const RcReport *report, const RcLintRunInfo *run, FILE *out) {
  RcSarifRun meta = {
    .root = run->root, .started_at = run->started_at, .finished_at = run->finished_at,
    .complete = run->complete, .rule_summary = rc_lint_rule_summary, .rule_help = rc_lint_rule_help,
  };
  RcSarif *s = rc_sarif_begin(out, &meta);
  if (s == NULL) return -1;
  int failed = 0;
  for (size_t i = 0; i < rc_report_count(report) && !failed; i++) {
    RcLintRecord r;
    if (rc_lint_record_make(rc_report_at(report, i), run->root, &r) != 0) {
      failed = 1;
      break;
    }
    if (run->has_baseline) r.rec.baseline_state = rc_report_at(report, i)->in_baseline ? "unchanged" : "new";
    failed = rc_sarif_add(s, &r.rec) != 0;
    rc_lint_record_free(&r);
  }
  return rc_sarif_end(s) != 0 || failed ? -1 : 0;
}
