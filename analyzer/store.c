/* store.c — opening and closing the findings database, errors, the default location.
 *
 * The open path is where "never clobber" is kept: every check that can refuse a file runs before
 * the first write to it (store_schema.c does the database-level ones). */
#include "store_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ===== Errors ================================================================================ */

int rc_store_fail(RcStore *store, int code, const char *fmt, ...) {
  if (store == NULL) return code;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(store->errmsg, sizeof store->errmsg, fmt, ap);
  va_end(ap);
  return code;
}

int rc_store_fail_sqlite(RcStore *store, int rc, const char *what) {
  const char *msg = store->db != NULL ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    return rc_store_fail(store, RC_STORE_ECORRUPT,
                         "the database is corrupt (%s while %s); it was left as it is", msg, what);
  case SQLITE_FULL:
    return rc_store_fail(store, RC_STORE_EFULL,
                         "disk full while %s; nothing of this step was written", what);
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_CANTOPEN:
    return rc_store_fail(store, RC_STORE_EREADONLY, "cannot write the database while %s: %s", what,
                         msg);
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return rc_store_fail(store, RC_STORE_EBUSY,
                         "the database is locked by another process (while %s; waited up to %d s)",
                         what, RC_STORE_BUSY_TIMEOUT_MS / 1000);
  default:
    return rc_store_fail(store, RC_STORE_EINTERNAL, "SQLite error while %s: %s", what, msg);
  }
}

int rc_store_exec(RcStore *store, const char *sql, const char *what) {
  int rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK ? RC_STORE_OK : rc_store_fail_sqlite(store, rc, what);
}

int rc_store_prepare(RcStore *store, const char *sql, sqlite3_stmt **stmt, const char *what) {
  int rc = sqlite3_prepare_v2(store->db, sql, -1, stmt, NULL);
  if (rc == SQLITE_OK) return RC_STORE_OK;
  *stmt = NULL;
  return rc_store_fail_sqlite(store, rc, what);
}

int rc_store_cached(RcStore *store, RcStoreStmt id, const char *sql, sqlite3_stmt **stmt,
                    const char *what) {
  if (store->cache[id] == NULL) {
    int status = rc_store_prepare(store, sql, &store->cache[id], what);
    if (status) { *stmt = NULL; return status; }
  }
  *stmt = store->cache[id];
  sqlite3_reset(*stmt);
  sqlite3_clear_bindings(*stmt);
  return RC_STORE_OK;
}

void rc_store_bind_text(sqlite3_stmt *stmt, int index, const char *s) {
  if (s == NULL) sqlite3_bind_null(stmt, index);
  else sqlite3_bind_text(stmt, index, s, -1, SQLITE_TRANSIENT);
}

int rc_store_query_int(RcStore *store, const char *sql, int64_t *value, const char *what) {
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store, sql, &stmt, what);
  if (status != RC_STORE_OK) goto out;
  int rc = sqlite3_step(stmt);
  *value = 0;
  if (rc == SQLITE_ROW) *value = sqlite3_column_int64(stmt, 0);
  else if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, what);
out:
  sqlite3_finalize(stmt);
  return status;
}

const char *rc_store_errmsg(const RcStore *store) {
  return store == NULL ? "out of memory" : store->errmsg;
}

const char *rc_store_path(const RcStore *store) {
  return store == NULL || store->path == NULL ? "" : store->path;
}

int rc_store_exit_code(int status) {
  switch (status) {
  case RC_STORE_OK: return 0;
  case RC_STORE_EMISUSE:
  case RC_STORE_EINTERNAL: return 3;
  default: return 2;
  }
}

/* ===== Opening =============================================================================== */

/* The directory part of `path` into out[size] ("." when there is none). */
static void dir_of(const char *path, char *out, size_t size) {
  snprintf(out, size, "%s", path);
  char *slash = strrchr(out, '/');
  if (slash == NULL) snprintf(out, size, ".");
  else if (slash == out) out[1] = '\0';
  else *slash = '\0';
}

/* Checks the first bytes of an existing file: an SQLite file, or empty. */
static int check_header(RcStore *store, const struct stat *st) {
  static const char magic[16] = "SQLite format 3";
  char header[100];
  if (S_ISDIR(st->st_mode))
    return rc_store_fail(store, RC_STORE_ENOTDB, "is a directory, not a pyrefcheck database");
  if (st->st_size == 0) return RC_STORE_OK; /* an empty file holds nothing to lose */
  FILE *f = fopen(store->path, "rb");
  if (f == NULL)
    return rc_store_fail(store, errno == EACCES ? RC_STORE_EREADONLY : RC_STORE_EINTERNAL,
                         "cannot read: %s", strerror(errno));
  size_t n = fread(header, 1, sizeof header, f);
  fclose(f);
  if (n < sizeof magic || memcmp(header, magic, sizeof magic) != 0)
    return rc_store_fail(store, RC_STORE_ENOTDB,
                         "not a pyrefcheck database (not an SQLite file); left untouched");
  if (n < sizeof header)
    return rc_store_fail(store, RC_STORE_ECORRUPT,
                         "the database is corrupt (truncated to %zu bytes); left untouched", n);
  return RC_STORE_OK;
}

/* Checks a read-write open can write: the file (if it exists) and its directory (WAL needs the
 * -wal and -shm files beside it). */
static int check_writable(RcStore *store, int exists) {
  char dir[4096];
  dir_of(store->path, dir, sizeof dir);
  if (exists && access(store->path, W_OK) != 0)
    return rc_store_fail(store, RC_STORE_EREADONLY, "read-only file: cannot record into it (%s)",
                         strerror(errno));
  if (access(dir, W_OK) != 0)
    return rc_store_fail(store, RC_STORE_EREADONLY,
                         "read-only location: cannot write in directory '%s' (%s)", dir,
                         strerror(errno));
  return RC_STORE_OK;
}

/* Creates the parent directory of a new database (one level, like .pyrefcheck/). */
static int make_parent(RcStore *store) {
  char dir[4096];
  struct stat st;
  dir_of(store->path, dir, sizeof dir);
  if (stat(dir, &st) == 0) return RC_STORE_OK;
  if (mkdir(dir, 0777) == 0 || errno == EEXIST) return RC_STORE_OK;
  return rc_store_fail(store, errno == EACCES || errno == EROFS ? RC_STORE_EREADONLY
                                                                : RC_STORE_ENOTFOUND,
                       "cannot create directory '%s': %s", dir, strerror(errno));
}

/* A reader of a WAL database needs to create its -shm file beside it. In a directory it cannot
 * write, with no -wal file holding newer data, the file is opened as immutable instead (no
 * locks, no -shm): returns that URI (sqlite3_free it), or NULL for a normal open. */
static char *immutable_uri(const char *path) {
  char dir[4096], wal[4200];
  struct stat st;
  dir_of(path, dir, sizeof dir);
  snprintf(wal, sizeof wal, "%s-wal", path);
  if (access(dir, W_OK) == 0 || (stat(wal, &st) == 0 && st.st_size > 0)) return NULL;
  char *escaped = sqlite3_malloc64(strlen(path) * 3 + 1), *p = escaped;
  if (escaped == NULL) return NULL;
  for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
    if (*c == '?' || *c == '#' || *c == '%' || *c < 0x20) p += sprintf(p, "%%%02X", *c);
    else *p++ = (char)*c;
  }
  *p = '\0';
  char *uri = sqlite3_mprintf("file:%s?immutable=1", escaped);
  sqlite3_free(escaped);
  return uri;
}

int rc_store_open(const char *path, unsigned flags, RcStore **out) {
  RcStore *store = calloc(1, sizeof *store);
  *out = store;
  if (store == NULL) return RC_STORE_EINTERNAL;
  int status = RC_STORE_OK;
  int readonly = (flags & RC_STORE_READONLY) != 0;
  struct stat st;
  store->flags = flags;
  store->path = strdup(path);
  if (store->path == NULL) { status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory"); goto out; }

  int exists = stat(path, &st) == 0;
  if (!exists) {
    if (errno != ENOENT) {
      status = rc_store_fail(store, RC_STORE_EINTERNAL, "cannot stat: %s", strerror(errno));
      goto out;
    }
    if (readonly || !(flags & RC_STORE_CREATE)) {
      status = rc_store_fail(store, RC_STORE_ENOTFOUND,
                             "no findings database here (record one with 'pyrefcheck lint', or "
                             "name one with --db)");
      goto out;
    }
    if ((status = make_parent(store)) != RC_STORE_OK) goto out;
  } else if ((status = check_header(store, &st)) != RC_STORE_OK) {
    goto out;
  }
  if (!readonly && (status = check_writable(store, exists)) != RC_STORE_OK) goto out;

  int oflags = readonly ? SQLITE_OPEN_READONLY
                        : SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
  char *uri = readonly ? immutable_uri(path) : NULL;
  int rc = sqlite3_open_v2(uri ? uri : path, &store->db,
                           oflags | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0), NULL);
  sqlite3_free(uri);
  if (rc != SQLITE_OK) {
    status = rc_store_fail_sqlite(store, rc, "opening");
    goto out;
  }
  sqlite3_extended_result_codes(store->db, 1);
  sqlite3_busy_timeout(store->db, RC_STORE_BUSY_TIMEOUT_MS);
  sqlite3_db_config(store->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config(store->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  status = rc_store_schema_prepare(store, exists && st.st_size > 0);
out:
  if (status == RC_STORE_OK) store->errmsg[0] = '\0';
  return status;
}

void rc_store_close(RcStore *store) {
  if (store == NULL) return;
  rc_store_file_abort(store);
  for (int i = 0; i < STMT_COUNT; i++) sqlite3_finalize(store->cache[i]);
  if (store->db != NULL) sqlite3_close_v2(store->db);
  free(store->path);
  free(store);
}

/* ===== The default location ================================================================== */

int rc_store_default_path(const char *root, char *out, size_t size) {
  static const char rel[] = ".pyrefcheck/findings.db";
  if (root != NULL) {
    int n = snprintf(out, size, "%s/%s", root, rel);
    return n >= 0 && (size_t)n < size ? RC_STORE_OK : RC_STORE_EINTERNAL;
  }
  char dir[4096];
  struct stat st;
  if (getcwd(dir, sizeof dir) == NULL) return RC_STORE_EINTERNAL;
  for (;;) {
    int n = snprintf(out, size, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", rel);
    if (n < 0 || (size_t)n >= size) return RC_STORE_EINTERNAL;
    if (stat(out, &st) == 0) return RC_STORE_OK;
    if (strcmp(dir, "/") == 0) break;
    char *slash = strrchr(dir, '/');
    if (slash == dir) dir[1] = '\0';
    else *slash = '\0';
  }
  snprintf(out, size, "%s", rel);
  return RC_STORE_ENOTFOUND;
}

int rc_store_open_default(const char *path, unsigned flags, RcStore **out) {
  char found[4096];
  if (path != NULL) return rc_store_open(path, flags, out);
  int status = rc_store_default_path(NULL, found, sizeof found);
  if (status == RC_STORE_OK) return rc_store_open(found, flags, out);
  status = rc_store_open(".pyrefcheck/findings.db", flags & ~RC_STORE_CREATE, out);
  if (status == RC_STORE_ENOTFOUND)
    rc_store_fail(*out, status, "no findings database in this directory or its parents (record "
                                "one with 'pyrefcheck lint', or name one with --db)");
  return status;
}

int rc_store_parse_format(const char *name, RcStoreFormat *out) {
  if (strcmp(name, "table") == 0) *out = RC_STORE_TABLE;
  else if (strcmp(name, "json") == 0) *out = RC_STORE_JSON;
  else if (strcmp(name, "csv") == 0) *out = RC_STORE_CSV;
  else return -1;
  return 0;
}
