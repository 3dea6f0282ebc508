/* cmd_oracle.c — `pyrefcheck oracle SNIPPET.c`: run a snippet's entry points on the reference
 * runtime under fault injection and report what was observed (oracle.h describes the stages). */
#include "cli.h"
#include "config.h"
#include "oracle.h"
#include "rules.h"
#include "store.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void print_help(void) {
  fputs("usage: pyrefcheck oracle [options] SNIPPET.c [-- CFLAGS...]\n"
        "\n"
        "Compiles SNIPPET.c (an extension's C code, including <Python.h>) against the bundled\n"
        "reference runtime and runs its entry points: each PyInit_ function, every function of its\n"
        "method tables, every type it defines (static or from a PyType_Spec: its life, each method\n"
        "and each slot, as Type, Type.method, Type.tp_repr), or the functions named with --entry\n"
        "(static ones too). Each entry is run once per argument set to count its allocations and\n"
        "fallible C-API calls, then once per allocation or call with that one made to fail (its\n"
        "documented failure), each run in its own sandboxed process. After every run the\n"
        "result and the arguments are released and a full collection is done; leaks,\n"
        "over-releases, uses after free, negative counts, NULL without an exception (or a result\n"
        "with one), crashes and hangs are reported with the schedule that shows them.\n"
        "\n"
        "options:\n"
        "  --entry NAME        run only NAME (a function of the file, a method's name, a type, Type.method\n"
        "                      or Type.tp_slot); repeatable\n"
        "  --schedule N        replay run N of the one --entry (the number a report gives)\n"
        "  --max-runs N        stop after N runs in all (default 3000); the report says what was\n"
        "                      covered\n"
        "  --timeout SECONDS   wall-clock limit of one run (default 2)\n"
        "  --python 3.N        the CPython version whose behaviour is reported (3.8 ... 3.14,\n"
        "                      default 3.11)\n"
        "  --gc-stress         collect at every GC allocation\n"
        "  --format text|json  output format (default text; the JSON is in docs/oracle.md)\n"
        "  --db PATH           record the verdicts in this findings database\n"
        "  --no-db             record nothing (default: <root>/.pyrefcheck/findings.db, the root\n"
        "                      being lint's: the directory of the nearest .pyrefcheck project file,\n"
        "                      else the snippet's; its include, define and python-version apply)\n"
        "  -- CFLAGS...        extra compiler flags (-I, -D, ...); the compiler is $CC if set\n"
        "\n"
        "arguments: a comment /* oracle: call f(1, \"abc\", [1, 2]) */ in the snippet gives f's\n"
        "arguments; otherwise they come from f's PyArg_Parse* format, or a default set of objects.\n"
        "\n"
        "exit codes: 0 no defect, 1 defects observed, 2 bad input (unreadable snippet, compile\n"
        "errors, unknown entry), 3 internal error\n",
        stdout);
}

/* --- the temporary directory goes when we are interrupted ------------------------------------ */

static RcOracleToolchain *live_toolchain;

static void on_signal(int sig) {
  if (live_toolchain != NULL && live_toolchain->tmpdir[0]) {
    static const char *const files[] = {"wrapper.c", "snippet.so", "plan", "inc/Python.h", "inc"};
    char path[4300];
    for (size_t i = 0; i < 5; i++) {
      size_t n = strlen(live_toolchain->tmpdir);
      if (n + strlen(files[i]) + 2 > sizeof path) break;
      memcpy(path, live_toolchain->tmpdir, n);
      path[n] = '/';
      strcpy(path + n + 1, files[i]);
      if (unlink(path) != 0) rmdir(path);
    }
    rmdir(live_toolchain->tmpdir);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- the findings database ------------------------------------------------------------------- */

/* The root of the run, as lint finds it (docs/lint.md, "The root"): the directory of the nearest
 * project file `.pyrefcheck` above the snippet, else the snippet's directory. */
static void find_root(const char *snippet_abs, const char *config_dir, char *root, size_t size) {
  if (config_dir != NULL) {
    snprintf(root, size, "%s", config_dir);
    return;
  }
  snprintf(root, size, "%s", snippet_abs);
  char *slash = strrchr(root, '/');
  if (slash == root) root[1] = '\0';
  else if (slash) *slash = '\0';
}

/* `path` relative to `root` when it lies below it, else path itself. */
static const char *relative_to(const char *path, const char *root) {
  size_t n = strlen(root);
  if (strncmp(path, root, n) == 0 && path[n] == '/') return path + n + 1;
  if (strcmp(root, "/") == 0 && path[0] == '/') return path + 1;
  return path;
}

static int record(const RcOracle *o, const char *db_arg, const char *root, int argc, char **argv) {
  char db[PATH_MAX + 32];
  if (db_arg) snprintf(db, sizeof db, "%s", db_arg);
  else if (rc_store_default_path(root, db, sizeof db) != RC_STORE_OK) {
    rc_cli_error(root, "path too long for the findings database");
    return RC_EXIT_USAGE;
  }
  RcStore *store = NULL;
  int64_t run = 0;
  int status = rc_store_open(db, RC_STORE_CREATE, &store);
  RcStoreRunInfo info = {.kind = "oracle", .rules_version = rc_rules_data_version(),
                         .python_version = o->profile, .argc = argc, .argv = argv, .root = root};
  if (status == RC_STORE_OK) status = rc_store_run_begin(store, &info, &run);
  const char *snippet = relative_to(o->snippet_abs, root);
  char replay[1024], file_rel[PATH_MAX];
  for (size_t i = 0; i < o->ndefects && status == RC_STORE_OK; i++) {
    const RcOracleDefect *d = &o->defects[i];
    rc_oracle_replay_command(o, d, replay, sizeof replay);
    const char *file = d->site_file ? d->site_file : d->alloc_file;
    unsigned line = (unsigned)(d->site_file ? d->site_line : d->alloc_line);
    if (file) snprintf(file_rel, sizeof file_rel, "%s", strcmp(file, o->snippet) == 0 ? snippet : file);
    /* the failure point is the schedule that failed it (allocations and calls alike, and what
     * --schedule replays); none for a defect the normal path shows */
    RcStoredVerdict v = {.snippet = snippet, .entry = o->entries[d->entry].name,
                         .failure_point = d->fault_only ? (int)d->schedule : 0,
                         .verdict = rc_oracle_verdict_name(d->verdict), .detector = d->detector,
                         .file = file ? file_rel : NULL, .line = file ? line : 0,
                         .message = d->message, .replay = replay};
    status = rc_store_verdict(store, run, &v);
  }
  for (size_t i = 0; i < o->nentries && status == RC_STORE_OK; i++) {
    int bad = 0;
    for (size_t k = 0; k < o->ndefects; k++) bad |= o->defects[k].entry == i;
    if (bad || o->entries[i].runs == 0) continue;
    RcStoredVerdict v = {.snippet = snippet, .entry = o->entries[i].name, .verdict = "ok",
                         .line = (unsigned)o->entries[i].line,
                         .file = o->entries[i].line ? snippet : NULL};
    status = rc_store_verdict(store, run, &v);
  }
  if (run != 0) {
    int finished = rc_store_run_finish(store, run, status == RC_STORE_OK);
    if (status == RC_STORE_OK) status = finished;
  }
  if (status != RC_STORE_OK) {
    rc_cli_error(store ? rc_store_path(store) : db, "%s", store ? rc_store_errmsg(store) : "cannot open");
    int code = rc_store_exit_code(status);
    rc_store_close(store);
    return code;
  }
  rc_store_close(store);
  return 0;
}

static char *dupcat(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 1;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s%s", a, b);
  return s;
}

/* --- the command ------------------------------------------------------------------------------- */

/* "snippet.so: undefined symbol: PyExc_TypeError" -> a sentence for the user. */
static void explain_load_error(const char *snippet, const char *message) {
  const char *sym = message ? strstr(message, "undefined symbol: ") : NULL;
  if (sym)
    rc_cli_error(snippet, "cannot load the compiled snippet: it uses %s, which the reference "
                          "runtime does not have yet", sym + 18);
  else
    rc_cli_error(snippet, "cannot load the compiled snippet: %s", message ? message : "?");
}

/* The error record of the discovery, if the snippet did not load. */
static const char *load_error(char *discovery) {
  const char *hit = strstr(discovery, "\nerror\t");
  if (hit == NULL) return NULL;
  const char *msg = strstr(hit, "message=");
  if (msg == NULL) return "?";
  char *end = strchr((char *)msg, '\n');
  if (end) *end = '\0';
  return msg + 8;
}

int rc_cmd_oracle(int argc, char **argv) {
  enum { OPT_ENTRY = 256, OPT_SCHEDULE, OPT_MAX_RUNS, OPT_TIMEOUT, OPT_PYTHON, OPT_GC_STRESS,
         OPT_FORMAT, OPT_DB, OPT_NO_DB };
  static const struct option options[] = {
    {"entry", required_argument, NULL, OPT_ENTRY},
    {"schedule", required_argument, NULL, OPT_SCHEDULE},
    {"max-runs", required_argument, NULL, OPT_MAX_RUNS},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"python", required_argument, NULL, OPT_PYTHON},
    {"gc-stress", no_argument, NULL, OPT_GC_STRESS},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"db", required_argument, NULL, OPT_DB},
    {"no-db", no_argument, NULL, OPT_NO_DB},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int nargs = rc_cli_split_at_dashdash(argc, argv);
  char **cflags = nargs < argc ? argv + nargs + 1 : NULL;
  int ncflags = nargs < argc ? argc - nargs - 1 : 0;
  RcOracleOptions opt = {.schedule = -1, .max_runs = 3000, .timeout_ms = 2000};
  const char *profile = "3.11", *db = NULL, *timeout_text = NULL;
  int json = 0, no_db = 0, gc_stress = 0, profile_given = 0;
  char *end;
  int optc;
  optind = 1;
  opterr = 0;
  while ((optc = getopt_long(nargs, argv, "h", options, NULL)) != -1) {
    switch (optc) {
    case OPT_ENTRY: {
      char **p = realloc(opt.entries, (opt.nentries + 1) * sizeof *p);
      if (p == NULL) return RC_EXIT_INTERNAL;
      opt.entries = p;
      p[opt.nentries++] = optarg;
      break;
    }
    case OPT_SCHEDULE:
      opt.schedule = strtol(optarg, &end, 10);
      if (*end || opt.schedule < 0) {
        rc_cli_error("oracle", "--schedule takes a run number (0, 1, ...), not '%s'", optarg);
        goto usage;
      }
      break;
    case OPT_MAX_RUNS:
      opt.max_runs = strtol(optarg, &end, 10);
      if (*end || opt.max_runs < 1) {
        rc_cli_error("oracle", "--max-runs takes a positive number, not '%s'", optarg);
        goto usage;
      }
      break;
    case OPT_TIMEOUT: {
      double s = strtod(optarg, &end);
      if (*end || s <= 0 || s > 3600) {
        rc_cli_error("oracle", "--timeout takes seconds (0 < s <= 3600), not '%s'", optarg);
        goto usage;
      }
      opt.timeout_ms = (long)(s * 1000);
      if (opt.timeout_ms < 1) opt.timeout_ms = 1;
      timeout_text = optarg;
      break;
    }
    case OPT_PYTHON:
      if (strncmp(optarg, "3.", 2) != 0 || atoi(optarg + 2) < 8 || atoi(optarg + 2) > 14) {
        rc_cli_error("oracle", "--python takes 3.8 ... 3.14, not '%s'", optarg);
        goto usage;
      }
      profile = optarg;
      profile_given = 1;
      break;
    case OPT_GC_STRESS: gc_stress = 1; break;
    case OPT_FORMAT:
      if (strcmp(optarg, "json") == 0) json = 1;
      else if (strcmp(optarg, "text") != 0) {
        rc_cli_error("oracle", "unknown format '%s' (expected text or json)", optarg);
        goto usage;
      }
      break;
    case OPT_DB: db = optarg; break;
    case OPT_NO_DB: no_db = 1; break;
    case 'h': print_help(); free(opt.entries); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("oracle", "bad option '%s' (see 'pyrefcheck oracle --help')", argv[optind - 1]);
      goto usage;
    }
  }
  if (nargs - optind != 1) {
    rc_cli_error("oracle", nargs - optind == 0 ? "no snippet given (see 'pyrefcheck oracle --help')"
                                               : "one snippet at a time");
    goto usage;
  }
  if (opt.schedule >= 0 && opt.nentries != 1) {
    rc_cli_error("oracle", "--schedule replays a run of one entry: give exactly one --entry");
    goto usage;
  }

  const char *path = argv[optind];
  RcOracle o = {0};
  RcConfig *config = NULL;
  char **config_flags = NULL;
  int nconfig_flags = 0;
  char root[PATH_MAX];
  RcOracleToolchain tc;
  memset(&tc, 0, sizeof tc);
  int exit_code = RC_EXIT_INTERNAL;
  char *text = rc_cli_read_file(path, NULL), *discovery = NULL, *output = NULL;
  if (text == NULL) {
    rc_cli_error(path, "%s", errno == ENOENT ? "no such file or directory" : strerror(errno));
    free(opt.entries);
    return RC_EXIT_USAGE;
  }
  char abs[PATH_MAX];
  if (realpath(path, abs) == NULL) snprintf(abs, sizeof abs, "%s", path);
  o.snippet = strdup(path);
  o.snippet_abs = strdup(abs);
  o.profile = strdup(profile);
  o.replay = opt.schedule >= 0;
  {
    char buf[2048];
    size_t n = 0;
    buf[0] = '\0';
    if (strcmp(profile, "3.11") != 0) n += (size_t)snprintf(buf + n, sizeof buf - n, " --python %s", profile);
    if (gc_stress && n < sizeof buf) n += (size_t)snprintf(buf + n, sizeof buf - n, " --gc-stress");
    if (timeout_text && n < sizeof buf) n += (size_t)snprintf(buf + n, sizeof buf - n, " --timeout %s", timeout_text);
    if (ncflags && n < sizeof buf) n += (size_t)snprintf(buf + n, sizeof buf - n, " --");
    for (int i = 0; i < ncflags && n < sizeof buf; i++)
      n += (size_t)snprintf(buf + n, sizeof buf - n, " %s", cflags[i]);
    o.replay_options = strdup(n ? buf + 1 : "");
  }
  if (!o.snippet || !o.snippet_abs || !o.profile || !o.replay_options ||
      rc_oracle_source_scan(text, &o.source) < 0) {
    rc_cli_error("oracle", "out of memory");
    goto out;
  }
  if (strchr(o.snippet_abs, '"') || strchr(o.snippet_abs, '\n') || strchr(o.snippet_abs, '\\')) {
    rc_cli_error(path, "the oracle cannot compile a file whose path holds a quote or a backslash");
    exit_code = RC_EXIT_USAGE;
    goto out;
  }
  /* the project file, as lint reads it: the root, -I/-D for the compile, the Python version */
  {
    char dir[PATH_MAX];
    find_root(o.snippet_abs, NULL, dir, sizeof dir);
    char *config_path = rc_config_find(dir);
    if (config_path != NULL) {
      char *error = NULL;
      if (rc_config_load(config_path, &config, &error) != 0) {
        rc_cli_error(NULL, "%s", error ? error : config_path);
        free(error);
        free(config_path);
        exit_code = RC_EXIT_USAGE;
        goto out;
      }
      free(config_path);
    }
    find_root(o.snippet_abs, config ? config->dir : NULL, root, sizeof root);
    if (config && config->python_version && !profile_given) {
      char version[16];
      rc_py_version_format(config->python_version, version);
      free(o.profile);
      o.profile = strdup(version);
      profile = o.profile;
    }
    if (config && (config->include_dirs.count || config->defines.count)) {
      size_t n = config->include_dirs.count + config->defines.count + (size_t)ncflags;
      config_flags = calloc(n + 1, sizeof *config_flags);
      if (config_flags == NULL) goto out;
      size_t k = 0;
      for (size_t i = 0; i < config->include_dirs.count; i++)
        config_flags[k++] = dupcat("-I", config->include_dirs.items[i]);
      for (size_t i = 0; i < config->defines.count; i++)
        config_flags[k++] = dupcat("-D", config->defines.items[i]);
      for (int i = 0; i < ncflags; i++) config_flags[k++] = strdup(cflags[i]);
      for (size_t i = 0; i < k; i++)
        if (config_flags[i] == NULL) goto out;
      nconfig_flags = (int)k;
    }
  }
  if (rc_oracle_toolchain_find(&tc, argv[0]) < 0) goto out;
  live_toolchain = &tc;
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  setenv("PYREFCHECK_PYTHON", profile, 1);
  if (gc_stress) setenv("PYREFCHECK_GC_STRESS", "1", 1);

  double t0 = now();
  int compiled = config_flags ? rc_oracle_compile(&tc, &o, config_flags, nconfig_flags)
                              : rc_oracle_compile(&tc, &o, cflags, ncflags);
  o.compile_seconds = now() - t0;
  if (compiled != 0) {
    if (compiled > 0) exit_code = RC_EXIT_USAGE;
    goto out;
  }
  char so[4200], plan[4200];
  snprintf(so, sizeof so, "%s/snippet.so", tc.tmpdir);
  snprintf(plan, sizeof plan, "%s/plan", tc.tmpdir);
  static char discover_word[] = "discover", explore_word[] = "explore";
  char *discover_args[] = {discover_word, so, NULL};
  if (rc_oracle_run_runner(&tc, discover_args, 60, &discovery) < 0) goto out;
  const char *why = load_error(discovery);
  if (why) {
    explain_load_error(path, why);
    exit_code = RC_EXIT_USAGE;
    goto out;
  }
  int planned = rc_oracle_plan_entries(&o, discovery, &opt);
  if (planned != 0) {
    if (planned > 0) exit_code = RC_EXIT_USAGE;
    goto out;
  }
  if (rc_oracle_plan_write(&o, &opt, plan) < 0) {
    rc_cli_error(plan, "cannot write the plan: %s", strerror(errno));
    goto out;
  }
  char *explore_args[] = {explore_word, so, plan, NULL};
  long budget = opt.max_runs * (opt.timeout_ms + 100) / 1000 + 60;
  if (rc_oracle_run_runner(&tc, explore_args, (unsigned)(budget > 86400 ? 86400 : budget), &output) < 0)
    goto out;
  if (rc_oracle_results_read(&o, output) < 0) {
    rc_cli_error("oracle", "out of memory");
    goto out;
  }
  o.seconds = now() - t0;
  if (opt.schedule >= 0 && o.runs == 0) {
    rc_cli_error(path, "%s has no run %ld (see the schedules of a full run)", opt.entries[0],
                 opt.schedule);
    exit_code = RC_EXIT_USAGE;
    goto out;
  }
  if (json) {
    if (rc_oracle_render_json(&o, stdout) < 0) goto out;
  } else {
    rc_oracle_render_text(&o, stdout);
  }
  fflush(stdout);
  exit_code = o.ndefects ? RC_EXIT_FINDINGS : RC_EXIT_CLEAN;
  if (!no_db && !o.replay) {
    int recorded = record(&o, db, root, argc, argv);
    if (recorded != 0) exit_code = recorded;
  }
out:
  for (int i = 0; config_flags && i < nconfig_flags; i++) free(config_flags[i]);
  free(config_flags);
  rc_config_free(config);
  live_toolchain = NULL;
  rc_oracle_toolchain_cleanup(&tc);
  free(text);
  free(discovery);
  free(output);
  rc_oracle_free(&o);
  free(opt.entries);
  return exit_code;
usage:
  free(opt.entries);
  return RC_EXIT_USAGE;
}
