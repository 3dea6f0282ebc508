/* runner_main.c — pyrefcheck-runner's supervisor: reads the plan, starts one sandboxed child per
 * run, and prints what each run observed.
 *
 *   pyrefcheck-runner discover SO         describe the snippet's exports (one child)
 *   pyrefcheck-runner explore SO PLAN     run the plan's entries under every schedule
 *
 * The plan (wire.h records, written by analyzer/oracle_plan.c):
 *   option  snippet=ABS  max_runs=N  timeout_ms=N  schedule=S (replay one run; -1: all)
 *   entry   id= name= func= | table= index=  init= conv= ret= nparams= self_module=
 *           type= instance= (a type's entries)  slot= (conv=slot)  bind=class|static (a method)
 *   args    entry=ID  literal=(...)
 *
 * Exploration, per entry and per argument set: the normal run first, which counts the allocations
 * the call makes (its failure points); then one run per point k with allocation k made to fail.
 * Schedules are numbered per entry across its argument sets: the normal run of a set has the
 * number `base`, the failure of its point k has `base + k`, and the next set starts after. When the
 * failure points of all entries exceed --max-runs, each (entry, set) gets a share in proportion to
 * its points and a `coverage` record says how many were run.
 *
 * Output: `runner`, then per run `run` + the child's records + `output` excerpts + `endrun`, then
 * `coverage` per (entry, set), then `done`. Exit status 0 unless the runner itself failed (2: bad
 * plan, 3: could not start a child). */
#include "runner.h"
#include "sandbox.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ENTRIES 256
#define OUTPUT_EXCERPT 2048

typedef struct {
  const char *so_path;
  char snippet[4096];
  long max_runs;
  long timeout_ms;
  long replay;                 /* the schedule to replay, or -1 */
  long jobs;                   /* worker processes running children at once */
  RcRunEntry *entries;
  size_t nentries;
  RcRunShared *shared;
  RcSandboxLimits limits;
  long runs;                   /* children started */
} Runner;

typedef struct {
  int completed;               /* the child reached the end of its run */
  long allocs;                 /* from its obs record: allocations, */
  long calls;                  /* fallible C-API calls */
  char sig[160];               /* and the path signature */
  int error;                   /* it reported an error record (the run could not be made) */
} Outcome;

/* --- output ---------------------------------------------------------------------------------- */

static void emit(RcWireBuf *b) {
  if (b->len) fwrite(b->data, 1, b->len, stdout);
  b->len = 0;
  b->line_start = 0;
  if (b->data) b->data[0] = '\0';
}

/* --- the child ---------------------------------------------------------------------------------- */

typedef struct {
  Runner *runner;
  const RcRunSpec *spec;       /* NULL: discover */
} ChildContext;

static int child_body(void *context) {
  ChildContext *c = context;
  if (c->spec == NULL) return rc_runner_child_discover(c->runner->so_path, c->runner->shared);
  return rc_runner_child_run(c->spec, c->runner->shared);
}

static const char *signal_text(int sig) {
  const char *name = rc_sandbox_signal_name(sig);
  if (name != NULL) return name;
  static char text[24];
  snprintf(text, sizeof text, "signal %d", sig);
  return text;
}

/* Scans the child's records for what the supervisor needs to plan further runs. */
static void read_outcome(const char *data, Outcome *o) {
  const char *obs = strstr(data, "obs\t");
  if (obs && (obs == data || obs[-1] == '\n')) {
    const char *eol = strchr(obs, '\n');
    size_t len = eol ? (size_t)(eol - obs) : strlen(obs);
    char line[1024];
    snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line - 1 ? len : sizeof line - 1), obs);
    RcWireRecord r;
    if (rc_wire_parse(line, &r) == 0) {
      o->allocs = (long)rc_wire_get_int(&r, "allocs", 0);
      o->calls = (long)rc_wire_get_int(&r, "calls", 0);
      const char *sig = rc_wire_get(&r, "sig");
      snprintf(o->sig, sizeof o->sig, "%s", sig ? sig : "");
    }
  }
  if (strncmp(data, "error\t", 6) == 0 || strstr(data, "\nerror\t")) o->error = 1;
  o->completed = strstr(data, "end\tphase=done") != NULL;
}

/* Starts one child and prints its run. `print` 0 runs it silently (replay's counting runs). */
static int run_one(Runner *r, const RcRunSpec *spec, long schedule, int print, Outcome *o) {
  memset(o, 0, sizeof *o);
  r->shared->phase = RC_PHASE_START;
  r->shared->len = 0;
  r->shared->data[0] = '\0';
  r->shared->failed_call[0] = '\0';
  r->shared->failed_file[0] = '\0';
  r->shared->failed_line = 0;
  ChildContext context = {r, spec};
  RcSandboxResult result;
  if (rc_sandbox_run(&r->limits, child_body, &context, &result) != 0) {
    fprintf(stderr, "pyrefcheck-runner: cannot start a child: %s\n", strerror(errno));
    return -1;
  }
  r->runs++;
  __sync_synchronize();
  size_t len = r->shared->len < RC_RUN_SHARED_SIZE - sizeof *r->shared ? r->shared->len : 0;
  r->shared->data[len] = '\0';
  read_outcome(r->shared->data, o);
  if (result.end != RC_SANDBOX_EXITED || result.exit_code != 0) o->completed = 0;

  if (print) {
    RcWireBuf b = {0};
    rc_wire_record(&b, spec ? "run" : "discovered");
    if (spec) {
      rc_wire_int(&b, "entry", spec->entry->id);
      rc_wire_int(&b, "argset", (long long)spec->argset);
      rc_wire_int(&b, "schedule", schedule);
      rc_wire_int(&b, "fail_alloc", spec->fail_alloc);
      rc_wire_int(&b, "fail_call", spec->fail_call);
    }
    switch (result.end) {
    case RC_SANDBOX_EXITED:
      rc_wire_str(&b, "end", "exited");
      rc_wire_int(&b, "code", result.exit_code);
      break;
    case RC_SANDBOX_SIGNALED:
      rc_wire_str(&b, "end", "signal");
      rc_wire_str(&b, "signal", signal_text(result.term_signal));
      break;
    case RC_SANDBOX_TIMEOUT: rc_wire_str(&b, "end", "timeout"); break;
    case RC_SANDBOX_OUTPUT_LIMIT: rc_wire_str(&b, "end", "output-limit"); break;
    }
    rc_wire_str(&b, "phase", rc_runner_phase_name(r->shared->phase));
    if (r->shared->failed_call[0]) { /* the gate's note, which a crash does not erase */
      r->shared->failed_call[sizeof r->shared->failed_call - 1] = '\0';
      r->shared->failed_file[sizeof r->shared->failed_file - 1] = '\0';
      rc_wire_str(&b, "failed_call", r->shared->failed_call);
      rc_wire_str(&b, "failed_file", r->shared->failed_file);
      rc_wire_int(&b, "failed_line", r->shared->failed_line);
    }
    rc_wire_int(&b, "wall_us", (long long)(result.wall_seconds * 1e6));
    rc_wire_end(&b);
    emit(&b);
    fwrite(r->shared->data, 1, len, stdout);
    if (result.out_len) {
      rc_wire_record(&b, "output");
      rc_wire_str(&b, "stream", "stdout");
      rc_wire_int(&b, "bytes", (long long)result.out_len);
      rc_wire_strn(&b, "text", result.out, result.out_len < OUTPUT_EXCERPT ? result.out_len : OUTPUT_EXCERPT);
      rc_wire_end(&b);
    }
    if (result.err_len) {
      rc_wire_record(&b, "output");
      rc_wire_str(&b, "stream", "stderr");
      rc_wire_int(&b, "bytes", (long long)result.err_len);
      rc_wire_strn(&b, "text", result.err, result.err_len < OUTPUT_EXCERPT ? result.err_len : OUTPUT_EXCERPT);
      rc_wire_end(&b);
    }
    rc_wire_record(&b, spec ? "endrun" : "enddiscovered");
    rc_wire_end(&b);
    emit(&b);
    rc_wire_free(&b);
    fflush(stdout);
  }
  rc_sandbox_result_free(&result);
  return 0;
}

/* --- the plan ------------------------------------------------------------------------------------ */

static int parse_conv(const char *s, RcConv *out) {
  static const char *const names[] = {"init", "noargs", "o", "varargs", "varargs_kw",
                                      "fastcall", "fastcall_kw", "plain", "type", "slot",
                                      "method"};
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
    if (s && strcmp(s, names[i]) == 0) {
      *out = (RcConv)i;
      return 0;
    }
  return -1;
}

static void copy_field(char *dst, const char *src) {
  snprintf(dst, RC_RUNNER_NAME, "%s", src ? src : "");
}

/* Reads the plan file into r. Returns 0, or -1 with a message on stderr. */
static int read_plan(Runner *r, const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    fprintf(stderr, "pyrefcheck-runner: %s: %s\n", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  int rc = 0, lineno = 0;
  while (getline(&line, &cap, f) > 0) {
    lineno++;
    RcWireRecord rec;
    if (rc_wire_parse(line, &rec) < 0) continue;
    if (strcmp(rec.name, "option") == 0) {
      const char *s = rc_wire_get(&rec, "snippet");
      if (s) snprintf(r->snippet, sizeof r->snippet, "%s", s);
      r->max_runs = rc_wire_get_int(&rec, "max_runs", r->max_runs);
      r->timeout_ms = rc_wire_get_int(&rec, "timeout_ms", r->timeout_ms);
      r->replay = rc_wire_get_int(&rec, "schedule", r->replay);
      r->jobs = rc_wire_get_int(&rec, "jobs", r->jobs);
    } else if (strcmp(rec.name, "entry") == 0) {
      if (r->nentries == MAX_ENTRIES) continue;
      RcRunEntry *e = &r->entries[r->nentries];
      memset(e, 0, sizeof *e);
      e->id = (int)r->nentries;
      copy_field(e->name, rc_wire_get(&rec, "name"));
      copy_field(e->func, rc_wire_get(&rec, "func"));
      copy_field(e->table, rc_wire_get(&rec, "table"));
      copy_field(e->init, rc_wire_get(&rec, "init"));
      copy_field(e->type, rc_wire_get(&rec, "type"));
      copy_field(e->instance, rc_wire_get(&rec, "instance"));
      copy_field(e->slot, rc_wire_get(&rec, "slot"));
      const char *bind = rc_wire_get(&rec, "bind");
      e->bind = bind && strcmp(bind, "class") == 0    ? RC_BIND_CLASS
              : bind && strcmp(bind, "static") == 0 ? RC_BIND_STATIC : RC_BIND_INSTANCE;
      e->index = (int)rc_wire_get_int(&rec, "index", 0);
      e->nparams = (int)rc_wire_get_int(&rec, "nparams", 0);
      e->self_module = (int)rc_wire_get_int(&rec, "self_module", 0);
      const char *ret = rc_wire_get(&rec, "ret");
      e->ret = ret && strcmp(ret, "int") == 0 ? RC_RET_INT
             : ret && strcmp(ret, "void") == 0 ? RC_RET_VOID : RC_RET_OBJECT;
      if (parse_conv(rc_wire_get(&rec, "conv"), &e->conv) < 0 ||
          (!e->func[0] && !e->table[0] &&
           !((e->conv == RC_CONV_TYPE || (e->conv == RC_CONV_SLOT && e->slot[0])) && e->type[0]))) {
        fprintf(stderr, "pyrefcheck-runner: %s:%d: bad entry\n", path, lineno);
        rc = -1;
        break;
      }
      r->nentries++;
    } else if (strcmp(rec.name, "args") == 0) {
      long long id = rc_wire_get_int(&rec, "entry", -1);
      const char *literal = rc_wire_get(&rec, "literal");
      if (id < 0 || (size_t)id >= r->nentries || literal == NULL) {
        fprintf(stderr, "pyrefcheck-runner: %s:%d: bad args\n", path, lineno);
        rc = -1;
        break;
      }
      RcRunEntry *e = &r->entries[id];
      if (e->nargsets < RC_RUNNER_MAX_ARGSETS) e->argsets[e->nargsets++] = strdup(literal);
    }
  }
  free(line);
  fclose(f);
  for (size_t i = 0; i < r->nentries; i++)
    if (r->entries[i].nargsets == 0) r->entries[i].argsets[r->entries[i].nargsets++] = strdup("()");
  return rc;
}

/* --- exploration --------------------------------------------------------------------------------- */

typedef struct {
  long points;        /* failure points the normal run counted (0 when it did not complete) */
  long allocs;        /* of which allocations (1..allocs); the rest are fallible calls */
  long quota;         /* how many of them are run */
  long base;          /* schedule number of the normal run */
  long same_as;       /* an earlier set of the entry whose normal run took the same path, or -1 */
  char sig[160];
} SetPlan;

static void coverage_record(const RcRunEntry *e, size_t a, const SetPlan *p, const char *why) {
  RcWireBuf b = {0};
  rc_wire_record(&b, "coverage");
  rc_wire_int(&b, "entry", e->id);
  rc_wire_int(&b, "argset", (long long)a);
  rc_wire_int(&b, "base", p->base);
  rc_wire_int(&b, "points", p->points);
  rc_wire_int(&b, "covered", p->quota);
  if (p->same_as >= 0) rc_wire_int(&b, "same_as", p->same_as);
  if (why) rc_wire_str(&b, "note", why);
  rc_wire_end(&b);
  emit(&b);
  rc_wire_free(&b);
}

static int explore_sequential(Runner *r) {
  size_t total_sets = 0;
  for (size_t i = 0; i < r->nentries; i++) total_sets += r->entries[i].nargsets;
  SetPlan *plans = calloc(total_sets ? total_sets : 1, sizeof *plans);
  if (plans == NULL) return -1;
  int rc = 0;
  long total_points = 0;
  /* the normal runs: they count the failure points and fix the schedule numbers */
  size_t k = 0;
  for (size_t i = 0; i < r->nentries && rc == 0; i++) {
    RcRunEntry *e = &r->entries[i];
    long base = 0;
    size_t first = k;
    for (size_t a = 0; a < e->nargsets; a++, k++) {
      plans[k].base = base;
      plans[k].same_as = -1;
      if (r->runs >= r->max_runs) {
        plans[k].points = -1; /* not even counted */
        continue;
      }
      RcRunSpec spec = {r->so_path, r->snippet, e, a, 0, 0};
      Outcome o;
      int print = r->replay < 0 || r->replay == base;
      if (r->replay >= 0 && r->replay < base) break; /* replay: already found */
      if (run_one(r, &spec, base, print, &o) < 0) {
        rc = -1;
        break;
      }
      plans[k].points = o.completed && !o.error ? o.allocs + o.calls : 0;
      plans[k].allocs = o.completed && !o.error ? o.allocs : 0;
      snprintf(plans[k].sig, sizeof plans[k].sig, "%s", o.sig);
      /* a set whose normal run took the path of an earlier set's adds nothing under faults */
      for (size_t j = first; j < k && plans[k].points > 0; j++)
        if (plans[j].points > 0 && plans[j].same_as < 0 && strcmp(plans[j].sig, plans[k].sig) == 0) {
          plans[k].same_as = (long)(j - first);
          break;
        }
      if (plans[k].same_as < 0) total_points += plans[k].points;
      base += 1 + plans[k].points;
    }
  }
  /* the failure runs, within the budget */
  long budget = r->max_runs - r->runs;
  k = 0;
  for (size_t i = 0; i < r->nentries && rc == 0; i++) {
    RcRunEntry *e = &r->entries[i];
    for (size_t a = 0; a < e->nargsets; a++, k++) {
      SetPlan *p = &plans[k];
      if (p->points <= 0) continue;
      if (p->same_as >= 0 && r->replay < 0) continue; /* explored through the earlier set */
      if (r->replay >= 0) {
        p->quota = r->replay > p->base && r->replay <= p->base + p->points ? 1 : 0;
      } else if (total_points <= budget) {
        p->quota = p->points;
      } else {
        p->quota = budget > 0 ? (long)((double)p->points * (double)budget / (double)total_points) : 0;
      }
      for (long point = 1; point <= p->points && rc == 0; point++) {
        if (r->replay >= 0 && p->base + point != r->replay) continue;
        if (r->replay < 0 && point > p->quota) break;
        RcRunSpec spec = {r->so_path, r->snippet, e, a, point <= p->allocs ? point : 0,
                          point <= p->allocs ? 0 : point - p->allocs};
        Outcome o;
        if (run_one(r, &spec, p->base + point, 1, &o) < 0) rc = -1;
      }
    }
  }
  if (r->replay < 0) {
    k = 0;
    for (size_t i = 0; i < r->nentries; i++)
      for (size_t a = 0; a < r->entries[i].nargsets; a++, k++)
        coverage_record(&r->entries[i], a, &plans[k],
                        plans[k].points < 0 ? "not run: --max-runs reached" : NULL);
  }
  free(plans);
  return rc;
}

/* --- running in parallel ----------------------------------------------------------------------- */

typedef struct {
  RcRunSpec spec;
  long schedule;               /* -1 for a normal run: its number is known once all have run */
  size_t plan;                 /* its (entry, set) */
} Job;

#define MAX_WORKERS 16

/* Writes the outcome of job i where the main process finds it (the worker's stdout). */
static void outcome_record(size_t i, const Outcome *o) {
  RcWireBuf b = {0};
  rc_wire_record(&b, "outcome");
  rc_wire_int(&b, "job", (long long)i);
  rc_wire_int(&b, "completed", o->completed);
  rc_wire_int(&b, "error", o->error);
  rc_wire_int(&b, "allocs", o->allocs);
  rc_wire_int(&b, "calls", o->calls);
  rc_wire_str(&b, "sig", o->sig);
  rc_wire_end(&b);
  emit(&b);
  rc_wire_free(&b);
}

/* Runs jobs[0..n) on up to r->jobs worker processes, each starting its children one after the
 * other and writing their records into a temporary file; fills outcomes[] and returns the files
 * (files[w] for worker w, rewound) in *files_out. The workers run only the runner's code. */
static int run_jobs(Runner *r, const Job *jobs, size_t n, Outcome *outcomes, FILE **files,
                    size_t *nfiles) {
  size_t w_count = (size_t)r->jobs < n ? (size_t)r->jobs : n;
  if (w_count > MAX_WORKERS) w_count = MAX_WORKERS;
  if (w_count == 0) w_count = 1;
  pid_t pids[MAX_WORKERS];
  *nfiles = 0;
  fflush(stdout);
  for (size_t w = 0; w < w_count; w++) {
    files[w] = tmpfile();
    if (files[w] == NULL) return -1;
    (*nfiles)++;
    pids[w] = fork();
    if (pids[w] < 0) return -1;
    if (pids[w] == 0) {
      dup2(fileno(files[w]), STDOUT_FILENO);
      r->shared = mmap(NULL, RC_RUN_SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                       -1, 0);
      int code = r->shared == MAP_FAILED ? 3 : 0;
      for (size_t i = w; i < n && code == 0; i += w_count) {
        Outcome o;
        if (run_one(r, &jobs[i].spec, jobs[i].schedule, 1, &o) < 0) code = 3;
        else outcome_record(i, &o);
      }
      fflush(stdout);
      _exit(code);
    }
  }
  int rc = 0;
  for (size_t w = 0; w < w_count; w++) {
    int status;
    while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) rc = -1;
  }
  /* the outcomes, for planning */
  char *line = NULL;
  size_t cap = 0;
  for (size_t w = 0; w < w_count; w++) {
    rewind(files[w]);
    while (getline(&line, &cap, files[w]) > 0) {
      if (strncmp(line, "outcome\t", 8) != 0) continue;
      RcWireRecord rec;
      if (rc_wire_parse(line, &rec) < 0) continue;
      long long i = rc_wire_get_int(&rec, "job", -1);
      if (i < 0 || (size_t)i >= n) continue;
      Outcome *o = &outcomes[i];
      o->completed = (int)rc_wire_get_int(&rec, "completed", 0);
      o->error = (int)rc_wire_get_int(&rec, "error", 0);
      o->allocs = (long)rc_wire_get_int(&rec, "allocs", 0);
      o->calls = (long)rc_wire_get_int(&rec, "calls", 0);
      const char *sig = rc_wire_get(&rec, "sig");
      snprintf(o->sig, sizeof o->sig, "%s", sig ? sig : "");
    }
    rewind(files[w]);
  }
  free(line);
  r->runs += (long)n;
  return rc;
}

/* Copies the workers' records to stdout, leaving out the outcomes; a normal run's schedule (-1)
 * becomes its set's base, known now. */
static void emit_files(FILE **files, size_t nfiles, const SetPlan *plans, const size_t *plan_of) {
  char *line = NULL;
  size_t cap = 0;
  for (size_t w = 0; w < nfiles; w++) {
    while (getline(&line, &cap, files[w]) > 0) {
      if (strncmp(line, "outcome\t", 8) == 0) continue;
      if (strncmp(line, "run\t", 4) == 0 && strstr(line, "\tschedule=-1\t") != NULL && plan_of) {
        char *copy = strdup(line);
        RcWireRecord rec;
        if (copy && rc_wire_parse(copy, &rec) == 0) {
          long long entry = rc_wire_get_int(&rec, "entry", 0), argset = rc_wire_get_int(&rec, "argset", 0);
          RcWireBuf b = {0};
          rc_wire_record(&b, "run");
          for (size_t f = 0; f < rec.nfields; f++) {
            if (strcmp(rec.key[f], "schedule") == 0)
              rc_wire_int(&b, "schedule", plans[plan_of[entry] + (size_t)argset].base);
            else
              rc_wire_str(&b, rec.key[f], rec.value[f]);
          }
          rc_wire_end(&b);
          emit(&b);
          rc_wire_free(&b);
          free(copy);
          continue;
        }
        free(copy);
      }
      fputs(line, stdout);
    }
    fclose(files[w]);
  }
  free(line);
  fflush(stdout);
}

/* Exploration with the runs spread over worker processes: all normal runs first (they count the
 * failure points and fix the schedule numbers), then all failure runs within the budget. */
static int explore_parallel(Runner *r) {
  size_t total_sets = 0;
  for (size_t i = 0; i < r->nentries; i++) total_sets += r->entries[i].nargsets;
  SetPlan *plans = calloc(total_sets ? total_sets : 1, sizeof *plans);
  size_t *plan_of = calloc(r->nentries ? r->nentries : 1, sizeof *plan_of);
  Job *jobs = calloc(total_sets ? total_sets : 1, sizeof *jobs);
  Outcome *outcomes = calloc(total_sets ? total_sets : 1, sizeof *outcomes);
  FILE *files[MAX_WORKERS];
  size_t nfiles = 0, njobs = 0;
  int rc = -1;
  if (!plans || !plan_of || !jobs || !outcomes) goto out;
  size_t k = 0;
  for (size_t i = 0; i < r->nentries; i++) {
    plan_of[i] = k;
    for (size_t a = 0; a < r->entries[i].nargsets; a++, k++) {
      plans[k].same_as = -1;
      plans[k].points = -1;
      if ((long)njobs >= r->max_runs) continue; /* not even counted */
      jobs[njobs++] = (Job){{r->so_path, r->snippet, &r->entries[i], a, 0, 0}, -1, k};
    }
  }
  if (run_jobs(r, jobs, njobs, outcomes, files, &nfiles) < 0) goto out;
  for (size_t j = 0; j < njobs; j++) {
    const Outcome *o = &outcomes[j];
    SetPlan *p = &plans[jobs[j].plan];
    p->points = o->completed && !o->error ? o->allocs + o->calls : 0;
    p->allocs = o->completed && !o->error ? o->allocs : 0;
    snprintf(p->sig, sizeof p->sig, "%s", o->sig);
  }
  long total_points = 0;
  for (size_t i = 0; i < r->nentries; i++) {
    long base = 0;
    for (size_t a = 0; a < r->entries[i].nargsets; a++) {
      SetPlan *p = &plans[plan_of[i] + a];
      p->base = base;
      for (size_t b = 0; b < a && p->points > 0; b++) {
        const SetPlan *q = &plans[plan_of[i] + b];
        if (q->points > 0 && q->same_as < 0 && strcmp(q->sig, p->sig) == 0) {
          p->same_as = (long)b;
          break;
        }
      }
      if (p->same_as < 0 && p->points > 0) total_points += p->points;
      base += 1 + (p->points > 0 ? p->points : 0);
    }
  }
  emit_files(files, nfiles, plans, plan_of);
  nfiles = 0;
  /* the failure runs, within the budget */
  long budget = r->max_runs - r->runs;
  size_t nfail = 0;
  for (size_t q = 0; q < total_sets; q++) {
    SetPlan *p = &plans[q];
    if (p->points <= 0 || p->same_as >= 0) continue;
    p->quota = total_points <= budget ? p->points
             : budget > 0 ? (long)((double)p->points * (double)budget / (double)total_points) : 0;
    nfail += (size_t)p->quota;
  }
  Job *fail_jobs = calloc(nfail ? nfail : 1, sizeof *fail_jobs);
  Outcome *fail_outcomes = calloc(nfail ? nfail : 1, sizeof *fail_outcomes);
  if (!fail_jobs || !fail_outcomes) {
    free(fail_jobs);
    free(fail_outcomes);
    goto out;
  }
  size_t f = 0;
  for (size_t i = 0; i < r->nentries; i++)
    for (size_t a = 0; a < r->entries[i].nargsets; a++) {
      const SetPlan *p = &plans[plan_of[i] + a];
      if (p->points <= 0 || p->same_as >= 0) continue;
      for (long point = 1; point <= p->quota; point++)
        fail_jobs[f++] = (Job){{r->so_path, r->snippet, &r->entries[i], a,
                                point <= p->allocs ? point : 0,
                                point <= p->allocs ? 0 : point - p->allocs},
                               p->base + point, plan_of[i] + a};
    }
  rc = nfail ? run_jobs(r, fail_jobs, nfail, fail_outcomes, files, &nfiles) : 0;
  emit_files(files, nfiles, plans, NULL);
  nfiles = 0;
  free(fail_jobs);
  free(fail_outcomes);
  for (size_t i = 0; i < r->nentries; i++)
    for (size_t a = 0; a < r->entries[i].nargsets; a++)
      coverage_record(&r->entries[i], a, &plans[plan_of[i] + a],
                      plans[plan_of[i] + a].points < 0 ? "not run: --max-runs reached" : NULL);
out:
  for (size_t w = 0; w < nfiles; w++) fclose(files[w]);
  free(plans);
  free(plan_of);
  free(jobs);
  free(outcomes);
  return rc;
}

static int explore(Runner *r) {
  if (r->replay >= 0 || r->jobs <= 1) return explore_sequential(r);
  return explore_parallel(r);
}

/* Under AddressSanitizer the children must die of their signals as they would without it (a
 * crash is a verdict), so the runner re-executes itself once with ASan's handlers off. */
static void asan_let_signals_through(char **argv) {
#if defined(__SANITIZE_ADDRESS__)
  const char *options = getenv("ASAN_OPTIONS");
  if (options && strstr(options, "handle_segv=0")) return;
  char buf[2048];
  snprintf(buf, sizeof buf, "%s%shandle_segv=0:handle_sigbus=0:handle_abort=0:handle_sigfpe=0:"
                            "handle_sigill=0:allow_user_segv_handler=1",
           options ? options : "", options && *options ? ":" : "");
  setenv("ASAN_OPTIONS", buf, 1);
  execv("/proc/self/exe", argv);
#else
  (void)argv;
#endif
}

int main(int argc, char **argv) {
  if (argc < 3 || (strcmp(argv[1], "discover") != 0 && strcmp(argv[1], "explore") != 0) ||
      (strcmp(argv[1], "explore") == 0 && argc < 4)) {
    fputs("usage: pyrefcheck-runner discover SO\n"
          "       pyrefcheck-runner explore SO PLAN\n"
          "(started by `pyrefcheck oracle`; not meant to be run by hand)\n",
          stderr);
    return 2;
  }
  asan_let_signals_through(argv);
  static RcRunEntry entries[MAX_ENTRIES];
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  Runner r = {.so_path = argv[2], .max_runs = 3000, .timeout_ms = 2000, .replay = -1,
              .jobs = cpus > 0 ? cpus : 1, .entries = entries};
  int rc = 0;
  if (strcmp(argv[1], "explore") == 0 && read_plan(&r, argv[3]) < 0) rc = 2;
  r.shared = mmap(NULL, RC_RUN_SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (rc == 0 && r.shared == MAP_FAILED) {
    fprintf(stderr, "pyrefcheck-runner: cannot map the report buffer: %s\n", strerror(errno));
    rc = 3;
  }
  if (rc == 0) {
    r.limits = rc_sandbox_default_limits();
    r.limits.wall_millis = (unsigned)r.timeout_ms;
    r.limits.cpu_seconds = (unsigned)((r.timeout_ms + 999) / 1000);
    r.limits.file_size = (size_t)16 << 20;
    r.limits.address_space = (size_t)1 << 30; /* a run needs megabytes; the machine keeps the rest */
    r.limits.output_cap = (size_t)64 << 10;
    printf("runner\tversion=1\tprofile=3.%d\n", rt_profile_minor());
    Outcome o;
    if (strcmp(argv[1], "discover") == 0) {
      if (run_one(&r, NULL, 0, 1, &o) < 0) rc = 3;
    } else if (explore(&r) < 0) {
      rc = 3;
    }
    printf("done\truns=%ld\n", r.runs);
  }
  for (size_t i = 0; i < r.nentries; i++)
    for (size_t a = 0; a < entries[i].nargsets; a++) free(entries[i].argsets[a]);
  if (r.shared != MAP_FAILED && r.shared != NULL) munmap(r.shared, RC_RUN_SHARED_SIZE);
  return rc;
}
