/* store_merge.c — `pyrefcheck merge`: joining the shards of one logical run into one run.
 *
 * Each input is first opened read-only through rc_store_open() (so a bad input gets the same
 * clear refusal as any database), then attached to the output's connection and its latest
 * complete run copied file by file. The merged run is created "unfinished" and becomes
 * "complete" only after every shard was copied; on failure it is marked "failed", so a broken
 * merge is never mistaken for a result. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  int64_t run;
  unsigned shard_index, shard_count;
  char *tool_version, *rules_version, *libclang_version, *python_version, *root, *started_at;
} ShardInfo;

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int take_record(void *ctx, const RcStoreRunRecord *r) {
  ShardInfo *s = ctx;
  s->run = r->id;
  s->shard_index = r->shard_index;
  s->shard_count = r->shard_count;
  s->tool_version = dup_or_null(r->tool_version);
  s->rules_version = dup_or_null(r->rules_version);
  s->libclang_version = dup_or_null(r->libclang_version);
  s->python_version = dup_or_null(r->python_version);
  s->root = dup_or_null(r->root);
  s->started_at = dup_or_null(r->started_at);
  return 0;
}

static void clear_info(ShardInfo *s) {
  free(s->tool_version);
  free(s->rules_version);
  free(s->libclang_version);
  free(s->python_version);
  free(s->root);
  free(s->started_at);
}

static int same(const char *a, const char *b) {
  return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Reads the latest complete run of `path` into *info; failures name the input. */
static int read_input(RcStore *store, const char *path, ShardInfo *info) {
  RcStore *in = NULL;
  int status = rc_store_open(path, RC_STORE_READONLY, &in);
  if (status == RC_STORE_OK) status = rc_store_run_resolve(in, "latest", &info->run);
  if (status == RC_STORE_OK) status = rc_store_run_get(in, info->run, take_record, info);
  if (status != RC_STORE_OK)
    rc_store_fail(store, status, "input %s: %s", path, rc_store_errmsg(in));
  rc_store_close(in);
  return status;
}

static int check_shards(RcStore *store, const char *const *inputs, ShardInfo *info, size_t n) {
  unsigned count = info[0].shard_count;
  if (count == 0)
    return rc_store_fail(store, RC_STORE_EMISMATCH,
                         "input %s: its latest run is not a shard (no --shard I/N); use --force "
                         "to merge unrelated runs", inputs[0]);
  if (n != count)
    return rc_store_fail(store, RC_STORE_EMISMATCH,
                         "%zu inputs for a run split in %u shards; use --force to merge anyway", n,
                         count);
  for (size_t i = 0; i < n; i++) {
    if (info[i].shard_count != count)
      return rc_store_fail(store, RC_STORE_EMISMATCH, "input %s: shard of %u, expected %u",
                           inputs[i], info[i].shard_count, count);
    if (!same(info[i].tool_version, info[0].tool_version) ||
        !same(info[i].rules_version, info[0].rules_version))
      return rc_store_fail(store, RC_STORE_EMISMATCH,
                           "input %s: recorded by another pyrefcheck or rules version than %s",
                           inputs[i], inputs[0]);
    for (size_t j = 0; j < i; j++)
      if (info[j].shard_index == info[i].shard_index)
        return rc_store_fail(store, RC_STORE_EMISMATCH, "inputs %s and %s are both shard %u/%u",
                             inputs[j], inputs[i], info[i].shard_index + 1, count);
  }
  return RC_STORE_OK;
}

/* Copies the files of run `run` of the attached database "shard" into `merged`. */
static int copy_shard(RcStore *store, const char *input, int64_t run, int64_t merged, int force) {
  sqlite3_stmt *list = NULL;
  int status = rc_store_exec(store, "BEGIN IMMEDIATE", "locking the database");
  if (status) return status;
  status = rc_store_prepare(store,
      "SELECT id, path, EXISTS(SELECT 1 FROM main.files m WHERE m.run_id = ?2 AND m.path = s.path)"
      " FROM shard.files s WHERE run_id = ?1 ORDER BY path", &list, "reading a shard");
  if (status) goto out;
  sqlite3_bind_int64(list, 1, run);
  sqlite3_bind_int64(list, 2, merged);
  int rc;
  while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
    if (sqlite3_column_int(list, 2)) {
      if (force) continue;
      status = rc_store_fail(store, RC_STORE_EMISMATCH,
                             "input %s: file '%s' is also in another shard", input,
                             (const char *)sqlite3_column_text(list, 1));
      goto out;
    }
    status = rc_store_copy_file(store, "shard", sqlite3_column_int64(list, 0), merged, 0);
    if (status) goto out;
  }
  if (rc != SQLITE_DONE) { status = rc_store_fail_sqlite(store, rc, "reading a shard"); goto out; }
  status = rc_store_exec(store, "COMMIT", "committing a shard");
out:
  sqlite3_finalize(list);
  if (status) sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
  return status;
}

static int attach(RcStore *store, const char *path) {
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store, "ATTACH ?1 AS shard", &stmt, "attaching a shard");
  if (status) return status;
  rc_store_bind_text(stmt, 1, path);
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "attaching a shard");
  sqlite3_finalize(stmt);
  return status;
}

int rc_store_merge(RcStore *store, const char *const *inputs, size_t ninputs, int force,
                   int64_t *run_out) {
  ShardInfo *info = calloc(ninputs ? ninputs : 1, sizeof *info);
  int64_t merged = 0;
  int status = RC_STORE_OK;
  *run_out = 0;
  if (info == NULL) return rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
  if (ninputs == 0) { status = rc_store_fail(store, RC_STORE_EMISUSE, "no inputs"); goto out; }
  for (size_t i = 0; i < ninputs; i++)
    if ((status = read_input(store, inputs[i], &info[i]))) goto out;
  if (!force && (status = check_shards(store, inputs, info, ninputs))) goto out;

  char arg0[] = "pyrefcheck", arg1[] = "merge";
  char *argv[] = {arg0, arg1, NULL};
  RcStoreRunInfo run = {
    .kind = "lint", .tool_version = info[0].tool_version, .rules_version = info[0].rules_version,
    .libclang_version = info[0].libclang_version, .python_version = info[0].python_version,
    .argc = 2, .argv = argv, .root = info[0].root,
  };
  if ((status = rc_store_run_begin(store, &run, &merged))) goto out;
  for (size_t i = 0; i < ninputs && status == RC_STORE_OK; i++) {
    if ((status = attach(store, inputs[i]))) break;
    status = copy_shard(store, inputs[i], info[i].run, merged, force);
    sqlite3_exec(store->db, "DETACH shard", NULL, NULL, NULL);
  }
  if (status == RC_STORE_OK) {
    sqlite3_stmt *stmt = NULL;
    status = rc_store_prepare(store, "UPDATE runs SET merged_from = ?1, started_at = ?2 WHERE id = ?3",
                              &stmt, "finishing the merge");
    if (status == RC_STORE_OK) {
      const char *earliest = info[0].started_at;
      for (size_t i = 1; i < ninputs; i++)
        if (info[i].started_at && earliest && strcmp(info[i].started_at, earliest) < 0)
          earliest = info[i].started_at;
      sqlite3_bind_int64(stmt, 1, (int64_t)ninputs);
      rc_store_bind_text(stmt, 2, earliest);
      sqlite3_bind_int64(stmt, 3, merged);
      int rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "finishing the merge");
    }
    sqlite3_finalize(stmt);
  }
  if (status == RC_STORE_OK) status = rc_store_run_finish(store, merged, 1);
  if (status == RC_STORE_OK) *run_out = merged;
  else if (merged != 0) {
    char keep[sizeof store->errmsg];
    memcpy(keep, store->errmsg, sizeof keep);
    rc_store_run_finish(store, merged, 0);
    memcpy(store->errmsg, keep, sizeof keep);
  }
out:
  for (size_t i = 0; i < ninputs; i++) clear_info(&info[i]);
  free(info);
  return status;
}
