/* store_int.h — internals shared by the store's files (store.c, store_schema.c, store_write.c,
 * store_query.c, store_baseline.c). Not for use outside analyzer/store*.c and the store tests.
 *
 * The RcStore holds the connection, the last error message and the state of the one file
 * transaction that may be open. Helpers here turn SQLite result codes into RC_STORE_E* codes with a
 * message, so each public function has one place where a failure becomes its result. */
#ifndef RC_STORE_INT_H
#define RC_STORE_INT_H

#include "store.h"

#include <sqlite3.h>

#define RC_STORE_APPLICATION_ID 0x50524346 /* "PRCF" in PRAGMA application_id */
#define RC_STORE_BUSY_TIMEOUT_MS 60000

/* Statements prepared once per connection and reused (the hot ones of recording a run). */
typedef enum {
  STMT_FILE_INSERT, STMT_FUNCTION_UPSERT, STMT_FINDING_INSERT, STMT_STEP_INSERT,
  STMT_FILE_NUMBER, STMT_FILE_TIME, STMT_COUNT
} RcStoreStmt;

struct RcStore {
  sqlite3_stmt *cache[STMT_COUNT]; /* lazily prepared, finalized by rc_store_close */
  sqlite3 *db;
  char *path;         /* as given to rc_store_open */
  unsigned flags;     /* RC_STORE_READONLY, RC_STORE_CREATE */
  char errmsg[1024];  /* last failure, "" after success */
  int64_t file_run;   /* the open file transaction's run, 0 when none */
  int64_t file_id;    /* the open file's row id */
  char *file_path;    /* the open file's path (copy) */
};

/* Records a failure: formats the message into store->errmsg and returns `code`. */
int rc_store_fail(RcStore *store, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records an SQLite failure `rc` during `what` ("recording a finding"), mapping it to an
 * RC_STORE_E* code (corrupt, full, read-only, busy, internal) with SQLite's message. */
int rc_store_fail_sqlite(RcStore *store, int rc, const char *what);

/* Runs SQL without results; on failure records it (rc_store_fail_sqlite) and returns the code. */
int rc_store_exec(RcStore *store, const char *sql, const char *what);

/* Prepares `sql`; on failure records it and returns the code (*stmt NULL). */
int rc_store_prepare(RcStore *store, const char *sql, sqlite3_stmt **stmt, const char *what);

/* The cached statement `id` for `sql` (prepared on first use), reset with its bindings cleared,
 * into *stmt. The caller must not finalize it. On failure records it and returns the code. */
int rc_store_cached(RcStore *store, RcStoreStmt id, const char *sql, sqlite3_stmt **stmt,
                    const char *what);

/* Binds text or NULL. */
void rc_store_bind_text(sqlite3_stmt *stmt, int index, const char *s);

/* Runs "SELECT <int>" style SQL returning one integer into *value (0 when no row). */
int rc_store_query_int(RcStore *store, const char *sql, int64_t *value, const char *what);

/* store_schema.c: validates a freshly opened connection (application id, schema version,
 * integrity) and, unless read-only, creates or migrates the schema. */
int rc_store_schema_prepare(RcStore *store, int existed);

/* store_schema.c: the schema version and application id of the open database. */
int rc_store_schema_read(RcStore *store, int64_t *app_id, int64_t *version, int64_t *objects);

/* store_write.c: copies file `src_file` of schema `src` ("main" or an attached name) with its
 * functions, findings and steps into `run`, with carried_from = `carried_from` (0 = NULL).
 * Runs inside the caller's transaction. */
int rc_store_copy_file(RcStore *store, const char *src, int64_t src_file, int64_t run,
                       int64_t carried_from);

/* store_render.c: prints every row of `stmt` (its first `ncols` columns; 0 = all) in `format`
 * to `out`, calling on_row (may be NULL) for each row before printing it. *count_out (may be
 * NULL) receives the number of rows. A table is buffered to size its columns; JSON is an array of
 * objects keyed by column name, typed as SQLite typed them; CSV follows RFC 4180 with a header. */
int rc_store_render(RcStore *store, sqlite3_stmt *stmt, int ncols, RcStoreFormat format, FILE *out,
                    void (*on_row)(void *ctx, sqlite3_stmt *stmt), void *ctx, size_t *count_out);

#endif
