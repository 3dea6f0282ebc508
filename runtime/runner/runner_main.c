/* runner_main.c — pyrefcheck-runner's supervisor: reads the plan, starts one sandboxed child per
 * run, and prints what each run observed.
 *
 *   pyrefcheck-runner discover SO         describe the snippet's exports (one child)
 *   pyrefcheck-runner explore SO PLAN     run the plan's entries under every schedule
 *
 * The plan (wire.h records, written by analyzer/oracle_plan.c):
 *   option  snippet=ABS  max_runs=N  timeout_ms=N  schedule=S (replay one run; -1: all)
 *   entry   id= name= func= | table= index=  init= conv= ret= nparams= self_module=
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
#include <unistd.h>

#define MAX_ENTRIES 256
#define OUTPUT_EXCERPT 2048

typedef struct {
  const char *so_path;
  char snippet[4096];
  long max_runs;
  long timeout_ms;
  long replay;                 /* the schedule to replay, or -1 */
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
  switch (sig) {
  case SIGSEGV: return "SIGSEGV";
  case SIGBUS: return "SIGBUS";
  case SIGABRT: return "SIGABRT";
  case SIGFPE: return "SIGFPE";
  case SIGILL: return "SIGILL";
  case SIGKILL: return "SIGKILL";
  case SIGXCPU: return "SIGXCPU";
  case SIGXFSZ: return "SIGXFSZ";
  case SIGTERM: return "SIGTERM";
  case SIGPIPE: return "SIGPIPE";
  case SIGTRAP: return "SIGTRAP";
  case SIGSYS: return "SIGSYS";
  default: {
    static char text[24];
    snprintf(text, sizeof text, "signal %d", sig);
    return text;
  }
  }
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
                                      "fastcall", "fastcall_kw", "plain"};
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
    } else if (strcmp(rec.name, "entry") == 0) {
      if (r->nentries == MAX_ENTRIES) continue;
      RcRunEntry *e = &r->entries[r->nentries];
      memset(e, 0, sizeof *e);
      e->id = (int)r->nentries;
      copy_field(e->name, rc_wire_get(&rec, "name"));
      copy_field(e->func, rc_wire_get(&rec, "func"));
      copy_field(e->table, rc_wire_get(&rec, "table"));
      copy_field(e->init, rc_wire_get(&rec, "init"));
      e->index = (int)rc_wire_get_int(&rec, "index", 0);
      e->nparams = (int)rc_wire_get_int(&rec, "nparams", 0);
      e->self_module = (int)rc_wire_get_int(&rec, "self_module", 0);
      const char *ret = rc_wire_get(&rec, "ret");
      e->ret = ret && strcmp(ret, "int") == 0 ? RC_RET_INT
             : ret && strcmp(ret, "void") == 0 ? RC_RET_VOID : RC_RET_OBJECT;
      if (parse_conv(rc_wire_get(&rec, "conv"), &e->conv) < 0 || (!e->func[0] && !e->table[0])) {
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

static int explore(Runner *r) {
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
  Runner r = {.so_path = argv[2], .max_runs = 3000, .timeout_ms = 2000, .replay = -1,
              .entries = entries};
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
