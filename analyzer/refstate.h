/* refstate.h — the abstract state of one path: symbolic values, their ownership, NULL-ness and
 * the exception flag, with the transitions a call or a store applies to them.
 *
 * A path state maps each variable of the function, and each memory location the path has read or
 * written (a field of a value, a global), to a symbolic value (RcSym). A symbolic value is either
 * an integer (an interval) or a pointer; a pointer that is a Python object carries its ownership:
 * how many references the function owns (`owned`), where the reference came from (`origin`), its
 * lifecycle (alive, released, stolen) and, for a borrowed reference, the value it lives in
 * (`parent`). The exception flag is clear, set or unknown.
 *
 * The transitions (rc_state_incref, rc_state_decref, rc_state_steal, rc_state_store) return an
 * RcRefError: RC_REF_OK, or one of the error states, which keep a range of their own (as in Clang's
 * RetainCountChecker). The engine turns errors into findings; this module never reports.
 *
 * Ownership: states and their arrays are allocated in the per-function arena given to
 * rc_state_new / rc_state_copy; nothing is freed before the arena.
 *
 * Invariants:
 *   - vars[i] and every location's value are valid indexes into syms, or -1 (no value yet);
 *   - a sym with owned > 0 is a non-NULL object pointer in life RC_LIFE_ALIVE;
 *   - `uid`, `site`, `api` and `label` identify a value for reports and are ignored when states
 *     are compared: two states that differ only there are the same state. */
#ifndef RC_REFSTATE_H
#define RC_REFSTATE_H

#include "arena.h"
#include "cfg.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum { RC_NULL_UNKNOWN, RC_NULL_NO, RC_NULL_YES } RcNullness;

typedef enum {
  RC_ORIGIN_NONE,     /* not a reference we reason about (an unknown out-parameter, a C pointer) */
  RC_ORIGIN_NEW,      /* a new reference the function received (call result, or an incref) */
  RC_ORIGIN_CALL,     /* borrowed from a call's result */
  RC_ORIGIN_PARAM,    /* a parameter: borrowed from the caller */
  RC_ORIGIN_FIELD,    /* read from a field, a global or through a pointer: owned by that place */
  RC_ORIGIN_STORED    /* a reference the function stored away (a field, a container, a global) */
} RcOrigin;

typedef enum { RC_LIFE_ALIVE, RC_LIFE_RELEASED, RC_LIFE_STOLEN } RcLife;

typedef enum { RC_XS_CLEAR, RC_XS_SET, RC_XS_UNKNOWN } RcExcState;

/* Transition results: OK, then the error states. */
typedef enum {
  RC_REF_OK = 0,
  RC_REF_ERR_FIRST = 100,
  RC_REF_ERR_RELEASE_BORROWED = RC_REF_ERR_FIRST, /* released a reference it does not own */
  RC_REF_ERR_USE_AFTER_RELEASE,                   /* used after its last reference went */
  RC_REF_ERR_USE_AFTER_STEAL,                     /* released or stolen again after a steal */
  RC_REF_ERR_STEAL_BORROWED,                      /* a call stole a reference it does not own */
  RC_REF_ERR_NULL,                                /* NULL from a failed call, where NULL is bad */
  RC_REF_ERR_INVALIDATED                          /* borrowed, and its owner dropped it */
} RcRefError;

typedef struct {
  bool is_int;
  /* pointers */
  RcNullness null;
  bool null_from_failure; /* NULL because a call failed (or found nothing): must be checked */
  bool is_obj;
  RcOrigin origin;
  RcLife life;
  int owned;              /* references the function holds */
  int parent;             /* the value a borrowed (or stolen) reference lives in, -1 */
  bool invalidated;       /* borrowed, and the parent was released */
  bool flagged;           /* a finding was reported about it: report nothing more */
  bool consumed_param;    /* a parameter this function released or gave away */
  bool zero_arg_call;     /* result of a call without arguments (may reflect global state) */
  bool unknown_call;      /* result of a call nothing is known about (its failure may have set
                           * an exception) */
  bool maybe_sentinel;    /* from a helper that sometimes returns a static object (Py_None) as a
                           * borrowed sentinel: equal to that object, it is not owned */
  bool lazy_fail;         /* a borrowed result whose failure (a bad index or type) is explored
                           * only when the code tests it for NULL */
  unsigned char lazy_exc; /* lazy_fail: the RcExcKind of that failure */
  bool success_unsure;    /* success result of a call that fails with -1 / a negative value: its
                           * successful values are not known (0 only? 0 or 1? a size?) */
  int param;              /* RC_ORIGIN_PARAM: its index */
  const char *maybe_null; /* a member read in a tp_dealloc that may be NULL there, and why
                           * (members.h); NULL otherwise */
  /* integers */
  int64_t lo, hi;
  bool nonzero;           /* known != 0 where the interval spans 0 (`if (n % 4)` taken) */
  /* identity, for reports (ignored by comparisons) */
  unsigned uid;
  const RcExpr *site;     /* the expression that produced it */
  const RcName *api;      /* the call that produced it, or NULL */
  const RcName *label;    /* a variable that held it (its name in messages), or NULL */
  const RcExpr *label_expr; /* or the expression it was read from */
} RcSym;

typedef struct {
  int base;               /* sym of the object, -1 for a global, -2 for a global's address */
  const RcName *field;    /* the field (or global) name; NULL with base: *base */
  int sym;
  bool owes;              /* the function stored a borrowed reference here: the location is owed
                           * one (paid by the Py_INCREF that usually follows) */
  bool took;              /* the function stored a reference it owned here on this path, and no
                           * other function has seen the location since: overwriting it without
                           * a release loses that reference */
} RcLoc;

/* The result of an integer operation on two values (value numbering): evaluating the same
 * operation on the same values again gives the same value, so repeated tests correlate. */
typedef struct {
  int op;
  int a, b;
  int sym;
} RcMemo;

/* A path event, for the numbered notes of a finding. Events form a persistent list shared by the
 * paths that forked after them. */
typedef enum {
  RC_EV_NEW, RC_EV_BORROW, RC_EV_INCREF, RC_EV_DECREF, RC_EV_STEAL, RC_EV_FAIL, RC_EV_STORE,
  RC_EV_PARENT_RELEASED
} RcEventKind;

typedef struct RcEvent {
  const struct RcEvent *prev;
  RcEventKind kind;
  unsigned uid;           /* the value it is about (0: none) */
  unsigned other_uid;     /* a related value (the parent) */
  const RcName *api;      /* the call involved */
  const RcExpr *expr;     /* the expression involved (for names) */
  unsigned line, col;
  int owned;              /* references owned after it */
} RcEvent;

typedef struct {
  int *vars;
  int nvars;
  RcSym *syms;
  int nsyms, sym_cap;
  RcLoc *locs;
  int nlocs, loc_cap;
  RcMemo *memo;           /* results of integer operations, so that `x & m` is one value */
  int nmemo, memo_cap;
  RcExcState exc;
  const RcExpr *exc_site; /* the call that set the exception (its name for messages, its site
                           * for one finding per ignored failure); ignored when states are
                           * compared */
  int failures;           /* failing calls taken on the path, counted only when the walk caps
                           * them (RcPathOptions.max_failures) */
  const RcEvent *events;
} RcState;

/* The name of the call that set the pending exception, or NULL. */
static inline const RcName *rc_state_exc_api(const RcState *s) {
  return s->exc_site != NULL && s->exc_site->kind == RC_EX_CALL ? s->exc_site->name : NULL;
}

RcState *rc_state_new(RcArena *arena, int nvars);
RcState *rc_state_copy(RcArena *arena, const RcState *s);

/* A new value; returns its index. `uid` comes from the caller's counter. */
int rc_state_new_ptr(RcArena *arena, RcState *s, RcNullness null, RcOrigin origin, unsigned uid);
int rc_state_new_int(RcArena *arena, RcState *s, int64_t lo, int64_t hi, unsigned uid);

/* The value at location (base, field), or -1. rc_state_set_loc binds it. */
int rc_state_get_loc(const RcState *s, int base, const RcName *field);
/* The location (base, field) itself, or NULL: for its flags (owes, took). */
RcLoc *rc_state_find_loc(RcState *s, int base, const RcName *field);
/* True when a variable holds `sym` (not only a location). */
bool rc_state_held_by_var(const RcState *s, int sym);
void rc_state_set_loc(RcArena *arena, RcState *s, int base, const RcName *field, int sym);
/* Forgets that the function stored the references the locations hold (RcLoc.took): of the
 * locations holding `sym`, or of all of them when sym is -1 (a function of the file or an
 * unknown one may have released or moved them). */
void rc_state_forget_took(RcState *s, int sym);
/* Forgets every location whose base is `base` (its fields may have changed). */
void rc_state_forget_fields(RcState *s, int base);

/* The memoised result of `op` on values a and b, or -1; rc_state_memo_set records it. */
int rc_state_memo_get(const RcState *s, int op, int a, int b);
void rc_state_memo_set(RcArena *arena, RcState *s, int op, int a, int b, int sym);

/* True when some variable or location refers to `sym`. */
bool rc_state_referenced(const RcState *s, int sym);

/* Appends an event to the path. */
void rc_state_event(RcArena *arena, RcState *s, RcEventKind kind, const RcSym *sym,
                    const RcName *api, const RcExpr *expr, unsigned line, unsigned col);

/* ---- transitions ---- */

/* The object gains a reference (Py_INCREF). */
RcRefError rc_state_incref(RcState *s, int sym);
/* The object loses one (Py_DECREF). `entry_point`: the function is called by Python, so releasing
 * a parameter is releasing a borrowed reference. Marks borrowed children invalid when the value
 * dies. */
RcRefError rc_state_decref(RcState *s, int sym, bool entry_point);
/* The same in a tp_dealloc: a reference borrowed from the object being destroyed (parameter 0) is
 * the object's own reference, released with it. */
RcRefError rc_state_decref_in_dealloc(RcState *s, int sym);
/* A call takes the reference; the value then lives in `container` (or -1). */
RcRefError rc_state_steal(RcState *s, int sym, int container, bool entry_point);
/* The value is stored somewhere the analysis does not follow: one owned reference goes with it. */
void rc_state_store(RcState *s, int sym);
/* Checks a use (a dereference or an argument): released, stolen-and-dead, NULL from a failure,
 * invalidated. `null_ok`: NULL is acceptable here. */
RcRefError rc_state_check_use(const RcState *s, int sym, bool null_ok);

/* ---- comparison ---- */

/* Drops values nothing refers to (they must not be owned: leaks are found before), renumbers the
 * rest in a canonical order. */
void rc_state_normalize(RcArena *arena, RcState *s);
/* Widens every integer to the full range (at loop heads). */
void rc_state_widen(RcState *s);
/* A byte string that is equal for equal states (after normalize); allocated in `arena`. */
size_t rc_state_key(RcArena *arena, const RcState *s, unsigned char **out);

#endif
