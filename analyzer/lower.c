/* lower.c — libclang cursors to the CFG IR (see lower.h).
 *
 * Statements are lowered into the "current block"; a statement that transfers control (return,
 * goto, break, continue) terminates it and opens a fresh, unreachable one, so that code after it
 * still has a home (a label may make it reachable). Conditions are lowered by lower_cond() into
 * branches, splitting && / || / ! / ?: so that the engine sees one test per branch.
 *
 * libclang 14 does not expose operator kinds, so operators are read from the tokens between the
 * operands (main-file code) or from the spelled text of a macro body (headers). */
#include "lower.h"

#include "frontend.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 400 };

typedef struct {
  CXCursor decl;
  int var;
} VarSlot;

typedef struct {
  const RcName *name;
  int block;
} LabelSlot;

typedef struct {
  const RcLowerEnv *env;
  RcCfg *cfg;
  RcArena *arena;
  int cur;                     /* block being filled */
  int brk, cont;               /* targets of break / continue, -1 outside loops */
  int sw;                      /* the switch block whose cases we are in, -1 outside */
  bool sw_has_default;
  VarSlot *vars;
  int nvars, var_cap;
  LabelSlot *labels;
  int nlabels, label_cap;
  const RcMacroUse *descending; /* a macro we lower as its expansion (not recognised again) */
  bool noreturn_seen;          /* a call that never returns was lowered in this statement */
  int depth;
  bool too_deep;
} Lower;

/* ---- cursor helpers ------------------------------------------------------------------------- */

typedef struct {
  CXCursor *items;
  int count, cap;
  RcArena *arena;
} Kids;

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  Kids *k = data;
  RC_VEC_PUSH(k->arena, k->items, k->count, k->cap, c);
  return CXChildVisit_Continue;
}

static Kids children(Lower *L, CXCursor c) {
  Kids k = {NULL, 0, 0, L->arena};
  clang_visitChildren(c, collect_kid, &k);
  return k;
}

/* The expression children only (skips TypeRef and friends). */
static Kids expr_children(Lower *L, CXCursor c) {
  Kids all = children(L, c), k = {NULL, 0, 0, L->arena};
  for (int i = 0; i < all.count; i++)
    if (clang_isExpression(clang_getCursorKind(all.items[i])))
      RC_VEC_PUSH(L->arena, k.items, k.count, k.cap, all.items[i]);
  return k;
}

static void file_range(CXCursor c, unsigned *begin, unsigned *end) {
  CXSourceRange r = clang_getCursorExtent(c);
  CXFile f;
  unsigned line, col;
  clang_getFileLocation(clang_getRangeStart(r), &f, &line, &col, begin);
  clang_getFileLocation(clang_getRangeEnd(r), &f, &line, &col, end);
}

static CXSourceRange file_extent(Lower *L, CXCursor c) {
  CXSourceRange r;
  rc_frontend_file_extent(L->env->tu, c, &r);
  return r;
}

static void cursor_loc(CXCursor c, unsigned *line, unsigned *col) {
  CXSourceRange r = clang_getCursorExtent(c);
  CXFile f;
  unsigned off;
  clang_getFileLocation(clang_getRangeStart(r), &f, line, col, &off);
}

static const RcName *spelling_name(Lower *L, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  const RcName *n = rc_intern_cstr(L->env->intern, clang_getCString(s));
  clang_disposeString(s);
  return n;
}

static const RcName *type_name(RcIntern *intern, CXType t) {
  CXString s = clang_getTypeSpelling(t);
  const RcName *n = rc_intern_cstr(intern, clang_getCString(s));
  clang_disposeString(s);
  return n;
}

static enum CXVisitorResult first_field(CXCursor c, CXClientData data) {
  *(CXCursor *)data = c;
  return CXVisit_Break;
}

enum { TYPE_KNOWN = 1, TYPE_OBJ = 2 };

bool rc_lower_type_is_obj(RcIntern *intern, CXType type) {
  CXType canon = clang_getCanonicalType(type);
  if (canon.kind != CXType_Pointer) return false;
  RcName *key = rc_intern_cstr(intern, "");
  {
    CXString s = clang_getTypeSpelling(canon);
    key = rc_intern_cstr(intern, clang_getCString(s));
    clang_disposeString(s);
  }
  if (key->aux & TYPE_KNOWN) return (key->aux & TYPE_OBJ) != 0;
  bool obj = false;
  CXType pointee = clang_getCanonicalType(clang_getPointeeType(canon));
  if (pointee.kind == CXType_Record) {
    CXCursor decl = clang_getTypeDeclaration(pointee);
    CXString s = clang_getCursorSpelling(decl);
    const char *name = clang_getCString(s);
    obj = strcmp(name, "_object") == 0 || strcmp(name, "struct _object") == 0;
    clang_disposeString(s);
    /* a struct whose first member is PyObject_HEAD (ob_base), or another object struct
     * (subtypes embed their base: struct { BaseObject base; ... }) */
    CXType rec = pointee;
    for (int depth = 0; depth < 6 && !obj; depth++) {
      CXCursor field = clang_getNullCursor();
      clang_Type_visitFields(rec, first_field, &field);
      if (clang_Cursor_isNull(field)) break;
      CXString fs = clang_getCursorSpelling(field);
      bool is_base = strcmp(clang_getCString(fs), "ob_base") == 0;
      clang_disposeString(fs);
      CXType ftype = clang_getCanonicalType(clang_getCursorType(field));
      if (ftype.kind != CXType_Record) break;
      CXString ts = clang_getCursorSpelling(clang_getTypeDeclaration(ftype));
      bool is_object = strcmp(clang_getCString(ts), "_object") == 0;
      clang_disposeString(ts);
      if (is_base || is_object) obj = true;
      rec = ftype;
    }
  }
  key->aux = TYPE_KNOWN | (obj ? TYPE_OBJ : 0);
  return obj;
}

static RcExpr *new_expr(Lower *L, RcExprKind kind, int nkids, CXCursor c) {
  RcExpr *e = rc_cfg_expr(L->cfg, kind, nkids);
  if (!clang_Cursor_isNull(c)) {
    cursor_loc(c, &e->line, &e->col);
    CXType t = clang_getCursorType(c);
    if (t.kind != CXType_Invalid) {
      CXType canon = clang_getCanonicalType(t);
      e->is_ptr = canon.kind == CXType_Pointer;
      e->is_obj = e->is_ptr && rc_lower_type_is_obj(L->env->intern, t);
      e->type = type_name(L->env->intern, t);
      e->ctype = type_name(L->env->intern, canon);
    }
    if (L->env->macros != NULL) {
      unsigned b, en;
      file_range(c, &b, &en);
      e->spelled = rc_macros_spelled(L->env->macros, b, en);
    }
  }
  return e;
}

/* ---- operators ------------------------------------------------------------------------------ */

typedef struct {
  const char *text;
  RcBinOp op;
  int assign; /* 1: plain =, 2: compound */
} OpText;

static const OpText binops[] = {
  {"<<=", RC_OP_SHL, 2}, {">>=", RC_OP_SHR, 2}, {"&&", RC_OP_LAND, 0}, {"||", RC_OP_LOR, 0},
  {"==", RC_OP_EQ, 0},   {"!=", RC_OP_NE, 0},   {"<=", RC_OP_LE, 0},   {">=", RC_OP_GE, 0},
  {"<<", RC_OP_SHL, 0},  {">>", RC_OP_SHR, 0},  {"+=", RC_OP_ADD, 2},  {"-=", RC_OP_SUB, 2},
  {"*=", RC_OP_MUL, 2},  {"/=", RC_OP_DIV, 2},  {"%=", RC_OP_MOD, 2},  {"&=", RC_OP_BITAND, 2},
  {"|=", RC_OP_BITOR, 2}, {"^=", RC_OP_BITXOR, 2}, {"<", RC_OP_LT, 0}, {">", RC_OP_GT, 0},
  {"+", RC_OP_ADD, 0},   {"-", RC_OP_SUB, 0},   {"*", RC_OP_MUL, 0},   {"/", RC_OP_DIV, 0},
  {"%", RC_OP_MOD, 0},   {"&", RC_OP_BITAND, 0}, {"|", RC_OP_BITOR, 0}, {"^", RC_OP_BITXOR, 0},
  {"=", RC_OP_NONE, 1},  {",", RC_OP_NONE, 3},
};

static const OpText *match_op(const char *s, size_t len) {
  for (size_t i = 0; i < sizeof binops / sizeof binops[0]; i++)
    if (strlen(binops[i].text) == len && memcmp(binops[i].text, s, len) == 0) return &binops[i];
  return NULL;
}

/* Reads the operator of a binary expression `c` with operands `lhs` and `rhs`. */
static const OpText *binop_of(Lower *L, CXCursor c, CXCursor lhs, CXCursor rhs) {
  unsigned cb, ce, lb, le, rb, re;
  file_range(c, &cb, &ce);
  file_range(lhs, &lb, &le);
  file_range(rhs, &rb, &re);
  const OpText *found = NULL;
  if (le < rb && le >= cb && rb <= ce) {
    /* main-file text between the operands */
    CXToken *tokens = NULL;
    unsigned n = 0;
    clang_tokenize(L->env->tu, file_extent(L, c), &tokens, &n);
    for (unsigned i = 0; i < n && found == NULL; i++) {
      CXSourceRange r = clang_getTokenExtent(L->env->tu, tokens[i]);
      CXFile f;
      unsigned line, col, off;
      clang_getFileLocation(clang_getRangeStart(r), &f, &line, &col, &off);
      if (off < le) continue;
      if (off >= rb) break;
      CXString s = clang_getTokenSpelling(L->env->tu, tokens[i]);
      const char *t = clang_getCString(s);
      found = match_op(t, strlen(t));
      clang_disposeString(s);
    }
    clang_disposeTokens(L->env->tu, tokens, n);
    if (found) return found;
  }
  /* Inside a macro body the operator is not in the main file, and libclang 14 gives no spelling
   * locations. When an operand is a macro argument, the definition's tokens next to that parameter
   * give candidates; the expression's type must then leave exactly one. Otherwise the operator
   * stays unknown (an unknown value, never a guess). */
  if (L->env->macros == NULL) return NULL;
  const char *cands[64];
  RcRange lr = {lb, le}, rr = {rb, re};
  int nc = rc_macros_body_operators(L->env->macros, cb, ce, lr, true, cands, 64);
  if (nc == 0) nc = rc_macros_body_operators(L->env->macros, cb, ce, rr, false, cands, 64);
  bool call_on_left = false; /* the left operand is a call, spelled in the body: f(...) op */
  for (int side = 0; side < 2 && nc == 0; side++) { /* an operand that names a variable */
    CXCursor o = side == 0 ? lhs : rhs;
    while (clang_getCursorKind(o) == CXCursor_UnexposedExpr || clang_getCursorKind(o) == CXCursor_ParenExpr) {
      Kids k = expr_children(L, o);
      if (k.count != 1) break;
      o = k.items[0];
    }
    if (side == 0 && clang_getCursorKind(o) == CXCursor_CallExpr) {
      CXCursor callee = clang_getCursorReferenced(o);
      if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl) continue;
      CXString name = clang_getCursorSpelling(callee);
      nc = rc_macros_body_operators_near(L->env->macros, cb, ce, clang_getCString(name), true, cands, 64);
      clang_disposeString(name);
      call_on_left = nc > 0;
      continue;
    }
    if (clang_getCursorKind(o) != CXCursor_DeclRefExpr) continue;
    CXString name = clang_getCursorSpelling(o);
    nc = rc_macros_body_operators_near(L->env->macros, cb, ce, clang_getCString(name), side == 0,
                                       cands, 64);
    /* not written in the body: a macro that body invokes wrote it (Py_CLEAR's _py_tmp) */
    if (nc == 0)
      nc = rc_macros_nested_operators_near(L->env->macros, cb, ce, clang_getCString(name), side == 0,
                                           cands, 64);
    if (nc < 0) nc = 0;
    clang_disposeString(name);
  }
  if (nc == 0) /* no operand is an argument: every operator of the body is a candidate */
    nc = rc_macros_body_all_operators(L->env->macros, cb, ce, cands, 64);
  CXType rt = clang_getCanonicalType(clang_getCursorType(c));
  CXType lt = clang_getCanonicalType(clang_getCursorType(lhs));
  bool ptr = lt.kind == CXType_Pointer;
  for (int i = 0; i < nc; i++) {
    const OpText *op = match_op(cands[i], strlen(cands[i]));
    if (op == NULL) continue;
    bool comparison = op->op >= RC_OP_LT && op->op <= RC_OP_LOR;
    bool keeps_type = op->assign == 1 || op->assign == 2 || op->op == RC_OP_ADD || op->op == RC_OP_SUB;
    if (ptr && rt.kind == CXType_Pointer && !keeps_type) continue;
    if (ptr && rt.kind != CXType_Pointer && !comparison) continue;
    /* integers: = and == look alike by type; do not guess, unless the operator was read right
     * after a call (`f(...) < 0`), which no assignment can follow */
    if (!ptr && !call_on_left) return NULL;
    if (!ptr && op->assign != 0) continue;
    if (found != NULL && found != op) return NULL; /* ambiguous */
    found = op;
  }
  return found;
}

typedef enum { U_UNKNOWN, U_ADDR, U_DEREF, U_NOT, U_NEG, U_PLUS, U_INCDEC } UnOp;

static UnOp unop_of(Lower *L, CXCursor c, CXCursor operand) {
  unsigned cb, ce, ob, oe;
  file_range(c, &cb, &ce);
  file_range(operand, &ob, &oe);
  if (cb < ob) { /* prefix, written in the main file: its first token */
    char tok[4] = "";
    CXToken *tokens = NULL;
    unsigned n = 0;
    clang_tokenize(L->env->tu, file_extent(L, c), &tokens, &n);
    if (n > 0) {
      CXString s = clang_getTokenSpelling(L->env->tu, tokens[0]);
      snprintf(tok, sizeof tok, "%s", clang_getCString(s));
      clang_disposeString(s);
    }
    clang_disposeTokens(L->env->tu, tokens, n);
    switch (tok[0]) {
    case '&': return U_ADDR;
    case '*': return U_DEREF;
    case '!': return U_NOT;
    case '~': return U_NEG;
    case '-': return tok[1] == '-' ? U_INCDEC : U_NEG;
    case '+': return tok[1] == '+' ? U_INCDEC : U_PLUS;
    default: return U_UNKNOWN;
    }
  }
  if (cb == ob && ce > oe) return U_INCDEC; /* postfix ++ / -- */
  /* Inside a macro body: tell what we can from the types, and nothing more. */
  CXType ct = clang_getCanonicalType(clang_getCursorType(c));
  CXType ot = clang_getCanonicalType(clang_getCursorType(operand));
  if (ct.kind == CXType_Pointer &&
      clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(ct)), ot))
    return U_ADDR;
  if (ot.kind == CXType_Pointer &&
      clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(ot)), ct))
    return U_DEREF;
  if (ot.kind == CXType_Pointer && ct.kind == CXType_Int) return U_NOT;
  return U_UNKNOWN;
}

/* ---- blocks ---------------------------------------------------------------------------------- */

static void emit(Lower *L, RcExpr *e, CXCursor at) {
  unsigned line, col;
  cursor_loc(at, &line, &col);
  rc_cfg_append(L->cfg, L->cur, e, line, col);
}

/* Ends the current block with a jump to `target` and continues in a fresh block. */
static void jump_and_open(Lower *L, int target) {
  rc_cfg_set_goto(L->cfg, L->cur, target);
  L->cur = rc_cfg_add_block(L->cfg);
}

/* Falls through from the current block into `target`, which becomes current. */
static void fall_into(Lower *L, int target) {
  if (L->cfg->blocks[L->cur]->term == RC_TERM_NONE) rc_cfg_set_goto(L->cfg, L->cur, target);
  L->cur = target;
}

static int label_block(Lower *L, const RcName *name) {
  for (int i = 0; i < L->nlabels; i++)
    if (L->labels[i].name == name) return L->labels[i].block;
  LabelSlot s = {name, rc_cfg_add_block(L->cfg)};
  RC_VEC_PUSH(L->arena, L->labels, L->nlabels, L->label_cap, s);
  return s.block;
}

static int find_var(Lower *L, CXCursor decl) {
  for (int i = 0; i < L->nvars; i++)
    if (clang_equalCursors(L->vars[i].decl, decl)) return L->vars[i].var;
  return -1;
}

static int add_var(Lower *L, CXCursor decl, bool is_param, int param_index) {
  RcVar v;
  memset(&v, 0, sizeof v);
  v.name = spelling_name(L, decl);
  CXType t = clang_getCursorType(decl);
  v.is_obj = rc_lower_type_is_obj(L->env->intern, t);
  v.type = type_name(L->env->intern, t);
  v.is_param = is_param;
  v.param_index = param_index;
  cursor_loc(decl, &v.line, &v.col);
  int idx = rc_cfg_add_var(L->cfg, &v);
  VarSlot s = {decl, idx};
  RC_VEC_PUSH(L->arena, L->vars, L->nvars, L->var_cap, s);
  return idx;
}

static int add_temp(Lower *L, bool is_obj) {
  RcVar v;
  memset(&v, 0, sizeof v);
  v.name = rc_intern_cstr(L->env->intern, "<tmp>");
  v.is_obj = is_obj;
  v.is_temp = true;
  return rc_cfg_add_var(L->cfg, &v);
}

static RcExpr *var_expr(Lower *L, int var, CXCursor at) {
  RcExpr *e = new_expr(L, RC_EX_VAR, 0, at);
  e->var = var;
  e->is_obj = L->cfg->vars[var].is_obj;
  return e;
}

/* ---- expressions ----------------------------------------------------------------------------- */

static RcExpr *lower_expr(Lower *L, CXCursor c);
static void lower_cond(Lower *L, CXCursor c, int if_true, int if_false);
static void lower_stmt(Lower *L, CXCursor c);

static RcExpr *unknown(Lower *L, CXCursor c, const char *what) {
  RcExpr *e = new_expr(L, RC_EX_UNKNOWN, 0, c);
  e->text = what;
  return e;
}

static bool eval_int(CXCursor c, long long *value) {
  CXEvalResult r = clang_Cursor_Evaluate(c);
  if (r == NULL) return false;
  bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
  if (ok) *value = clang_EvalResult_getAsLongLong(r);
  clang_EvalResult_dispose(r);
  return ok;
}

/* A floating constant whose value is a whole number that fits a long long (-1.0, 0.0). */
static bool eval_whole_float(CXCursor c, long long *value) {
  CXEvalResult r = clang_Cursor_Evaluate(c);
  if (r == NULL) return false;
  bool ok = clang_EvalResult_getKind(r) == CXEval_Float;
  double d = ok ? clang_EvalResult_getAsDouble(r) : 0.0;
  clang_EvalResult_dispose(r);
  if (!ok || !(d >= -9.0e15 && d <= 9.0e15) || d != (double)(long long)d) return false;
  *value = (long long)d;
  return true;
}

/* Whether the expression has a floating type (float, double, long double). */
static bool is_floating(CXCursor c) {
  enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(c)).kind;
  return k == CXType_Float || k == CXType_Double || k == CXType_LongDouble;
}

/* The contents of a string literal: its tokens (adjacent literals concatenated), unescaped. */
static const char *string_text(Lower *L, CXCursor c) {
  CXToken *tokens = NULL;
  unsigned n = 0;
  clang_tokenize(L->env->tu, file_extent(L, c), &tokens, &n);
  size_t cap = 64, len = 0;
  char *out = rc_arena_alloc(L->arena, cap);
  bool unreliable = false;
  for (unsigned i = 0; i < n; i++) {
    if (clang_getTokenKind(tokens[i]) == CXToken_Identifier) unreliable = true; /* a macro */
    if (clang_getTokenKind(tokens[i]) != CXToken_Literal) continue;
    CXString s = clang_getTokenSpelling(L->env->tu, tokens[i]);
    const char *t = clang_getCString(s);
    const char *q = strchr(t, '"');
    if (q != NULL) {
      for (q++; *q && *q != '"'; q++) {
        char ch = *q;
        if (ch == '\\' && q[1]) {
          q++;
          ch = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q == '0' ? '\0' : *q;
        }
        if (len + 2 > cap) {
          char *bigger = rc_arena_alloc(L->arena, cap * 2);
          memcpy(bigger, out, len);
          out = bigger;
          cap *= 2;
        }
        out[len++] = ch;
      }
    }
    clang_disposeString(s);
  }
  clang_disposeTokens(L->env->tu, tokens, n);
  out[len] = '\0';
  /* part of the text comes from a macro (_Py_PARSE_PID "i"): the contents are not known */
  return unreliable || n == 0 ? NULL : out;
}

/* Finds, below `c`, the first expression spelled exactly over `range` (a macro argument). */
typedef struct {
  RcRange range;
  CXCursor found;
} ArgSearch;

static enum CXChildVisitResult search_arg(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  ArgSearch *s = data;
  if (clang_isExpression(clang_getCursorKind(c))) {
    unsigned b, e;
    file_range(c, &b, &e);
    if (b == s->range.begin && e == s->range.end) {
      s->found = c;
      return CXChildVisit_Break;
    }
  }
  return CXChildVisit_Recurse;
}

/* An API macro invocation becomes one call named for the macro. */
static RcExpr *lower_macro(Lower *L, CXCursor c, const RcMacroUse *m);
static RcExpr *lower_macro(Lower *L, CXCursor c, const RcMacroUse *m) {
  RcExpr *e = new_expr(L, RC_EX_CALL, m->nargs, c);
  e->name = m->name;
  e->is_macro = true;
  e->line = m->line;
  e->col = m->col;
  for (int i = 0; i < m->nargs; i++) {
    ArgSearch s = {m->args[i], clang_getNullCursor()};
    clang_visitChildren(c, search_arg, &s);
    if (!clang_Cursor_isNull(s.found)) {
      e->kids[i] = lower_expr(L, s.found);
      continue;
    }
    /* An API macro used as the argument of another (PyList_SET_ITEM(l, i, PyTuple_GET_ITEM(t, j))):
     * its expansion has no cursor of its own in the file, but its arguments do. */
    const RcMacroUse *inner = rc_macros_find(L->env->macros, m->args[i].begin, m->args[i].end, m);
    const RcName *spelled = rc_macros_spelled(L->env->macros, m->args[i].begin, m->args[i].end);
    if (inner != NULL && inner != m && inner->begin == m->args[i].begin && inner->end == m->args[i].end) {
      e->kids[i] = lower_macro(L, c, inner);
    } else if (spelled != NULL) {
      /* an object macro as the argument (Py_INCREF(Py_None)): the object it names, with the
       * same identity as where it is written on its own (see RC_EX_ADDR in paths.c) */
      RcExpr *g = rc_cfg_expr(L->cfg, RC_EX_GLOBAL, 0);
      g->name = spelled;
      RcExpr *a = rc_cfg_expr(L->cfg, RC_EX_ADDR, 1);
      a->kids[0] = g;
      a->spelled = g->spelled = spelled;
      a->is_ptr = a->is_obj = true;
      a->line = e->line;
      a->col = e->col;
      e->kids[i] = a;
    } else {
      e->kids[i] = unknown(L, c, "macro argument");
    }
  }
  return e;
}

static const RcMacroUse *macro_at(Lower *L, CXCursor c) {
  if (L->env->macros == NULL) return NULL;
  unsigned b, e;
  file_range(c, &b, &e);
  const RcMacroUse *m = rc_macros_find(L->env->macros, b, e, L->descending);
  return m;
}

/* Lowers && / || / ?: in value context through branches into a temporary. */
static RcExpr *lower_via_branches(Lower *L, CXCursor c, bool conditional) {
  CXType t = clang_getCursorType(c);
  int tmp = add_temp(L, rc_lower_type_is_obj(L->env->intern, t));
  int join = rc_cfg_add_block(L->cfg);
  if (conditional) {
    Kids k = expr_children(L, c);
    if (k.count != 3) return unknown(L, c, "?:");
    int a = rc_cfg_add_block(L->cfg), b = rc_cfg_add_block(L->cfg);
    lower_cond(L, k.items[0], a, b);
    L->cur = a;
    RcExpr *as = new_expr(L, RC_EX_ASSIGN, 2, c);
    as->kids[0] = var_expr(L, tmp, c);
    as->kids[1] = lower_expr(L, k.items[1]);
    emit(L, as, k.items[1]);
    fall_into(L, join);
    L->cur = b;
    RcExpr *bs = new_expr(L, RC_EX_ASSIGN, 2, c);
    bs->kids[0] = var_expr(L, tmp, c);
    bs->kids[1] = lower_expr(L, k.items[2]);
    emit(L, bs, k.items[2]);
    fall_into(L, join);
  } else {
    int t_blk = rc_cfg_add_block(L->cfg), f_blk = rc_cfg_add_block(L->cfg);
    lower_cond(L, c, t_blk, f_blk);
    for (int i = 0; i < 2; i++) {
      L->cur = i == 0 ? t_blk : f_blk;
      RcExpr *as = new_expr(L, RC_EX_ASSIGN, 2, c);
      as->kids[0] = var_expr(L, tmp, c);
      as->kids[1] = new_expr(L, RC_EX_INT, 0, c);
      as->kids[1]->ival = i == 0;
      emit(L, as, c);
      fall_into(L, join);
    }
  }
  L->cur = join;
  return var_expr(L, tmp, c);
}

/* __builtin_expect(!!(x), 0) — LIKELY / UNLIKELY — is its first operand to the analysis, so that
 * `if (UNLIKELY(x == Py_None))` tests x. A `!!` written in a project macro's body lowers to two
 * unknown unary operators (their tokens are not the file's); a double negation keeps the truth of
 * its operand, so both are dropped. */
static RcExpr *branch_hint_operand(RcExpr *x) {
  if (x->kind == RC_EX_UNKNOWN && x->nkids == 1 && x->kids[0]->kind == RC_EX_UNKNOWN && x->kids[0]->nkids == 1)
    return x->kids[0]->kids[0];
  return x;
}

static RcExpr *lower_call(Lower *L, CXCursor c) {
  int nargs = clang_Cursor_getNumArguments(c);
  if (nargs < 0) nargs = 0;
  RcExpr *e = new_expr(L, RC_EX_CALL, nargs, c);
  CXCursor ref = clang_getCursorReferenced(c);
  Kids k = expr_children(L, c);
  if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
    e->name = spelling_name(L, ref);
    if (k.count > 0) {
      /* an object-like API macro spelling the callee (PyArg_ParseTuple -> _PyArg_ParseTuple_SizeT) */
      const RcMacroUse *m = macro_at(L, k.items[0]);
      if (m != NULL && !m->function_like) e->name = m->name;
    }
    CXString ts = clang_getTypeSpelling(clang_getCursorType(ref));
    bool noreturn = strstr(clang_getCString(ts), "noreturn") != NULL;
    clang_disposeString(ts);
    if (noreturn || (L->env->is_noreturn && L->env->is_noreturn(L->env->ctx, e->name)))
      L->noreturn_seen = true;
  } else if (k.count > 0) {
    e->callee = lower_expr(L, k.items[0]);
  }
  for (int i = 0; i < nargs; i++) e->kids[i] = lower_expr(L, clang_Cursor_getArgument(c, (unsigned)i));
  if (e->name != NULL && nargs == 2 && strcmp(e->name->text, "__builtin_expect") == 0)
    return branch_hint_operand(e->kids[0]);
  return e;
}

static RcExpr *lower_expr_inner(Lower *L, CXCursor c) {
  enum CXCursorKind kind = clang_getCursorKind(c);
  const RcMacroUse *m = macro_at(L, c);
  if (m != NULL) return lower_macro(L, c, m);

  switch (kind) {
  case CXCursor_UnexposedExpr:
  case CXCursor_ParenExpr:
  case CXCursor_CStyleCastExpr: {
    Kids k = expr_children(L, c);
    if (k.count == 1) {
      RcExpr *inner = lower_expr(L, k.items[0]);
      CXType t = clang_getCanonicalType(clang_getCursorType(c));
      if (t.kind == CXType_Pointer && inner->kind == RC_EX_INT && inner->ival == 0) {
        RcExpr *n = new_expr(L, RC_EX_NULL, 0, c);
        return n;
      }
      if (clang_getCursorKind(c) == CXCursor_CStyleCastExpr && t.kind != CXType_Pointer) {
        /* (Py_ssize_t)-1: the value has the cast's type (format checks read it) */
        inner->type = type_name(L->env->intern, clang_getCursorType(c));
        inner->ctype = type_name(L->env->intern, t);
      }
      if (t.kind == CXType_Pointer && inner->kind != RC_EX_INT) {
        /* a cast between object pointer types keeps the value; retype it */
        inner->is_ptr = true;
        if (rc_lower_type_is_obj(L->env->intern, clang_getCursorType(c))) inner->is_obj = true;
      }
      return inner;
    }
    long long v;
    if (k.count == 0 && eval_int(c, &v)) {
      RcExpr *e = new_expr(L, RC_EX_INT, 0, c);
      e->ival = v;
      return e;
    }
    RcExpr *e = new_expr(L, RC_EX_UNKNOWN, k.count, c);
    for (int i = 0; i < k.count; i++) e->kids[i] = lower_expr(L, k.items[i]);
    return e;
  }
  case CXCursor_IntegerLiteral:
  case CXCursor_CharacterLiteral:
  case CXCursor_UnaryExpr: {
    long long v;
    if (eval_int(c, &v)) {
      RcExpr *e = new_expr(L, RC_EX_INT, 0, c);
      e->ival = v;
      return e;
    }
    return unknown(L, c, "constant");
  }
  case CXCursor_FloatingLiteral: {
    /* A whole-valued floating constant (`-1.0` of `d == -1.0 && PyErr_Occurred()`) compares as
     * the integer it equals; floating arithmetic is kept out of the intervals (below). */
    long long v;
    if (eval_whole_float(c, &v)) {
      RcExpr *e = new_expr(L, RC_EX_INT, 0, c);
      e->ival = v;
      return e;
    }
    return unknown(L, c, "constant");
  }
  case CXCursor_StringLiteral: {
    RcExpr *e = new_expr(L, RC_EX_STRING, 0, c);
    e->text = string_text(L, c);
    return e;
  }
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) {
      int var = find_var(L, ref);
      if (var >= 0) return var_expr(L, var, c);
      RcExpr *e = new_expr(L, RC_EX_GLOBAL, 0, c);
      e->name = spelling_name(L, ref);
      return e;
    }
    if (rk == CXCursor_FunctionDecl) {
      RcExpr *e = new_expr(L, RC_EX_FUNC, 0, c);
      e->name = spelling_name(L, ref);
      return e;
    }
    if (rk == CXCursor_EnumConstantDecl) {
      RcExpr *e = new_expr(L, RC_EX_INT, 0, c);
      e->ival = clang_getEnumConstantDeclValue(ref);
      return e;
    }
    return unknown(L, c, "declref");
  }
  case CXCursor_MemberRefExpr: {
    Kids k = expr_children(L, c);
    RcExpr *e = new_expr(L, RC_EX_FIELD, 1, c);
    e->name = spelling_name(L, c);
    CXCursor record = clang_getCursorSemanticParent(clang_getCursorReferenced(c));
    if (!clang_Cursor_isNull(record) && !clang_isInvalid(clang_getCursorKind(record))) {
      e->record = type_name(L->env->intern, clang_getCanonicalType(clang_getCursorType(record)));
      e->record_in_file = clang_Location_isFromMainFile(clang_getCursorLocation(record)) != 0;
    }
    if (k.count >= 1) {
      e->kids[0] = lower_expr(L, k.items[0]);
      e->arrow = clang_getCanonicalType(clang_getCursorType(k.items[0])).kind == CXType_Pointer;
    } else {
      e->kids[0] = unknown(L, c, "member base");
    }
    return e;
  }
  case CXCursor_ArraySubscriptExpr: {
    Kids k = expr_children(L, c);
    if (k.count != 2) return unknown(L, c, "subscript");
    RcExpr *e = new_expr(L, RC_EX_INDEX, 2, c);
    e->kids[0] = lower_expr(L, k.items[0]);
    e->kids[1] = lower_expr(L, k.items[1]);
    return e;
  }
  case CXCursor_CallExpr: return lower_call(L, c);
  case CXCursor_UnaryOperator: {
    Kids k = expr_children(L, c);
    if (k.count != 1) return unknown(L, c, "unary");
    UnOp op = unop_of(L, c, k.items[0]);
    RcExpr *sub = lower_expr(L, k.items[0]);
    RcExpr *e;
    switch (op) {
    case U_ADDR:
      e = new_expr(L, RC_EX_ADDR, 1, c);
      if (sub->kind == RC_EX_VAR) L->cfg->vars[sub->var].addr_taken = true;
      break;
    case U_DEREF: e = new_expr(L, RC_EX_DEREF, 1, c); break;
    case U_NOT:
      if (sub->kind == RC_EX_INT) {
        e = new_expr(L, RC_EX_INT, 0, c);
        e->ival = !sub->ival;
        return e;
      }
      e = new_expr(L, RC_EX_NOT, 1, c);
      break;
    case U_NEG:
      if (sub->kind == RC_EX_INT) {
        e = new_expr(L, RC_EX_INT, 0, c);
        e->ival = -sub->ival;
        return e;
      }
      e = new_expr(L, RC_EX_NEG, 1, c);
      break;
    case U_PLUS: return sub;
    case U_INCDEC: {
      /* x++ / --x: x gets an unknown value of its type */
      e = new_expr(L, RC_EX_ASSIGN, 2, c);
      e->kids[0] = sub;
      e->kids[1] = unknown(L, c, "increment");
      return e;
    }
    default: e = new_expr(L, RC_EX_UNKNOWN, 1, c); break;
    }
    e->kids[0] = sub;
    return e;
  }
  case CXCursor_BinaryOperator:
  case CXCursor_CompoundAssignOperator: {
    Kids k = expr_children(L, c);
    if (k.count != 2) return unknown(L, c, "binary");
    const OpText *op = binop_of(L, c, k.items[0], k.items[1]);
    if (op != NULL && (op->op == RC_OP_LAND || op->op == RC_OP_LOR))
      return lower_via_branches(L, c, false);
    if (op != NULL && op->assign == 3) { /* comma */
      RcExpr *left = lower_expr(L, k.items[0]);
      emit(L, left, k.items[0]);
      return lower_expr(L, k.items[1]);
    }
    RcExpr *lhs = lower_expr(L, k.items[0]);
    RcExpr *rhs = lower_expr(L, k.items[1]);
    if (op == NULL) {
      RcExpr *e = new_expr(L, RC_EX_UNKNOWN, 2, c);
      e->kids[0] = lhs;
      e->kids[1] = rhs;
      e->text = "operator";
      /* same type as its left operand: it may be an assignment */
      e->maybe_assign = clang_equalTypes(clang_getCanonicalType(clang_getCursorType(c)),
                                         clang_getCanonicalType(clang_getCursorType(k.items[0])));
      return e;
    }
    if (op->assign == 1) {
      RcExpr *e = new_expr(L, RC_EX_ASSIGN, 2, c);
      e->kids[0] = lhs;
      e->kids[1] = rhs;
      return e;
    }
    RcExpr *b;
    if (op->op <= RC_OP_BITXOR && is_floating(c)) {
      /* integer intervals would truncate (`d / 2.0`): floating arithmetic is an unknown value */
      b = new_expr(L, RC_EX_UNKNOWN, 2, c);
      b->text = "floating arithmetic";
    } else {
      b = new_expr(L, RC_EX_BINARY, 2, c);
      b->op = op->op;
    }
    b->kids[0] = lhs;
    b->kids[1] = rhs;
    if (op->assign == 2) {
      RcExpr *e = new_expr(L, RC_EX_ASSIGN, 2, c);
      e->kids[0] = lhs;
      e->kids[1] = b;
      return e;
    }
    return b;
  }
  case CXCursor_ConditionalOperator: return lower_via_branches(L, c, true);
  case CXCursor_StmtExpr: {
    /* GNU ({ ... }) (glibc's assert, users' macros): its statements run in place, so a call that
     * never returns inside it (__assert_fail) ends the path; its value is its last expression. */
    Kids k = children(L, c);
    if (k.count != 1 || clang_getCursorKind(k.items[0]) != CXCursor_CompoundStmt)
      return unknown(L, c, "statement expression");
    Kids s = children(L, k.items[0]);
    for (int i = 0; i + 1 < s.count; i++) lower_stmt(L, s.items[i]);
    if (s.count == 0) return unknown(L, c, "statement expression");
    CXCursor last = s.items[s.count - 1];
    if (clang_isExpression(clang_getCursorKind(last))) return lower_expr(L, last);
    lower_stmt(L, last);
    return unknown(L, c, "statement expression");
  }
  default: {
    /* Anything else (init lists, compound literals, statement expressions, ...) is opaque; its
     * expression children are still evaluated so that what flows into it is seen. */
    Kids k = expr_children(L, c);
    RcExpr *e = new_expr(L, RC_EX_UNKNOWN, k.count, c);
    e->text = "opaque";
    for (int i = 0; i < k.count; i++) e->kids[i] = lower_expr(L, k.items[i]);
    return e;
  }
  }
}

static RcExpr *lower_expr(Lower *L, CXCursor c) {
  if (++L->depth > MAX_DEPTH) {
    L->too_deep = true;
    L->depth--;
    return unknown(L, c, "too deep");
  }
  RcExpr *e = lower_expr_inner(L, c);
  L->depth--;
  return e;
}

/* Strips parentheses and implicit casts that do not change a condition's meaning. */
static CXCursor strip(Lower *L, CXCursor c) {
  for (;;) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr) return c;
    if (macro_at(L, c) != NULL) return c;
    Kids kids = expr_children(L, c);
    if (kids.count != 1) return c;
    c = kids.items[0];
  }
}

/* Lowers a condition: control goes to if_true or if_false; the current block is left terminated. */
static void lower_cond(Lower *L, CXCursor c, int if_true, int if_false) {
  if (++L->depth > MAX_DEPTH) {
    L->too_deep = true;
    L->depth--;
    rc_cfg_set_branch(L->cfg, L->cur, unknown(L, c, "too deep"), if_true, if_false, 0, 0);
    return;
  }
  c = strip(L, c);
  enum CXCursorKind kind = clang_getCursorKind(c);
  unsigned line, col;
  cursor_loc(c, &line, &col);
  if (macro_at(L, c) == NULL) {
    if (kind == CXCursor_BinaryOperator) {
      Kids k = expr_children(L, c);
      const OpText *op = k.count == 2 ? binop_of(L, c, k.items[0], k.items[1]) : NULL;
      if (op != NULL && (op->op == RC_OP_LAND || op->op == RC_OP_LOR)) {
        int mid = rc_cfg_add_block(L->cfg);
        if (op->op == RC_OP_LAND)
          lower_cond(L, k.items[0], mid, if_false);
        else
          lower_cond(L, k.items[0], if_true, mid);
        L->cur = mid;
        lower_cond(L, k.items[1], if_true, if_false);
        L->depth--;
        return;
      }
      if (op != NULL && op->assign == 3) {
        emit(L, lower_expr(L, k.items[0]), k.items[0]);
        lower_cond(L, k.items[1], if_true, if_false);
        L->depth--;
        return;
      }
    } else if (kind == CXCursor_UnaryOperator) {
      Kids k = expr_children(L, c);
      if (k.count == 1 && unop_of(L, c, k.items[0]) == U_NOT) {
        lower_cond(L, k.items[0], if_false, if_true);
        L->depth--;
        return;
      }
    } else if (kind == CXCursor_ConditionalOperator) {
      Kids k = expr_children(L, c);
      if (k.count == 3) {
        int a = rc_cfg_add_block(L->cfg), b = rc_cfg_add_block(L->cfg);
        lower_cond(L, k.items[0], a, b);
        L->cur = a;
        lower_cond(L, k.items[1], if_true, if_false);
        L->cur = b;
        lower_cond(L, k.items[2], if_true, if_false);
        L->depth--;
        return;
      }
    }
  }
  RcExpr *e = lower_expr(L, c);
  if (e->kind == RC_EX_INT)
    rc_cfg_set_goto(L->cfg, L->cur, e->ival ? if_true : if_false);
  else
    rc_cfg_set_branch(L->cfg, L->cur, e, if_true, if_false, line, col);
  L->depth--;
}

/* ---- statements ------------------------------------------------------------------------------ */

static void lower_decl(Lower *L, CXCursor decl_stmt) {
  Kids k = children(L, decl_stmt);
  for (int i = 0; i < k.count; i++) {
    CXCursor d = k.items[i];
    if (clang_getCursorKind(d) != CXCursor_VarDecl) continue;
    if (clang_Cursor_getStorageClass(d) == CX_SC_Static || clang_Cursor_getStorageClass(d) == CX_SC_Extern)
      continue; /* static locals are globals: reached by name */
    int var = add_var(L, d, false, -1);
    Kids init = expr_children(L, d);
    if (init.count == 0) continue;
    RcExpr *as = new_expr(L, RC_EX_ASSIGN, 2, d);
    as->kids[0] = var_expr(L, var, d);
    as->kids[1] = lower_expr(L, init.items[init.count - 1]);
    as->is_decl = true;
    emit(L, as, d);
  }
}

static void end_statement(Lower *L) {
  if (L->noreturn_seen) {
    L->noreturn_seen = false;
    if (L->cfg->blocks[L->cur]->term == RC_TERM_NONE) {
      rc_cfg_set_noreturn(L->cfg, L->cur);
      L->cur = rc_cfg_add_block(L->cfg);
    }
  }
}

static void lower_if(Lower *L, CXCursor c) {
  Kids k = children(L, c);
  if (k.count < 2) return;
  int then_b = rc_cfg_add_block(L->cfg), after = rc_cfg_add_block(L->cfg);
  int else_b = k.count >= 3 ? rc_cfg_add_block(L->cfg) : after;
  lower_cond(L, k.items[0], then_b, else_b);
  L->cur = then_b;
  lower_stmt(L, k.items[1]);
  fall_into(L, after);
  if (k.count >= 3) {
    L->cur = else_b;
    lower_stmt(L, k.items[2]);
    fall_into(L, after);
  }
  L->cur = after;
}

static void lower_loop_body(Lower *L, CXCursor body, int brk, int cont) {
  int old_brk = L->brk, old_cont = L->cont;
  L->brk = brk;
  L->cont = cont;
  lower_stmt(L, body);
  L->brk = old_brk;
  L->cont = old_cont;
}

static void lower_while(Lower *L, CXCursor c) {
  Kids k = children(L, c);
  if (k.count < 2) return;
  int head = rc_cfg_add_block(L->cfg), body = rc_cfg_add_block(L->cfg),
      after = rc_cfg_add_block(L->cfg);
  fall_into(L, head);
  lower_cond(L, k.items[0], body, after);
  L->cur = body;
  lower_loop_body(L, k.items[1], after, head);
  fall_into(L, head);
  L->cur = after;
}

static void lower_do(Lower *L, CXCursor c) {
  Kids k = children(L, c);
  if (k.count < 2) return;
  int body = rc_cfg_add_block(L->cfg), cond = rc_cfg_add_block(L->cfg),
      after = rc_cfg_add_block(L->cfg);
  fall_into(L, body);
  lower_loop_body(L, k.items[0], after, cond);
  fall_into(L, cond);
  lower_cond(L, k.items[1], body, after);
  L->cur = after;
}


/* ---- pointers that always designate one lvalue ---------------------------------------------------- */

/* Py_CLEAR and Py_SETREF of 3.12+ go through a pointer to their argument,
 *   T *_tmp_op_ptr = &(op); T _tmp_old_op = *_tmp_op_ptr; ... *_tmp_op_ptr = NULL; Py_DECREF(_tmp_old_op);
 * and written inside a project's own macro they are lowered from that expansion. A local pointer
 * assigned once, from the address of a variable or of a field reached from a variable that is
 * never reassigned, designates that lvalue wherever it is dereferenced: each *p becomes the
 * lvalue itself, so that the release is the field's (or the variable's). */
static int writes_to(const RcCfg *cfg, int var, const RcExpr **only) {
  int n = 0;
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *e; (e = rc_expr_walk_next(&walk)) != NULL;) {
    bool assign = e->kind == RC_EX_ASSIGN || (e->kind == RC_EX_UNKNOWN && e->maybe_assign);
    if (assign && e->nkids > 0 && e->kids[0]->kind == RC_EX_VAR && e->kids[0]->var == var) {
      n++;
      if (only) *only = e;
    }
  }
  return n;
}

static bool fixed_lvalue(const RcCfg *cfg, const RcExpr *x) {
  if (x->kind == RC_EX_VAR) return true; /* &v designates v, whatever v holds */
  while (x->kind == RC_EX_FIELD && x->arrow == false) x = x->kids[0];
  if (x->kind != RC_EX_FIELD) return false;
  const RcExpr *base = x->kids[0];
  while (base->kind == RC_EX_FIELD) base = base->kids[0];
  if (base->kind != RC_EX_VAR || cfg->vars[base->var].addr_taken) return false;
  return writes_to(cfg, base->var, NULL) <= (cfg->vars[base->var].is_param ? 0 : 1);
}

static RcExpr *substitute(RcExpr *e, int ptr, RcExpr *lvalue) {
  if (e == NULL) return NULL;
  if (e->kind == RC_EX_DEREF && e->kids[0]->kind == RC_EX_VAR && e->kids[0]->var == ptr) return lvalue;
  for (int k = 0; k < e->nkids; k++) e->kids[k] = substitute(e->kids[k], ptr, lvalue);
  e->callee = substitute(e->callee, ptr, lvalue);
  return e;
}

static void resolve_lvalue_pointers(RcCfg *cfg) {
  for (int v = 0; v < cfg->nvars; v++) {
    const RcExpr *init = NULL;
    if (cfg->vars[v].is_param || cfg->vars[v].addr_taken || writes_to(cfg, v, &init) != 1) continue;
    if (init->kind != RC_EX_ASSIGN || init->kids[1]->kind != RC_EX_ADDR) continue;
    RcExpr *lvalue = init->kids[1]->kids[0];
    if (!fixed_lvalue(cfg, lvalue)) continue;
    for (int b = 0; b < cfg->nblocks; b++) {
      RcBlock *blk = cfg->blocks[b];
      for (int i = 0; i < blk->nstmts; i++) blk->stmts[i].expr = substitute(blk->stmts[i].expr, v, lvalue);
      blk->value = substitute(blk->value, v, lvalue);
    }
  }
}

/* for (init; cond; inc) body — libclang lists only the parts present; they are told apart by
 * where they start relative to the two semicolons of the header. */
static void lower_for(Lower *L, CXCursor c) {
  Kids k = children(L, c);
  if (k.count < 1) return;
  CXCursor body = k.items[k.count - 1];
  CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor(), inc = clang_getNullCursor();
  unsigned semis[2] = {0, 0};
  int nsemis = 0;
  CXToken *tokens = NULL;
  unsigned n = 0;
  clang_tokenize(L->env->tu, file_extent(L, c), &tokens, &n);
  int depth = 0;
  for (unsigned i = 0; i < n && nsemis < 2; i++) {
    CXString s = clang_getTokenSpelling(L->env->tu, tokens[i]);
    const char *t = clang_getCString(s);
    if (strcmp(t, "(") == 0) depth++;
    else if (strcmp(t, ")") == 0) depth--;
    else if (strcmp(t, ";") == 0 && depth == 1) {
      CXFile f;
      unsigned line, col;
      clang_getFileLocation(clang_getRangeStart(clang_getTokenExtent(L->env->tu, tokens[i])), &f,
                            &line, &col, &semis[nsemis++]);
    }
    clang_disposeString(s);
  }
  clang_disposeTokens(L->env->tu, tokens, n);
  for (int i = 0; i + 1 < k.count; i++) {
    unsigned b, e;
    file_range(k.items[i], &b, &e);
    if (nsemis == 2 && b < semis[0]) init = k.items[i];
    else if (nsemis == 2 && b < semis[1]) cond = k.items[i];
    else if (nsemis == 2) inc = k.items[i];
    else if (i == 0) init = k.items[i]; /* inside a macro: guess the order */
    else if (i == 1) cond = k.items[i];
    else inc = k.items[i];
  }
  if (!clang_Cursor_isNull(init)) {
    if (clang_getCursorKind(init) == CXCursor_DeclStmt)
      lower_decl(L, init);
    else
      emit(L, lower_expr(L, init), init);
  }
  int head = rc_cfg_add_block(L->cfg), body_b = rc_cfg_add_block(L->cfg),
      step = rc_cfg_add_block(L->cfg), after = rc_cfg_add_block(L->cfg);
  fall_into(L, head);
  if (!clang_Cursor_isNull(cond))
    lower_cond(L, cond, body_b, after);
  else
    rc_cfg_set_goto(L->cfg, head, body_b);
  L->cur = body_b;
  lower_loop_body(L, body, after, step);
  fall_into(L, step);
  if (!clang_Cursor_isNull(inc)) emit(L, lower_expr(L, inc), inc);
  fall_into(L, head);
  L->cur = after;
}

static void lower_switch(Lower *L, CXCursor c) {
  Kids k = children(L, c);
  if (k.count < 2) return;
  RcExpr *value = lower_expr(L, k.items[0]);
  int sw = L->cur, after = rc_cfg_add_block(L->cfg);
  RcBlock *blk = L->cfg->blocks[sw];
  blk->term = RC_TERM_SWITCH;
  blk->value = value;
  blk->succ[0] = after;
  cursor_loc(c, &blk->line, &blk->col);
  int old_sw = L->sw, old_brk = L->brk;
  bool old_default = L->sw_has_default;
  L->sw = sw;
  L->brk = after;
  L->sw_has_default = false;
  L->cur = rc_cfg_add_block(L->cfg); /* code before the first label is unreachable */
  lower_stmt(L, k.items[k.count - 1]);
  fall_into(L, after);
  L->sw = old_sw;
  L->brk = old_brk;
  L->sw_has_default = old_default;
  L->cur = after;
}

static void lower_case(Lower *L, CXCursor c, bool is_default) {
  Kids k = children(L, c);
  int target = rc_cfg_add_block(L->cfg);
  fall_into(L, target);
  if (L->sw >= 0) {
    if (is_default) {
      L->cfg->blocks[L->sw]->succ[0] = target;
    } else if (k.count >= 1) {
      long long v = 0;
      bool known = eval_int(k.items[0], &v);
      rc_cfg_add_case(L->cfg, L->sw, v, known, target);
    }
  }
  if (k.count >= 1) lower_stmt(L, k.items[k.count - 1]);
}

static void lower_stmt_inner(Lower *L, CXCursor c) {
  enum CXCursorKind kind = clang_getCursorKind(c);
  if (clang_isExpression(kind)) {
    RcExpr *e = lower_expr(L, c);
    emit(L, e, c);
    end_statement(L);
    return;
  }
  /* A statement spelled by an API macro (Py_CLEAR's do/while) is one call of the macro; one that
   * returns from the caller (Py_RETURN_NONE, Py_VISIT) is lowered as what it expands to. */
  const RcMacroUse *m = macro_at(L, c);
  if (m != NULL && m->statement_ok) {
    emit(L, lower_macro(L, c, m), c);
    return;
  }
  if (m != NULL && m->returns && kind == CXCursor_ReturnStmt) {
    unsigned line, col;
    cursor_loc(c, &line, &col);
    rc_cfg_set_return(L->cfg, L->cur, lower_macro(L, c, m), false, line, col);
    L->cur = rc_cfg_add_block(L->cfg);
    return;
  }
  const RcMacroUse *old_desc = L->descending;
  if (m != NULL) L->descending = m;
  switch (kind) {
  case CXCursor_CompoundStmt: {
    Kids k = children(L, c);
    for (int i = 0; i < k.count; i++) lower_stmt(L, k.items[i]);
    break;
  }
  case CXCursor_DeclStmt: lower_decl(L, c); end_statement(L); break;
  case CXCursor_IfStmt: lower_if(L, c); break;
  case CXCursor_WhileStmt: lower_while(L, c); break;
  case CXCursor_DoStmt: lower_do(L, c); break;
  case CXCursor_ForStmt: lower_for(L, c); break;
  case CXCursor_SwitchStmt: lower_switch(L, c); break;
  case CXCursor_CaseStmt: lower_case(L, c, false); break;
  case CXCursor_DefaultStmt: lower_case(L, c, true); break;
  case CXCursor_BreakStmt:
    if (L->brk >= 0) jump_and_open(L, L->brk);
    break;
  case CXCursor_ContinueStmt:
    if (L->cont >= 0) jump_and_open(L, L->cont);
    break;
  case CXCursor_ReturnStmt: {
    Kids k = expr_children(L, c);
    RcExpr *value = k.count > 0 ? lower_expr(L, k.items[0]) : NULL;
    unsigned line, col;
    cursor_loc(c, &line, &col);
    if (L->noreturn_seen) {
      end_statement(L);
      break;
    }
    rc_cfg_set_return(L->cfg, L->cur, value, false, line, col);
    L->cur = rc_cfg_add_block(L->cfg);
    break;
  }
  case CXCursor_GotoStmt: {
    Kids k = children(L, c);
    if (k.count >= 1) jump_and_open(L, label_block(L, spelling_name(L, k.items[0])));
    break;
  }
  case CXCursor_LabelStmt: {
    int b = label_block(L, spelling_name(L, c));
    fall_into(L, b);
    Kids k = children(L, c);
    if (k.count >= 1) lower_stmt(L, k.items[k.count - 1]);
    break;
  }
  case CXCursor_IndirectGotoStmt:
    /* goto *p: we cannot follow it; end the path quietly */
    rc_cfg_set_noreturn(L->cfg, L->cur);
    L->cur = rc_cfg_add_block(L->cfg);
    break;
  default: break; /* null statements, asm, ... */
  }
  L->descending = old_desc;
}

static void lower_stmt(Lower *L, CXCursor c) {
  if (++L->depth > MAX_DEPTH) {
    L->too_deep = true;
    L->depth--;
    return;
  }
  lower_stmt_inner(L, c);
  L->depth--;
}

int rc_lower_function(const RcLowerEnv *env, CXCursor fn, RcArena *arena, RcCfg **out,
                      const char **why) {
  Lower L;
  memset(&L, 0, sizeof L);
  L.env = env;
  L.arena = arena;
  L.cfg = rc_cfg_new(arena);
  L.brk = L.cont = L.sw = -1;
  L.cur = 0;
  RcCfg *cfg = L.cfg;
  cfg->name = spelling_name(&L, fn);
  {
    CXFile f;
    unsigned off;
    clang_getFileLocation(clang_getCursorLocation(fn), &f, &cfg->line, &cfg->col, &off);
    CXString fname = clang_getFileName(f);
    cfg->file = rc_arena_strdup(arena, clang_getCString(fname) ? clang_getCString(fname) : "");
    clang_disposeString(fname);
  }
  CXType rt = clang_getCursorResultType(fn);
  CXType rcanon = clang_getCanonicalType(rt);
  cfg->returns_obj = rc_lower_type_is_obj(env->intern, rt);
  cfg->returns_void = rcanon.kind == CXType_Void;
  cfg->returns_ptr = rcanon.kind == CXType_Pointer;
  cfg->returns_int = rcanon.kind >= CXType_Bool && rcanon.kind <= CXType_Int128 && !cfg->returns_obj;
  cfg->is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;

  int nparams = clang_Cursor_getNumArguments(fn);
  for (int i = 0; i < nparams; i++) add_var(&L, clang_Cursor_getArgument(fn, (unsigned)i), true, i);
  cfg->nparams = nparams > 0 ? nparams : 0;

  Kids k = children(&L, fn);
  CXCursor body = clang_getNullCursor();
  for (int i = 0; i < k.count; i++)
    if (clang_getCursorKind(k.items[i]) == CXCursor_CompoundStmt) body = k.items[i];
  if (!clang_Cursor_isNull(body)) lower_stmt(&L, body);
  if (cfg->blocks[L.cur]->term == RC_TERM_NONE) {
    CXSourceRange r = clang_getCursorExtent(body);
    CXFile f;
    unsigned line = 0, col = 0, off;
    clang_getFileLocation(clang_getRangeEnd(r), &f, &line, &col, &off);
    if (col > 1) col--; /* the closing brace itself */
    rc_cfg_set_return(cfg, L.cur, NULL, true, line, col);
    cfg->end_line = line;
  }
  /* Blocks left open (the unreachable tails after a jump) end as returns nobody reaches. */
  for (int b = 0; b < cfg->nblocks; b++)
    if (cfg->blocks[b]->term == RC_TERM_NONE) rc_cfg_set_noreturn(cfg, b);
  resolve_lvalue_pointers(cfg);
  rc_cfg_mark_loops(cfg);
  if (L.too_deep) {
    *why = "nesting too deep";
    return -1;
  }
  *out = cfg;
  return 0;
}
