/* confirm.c — `pyrefcheck lint --confirm`: findings checked by running their functions on the
 * oracle (see confirm.h). */
#include "confirm.h"

#include "cli.h"
#include "lint_output.h"
#include "oracle.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the rule to verdict mapping -------------------------------------------------------------- */

typedef enum { OBSERVE_NONE, OBSERVE_LEAK, OBSERVE_RELEASE, OBSERVE_NULL_DEREF, OBSERVE_NULL_RESULT,
               OBSERVE_PENDING, OBSERVE_TRAVERSE, OBSERVE_DEALLOC } Observe;

static Observe observe_of(const char *rule) {
  static const struct { const char *rule; Observe what; } map[] = {
    {"ref-leak", OBSERVE_LEAK},
    {"ref-release-borrowed", OBSERVE_RELEASE},
    {"ref-use-after-release", OBSERVE_RELEASE},
    {"ref-use-after-steal", OBSERVE_RELEASE},
    {"ref-steal-borrowed", OBSERVE_RELEASE},
    {"ref-borrowed-invalidated", OBSERVE_RELEASE},
    {"ref-return-borrowed", OBSERVE_RELEASE},
    {"null-unchecked", OBSERVE_NULL_DEREF},
    {"exc-null-without-error", OBSERVE_NULL_RESULT},
    {"exc-success-with-error", OBSERVE_PENDING},
    {"type-traverse", OBSERVE_TRAVERSE},
    {"type-dealloc", OBSERVE_DEALLOC},
  };
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(map[i].rule, rule) == 0) return map[i].what;
  return OBSERVE_NONE;
}

static bool verdict_fits(Observe what, RcOracleVerdict v) {
  switch (what) {
  case OBSERVE_LEAK: return v == RC_ORACLE_LEAK;
  case OBSERVE_RELEASE:
    return v == RC_ORACLE_OVER_RELEASE || v == RC_ORACLE_USE_AFTER_FREE ||
           v == RC_ORACLE_NEGATIVE_REFCOUNT || v == RC_ORACLE_CRASH;
  case OBSERVE_NULL_DEREF: return v == RC_ORACLE_CRASH;
  case OBSERVE_NULL_RESULT: return v == RC_ORACLE_NULL_WITHOUT_ERROR;
  case OBSERVE_PENDING: return v == RC_ORACLE_SUCCESS_WITH_ERROR;
  case OBSERVE_TRAVERSE: return v == RC_ORACLE_UNCOLLECTABLE || v == RC_ORACLE_LEAK;
  case OBSERVE_DEALLOC:
    return v == RC_ORACLE_MEMORY_ERROR || v == RC_ORACLE_CRASH || v == RC_ORACLE_USE_AFTER_FREE;
  case OBSERVE_NONE: break;
  }
  return false;
}


/* ---- one oracle exploration ------------------------------------------------------------------- */

/* Runs `fn` with the process's stderr going to a temporary file, whose last line (the oracle's
 * reason for refusing, a compiler message) is copied to why[size]. Returns what fn returned. */
typedef int (*Quiet)(void *ctx);
static int quietly(Quiet fn, void *ctx, char *why, size_t size) {
  fflush(stderr);
  FILE *tmp = tmpfile();
  int saved = dup(STDERR_FILENO);
  if (tmp == NULL || saved < 0) {
    if (tmp) fclose(tmp);
    if (saved >= 0) close(saved);
    return fn(ctx);
  }
  dup2(fileno(tmp), STDERR_FILENO);
  int rc = fn(ctx);
  fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  if (why != NULL && size > 0) {
    why[0] = '\0';
    rewind(tmp);
    char line[1024];
    while (fgets(line, sizeof line, tmp) != NULL) {
      line[strcspn(line, "\n")] = '\0';
      const char *text = strncmp(line, "pyrefcheck: ", 12) == 0 ? line + 12 : line;
      if (*text) snprintf(why, size, "%s", text);
    }
  }
  fclose(tmp);
  return rc;
}

typedef struct {
  RcOracleToolchain *tc;
  RcOracle *o;
  char **cflags;
  int ncflags;
  const char *discovery;
  RcOracleOptions *opt;
  char *output;
} Stage;

static int stage_compile(void *ctx) {
  Stage *s = ctx;
  return rc_oracle_compile(s->tc, s->o, s->cflags, s->ncflags);
}

static int stage_plan(void *ctx) {
  Stage *s = ctx;
  return rc_oracle_plan_entries(s->o, s->discovery, s->opt);
}

/* Fills a fresh RcOracle for `path` (display) whose text is `text`. Returns 0 or -1 (OOM). */
static int oracle_init(RcOracle *o, const char *path, const char *abs, const char *text,
                       const char *profile) {
  memset(o, 0, sizeof *o);
  o->snippet = strdup(path);
  o->snippet_abs = strdup(abs);
  o->profile = strdup(profile);
  o->replay_options = strdup("");
  if (!o->snippet || !o->snippet_abs || !o->profile || !o->replay_options) return -1;
  return rc_oracle_source_scan(text, &o->source) < 0 ? -1 : 0;
}

/* Explores the entries of `opt` (all when none) of the compiled snippet into *o. Returns 0, 1
 * when the oracle refused (why set), -1 on a toolchain failure (why set). */
static int explore(RcOracleToolchain *tc, RcOracle *o, const char *discovery, RcOracleOptions *opt,
                   char *why, size_t size) {
  char so[4200], plan[4200];
  snprintf(so, sizeof so, "%s/snippet.so", tc->tmpdir);
  snprintf(plan, sizeof plan, "%s/plan", tc->tmpdir);
  Stage s = {.tc = tc, .o = o, .discovery = discovery, .opt = opt};
  int planned = quietly(stage_plan, &s, why, size);
  if (planned != 0) return planned > 0 ? 1 : -1;
  if (rc_oracle_plan_write(o, opt, plan) < 0) {
    snprintf(why, size, "cannot write the plan: %s", strerror(errno));
    return -1;
  }
  static char explore_word[] = "explore";
  char *args[] = {explore_word, so, plan, NULL};
  long budget = opt->max_runs * (opt->timeout_ms + 100) / 1000 + 60;
  char *output = NULL;
  if (rc_oracle_run_runner(tc, args, (unsigned)budget, &output) < 0) {
    snprintf(why, size, "the runner failed");
    return -1;
  }
  int rc = rc_oracle_results_read(o, output);
  free(output);
  if (rc < 0) snprintf(why, size, "out of memory");
  return rc < 0 ? -1 : 0;
}

/* ---- matching --------------------------------------------------------------------------------- */

static bool at_finding(const RcFinding *f, int line) {
  if (line <= 0) return false;
  if ((unsigned)line == f->line) return true;
  for (int i = 0; i < f->nsteps; i++)
    if (f->steps[i].line == (unsigned)line) return true;
  return false;
}

static bool in_function(const RcOracleFunc *func, int line) {
  return func != NULL && line > 0 && line >= func->line && line <= func->body_last_line;
}

/* The defect of `o` that confirms finding `f` of function `func`, or NULL. It must fit the rule,
 * and lie at the finding's line or a line of its path notes; or, for the rules about a whole
 * function (type-dealloc, type-traverse), anywhere in it; or, when the oracle could place it no
 * better than at its entry's definition (a borrowed result, an argument's count that changed,
 * an exception-state mistake, a crash), in a run of the function itself. */
static const RcOracleDefect *confirming(const RcOracle *o, const RcFinding *f,
                                        const RcOracleFunc *func) {
  Observe what = observe_of(f->rule);
  for (size_t i = 0; i < o->ndefects; i++) {
    const RcOracleDefect *d = &o->defects[i];
    if (!verdict_fits(what, d->verdict)) continue;
    if (at_finding(f, d->site_line) || at_finding(f, d->alloc_line)) return d;
    if ((what == OBSERVE_DEALLOC || what == OBSERVE_TRAVERSE) && in_function(func, d->site_line))
      return d;
    const RcOracleEntry *e = &o->entries[d->entry];
    bool at_entry = d->site_line <= 0 || d->site_line == e->line;
    if (at_entry && in_function(func, e->line)) return d;
    /* a tp_dealloc runs in the life of its type's instances: the oracle places what it does
     * wrong at the type's entry (with two types in a file, either may be the one) */
    if (at_entry && what == OBSERVE_DEALLOC && e->type != NULL) return d;
  }
  return NULL;
}

/* The entry of run `o` defined by function `func`, or NULL. */
static const RcOracleEntry *entry_of(const RcOracle *o, const RcOracleFunc *func) {
  for (size_t i = 0; func != NULL && i < o->nentries; i++)
    if (in_function(func, o->entries[i].line)) return &o->entries[i];
  return NULL;
}

/* Whether entry `e` was run with at least one argument set. */
static bool entry_ran(const RcOracleEntry *e) {
  return e != NULL && e->runs > 0 && e->not_run_sets < (long)e->nargsets;
}

/* ---- one file --------------------------------------------------------------------------------- */

typedef struct {
  size_t *items; /* report indexes of the file's findings to check */
  size_t count;
} Picks;

/* The job's -D/-U/-I flags for the oracle's compile, without a real CPython's include
 * directories (the runtime's headers stand in for them). */
static int oracle_flags(const RcJob *job, char ***out) {
  char **flags = calloc((size_t)job->nargs + 1, sizeof *flags);
  if (flags == NULL) return -1;
  int n = 0;
  for (int i = 0; i < job->nargs; i++) {
    const char *a = job->args[i];
    bool two = (strcmp(a, "-D") == 0 || strcmp(a, "-I") == 0 || strcmp(a, "-U") == 0) && i + 1 < job->nargs;
    const char *value = two ? job->args[i + 1] : a + 2;
    if (strncmp(a, "-D", 2) != 0 && strncmp(a, "-U", 2) != 0 && strncmp(a, "-I", 2) != 0) continue;
    if (a[1] == 'I' && strstr(value, "python") != NULL) { i += two; continue; }
    flags[n++] = (char *)a;
    if (two) flags[n++] = job->args[++i];
  }
  *out = flags;
  return n;
}

static void mark_all(RcReport *report, const Picks *p, const char *verdict, const char *why) {
  for (size_t k = 0; k < p->count; k++)
    rc_report_set_confirmation(report, p->items[k], false, verdict, NULL, why);
}

/* Checks the findings `p` of one file. Returns 0, or -1 when the toolchain is missing. */
static int confirm_file(RcReport *report, const RcJob *job, const Picks *p,
                        const RcConfirmOptions *opt) {
  int status = 0;
  char why[1024] = "";
  char abs[PATH_MAX];
  RcOracleToolchain tc;
  memset(&tc, 0, sizeof tc);
  RcOracle all;
  memset(&all, 0, sizeof all);
  char *discovery = NULL, **cflags = NULL;
  char *text = rc_cli_read_file(job->file, NULL);
  if (text == NULL || realpath(job->file, abs) == NULL) {
    mark_all(report, p, "not-run", "the file cannot be read");
    goto out;
  }
  if (strchr(abs, '"') || strchr(abs, '\\') || strchr(abs, '\n')) {
    mark_all(report, p, "not-run", "the oracle cannot compile a file whose path holds a quote or a backslash");
    goto out;
  }
  if (oracle_init(&all, job->file, abs, text, opt->profile) < 0) { status = -1; goto out; }
  if (rc_oracle_toolchain_find(&tc, opt->argv0) < 0) { status = -1; goto out; }
  setenv("PYREFCHECK_PYTHON", opt->profile, 1);
  int ncflags = oracle_flags(job, &cflags);
  if (ncflags < 0) { status = -1; goto out; }
  Stage s = {.tc = &tc, .o = &all, .cflags = cflags, .ncflags = ncflags};
  int compiled = quietly(stage_compile, &s, why, sizeof why);
  if (compiled != 0) {
    char reason[1200];
    snprintf(reason, sizeof reason, "the file does not compile against the reference runtime%s%s",
             why[0] ? ": " : "", why);
    mark_all(report, p, "not-run", reason);
    goto out;
  }
  char so[4200];
  snprintf(so, sizeof so, "%s/snippet.so", tc.tmpdir);
  static char discover_word[] = "discover";
  char *discover_args[] = {discover_word, so, NULL};
  if (rc_oracle_run_runner(&tc, discover_args, 60, &discovery) < 0) {
    mark_all(report, p, "not-run", "the oracle's runner failed");
    goto out;
  }
  if (strstr(discovery, "\nerror\t") != NULL || strncmp(discovery, "error\t", 6) == 0) {
    mark_all(report, p, "not-run", "the compiled file does not load on the reference runtime (it uses "
                                   "something the runtime does not have)");
    goto out;
  }

  /* Every entry point the oracle finds by itself, explored once. */
  RcOracleOptions every = {.schedule = -1, .max_runs = 3000, .timeout_ms = 2000};
  int explored = explore(&tc, &all, discovery, &every, why, sizeof why);
  if (explored < 0) { mark_all(report, p, "not-run", why); goto out; }
  /* explored > 0: no entry point of its own (a file of helpers): each function is tried alone */

  for (size_t k = 0; k < p->count; k++) {
    size_t index = p->items[k];
    const RcFinding *f = rc_report_at(report, index);
    const RcOracleFunc *func = f->function ? rc_oracle_source_func(&all.source, f->function) : NULL;
    char replay[1024];
    const RcOracleDefect *d = confirming(&all, f, func);
    const RcOracle *in = &all;
    RcOracle alone;
    memset(&alone, 0, sizeof alone);
    const RcOracleEntry *own = entry_of(&all, func);
    bool ran = entry_ran(own);
    if (d == NULL && own != NULL && !ran) { /* an entry the oracle could not run: its own note */
      char reason[1200];
      snprintf(reason, sizeof reason, "not runnable: %s",
               own->nnotes > 0 ? own->notes[0] : "no argument set could be run");
      rc_report_set_confirmation(report, index, false, "not-run", own->name, reason);
      continue;
    }
    if (d == NULL && own == NULL && f->function != NULL) {
      /* not reached as an entry: the function alone, as its prototype says (reusing the run of an
       * earlier finding of the same function would be cheaper; findings per function are few) */
      char *name = (char *)f->function;
      RcOracleOptions one = {.entries = &name, .nentries = 1, .schedule = -1, .max_runs = 3000,
                             .timeout_ms = 2000};
      if (opt->progress) fprintf(stderr, "pyrefcheck: confirming %s in %s\n", f->function, job->file);
      if (oracle_init(&alone, job->file, abs, text, opt->profile) < 0) { status = -1; goto out; }
      int rc = explore(&tc, &alone, discovery, &one, why, sizeof why);
      if (rc != 0) {
        char reason[1200];
        snprintf(reason, sizeof reason, "not runnable: %s", why[0] ? why : "the oracle cannot call it");
        rc_report_set_confirmation(report, index, false, "not-run", f->function, reason);
        rc_oracle_free(&alone);
        continue;
      }
      in = &alone;
      ran = entry_ran(entry_of(&alone, func));
      d = confirming(&alone, f, func);
    }
    if (d != NULL) {
      rc_oracle_replay_command(in, d, replay, sizeof replay);
      rc_report_set_confirmation(report, index, true, rc_oracle_verdict_name(d->verdict),
                                 in->entries[d->entry].name, replay);
    } else if (!ran) {
      const RcOracleEntry *e = entry_of(in, func);
      char reason[1200];
      snprintf(reason, sizeof reason, "not runnable: %s",
               e && e->nnotes > 0 ? e->notes[0] : "no entry point of the oracle reaches this function");
      rc_report_set_confirmation(report, index, false, "not-run", f->function, reason);
    } else {
      char reason[1024];
      const RcOracleEntry *e = entry_of(in, func);
      size_t others = 0;
      for (size_t i = 0; i < in->ndefects; i++) others += e && &in->entries[in->defects[i].entry] == e;
      snprintf(reason, sizeof reason, "not reproduced: the oracle ran %s (%ld runs, %ld of %ld failure "
                                      "points made to fail) and saw no defect of this kind there%s",
               e ? e->name : f->function, e ? e->runs : 0L, e ? e->covered : 0L, e ? e->points : 0L,
               others ? " (it saw others)" : "");
      rc_report_set_confirmation(report, index, false, "ok", e ? e->name : f->function, reason);
    }
    rc_oracle_free(&alone);
  }
out:
  rc_oracle_toolchain_cleanup(&tc);
  rc_oracle_free(&all);
  free(discovery);
  free(cflags);
  free(text);
  return status;
}

/* ---- the report ------------------------------------------------------------------------------- */

int rc_confirm_report(RcReport *report, const RcJobs *jobs, const RcConfirmOptions *opt) {
  int status = 0;
  size_t n = rc_report_count(report);
  Picks p = {calloc(n + 1, sizeof(size_t)), 0};
  if (p.items == NULL) return -1;
  for (int j = 0; j < jobs->count && status == 0; j++) {
    const RcJob *job = &jobs->items[j];
    p.count = 0;
    for (size_t i = 0; i < n; i++) {
      const RcFinding *f = rc_report_at(report, i);
      if (f->suppressed || f->severity < RC_SEVERITY_WARNING || f->rule[0] == '\0' ||
          f->file == NULL || strcmp(f->file, job->file) != 0)
        continue;
      if (observe_of(f->rule) == OBSERVE_NONE) {
        rc_report_set_confirmation(report, i, false, "not-run",
                                   NULL, "not observable by running: the oracle does not check this rule");
        continue;
      }
      p.items[p.count++] = i;
    }
    if (p.count > 0) status = confirm_file(report, job, &p, opt);
  }
  free(p.items);
  return status;
}

void rc_confirm_counts(const RcReport *report, size_t *confirmed, size_t *unconfirmed) {
  *confirmed = *unconfirmed = 0;
  for (size_t i = 0; i < rc_report_count(report); i++) {
    const RcFinding *f = rc_report_at(report, i);
    if (f->confirmation == NULL) continue;
    if (strcmp(f->confirmation, "confirmed") == 0) ++*confirmed;
    else ++*unconfirmed;
  }
}

/* ---- the database ----------------------------------------------------------------------------- */

typedef struct {
  char **keys;   /* "file\tfingerprint" */
  int64_t *ids;
  size_t count, cap;
} Ids;

static int collect_id(void *ctx, const RcStoredFinding *f) {
  Ids *ids = ctx;
  if (ids->count == ids->cap) {
    ids->cap = ids->cap ? ids->cap * 2 : 64;
    char **k = realloc(ids->keys, ids->cap * sizeof *k);
    if (k != NULL) ids->keys = k;
    int64_t *v = realloc(ids->ids, ids->cap * sizeof *v);
    if (v != NULL) ids->ids = v;
    if (k == NULL || v == NULL) return -1;
  }
  size_t len = strlen(f->file) + strlen(f->fingerprint) + 2;
  char *key = malloc(len);
  if (key == NULL) return -1;
  snprintf(key, len, "%s\t%s", f->file, f->fingerprint);
  ids->keys[ids->count] = key;
  ids->ids[ids->count++] = f->id;
  return 0;
}

int rc_confirm_record(const RcReport *report, RcStore *store, int64_t run, const char *root) {
  Ids ids = {0};
  RcStoreFilter filter = {.run = run};
  int status = rc_store_findings_each(store, &filter, 0, collect_id, &ids);
  for (size_t i = 0; i < rc_report_count(report) && status == RC_STORE_OK; i++) {
    const RcFinding *f = rc_report_at(report, i);
    if (f->confirmation == NULL || f->fingerprint == NULL) continue;
    char *rel = rc_lint_relpath(root, f->file);
    if (rel == NULL) return RC_STORE_EINTERNAL;
    int64_t id = 0;
    size_t len = strlen(rel) + strlen(f->fingerprint) + 2;
    char *key = malloc(len);
    if (key != NULL) {
      snprintf(key, len, "%s\t%s", rel, f->fingerprint);
      for (size_t k = 0; k < ids.count && id == 0; k++)
        if (strcmp(ids.keys[k], key) == 0) id = ids.ids[k];
    }
    bool confirmed = strcmp(f->confirmation, "confirmed") == 0;
    RcStoredVerdict v = {.snippet = rel, .entry = f->confirm_entry ? f->confirm_entry : f->function ? f->function : "",
                         .verdict = f->confirm_verdict ? f->confirm_verdict : "not-run",
                         .file = rel, .line = f->line,
                         .message = confirmed ? NULL : f->confirm_detail,
                         .replay = confirmed ? f->confirm_detail : NULL, .finding_id = id};
    if (id != 0) status = rc_store_verdict(store, run, &v);
    free(key);
    free(rel);
  }
  for (size_t k = 0; k < ids.count; k++) free(ids.keys[k]);
  free(ids.keys);
  free(ids.ids);
  return status;
}
