/* paths.h — the path-sensitive walk over a function's CFG.
 *
 * Starting from the entry with every parameter borrowed and no exception set, the walk evaluates
 * each statement on each path state. A call that can fail (by its summary) splits the path into
 * its success and its failure outcome; the checks that follow (if (!x), if (r < 0),
 * if (PyErr_Occurred())) refine the values they test, and a branch whose condition cannot hold is
 * not taken — so impossible paths are never reported. Stores into fields, globals, containers and
 * out-parameters move ownership away. States are normalised and merged at block entry when they
 * agree; loop heads widen integers so loops converge.
 *
 * Bugs become candidates in the RcDiag (diag.h); what the function does as a whole (returns new or
 * borrowed, can return NULL with or without an exception, consumes a parameter) is collected in
 * an RcPathResult, from which the driver builds the function's summary.
 *
 * Budget: every function has a work budget (statements evaluated, states per block, wall time).
 * When it runs out the walk stops, sets `incomplete`, and the driver reports analysis-incomplete;
 * candidates found so far are kept (they are real paths).
 *
 * Ownership: all path state lives in the arena passed in. Nothing else is allocated. */
#ifndef RC_PATHS_H
#define RC_PATHS_H

#include "cfg.h"
#include "diag.h"
#include "members.h"
#include "summary.h"

#include <stdbool.h>

typedef struct {
  RcSummaries *summaries;
  RcPyVersion version;          /* for api-prefer-strong */
  bool entry_point;             /* called by Python (a method, a slot, module init): parameters are
                                 * borrowed, failures must set an exception */
  bool int_protocol;            /* an int-returning slot (tp_init, a setter): -1 must come with an
                                 * exception */
  bool null_ends_iteration;     /* a tp_iternext: NULL without an exception means "no more" */
  bool dealloc;                 /* a tp_dealloc: it owns what its object holds (its fields, and
                                 * for a heap type its type), so releasing those is correct */
  unsigned owned_params;        /* bit i: parameter i arrives owned (the function steals it) */
  const RcName *const *owned_fields; /* fields a tp_dealloc of the file releases: a borrowed
                                 * reference stored there without a Py_INCREF is stolen */
  int nowned_fields;
  const RcMembers *members;     /* the members of the file's types that may be NULL (members.h) */
  bool dealloc_family;          /* a tp_dealloc or a helper it hands self to: every reason a member
                                 * may be NULL counts; elsewhere only another function setting it
                                 * to NULL does */
  const RcApi *annotation;      /* the function's own annotation (returns-new, returns-borrowed,
                                 * sets-exception...), or NULL: its returns are checked against it */
  int max_failures;             /* failing calls explored per path; 0: no limit. The driver walks
                                 * again with 1 when the full walk runs out of budget */
  unsigned long max_steps;      /* statements evaluated; 0: default */
  int max_states_per_block;     /* 0: default */
  double max_seconds;           /* 0: default */
} RcPathOptions;

typedef struct {
  bool incomplete;              /* the budget ran out */
  const char *incomplete_why;
  int returns;                  /* return statements reached */
  int returns_null;             /* of an object function: NULL returned */
  int returns_null_exc_set, returns_null_exc_clear;
  int returns_new;              /* an owned reference returned */
  int returns_borrowed;         /* a borrowed reference returned (without a reference owned) */
  int borrowed_from_param;      /* the parameter all borrowed returns came from, or -1 (-2: none) */
  int returns_negative;         /* of an int function: a negative value returned */
  int returns_negative_exc_set;
  unsigned consumed_params;     /* bit i: parameter i is released or stolen on every return */
  unsigned any_consumed_params; /* bit i: parameter i is released or stolen on some return */
  unsigned stored_params;       /* bit i: parameter i is stored into memory on some path */
  unsigned paid_params;         /* bit i: a store of parameter i was paid by the function's own
                                 * Py_INCREF (the caller keeps its reference) */
  unsigned nonnull_params;      /* bit i: parameter i is dereferenced, or passed where NULL is not
                                 * accepted, before any NULL test of it, on some path */
  unsigned out_new_params;      /* bit i: every successful return leaves a new reference or NULL
                                 * in *parameter i (an out-parameter), and some leaves one */
  unsigned out_new_seen;
  bool out_found;               /* every successful return is 1 with new references in the
                                 * out-parameters or 0 with NULL there (PyDict_GetItemRef's shape) */
  int returns_nonneg, returns_zero; /* of an int function: returns that are not failures, and
                                     * of those, returns of exactly 0 */
  int returns_static;           /* a static object returned without a reference (a sentinel) */
  int returns_exc_set;          /* returns reached with an exception set */
  int returns_success_raising;  /* non-error returns with an exception set or maybe set */
  unsigned long steps;
} RcPathResult;

/* Walks `cfg`. Returns 0; -1 only for invalid input (a CFG without blocks). */
int rc_paths_run(const RcCfg *cfg, const RcPathOptions *opt, RcArena *arena, RcDiag *diag,
                 RcPathResult *out);

#endif
