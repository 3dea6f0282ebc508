/* cfg.c — building and querying the CFG of a function (see cfg.h). */
#include "cfg.h"

#include <stdlib.h>
#include <string.h>

RcCfg *rc_cfg_new(RcArena *arena) {
  RcCfg *cfg = RC_NEW(arena, RcCfg);
  cfg->arena = arena;
  rc_cfg_add_block(cfg);
  return cfg;
}

int rc_cfg_add_block(RcCfg *cfg) {
  RcBlock *b = RC_NEW(cfg->arena, RcBlock);
  b->id = cfg->nblocks;
  b->succ[0] = b->succ[1] = -1;
  RC_VEC_PUSH(cfg->arena, cfg->blocks, cfg->nblocks, cfg->block_cap, b);
  return b->id;
}

void rc_cfg_append(RcCfg *cfg, int b, RcExpr *expr, unsigned line, unsigned col) {
  RcBlock *blk = cfg->blocks[b];
  RcStmt s = {expr, line, col};
  RC_VEC_PUSH(cfg->arena, blk->stmts, blk->nstmts, blk->cap, s);
}

void rc_cfg_set_goto(RcCfg *cfg, int b, int target) {
  RcBlock *blk = cfg->blocks[b];
  blk->term = RC_TERM_GOTO;
  blk->succ[0] = target;
}

void rc_cfg_set_branch(RcCfg *cfg, int b, RcExpr *cond, int if_true, int if_false, unsigned line,
                       unsigned col) {
  RcBlock *blk = cfg->blocks[b];
  blk->term = RC_TERM_BRANCH;
  blk->value = cond;
  blk->succ[0] = if_true;
  blk->succ[1] = if_false;
  blk->line = line;
  blk->col = col;
}

void rc_cfg_set_return(RcCfg *cfg, int b, RcExpr *value, bool implicit, unsigned line,
                       unsigned col) {
  RcBlock *blk = cfg->blocks[b];
  blk->term = RC_TERM_RETURN;
  blk->value = value;
  blk->implicit = implicit;
  blk->line = line;
  blk->col = col;
}

void rc_cfg_set_noreturn(RcCfg *cfg, int b) { cfg->blocks[b]->term = RC_TERM_NORETURN; }

void rc_cfg_add_case(RcCfg *cfg, int b, long long value, bool known, int target) {
  RcBlock *blk = cfg->blocks[b];
  RcSwitchCase c = {value, known, target};
  RC_VEC_PUSH(cfg->arena, blk->cases, blk->ncases, blk->case_cap, c);
}

int rc_cfg_add_var(RcCfg *cfg, const RcVar *var) {
  RC_VEC_PUSH(cfg->arena, cfg->vars, cfg->nvars, cfg->var_cap, *var);
  return cfg->nvars - 1;
}

RcExpr *rc_cfg_expr(RcCfg *cfg, RcExprKind kind, int nkids) {
  RcExpr *e = RC_NEW(cfg->arena, RcExpr);
  e->kind = kind;
  e->var = -1;
  e->nkids = nkids;
  if (nkids > 0) e->kids = RC_NEW_ARRAY(cfg->arena, RcExpr *, nkids);
  return e;
}

const RcCfg *rc_cfg_find(RcCfg *const *cfgs, int n, const RcName *name) {
  for (int i = 0; i < n && name != NULL; i++)
    if (cfgs[i] != NULL && cfgs[i]->name == name) return cfgs[i];
  return NULL;
}

int rc_cfg_param_var(const RcCfg *cfg, int index) {
  for (int i = 0; i < cfg->nvars; i++)
    if (cfg->vars[i].is_param && cfg->vars[i].param_index == index) return i;
  return -1;
}

int rc_cfg_succ_count(const RcCfg *cfg, int b) {
  const RcBlock *blk = cfg->blocks[b];
  switch (blk->term) {
  case RC_TERM_GOTO: return 1;
  case RC_TERM_BRANCH: return 2;
  case RC_TERM_SWITCH: return blk->ncases + 1;
  default: return 0;
  }
}

int rc_cfg_succ(const RcCfg *cfg, int b, int i) {
  const RcBlock *blk = cfg->blocks[b];
  if (blk->term == RC_TERM_SWITCH) return i < blk->ncases ? blk->cases[i].succ : blk->succ[0];
  return blk->succ[i];
}

/* Depth-first walk recording reachability; `on_stack` marks back edges' targets as loop heads. */
static void dfs(RcCfg *cfg, int b, char *seen, char *on_stack, bool mark) {
  int *stack = malloc(sizeof(int) * 2 * (size_t)(cfg->nblocks + 1));
  int sp = 0;
  if (stack == NULL) abort();
  /* iterative DFS: entries are (block, next successor index) */
  stack[sp++] = b;
  stack[sp++] = 0;
  seen[b] = 1;
  on_stack[b] = 1;
  while (sp > 0) {
    int blk = stack[sp - 2], i = stack[sp - 1];
    if (i < rc_cfg_succ_count(cfg, blk)) {
      stack[sp - 1] = i + 1;
      int s = rc_cfg_succ(cfg, blk, i);
      if (s < 0) continue;
      if (on_stack[s]) {
        if (mark) cfg->blocks[s]->loop_head = true;
      } else if (!seen[s]) {
        seen[s] = 1;
        on_stack[s] = 1;
        stack[sp++] = s;
        stack[sp++] = 0;
      }
    } else {
      on_stack[blk] = 0;
      sp -= 2;
    }
  }
  free(stack);
}

void rc_expr_walk_begin(RcExprWalk *w, const RcCfg *cfg) {
  w->cfg = cfg;
  w->block = 0;
  w->stmt = 0;
  w->sp = 0;
}

const RcExpr *rc_expr_walk_next(RcExprWalk *w) {
  while (w->sp == 0) {
    if (w->block >= w->cfg->nblocks) return NULL;
    const RcBlock *blk = w->cfg->blocks[w->block];
    /* statements 0 .. nstmts-1, then the terminator's value */
    const RcExpr *root = w->stmt < blk->nstmts ? blk->stmts[w->stmt].expr : blk->value;
    if (++w->stmt > blk->nstmts) {
      w->block++;
      w->stmt = 0;
    }
    if (root != NULL) w->stack[w->sp++] = root;
  }
  const RcExpr *e = w->stack[--w->sp];
  for (int k = 0; k < e->nkids && w->sp < RC_EXPR_WALK_DEPTH - 1; k++) w->stack[w->sp++] = e->kids[k];
  if (e->callee != NULL && w->sp < RC_EXPR_WALK_DEPTH - 1) w->stack[w->sp++] = e->callee;
  return e;
}

bool rc_cfg_reachable(const RcCfg *cfg, int b) {
  char *seen = calloc((size_t)cfg->nblocks, 1), *on_stack = calloc((size_t)cfg->nblocks, 1);
  if (seen == NULL || on_stack == NULL) abort();
  dfs((RcCfg *)cfg, 0, seen, on_stack, false);
  bool r = seen[b] != 0;
  free(seen);
  free(on_stack);
  return r;
}

void rc_cfg_mark_loops(RcCfg *cfg) {
  char *seen = calloc((size_t)cfg->nblocks, 1), *on_stack = calloc((size_t)cfg->nblocks, 1);
  if (seen == NULL || on_stack == NULL) abort();
  dfs(cfg, 0, seen, on_stack, true);
  free(seen);
  free(on_stack);
}

/* ---- rendering ---- */

static const char *op_text(RcBinOp op) {
  static const char *const text[] = {"?", "+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^",
                                     "<", ">", "<=", ">=", "==", "!=", "&&", "||"};
  return (unsigned)op < sizeof text / sizeof text[0] ? text[op] : "?";
}

typedef struct {
  char *buf;
  size_t size, used;
} Out;

static void put(Out *o, const char *s) {
  size_t n = strlen(s);
  if (o->used + 1 >= o->size) return;
  if (n > o->size - o->used - 1) n = o->size - o->used - 1;
  memcpy(o->buf + o->used, s, n);
  o->used += n;
  o->buf[o->used] = '\0';
}

static void render(const RcCfg *cfg, const RcExpr *e, Out *o) {
  char num[32];
  if (e == NULL) {
    put(o, "?");
    return;
  }
  if (e->spelled != NULL && e->kind != RC_EX_CALL) {
    put(o, e->spelled->text);
    return;
  }
  switch (e->kind) {
  case RC_EX_UNKNOWN: put(o, "<?>"); break;
  case RC_EX_INT: snprintf(num, sizeof num, "%lld", e->ival); put(o, num); break;
  case RC_EX_NULL: put(o, "NULL"); break;
  case RC_EX_STRING: put(o, "\""); put(o, e->text ? e->text : ""); put(o, "\""); break;
  case RC_EX_VAR: put(o, cfg->vars[e->var].name->text); break;
  case RC_EX_GLOBAL:
  case RC_EX_FUNC: put(o, e->name->text); break;
  case RC_EX_FIELD:
    render(cfg, e->kids[0], o);
    put(o, e->arrow ? "->" : ".");
    put(o, e->name->text);
    break;
  case RC_EX_INDEX:
    render(cfg, e->kids[0], o);
    put(o, "[");
    render(cfg, e->kids[1], o);
    put(o, "]");
    break;
  case RC_EX_DEREF: put(o, "*"); render(cfg, e->kids[0], o); break;
  case RC_EX_ADDR: put(o, "&"); render(cfg, e->kids[0], o); break;
  case RC_EX_NOT: put(o, "!"); render(cfg, e->kids[0], o); break;
  case RC_EX_NEG: put(o, "-"); render(cfg, e->kids[0], o); break;
  case RC_EX_BINARY:
    put(o, "(");
    render(cfg, e->kids[0], o);
    put(o, " ");
    put(o, op_text(e->op));
    put(o, " ");
    render(cfg, e->kids[1], o);
    put(o, ")");
    break;
  case RC_EX_ASSIGN:
    render(cfg, e->kids[0], o);
    put(o, " = ");
    render(cfg, e->kids[1], o);
    break;
  case RC_EX_CALL:
    if (e->name != NULL)
      put(o, e->name->text);
    else {
      put(o, "(");
      render(cfg, e->callee, o);
      put(o, ")");
    }
    put(o, "(");
    for (int i = 0; i < e->nkids; i++) {
      if (i > 0) put(o, ", ");
      render(cfg, e->kids[i], o);
    }
    put(o, ")");
    break;
  }
}

void rc_expr_render(const RcCfg *cfg, const RcExpr *e, char *buf, size_t size) {
  Out o = {buf, size, strlen(buf)};
  render(cfg, e, &o);
}

void rc_cfg_dump(const RcCfg *cfg, FILE *out) {
  char buf[512];
  fprintf(out, "function %s\n", cfg->name ? cfg->name->text : "?");
  for (int b = 0; b < cfg->nblocks; b++) {
    const RcBlock *blk = cfg->blocks[b];
    fprintf(out, "B%d%s:\n", b, blk->loop_head ? " (loop)" : "");
    for (int i = 0; i < blk->nstmts; i++) {
      buf[0] = '\0';
      rc_expr_render(cfg, blk->stmts[i].expr, buf, sizeof buf);
      fprintf(out, "  %u: %s\n", blk->stmts[i].line, buf);
    }
    buf[0] = '\0';
    switch (blk->term) {
    case RC_TERM_NONE: fprintf(out, "  (unterminated)\n"); break;
    case RC_TERM_GOTO: fprintf(out, "  goto B%d\n", blk->succ[0]); break;
    case RC_TERM_BRANCH:
      rc_expr_render(cfg, blk->value, buf, sizeof buf);
      fprintf(out, "  if %s -> B%d B%d\n", buf, blk->succ[0], blk->succ[1]);
      break;
    case RC_TERM_SWITCH:
      rc_expr_render(cfg, blk->value, buf, sizeof buf);
      fprintf(out, "  switch %s ->", buf);
      for (int i = 0; i < blk->ncases; i++)
        fprintf(out, " %lld:B%d", blk->cases[i].value, blk->cases[i].succ);
      fprintf(out, " default:B%d\n", blk->succ[0]);
      break;
    case RC_TERM_RETURN:
      if (blk->value) rc_expr_render(cfg, blk->value, buf, sizeof buf);
      fprintf(out, "  return %s%s\n", buf, blk->implicit ? " (implicit)" : "");
      break;
    case RC_TERM_NORETURN: fprintf(out, "  noreturn\n"); break;
    }
  }
}
