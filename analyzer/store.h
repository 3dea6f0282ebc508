/* store.h — the findings database: recording runs, and reading them back.
 *
 * Purpose: every `pyrefcheck lint` (and `oracle`) run is recorded in an SQLite database (default
 * <root>/.pyrefcheck/findings.db) so that maintainers can fail CI only on new findings, see what was
 * fixed, query history, re-use unchanged files' results and merge the shards of a split run. The
 * schema is in docs/database.md; store_schema.c creates and migrates it.
 *
 * Ownership: an RcStore owns one SQLite connection and every statement prepared on it; nothing a
 * caller passes in is kept after the call returns (strings are copied into the database). Records
 * handed to callbacks (RcStoredFinding, RcStoreRunRecord) are valid only during the callback.
 *
 * Invariants:
 *   - The store never overwrites or truncates a file that is not a pyrefcheck database, nor one
 *     of a newer schema: those are refused on open, before any write.
 *   - A run is visible from rc_store_run_begin() on with status "unfinished"; it becomes
 *     "complete" (or "failed") only in rc_store_run_finish(). A process killed in between leaves
 *     a valid database whose run says it did not finish.
 *   - Each file's rows (the file, its functions, findings and path steps) are written in one
 *     transaction: a file is in the database completely or not at all.
 *   - Write transactions are BEGIN IMMEDIATE in WAL mode with a busy timeout, so several
 *     processes may write one database at once; each waits its turn.
 *
 * Errors: functions return RC_STORE_OK (0) or one of the RC_STORE_E* codes; the message of the
 * last failure is rc_store_errmsg(store): one line, without the file name (callers print
 * `pyrefcheck: <rc_store_path()>: <message>`). rc_store_exit_code() maps a code to the CLI's exit
 * status: problems with the database file are input errors (2), bugs and resource failures 3. A
 * failed call leaves the database as it was before the call (its transaction is rolled back). */
#ifndef RC_STORE_H
#define RC_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ===== The interchange record ================================================================ */

/* One note on a finding's path, in execution order. */
typedef struct {
  const char *file;    /* relative to the run's root, like RcStoredFinding.file */
  unsigned line, column;
  const char *message; /* "PyList_New() returns a new reference" */
} RcStoredStep;

/* A finding as the analyzer hands it to the store and as the store hands it back (query, export,
 * SARIF). Every string is borrowed. On the way in, fields marked [out] are ignored unless set. */
typedef struct {
  const char *rule_id;   /* catalogue id, e.g. "leak-new-ref" */
  const char *severity;  /* "error", "warning" or "note" */
  const char *file;      /* relative to the run's root, '/'-separated */
  const char *function;  /* enclosing function; "" at file scope */
  const char *message;   /* the one-line diagnostic */
  unsigned line, column; /* 1-based; column 0 = unknown */
  const char *const *path_calls; /* API calls on the path, in order: input of the fingerprint */
  size_t path_call_count;
  const RcStoredStep *steps; /* the numbered path notes */
  size_t step_count;
  int suppressed;        /* 1 when an inline suppression comment silenced it */
  const char *line_text; /* optional: the source line, for SARIF's primaryLocationLineHash */
  const char *fixit;     /* the mechanical fix, as lint prints it after "fix-it: ", or NULL */
  const char *fingerprint; /* [out] see fingerprint.h; on input, NULL = computed by the store */
  const char *line_hash;   /* [out] "HEX:N", SARIF primaryLocationLineHash */
  int64_t id;              /* [out] row id in the database */
  /* lint --confirm (confirm.h), written by the JSON and SARIF renderers; NULL = not checked.
   * The database keeps the mark as oracle_verdicts rows linked by finding_id instead. */
  const char *confirmation;    /* "confirmed" or "unconfirmed" */
  const char *confirm_verdict; /* the oracle's verdict: "leak", ...; "ok" or "not-run" */
  const char *confirm_detail;  /* the replay command, or why it was not confirmed */
  /* lint --baseline: SARIF's baselineState, "new" or "unchanged"; NULL = no baseline given */
  const char *baseline_state;
} RcStoredFinding;

/* ===== Handles, status codes ================================================================= */

typedef struct RcStore RcStore;

enum {
  RC_STORE_OK = 0,
  RC_STORE_ENOTDB,     /* the file is not a pyrefcheck database (text, other SQLite app) */
  RC_STORE_ENEWER,     /* written by a newer pyrefcheck: schema version above ours */
  RC_STORE_ECORRUPT,   /* SQLite reports the file corrupt or truncated */
  RC_STORE_EREADONLY,  /* the file or its directory cannot be written */
  RC_STORE_EFULL,      /* disk (or quota) full */
  RC_STORE_EBUSY,      /* another process held the database past the busy timeout */
  RC_STORE_ENOTFOUND,  /* the file, run or baseline asked for does not exist */
  RC_STORE_EMISMATCH,  /* merge: the inputs are not the shards of one run */
  RC_STORE_EDENIED,    /* query --sql: the statement would write or change state */
  RC_STORE_ESQL,       /* query --sql: the user's SQL is wrong */
  RC_STORE_EMISUSE,    /* the API was called out of order (a bug in the caller) */
  RC_STORE_EINTERNAL   /* out of memory, I/O error, unexpected SQLite failure */
};

/* Open flags. */
#define RC_STORE_READONLY 0x1u /* query/diff/export: never write, never create */
#define RC_STORE_CREATE 0x2u   /* create the file (and its parent directory) when missing */

/* The schema version this build writes and reads; older databases are migrated forward on a
 * read-write open, newer ones refused (RC_STORE_ENEWER). */
#define RC_STORE_SCHEMA_VERSION 2

/* Opens the database at `path`. Like sqlite3_open, *out receives a handle even on failure (NULL
 * only when out of memory): read rc_store_errmsg() and rc_store_close() it. Checks, in order:
 * the file exists (else ENOTFOUND unless RC_STORE_CREATE), it is an SQLite file (else ENOTDB,
 * file untouched), its directory and it are writable for a read-write open (else EREADONLY), it
 * is a pyrefcheck database (application_id; else ENOTDB), its schema is not newer (ENEWER), it is
 * not corrupt (quick_check; ECORRUPT). A read-write open then migrates an older schema and sets
 * WAL mode and foreign keys. */
int rc_store_open(const char *path, unsigned flags, RcStore **out);

/* Closes the handle; rolls back a file transaction left open. Accepts NULL. Never fails. */
void rc_store_close(RcStore *store);

const char *rc_store_errmsg(const RcStore *store); /* "" after success; never NULL */
const char *rc_store_path(const RcStore *store);   /* the path given to open; never NULL */
int rc_store_exit_code(int status);                /* 0, 2 (input) or 3 (internal) */

/* The default database of a tree: "<root>/.pyrefcheck/findings.db" into out[size]. For commands
 * that read (query, diff, export) and have no --db: `root` NULL searches the current directory
 * and its parents for .pyrefcheck/findings.db. Returns OK, or ENOTFOUND (message says where it
 * looked) / EINTERNAL (path too long). */
int rc_store_default_path(const char *root, char *out, size_t size);

/* ===== Recording a run ======================================================================= */

typedef struct {
  const char *kind;             /* "lint" or "oracle"; NULL = "lint" */
  const char *tool_version, *libclang_version, *rules_version, *python_version; /* may be NULL */
  int argc;                     /* the command line, recorded as a JSON array */
  char *const *argv;
  const char *root;             /* absolute path of the linted tree's root */
  unsigned shard_index, shard_count; /* --shard I/N as 0-based I and N; 0/0 when not sharded */
} RcStoreRunInfo;

/* Inserts a run with status "unfinished" and commits at once, so that a run killed later is
 * visible as unfinished. *run_out receives its id. Fails with EBUSY/EFULL/EREADONLY/EINTERNAL. */
int rc_store_run_begin(RcStore *store, const RcStoreRunInfo *info, int64_t *run_out);

/* Marks the run finished now: "complete" when `ok`, else "failed" (it stopped on an error).
 * Fails with ENOTFOUND (no such run) or a write error; the run then stays "unfinished". */
int rc_store_run_finish(RcStore *store, int64_t run, int ok);

typedef struct {
  const char *path;         /* relative to the run's root */
  const char *content_hash; /* of the file's bytes, any stable hex digest */
  const char *args_hash;    /* of the compile arguments; may be NULL */
  const char *deps_hash;    /* of the included headers' contents; may be NULL */
  const char *parse_status; /* "ok", "error" (did not parse) or "skipped"; NULL = "ok" */
} RcStoreFileInfo;

/* Opens the transaction of one file of `run` and records the file. Exactly one file is open at a
 * time (EMISUSE otherwise). Then rc_store_function()/rc_store_finding() any number of times, and
 * rc_store_file_end() to commit or rc_store_file_abort() to drop it all. */
int rc_store_file_begin(RcStore *store, int64_t run, const RcStoreFileInfo *file);

/* Records a function of the open file: analysed to the end (`complete` 1) or cut short by the
 * work budget (0), with the number of paths explored. A function recorded twice is updated. */
int rc_store_function(RcStore *store, const char *name, unsigned line, int complete,
                      unsigned paths_explored);

/* Records a finding of the open file (f->file must be the open file's path; EMISUSE otherwise)
 * with its path steps, computing the fingerprint unless f->fingerprint is set. On failure the
 * whole file transaction is rolled back (the caller need not call rc_store_file_abort). */
int rc_store_finding(RcStore *store, const RcStoredFinding *f);

/* Numbers same-base fingerprints of the file (fingerprint.h), stores the analysis time and
 * commits. On failure the file's rows are rolled back. */
int rc_store_file_end(RcStore *store, double analysis_ms);

/* Drops the open file's rows. Never fails; no-op when no file is open. */
void rc_store_file_abort(RcStore *store);

/* ===== Incremental re-runs and shards ======================================================== */

/* Finds the file's record in the latest complete run (other than the open one) with the same
 * path, content, args and deps hashes, tool version and rules version, that parsed (with
 * file->parse_status "error": that parsed, with compile errors or without: the caller keeps the
 * errors to print again). *file_out receives its id, or 0 when there is none (the file must be
 * analysed). */
int rc_store_file_unchanged(RcStore *store, const RcStoreFileInfo *file, const char *tool_version,
                            const char *rules_version, int64_t *file_out);

/* Copies the file `prev_file` (from rc_store_file_unchanged) with its functions, findings and
 * steps into `run`, in one transaction, marked as carried over from its run. */
int rc_store_file_carry(RcStore *store, int64_t run, int64_t prev_file);

/* True when `path` belongs to shard `index` of `count` (stable: rc_fingerprint_shard). */
int rc_store_shard_selects(const char *path, unsigned index, unsigned count);

/* Merges the latest complete run of each database in `inputs` into one new complete run of
 * `store`. The inputs must be shards of one logical run (same shard count, tool and rules
 * versions, each shard once, all present, no file twice) unless `force`; else EMISMATCH with a
 * message naming the input. *run_out receives the merged run's id. All or nothing. */
int rc_store_merge(RcStore *store, const char *const *inputs, size_t ninputs, int force,
                   int64_t *run_out);

/* ===== Oracle verdicts ======================================================================== */

/* One observation of `pyrefcheck oracle` (runtime/ under fault injection), recorded in a run of
 * kind "oracle". Strings are borrowed; NULL where a field comment allows. */
typedef struct {
  const char *snippet;       /* the source file run, relative to the run's root */
  const char *entry;         /* the entry point: PyInit_x, a method name, --entry */
  int failure_point;         /* the fallible call made to fail (1-based); 0 = none */
  const char *verdict;       /* "clean", "leak", "over-release", "use-after-free", ... */
  const char *detector;      /* which runtime detector fired; may be NULL */
  const char *file;          /* where (relative to the root); may be NULL */
  unsigned line;             /* 0 = unknown */
  const char *message;       /* may be NULL */
  const char *replay;        /* the command that replays it; may be NULL */
  int64_t finding_id;        /* the static finding it confirms (findings.id), 0 = none */
} RcStoredVerdict;

/* Records one verdict of `run` in its own transaction. Fails with ENOTFOUND (no such run or
 * finding), EMISUSE (missing snippet, entry or verdict) or a write error. */
int rc_store_verdict(RcStore *store, int64_t run, const RcStoredVerdict *v);

/* ===== Reading =============================================================================== */

/* Resolves a run spec: NULL or "latest" = the latest complete run, "N" = run N (any status),
 * "latest~K" = the K-th complete run before the latest. ENOTFOUND with a clear message. */
int rc_store_run_resolve(RcStore *store, const char *spec, int64_t *run_out);

/* The latest complete run before `run`, or 0 in *prev_out when there is none. */
int rc_store_run_previous(RcStore *store, int64_t run, int64_t *prev_out);

typedef struct {
  int64_t id;
  const char *kind, *status, *started_at, *finished_at; /* finished_at NULL if unfinished */
  const char *tool_version, *libclang_version, *rules_version, *python_version;
  const char *arguments, *root;                         /* arguments: JSON array text */
  unsigned shard_index, shard_count;
} RcStoreRunRecord;

/* Calls fn once with run `run`'s record (valid during the call). ENOTFOUND if absent. */
int rc_store_run_get(RcStore *store, int64_t run,
                     int (*fn)(void *ctx, const RcStoreRunRecord *r), void *ctx);

/* Output formats of the printing functions. */
typedef enum { RC_STORE_TABLE, RC_STORE_JSON, RC_STORE_CSV } RcStoreFormat;

/* Filters of `pyrefcheck query`; NULL/0 fields do not filter. */
typedef struct {
  int64_t run;           /* required: from rc_store_run_resolve */
  const char *rule;      /* exact rule id */
  const char *file_glob; /* SQLite GLOB on the root-relative path (* also matches /) */
  const char *function;  /* exact function name */
  const char *severity;  /* exact severity */
  int incomplete;        /* only findings in functions whose analysis was cut short */
  int only_new;          /* only findings not in the previous complete run (by fingerprint) */
  int only_fixed;        /* instead: findings of the previous complete run not in `run` */
} RcStoreFilter;

/* Calls fn for every finding of the filter, ordered by file, line, column, with steps loaded
 * when `with_steps`. fn returning nonzero stops the walk with that value as the result. */
int rc_store_findings_each(RcStore *store, const RcStoreFilter *filter, int with_steps,
                           int (*fn)(void *ctx, const RcStoredFinding *f), void *ctx);

/* Prints the findings of the filter as a table, JSON array or CSV with a header; *count_out (may
 * be NULL) receives the number of rows. */
int rc_store_print_findings(RcStore *store, const RcStoreFilter *filter, RcStoreFormat format,
                            FILE *out, size_t *count_out);

/* Prints the diff of two runs: each finding of either with a state "new" (only in run_b),
 * "fixed" (only in run_a) or "unchanged", matched by fingerprint. counts[3] (may be NULL)
 * receives the new, fixed and unchanged counts. */
int rc_store_print_diff(RcStore *store, int64_t run_a, int64_t run_b, RcStoreFormat format,
                        FILE *out, size_t counts[3]);

/* Prints every run: id, kind, status, started and finished times, shard, files and findings
 * counts, newest last. */
int rc_store_print_runs(RcStore *store, RcStoreFormat format, FILE *out);

/* Runs the user's SQL (one or more statements) and prints every row. Requires a store opened
 * with RC_STORE_READONLY; an authorizer and sqlite3_stmt_readonly() refuse anything that would
 * write or change state (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, ATTACH, DETACH, VACUUM,
 * REINDEX, ANALYZE, transactions, and pragmas other than read-only introspection): EDENIED with
 * a message naming what was refused. Wrong SQL: ESQL with SQLite's message. */
int rc_store_print_sql(RcStore *store, const char *sql, RcStoreFormat format, FILE *out);

/* Parses "table", "json" or "csv"; -1 for anything else. */
int rc_store_parse_format(const char *name, RcStoreFormat *out);

/* Opens `path`, or when NULL the default database found from the current directory
 * (rc_store_default_path), with `flags`. Same contract as rc_store_open (a handle on failure). */
int rc_store_open_default(const char *path, unsigned flags, RcStore **out);

/* ===== Export ================================================================================ */

/* Writes run `run` as a SARIF 2.1.0 log (sarif.h) with rules pages under `help_uri_base` (NULL =
 * default); `rule_summary` and `rule_help` (may be NULL) describe a rule id from the catalogue.
 * Fails on database errors, or EINTERNAL when the output cannot be written. */
int rc_store_export_sarif(RcStore *store, int64_t run, const char *help_uri_base,
                          const char *(*rule_summary)(const char *rule_id),
                          const char *(*rule_help)(const char *rule_id), FILE *out);

/* Writes one finding as a JSON object (the element of "findings" below) on `w`: for renderers
 * that share the format, such as lint --format json. Errors are sticky in `w`. */
struct RcJson;
void rc_store_finding_json(struct RcJson *w, const RcStoredFinding *f);

/* Writes run `run` as pyrefcheck's JSON: {"format": "pyrefcheck-findings", "version": 1,
 * "run": {...}, "findings": [{..., "steps": [...]}]} (docs/database.md). */
int rc_store_export_json(RcStore *store, int64_t run, FILE *out);

/* ===== Baselines ============================================================================= */

typedef struct RcBaseline RcBaseline;

/* Loads a baseline: `spec` names a plain-text baseline file (written by rc_baseline_write), a
 * pyrefcheck database (its latest complete run), or "run:N" / a bare number for run N of `store`
 * (store may be NULL otherwise). On failure *out is NULL, the status is ENOTFOUND (no such file
 * or run), ENOTDB (a file that is neither a baseline nor a database) or a database error, and
 * msg[msgsize] explains it in one line. */
int rc_baseline_load(RcStore *store, const char *spec, RcBaseline **out, char *msg, size_t msgsize);
/* True when the baseline holds `fingerprint`. */
int rc_baseline_contains(const RcBaseline *b, const char *fingerprint);
size_t rc_baseline_count(const RcBaseline *b);
void rc_baseline_free(RcBaseline *b); /* accepts NULL */

/* Writes run `run`'s unsuppressed findings as a plain-text baseline to `path` (atomically:
 * a temporary file renamed over it). */
int rc_baseline_write(RcStore *store, int64_t run, const char *path);

#endif
