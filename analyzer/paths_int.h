/* paths_int.h — what paths.c (the walk) and eval.c (evaluating statements and calls on one state)
 * share: the engine's private state and the helpers both use. Not an interface: nothing outside
 * these two files includes it.
 *
 * Ownership and invariants are those of paths.h: everything lives in the walk's arena. An Eng's
 * "one evaluation" fields (st, choices, log, sink, verb) describe the statement being evaluated and
 * are reset by run_expr() for each combination of failing calls. */
#ifndef RC_PATHS_INT_H
#define RC_PATHS_INT_H

#include "paths.h"
#include "refstate.h"

#include <stdint.h>

enum {
  MAX_POINTS = 6,          /* fallible calls per statement whose failure is explored */
  MAX_OUTCOMES = 64,       /* outcomes of one statement */
  DEFAULT_STATES = 128,    /* distinct states per block */
  WIDEN_AFTER = 2          /* states at a loop head before integers are widened */
};
#define DEFAULT_STEPS 60000UL
#define DEFAULT_SECONDS 2.0
#define MAX_ARENA_BYTES ((size_t)64 << 20) /* path states of one function */

typedef struct {
  const RcExpr *e;
  int sym;
} LogEntry;

typedef struct {
  RcState *st;
  int sym;
  LogEntry *log;
  int nlog;
} Outcome;

typedef struct {
  unsigned hash;
  unsigned char *key;
  size_t len;
} SeenKey;

typedef struct {
  SeenKey *keys;
  int count, cap;
  int arrivals;
  unsigned char *first_int;    /* loop heads: the variables the loop assigns (loop_defs) */
} Seen;

typedef struct {
  int block;
  RcState *st;
} Work;

typedef struct {
  const RcCfg *cfg;
  const RcPathOptions *opt;
  RcArena *arena;
  RcDiag *diag;
  RcPathResult *res;
  unsigned next_uid;
  unsigned long max_steps;
  int max_states;
  double deadline;
  bool stop;
  unsigned long last_check;  /* steps at the last time and memory check */
  Seen *seen;
  int *npreds;               /* predecessors of each block */
  unsigned char *live;       /* liveness(): block x variable */
  Work *work;
  int nwork, work_cap;
  /* one evaluation */
  RcState *st;
  const unsigned char *choices;
  int nchoices, npoints;
  LogEntry *log;
  int nlog, log_cap;
  bool sink;                 /* the path crashed (a NULL dereference): it ends here */
  const char *verb;          /* what the reported operation does: "released", "stolen again" */
  const RcName *stolen_from; /* a steal of what a location holds: the location (a global or a
                              * field) whose reference another function releases, */
  const RcName *releaser;    /* and that function */
} Eng;

/* ---- shared helpers (eval.c) ---- */

static inline RcSym *S(Eng *E, int sym) { return &E->st->syms[sym]; }

/* The address of a static object (&PyList_Type, Py_None): never freed, one identity. */
static inline bool rcp_is_static_object(const RcSym *v) {
  return !v->is_int && v->origin == RC_ORIGIN_FIELD && v->site != NULL && v->site->kind == RC_EX_ADDR &&
         v->site->kids[0]->kind == RC_EX_GLOBAL;
}

/* The symbol logged for expression `e` in the last evaluation, or -1. */
static inline int rcp_logged(const LogEntry *log, int n, const RcExpr *e) {
  for (int i = n - 1; i >= 0; i--)
    if (log[i].e == e) return log[i].sym;
  return -1;
}

/* New values in the current state (E->st). */
int rcp_new_ptr(Eng *E, RcNullness null, RcOrigin origin, const RcExpr *site);
int rcp_new_int(Eng *E, int64_t lo, int64_t hi, const RcExpr *site);
/* Evaluates `e` on E->st under E->choices; returns its value's symbol or -1. */
int rcp_eval(Eng *E, const RcExpr *e);
/* The name a message uses for `sym`. */
void rcp_name_of(Eng *E, int sym, char *buf, size_t size);
/* Findings: a transition error at `at`; an owned value lost at line:col. */
void rcp_report_err(Eng *E, RcRefError err, int sym, const RcExpr *at, const RcName *api);
void rcp_report_leak(Eng *E, int sym, unsigned line, unsigned col, bool error_path, bool at_return);

#endif
