/* frontend.c — inputs, compiler arguments, parsing and compile errors (see frontend.h). */
#include "frontend.h"

#include <clang-c/CXCompilationDatabase.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *xstrdup(const char *s) {
  char *p = strdup(s ? s : "");
  if (p == NULL) abort();
  return p;
}

static char *format_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format_error(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return xstrdup(buf);
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ---- argument lists ---------------------------------------------------------------------------- */

typedef struct {
  char **items;
  int count, cap;
} Args;

static void args_add(Args *a, const char *s) {
  if (a->count == a->cap) {
    a->cap = a->cap ? a->cap * 2 : 16;
    a->items = realloc(a->items, (size_t)a->cap * sizeof *a->items);
    if (a->items == NULL) abort();
  }
  a->items[a->count++] = xstrdup(s);
}

static void args_free(Args *a) {
  for (int i = 0; i < a->count; i++) free(a->items[i]);
  free(a->items);
}

/* Keeps the arguments of a compile command that matter for parsing: drops the compiler, -c, -o X,
 * dependency-file options and the source files. */
static void filter_command(Args *out, char *const *argv, int argc, bool has_compiler) {
  for (int i = has_compiler ? 1 : 0; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-c") == 0 || strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0) continue;
    if (strcmp(a, "-o") == 0 || strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0 ||
        strcmp(a, "-MQ") == 0) {
      i++;
      continue;
    }
    if (a[0] != '-' && (ends_with(a, ".c") || ends_with(a, ".o"))) continue;
    args_add(out, a);
  }
}

/* The include flags of python3-config, cached for the run. */
static Args default_args;
static bool default_args_ready;

static void load_default_args(void) {
  if (default_args_ready) return;
  default_args_ready = true;
  FILE *p = popen("python3-config --includes 2>/dev/null", "r");
  if (p == NULL) return;
  char line[4096];
  if (fgets(line, sizeof line, p) != NULL) {
    for (char *tok = strtok(line, " \t\n"); tok != NULL; tok = strtok(NULL, " \t\n")) {
      bool dup = false;
      for (int i = 0; i < default_args.count; i++) dup = dup || strcmp(default_args.items[i], tok) == 0;
      if (!dup) args_add(&default_args, tok);
    }
  }
  pclose(p);
}

static bool has_include_flag(char *const *argv, int argc) {
  for (int i = 0; i < argc; i++)
    if (strncmp(argv[i], "-I", 2) == 0 || strcmp(argv[i], "-isystem") == 0) return true;
  return false;
}

static void job_add(RcJobs *jobs, const char *file, const Args *args) {
  if (jobs->count == jobs->cap) {
    jobs->cap = jobs->cap ? jobs->cap * 2 : 16;
    jobs->items = realloc(jobs->items, (size_t)jobs->cap * sizeof *jobs->items);
    if (jobs->items == NULL) abort();
  }
  RcJob *j = &jobs->items[jobs->count++];
  j->file = xstrdup(file);
  j->python_version = 0;
  j->nargs = args->count;
  j->args = calloc((size_t)args->count + 1, sizeof *j->args);
  if (j->args == NULL) abort();
  for (int i = 0; i < args->count; i++) j->args[i] = xstrdup(args->items[i]);
}

void rc_frontend_jobs_free(RcJobs *jobs) {
  for (int i = 0; i < jobs->count; i++) {
    free(jobs->items[i].file);
    for (int k = 0; k < jobs->items[i].nargs; k++) free(jobs->items[i].args[k]);
    free(jobs->items[i].args);
  }
  free(jobs->items);
  jobs->items = NULL;
  jobs->count = jobs->cap = 0;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every *.c below `dir`, in name order. */
static void walk_directory(const char *dir, RcJobs *jobs, const Args *args) {
  DIR *d = opendir(dir);
  if (d == NULL) return;
  Args names = {0};
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
    args_add(&names, path);
  }
  closedir(d);
  if (names.count > 1) qsort(names.items, (size_t)names.count, sizeof *names.items, compare_names);
  for (int i = 0; i < names.count; i++) {
    struct stat st;
    if (stat(names.items[i], &st) != 0) continue;
    if (S_ISDIR(st.st_mode))
      walk_directory(names.items[i], jobs, args);
    else if (ends_with(names.items[i], ".c"))
      job_add(jobs, names.items[i], args);
  }
  args_free(&names);
}

/* Adds the job(s) of compile command `cmd`. */
static void add_command(CXCompileCommand cmd, RcJobs *jobs, const char *only_file) {
  CXString dir = clang_CompileCommand_getDirectory(cmd);
  CXString file = clang_CompileCommand_getFilename(cmd);
  const char *fname = clang_getCString(file);
  char path[4096];
  if (fname[0] == '/')
    snprintf(path, sizeof path, "%s", fname);
  else
    snprintf(path, sizeof path, "%s/%s", clang_getCString(dir), fname);
  if (ends_with(path, ".c") && (only_file == NULL || strcmp(only_file, path) == 0)) {
    unsigned n = clang_CompileCommand_getNumArgs(cmd);
    Args raw = {0}, args = {0};
    for (unsigned i = 0; i < n; i++) {
      CXString a = clang_CompileCommand_getArg(cmd, i);
      args_add(&raw, clang_getCString(a));
      clang_disposeString(a);
    }
    args_add(&args, "-working-directory");
    args_add(&args, clang_getCString(dir));
    filter_command(&args, raw.items, raw.count, true);
    job_add(jobs, path, &args);
    args_free(&raw);
    args_free(&args);
  }
  clang_disposeString(dir);
  clang_disposeString(file);
}

int rc_frontend_jobs(char *const *paths, int npaths, const char *build_dir, char *const *extra,
                     int nextra, RcJobs *out, char **error) {
  Args args = {0};
  int rc = -1;
  CXCompilationDatabase db = NULL;
  /* `-- cc -I... -c file.c -o file.o` (CMAKE_C_CLANG_TIDY) or `-- -I...` (plain flags) */
  bool has_compiler = nextra > 0 && extra[0][0] != '-' && !ends_with(extra[0], ".c");
  filter_command(&args, extra, nextra, has_compiler);
  if (!has_include_flag(args.items, args.count) && build_dir == NULL) {
    load_default_args();
    for (int i = 0; i < default_args.count; i++) args_add(&args, default_args.items[i]);
  }
  if (build_dir != NULL) {
    CXCompilationDatabase_Error err;
    db = clang_CompilationDatabase_fromDirectory(build_dir, &err);
    if (err != CXCompilationDatabase_NoError || db == NULL) {
      *error = format_error("%s/compile_commands.json: cannot be read", build_dir);
      goto out;
    }
    if (npaths == 0) {
      CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
      unsigned n = clang_CompileCommands_getSize(cmds);
      for (unsigned i = 0; i < n; i++) add_command(clang_CompileCommands_getCommand(cmds, i), out, NULL);
      clang_CompileCommands_dispose(cmds);
    }
  }
  for (int i = 0; i < npaths; i++) {
    struct stat st;
    if (stat(paths[i], &st) != 0) {
      *error = format_error("%s: %s", paths[i], strerror(errno));
      goto out;
    }
    if (S_ISDIR(st.st_mode)) {
      walk_directory(paths[i], out, &args);
      continue;
    }
    bool found = false;
    if (db != NULL) {
      char *abs = realpath(paths[i], NULL);
      CXCompileCommands cmds = clang_CompilationDatabase_getCompileCommands(db, abs ? abs : paths[i]);
      unsigned n = clang_CompileCommands_getSize(cmds);
      int before = out->count;
      for (unsigned k = 0; k < n && out->count == before; k++)
        add_command(clang_CompileCommands_getCommand(cmds, k), out, NULL);
      found = out->count > before;
      if (found) { /* keep the path as the user spelled it */
        free(out->items[out->count - 1].file);
        out->items[out->count - 1].file = xstrdup(paths[i]);
      }
      clang_CompileCommands_dispose(cmds);
      free(abs);
    }
    if (!found) {
      if (db != NULL && !has_include_flag(args.items, args.count)) {
        load_default_args();
        Args with = {0};
        for (int k = 0; k < args.count; k++) args_add(&with, args.items[k]);
        for (int k = 0; k < default_args.count; k++) args_add(&with, default_args.items[k]);
        job_add(out, paths[i], &with);
        args_free(&with);
      } else {
        job_add(out, paths[i], &args);
      }
    }
  }
  rc = 0;
out:
  if (db != NULL) clang_CompilationDatabase_dispose(db);
  args_free(&args);
  return rc;
}

/* ---- the precompiled Python headers --------------------------------------------------------------- */

/* A file whose text before `#include <Python.h>` (or "Python.h") is only blank lines, comments and
 * #define lines has a "Python prefix": that text and the include. Files with the same prefix and
 * the same arguments share one PCH of it (built with the detailed preprocessing record, so that
 * macro expansions and definitions stay visible); the file is then parsed with -include-pch: its
 * own #defines repeat identically and its #include of Python.h is skipped by the include guard. */
typedef struct {
  char *key;    /* arguments and prefix, NUL-separated, hashed to hex */
  char *pch;    /* the PCH's path once built; NULL before */
  int seen;     /* files with this key so far */
  bool failed;  /* building it failed: parse without */
  int py_major, py_minor; /* PY_MAJOR/MINOR_VERSION as the PCH defines them; -1 unknown */
  RcMacroBodies *bodies;  /* its function-like macros (a unit parsed with it cannot list them) */
} PchEntry;

static bool pch_enabled;
static char pch_dir[4096];
static PchEntry *pchs;
static int npchs;
static pthread_mutex_t pch_lock = PTHREAD_MUTEX_INITIALIZER; /* pchs, npchs, pch_dir */

void rc_frontend_use_pch(bool enabled) { pch_enabled = enabled; }

void rc_frontend_cleanup(void) {
  for (int i = 0; i < npchs; i++) {
    if (pchs[i].pch != NULL) {
      remove(pchs[i].pch);
      size_t n = strlen(pchs[i].pch);
      pchs[i].pch[n - 3] = 'h'; /* N.pch -> N.h (the header it was built from) */
      pchs[i].pch[n - 2] = '\0';
      remove(pchs[i].pch);
    }
    free(pchs[i].pch);
    free(pchs[i].key);
    rc_macro_bodies_free(pchs[i].bodies);
  }
  free(pchs);
  pchs = NULL;
  npchs = 0;
  if (pch_dir[0] != '\0') rmdir(pch_dir);
  pch_dir[0] = '\0';
}

/* Appends line [p, p+len) and a newline to the growing buffer *buf. */
static void append_line(char **buf, size_t *n, const char *p, size_t len) {
  char *grown = realloc(*buf, *n + len + 2);
  if (grown == NULL) abort();
  memcpy(grown + *n, p, len);
  grown[*n + len] = '\n';
  grown[*n + len + 1] = '\0';
  *buf = grown;
  *n += len + 1;
}

/* The Python prefix of `text`: its #define lines and the include, without the comments (so that
 * files that differ only in their leading comments share a PCH); malloc'd, or NULL when the file
 * has none. */
static char *python_prefix(const char *text) {
  const char *p = text;
  bool in_comment = false;
  char *out = NULL;
  size_t n = 0;
  while (*p != '\0') {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    const char *q = p;
    while (q < p + len && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
    size_t rest = (size_t)(p + len - q);
    if (in_comment) {
      const char *end = strstr(q, "*/");
      if (end != NULL && end < p + len) {
        in_comment = false;
        if (strspn(end + 2, " \t\r") != (size_t)(p + len - end - 2)) goto none;
      }
    } else if (rest == 0 || strncmp(q, "//", 2) == 0) {
      /* blank or a line comment */
    } else if (strncmp(q, "/*", 2) == 0) {
      const char *end = strstr(q + 2, "*/");
      if (end == NULL || end >= p + len) in_comment = true;
      else if (strspn(end + 2, " \t\r") != (size_t)(p + len - end - 2)) goto none;
    } else if (*q == '#') {
      const char *d = q + 1;
      while (*d == ' ' || *d == '\t') d++;
      if (strncmp(d, "define", 6) == 0 && (d[6] == ' ' || d[6] == '\t')) {
        if (len > 0 && p[len - 1] == '\\') goto none; /* continued: keep it simple */
        if (memchr(q, '/', rest) != NULL) goto none;  /* a trailing comment: keep it simple */
        append_line(&out, &n, q, rest);
      } else if (strncmp(d, "include", 7) == 0) {
        d += 7;
        while (*d == ' ' || *d == '\t') d++;
        if (strncmp(d, "<Python.h>", 10) != 0 && strncmp(d, "\"Python.h\"", 10) != 0) goto none;
        append_line(&out, &n, "#include <Python.h>", 19);
        return out;
      } else {
        goto none;
      }
    } else {
      goto none;
    }
    if (eol == NULL) break;
    p = eol + 1;
  }
none:
  free(out);
  return NULL;
}

int rc_frontend_macro_number(CXTranslationUnit tu, CXCursor c) {
  CXToken *t = NULL;
  unsigned n = 0;
  int v = -1;
  clang_tokenize(tu, clang_getCursorExtent(c), &t, &n);
  if (n >= 2) {
    CXString s = clang_getTokenSpelling(tu, t[1]);
    v = atoi(clang_getCString(s));
    clang_disposeString(s);
  }
  clang_disposeTokens(tu, t, n);
  return v;
}

typedef struct {
  CXTranslationUnit tu;
  PchEntry *entry;
} VersionScan;

/* Reads the Python version macros of a PCH's translation unit: a unit parsed with the PCH does
 * not visit the PCH's macro definitions (lint.c creates its index with excludeDeclarationsFromPCH). */
static enum CXChildVisitResult find_version(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  VersionScan *v = data;
  if (clang_getCursorKind(c) != CXCursor_MacroDefinition) return CXChildVisit_Continue;
  CXString s = clang_getCursorSpelling(c);
  const char *name = clang_getCString(s);
  if (strcmp(name, "PY_MAJOR_VERSION") == 0) v->entry->py_major = rc_frontend_macro_number(v->tu, c);
  if (strcmp(name, "PY_MINOR_VERSION") == 0) v->entry->py_minor = rc_frontend_macro_number(v->tu, c);
  clang_disposeString(s);
  return CXChildVisit_Continue;
}

/* Builds the PCH of entry `e` from `prefix`; marks it failed when anything goes wrong. */
static void build_pch(CXIndex index, PchEntry *e, int number, const char *prefix, const RcJob *job) {
  e->failed = true;
  if (pch_dir[0] == '\0') {
    snprintf(pch_dir, sizeof pch_dir, "%s/pyrefcheck-pch-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(pch_dir) == NULL) {
      pch_dir[0] = '\0';
      return;
    }
  }
  char header[4200], pch[4200];
  snprintf(header, sizeof header, "%s/%d.h", pch_dir, number);
  snprintf(pch, sizeof pch, "%s/%d.pch", pch_dir, number);
  FILE *f = fopen(header, "w");
  if (f == NULL) return;
  fputs(prefix, f);
  if (fclose(f) != 0) return;
  Args args = {0};
  for (int i = 0; i < job->nargs; i++) args_add(&args, job->args[i]);
  args_add(&args, "-xc-header");
  CXTranslationUnit tu = NULL;
  unsigned options = CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_ForSerialization |
                     CXTranslationUnit_Incomplete;
  enum CXErrorCode ec = clang_parseTranslationUnit2(index, header, (const char *const *)args.items,
                                                    args.count, NULL, 0, options, &tu);
  args_free(&args);
  if (ec != CXError_Success || tu == NULL) return;
  bool errors = false;
  for (unsigned i = 0, n = clang_getNumDiagnostics(tu); i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    errors = errors || clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
    clang_disposeDiagnostic(d);
  }
  if (!errors && clang_saveTranslationUnit(tu, pch, clang_defaultSaveOptions(tu)) == CXSaveError_None) {
    e->pch = xstrdup(pch);
    e->failed = false;
    VersionScan scan = {tu, e};
    clang_visitChildren(clang_getTranslationUnitCursor(tu), find_version, &scan);
    e->bodies = rc_macro_bodies_collect(tu);
  }
  clang_disposeTranslationUnit(tu);
}

/* The PCH to parse `job` with (a malloc'd path, and the Python version it defines), or NULL:
 * built the second time a key is seen (a run of one file pays nothing). Threads of lint -j share
 * the table under pch_lock; a thread that needs a PCH another is building waits for it. */
static char *pch_for(CXIndex index, const RcJob *job, int *py_major, int *py_minor,
                     const RcMacroBodies **bodies) {
  FILE *f = fopen(job->file, "rb");
  if (f == NULL) return NULL;
  char text[65536];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  char *prefix = python_prefix(text);
  if (prefix == NULL) return NULL;
  Args key = {0};
  for (int i = 0; i < job->nargs; i++) args_add(&key, job->args[i]);
  args_add(&key, prefix);
  size_t total = 1;
  for (int i = 0; i < key.count; i++) total += strlen(key.items[i]) + 1;
  char *joined = malloc(total), *w = joined;
  if (joined == NULL) abort();
  for (int i = 0; i < key.count; i++) w += sprintf(w, "%s%c", key.items[i], 1);
  args_free(&key);
  pthread_mutex_lock(&pch_lock);
  PchEntry *e = NULL;
  for (int i = 0; i < npchs && e == NULL; i++)
    if (strcmp(pchs[i].key, joined) == 0) e = &pchs[i];
  if (e == NULL) {
    pchs = realloc(pchs, (size_t)(npchs + 1) * sizeof *pchs);
    if (pchs == NULL) abort();
    e = &pchs[npchs++];
    memset(e, 0, sizeof *e);
    e->key = joined;
    e->py_major = e->py_minor = -1;
    joined = NULL;
  }
  free(joined);
  e->seen++;
  if (e->pch == NULL && !e->failed && e->seen >= 2) build_pch(index, e, (int)(e - pchs), prefix, job);
  free(prefix);
  char *pch = e->pch != NULL ? xstrdup(e->pch) : NULL;
  *py_major = e->py_major;
  *py_minor = e->py_minor;
  *bodies = e->bodies;
  pthread_mutex_unlock(&pch_lock);
  return pch;
}

/* ---- parsing ------------------------------------------------------------------------------------ */

int rc_frontend_parse(CXIndex index, const RcJob *job, RcParsed *out, char **error) {
  memset(out, 0, sizeof *out);
  unsigned options = CXTranslationUnit_DetailedPreprocessingRecord |
                     CXTranslationUnit_KeepGoing;
  out->py_major = out->py_minor = -1;
  char *pch = pch_enabled ? pch_for(index, job, &out->py_major, &out->py_minor, &out->bodies) : NULL;
  Args with = {0};
  for (int i = 0; pch != NULL && i < job->nargs; i++) args_add(&with, job->args[i]);
  if (pch != NULL) {
    args_add(&with, "-include-pch");
    args_add(&with, pch);
  }
  enum CXErrorCode ec = clang_parseTranslationUnit2(index, job->file,
                                                    pch ? (const char *const *)with.items
                                                        : (const char *const *)job->args,
                                                    pch ? with.count : job->nargs,
                                                    NULL, 0, options, &out->tu);
  args_free(&with);
  free(pch);
  if (ec != CXError_Success || out->tu == NULL) {
    *error = format_error("%s: cannot be parsed (libclang error %d)", job->file, (int)ec);
    out->tu = NULL;
    return -1;
  }
  if (out->bodies == NULL) out->bodies = out->own_bodies = rc_macro_bodies_collect(out->tu);
  unsigned n = clang_getNumDiagnostics(out->tu);
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(out->tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
    if (sev >= CXDiagnostic_Error) {
      out->errors = realloc(out->errors, (size_t)(out->nerrors + 1) * sizeof *out->errors);
      if (out->errors == NULL) abort();
      RcCompileError *e = &out->errors[out->nerrors++];
      CXString text = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
      CXString msg = clang_getDiagnosticSpelling(d);
      e->fatal = sev == CXDiagnostic_Fatal;
      const char *t = clang_getCString(text);
      const char *at = e->fatal ? strstr(t, ": error: ") : NULL;
      if (at != NULL) { /* as the clang driver spells it */
        size_t head = (size_t)(at - t);
        e->text = malloc(strlen(t) + 8);
        if (e->text == NULL) abort();
        memcpy(e->text, t, head);
        strcpy(e->text + head, ": fatal error: ");
        strcat(e->text, at + 9);
      } else {
        e->text = xstrdup(t);
      }
      e->message = xstrdup(clang_getCString(msg));
      clang_disposeString(text);
      clang_disposeString(msg);
      CXSourceLocation loc = clang_getDiagnosticLocation(d);
      CXFile f;
      unsigned line, col;
      clang_getFileLocation(loc, &f, &line, &col, &e->offset);
      e->in_main = clang_Location_isFromMainFile(loc) != 0;
      if (e->fatal) out->fatal = true;
    }
    clang_disposeDiagnostic(d);
  }
  return 0;
}

void rc_frontend_parsed_free(RcParsed *parsed) {
  for (int i = 0; i < parsed->nerrors; i++) {
    free(parsed->errors[i].text);
    free(parsed->errors[i].message);
  }
  free(parsed->errors);
  rc_macro_bodies_free(parsed->own_bodies);
  if (parsed->tu != NULL) clang_disposeTranslationUnit(parsed->tu);
  memset(parsed, 0, sizeof *parsed);
}

static enum CXChildVisitResult find_invalid(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_isDeclaration(clang_getCursorKind(c)) && clang_isInvalidDeclaration(c)) {
    *(bool *)data = true;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Recurse;
}

bool rc_frontend_file_extent(CXTranslationUnit tu, CXCursor c, CXSourceRange *out) {
  CXSourceRange r = clang_getCursorExtent(c);
  CXFile f, g;
  unsigned line, col, b, e;
  clang_getFileLocation(clang_getRangeStart(r), &f, &line, &col, &b);
  clang_getFileLocation(clang_getRangeEnd(r), &g, &line, &col, &e);
  *out = r;
  if (f == NULL || f != g) return false;
  *out = clang_getRange(clang_getLocationForOffset(tu, f, b), clang_getLocationForOffset(tu, f, e));
  return true;
}

bool rc_frontend_function_touched(const RcParsed *parsed, CXCursor fn, const char **why) {
  CXSourceRange r = clang_getCursorExtent(fn);
  CXFile f;
  unsigned line, col, begin, end;
  clang_getFileLocation(clang_getRangeStart(r), &f, &line, &col, &begin);
  clang_getFileLocation(clang_getRangeEnd(r), &f, &line, &col, &end);
  for (int i = 0; i < parsed->nerrors; i++) {
    const RcCompileError *e = &parsed->errors[i];
    if (e->in_main && begin <= e->offset && e->offset <= end) {
      *why = e->message;
      return true;
    }
  }
  if (parsed->fatal) {
    bool invalid = clang_isInvalidDeclaration(fn) != 0;
    if (!invalid) clang_visitChildren(fn, find_invalid, &invalid);
    if (invalid) {
      for (int i = 0; i < parsed->nerrors; i++)
        if (parsed->errors[i].fatal) *why = parsed->errors[i].message;
      return true;
    }
  }
  return false;
}
