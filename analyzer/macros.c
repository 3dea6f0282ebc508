/* macros.c — the map of API macro invocations (see macros.h). */
#include "macros.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const RcName *name;
  unsigned begin, end;
  CXCursor cursor;  /* the MacroExpansion (valid while the translation unit is) */
} Spelled;

struct RcMacroMap {
  CXTranslationUnit tu;
  RcArena *arena;
  RcMacroUse *uses;
  int count, cap;
  Spelled *all;   /* every invocation in the main file, in order */
  int nall, all_cap;
  const RcMacroBodies *bodies; /* function-like macro bodies, for nested macros (not owned) */
};

typedef struct {
  CXTranslationUnit tu;
  RcIntern *intern;
  RcArena *arena;
  RcMacroFilter filter;
  void *ctx;
  RcMacroMap *map;
} Collect;

static unsigned offset_of(CXSourceLocation loc, unsigned *line, unsigned *col) {
  CXFile file;
  unsigned l, c, off;
  clang_getFileLocation(loc, &file, &l, &c, &off);
  if (line) *line = l;
  if (col) *col = c;
  return off;
}

/* Fills the argument ranges of a function-like invocation from its tokens. */
static void split_arguments(Collect *k, CXSourceRange extent, RcMacroUse *use) {
  CXToken *tokens = NULL;
  unsigned n = 0;
  clang_tokenize(k->tu, extent, &tokens, &n);
  if (n >= 2) {
    CXString open = clang_getTokenSpelling(k->tu, tokens[1]);
    use->function_like = strcmp(clang_getCString(open), "(") == 0;
    clang_disposeString(open);
  }
  if (use->function_like) {
    int depth = 0, cap = 0;
    unsigned arg_begin = 0, arg_end = 0;
    bool empty = true;
    for (unsigned i = 1; i < n; i++) {
      CXString s = clang_getTokenSpelling(k->tu, tokens[i]);
      const char *t = clang_getCString(s);
      CXSourceRange r = clang_getTokenExtent(k->tu, tokens[i]);
      unsigned tb = offset_of(clang_getRangeStart(r), NULL, NULL);
      unsigned te = offset_of(clang_getRangeEnd(r), NULL, NULL);
      bool open_p = strcmp(t, "(") == 0 || strcmp(t, "[") == 0 || strcmp(t, "{") == 0;
      bool close_p = strcmp(t, ")") == 0 || strcmp(t, "]") == 0 || strcmp(t, "}") == 0;
      bool comma = strcmp(t, ",") == 0;
      clang_disposeString(s);
      if (i == 1) { /* the opening parenthesis */
        depth = 1;
        continue;
      }
      if ((close_p && depth == 1) || (comma && depth == 1)) {
        if (!empty || comma || use->nargs > 0) {
          RcRange a = {arg_begin, arg_end};
          if (empty) a.begin = a.end = tb;
          RC_VEC_PUSH(k->arena, use->args, use->nargs, cap, a);
        }
        empty = true;
        if (close_p) break;
        continue;
      }
      if (open_p) depth++;
      if (close_p) depth--;
      if (empty) arg_begin = tb;
      arg_end = te;
      empty = false;
    }
  }
  clang_disposeTokens(k->tu, tokens, n);
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  Collect *k = data;
  if (clang_getCursorKind(c) != CXCursor_MacroExpansion) return CXChildVisit_Continue;
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
  CXString s = clang_getCursorSpelling(c);
  const RcName *name = rc_intern_cstr(k->intern, clang_getCString(s));
  clang_disposeString(s);
  CXSourceRange extent = clang_getCursorExtent(c);
  Spelled sp = {name, offset_of(clang_getRangeStart(extent), NULL, NULL),
                offset_of(clang_getRangeEnd(extent), NULL, NULL), c};
  RC_VEC_PUSH(k->arena, k->map->all, k->map->nall, k->map->all_cap, sp);
  int what = k->filter ? k->filter(k->ctx, name) : RC_MACRO_IGNORE;
  if (!(what & RC_MACRO_API)) return CXChildVisit_Continue;
  RcMacroUse use;
  memset(&use, 0, sizeof use);
  use.name = name;
  use.statement_ok = (what & RC_MACRO_STATEMENT) != 0;
  use.returns = (what & RC_MACRO_RETURNS) != 0;
  use.begin = offset_of(clang_getRangeStart(extent), &use.line, &use.col);
  use.end = offset_of(clang_getRangeEnd(extent), NULL, NULL);
  split_arguments(k, extent, &use);
  RC_VEC_PUSH(k->arena, k->map->uses, k->map->count, k->map->cap, use);
  return CXChildVisit_Continue;
}

static int by_begin(const void *a, const void *b) {
  const RcMacroUse *x = a, *y = b;
  if (x->begin != y->begin) return x->begin < y->begin ? -1 : 1;
  return x->end > y->end ? -1 : x->end < y->end; /* outer first */
}

int rc_macros_collect(CXTranslationUnit tu, RcIntern *intern, RcArena *arena, RcMacroFilter filter,
                      void *ctx, RcMacroMap **out) {
  RcMacroMap *map = RC_NEW(arena, RcMacroMap);
  map->tu = tu;
  map->arena = arena;
  Collect k = {tu, intern, arena, filter, ctx, map};
  clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, &k);
  if (map->count > 1) qsort(map->uses, (size_t)map->count, sizeof *map->uses, by_begin);
  *out = map;
  return 0;
}

const RcMacroUse *rc_macros_find(const RcMacroMap *map, unsigned begin, unsigned end,
                                 const RcMacroUse *skip) {
  if (map == NULL || map->count == 0) return NULL;
  /* the last entry whose begin <= begin */
  int lo = 0, hi = map->count - 1, last = -1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (map->uses[mid].begin <= begin) {
      last = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const RcMacroUse *best = NULL;
  for (int i = last; i >= 0; i--) {
    const RcMacroUse *u = &map->uses[i];
    if (u->end < begin && u->begin + 4096 < begin) break; /* far behind: nothing can contain us */
    if (u == skip || !(u->begin <= begin && end <= u->end)) continue;
    bool in_arg = false;
    for (int a = 0; a < u->nargs && !in_arg; a++)
      in_arg = u->args[a].begin <= begin && end <= u->args[a].end && u->args[a].end > u->args[a].begin;
    if (in_arg) continue;
    /* innermost wins: a use nested in another's argument starts later */
    if (best == NULL || u->begin > best->begin) best = u;
  }
  return best;
}

const RcName *rc_macros_spelled(const RcMacroMap *map, unsigned begin, unsigned end) {
  if (map == NULL) return NULL;
  int lo = 0, hi = map->nall - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    const Spelled *s = &map->all[mid];
    if (s->begin == begin) {
      int first = mid;
      while (first > 0 && map->all[first - 1].begin == begin) first--;
      for (int i = first; i < map->nall && map->all[i].begin == begin; i++)
        if (map->all[i].end == end) return map->all[i].name;
      /* None spans [begin, end) exactly. An empty range is an expression whose last token is an
       * argument of a macro nested in another's expansion (3.12+: `#define Py_True
       * _PyObject_CAST(&_Py_TrueStruct)` gives `&_Py_TrueStruct` the start of `Py_True` alone):
       * it belongs to the object-like macro written at `begin` (the one whose extent is its name),
       * which names it as it does in 3.11, where Py_True is `((PyObject *) &_Py_TrueStruct)`. */
      if (end <= begin)
        for (int i = first; i < map->nall && map->all[i].begin == begin; i++)
          if (map->all[i].end - begin == map->all[i].name->len) return map->all[i].name;
      return NULL;
    }
    if (s->begin < begin) lo = mid + 1;
    else hi = mid - 1;
  }
  return NULL;
}

int rc_macros_count(const RcMacroMap *map) { return map ? map->count : 0; }

/* ---- operators inside macro bodies ---------------------------------------------------------- */

static void token_text(CXTranslationUnit tu, CXToken t, char *buf, size_t size) {
  CXString s = clang_getTokenSpelling(tu, t);
  snprintf(buf, size, "%s", clang_getCString(s));
  clang_disposeString(s);
}

/* The innermost macro invocation whose text holds [begin, end), or NULL. */
static const Spelled *innermost(const RcMacroMap *map, unsigned begin, unsigned end) {
  const Spelled *best = NULL;
  for (int i = 0; i < map->nall; i++) {
    const Spelled *sp = &map->all[i];
    if (sp->begin <= begin && end <= sp->end && sp->begin < sp->end &&
        (best == NULL || sp->begin > best->begin || sp->end < best->end))
      best = sp;
  }
  return best;
}

/* The index of the first body token of a macro definition's tokens: after `name ( params )` for
 * a function-like macro, after `name` for an object-like one; `none` when the ")" is missing. */
static unsigned body_start(CXTranslationUnit tu, const CXToken *toks, unsigned n, bool function_like,
                           unsigned none) {
  if (!function_like) return 1;
  char t[64];
  for (unsigned i = 2; i < n; i++) {
    token_text(tu, toks[i], t, sizeof t);
    if (strcmp(t, ")") == 0) return i + 1;
  }
  return none;
}

int rc_macros_body_operators(const RcMacroMap *map, unsigned begin, unsigned end, RcRange operand,
                             bool operand_is_left, const char **out, int max) {
  if (map == NULL) return 0;
  /* the innermost invocation whose text holds the expression */
  const Spelled *best = innermost(map, begin, end);
  if (best == NULL) return 0;
  /* which argument the operand is */
  RcMacroUse use;
  memset(&use, 0, sizeof use);
  Collect k = {map->tu, NULL, map->arena, NULL, NULL, NULL};
  CXTranslationUnit tu = map->tu;
  CXSourceRange ext = clang_getCursorExtent(best->cursor);
  split_arguments(&k, ext, &use);
  int arg = -1;
  for (int a = 0; a < use.nargs; a++)
    if (use.args[a].begin <= operand.begin && operand.end <= use.args[a].end && operand.begin < operand.end)
      arg = a;
  if (arg < 0) return 0;
  /* the definition's parameters and body */
  CXCursor def = clang_getCursorReferenced(best->cursor);
  if (clang_Cursor_isNull(def) || !clang_Cursor_isMacroFunctionLike(def)) return 0;
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(def), &toks, &n);
  char param[128] = "", t[64];
  unsigned body = 0;
  int index = 0;
  for (unsigned i = 2; i < n; i++) { /* name ( p0 , p1 ... ) body */
    token_text(tu, toks[i], t, sizeof t);
    if (strcmp(t, ")") == 0) {
      body = i + 1;
      break;
    }
    if (strcmp(t, ",") == 0) {
      index++;
      continue;
    }
    if (index == arg) snprintf(param, sizeof param, "%s", t);
  }
  int found = 0;
  if (param[0] != '\0' && body > 0) {
    for (unsigned i = body; i < n; i++) {
      token_text(tu, toks[i], t, sizeof t);
      if (strcmp(t, param) != 0) continue;
      unsigned j = i;
      char op[64] = "";
      if (operand_is_left) { /* param ) ) op */
        for (j = i + 1; j < n; j++) {
          token_text(tu, toks[j], op, sizeof op);
          if (strcmp(op, ")") != 0) break;
        }
        if (j >= n) continue;
      } else { /* op ( ( param */
        if (i == 0) continue;
        for (j = i - 1; j > body; j--) {
          token_text(tu, toks[j], op, sizeof op);
          if (strcmp(op, "(") != 0) break;
        }
      }
      if (found < max) out[found++] = rc_arena_strdup(map->arena, op);
    }
  }
  clang_disposeTokens(tu, toks, n);
  return found;
}

int rc_macros_body_all_operators(const RcMacroMap *map, unsigned begin, unsigned end,
                                 const char **out, int max) {
  if (map == NULL) return 0;
  const Spelled *best = innermost(map, begin, end);
  if (best == NULL) return 0;
  CXTranslationUnit tu = map->tu;
  CXCursor def = clang_getCursorReferenced(best->cursor);
  if (clang_Cursor_isNull(def)) return 0;
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(def), &toks, &n);
  unsigned body = body_start(tu, toks, n, clang_Cursor_isMacroFunctionLike(def), 1);
  char t[64];
  int found = 0, depth = 0;
  for (unsigned i = body; i < n && found < max; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Punctuation) continue;
    token_text(tu, toks[i], t, sizeof t);
    if (strcmp(t, "(") == 0) depth++;
    else if (strcmp(t, ")") == 0) depth--;
    else if (strcmp(t, ",") == 0 && depth > 0) continue;
    else out[found++] = rc_arena_strdup(map->arena, t);
  }
  clang_disposeTokens(tu, toks, n);
  return found;
}

int rc_macros_body_operators_near(const RcMacroMap *map, unsigned begin, unsigned end,
                                  const char *ident, bool ident_is_left, const char **out, int max) {
  if (map == NULL || ident == NULL || ident[0] == '\0') return 0;
  const Spelled *best = innermost(map, begin, end);
  if (best == NULL) return 0;
  CXTranslationUnit tu = map->tu;
  CXCursor def = clang_getCursorReferenced(best->cursor);
  if (clang_Cursor_isNull(def)) return 0;
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(def), &toks, &n);
  unsigned body = body_start(tu, toks, n, clang_Cursor_isMacroFunctionLike(def), 1);
  char t[128], op[64];
  int found = 0;
  for (unsigned i = body; i < n && found < max; i++) {
    token_text(tu, toks[i], t, sizeof t);
    if (strcmp(t, ident) != 0) continue;
    if (ident_is_left) {
      unsigned j = i + 1;
      token_text(tu, toks[j < n ? j : i], op, sizeof op);
      if (j < n && strcmp(op, "(") == 0) { /* a call: f ( ... ) op */
        int depth = 0;
        for (; j < n; j++) {
          token_text(tu, toks[j], op, sizeof op);
          if (strcmp(op, "(") == 0) depth++;
          else if (strcmp(op, ")") == 0 && --depth == 0) break;
        }
        j++;
      }
      for (; j < n; j++) {
        token_text(tu, toks[j], op, sizeof op);
        if (strcmp(op, ")") != 0) break;
      }
      if (j < n) out[found++] = rc_arena_strdup(map->arena, op);
    } else if (i > body) {
      unsigned j = i - 1;
      for (; j > body; j--) {
        token_text(tu, toks[j], op, sizeof op);
        if (strcmp(op, "(") != 0) break;
      }
      token_text(tu, toks[j], op, sizeof op);
      out[found++] = rc_arena_strdup(map->arena, op);
    }
  }
  clang_disposeTokens(tu, toks, n);
  return found;
}

/* ---- bodies of function-like macros, for macros nested in macros -------------------------------- */

typedef struct {
  char *name;
  char **toks;  /* the body's tokens, as text */
  int ntoks;
} Body;

struct RcMacroBodies {
  Body *items;
  int n, cap;
};

static char *dup_text(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d == NULL) abort();
  memcpy(d, s, n);
  return d;
}

static enum CXChildVisitResult collect_body(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  RcMacroBodies *b = data;
  if (clang_getCursorKind(c) != CXCursor_MacroDefinition || !clang_Cursor_isMacroFunctionLike(c))
    return CXChildVisit_Continue;
  CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(c), &toks, &n);
  char t[128];
  unsigned body = body_start(tu, toks, n, true, n);
  if (body < n) {
    if (b->n == b->cap) {
      b->cap = b->cap ? 2 * b->cap : 256;
      b->items = realloc(b->items, (size_t)b->cap * sizeof *b->items);
      if (b->items == NULL) abort();
    }
    Body *e = &b->items[b->n++];
    CXString name = clang_getCursorSpelling(c);
    e->name = dup_text(clang_getCString(name));
    clang_disposeString(name);
    e->ntoks = (int)(n - body);
    e->toks = malloc((size_t)e->ntoks * sizeof *e->toks);
    if (e->toks == NULL) abort();
    for (unsigned i = body; i < n; i++) {
      token_text(tu, toks[i], t, sizeof t);
      e->toks[i - body] = dup_text(t);
    }
  }
  clang_disposeTokens(tu, toks, n);
  return CXChildVisit_Continue;
}

static int body_by_name(const void *a, const void *b) {
  return strcmp(((const Body *)a)->name, ((const Body *)b)->name);
}

RcMacroBodies *rc_macro_bodies_collect(CXTranslationUnit tu) {
  RcMacroBodies *b = calloc(1, sizeof *b);
  if (b == NULL) abort();
  clang_visitChildren(clang_getTranslationUnitCursor(tu), collect_body, b);
  if (b->n > 1) qsort(b->items, (size_t)b->n, sizeof *b->items, body_by_name);
  return b;
}

void rc_macro_bodies_free(RcMacroBodies *b) {
  if (b == NULL) return;
  for (int i = 0; i < b->n; i++) {
    for (int k = 0; k < b->items[i].ntoks; k++) free(b->items[i].toks[k]);
    free(b->items[i].toks);
    free(b->items[i].name);
  }
  free(b->items);
  free(b);
}

static const Body *find_body(const RcMacroBodies *b, const char *name) {
  if (b == NULL || b->n == 0) return NULL;
  Body key = {(char *)name, NULL, 0};
  return bsearch(&key, b->items, (size_t)b->n, sizeof *b->items, body_by_name);
}

void rc_macros_set_bodies(RcMacroMap *map, const RcMacroBodies *bodies) { map->bodies = bodies; }

static bool holds(char *const *t, int n, const char *ident) {
  for (int i = 0; i < n; i++)
    if (strcmp(t[i], ident) == 0) return true;
  return false;
}

/* The operators next to `ident` in t[0..n): after it (a call's parentheses and closing
 * parentheses skipped) when ident_is_left, before it (opening parentheses skipped) otherwise. */
static int near_in(RcArena *arena, char *const *t, int n, const char *ident, bool ident_is_left,
                   const char **out, int max) {
  int found = 0;
  for (int i = 0; i < n && found < max; i++) {
    if (strcmp(t[i], ident) != 0) continue;
    int j;
    if (ident_is_left) {
      j = i + 1;
      if (j < n && strcmp(t[j], "(") == 0)
        for (int depth = 0; j < n; j++) {
          if (strcmp(t[j], "(") == 0) depth++;
          else if (strcmp(t[j], ")") == 0 && --depth == 0) { j++; break; }
        }
      while (j < n && strcmp(t[j], ")") == 0) j++;
    } else {
      j = i - 1;
      while (j >= 0 && strcmp(t[j], "(") == 0) j--;
    }
    if (j >= 0 && j < n) out[found++] = rc_arena_strdup(arena, t[j]);
  }
  return found;
}

/* Searches the macros invoked in t[0..n) (an identifier followed by "(") for `ident`. */
static int nested_near(const RcMacroMap *map, char *const *t, int n, const char *ident, bool ident_is_left,
                       const char **out, int max, int depth) {
  for (int i = 0; i + 1 < n; i++) {
    if (strcmp(t[i + 1], "(") != 0 || !(t[i][0] == '_' || isalpha((unsigned char)t[i][0]))) continue;
    const Body *b = find_body(map->bodies, t[i]);
    if (b == NULL) continue;
    if (holds(b->toks, b->ntoks, ident))
      return near_in(map->arena, b->toks, b->ntoks, ident, ident_is_left, out, max);
    if (depth < 4) {
      int found = nested_near(map, b->toks, b->ntoks, ident, ident_is_left, out, max, depth + 1);
      if (found > 0) return found;
    }
  }
  return 0;
}

int rc_macros_nested_operators_near(const RcMacroMap *map, unsigned begin, unsigned end, const char *ident,
                                    bool ident_is_left, const char **out, int max) {
  if (map == NULL || ident == NULL || ident[0] == '\0') return 0;
  const Spelled *best = innermost(map, begin, end);
  if (best == NULL) return 0;
  CXCursor def = clang_getCursorReferenced(best->cursor);
  if (clang_Cursor_isNull(def)) return 0;
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(map->tu, clang_getCursorExtent(def), &toks, &n);
  char **text = rc_arena_alloc(map->arena, (n + 1) * sizeof *text);
  char t[128];
  unsigned body = body_start(map->tu, toks, n, clang_Cursor_isMacroFunctionLike(def), n);
  for (unsigned i = 0; i < n; i++) {
    token_text(map->tu, toks[i], t, sizeof t);
    text[i] = rc_arena_strdup(map->arena, t);
  }
  clang_disposeTokens(map->tu, toks, n);
  if (body > n) body = n;
  if (holds(text + body, (int)(n - body), ident)) return -1;
  if (map->bodies == NULL) return 0;
  return nested_near(map, text + body, (int)(n - body), ident, ident_is_left, out, max, 0);
}
