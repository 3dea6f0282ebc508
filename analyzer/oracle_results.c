/* oracle_results.c — from the runner's records to verdicts.
 *
 * Each run is classified on its own (classify_run), then its defects are merged into the entry's
 * (aggregate): one defect per (entry, verdict, detector, type, allocation site, offending site,
 * object), remembering how many runs showed it, whether any of them was a normal run (else it is
 * "fault-only": found only with an allocation made to fail), and the run to replay — a normal run
 * when there is one, else the first run that showed it.
 *
 * What a run can show:
 *   - the runtime's defects (leak, decref of a freed object, ...), mapped to verdicts by kind;
 *   - count deltas of what the call borrowed (its arguments, the module, the snippet's types),
 *     measured after the result was released and a full collection: fewer references is an
 *     over-release, more is a leak (regrtest -R's delta, per object);
 *   - the exception state against the result: NULL (or -1) without an exception, or a result with
 *     one still set;
 *   - how the child ended: a signal is a crash, a timeout or the CPU limit a timeout, the output
 *     cap output-limit, an exit in the middle of the run a crash.
 * A run that could not be made (an argument the runtime cannot build yet, a function the runtime
 * lacks) is not a defect: it becomes a note on the entry. */
#include "oracle.h"
#include "rules.h"
#include "wire.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *rc_oracle_verdict_name(RcOracleVerdict v) {
  static const char *const names[] = {"ok", "leak", "over-release", "use-after-free",
                                      "negative-refcount", "null-without-error",
                                      "success-with-error", "uncollectable", "crash", "timeout",
                                      "memory-error", "output-limit"};
  return v < RC_ORACLE_NVERDICTS ? names[v] : "?";
}

int rc_oracle_note(char ***notes, size_t *count, const char *text) {
  for (size_t i = 0; i < *count; i++)
    if (strcmp((*notes)[i], text) == 0) return 0;
  char **p = realloc(*notes, (*count + 1) * sizeof *p);
  if (p == NULL) return -1;
  *notes = p;
  p[*count] = strdup(text);
  return p[(*count)++] ? 0 : -1;
}

/* --- one run ----------------------------------------------------------------------------------- */

#define MAX_RUN_DEFECTS 64

typedef struct {
  RcOracleVerdict verdict;
  char detector[32];
  char type[128];
  const char *alloc_file;    /* display path or NULL */
  int alloc_line;
  const char *site_file;
  int site_line;
  char message[512];
  char consequence[512];
  char object[64];           /* what it is about ("argument 1", "result", ...): part of the key */
} RunDefect;

typedef struct {
  long entry, argset, schedule, fail_alloc, fail_call;
  const char *end, *signal, *phase;
  long code;
  int completed, has_obs, has_error;
  char error[512];
  char error_stage[16];
  /* obs */
  const char *result, *result_type, *exc, *exc_source, *failed_file, *failed_call;
  long failed_line, allocs;
  char stderr_text[2048];
  RunDefect defects[MAX_RUN_DEFECTS];
  size_t ndefects;
} Run;

static char *dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dupf(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return strdup(buf);
}

/* vsnprintf into a field of a run (a helper, so the compiler does not suspect its arguments of
 * overlapping the run they are written into). */
__attribute__((format(printf, 3, 4))) static void set_text(char *dst, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(dst, size, fmt, ap);
  va_end(ap);
}

/* Notes that an argument set of e could not be run, and why (counted per reason). */
static void not_run(RcOracleEntry *e, const char *reason) {
  size_t before = e->nnotes;
  if (rc_oracle_note(&e->notes, &e->nnotes, reason) < 0) return;
  if (e->nnotes > before) {
    long *p = realloc(e->note_sets, e->nnotes * sizeof *p);
    if (p == NULL) return;
    e->note_sets = p;
    p[e->nnotes - 1] = 0;
  }
  for (size_t i = 0; i < e->nnotes; i++)
    if (strcmp(e->notes[i], reason) == 0 && e->note_sets) e->note_sets[i]++;
}

/* Writes text into dst with every `from` replaced by `to` (absolute paths in the runtime's
 * messages become the display path). */
static void replace_path(char *dst, size_t size, const char *text, const char *from, const char *to) {
  size_t n = 0, flen = strlen(from), tlen = strlen(to);
  while (*text && n + 1 < size) {
    if (flen && strncmp(text, from, flen) == 0) {
      size_t k = tlen < size - 1 - n ? tlen : size - 1 - n;
      memcpy(dst + n, to, k);
      n += k;
      text += flen;
    } else {
      dst[n++] = *text++;
    }
  }
  dst[n] = '\0';
}

static const char *display(const RcOracle *o, const char *file) {
  if (file == NULL || *file == '\0') return NULL;
  if (strcmp(file, o->snippet_abs) == 0) return o->snippet;
  return NULL; /* a site outside the snippet: the runner or the runtime */
}

static RunDefect *add(Run *run, RcOracleVerdict v, const char *detector) {
  if (run->ndefects == MAX_RUN_DEFECTS) return NULL;
  RunDefect *d = &run->defects[run->ndefects++];
  memset(d, 0, sizeof *d);
  d->verdict = v;
  set_text(d->detector, sizeof d->detector, "%s", detector);
  return d;
}

static RcOracleVerdict verdict_of_kind(const char *kind) {
  static const struct {
    const char *kind;
    RcOracleVerdict verdict;
  } map[] = {
      {"leak", RC_ORACLE_LEAK},
      {"memory-leak", RC_ORACLE_LEAK},
      {"leak-untraversed", RC_ORACLE_UNCOLLECTABLE},
      {"decref-freed", RC_ORACLE_OVER_RELEASE},
      {"double-free", RC_ORACLE_OVER_RELEASE},
      {"singleton-dealloc", RC_ORACLE_OVER_RELEASE},
      {"singleton-balance", RC_ORACLE_OVER_RELEASE},
      {"incref-freed", RC_ORACLE_USE_AFTER_FREE},
      {"write-after-free", RC_ORACLE_USE_AFTER_FREE},
      {"negative-refcount", RC_ORACLE_NEGATIVE_REFCOUNT},
      {"incref-null", RC_ORACLE_CRASH},
      {"decref-null", RC_ORACLE_CRASH},
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(kind, map[i].kind) == 0) return map[i].verdict;
  return RC_ORACLE_MEMORY_ERROR; /* wrong-family, invalid-free, overrun, underrun, gc-* */
}

static void runtime_defect(const RcOracle *o, const RcOracleEntry *e, Run *run, const RcWireRecord *r) {
  const char *kind = rc_wire_get(r, "kind");
  if (kind == NULL) return;
  RunDefect *d = add(run, verdict_of_kind(kind), kind);
  if (d == NULL) return;
  set_text(d->type, sizeof d->type, "%s", rc_wire_get(r, "type") ? rc_wire_get(r, "type") : "");
  d->alloc_file = display(o, rc_wire_get(r, "alloc_file"));
  d->alloc_line = d->alloc_file ? (int)rc_wire_get_int(r, "alloc_line", 0) : 0;
  long snippet_line = rc_wire_get_int(r, "snippet_line", 0);
  if (snippet_line > 0) {
    d->site_file = o->snippet;
    d->site_line = (int)snippet_line;
  }
  const char *about = rc_wire_get(r, "about");
  set_text(d->object, sizeof d->object, "%s", about ? about : "");
  const char *message = rc_wire_get(r, "message");
  if (about && strcmp(about, "result") == 0 && d->site_file == NULL) {
    /* released by the runner as the caller: the reference returned was not the caller's */
    d->site_file = e->line ? o->snippet : NULL;
    d->site_line = e->line;
    char what[160];
    if (strcmp(d->type, "NoneType") == 0) snprintf(what, sizeof what, "None");
    else snprintf(what, sizeof what, "a %s object it did not create", d->type);
    set_text(d->message, sizeof d->message,
             "%s returned %s without a reference of its own (a borrowed reference); when the caller "
             "released the result: %s", e->name, what, message ? message : kind);
  } else {
    replace_path(d->message, sizeof d->message, message ? message : kind, o->snippet_abs, o->snippet);
    if (d->site_file == NULL && d->alloc_file == NULL && e->line) {
      /* no site in the snippet (inside the runtime, or about an argument): the function is */
      d->site_file = o->snippet;
      d->site_line = e->line;
    }
  }
  const char *consequence = rc_wire_get(r, "consequence");
  set_text(d->consequence, sizeof d->consequence, "%s", consequence ? consequence : "");
}

static int already_about(const Run *run, const char *object) {
  for (size_t i = 0; i < run->ndefects; i++)
    if (strcmp(run->defects[i].object, object) == 0 && strcmp(run->defects[i].detector, "refcount-delta") != 0)
      return 1;
  return 0;
}

static void delta_defect(const RcOracle *o, const RcOracleEntry *e, Run *run, const RcWireRecord *r) {
  const char *what = rc_wire_get(r, "what"), *type = rc_wire_get(r, "type");
  long before = (long)rc_wire_get_int(r, "before", 0), after = (long)rc_wire_get_int(r, "after", 0);
  if (what == NULL || before == after || already_about(run, what)) return;
  RunDefect *d = add(run, after < before ? RC_ORACLE_OVER_RELEASE : RC_ORACLE_LEAK, "refcount-delta");
  if (d == NULL) return;
  set_text(d->type, sizeof d->type, "%s", type ? type : "");
  set_text(d->object, sizeof d->object, "%s", what);
  d->site_file = e->line ? o->snippet : NULL;
  d->site_line = e->line;
  long n = after > before ? after - before : before - after;
  if (after < before && rc_wire_get(r, "returned"))
    set_text(d->message, sizeof d->message,
             "%s returned %s (a %s) without a reference of its own: its count is %ld lower after the "
             "caller released the result", e->name, what, d->type, n);
  else if (after < before)
    set_text(d->message, sizeof d->message,
             "%s released %ld reference(s) to %s (a %s) that it did not own: its count went from "
             "%ld to %ld over the call", e->name, n, what, d->type, before, after);
  else
    set_text(d->message, sizeof d->message,
             "%s kept %ld more reference(s) to %s (a %s) after returning: its count went from %ld "
             "to %ld over the call", e->name, n, what, d->type, before, after);
  set_text(d->consequence, sizeof d->consequence, "%s",
           after < before ? "the object can be freed while its owner still uses it: a use after free "
                            "later, far from this call"
                          : "the object is never freed: the process grows with every call "
                            "(regrtest -R reports a reference leak)");
}

/* Whether the rules data say `name` fails only when given a bad argument (PyTuple_SetItem with an
 * index out of range): a caller that ignores such a call's result is right in use. */
static int fails_only_on_bad_arg(const char *name) {
  for (size_t i = 0; name && i < rc_builtin_api_count(); i++) {
    const RcApi *api = rc_builtin_api_at(i);
    if (strcmp(api->name, name) == 0) return (api->flags & RC_API_FAILS_ON_BAD_ARG) != 0;
  }
  return 0;
}

static void exception_defects(const RcOracle *o, const RcOracleEntry *e, Run *run) {
  if (!run->has_obs || run->result == NULL) return;
  int failed = strcmp(run->result, "null") == 0 || strcmp(run->result, "minus-one") == 0;
  int success = strcmp(run->result, "object") == 0 || strcmp(run->result, "value") == 0;
  int exc = run->exc && *run->exc;
  /* the exception of a misuse-only failure (PyTuple_SetItem, failed in turn for the stolen
   * item's sake) left set by a caller that never tests the call: not the caller's mistake */
  if (success && exc && run->fail_call > 0 && fails_only_on_bad_arg(run->failed_call)) return;
  const char *how = run->exc_source && strcmp(run->exc_source, "hook") == 0
                        ? " (observed through PyErr_NoMemory: the runtime has no error indicator yet)"
                        : "";
  RunDefect *d = NULL;
  if (failed && !exc) {
    d = add(run, RC_ORACLE_NULL_WITHOUT_ERROR, "exception-state");
    if (d)
      set_text(d->message, sizeof d->message, "%s returned %s without an exception set%s", e->name,
               strcmp(run->result, "null") == 0 ? "NULL" : "-1", how);
  } else if (success && exc) {
    d = add(run, RC_ORACLE_SUCCESS_WITH_ERROR, "exception-state");
    if (d)
      set_text(d->message, sizeof d->message, "%s returned a result while %s was still set%s",
               e->name, run->exc, how);
  }
  if (d == NULL) return;
  set_text(d->type, sizeof d->type, "%s", run->result_type ? run->result_type : "");
  d->site_file = e->line ? o->snippet : NULL;
  d->site_line = e->line;
  set_text(d->consequence, sizeof d->consequence, "%s",
           d->verdict == RC_ORACLE_NULL_WITHOUT_ERROR
               ? "CPython raises SystemError ('error return without exception set') in the caller; "
                 "debug builds abort"
               : "CPython raises SystemError ('returned a result with an exception set') in the "
                 "caller; debug builds abort");
}

/* How the child ended, when it did not end well. Returns 1 when the run was not made at all. */
static int end_defects(const RcOracle *o, RcOracleEntry *e, Run *run) {
  const char *end = run->end ? run->end : "?";
  const char *phase = run->phase ? run->phase : "?";
  if (strcmp(end, "exited") == 0 && run->code == 0 && run->completed) return 0;
  const char *lookup = strstr(run->stderr_text, "undefined symbol: ");
  if (lookup) {
    char note[256], name[128];
    size_t n = strcspn(lookup + 18, " \n\t,");
    snprintf(name, sizeof name, "%.*s", (int)(n < 127 ? n : 127), lookup + 18);
    snprintf(note, sizeof note, "it calls %s, which the runtime does not have yet", name);
    if (run->fail_alloc == 0 && run->fail_call == 0) not_run(e, note);
    return 1;
  }
  RunDefect *d;
  if (strcmp(end, "timeout") == 0 || (run->signal && strcmp(run->signal, "SIGXCPU") == 0)) {
    d = add(run, RC_ORACLE_TIMEOUT, "timeout");
    if (d) set_text(d->message, sizeof d->message, "%s did not return: stopped by the %s limit in %s",
                    e->name, strcmp(end, "timeout") == 0 ? "wall-clock" : "CPU", phase);
  } else if (strcmp(end, "output-limit") == 0) {
    d = add(run, RC_ORACLE_OUTPUT_LIMIT, "output-limit");
    if (d) set_text(d->message, sizeof d->message, "%s wrote more than the output cap in %s and was stopped",
                    e->name, phase);
  } else if (strcmp(end, "signal") == 0) {
    d = add(run, RC_ORACLE_CRASH, "signal");
    if (d) set_text(d->message, sizeof d->message, "killed by %s in %s", run->signal ? run->signal : "a signal", phase);
  } else {
    d = add(run, RC_ORACLE_CRASH, "exit");
    if (d) set_text(d->message, sizeof d->message, "the process exited with status %ld in %s", run->code, phase);
  }
  if (d) {
    d->site_file = e->line ? o->snippet : NULL;
    d->site_line = e->line;
    set_text(d->consequence, sizeof d->consequence, "%s",
             d->verdict == RC_ORACLE_TIMEOUT ? "the interpreter hangs in this call"
             : d->verdict == RC_ORACLE_OUTPUT_LIMIT ? "the process floods its output"
                                                    : "the interpreter process dies");
  }
  return 0;
}

/* A leaked object keeps what it holds: the buffer of a leaked list is a raw block still
 * allocated, an argument it holds has one more reference, and an object it holds without a
 * tp_traverse to report it is "uncollectable" (the runner marks those "held by a leaked object").
 * Those are the leak's consequences, not defects of their own: in a run with an object leak they
 * are dropped (a raw block or an extra reference that is a bug of its own shows in the runs
 * without the object leak). */
static void drop_consequences(Run *run) {
  int object_leak = 0;
  for (size_t i = 0; i < run->ndefects; i++)
    object_leak |= strcmp(run->defects[i].detector, "leak") == 0 ||
                   strcmp(run->defects[i].detector, "leak-untraversed") == 0;
  if (!object_leak) return;
  size_t kept = 0;
  for (size_t i = 0; i < run->ndefects; i++) {
    const RunDefect *d = &run->defects[i];
    int consequence = strcmp(d->detector, "memory-leak") == 0 ||
                      (strcmp(d->detector, "refcount-delta") == 0 && d->verdict == RC_ORACLE_LEAK) ||
                      (strcmp(d->detector, "leak-untraversed") == 0 &&
                       strcmp(d->object, "held by a leaked object") == 0);
    if (!consequence) run->defects[kept++] = *d;
  }
  run->ndefects = kept;
}

/* --- aggregation ----------------------------------------------------------------------------------- */

static int same(const char *a, const char *b) {
  return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static const char *versions_text(const RunDefect *d) {
  int singleton = strcmp(d->type, "NoneType") == 0 || strcmp(d->type, "bool") == 0 ||
                  strcmp(d->type, "NotImplementedType") == 0 || strcmp(d->type, "ellipsis") == 0;
  switch (d->verdict) {
  case RC_ORACLE_LEAK:
  case RC_ORACLE_UNCOLLECTABLE:
    return "every version: no crash, the memory is never released (regrtest -R reports it)";
  case RC_ORACLE_OVER_RELEASE:
  case RC_ORACLE_NEGATIVE_REFCOUNT:
    if (singleton)
      return "3.8-3.11: the count drifts down with each call until 'Fatal Python error: deallocating "
             "None' (or a freed bool); 3.12+: not noticed, the object is immortal (PEP 683)";
    return "every version: the object is freed while still referenced: silent corruption or a crash "
           "later (debug builds and -X dev may abort)";
  case RC_ORACLE_USE_AFTER_FREE:
  case RC_ORACLE_MEMORY_ERROR:
    return "every version: heap corruption or a crash, often far from the bug";
  case RC_ORACLE_NULL_WITHOUT_ERROR:
  case RC_ORACLE_SUCCESS_WITH_ERROR:
    return "every version: SystemError in the caller (3.8-3.14); debug builds abort";
  case RC_ORACLE_CRASH: return "every version: the process dies";
  case RC_ORACLE_TIMEOUT: return "every version: the call does not return";
  default: return "";
  }
}

static int aggregate(RcOracle *o, const Run *run, const char *argset) {
  for (size_t i = 0; i < run->ndefects; i++) {
    const RunDefect *rd = &run->defects[i];
    RcOracleDefect *d = NULL;
    for (size_t k = 0; k < o->ndefects && !d; k++) {
      RcOracleDefect *x = &o->defects[k];
      /* the type only when the object has no role: one bug seen with arguments of several
       * types is one defect, two leaked objects of different types are two */
      int role = rd->object[0] != '\0'; /* about an argument, the result, the module */
      if (x->entry == (size_t)run->entry && x->verdict == rd->verdict &&
          strcmp(x->object, rd->object) == 0 &&
          (role || (strcmp(x->detector, rd->detector) == 0 && strcmp(x->type, rd->type) == 0)) &&
          same(x->alloc_file, rd->alloc_file) && x->alloc_line == rd->alloc_line &&
          same(x->site_file, rd->site_file) && x->site_line == rd->site_line)
        d = x;
    }
    int normal = run->fail_alloc == 0 && run->fail_call == 0;
    if (d != NULL) {
      d->runs_seen++;
      /* the run to replay: a normal one if any, else the lowest schedule (runs may come in any
       * order when the runner runs them in parallel) */
      int better = (normal && d->fault_only) || (normal == !d->fault_only && run->schedule < d->schedule);
      if (!better) continue;
      free(d->message);
      free(d->fail_site);
      free(d->fail_name);
      free(d->argset);
      d->fail_site = NULL;
      d->fail_name = NULL;
    } else {
      RcOracleDefect *p = realloc(o->defects, (o->ndefects + 1) * sizeof *p);
      if (p == NULL) return -1;
      o->defects = p;
      d = &p[o->ndefects++];
      memset(d, 0, sizeof *d);
      d->verdict = rd->verdict;
      d->detector = strdup(rd->detector);
      d->type = strdup(rd->type);
      d->object = strdup(rd->object);
      d->alloc_file = rd->alloc_file ? strdup(rd->alloc_file) : NULL;
      d->alloc_line = rd->alloc_line;
      d->site_file = rd->site_file ? strdup(rd->site_file) : NULL;
      d->site_line = rd->site_line;
      d->consequence = strdup(rd->consequence);
      d->versions = strdup(versions_text(rd));
      d->entry = (size_t)run->entry;
      d->runs_seen = 1;
    }
    d->message = strdup(rd->message);
    d->schedule = run->schedule;
    d->fail_alloc = run->fail_alloc;
    d->fail_call = run->fail_call;
    d->fail_name = run->fail_call > 0 && run->failed_call && run->failed_call[0] ? strdup(run->failed_call) : NULL;
    d->fault_only = !normal;
    d->argset = strdup(argset);
    if (!normal && run->failed_file && run->failed_file[0])
      d->fail_site = dupf("%s:%ld", display(o, run->failed_file) ? display(o, run->failed_file)
                                                                 : run->failed_file, run->failed_line);
  }
  return 0;
}

/* --- reading ----------------------------------------------------------------------------------- */

static void finish_run(RcOracle *o, Run *run) {
  if (run->entry < 0 || (size_t)run->entry >= o->nentries) return;
  RcOracleEntry *e = &o->entries[run->entry];
  const char *argset = (size_t)run->argset < e->nargsets ? e->argsets[run->argset] : "()";
  e->runs++;
  o->runs++;
  if (run->has_error) {
    if (run->fail_alloc == 0 && run->fail_call == 0) {
      char reason[768];
      if (strcmp(run->error_stage, "args") == 0)
        snprintf(reason, sizeof reason, "%s, with the arguments %s", run->error, argset);
      else
        snprintf(reason, sizeof reason, "%s", run->error);
      not_run(e, reason);
      e->not_run_sets++;
    }
    return;
  }
  if (end_defects(o, e, run)) {
    if (run->fail_alloc == 0 && run->fail_call == 0) e->not_run_sets++;
    return;
  }
  /* runtime defects first: deltas about the same object are then not repeated */
  exception_defects(o, e, run);
  drop_consequences(run);
  aggregate(o, run, argset);
}

int rc_oracle_results_read(RcOracle *o, char *output) {
  Run *run = calloc(1, sizeof *run);
  if (run == NULL) return -1;
  int in_run = 0;
  char *save = NULL;
  /* the delta records are kept until the run's end: they are judged after its defects */
  RcWireRecord *deltas = NULL;
  size_t ndeltas = 0;
  for (char *line = strtok_r(output, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    RcWireRecord r;
    if (rc_wire_parse(line, &r) < 0) continue;
    if (strcmp(r.name, "run") == 0) {
      memset(run, 0, sizeof *run);
      in_run = 1;
      run->entry = (long)rc_wire_get_int(&r, "entry", -1);
      run->argset = (long)rc_wire_get_int(&r, "argset", 0);
      run->schedule = (long)rc_wire_get_int(&r, "schedule", 0);
      run->fail_alloc = (long)rc_wire_get_int(&r, "fail_alloc", 0);
      run->fail_call = (long)rc_wire_get_int(&r, "fail_call", 0);
      run->end = rc_wire_get(&r, "end");
      run->signal = rc_wire_get(&r, "signal");
      run->code = (long)rc_wire_get_int(&r, "code", 0);
      run->phase = rc_wire_get(&r, "phase");
      run->failed_call = rc_wire_get(&r, "failed_call"); /* the gate's note; obs may refine it */
      run->failed_file = rc_wire_get(&r, "failed_file");
      run->failed_line = (long)rc_wire_get_int(&r, "failed_line", 0);
    } else if (!in_run) {
      if (strcmp(r.name, "coverage") == 0) {
        long id = (long)rc_wire_get_int(&r, "entry", -1);
        if (id >= 0 && (size_t)id < o->nentries) {
          RcOracleEntry *e = &o->entries[id];
          long points = (long)rc_wire_get_int(&r, "points", 0);
          if (rc_wire_get_int(&r, "same_as", -1) >= 0) {
            e->same_path_sets++; /* its points are the earlier set's: not counted twice */
          } else {
            if (points > 0) e->points += points;
            e->covered += (long)rc_wire_get_int(&r, "covered", 0);
          }
          const char *note = rc_wire_get(&r, "note");
          if (note && *note) {
            char text[512];
            snprintf(text, sizeof text, "%s%s: %s", e->name,
                     (size_t)rc_wire_get_int(&r, "argset", 0) < e->nargsets
                         ? e->argsets[rc_wire_get_int(&r, "argset", 0)] : "", note);
            size_t before = e->nnotes;
            if (rc_oracle_note(&e->notes, &e->nnotes, text) == 0 && e->nnotes > before) {
              long *p = realloc(e->note_sets, e->nnotes * sizeof *p);
              if (p) {
                e->note_sets = p;
                p[e->nnotes - 1] = 0;
              }
            }
          }
        }
      }
    } else if (strcmp(r.name, "obs") == 0) {
      run->has_obs = 1;
      run->result = rc_wire_get(&r, "result");
      run->result_type = rc_wire_get(&r, "result_type");
      run->exc = rc_wire_get(&r, "exc");
      run->exc_source = rc_wire_get(&r, "exc_source");
      if (rc_wire_get(&r, "failed_file")) {
        run->failed_file = rc_wire_get(&r, "failed_file");
        run->failed_line = (long)rc_wire_get_int(&r, "failed_line", 0);
      }
      if (rc_wire_get(&r, "failed_call")) run->failed_call = rc_wire_get(&r, "failed_call");
      run->allocs = (long)rc_wire_get_int(&r, "allocs", 0);
    } else if (strcmp(r.name, "defect") == 0) {
      if ((size_t)run->entry < o->nentries) runtime_defect(o, &o->entries[run->entry], run, &r);
    } else if (strcmp(r.name, "delta") == 0) {
      /* judged at the run's end, after its runtime defects (the line stays valid) */
      RcWireRecord *p = realloc(deltas, (ndeltas + 1) * sizeof *p);
      if (p) {
        deltas = p;
        deltas[ndeltas++] = r;
      }
    } else if (strcmp(r.name, "error") == 0) {
      run->has_error = 1;
      set_text(run->error_stage, sizeof run->error_stage, "%s",
               rc_wire_get(&r, "stage") ? rc_wire_get(&r, "stage") : "");
      set_text(run->error, sizeof run->error, "%s", rc_wire_get(&r, "message") ? rc_wire_get(&r, "message") : "");
    } else if (strcmp(r.name, "end") == 0) {
      const char *phase = rc_wire_get(&r, "phase");
      run->completed = phase && strcmp(phase, "done") == 0;
    } else if (strcmp(r.name, "output") == 0) {
      const char *stream = rc_wire_get(&r, "stream"), *text = rc_wire_get(&r, "text");
      if (stream && strcmp(stream, "stderr") == 0 && text)
        set_text(run->stderr_text, sizeof run->stderr_text, "%s", text);
    } else if (strcmp(r.name, "endrun") == 0) {
      if ((size_t)run->entry < o->nentries) {
        for (size_t i = 0; i < ndeltas; i++) delta_defect(o, &o->entries[run->entry], run, &deltas[i]);
      }
      finish_run(o, run);
      ndeltas = 0;
      in_run = 0;
    }
  }
  free(deltas);
  free(run);
  return 0;
}

void rc_oracle_free(RcOracle *o) {
  free(o->snippet);
  free(o->snippet_abs);
  free(o->profile);
  free(o->replay_options);
  rc_oracle_source_free(&o->source);
  for (size_t i = 0; i < o->nentries; i++) {
    RcOracleEntry *e = &o->entries[i];
    free(e->name);
    free(e->func);
    free(e->table);
    free(e->init);
    free(e->type);
    free(e->instance);
    free(e->slot);
    free(e->ret);
    free(e->args_origin);
    for (size_t a = 0; a < e->nargsets; a++) free(e->argsets[a]);
    free(e->argsets);
    for (size_t n = 0; n < e->nnotes; n++) free(e->notes[n]);
    free(e->notes);
    free(e->note_sets);
  }
  free(o->entries);
  for (size_t i = 0; i < o->ndefects; i++) {
    RcOracleDefect *d = &o->defects[i];
    free(d->detector);
    free(d->type);
    free(d->object);
    free(d->alloc_file);
    free(d->site_file);
    free(d->message);
    free(d->consequence);
    free(d->versions);
    free(d->fail_site);
    free(d->fail_name);
    free(d->argset);
  }
  free(o->defects);
  for (size_t i = 0; i < o->nnotes; i++) free(o->notes[i]);
  free(o->notes);
  memset(o, 0, sizeof *o);
}
