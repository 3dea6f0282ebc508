/* cmd_lint.c — `pyrefcheck lint`: options, the project file, inputs, the run over every file
 * (suppressions, fingerprints, baseline, database), output and exit code.
 *
 * The root of a run (docs/lint.md, "The root"): the directory of the .pyrefcheck file in use; else
 * the deepest directory holding every linted file. Paths in JSON, SARIF and the database are
 * relative to it, and the default database is <root>/.pyrefcheck/findings.db.
 *
 * Exit codes: 0 nothing found, 1 findings (warnings or errors not suppressed and not in the
 * baseline; also a malformed or, with --report-unused-suppressions, unused suppression), 2 a
 * usage or input error, a database problem or a file with compile errors (its findings are still
 * printed), 3 an internal failure. */
#include "cli.h"
#include "config.h"
#include "confirm.h"
#include "frontend.h"
#include "lint.h"
#include "lint_db.h"
#include "lint_output.h"
#include "lint_pool.h"
#include "report.h"
#include "store.h"
#include "suppress.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void print_help(void) {
  fputs("usage: pyrefcheck lint [options] PATH... [-- COMPILER-ARGS...]\n"
        "\n"
        "Analyses C extension sources (files, or directories holding *.c files) for\n"
        "reference-ownership bugs, and prints each finding with the path that explains it.\n"
        "\n"
        "options:\n"
        "  -p DIR                read compile commands from DIR/compile_commands.json\n"
        "  --format FORMAT       output format: text (default), json or sarif\n"
        "  --python-version X.Y  the Python version to target (default: the headers' version)\n"
        "  --rules FILE          extra API rules (the rules/ format); repeatable\n"
        "  --config FILE         the project file to use (default: the nearest .pyrefcheck)\n"
        "  --no-config           do not look for a .pyrefcheck file\n"
        "  --db PATH             record the run in PATH (default: <root>/.pyrefcheck/findings.db)\n"
        "  --no-db               do not record the run (and do not re-use unchanged files)\n"
        "  --baseline SPEC       report and fail only for findings not in SPEC: a baseline\n"
        "                        file (.txt), a database (its latest complete run) or a run\n"
        "                        number of the database in use\n"
        "  --shard I/N           analyse only shard I (1..N) of the files (pyrefcheck merge)\n"
        "  --report-unused-suppressions  warn about suppression comments that match nothing\n"
        "  --no-pch              parse the Python headers anew for every file (no shared PCH)\n"
        "  --confirm             run each function with a finding on the oracle and mark the\n"
        "                        finding confirmed (with the replay command) or unconfirmed\n"
        "  --color WHEN          colour the output: auto (default), always or never\n"
        "  -j, --jobs N          analyse N files at a time (default: the processors online)\n"
        "  -q, --quiet           no progress line on stderr\n"
        "  --dump-cfg            print each function's control-flow graph (debugging)\n"
        "  -h, --help            show this help\n"
        "\n"
        "Compiler arguments after `--` are passed to the parser; a whole compile command\n"
        "(`-- cc -I... -c file.c -o file.o`, as CMAKE_C_CLANG_TIDY passes it) is accepted.\n"
        "Without include paths, those of `python3-config --includes` are used.\n"
        "\n"
        "exit codes: 0 clean, 1 findings, 2 usage, input or database error (also: a file\n"
        "with compile errors), 3 internal error\n",
        stdout);
}

/* ---- options ---------------------------------------------------------------------------------- */

typedef struct {
  const char *build_dir, *format, *config_path, *db_path, *baseline;
  bool no_config, no_db, quiet, report_unused, python_version_given, no_pch;
  bool confirm;             /* --confirm (confirm.h) */
  int jobs;                 /* -j N; 0: the processors online (lint_pool.h) */
  int color;                /* -1 auto */
  unsigned shard_i, shard_n; /* 0-based index, count; 0/0 = all */
  char **rules;             /* --rules, in order (borrowed from argv) */
  int nrules;
  RcLintOptions lo;
} Options;

/* Checks that `path` names a readable file or directory; reports the problem otherwise. */
static int check_input(const char *path, int *status) {
  struct stat st;
  if (stat(path, &st) != 0) {
    rc_cli_error(path, "%s", errno == ENOENT ? "no such file or directory" : strerror(errno));
    *status = RC_EXIT_USAGE;
    return -1;
  }
  if (access(path, R_OK) != 0) {
    rc_cli_error(path, "cannot read: %s", strerror(errno));
    *status = RC_EXIT_USAGE;
    return -1;
  }
  return 0;
}

static int parse_shard(const char *text, Options *o) {
  unsigned i = 0, n = 0;
  int used = -1;
  if (sscanf(text, "%u/%u%n", &i, &n, &used) != 2 || used != (int)strlen(text) || n == 0 || i == 0 ||
      i > n)
    return -1;
  o->shard_i = i - 1;
  o->shard_n = n;
  return 0;
}

/* Parses the options before `--`. Returns -1 to go on, else the exit status. */
static int parse_options(int option_argc, char **argv, Options *o) {
  enum { O_FORMAT = 256, O_PYVER, O_COLOR, O_DUMP, O_RULES, O_CONFIG, O_NOCONFIG, O_DB, O_NODB,
         O_BASELINE, O_SHARD, O_UNUSED, O_NOPCH, O_CONFIRM };
  static const struct option options[] = {
    {"format", required_argument, NULL, O_FORMAT},
    {"python-version", required_argument, NULL, O_PYVER},
    {"color", required_argument, NULL, O_COLOR},
    {"dump-cfg", no_argument, NULL, O_DUMP},
    {"rules", required_argument, NULL, O_RULES},
    {"config", required_argument, NULL, O_CONFIG},
    {"no-config", no_argument, NULL, O_NOCONFIG},
    {"db", required_argument, NULL, O_DB},
    {"no-db", no_argument, NULL, O_NODB},
    {"baseline", required_argument, NULL, O_BASELINE},
    {"shard", required_argument, NULL, O_SHARD},
    {"report-unused-suppressions", no_argument, NULL, O_UNUSED},
    {"no-pch", no_argument, NULL, O_NOPCH},
    {"confirm", no_argument, NULL, O_CONFIRM},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(option_argc, argv, "p:qhj:", options, NULL)) != -1) {
    switch (opt) {
    case 'p': o->build_dir = optarg; break;
    case 'j': {
      char *end = NULL;
      long n = strtol(optarg, &end, 10);
      if (end == optarg || *end != '\0' || n < 1 || n > 256) {
        rc_cli_error("lint", "bad -j '%s' (expected a number of threads, 1 to 256)", optarg);
        return RC_EXIT_USAGE;
      }
      o->jobs = (int)n;
      break;
    }
    case 'q': o->quiet = true; break;
    case O_FORMAT:
      if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0 && strcmp(optarg, "sarif") != 0) {
        rc_cli_error("lint", "unknown format '%s' (expected text, json or sarif)", optarg);
        return RC_EXIT_USAGE;
      }
      o->format = optarg;
      break;
    case O_PYVER:
      if (rc_config_parse_version(optarg, &o->lo.version) != 0) {
        rc_cli_error("lint", "bad --python-version '%s' (expected 3.N)", optarg);
        return RC_EXIT_USAGE;
      }
      o->python_version_given = true;
      break;
    case O_COLOR:
      if (strcmp(optarg, "always") == 0) o->color = 1;
      else if (strcmp(optarg, "never") == 0) o->color = 0;
      else if (strcmp(optarg, "auto") == 0) o->color = -1;
      else {
        rc_cli_error("lint", "bad --color '%s' (expected auto, always or never)", optarg);
        return RC_EXIT_USAGE;
      }
      break;
    case O_DUMP: o->lo.dump_cfg = true; break;
    case O_RULES: o->rules[o->nrules++] = optarg; break;
    case O_CONFIG: o->config_path = optarg; break;
    case O_NOCONFIG: o->no_config = true; break;
    case O_DB: o->db_path = optarg; break;
    case O_NODB: o->no_db = true; break;
    case O_BASELINE: o->baseline = optarg; break;
    case O_SHARD:
      if (parse_shard(optarg, o) != 0) {
        rc_cli_error("lint", "bad --shard '%s' (expected I/N with 1 <= I <= N)", optarg);
        return RC_EXIT_USAGE;
      }
      break;
    case O_UNUSED: o->report_unused = true; break;
    case O_NOPCH: o->no_pch = true; break;
    case O_CONFIRM: o->confirm = true; break;
    case 'h': print_help(); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("lint", "bad option '%s' (see 'pyrefcheck lint --help')", argv[optind - 1]);
      return RC_EXIT_USAGE;
    }
  }
  if (o->db_path != NULL && o->no_db) {
    rc_cli_error("lint", "--db and --no-db exclude each other");
    return RC_EXIT_USAGE;
  }
  if (o->config_path != NULL && o->no_config) {
    rc_cli_error("lint", "--config and --no-config exclude each other");
    return RC_EXIT_USAGE;
  }
  return -1;
}

/* ---- helpers ---------------------------------------------------------------------------------- */

/* The deepest directory holding every job's file (absolute), malloc'd; NULL when there is none. */
static char *common_parent(const RcJobs *jobs) {
  char *root = NULL;
  for (int i = 0; i < jobs->count; i++) {
    char *abs = realpath(jobs->items[i].file, NULL);
    if (abs == NULL) continue;
    char *slash = strrchr(abs, '/');
    if (slash == abs) abs[1] = '\0'; else if (slash) *slash = '\0';
    if (root == NULL) { root = abs; continue; }
    size_t k = 0;
    while (root[k] && root[k] == abs[k]) k++;
    if (!(root[k] == '\0' && (abs[k] == '/' || abs[k] == '\0'))) {
      while (k > 0 && root[k] != '/') k--; /* back to a separator */
      root[k > 0 ? k : 1] = '\0';
    }
    free(abs);
  }
  return root;
}

/* Appends `arg` to a job's arguments. */
static void job_add_arg(RcJob *job, const char *arg) {
  char **grown = realloc(job->args, (size_t)(job->nargs + 2) * sizeof *grown);
  if (grown == NULL || (grown[job->nargs] = strdup(arg)) == NULL) abort();
  job->args = grown;
  job->args[++job->nargs] = NULL;
}

/* The hash of everything besides the source that decides a file's findings: its compile
 * arguments, the working directory, the target Python version and the rules the config turns
 * off or on. */
static void args_hash(const RcJob *job, const Options *o, const RcConfig *config, char out[17]) {
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  if (buf == NULL) abort();
#define PUT(s) do { const char *s_ = (s); size_t l_ = strlen(s_) + 1;                  \
    while (n + l_ > cap) { cap *= 2; buf = realloc(buf, cap); if (!buf) abort(); }       \
    memcpy(buf + n, s_, l_); n += l_; } while (0)
  for (int i = 0; i < job->nargs; i++) PUT(job->args[i]);
  char cwd[4096];
  PUT(getcwd(cwd, sizeof cwd) ? cwd : "");
  char version[16];
  snprintf(version, sizeof version, "py%d", (int)(job->python_version ? job->python_version : o->lo.version));
  PUT(version);
  if (config != NULL) {
    PUT("enable");
    for (size_t i = 0; i < config->enabled.count; i++) PUT(config->enabled.items[i]);
    PUT("disable");
    for (size_t i = 0; i < config->disabled.count; i++) PUT(config->disabled.items[i]);
  }
#undef PUT
  rc_lint_hash_hex(buf, n, out);
  free(buf);
}

/* The rules version of the run: the data's, plus a hash of the extra rules files' contents. */
static char *rules_version(char *const *files, int n) {
  const char *data = rc_rules_data_version();
  char *v = malloc(strlen(data) + 32);
  if (v == NULL) abort();
  if (n == 0) {
    strcpy(v, data);
    return v;
  }
  uint64_t acc = 0;
  char h[17];
  for (int i = 0; i < n; i++) {
    size_t len = 0;
    char *text = rc_cli_read_file(files[i], &len);
    rc_lint_hash_hex(text ? text : "", text ? len : 0, h);
    acc = acc * 31 + strtoull(h, NULL, 16);
    free(text);
  }
  sprintf(v, "%s+%016llx", data, (unsigned long long)acc);
  return v;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The compile errors `diagnostics` of a file, when its record may be carried over with them (see
 * lint_db.h); NULL when one of them is fatal, as a header not found is: creating the header
 * changes the result without changing any file the deps list names. (With KeepGoing libclang
 * reports a missing header as a plain error, hence the message test.) */
static const char *carryable_errors(const char *diagnostics) {
  if (strstr(diagnostics, ": fatal error: ") != NULL || strstr(diagnostics, "file not found") != NULL)
    return NULL;
  return diagnostics;
}

/* Prints a project file's problem; returns the exit status. */
static int config_failed(const char *error) {
  rc_cli_error(NULL, "%s", error ? error : "out of memory");
  return RC_EXIT_USAGE;
}

/* What the run knows of a file between its two passes (rc_cmd_lint). */
typedef struct {
  char *rel;                /* root-relative path (malloc'd) */
  char content_hash[17], args_hash[17];
  int read_errno;           /* the file could not be read: why */
  bool carried;             /* unchanged since the last run: carried over from the database */
  RcReport *carried_report; /* its carried findings, until its turn */
  const char *carried_errors; /* the compile errors it had then (lint_db.h), or NULL */
} FileState;

/* ---- suppressions ----------------------------------------------------------------------------- */

/* Marks the findings [from, to) that a comment of `text` suppresses, reports malformed comments
 * (and unused ones when asked) on stderr; returns the number of warnings printed. */
static int apply_suppressions(RcReport *report, size_t from, size_t to, const char *display,
                              const char *text, size_t len, bool report_unused) {
  RcSuppressions *set = NULL;
  if (rc_suppress_scan(text, len, &set) != 0) abort();
  int warnings = 0;
  if (rc_suppress_count(set) > 0) {
    for (size_t i = from; i < to; i++) {
      RcFinding *f = (RcFinding *)rc_report_at(report, i);
      if (f->rule[0] != '\0' && rc_suppress_match(set, f->line, f->rule)) f->suppressed = true;
    }
  }
  for (size_t i = 0; i < rc_suppress_count(set); i++) {
    const RcSuppression *s = rc_suppress_at(set, i);
    if (s->problem != NULL) {
      fprintf(stderr, "%s:%u:%u: warning: %s\n", display, s->line, s->column, s->problem);
      warnings++;
    } else if (report_unused && !s->used) {
      fprintf(stderr, "%s:%u:%u: warning: suppression%s%s%s matches no finding\n", display, s->line,
              s->column, s->rules[0] ? " of " : "", s->rules, "");
      warnings++;
    }
  }
  rc_suppress_free(set);
  return warnings;
}

/* ---- the run ---------------------------------------------------------------------------------- */

int rc_cmd_lint(int argc, char **argv) {
  int status = RC_EXIT_CLEAN;
  int option_argc = rc_cli_split_at_dashdash(argc, argv);
  Options o;
  memset(&o, 0, sizeof o);
  o.format = "text";
  o.color = -1;
  o.lo.notes = stdout;
  o.lo.errors = stderr;
  o.rules = calloc((size_t)argc + 1, sizeof *o.rules);
  char **all_rules = NULL;
  const RcConfig *config = NULL;      /* the run's project file (root), or NULL */
  RcConfig *forced_config = NULL;     /* --config FILE */
  RcConfigSet *configs = NULL;        /* the .pyrefcheck files found */
  const RcConfig **job_config = NULL; /* each job's project file, or NULL */
  RcJobs jobs = {0};
  RcLintPool *pool = NULL;
  RcReport *main_report = NULL;
  FileState *files = NULL;
  const RcJob **todo = NULL; /* the files to analyse, borrowed by the pool */
  RcLintDb *db = NULL;
  RcBaseline *baseline = NULL;
  char *root = NULL, *rversion = NULL, *error = NULL;
  bool *mine = NULL;
  char started[32];
  rc_lint_now(started, sizeof started);
  double phase[6] = {now_ms()}; /* start, set up, decided, files done, output, closed */
  if (o.rules == NULL) abort();

  int parsed = parse_options(option_argc, argv, &o);
  if (parsed >= 0) { status = parsed; goto out; }
  if (o.build_dir == NULL && optind >= option_argc) {
    rc_cli_error("lint", "no input files (see 'pyrefcheck lint --help')");
    status = RC_EXIT_USAGE;
    goto out;
  }
  for (int i = optind; i < option_argc; i++) check_input(argv[i], &status);
  if (o.build_dir != NULL) {
    char path[4096];
    snprintf(path, sizeof path, "%s/compile_commands.json", o.build_dir);
    check_input(path, &status);
  }
  for (int i = 0; i < o.nrules; i++) check_input(o.rules[i], &status);
  if (o.config_path != NULL) check_input(o.config_path, &status);
  if (status != RC_EXIT_CLEAN) goto out;
  bool text = strcmp(o.format, "text") == 0;
  bool color = o.color < 0 ? isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL : o.color != 0;

  char *const *extra = option_argc < argc ? argv + option_argc + 1 : NULL;
  int nextra = option_argc < argc ? argc - option_argc - 1 : 0;
  if (rc_frontend_jobs(argv + optind, option_argc - optind, o.build_dir, extra, nextra, &jobs, &error) != 0) {
    fprintf(stderr, "pyrefcheck: %s\n", error);
    status = RC_EXIT_USAGE;
    goto out;
  }

  /* The project files. The run's (root, recorded Python version): --config, else the nearest
   * .pyrefcheck above the first input. Each file's: --config, else the nearest above it. */
  configs = rc_configset_new();
  job_config = calloc((size_t)jobs.count + 1, sizeof *job_config);
  if (configs == NULL || job_config == NULL) abort();
  if (o.config_path != NULL) {
    if (rc_config_load(o.config_path, &forced_config, &error) != 0) {
      status = config_failed(error);
      goto out;
    }
    config = forced_config;
  } else if (!o.no_config) {
    const char *first = optind < option_argc ? argv[optind] : o.build_dir;
    if (rc_configset_lookup(configs, first, &config, &error) != 0) {
      status = config_failed(error);
      goto out;
    }
  }
  for (int i = 0; i < jobs.count; i++) {
    RcJob *job = &jobs.items[i];
    if (o.config_path != NULL) job_config[i] = forced_config;
    else if (!o.no_config && rc_configset_lookup(configs, job->file, &job_config[i], &error) != 0) {
      status = config_failed(error);
      goto out;
    }
    const RcConfig *c = job_config[i];
    if (c == NULL) continue;
    for (size_t k = 0; k < c->include_dirs.count; k++) {
      char flag[4200];
      snprintf(flag, sizeof flag, "-I%s", c->include_dirs.items[k]);
      job_add_arg(job, flag);
    }
    for (size_t k = 0; k < c->defines.count; k++) {
      char flag[4200];
      snprintf(flag, sizeof flag, "-D%s", c->defines.items[k]);
      job_add_arg(job, flag);
    }
    if (!o.python_version_given) job->python_version = c->python_version;
  }
  if (config != NULL && !o.python_version_given) o.lo.version = config->python_version;

  /* Rules files: those of every project file in use (the run's first), then the command line's
   * (later records win); the rules are the run's, whichever file named them. */
  size_t ncap = (size_t)o.nrules + 1;
  if (forced_config != NULL) ncap += forced_config->rules_files.count;
  for (size_t c = 0; c < rc_configset_count(configs); c++) ncap += rc_configset_at(configs, c)->rules_files.count;
  all_rules = calloc(ncap, sizeof *all_rules);
  if (all_rules == NULL) abort();
  int nall = 0;
  for (size_t c = 0; c <= rc_configset_count(configs); c++) {
    const RcConfig *from = c == 0 ? config : rc_configset_at(configs, c - 1);
    if (from == NULL || (c > 0 && from == config)) continue;
    for (size_t i = 0; i < from->rules_files.count; i++) {
      bool dup = false;
      for (int k = 0; k < nall && !dup; k++) dup = strcmp(all_rules[k], from->rules_files.items[i]) == 0;
      if (!dup) all_rules[nall++] = from->rules_files.items[i];
    }
  }
  for (int i = 0; i < o.nrules; i++) all_rules[nall++] = o.rules[i];
  for (int i = 0; i < nall; i++) { /* check each file first: a bad record is the user's error */
    RcRuleSet *scratch = NULL;
    if (rc_ruleset_new(&scratch) != 0) abort();
    int rc = rc_ruleset_load_file(scratch, all_rules[i], &error);
    rc_ruleset_free(scratch);
    if (rc != 0) {
      rc_cli_error(NULL, "%s", error ? error : "out of memory");
      status = RC_EXIT_USAGE;
      goto out;
    }
  }
  o.lo.rules_files = all_rules;
  o.lo.nrules_files = nall;
  rversion = rules_version(all_rules, nall);

  /* The root: the project file's directory, else the common parent of the files. */
  root = config != NULL ? realpath(config->dir, NULL) : common_parent(&jobs);
  if (root == NULL) {
    char cwd[4096];
    root = strdup(getcwd(cwd, sizeof cwd) ? cwd : "/");
  }

  /* The database. */
  if (!o.no_db) {
    char path[4096];
    if (o.db_path == NULL && rc_store_default_path(root, path, sizeof path) != RC_STORE_OK) {
      rc_cli_error(root, "path too long for the default database (use --db)");
      status = RC_EXIT_USAGE;
      goto out;
    }
    char pyver[16] = "";
    if (o.lo.version != 0)
      snprintf(pyver, sizeof pyver, "%d.%d", (int)((o.lo.version >> 16) & 0xff), (int)((o.lo.version >> 8) & 0xff));
    CXString clang_version = clang_getClangVersion();
    RcStoreRunInfo info = {.kind = "lint", .tool_version = rc_lint_tool_version(),
                           .libclang_version = clang_getCString(clang_version),
                           .rules_version = rversion, .python_version = pyver[0] ? pyver : NULL,
                           .argc = argc, .argv = argv, .root = root,
                           .shard_index = o.shard_i, .shard_count = o.shard_n};
    int st = rc_lint_db_open(o.db_path ? o.db_path : path, &info, &db);
    clang_disposeString(clang_version);
    if (st != RC_STORE_OK) {
      rc_cli_error(o.db_path ? o.db_path : path, "%s", rc_lint_db_errmsg(db));
      status = rc_store_exit_code(st);
      rc_lint_db_close(db, false);
      db = NULL;
      goto out;
    }
  }
  if (o.baseline != NULL) {
    char msg[512] = "";
    int st = rc_baseline_load(db ? rc_lint_db_store(db) : NULL, o.baseline, &baseline, msg, sizeof msg);
    if (st != RC_STORE_OK) {
      rc_cli_error(o.baseline, "%s", msg[0] ? msg : "cannot load the baseline");
      status = rc_store_exit_code(st);
      goto out;
    }
  }

  phase[1] = now_ms();
  rc_frontend_use_pch(!o.no_pch);
  RcReport *report = rc_report_new();
  main_report = report;
  bool progress = !o.quiet && isatty(STDERR_FILENO);
  /* PYREFCHECK_MAX_SECONDS=S: the per-function time budget (default 2 s, paths.c). Tests that
   * compare two runs raise it: which function runs out of wall-clock time depends on the load of
   * the machine, the step and path budgets do not. */
  const char *max_seconds = getenv("PYREFCHECK_MAX_SECONDS");
  if (max_seconds != NULL && atof(max_seconds) > 0) o.lo.max_seconds = atof(max_seconds);
  /* PYREFCHECK_TIMING=1: one line per analysed file on stderr, "pyrefcheck-timing<TAB>file<TAB>
   * parse ms<TAB>analysis ms" (tests/bench/lint_bench.sh reads it) */
  bool timing = getenv("PYREFCHECK_TIMING") != NULL;
  bool any_errors = false, db_failed = false;
  int warnings = 0, selected = 0, done = 0, carried_count = 0;
  mine = calloc((size_t)jobs.count + 1, sizeof *mine);
  files = calloc((size_t)jobs.count + 1, sizeof *files);
  todo = calloc((size_t)jobs.count + 1, sizeof *todo);
  if (mine == NULL || files == NULL || todo == NULL) abort();
  for (int i = 0; i < jobs.count; i++) {
    char *rel = rc_lint_relpath(root, jobs.items[i].file);
    mine[i] = o.shard_n == 0 || rc_store_shard_selects(rel, o.shard_i, o.shard_n);
    free(rel);
    selected += mine[i];
  }

  /* The files, in two passes. First, in job order: which are unchanged since the last run (their
   * findings wait in a report of their own) and which must be analysed; those go to the pool
   * (lint_pool.h, -j threads). Then every file in job order: its findings, suppressions,
   * fingerprints, records and progress, so that -j N writes what -j 1 writes. */
  int ntodo = 0;
  for (int i = 0; i < jobs.count; i++) {
    const RcJob *job = &jobs.items[i];
    FileState *fs = &files[i];
    if (!mine[i]) continue; /* another shard's */
    size_t len = 0;
    char *source = rc_cli_read_file(job->file, &len);
    if (source == NULL) {
      fs->read_errno = errno ? errno : EIO;
      continue;
    }
    fs->rel = rc_lint_relpath(root, job->file);
    rc_lint_hash_hex(source, len, fs->content_hash);
    free(source);
    args_hash(job, &o, job_config[i], fs->args_hash);
    if (db != NULL && !db_failed) {
      RcLintDbFile dbfile = {fs->rel, job->file, root, fs->content_hash, fs->args_hash};
      fs->carried_report = rc_report_new();
      int st = rc_lint_db_try_carry(db, &dbfile, fs->carried_report, &fs->carried, &fs->carried_errors);
      if (st != RC_STORE_OK) {
        rc_cli_error(rc_lint_db_path(db), "%s", rc_lint_db_errmsg(db));
        db_failed = true;
        status = rc_store_exit_code(st);
      }
    }
    if (!fs->carried) todo[ntodo++] = job;
  }
  phase[2] = now_ms();
  int nthreads = o.jobs > 0 ? o.jobs : rc_lint_pool_default_threads();
  int prc = rc_lint_pool_new(&o.lo, nthreads, todo, ntodo, db != NULL, &pool, &error);
  if (prc != 0) {
    rc_cli_error("lint", "%s", error ? error : "out of memory");
    status = RC_EXIT_INTERNAL;
    goto out;
  }
  for (int i = 0; i < jobs.count; i++) {
    const RcJob *job = &jobs.items[i];
    FileState *fs = &files[i];
    if (!mine[i]) continue;
    if (fs->read_errno != 0) {
      rc_cli_error(job->file, "cannot read: %s", strerror(fs->read_errno));
      any_errors = true;
      continue;
    }
    size_t len = 0;
    char *source = rc_cli_read_file(job->file, &len); /* for its suppression comments */
    if (source == NULL) {
      source = strdup("");
      if (source == NULL) abort();
    }
    RcLintDbFile dbfile = {fs->rel, job->file, root, fs->content_hash, fs->args_hash};
    size_t before = rc_report_count(report);
    bool had_errors = false, parsed_ok = true;
    RcLintOutcome *outcome = NULL;
    if (!fs->carried) {
      outcome = rc_lint_pool_next(pool);
      fputs(outcome->notes, stdout);
      if (progress && (outcome->diagnostics[0] != '\0' || !outcome->parsed))
        fputs("\r\033[K", stderr); /* errors start on a line of their own */
      fputs(outcome->diagnostics, stderr);
      if (!outcome->parsed) {
        fprintf(stderr, "pyrefcheck: %s\n", outcome->error ? outcome->error : job->file);
        parsed_ok = false;
        any_errors = true;
      }
      had_errors = outcome->had_errors;
      any_errors = any_errors || had_errors;
      /* rules the project file turns off are not reported nor recorded */
      for (size_t k = 0; k < rc_report_count(outcome->report); k++) {
        const RcFinding *f = rc_report_at(outcome->report, k);
        if (f->rule[0] == '\0' || rc_config_rule_enabled(job_config[i], f->rule)) rc_report_add(report, f);
      }
      if (timing)
        fprintf(stderr, "pyrefcheck-timing\t%s\t%.2f\t%.2f\n", job->file, outcome->parse_ms,
                outcome->analysis_ms);
    } else {
      if (fs->carried_errors != NULL) { /* the file has compile errors: print them, fail as then */
        if (progress) fputs("\r\033[K", stderr);
        fputs(fs->carried_errors, stderr);
        any_errors = true;
      }
      for (size_t k = 0; k < rc_report_count(fs->carried_report); k++)
        rc_report_add(report, rc_report_at(fs->carried_report, k));
      carried_count++;
    }
    size_t after = rc_report_count(report);
    warnings += apply_suppressions(report, before, after, job->file, source, len, o.report_unused);
    if (!fs->carried && rc_lint_fingerprint_file(report, before, after, root) != 0) abort();
    if (db != NULL && !db_failed && !fs->carried && parsed_ok) {
      int st = rc_lint_db_record(db, &dbfile, (const char *const *)outcome->headers, outcome->nheaders,
                                 outcome->functions, outcome->nfunctions, report, before, after, !had_errors,
                                 carryable_errors(outcome->diagnostics),
                                 outcome->parse_ms + outcome->analysis_ms);
      if (st != RC_STORE_OK) {
        rc_cli_error(rc_lint_db_path(db), "%s", rc_lint_db_errmsg(db));
        db_failed = true;
        status = rc_store_exit_code(st);
      }
    }
    rc_lint_outcome_free(outcome);
    if (baseline != NULL)
      for (size_t k = before; k < after; k++) {
        RcFinding *f = (RcFinding *)rc_report_at(report, k);
        f->in_baseline = f->fingerprint != NULL && rc_baseline_contains(baseline, f->fingerprint);
      }
    free(source);
    done++;
    if (progress)
      fprintf(stderr, "\r\033[K[%d/%d] %zu findings%s", done, selected,
              rc_report_count_at_least(report, RC_SEVERITY_WARNING), done == selected ? "" : "...");
  }
  if (progress && done > 0) fputs("\r\033[K", stderr);
  phase[3] = now_ms();

  /* --confirm: the oracle's verdict on each finding, recorded with the run (confirm.h). */
  if (o.confirm) {
    RcConfirmOptions co = {.argv0 = argv[0], .profile = "3.11", .progress = progress};
    if (rc_confirm_report(report, &jobs, &co) != 0) {
      rc_cli_error("lint", "--confirm: the oracle could not be run");
      status = RC_EXIT_INTERNAL;
    } else if (db != NULL && !db_failed) {
      int st = rc_confirm_record(report, rc_lint_db_store(db), rc_lint_db_run(db), root);
      if (st != RC_STORE_OK) {
        rc_cli_error(rc_lint_db_path(db), "%s", rc_store_errmsg(rc_lint_db_store(db)));
        db_failed = true;
        status = rc_store_exit_code(st);
      }
    }
  }

  /* The output. */
  rc_report_sort(report);
  char finished[32];
  rc_lint_now(finished, sizeof finished);
  char pyver[16] = "";
  if (o.lo.version != 0)
    snprintf(pyver, sizeof pyver, "%d.%d", (int)((o.lo.version >> 16) & 0xff), (int)((o.lo.version >> 8) & 0xff));
  RcLintRunInfo run = {root, started, finished, !any_errors && !db_failed, pyver[0] ? pyver : NULL,
                       baseline != NULL};
  int written = 0;
  if (text) rc_report_print_text(report, 0, stdout, color);
  else if (strcmp(o.format, "json") == 0) written = rc_lint_write_json(report, &run, stdout);
  else written = rc_lint_write_sarif(report, &run, stdout);
  if (written != 0 || fflush(stdout) != 0) {
    rc_cli_error("lint", "cannot write the output");
    if (status == RC_EXIT_CLEAN) status = RC_EXIT_INTERNAL;
  }
  size_t findings = rc_report_count_at_least(report, RC_SEVERITY_WARNING);
  phase[4] = now_ms();
  if (db != NULL) {
    /* a file with compile errors is recorded as such (never carried over); the run completed */
    int st = rc_lint_db_close(db, !db_failed);
    db = NULL;
    if (st != RC_STORE_OK && !db_failed) {
      status = rc_store_exit_code(st);
      db_failed = true;
    }
  }
  phase[5] = now_ms();
  if (timing) /* where the run's time went (lint_bench.sh prints it for the incremental run) */
    fprintf(stderr, "pyrefcheck-phase\tset-up %.1f ms\tunchanged-files check %.1f ms\t"
            "files (analysis, records) %.1f ms\toutput %.1f ms\tclosing the database %.1f ms\n",
            phase[1] - phase[0], phase[2] - phase[1], phase[3] - phase[2], phase[4] - phase[3],
            phase[5] - phase[4]);
  if (!o.quiet && carried_count > 0 && isatty(STDERR_FILENO))
    fprintf(stderr, "pyrefcheck: %d of %d files unchanged since the last run: not parsed again\n",
            carried_count, done);
  if (status != RC_EXIT_CLEAN) goto out;
  if (any_errors) status = RC_EXIT_USAGE;
  else status = findings > 0 || warnings > 0 ? RC_EXIT_FINDINGS : RC_EXIT_CLEAN;
out:
  if (db != NULL) rc_lint_db_close(db, false);
  for (int i = 0; files != NULL && i < jobs.count; i++) {
    free(files[i].rel);
    rc_report_free(files[i].carried_report);
  }
  free(files);
  rc_baseline_free(baseline);
  rc_lint_pool_free(pool);
  free(todo);
  rc_report_free(main_report);
  rc_frontend_cleanup();
  rc_frontend_jobs_free(&jobs);
  rc_config_free(forced_config);
  rc_configset_free(configs);
  free(job_config);
  free(all_rules);
  free(mine);
  free(o.rules);
  free(root);
  free(rversion);
  free(error);
  return status;
}
