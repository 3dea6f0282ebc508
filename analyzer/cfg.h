/* cfg.h — the analyzer's own IR: a control-flow graph of small statements per function.
 *
 * lower.c builds it from libclang cursors (a "linearize" step, as in sparse); the path engine and
 * the checks read only this IR, never cursors. Control flow that C hides inside expressions — &&,
 * ||, ?:, the comma operator — is made explicit as blocks and branches; what remains in a
 * statement is a tree of RcExpr without control flow (calls, assignments, field accesses, ...).
 * API operations spelled as macros (Py_CLEAR, PyList_GET_ITEM) appear as RC_EX_CALL nodes named for
 * the macro with is_macro set, whatever they expand to in the headers in use.
 *
 * Ownership: every node, block and string of a CFG lives in the RcArena given to rc_cfg_new();
 * names are interned (RcName, compare with ==). Nothing is freed individually.
 *
 * Invariants:
 *   - Block 0 is the entry. Every block ends in exactly one terminator; RC_TERM_NONE appears only
 *     while a CFG is being built (a finished CFG has none).
 *   - Successor ids are valid block indexes. A function's fall-off-the-end is an explicit
 *     RC_TERM_RETURN with a NULL value and `implicit` set, located at the closing brace.
 *   - Locations (line, col) are 1-based positions in the main file where the construct is written
 *     (for code expanded from a macro: where the macro is invoked). */
#ifndef RC_CFG_H
#define RC_CFG_H

#include "arena.h"
#include "intern.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum {
  RC_OP_NONE,
  RC_OP_ADD, RC_OP_SUB, RC_OP_MUL, RC_OP_DIV, RC_OP_MOD,
  RC_OP_SHL, RC_OP_SHR, RC_OP_BITAND, RC_OP_BITOR, RC_OP_BITXOR,
  RC_OP_LT, RC_OP_GT, RC_OP_LE, RC_OP_GE, RC_OP_EQ, RC_OP_NE,
  RC_OP_LAND, RC_OP_LOR /* only where lowering could not split them (constant contexts) */
} RcBinOp;

typedef enum {
  RC_EX_UNKNOWN, /* a value we do not model; kids are still evaluated for their effects */
  RC_EX_INT,     /* integer constant `ival` */
  RC_EX_NULL,    /* a null pointer constant */
  RC_EX_STRING,  /* string literal, contents in `text` */
  RC_EX_VAR,     /* local variable or parameter `var` */
  RC_EX_GLOBAL,  /* object of static storage (file scope or static local) named `name` */
  RC_EX_FUNC,    /* a function designator named `name` */
  RC_EX_FIELD,   /* kids[0]->name (arrow) or kids[0].name */
  RC_EX_INDEX,   /* kids[0][kids[1]] */
  RC_EX_DEREF,   /* *kids[0] */
  RC_EX_ADDR,    /* &kids[0] */
  RC_EX_NOT,     /* !kids[0] */
  RC_EX_NEG,     /* -kids[0] (also ~) */
  RC_EX_BINARY,  /* kids[0] op kids[1] */
  RC_EX_ASSIGN,  /* kids[0] = kids[1] (value: the assigned value) */
  RC_EX_CALL     /* name(kids...) — `callee` holds the expression of an indirect call */
} RcExprKind;

typedef struct RcExpr RcExpr;
struct RcExpr {
  RcExprKind kind;
  RcBinOp op;             /* RC_EX_BINARY */
  bool is_obj;            /* its type is a pointer to a Python object (PyObject *, FooObject *) */
  bool is_ptr;            /* its type is a pointer */
  bool is_macro;          /* RC_EX_CALL recognised from a macro expansion */
  bool arrow;             /* RC_EX_FIELD: -> rather than . */
  bool record_in_file;    /* RC_EX_FIELD: the record is declared in the file itself, not a header */
  bool is_decl;           /* RC_EX_ASSIGN: the initialiser of a declaration */
  bool maybe_assign;      /* RC_EX_UNKNOWN: an operator we could not read that may assign its
                           * left operand (kids[0]) */
  int var;                /* RC_EX_VAR: index into RcCfg.vars */
  long long ival;         /* RC_EX_INT */
  const RcName *name;     /* GLOBAL, FUNC, FIELD (member), CALL (callee, NULL when indirect) */
  const char *text;       /* RC_EX_STRING contents; UNKNOWN: what it was (for debugging) */
  const RcName *type;     /* spelling of its C type ("Py_ssize_t *"), NULL when unknown */
  const RcName *ctype;    /* canonical spelling of its C type ("long *") */
  const RcName *spelled;  /* the macro it is written as (Py_None), for messages; or NULL */
  const RcName *record;   /* RC_EX_FIELD: the struct or union declaring the member (its canonical
                           * type's spelling), so that members of different types are told apart */
  RcExpr *callee;         /* RC_EX_CALL through a pointer: the callee expression */
  int nkids;
  RcExpr **kids;
  unsigned line, col;     /* where it starts */
};

typedef struct {
  RcExpr *expr;           /* evaluated for its effects */
  unsigned line, col;
} RcStmt;

typedef enum {
  RC_TERM_NONE,     /* under construction only */
  RC_TERM_GOTO,     /* succ[0] */
  RC_TERM_BRANCH,   /* on `value`: true -> succ[0], false -> succ[1] */
  RC_TERM_SWITCH,   /* on `value`: cases, else succ[0] (default, or the statement after) */
  RC_TERM_RETURN,   /* returns `value` (NULL: no value) */
  RC_TERM_NORETURN  /* the block ends in a call that never returns */
} RcTermKind;

typedef struct {
  long long value;
  bool known;             /* the label's value could be evaluated */
  int succ;
} RcSwitchCase;

typedef struct {
  int id;
  RcStmt *stmts;
  int nstmts, cap;
  RcTermKind term;
  RcExpr *value;          /* BRANCH condition, SWITCH operand, RETURN value */
  int succ[2];
  RcSwitchCase *cases;    /* RC_TERM_SWITCH */
  int ncases, case_cap;
  bool implicit;          /* RETURN: falling off the end of the function */
  bool loop_head;         /* a loop condition or the target of a backward edge */
  unsigned line, col;     /* the terminator's location */
} RcBlock;

typedef struct {
  const RcName *name;
  bool is_obj;            /* PyObject * or a pointer to an object struct */
  bool is_param;
  bool is_temp;           /* made by lowering (for ?: and && in value context) */
  bool addr_taken;        /* &var appears somewhere */
  int param_index;        /* is_param: 0-based */
  const RcName *type;     /* spelling of its type */
  unsigned line, col;
} RcVar;

typedef struct RcCfg {
  RcArena *arena;
  const RcName *name;     /* the function */
  const char *file;       /* the main file, as given */
  unsigned line, col;     /* of the function's name in its definition */
  unsigned end_line;      /* of its closing brace */
  bool returns_obj;       /* its result is a PyObject * (or pointer to an object struct) */
  bool returns_int;       /* its result is an integer type */
  bool returns_void;
  bool returns_ptr;       /* its result is a pointer (object or not: void * callbacks too) */
  bool is_static;
  RcVar *vars;
  int nvars, var_cap, nparams;
  RcBlock **blocks;
  int nblocks, block_cap;
} RcCfg;

/* ---- construction (lower.c) ---- */

/* A CFG with an empty entry block 0. */
RcCfg *rc_cfg_new(RcArena *arena);
/* A new empty block; returns its id. */
int rc_cfg_add_block(RcCfg *cfg);
/* Appends a statement to block `b` (which must not be terminated yet). */
void rc_cfg_append(RcCfg *cfg, int b, RcExpr *expr, unsigned line, unsigned col);
void rc_cfg_set_goto(RcCfg *cfg, int b, int target);
void rc_cfg_set_branch(RcCfg *cfg, int b, RcExpr *cond, int if_true, int if_false, unsigned line,
                       unsigned col);
void rc_cfg_set_return(RcCfg *cfg, int b, RcExpr *value, bool implicit, unsigned line,
                       unsigned col);
void rc_cfg_set_noreturn(RcCfg *cfg, int b);
void rc_cfg_add_case(RcCfg *cfg, int b, long long value, bool known, int target);
/* Adds a variable; returns its index. */
int rc_cfg_add_var(RcCfg *cfg, const RcVar *var);
/* A new expression node of `kind` with room for `nkids` kids. */
RcExpr *rc_cfg_expr(RcCfg *cfg, RcExprKind kind, int nkids);

/* ---- queries ---- */

/* The CFG named `name` among `cfgs` (NULL entries allowed), or NULL. */
const RcCfg *rc_cfg_find(RcCfg *const *cfgs, int n, const RcName *name);

/* The variable of parameter `index`, or -1. */
int rc_cfg_param_var(const RcCfg *cfg, int index);

/* Number of successors of block `b` and the i-th one (switch: cases first, then the default). */
int rc_cfg_succ_count(const RcCfg *cfg, int b);
int rc_cfg_succ(const RcCfg *cfg, int b, int i);
/* True when block `b` can be reached from the entry. */
bool rc_cfg_reachable(const RcCfg *cfg, int b);
/* Marks loop heads (targets of back edges in a depth-first walk from the entry). */
void rc_cfg_mark_loops(RcCfg *cfg);

/* A depth-first walk over every expression of a CFG: each statement's tree and each block's
 * terminator value, nodes before their kids, an indirect call's callee included. Checks that look
 * for a pattern anywhere in a function use it:
 *   RcExprWalk w; rc_expr_walk_begin(&w, cfg);
 *   for (const RcExpr *e; (e = rc_expr_walk_next(&w)) != NULL;) ...
 * Trees deeper than the stack are cut (never seen in real code: lowering keeps them shallow). */
#define RC_EXPR_WALK_DEPTH 256
typedef struct {
  const RcCfg *cfg;
  int block, stmt;
  int sp;
  const RcExpr *stack[RC_EXPR_WALK_DEPTH];
} RcExprWalk;
void rc_expr_walk_begin(RcExprWalk *w, const RcCfg *cfg);
/* The next expression, or NULL when the walk is over. */
const RcExpr *rc_expr_walk_next(RcExprWalk *w);

/* Writes a readable dump ("B0: 2 stmts; branch -> B1 B2") for tests and --dump-cfg. */
void rc_cfg_dump(const RcCfg *cfg, FILE *out);
/* Appends a one-line rendering of `e` to buf (C-like, for notes and dumps). */
void rc_expr_render(const RcCfg *cfg, const RcExpr *e, char *buf, size_t size);

#endif
