/* oracle.h — `pyrefcheck oracle`: a snippet executed on the reference runtime under fault injection.
 *
 * Purpose: answer "does this function leak or over-release?" by running it. The snippet is compiled
 * against runtime/include into a shared object that pyrefcheck-runner (runtime/runner/) loads in
 * sandboxed children; every entry point is run once normally, which counts its allocations, and
 * once more per allocation with that one made to fail. Each run's observations (runtime defects,
 * refcount deltas of the arguments and globals, the exception state against the result, how the
 * child ended) become verdicts.
 *
 * The stages, one file each:
 *   oracle_source.c   reads the snippet's text: function definitions and their prototypes, method
 *                     tables, types, module definitions, `oracle: call` directives, the PyArg_Parse*
 *                     format of each function
 *   oracle_args.c     argument sets: from a directive, from a PyArg format, or the default objects
 *   oracle_compile.c  finds the compiler, the runtime headers and the runner; writes the wrapper
 *                     that exports the snippet's (static) functions; compiles; runs the runner
 *   oracle_plan.c     turns the runner's discovery and the source into entry points with argument
 *                     sets, and writes the plan
 *   oracle_results.c  reads the runner's records, classifies each run, and aggregates the defects
 *   oracle_render.c   the text and JSON reports (docs/oracle.md documents the JSON)
 *   cmd_oracle.c      the command: options, orchestration, the findings database, the exit status
 *
 * Ownership: an RcOracle owns everything reachable from it (strings included) and is freed in one
 * call, rc_oracle_free. Paths in defects are display paths: the snippet's path as the user gave it
 * (runtime-internal sites are dropped). Invariant: an entry's schedule numbers are those the runner
 * gave, so `--entry NAME --schedule N` replays exactly run N of entry NAME. */
#ifndef RC_ORACLE_H
#define RC_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ===== The snippet's text (oracle_source.c) ==================================================== */

#define RC_ORACLE_MAX_PARAMS 8

typedef struct {
  char *name;
  int line;                           /* of the name in the definition */
  bool is_static;
  char *ret_type;                     /* "PyObject *", "int", "void", ... (normalised spacing) */
  int nparams;                        /* 0 for (void) */
  char *param_type[RC_ORACLE_MAX_PARAMS];
  char *param_name[RC_ORACLE_MAX_PARAMS];
  char *parse_api;                    /* the first PyArg_Parse* call in the body, or NULL */
  char *parse_format;                 /* its format string (literal pieces joined), or NULL */
  int body_first_line, body_last_line;
} RcOracleFunc;

typedef enum {
  RC_ORACLE_VAR_METHODS, RC_ORACLE_VAR_TYPE, RC_ORACLE_VAR_MODULEDEF, RC_ORACLE_VAR_SPEC
} RcOracleVarKind;

typedef struct {
  char *name;
  RcOracleVarKind kind;
  int line;
} RcOracleVar;

typedef struct {
  char *func;                         /* the function the directive names */
  char *literal;                      /* its arguments as a tuple literal: "(1, 'abc')" */
  int line;
} RcOracleDirective;

typedef struct {
  RcOracleFunc *funcs;
  size_t nfuncs;
  RcOracleVar *vars;
  size_t nvars;
  RcOracleDirective *directives;
  size_t ndirectives;
} RcOracleSource;

/* Scans C source text (not preprocessed: comments, strings and directives are skipped; `#if 0`
 * blocks are ignored). Never fails on odd code: what it does not recognise it skips. Returns 0,
 * or -1 when out of memory. `src` is borrowed. */
int rc_oracle_source_scan(const char *text, RcOracleSource *src);
void rc_oracle_source_free(RcOracleSource *src);
const RcOracleFunc *rc_oracle_source_func(const RcOracleSource *src, const char *name);

/* ===== Entry points and their runs =========================================================== */

typedef enum {
  RC_ORACLE_OK,
  RC_ORACLE_LEAK,
  RC_ORACLE_OVER_RELEASE,
  RC_ORACLE_USE_AFTER_FREE,
  RC_ORACLE_NEGATIVE_REFCOUNT,
  RC_ORACLE_NULL_WITHOUT_ERROR,
  RC_ORACLE_SUCCESS_WITH_ERROR,
  RC_ORACLE_UNCOLLECTABLE,
  RC_ORACLE_CRASH,
  RC_ORACLE_TIMEOUT,
  RC_ORACLE_MEMORY_ERROR,   /* heap misuse the ten verdicts do not name: overrun, wrong family, ... */
  RC_ORACLE_OUTPUT_LIMIT,   /* the run wrote more than its output cap and was stopped */
  RC_ORACLE_NVERDICTS
} RcOracleVerdict;

/* "leak", "over-release", ... as the reports and the JSON spell them. */
const char *rc_oracle_verdict_name(RcOracleVerdict v);

/* One observed defect, aggregated over the runs of an entry that showed it. */
typedef struct {
  RcOracleVerdict verdict;
  char *detector;        /* the runtime defect kind, "refcount-delta", "exception-state",
                          * "signal", "exit", "timeout", "output-limit" */
  char *type;            /* the object's type, "" when none */
  char *object;          /* what the object is to the call: "argument 1", "result", "module", "" */
  char *alloc_file;      /* where the object was allocated (display path), NULL when unknown */
  int alloc_line;
  char *site_file;       /* the offending site in the snippet, NULL when unknown */
  int site_line;
  char *message;         /* one sentence */
  char *consequence;     /* what CPython of the selected profile does */
  char *versions;        /* which CPython versions crash, corrupt or do not notice */
  size_t entry;          /* index into RcOracle.entries */
  long schedule;         /* the first run that showed it (the normal run when it did) */
  long fail_alloc;       /* that run's failed allocation (0: none) */
  long fail_call;        /* or its failed fallible call (0: none); both 0: the normal run */
  char *fail_name;       /* the call made to fail ("PyList_Append"), NULL for an allocation */
  char *fail_site;       /* "file:line" of the failed allocation or call, NULL when unknown */
  bool fault_only;       /* seen only in runs with an injected failure */
  long runs_seen;        /* how many runs showed it */
  char *argset;          /* the arguments of that run */
} RcOracleDefect;

typedef enum {
  RC_ORACLE_CONV_INIT, RC_ORACLE_CONV_NOARGS, RC_ORACLE_CONV_O, RC_ORACLE_CONV_VARARGS,
  RC_ORACLE_CONV_VARARGS_KW, RC_ORACLE_CONV_FASTCALL, RC_ORACLE_CONV_FASTCALL_KW,
  RC_ORACLE_CONV_PLAIN, RC_ORACLE_CONV_TYPE,
  RC_ORACLE_CONV_SLOT,     /* one slot of a type ("Bag.tp_repr"), on an instance */
  RC_ORACLE_CONV_METHOD    /* METH_METHOD | METH_FASTCALL | METH_KEYWORDS: the defining class too */
} RcOracleConv;

typedef enum {
  RC_ORACLE_BIND_INSTANCE, /* a type's method on an instance */
  RC_ORACLE_BIND_CLASS,    /* METH_CLASS: self is the type */
  RC_ORACLE_BIND_STATIC    /* METH_STATIC: self is NULL */
} RcOracleBind;

const char *rc_oracle_conv_name(RcOracleConv conv); /* the plan's spelling: "varargs", ... */

typedef struct {
  char *name;            /* what --entry takes: the C function's name (or the method's) */
  char *func;            /* the exported function to call, or NULL (called through `table`) */
  char *table;           /* method table and index, or NULL */
  int index;
  char *init;            /* PyInit_ to run first, or NULL */
  char *type;            /* RC_ORACLE_CONV_TYPE: the static type (its C name); for a method of a
                          * type: the type its self is an instance of; else NULL */
  char *instance;        /* a type's method: the arguments its self is made with, "()" */
  char *slot;            /* RC_ORACLE_CONV_SLOT: the slot, "tp_repr"; else NULL */
  RcOracleBind bind;     /* a type's method: what self is */
  RcOracleConv conv;
  char *ret;             /* "object", "int", "void" */
  int nparams;
  bool self_module;
  int line;              /* the C function's definition line, 0 when unknown */
  char **argsets;        /* tuple literals */
  size_t nargsets;
  char *args_origin;     /* "directive", "format", "default" */
  /* results */
  long runs;             /* runs made */
  long points;           /* allocation points counted over its argument sets */
  long covered;          /* of which run with that allocation failing */
  long not_run_sets;     /* argument sets that could not be run (see notes) */
  long same_path_sets;   /* argument sets whose normal run took an earlier set's path: their
                          * failure points were not run again */
  char **notes;          /* why something was not run, deduplicated */
  long *note_sets;       /* per note: the argument sets it kept from running (0: not about sets) */
  size_t nnotes;
} RcOracleEntry;

typedef struct {
  /* inputs */
  char *snippet;         /* display path (as given) */
  char *snippet_abs;     /* absolute path: the sites the runtime reports */
  char *profile;         /* "3.11" */
  char *replay_options;  /* what a replay command must repeat: "--python 3.12 -- -DX", or "" */
  RcOracleSource source;
  /* what ran */
  RcOracleEntry *entries;
  size_t nentries;
  RcOracleDefect *defects;
  size_t ndefects;
  long runs;             /* total runs, including the normal ones */
  double seconds;        /* compile + exploration, wall clock */
  double compile_seconds;
  bool replay;           /* --schedule: one run only */
  char **notes;          /* run-wide notes (not run, coverage) */
  size_t nnotes;
} RcOracle;

void rc_oracle_free(RcOracle *o);
/* Adds a note (deduplicated, copied) to a list. Returns 0, or -1 out of memory. */
int rc_oracle_note(char ***notes, size_t *count, const char *text);

/* ===== Argument sets (oracle_args.c) =========================================================== */

/* Appends to `e` the argument sets for the function `f` (may be NULL) under its convention:
 * the directives naming it if any, else sets derived from its PyArg_Parse* format, else the
 * default objects. Returns 0, or -1 out of memory. */
int rc_oracle_args_for(RcOracleEntry *e, const RcOracleSource *src, const RcOracleFunc *f);
/* The argument sets of a type's slot entry of kind `kind` (the runner's name: "binary",
 * "richcmp", ...): the directives naming the entry ("Bag.mp_subscript") if any, else for tp_call
 * ("call") those of rc_oracle_args_for, else a few objects that reach the slot's usual paths
 * (an int, a str, None for a binary slot; an index in and out of range; each comparison
 * against None). Returns 0, or -1 out of memory. */
int rc_oracle_args_for_slot(RcOracleEntry *e, const RcOracleSource *src, const RcOracleFunc *f,
                            const char *kind);
/* The literals a PyArg_Parse* format asks for: every unit filled, then the required units only
 * (when some are optional), then no argument at all (the parse's error path). Writes up to `max`
 * malloc'd literals into out; returns how many, or -1 when the format is malformed. */
int rc_oracle_args_from_format(const char *format, char **out, int max);

/* ===== Toolchain and the runner (oracle_compile.c) ============================================= */

typedef struct {
  char compiler[4096];   /* $CC, else the compiler CMake found */
  char include_dir[4096];/* runtime/include */
  char runner[4096];     /* pyrefcheck-runner */
  char tmpdir[4096];     /* private temporary directory, removed by rc_oracle_toolchain_cleanup */
} RcOracleToolchain;

/* Finds the compiler, headers and runner (RC_EXIT_INTERNAL-worthy failure: message on stderr) and
 * makes the temporary directory. Returns 0 or -1. */
int rc_oracle_toolchain_find(RcOracleToolchain *tc, const char *argv0);
void rc_oracle_toolchain_cleanup(RcOracleToolchain *tc);

/* Writes the wrapper that includes the snippet and exports its functions, tables, types and module
 * definitions, and compiles it with `cflags` into tmpdir/snippet.so. The compiler's messages go to
 * stderr with the snippet's display path. Returns 0, 1 (the snippet does not compile: exit 2) or
 * -1 (the compiler could not be run). */
int rc_oracle_compile(RcOracleToolchain *tc, RcOracle *o, char **cflags, int ncflags);

/* Writes the shim Python.h (oracle_gates.c) into tmpdir/inc, whose path goes to inc_out: the
 * directory to put first on the include path. Returns 0, or -1 (errno set). */
int rc_oracle_gates_write(const char *tmpdir, const char *include_dir, char *inc_out, size_t size);

/* Runs the runner with `args` (after the runner's path) and returns its standard output
 * (malloc'd) in *out. Returns 0, or -1 with a message on stderr. */
int rc_oracle_run_runner(const RcOracleToolchain *tc, char *const *args, unsigned wall_seconds,
                         char **out);

/* ===== The plan (oracle_plan.c) ================================================================ */

typedef struct {
  char **entries;        /* --entry names, or none: every entry point found */
  size_t nentries;
  long schedule;         /* --schedule, or -1 */
  long max_runs;
  long timeout_ms;
} RcOracleOptions;

/* Builds o->entries from the runner's discovery records and the source. Returns 0, 1 when an
 * --entry name is unknown or nothing can be run (message on stderr: exit 2), or -1 (OOM). */
int rc_oracle_plan_entries(RcOracle *o, const char *discovery, const RcOracleOptions *opt);
/* Writes the plan file for the runner. Returns 0 or -1. */
int rc_oracle_plan_write(const RcOracle *o, const RcOracleOptions *opt, const char *path);

/* ===== Results (oracle_results.c) ============================================================= */

/* Reads the runner's output and fills runs, coverage and aggregated defects. Returns 0 or -1. */
int rc_oracle_results_read(RcOracle *o, char *output);

/* ===== Reports (oracle_render.c) ============================================================== */

void rc_oracle_render_text(const RcOracle *o, FILE *out);
/* Returns 0, or -1 when the JSON could not be written. */
int rc_oracle_render_json(const RcOracle *o, FILE *out);
/* The command that replays defect d's run: "pyrefcheck oracle SNIPPET --entry E --schedule N". */
void rc_oracle_replay_command(const RcOracle *o, const RcOracleDefect *d, char *buf, size_t size);

#endif
