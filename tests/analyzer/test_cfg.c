/* test_cfg.c — the CFG that lowering builds for each C control construct: if/else, switch with
 * fall-through, loops, goto, && / ||, ?:, do { } while (0), calls that never return. Each test
 * parses a small function (no Python headers needed) and checks blocks and edges. */
#include "../test.h"

#include "cfg.h"
#include "lower.h"

#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  CXIndex index;
  CXTranslationUnit tu;
  RcIntern *intern;
  RcArena *arena;
  RcCfg *cfg;
} Fixture;

static enum CXChildVisitResult find_fn(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
    CXString s = clang_getCursorSpelling(c);
    bool match = strcmp(clang_getCString(s), "f") == 0;
    clang_disposeString(s);
    if (match) {
      *(CXCursor *)data = c;
      return CXChildVisit_Break;
    }
  }
  return CXChildVisit_Continue;
}

/* Lowers function `f` of `src`. */
static int setup(Fixture *fx, const char *src) {
  memset(fx, 0, sizeof *fx);
  fx->index = clang_createIndex(0, 0);
  struct CXUnsavedFile file = {"case.c", src, (unsigned long)strlen(src)};
  const char *args[] = {"-std=c11"};
  if (clang_parseTranslationUnit2(fx->index, "case.c", args, 1, &file, 1,
                                  CXTranslationUnit_DetailedPreprocessingRecord, &fx->tu) != CXError_Success)
    return -1;
  CXCursor fn = clang_getNullCursor();
  clang_visitChildren(clang_getTranslationUnitCursor(fx->tu), find_fn, &fn);
  if (clang_Cursor_isNull(fn)) return -1;
  fx->intern = rc_intern_new();
  fx->arena = rc_arena_new();
  RcLowerEnv env = {fx->tu, fx->intern, NULL, NULL, NULL};
  const char *why = NULL;
  return rc_lower_function(&env, fn, fx->arena, &fx->cfg, &why);
}

static void teardown(Fixture *fx) {
  rc_arena_free(fx->arena);
  rc_intern_free(fx->intern);
  if (fx->tu) clang_disposeTranslationUnit(fx->tu);
  if (fx->index) clang_disposeIndex(fx->index);
}

/* Counts reachable blocks whose terminator is `term`. */
static int count_term(const RcCfg *cfg, RcTermKind term) {
  int n = 0;
  for (int b = 0; b < cfg->nblocks; b++)
    if (cfg->blocks[b]->term == term && rc_cfg_reachable(cfg, b)) n++;
  return n;
}

static int count_loop_heads(const RcCfg *cfg) {
  int n = 0;
  for (int b = 0; b < cfg->nblocks; b++) n += cfg->blocks[b]->loop_head && rc_cfg_reachable(cfg, b);
  return n;
}

/* Follows gotos from `b` to the first block that does something. */
static int skip_gotos(const RcCfg *cfg, int b) {
  for (int guard = 0; guard < 100 && cfg->blocks[b]->term == RC_TERM_GOTO && cfg->blocks[b]->nstmts == 0; guard++)
    b = cfg->blocks[b]->succ[0];
  return b;
}

/* The return blocks reachable from `b` with value constant `v`. */
static bool reaches_return_of(const RcCfg *cfg, int from, long long v) {
  char *seen = calloc((size_t)cfg->nblocks, 1);
  int *stack = malloc(sizeof(int) * (size_t)cfg->nblocks * 4 + 4), sp = 0;
  bool found = false;
  stack[sp++] = from;
  while (sp > 0 && !found) {
    int b = stack[--sp];
    if (seen[b]) continue;
    seen[b] = 1;
    const RcBlock *blk = cfg->blocks[b];
    if (blk->term == RC_TERM_RETURN && blk->value && blk->value->kind == RC_EX_INT && blk->value->ival == v)
      found = true;
    for (int i = 0; i < rc_cfg_succ_count(cfg, b); i++) stack[sp++] = rc_cfg_succ(cfg, b, i);
  }
  free(seen);
  free(stack);
  return found;
}

TEST(if_else_joins) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a) { int x; if (a) x = 1; else x = 2; return x; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(cfg->blocks[0]->term, RC_TERM_BRANCH);
  int t = skip_gotos(cfg, cfg->blocks[0]->succ[0]), e = skip_gotos(cfg, cfg->blocks[0]->succ[1]);
  CHECK(t != e);
  CHECK_EQ_INT(cfg->blocks[t]->nstmts, 1);
  CHECK_EQ_INT(cfg->blocks[e]->nstmts, 1);
  CHECK_EQ_INT(skip_gotos(cfg, cfg->blocks[t]->succ[0]), skip_gotos(cfg, cfg->blocks[e]->succ[0]));
  CHECK_EQ_INT(count_term(cfg, RC_TERM_RETURN), 1);
  teardown(&fx);
}

TEST(switch_falls_through) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a) { int x = 0; switch (a) { case 1: x = 1; case 2: x += 2; break;"
                     " default: x = 3; } return x; }") == 0);
  const RcCfg *cfg = fx.cfg;
  int sw = -1;
  for (int b = 0; b < cfg->nblocks; b++)
    if (cfg->blocks[b]->term == RC_TERM_SWITCH) sw = b;
  REQUIRE(sw >= 0);
  const RcBlock *s = cfg->blocks[sw];
  REQUIRE(s->ncases == 2);
  CHECK_EQ_INT(s->cases[0].value, 1);
  CHECK_EQ_INT(s->cases[1].value, 2);
  /* case 1 falls into case 2 */
  int c1 = s->cases[0].succ, c2 = s->cases[1].succ;
  CHECK_EQ_INT(cfg->blocks[c1]->term, RC_TERM_GOTO);
  CHECK_EQ_INT(skip_gotos(cfg, cfg->blocks[c1]->succ[0]), c2);
  /* the default is its own block, not the statement after the switch */
  CHECK(s->succ[0] != c1 && s->succ[0] != c2);
  CHECK_EQ_INT(cfg->blocks[s->succ[0]]->nstmts, 1);
  teardown(&fx);
}

TEST(switch_without_default_goes_after) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a) { switch (a) { case 1: return 1; } return 0; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(cfg->blocks[0]->term, RC_TERM_SWITCH);
  CHECK(reaches_return_of(cfg, cfg->blocks[0]->succ[0], 0));
  CHECK(!reaches_return_of(cfg, cfg->blocks[0]->succ[0], 1));
  teardown(&fx);
}

TEST(while_loop_has_back_edge) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int n) { int i = 0; while (i < n) { i++; } return i; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(count_loop_heads(cfg), 1);
  CHECK_EQ_INT(count_term(cfg, RC_TERM_BRANCH), 1);
  teardown(&fx);
}

TEST(for_loop_with_break_and_continue) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int n) { int s = 0; for (int i = 0; i < n; i++) { if (i == 3) continue;"
                     " if (i == 7) break; s += i; } return s; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(count_loop_heads(cfg), 1);
  CHECK_EQ_INT(count_term(cfg, RC_TERM_BRANCH), 3);
  CHECK_EQ_INT(count_term(cfg, RC_TERM_RETURN), 1);
  teardown(&fx);
}

TEST(for_ever_has_no_condition) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int n) { for (;;) { if (n) return 1; } }") == 0);
  CHECK_EQ_INT(count_loop_heads(fx.cfg), 1);
  CHECK_EQ_INT(count_term(fx.cfg, RC_TERM_BRANCH), 1);
  teardown(&fx);
}

TEST(goto_cleanup) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a, int b) { if (a) goto error; if (b) goto error; return 0;"
                     " error: return -1; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(count_term(cfg, RC_TERM_RETURN), 2);
  CHECK(reaches_return_of(cfg, cfg->blocks[0]->succ[0], -1));
  CHECK(!reaches_return_of(cfg, cfg->blocks[0]->succ[0], 0));
  CHECK_EQ_INT(count_loop_heads(cfg), 0);
  teardown(&fx);
}

TEST(and_or_short_circuit) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a, int b, int c) { if (a && (b || c)) return 1; return 0; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(count_term(cfg, RC_TERM_BRANCH), 3);
  /* a false: straight to return 0 */
  CHECK(!reaches_return_of(cfg, cfg->blocks[0]->succ[1], 1));
  /* a true, b true: return 1 without testing c */
  int b_test = skip_gotos(cfg, cfg->blocks[0]->succ[0]);
  CHECK_EQ_INT(cfg->blocks[b_test]->term, RC_TERM_BRANCH);
  int ret = skip_gotos(cfg, cfg->blocks[b_test]->succ[0]);
  CHECK_EQ_INT(cfg->blocks[ret]->term, RC_TERM_RETURN);
  teardown(&fx);
}

TEST(not_swaps_branches) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int *p) { if (!p) return 1; return 0; }") == 0);
  const RcCfg *cfg = fx.cfg;
  REQUIRE(cfg->blocks[0]->term == RC_TERM_BRANCH);
  CHECK_EQ_INT(cfg->blocks[0]->value->kind, RC_EX_VAR);
  CHECK(reaches_return_of(cfg, cfg->blocks[0]->succ[1], 1));
  teardown(&fx);
}

TEST(conditional_in_value_context) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a) { int x = a ? 1 : 2; return x; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(count_term(cfg, RC_TERM_BRANCH), 1);
  /* a temporary receives each arm */
  int temps = 0;
  for (int i = 0; i < cfg->nvars; i++) temps += cfg->vars[i].is_temp;
  CHECK_EQ_INT(temps, 1);
  teardown(&fx);
}

TEST(do_while_zero_is_straight) {
  Fixture fx;
  REQUIRE(setup(&fx, "#define TWICE(x) do { (x)++; (x)++; } while (0)\n"
                     "int f(int a) { TWICE(a); return a; }") == 0);
  const RcCfg *cfg = fx.cfg;
  CHECK_EQ_INT(count_loop_heads(cfg), 0);
  CHECK_EQ_INT(count_term(cfg, RC_TERM_BRANCH), 0);
  CHECK_EQ_INT(count_term(cfg, RC_TERM_RETURN), 1);
  teardown(&fx);
}

TEST(do_while_loops) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a) { do { a--; } while (a > 0); return a; }") == 0);
  CHECK_EQ_INT(count_loop_heads(fx.cfg), 1);
  CHECK_EQ_INT(count_term(fx.cfg, RC_TERM_BRANCH), 1);
  teardown(&fx);
}

TEST(noreturn_call_ends_the_block) {
  Fixture fx;
  REQUIRE(setup(&fx, "__attribute__((noreturn)) void die(void);\n"
                     "int f(int a) { if (a) die(); return 0; }") == 0);
  CHECK_EQ_INT(count_term(fx.cfg, RC_TERM_NORETURN), 1);
  CHECK_EQ_INT(count_term(fx.cfg, RC_TERM_RETURN), 1);
  teardown(&fx);
}

TEST(void_function_returns_at_closing_brace) {
  Fixture fx;
  REQUIRE(setup(&fx, "void f(int *p) {\n  *p = 1;\n}\n") == 0);
  int r = -1;
  for (int b = 0; b < fx.cfg->nblocks; b++)
    if (fx.cfg->blocks[b]->term == RC_TERM_RETURN && rc_cfg_reachable(fx.cfg, b)) r = b;
  REQUIRE(r >= 0);
  CHECK(fx.cfg->blocks[r]->implicit);
  CHECK_EQ_INT(fx.cfg->blocks[r]->line, 3);
  teardown(&fx);
}

TEST(comma_sequences) {
  Fixture fx;
  REQUIRE(setup(&fx, "int g(int); int f(int a) { return g(a), g(a + 1); }") == 0);
  CHECK_EQ_INT(fx.cfg->blocks[0]->nstmts, 1);
  CHECK_EQ_INT(fx.cfg->blocks[0]->term, RC_TERM_RETURN);
  CHECK_EQ_INT(fx.cfg->blocks[0]->value->kind, RC_EX_CALL);
  teardown(&fx);
}

TEST(operators_are_read) {
  Fixture fx;
  REQUIRE(setup(&fx, "int f(int a, int *p) { if (a != -1 && p == 0) return a <= 2; return *p; }") == 0);
  const RcExpr *c = fx.cfg->blocks[0]->value;
  REQUIRE(c->kind == RC_EX_BINARY);
  CHECK_EQ_INT(c->op, RC_OP_NE);
  CHECK_EQ_INT(c->kids[1]->kind, RC_EX_INT);
  CHECK_EQ_INT(c->kids[1]->ival, -1);
  int second = skip_gotos(fx.cfg, fx.cfg->blocks[0]->succ[0]);
  const RcExpr *d = fx.cfg->blocks[second]->value;
  REQUIRE(d->kind == RC_EX_BINARY);
  CHECK_EQ_INT(d->op, RC_OP_EQ);
  CHECK_EQ_INT(d->kids[1]->kind, RC_EX_NULL);
  teardown(&fx);
}

int main(void) {
  RUN(if_else_joins);
  RUN(switch_falls_through);
  RUN(switch_without_default_goes_after);
  RUN(while_loop_has_back_edge);
  RUN(for_loop_with_break_and_continue);
  RUN(for_ever_has_no_condition);
  RUN(goto_cleanup);
  RUN(and_or_short_circuit);
  RUN(not_swaps_branches);
  RUN(conditional_in_value_context);
  RUN(do_while_zero_is_straight);
  RUN(do_while_loops);
  RUN(noreturn_call_ends_the_block);
  RUN(void_function_returns_at_closing_brace);
  RUN(comma_sequences);
  RUN(operators_are_read);
  return TEST_SUMMARY();
}
