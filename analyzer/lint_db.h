/* lint_db.h — recording a lint run in the findings database, and re-using unchanged files.
 *
 * Purpose: `pyrefcheck lint` records every run (store.h) unless --no-db. A file whose content,
 * compile arguments, included headers, rules (data version and --rules contents) and tool build
 * are unchanged since the latest complete run is not parsed again: its record is carried over and
 * its findings are read back into the report.
 *
 * The included headers of a file are only known after parsing it, so the list seen last time is
 * kept beside the database (`<db>.deps`, a text file: "F<TAB>path" then "<TAB>header" lines) and
 * hashed again — path and content — before deciding. Losing that file only costs a re-parse. A
 * header's hash is computed once per run.
 *
 * A file with compile errors is carried over too when none of its errors is fatal (a fatal error,
 * such as a header not found, may go away without any file of the list changing): its errors are
 * kept in the deps file ("E<TAB>error" lines) and handed back to be printed again.
 *
 * The tool version recorded is PYREFCHECK_VERSION plus a hash of the running executable, so that
 * a rebuilt analyzer never re-uses results of an older build.
 *
 * Ownership: an RcLintDb owns its store handle and the deps table. Strings passed in are copied.
 * Failure: functions return RC_STORE_OK or an RC_STORE_E* status; rc_lint_db_errmsg() says why in
 * one line (without the database's path: callers print `pyrefcheck: <path>: <message>`). A failed
 * file write rolls the file back (store.h); the run is then finished as "failed", never lost. */
#ifndef RC_LINT_DB_H
#define RC_LINT_DB_H

#include "lint.h"
#include "report.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct RcLintDb RcLintDb;

/* A 16-hex-digit FNV-1a-64 of `n` bytes into out[17]. */
void rc_lint_hash_hex(const void *data, size_t n, char out[17]);

/* This build's identity: PYREFCHECK_VERSION "+" a hash of the executable (static storage). */
const char *rc_lint_tool_version(void);

/* Opens (creating) the database at `path` and begins a run of `info`. On failure *out is still
 * set when a handle exists (for the message); close it. */
int rc_lint_db_open(const char *path, const RcStoreRunInfo *info, RcLintDb **out);
const char *rc_lint_db_errmsg(const RcLintDb *db);
const char *rc_lint_db_path(const RcLintDb *db);
RcStore *rc_lint_db_store(RcLintDb *db);
int64_t rc_lint_db_run(const RcLintDb *db);

typedef struct {
  const char *rel;          /* root-relative path */
  const char *display;      /* the path as the user gave it (for the text output) */
  const char *root;         /* absolute root, to print step files outside `rel` */
  const char *content_hash;
  const char *args_hash;
} RcLintDbFile;

/* Whether the file can be carried over; when it can, carries it into this run and appends its
 * findings (with fingerprints and suppressed flags as recorded) to `report`; *carried says so.
 * *errors receives its compile errors as they were printed (owned by `db`, valid until it is
 * closed), or NULL when it had none: the caller prints them again and fails the run as then. */
int rc_lint_db_try_carry(RcLintDb *db, const RcLintDbFile *file, RcReport *report, bool *carried,
                         const char **errors);

/* Records an analysed file: its headers (the inclusions of the translation unit), its function
 * definitions (complete or not, with the work their walk took), the report's findings [from, to)
 * (fingerprints set), `parsed_ok` false for a file with compile errors, and then `errors`: the
 * errors as printed, when the file may be carried over with them (no fatal error), else NULL (it
 * will be analysed again). */
int rc_lint_db_record(RcLintDb *db, const RcLintDbFile *file, const char *const *headers,
                      size_t nheaders, const RcLintFunction *functions, size_t nfunctions,
                      const RcReport *report, size_t from, size_t to, bool parsed_ok,
                      const char *errors, double analysis_ms);

/* Finishes the run ("complete" when `ok`), saves the deps table, closes. Accepts NULL. Returns
 * the status of finishing the run. */
int rc_lint_db_close(RcLintDb *db, bool ok);

#endif
