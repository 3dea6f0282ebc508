/* store_export.c — `pyrefcheck export`: a recorded run as SARIF (through sarif.c) or as
 * pyrefcheck's own JSON. Both stream: findings are read one at a time from the database. */
#include "json.h"
#include "sarif.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* A run record copied out of the callback (the SARIF writer keeps pointers until its end). */
typedef struct {
  char *status, *started_at, *finished_at, *tool_version, *root, *kind, *libclang_version,
      *rules_version, *python_version, *arguments;
  unsigned shard_index, shard_count;
  int64_t id;
} RunCopy;

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int copy_run(void *ctx, const RcStoreRunRecord *r) {
  RunCopy *c = ctx;
  c->id = r->id;
  c->status = dup_or_null(r->status);
  c->started_at = dup_or_null(r->started_at);
  c->finished_at = dup_or_null(r->finished_at);
  c->tool_version = dup_or_null(r->tool_version);
  c->root = dup_or_null(r->root);
  c->kind = dup_or_null(r->kind);
  c->libclang_version = dup_or_null(r->libclang_version);
  c->rules_version = dup_or_null(r->rules_version);
  c->python_version = dup_or_null(r->python_version);
  c->arguments = dup_or_null(r->arguments);
  c->shard_index = r->shard_index;
  c->shard_count = r->shard_count;
  return 0;
}

static void free_run(RunCopy *c) {
  free(c->status);
  free(c->started_at);
  free(c->finished_at);
  free(c->tool_version);
  free(c->root);
  free(c->kind);
  free(c->libclang_version);
  free(c->rules_version);
  free(c->python_version);
  free(c->arguments);
}

static int add_sarif(void *ctx, const RcStoredFinding *f) {
  return rc_sarif_add(ctx, f) ? RC_STORE_EINTERNAL : 0;
}

int rc_store_export_sarif(RcStore *store, int64_t run, const char *help_uri_base,
                          const char *(*rule_summary)(const char *rule_id),
                          const char *(*rule_help)(const char *rule_id), FILE *out) {
  RunCopy r = {0};
  int status = rc_store_run_get(store, run, copy_run, &r);
  if (status) goto out;
  RcSarifRun meta = {
    .tool_version = r.tool_version, .root = r.root, .help_uri_base = help_uri_base,
    .started_at = r.started_at, .finished_at = r.finished_at,
    .complete = r.status != NULL && strcmp(r.status, "complete") == 0,
    .rule_summary = rule_summary, .rule_help = rule_help,
  };
  RcSarif *s = rc_sarif_begin(out, &meta);
  if (s == NULL) { status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory"); goto out; }
  RcStoreFilter filter = {.run = run};
  store->errmsg[0] = '\0';
  status = rc_store_findings_each(store, &filter, 1, add_sarif, s);
  if (rc_sarif_end(s) && status == RC_STORE_OK) status = RC_STORE_EINTERNAL;
  if (status == RC_STORE_EINTERNAL && store->errmsg[0] == '\0')
    rc_store_fail(store, status, "cannot write the SARIF output");
out:
  free_run(&r);
  return status;
}

void rc_store_finding_json(RcJson *w, const RcStoredFinding *f) {
  rc_json_object_begin(w);
  rc_json_key(w, "rule"); rc_json_string(w, f->rule_id);
  rc_json_key(w, "severity"); rc_json_string(w, f->severity);
  rc_json_key(w, "file"); rc_json_string(w, f->file);
  rc_json_key(w, "line"); rc_json_int(w, f->line);
  rc_json_key(w, "column"); rc_json_int(w, f->column);
  rc_json_key(w, "function"); rc_json_string(w, f->function);
  rc_json_key(w, "message"); rc_json_string(w, f->message);
  rc_json_key(w, "fingerprint"); rc_json_string(w, f->fingerprint);
  rc_json_key(w, "suppressed"); rc_json_bool(w, f->suppressed);
  if (f->fixit != NULL) {
    rc_json_key(w, "fixit"); rc_json_string(w, f->fixit);
  }
  if (f->confirmation != NULL) { /* lint --confirm */
    int confirmed = strcmp(f->confirmation, "confirmed") == 0;
    rc_json_key(w, "confirmation");
    rc_json_object_begin(w);
    rc_json_key(w, "status"); rc_json_string(w, f->confirmation);
    rc_json_key(w, "verdict"); rc_json_string(w, f->confirm_verdict);
    rc_json_key(w, confirmed ? "replay" : "reason"); rc_json_string(w, f->confirm_detail);
    rc_json_object_end(w);
  }
  rc_json_key(w, "steps");
  rc_json_array_begin(w);
  for (size_t i = 0; i < f->step_count; i++) {
    rc_json_object_begin(w);
    rc_json_key(w, "file"); rc_json_string(w, f->steps[i].file);
    rc_json_key(w, "line"); rc_json_int(w, f->steps[i].line);
    rc_json_key(w, "column"); rc_json_int(w, f->steps[i].column);
    rc_json_key(w, "message"); rc_json_string(w, f->steps[i].message);
    rc_json_object_end(w);
  }
  rc_json_array_end(w);
  rc_json_object_end(w);
}

static int add_json(void *ctx, const RcStoredFinding *f) {
  rc_store_finding_json(ctx, f);
  return 0;
}

int rc_store_export_json(RcStore *store, int64_t run, FILE *out) {
  RunCopy r = {0};
  int status = rc_store_run_get(store, run, copy_run, &r);
  if (status) goto out;
  RcJson *w = rc_json_new(out, 1);
  if (w == NULL) { status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory"); goto out; }
  rc_json_object_begin(w);
  rc_json_key(w, "format"); rc_json_string(w, "pyrefcheck-findings");
  rc_json_key(w, "version"); rc_json_int(w, 1);
  rc_json_key(w, "run");
  rc_json_object_begin(w);
  rc_json_key(w, "id"); rc_json_int(w, r.id);
  rc_json_key(w, "kind"); rc_json_string(w, r.kind);
  rc_json_key(w, "status"); rc_json_string(w, r.status);
  rc_json_key(w, "started_at"); rc_json_string(w, r.started_at);
  rc_json_key(w, "finished_at"); rc_json_string(w, r.finished_at);
  rc_json_key(w, "tool_version"); rc_json_string(w, r.tool_version);
  rc_json_key(w, "libclang_version"); rc_json_string(w, r.libclang_version);
  rc_json_key(w, "rules_version"); rc_json_string(w, r.rules_version);
  rc_json_key(w, "python_version"); rc_json_string(w, r.python_version);
  rc_json_key(w, "root"); rc_json_string(w, r.root);
  if (r.shard_count > 0) {
    rc_json_key(w, "shard"); rc_json_int(w, r.shard_index + 1);
    rc_json_key(w, "shards"); rc_json_int(w, r.shard_count);
  }
  rc_json_object_end(w);
  rc_json_key(w, "findings");
  rc_json_array_begin(w);
  RcStoreFilter filter = {.run = run};
  status = rc_store_findings_each(store, &filter, 1, add_json, w);
  rc_json_array_end(w);
  rc_json_object_end(w);
  if (rc_json_finish(w) && status == RC_STORE_OK)
    status = rc_store_fail(store, RC_STORE_EINTERNAL, "cannot write the JSON output");
out:
  free_run(&r);
  return status;
}
