/* oracle_source.c — what the oracle needs to know from the snippet's text, found by a light scan.
 *
 * The oracle must name the snippet's static functions in a wrapper (they have no symbols), call
 * each with the right convention, and pick arguments; all of that is read here from the source,
 * without preprocessing: a small tokenizer skips comments (reading `oracle: call f(...)` directives
 * in them), string and character literals, and preprocessor lines (dropping `#if 0` blocks), and a
 * walk over the tokens at file scope finds
 *   - function definitions: name, return type, parameters, and the first PyArg_Parse* call in the
 *     body with its format string;
 *   - variables of type PyMethodDef (arrays), PyTypeObject, PyType_Spec and PyModuleDef with an
 *     initialiser.
 * Anything else is skipped. The scan cannot fail on odd code; a function hidden behind a macro is
 * simply not found (the compile step then drops what does not exist). */
#include "oracle.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum { TK_IDENT, TK_NUMBER, TK_STRING, TK_CHAR, TK_PUNCT } TokKind;

typedef struct {
  TokKind kind;
  const char *text;
  size_t len;
  int line;
} Tok;

typedef struct {
  Tok *toks;
  size_t n, cap;
  RcOracleSource *src;
  size_t fcap, vcap, dcap;   /* capacities of src's arrays */
  int oom;
} Scan;

static char *dup_n(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

static void *grow(void *array, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return array;
  size_t cap2 = *cap ? *cap * 2 : 16;
  while (cap2 < need) cap2 *= 2;
  void *p = realloc(array, cap2 * elem);
  if (p) *cap = cap2;
  return p;
}

static void push_tok(Scan *s, TokKind kind, const char *text, size_t len, int line) {
  Tok *t = grow(s->toks, &s->cap, s->n + 1, sizeof *t);
  if (t == NULL) {
    s->oom = 1;
    return;
  }
  s->toks = t;
  s->toks[s->n++] = (Tok){kind, text, len, line};
}

/* --- directives in comments ------------------------------------------------------------------- */

/* Reads every "oracle: call NAME(ARGS)" in the comment text [p, end). */
static void read_directives(Scan *s, const char *p, const char *end, int line) {
  RcOracleSource *src = s->src;
  for (const char *q = p; q < end; q++) {
    if (*q == '\n') line++;
    if (end - q < 7 || strncmp(q, "oracle:", 7) != 0) continue;
    const char *r = q + 7;
    while (r < end && isspace((unsigned char)*r)) r++;
    if (end - r < 4 || strncmp(r, "call", 4) != 0) continue;
    r += 4;
    while (r < end && isspace((unsigned char)*r)) r++;
    const char *name = r;
    /* a type's method or slot is named as the reports name it: "Bag.add", "Bag.tp_repr" */
    while (r < end && (isalnum((unsigned char)*r) || *r == '_' || (*r == '.' && r > name))) r++;
    size_t name_len = (size_t)(r - name);
    while (r < end && isspace((unsigned char)*r)) r++;
    if (name_len == 0 || r >= end || *r != '(') continue;
    const char *open = r;
    int depth = 0;
    char quote = 0;
    for (; r < end; r++) {
      if (quote) {
        if (*r == '\\' && r + 1 < end) r++;
        else if (*r == quote) quote = 0;
        continue;
      }
      if (*r == '"' || *r == '\'') quote = *r;
      else if (*r == '(' || *r == '[' || *r == '{') depth++;
      else if ((*r == ')' || *r == ']' || *r == '}') && --depth == 0) break;
    }
    if (r >= end) continue;
    /* the arguments as a tuple literal: "(a, b)" stays, "(a)" becomes "(a,)" */
    size_t inner = (size_t)(r - open - 1);
    const char *body = open + 1;
    while (inner > 0 && isspace((unsigned char)body[inner - 1])) inner--;
    char *literal = malloc(inner + 4);
    RcOracleDirective *d = grow(src->directives, &s->dcap, src->ndirectives + 1, sizeof *d);
    if (literal == NULL || d == NULL) {
      free(literal);
      s->oom = 1;
      return;
    }
    src->directives = d;
    int needs_comma = inner > 0 && body[inner - 1] != ',';
    snprintf(literal, inner + 4, "(%.*s%s)", (int)inner, body, needs_comma ? "," : "");
    d[src->ndirectives++] = (RcOracleDirective){dup_n(name, name_len), literal, line};
    q = r;
  }
}

/* --- the tokenizer --------------------------------------------------------------------------- */

/* Skips a preprocessor line from p (at '#'), continuation lines included; returns the end. */
static const char *skip_directive_line(const char *p, int *line) {
  while (*p && *p != '\n') {
    if (*p == '\\' && p[1] == '\n') {
      p += 2;
      (*line)++;
      continue;
    }
    if (p[0] == '/' && p[1] == '*') { /* a comment may span lines inside a directive */
      p += 2;
      while (*p && !(p[0] == '*' && p[1] == '/')) {
        if (*p == '\n') (*line)++;
        p++;
      }
      if (*p) p += 2;
      continue;
    }
    p++;
  }
  return p;
}

/* The directive word after '#': "if", "ifdef", "endif", ...; and whether it is "#if 0". */
static void directive_word(const char *p, char *word, size_t size, int *if_zero) {
  p++;
  while (*p == ' ' || *p == '\t') p++;
  size_t n = 0;
  while (isalpha((unsigned char)p[n]) && n + 1 < size) {
    word[n] = p[n];
    n++;
  }
  word[n] = '\0';
  const char *q = p + n;
  while (*q == ' ' || *q == '\t') q++;
  *if_zero = strcmp(word, "if") == 0 && q[0] == '0' && !isalnum((unsigned char)q[1]);
}

static void tokenize(Scan *s, const char *text) {
  const char *p = text;
  int line = 1, at_line_start = 1;
  int skipping = 0;          /* depth inside an #if 0 block (0: not skipping) */
  while (*p && !s->oom) {
    char c = *p;
    if (c == '\n') {
      line++;
      p++;
      at_line_start = 1;
      continue;
    }
    if (isspace((unsigned char)c)) {
      p++;
      continue;
    }
    if (c == '#' && at_line_start) {
      char word[16];
      int if_zero;
      directive_word(p, word, sizeof word, &if_zero);
      if (skipping) {
        if (strncmp(word, "if", 2) == 0) skipping++;
        else if (strcmp(word, "endif") == 0) skipping--;
        else if (skipping == 1 && (strcmp(word, "else") == 0 || strcmp(word, "elif") == 0)) skipping = 0;
      } else if (if_zero) {
        skipping = 1;
      }
      p = skip_directive_line(p, &line);
      continue;
    }
    at_line_start = 0;
    if (c == '/' && p[1] == '/') {
      const char *start = p;
      while (*p && *p != '\n') p++;
      if (!skipping) read_directives(s, start, p, line);
      continue;
    }
    if (c == '/' && p[1] == '*') {
      const char *start = p;
      int first = line;
      p += 2;
      while (*p && !(p[0] == '*' && p[1] == '/')) {
        if (*p == '\n') line++;
        p++;
      }
      if (*p) p += 2;
      if (!skipping) read_directives(s, start, p, first);
      continue;
    }
    if (skipping) { /* inside #if 0: only lines and directives matter */
      if (c == '"' || c == '\'') {
        p++;
        while (*p && *p != c && *p != '\n') p += (*p == '\\' && p[1]) ? 2 : 1;
        if (*p == c) p++;
      } else {
        p++;
      }
      continue;
    }
    const char *start = p;
    if (isalpha((unsigned char)c) || c == '_') {
      while (isalnum((unsigned char)*p) || *p == '_') p++;
      /* an encoding prefix of a string literal (L"..", u8"..") is part of the literal */
      if (*p == '"' && p - start <= 2) goto string;
      push_tok(s, TK_IDENT, start, (size_t)(p - start), line);
    } else if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)p[1]))) {
      while (isalnum((unsigned char)*p) || *p == '.' || *p == '_' ||
             ((*p == '+' || *p == '-') && (p[-1] == 'e' || p[-1] == 'E' || p[-1] == 'p' || p[-1] == 'P')))
        p++;
      push_tok(s, TK_NUMBER, start, (size_t)(p - start), line);
    } else if (c == '"' || c == '\'') {
    string:;
      char quote = *p++;
      while (*p && *p != quote && *p != '\n') p += (*p == '\\' && p[1]) ? 2 : 1;
      if (*p == quote) p++;
      push_tok(s, quote == '"' ? TK_STRING : TK_CHAR, start, (size_t)(p - start), line);
    } else {
      size_t n = 1;
      if ((c == '-' && p[1] == '>') || (c == ':' && p[1] == ':') || (c == '&' && p[1] == '&') ||
          (c == '|' && p[1] == '|') || (c == '=' && p[1] == '=') || (c == '!' && p[1] == '=') ||
          (c == '<' && p[1] == '=') || (c == '>' && p[1] == '=') || (c == '+' && p[1] == '+') ||
          (c == '-' && p[1] == '-'))
        n = 2;
      p += n;
      push_tok(s, TK_PUNCT, start, n, line);
    }
  }
}

/* --- the walk over file scope --------------------------------------------------------------- */

static int is(const Tok *t, const char *text) {
  return strlen(text) == t->len && strncmp(t->text, text, t->len) == 0;
}

/* Index of the token closing the bracket opened at i, or n when unbalanced. */
static size_t match(const Scan *s, size_t i) {
  const char *open = s->toks[i].text;
  char o = *open, c = o == '(' ? ')' : o == '[' ? ']' : '}';
  int depth = 0;
  for (size_t j = i; j < s->n; j++) {
    const Tok *t = &s->toks[j];
    if (t->kind != TK_PUNCT) continue;
    if (*t->text == o) depth++;
    else if (*t->text == c && --depth == 0) return j;
  }
  return s->n;
}

/* Joins tokens [a, b) as C spells a type: "PyObject *", "const char *", "PyObject *const *". */
static char *join_type(const Scan *s, size_t a, size_t b, size_t skip) {
  char buf[256];
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = a; i < b; i++) {
    if (i == skip) continue;
    const Tok *t = &s->toks[i];
    if (t->kind == TK_IDENT && (is(t, "static") || is(t, "inline") || is(t, "extern") ||
                                is(t, "Py_UNUSED") || is(t, "__inline") || is(t, "__inline__")))
      continue;
    if (t->kind == TK_PUNCT && (is(t, "(") || is(t, ")"))) continue;
    int star = is(t, "*");
    int space = n > 0 && !(star && buf[n - 1] == '*') && buf[n - 1] != '*';
    if (star && n > 0 && buf[n - 1] != ' ' && buf[n - 1] != '*') space = 1;
    if (n + t->len + 2 >= sizeof buf) break;
    if (space) buf[n++] = ' ';
    memcpy(buf + n, t->text, t->len);
    n += t->len;
    buf[n] = '\0';
  }
  if (strcmp(buf, "PyMODINIT_FUNC") == 0) return strdup("PyObject *");
  return strdup(buf);
}

/* The first PyArg_Parse* call in the body [a, b): its name and its format literal. */
static void find_parse_call(const Scan *s, size_t a, size_t b, RcOracleFunc *f) {
  for (size_t i = a; i + 1 < b; i++) {
    const Tok *t = &s->toks[i];
    if (t->kind != TK_IDENT || t->len < 11 || strncmp(t->text, "PyArg_Parse", 11) != 0) continue;
    if (!is(&s->toks[i + 1], "(")) continue;
    size_t close = match(s, i + 1);
    for (size_t j = i + 2; j < close && j < b; j++) {
      if (s->toks[j].kind != TK_STRING) continue;
      char fmt[512];
      size_t n = 0;
      for (; j < close && s->toks[j].kind == TK_STRING; j++) { /* adjacent literals join */
        const Tok *lit = &s->toks[j];
        for (size_t k = 1; k + 1 < lit->len && n + 1 < sizeof fmt; k++) fmt[n++] = lit->text[k];
      }
      fmt[n] = '\0';
      f->parse_api = dup_n(t->text, t->len);
      f->parse_format = strdup(fmt);
      return;
    }
  }
}

static int add_function(Scan *s, size_t decl_start, size_t name_i, size_t open, size_t close,
                        size_t body_open) {
  RcOracleSource *src = s->src;
  RcOracleFunc *funcs = grow(src->funcs, &s->fcap, src->nfuncs + 1, sizeof *funcs);
  if (funcs == NULL) return -1;
  src->funcs = funcs;
  RcOracleFunc *f = &funcs[src->nfuncs++];
  memset(f, 0, sizeof *f);
  const Tok *name = &s->toks[name_i];
  f->name = dup_n(name->text, name->len);
  f->line = name->line;
  for (size_t i = decl_start; i < name_i; i++)
    if (is(&s->toks[i], "static")) f->is_static = true;
  f->ret_type = join_type(s, decl_start, name_i, (size_t)-1);
  /* parameters, split at commas of depth 1 */
  size_t p = open + 1;
  int depth = 0;
  for (size_t i = open + 1; i <= close; i++) {
    const Tok *t = &s->toks[i];
    if (t->kind == TK_PUNCT && (is(t, "(") || is(t, "["))) depth++;
    if (t->kind == TK_PUNCT && (is(t, ")") || is(t, "]")) && i != close) depth--;
    if (!(i == close || (depth == 0 && is(t, ",")))) continue;
    if (i > p && f->nparams < RC_ORACLE_MAX_PARAMS) {
      size_t last = (size_t)-1; /* the parameter's name: its last identifier, if not alone */
      int idents = 0;
      for (size_t k = p; k < i; k++)
        if (s->toks[k].kind == TK_IDENT && !is(&s->toks[k], "const") && !is(&s->toks[k], "Py_UNUSED")) {
          idents++;
          last = k;
        }
      if (!(i - p == 1 && is(&s->toks[p], "void"))) {
        int named = idents >= 2 || (idents == 1 && last != p);
        if (!named) last = (size_t)-1;
        f->param_type[f->nparams] = join_type(s, p, i, last);
        f->param_name[f->nparams] = last == (size_t)-1 ? strdup("")
                                                       : dup_n(s->toks[last].text, s->toks[last].len);
        f->nparams++;
      }
    }
    p = i + 1;
  }
  size_t body_close = match(s, body_open);
  f->body_first_line = s->toks[body_open].line;
  f->body_last_line = body_close < s->n ? s->toks[body_close].line : f->body_first_line;
  find_parse_call(s, body_open, body_close, f);
  return f->name && f->ret_type ? 0 : -1;
}

static int add_var(Scan *s, const Tok *name, RcOracleVarKind kind) {
  RcOracleSource *src = s->src;
  RcOracleVar *vars = grow(src->vars, &s->vcap, src->nvars + 1, sizeof *vars);
  if (vars == NULL) return -1;
  src->vars = vars;
  vars[src->nvars++] = (RcOracleVar){dup_n(name->text, name->len), kind, name->line};
  return vars[src->nvars - 1].name ? 0 : -1;
}

static void walk(Scan *s) {
  size_t i = 0;
  while (i < s->n && !s->oom) {
    size_t start = i, eq = (size_t)-1;
    int depth = 0;
    for (; i < s->n; i++) {
      const Tok *t = &s->toks[i];
      if (t->kind != TK_PUNCT) continue;
      if (is(t, "(") || is(t, "[")) depth++;
      else if (is(t, ")") || is(t, "]")) depth--;
      else if (depth == 0 && is(t, "=") && eq == (size_t)-1) eq = i;
      else if (depth == 0 && (is(t, ";") || is(t, "{"))) break;
    }
    if (i >= s->n) break;
    if (is(&s->toks[i], ";")) {
      i++;
      continue;
    }
    size_t brace = i, close = match(s, brace);
    if (eq != (size_t)-1) {
      /* an initialised variable: its name is the identifier before '=' (and an array's []) */
      size_t k = eq;
      while (k > start && is(&s->toks[k - 1], "]")) {
        int d = 0;
        do {
          k--;
          if (is(&s->toks[k], "]")) d++;
          if (is(&s->toks[k], "[")) d--;
        } while (k > start && d > 0);
      }
      int kind = -1;
      for (size_t j = start; j < eq; j++) {
        if (is(&s->toks[j], "PyMethodDef")) kind = RC_ORACLE_VAR_METHODS;
        if (is(&s->toks[j], "PyTypeObject")) kind = RC_ORACLE_VAR_TYPE;
        if (is(&s->toks[j], "PyModuleDef")) kind = RC_ORACLE_VAR_MODULEDEF;
        if (is(&s->toks[j], "PyType_Spec")) kind = RC_ORACLE_VAR_SPEC;
      }
      if (kind >= 0 && k > start && s->toks[k - 1].kind == TK_IDENT &&
          (kind == RC_ORACLE_VAR_METHODS) == (k != eq) && add_var(s, &s->toks[k - 1], kind) < 0)
        s->oom = 1;
    } else if (brace > start + 2 && is(&s->toks[brace - 1], ")")) {
      /* a function definition: NAME ( params ) { */
      size_t close_paren = brace - 1, open = close_paren;
      int d = 0;
      for (;; open--) {
        if (is(&s->toks[open], ")")) d++;
        if (is(&s->toks[open], "(") && --d == 0) break;
        if (open == start) break;
      }
      if (open > start && s->toks[open - 1].kind == TK_IDENT &&
          add_function(s, start, open - 1, open, close_paren, brace) < 0)
        s->oom = 1;
    }
    /* skip the braces, then to the end of the declaration when it was an initialiser */
    i = close < s->n ? close + 1 : s->n;
    if (eq != (size_t)-1)
      while (i < s->n && !is(&s->toks[i], ";")) i++;
  }
}

int rc_oracle_source_scan(const char *text, RcOracleSource *src) {
  memset(src, 0, sizeof *src);
  Scan s = {.src = src};
  tokenize(&s, text);
  if (!s.oom) walk(&s);
  free(s.toks);
  if (s.oom) {
    rc_oracle_source_free(src);
    return -1;
  }
  return 0;
}

void rc_oracle_source_free(RcOracleSource *src) {
  for (size_t i = 0; i < src->nfuncs; i++) {
    RcOracleFunc *f = &src->funcs[i];
    free(f->name);
    free(f->ret_type);
    for (int k = 0; k < f->nparams; k++) {
      free(f->param_type[k]);
      free(f->param_name[k]);
    }
    free(f->parse_api);
    free(f->parse_format);
  }
  free(src->funcs);
  for (size_t i = 0; i < src->nvars; i++) free(src->vars[i].name);
  free(src->vars);
  for (size_t i = 0; i < src->ndirectives; i++) {
    free(src->directives[i].func);
    free(src->directives[i].literal);
  }
  free(src->directives);
  memset(src, 0, sizeof *src);
}

const RcOracleFunc *rc_oracle_source_func(const RcOracleSource *src, const char *name) {
  for (size_t i = 0; i < src->nfuncs; i++)
    if (strcmp(src->funcs[i].name, name) == 0) return &src->funcs[i];
  return NULL;
}
