/* sarif.c — SARIF 2.1.0 rendering (see sarif.h). */
#include "sarif.h"

#include "fingerprint.h"
#include "json.h"

#include <stdlib.h>
#include <string.h>

struct RcSarif {
  RcJson *w;
  FILE *out;
  RcSarifRun run;   /* borrowed strings: valid until rc_sarif_end, per the caller's contract */
  char **rules;     /* distinct rule ids in first-seen order (ruleIndex), owned */
  size_t nrules, caprules;
  int failed;
};

/* Percent-encodes what is not an unreserved URI character or '/' into a malloc'd string. */
static char *uri_encode(const char *prefix, const char *path, const char *suffix) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(prefix) + strlen(path) * 3 + strlen(suffix) + 1;
  char *s = malloc(n), *p = s;
  if (s == NULL) return NULL;
  p += sprintf(p, "%s", prefix);
  for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
    if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
        strchr("-._~/", *c) != NULL) {
      *p++ = (char)*c;
    } else {
      *p++ = '%';
      *p++ = hex[*c >> 4];
      *p++ = hex[*c & 15];
    }
  }
  strcpy(p, suffix);
  return s;
}

RcSarif *rc_sarif_begin(FILE *out, const RcSarifRun *run) {
  RcSarif *s = calloc(1, sizeof *s);
  if (s == NULL) return NULL;
  s->w = rc_json_new(out, 1);
  if (s->w == NULL) { free(s); return NULL; }
  s->out = out;
  s->run = *run;
  rc_json_object_begin(s->w);
  rc_json_key(s->w, "$schema");
  rc_json_string(s->w, "https://json.schemastore.org/sarif-2.1.0.json");
  rc_json_key(s->w, "version");
  rc_json_string(s->w, "2.1.0");
  rc_json_key(s->w, "runs");
  rc_json_array_begin(s->w);
  rc_json_object_begin(s->w);
  rc_json_key(s->w, "results");
  rc_json_array_begin(s->w);
  return s;
}

/* The ruleIndex of `id`, adding it on first sight; -1 when out of memory. */
static long rule_index(RcSarif *s, const char *id) {
  for (size_t i = 0; i < s->nrules; i++)
    if (strcmp(s->rules[i], id) == 0) return (long)i;
  if (s->nrules == s->caprules) {
    size_t cap = s->caprules ? s->caprules * 2 : 16;
    char **grown = realloc(s->rules, cap * sizeof *grown);
    if (grown == NULL) return -1;
    s->rules = grown;
    s->caprules = cap;
  }
  if ((s->rules[s->nrules] = strdup(id)) == NULL) return -1;
  return (long)s->nrules++;
}

static int physical_location(RcSarif *s, const char *file, unsigned line, unsigned column) {
  char *uri = uri_encode("", file ? file : "", "");
  if (uri == NULL) return -1;
  RcJson *w = s->w;
  rc_json_key(w, "physicalLocation");
  rc_json_object_begin(w);
  rc_json_key(w, "artifactLocation");
  rc_json_object_begin(w);
  rc_json_key(w, "uri");
  rc_json_string(w, uri);
  if (s->run.root != NULL && s->run.root[0] != '\0') {
    rc_json_key(w, "uriBaseId");
    rc_json_string(w, "SRCROOT");
  }
  rc_json_object_end(w);
  if (line > 0) {
    rc_json_key(w, "region");
    rc_json_object_begin(w);
    rc_json_key(w, "startLine");
    rc_json_int(w, line);
    if (column > 0) {
      rc_json_key(w, "startColumn");
      rc_json_int(w, column);
    }
    rc_json_object_end(w);
  }
  rc_json_object_end(w);
  free(uri);
  return 0;
}

static void message(RcJson *w, const char *text) {
  rc_json_key(w, "message");
  rc_json_object_begin(w);
  rc_json_key(w, "text");
  rc_json_string(w, text && text[0] ? text : "(no message)");
  rc_json_object_end(w);
}

static const char *level_of(const char *severity) {
  if (severity != NULL && (strcmp(severity, "error") == 0 || strcmp(severity, "note") == 0))
    return severity;
  return "warning";
}

int rc_sarif_add(RcSarif *s, const RcStoredFinding *f) {
  RcJson *w = s->w;
  long index = rule_index(s, f->rule_id ? f->rule_id : "unknown");
  if (index < 0) { s->failed = 1; return -1; }
  rc_json_object_begin(w);
  rc_json_key(w, "ruleId");
  rc_json_string(w, f->rule_id ? f->rule_id : "unknown");
  rc_json_key(w, "ruleIndex");
  rc_json_int(w, index);
  rc_json_key(w, "level");
  rc_json_string(w, level_of(f->severity));
  message(w, f->message);

  rc_json_key(w, "locations");
  rc_json_array_begin(w);
  rc_json_object_begin(w);
  if (physical_location(s, f->file, f->line, f->column)) { s->failed = 1; return -1; }
  if (f->function != NULL && f->function[0] != '\0') {
    rc_json_key(w, "logicalLocations");
    rc_json_array_begin(w);
    rc_json_object_begin(w);
    rc_json_key(w, "name");
    rc_json_string(w, f->function);
    rc_json_key(w, "kind");
    rc_json_string(w, "function");
    rc_json_object_end(w);
    rc_json_array_end(w);
  }
  rc_json_object_end(w);
  rc_json_array_end(w);

  /* Fingerprints: ours as stored, or computed now for records that never went through a store. */
  char fp[RC_FINGERPRINT_HEX], lh[RC_FINGERPRINT_HEX + 4];
  const char *fingerprint = f->fingerprint;
  if (fingerprint == NULL) {
    rc_fingerprint_compute(f->rule_id, f->file, f->function, f->path_calls, f->path_call_count, fp);
    fingerprint = fp;
  }
  const char *line_hash = f->line_hash;
  if (line_hash == NULL) {
    char h[RC_FINGERPRINT_HEX];
    rc_fingerprint_line_hash(f->line_text, fingerprint, h);
    snprintf(lh, sizeof lh, "%s:1", h);
    line_hash = lh;
  }
  rc_json_key(w, "partialFingerprints");
  rc_json_object_begin(w);
  rc_json_key(w, "pyrefcheck/v1");
  rc_json_string(w, fingerprint);
  rc_json_key(w, "primaryLocationLineHash");
  rc_json_string(w, line_hash);
  rc_json_object_end(w);

  if (f->step_count > 0) {
    rc_json_key(w, "codeFlows");
    rc_json_array_begin(w);
    rc_json_object_begin(w);
    rc_json_key(w, "threadFlows");
    rc_json_array_begin(w);
    rc_json_object_begin(w);
    rc_json_key(w, "locations");
    rc_json_array_begin(w);
    for (size_t i = 0; i < f->step_count; i++) {
      const RcStoredStep *st = &f->steps[i];
      rc_json_object_begin(w);
      rc_json_key(w, "location");
      rc_json_object_begin(w);
      if (physical_location(s, st->file ? st->file : f->file, st->line, st->column)) {
        s->failed = 1;
        return -1;
      }
      message(w, st->message);
      rc_json_object_end(w);
      rc_json_key(w, "executionOrder");
      rc_json_int(w, (int64_t)i + 1);
      rc_json_object_end(w);
    }
    rc_json_array_end(w);
    rc_json_object_end(w);
    rc_json_array_end(w);
    rc_json_object_end(w);
    rc_json_array_end(w);
  }
  if (f->confirmation != NULL) { /* lint --confirm: a property bag, as SARIF allows anywhere */
    rc_json_key(w, "properties");
    rc_json_object_begin(w);
    rc_json_key(w, "pyrefcheck/confirmation"); rc_json_string(w, f->confirmation);
    rc_json_key(w, "pyrefcheck/oracleVerdict"); rc_json_string(w, f->confirm_verdict);
    rc_json_key(w, "pyrefcheck/confirmationDetail"); rc_json_string(w, f->confirm_detail);
    rc_json_object_end(w);
  }
  if (f->baseline_state != NULL) {
    rc_json_key(w, "baselineState");
    rc_json_string(w, f->baseline_state);
  }
  if (f->suppressed) {
    rc_json_key(w, "suppressions");
    rc_json_array_begin(w);
    rc_json_object_begin(w);
    rc_json_key(w, "kind");
    rc_json_string(w, "inSource");
    rc_json_object_end(w);
    rc_json_array_end(w);
  }
  rc_json_object_end(w);
  return ferror(s->out) ? (s->failed = 1, -1) : 0;
}

int rc_sarif_end(RcSarif *s) {
  if (s == NULL) return -1;
  RcJson *w = s->w;
  const char *base = s->run.help_uri_base ? s->run.help_uri_base : RC_SARIF_DEFAULT_HELP_BASE;
  rc_json_array_end(w); /* results */

  rc_json_key(w, "tool");
  rc_json_object_begin(w);
  rc_json_key(w, "driver");
  rc_json_object_begin(w);
  rc_json_key(w, "name");
  rc_json_string(w, "pyrefcheck");
  rc_json_key(w, "version");
  rc_json_string(w, s->run.tool_version ? s->run.tool_version : PYREFCHECK_VERSION);
  rc_json_key(w, "rules");
  rc_json_array_begin(w);
  for (size_t i = 0; i < s->nrules; i++) {
    char *uri = uri_encode(base, s->rules[i], ".md");
    if (uri == NULL) { s->failed = 1; break; }
    rc_json_object_begin(w);
    rc_json_key(w, "id");
    rc_json_string(w, s->rules[i]);
    rc_json_key(w, "helpUri");
    rc_json_string(w, uri);
    const char *summary = s->run.rule_summary ? s->run.rule_summary(s->rules[i]) : NULL;
    if (summary != NULL) {
      rc_json_key(w, "shortDescription");
      rc_json_object_begin(w);
      rc_json_key(w, "text");
      rc_json_string(w, summary);
      rc_json_object_end(w);
    }
    const char *help = s->run.rule_help ? s->run.rule_help(s->rules[i]) : NULL;
    if (help != NULL) {
      rc_json_key(w, "help");
      rc_json_object_begin(w);
      rc_json_key(w, "text");
      rc_json_string(w, help);
      rc_json_key(w, "markdown");
      rc_json_string(w, help);
      rc_json_object_end(w);
    }
    rc_json_object_end(w);
    free(uri);
  }
  rc_json_array_end(w);
  rc_json_object_end(w);
  rc_json_object_end(w);

  if (s->run.root != NULL && s->run.root[0] != '\0') {
    size_t n = strlen(s->run.root);
    char *uri = uri_encode("file://", s->run.root,
                           n > 0 && s->run.root[n - 1] == '/' ? "" : "/");
    if (uri == NULL) s->failed = 1;
    else {
      rc_json_key(w, "originalUriBaseIds");
      rc_json_object_begin(w);
      rc_json_key(w, "SRCROOT");
      rc_json_object_begin(w);
      rc_json_key(w, "uri");
      rc_json_string(w, uri);
      rc_json_object_end(w);
      rc_json_object_end(w);
      free(uri);
    }
  }
  rc_json_key(w, "invocations");
  rc_json_array_begin(w);
  rc_json_object_begin(w);
  rc_json_key(w, "executionSuccessful");
  rc_json_bool(w, s->run.complete);
  if (s->run.started_at) {
    rc_json_key(w, "startTimeUtc");
    rc_json_string(w, s->run.started_at);
  }
  if (s->run.finished_at) {
    rc_json_key(w, "endTimeUtc");
    rc_json_string(w, s->run.finished_at);
  }
  rc_json_object_end(w);
  rc_json_array_end(w);

  rc_json_object_end(w); /* the run */
  rc_json_array_end(w);  /* runs */
  rc_json_object_end(w);
  int rc = rc_json_finish(w);
  for (size_t i = 0; i < s->nrules; i++) free(s->rules[i]);
  free(s->rules);
  int failed = s->failed;
  free(s);
  return rc != 0 || failed ? -1 : 0;
}
