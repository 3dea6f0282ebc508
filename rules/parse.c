/* parse.c — the parser of API records (rules/data/NAME.api and --rules files).
 *
 * The format (docs/rules.md has the reference):
 *
 *     function PyList_GetItem          # or: macro NAME, inline NAME
 *       returns borrowed PyObject *    # value | new | borrowed | null, then the C type
 *       borrowed-from list
 *       fails null set                 # never | null | -1 | negative | 0 | -1-check | null-absent
 *       arg list borrow PyObject *     # NAME EFFECT[?] TYPE; '?' = NULL accepted
 *       arg index value Py_ssize_t
 *       since 3.8                      # also: until, deprecated, prefer NAME [VERSION],
 *                                      # flags WORD..., varargs, format DIALECT ARG, note TEXT
 *
 * A record runs from its header line to the next header or the end of the text. '#' starts a
 * comment where it begins a word. The parser is all-or-nothing: the first problem stops it with
 * "ORIGIN:LINE: problem", and nothing it allocated is handed out. */
#include "rules_int.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 32
#define MAX_WORDS 48

typedef struct {
  const char *s;
  size_t len;
} Word;

/* The record being read, with what must be resolved when it ends. */
typedef struct {
  RcApi api;
  int header_line;
  bool has_returns, has_fails;
  RcApiArg args[MAX_ARGS];
  Word borrowed_from;   /* argument name, resolved at the end */
  int borrowed_from_line;
  Word format_arg;
  int format_line;
  Word result_is;       /* `result-is` argument name, resolved at the end */
  int result_is_line;
  int succeeds_line;
  unsigned seen;        /* single-valued keywords met so far (bit per entry of single_keywords) */
} Draft;

/* Keywords a record may have at most once. */
static const char *const single_keywords[] = {"returns", "borrowed-from", "fails", "since",
                                              "until", "deprecated", "prefer", "format", "note",
                                              "varargs", "result-is", "succeeds", "checks-type"};

typedef struct {
  RcRulesArena *arena;
  const char *origin;
  int line;
  char **error;
  RcApi *records;   /* malloc'd while parsing */
  size_t count, cap;
  bool oom;         /* an arena allocation failed: the parse fails at the end of the line */
} Parser;

/* Copies n bytes of s into the arena; on failure notes it in p->oom and returns "". */
static const char *dup_text(Parser *p, const char *s, size_t n) {
  char *copy = rc_rules_arena_strndup(p->arena, s, n);
  if (copy != NULL) return copy;
  p->oom = true;
  return "";
}

static int fail_at(Parser *p, int line, const char *why, const Word *w) {
  if (w != NULL)
    *p->error = rc_rules_strprintf("%s:%d: %s '%.*s'", p->origin, line, why, (int)w->len, w->s);
  else
    *p->error = rc_rules_strprintf("%s:%d: %s", p->origin, line, why);
  return -1;
}

/* Splits a line into words; '#' at the start of a word ends the line. Returns the count. */
static int split_words(const char *s, size_t len, Word *words) {
  int n = 0;
  size_t i = 0;
  while (i < len && n < MAX_WORDS) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) i++;
    if (i >= len || s[i] == '#') break;
    size_t start = i;
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r') i++;
    words[n].s = s + start;
    words[n].len = i - start;
    n++;
  }
  return n;
}

static bool word_is(const Word *w, const char *lit) {
  return strlen(lit) == w->len && memcmp(w->s, lit, w->len) == 0;
}

static bool is_identifier(const Word *w) {
  if (w->len == 0) return false;
  for (size_t i = 0; i < w->len; i++) {
    char c = w->s[i];
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

/* Joins words[from..n) into a normalised C type spelling in the arena: one space between words,
 * one space between a name and a run of '*', none inside it ("PyObject**" -> "PyObject **",
 * "void (*)(void *)" unchanged). */
static const char *join_type(Parser *p, const Word *words, int from, int n) {
  char buf[256];
  size_t o = 0;
  for (int i = from; i < n; i++) {
    for (size_t k = 0; k < words[i].len && o + 3 < sizeof buf; k++) {
      char c = words[i].s[k];
      bool word_char = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9');
      bool after_word = o > 0 && (buf[o - 1] == '_' || (buf[o - 1] >= 'a' && buf[o - 1] <= 'z') ||
                                  (buf[o - 1] >= 'A' && buf[o - 1] <= 'Z') ||
                                  (buf[o - 1] >= '0' && buf[o - 1] <= '9'));
      if (c == '*' && after_word) buf[o++] = ' ';           /* "PyObject*" -> "PyObject *" */
      if (word_char && o > 0 && buf[o - 1] == '*') buf[o++] = ' '; /* "*const" -> "* const" */
      buf[o++] = c;
    }
    if (i + 1 < n && o + 2 < sizeof buf) buf[o++] = ' ';
  }
  /* "PyObject * *" from separate words: drop a space between stars */
  size_t w = 0;
  for (size_t r = 0; r < o; r++) {
    if (buf[r] == ' ' && w > 0 && buf[w - 1] == '*' && r + 1 < o && buf[r + 1] == '*') continue;
    buf[w++] = buf[r];
  }
  return dup_text(p, buf, w);
}

/* The text from words[from] to the end of words[n - 1], as written (inner spacing kept). */
static const char *join_text(Parser *p, const Word *words, int from, int n) {
  if (from >= n) return dup_text(p, "", 0);
  const char *start = words[from].s;
  const char *end = words[n - 1].s + words[n - 1].len;
  return dup_text(p, start, (size_t)(end - start));
}

static int find_arg(const Draft *d, const Word *name) {
  for (int i = 0; i < d->api.nargs; i++)
    if (strlen(d->args[i].name) == name->len && memcmp(d->args[i].name, name->s, name->len) == 0)
      return i;
  return -1;
}

/* Completes the draft: defaults, name resolution, validation; appends it to p->records. */
static int finish_record(Parser *p, Draft *d) {
  RcApi *a = &d->api;
  if (!d->has_returns) return fail_at(p, d->header_line, "record has no 'returns' line", NULL);
  if (!d->has_fails) {
    if (a->ret == RC_REF_NONE) {
      a->fail = RC_FAIL_NEVER;
    } else {
      a->fail = RC_FAIL_NULL;
      a->exc = RC_EXC_SET;
    }
  }
  a->borrowed_from = -1;
  if (d->borrowed_from.s != NULL) {
    if (a->ret != RC_REF_BORROWED)
      return fail_at(p, d->borrowed_from_line, "borrowed-from on a result that is not borrowed",
                     NULL);
    a->borrowed_from = find_arg(d, &d->borrowed_from);
    if (a->borrowed_from < 0)
      return fail_at(p, d->borrowed_from_line, "borrowed-from names no argument",
                     &d->borrowed_from);
  }
  if (d->result_is.s != NULL) {
    if (a->ret == RC_REF_NONE)
      return fail_at(p, d->result_is_line, "result-is on a result that is not a reference", NULL);
    a->result_arg = find_arg(d, &d->result_is);
    if (a->result_arg < 0)
      return fail_at(p, d->result_is_line, "result-is names no argument", &d->result_is);
    a->flags |= RC_API_RESULT_IS_ARG;
  }
  if (a->success != RC_SUCCESS_UNKNOWN && a->fail != RC_FAIL_MINUS_ONE && a->fail != RC_FAIL_NEGATIVE)
    return fail_at(p, d->succeeds_line, "'succeeds' needs 'fails -1' or 'fails negative'", NULL);
  if (a->checks_type != NULL && (a->ret != RC_REF_NONE || a->nargs < 1))
    return fail_at(p, d->header_line, "'checks-type' needs an int result and an object argument", NULL);
  if (a->success == RC_SUCCESS_FOUND) {
    bool has_out = false;
    for (int i = 0; i < a->nargs; i++) has_out |= d->args[i].effect == RC_ARG_OUT_NEW;
    if (!has_out) return fail_at(p, d->succeeds_line, "'succeeds found' needs an out-new argument", NULL);
  }
  a->format_arg = -1;
  a->varargs_arg = -1;
  if (d->format_arg.s != NULL) {
    a->format_arg = find_arg(d, &d->format_arg);
    if (a->format_arg < 0)
      return fail_at(p, d->format_line, "format names no argument", &d->format_arg);
    a->varargs_arg = (a->flags & RC_API_VARIADIC) ? a->nargs : -1;
  }
  if (a->nargs > 0) {
    RcApiArg *args = rc_rules_arena_alloc(p->arena, sizeof(RcApiArg) * (size_t)a->nargs);
    if (args == NULL) return fail_at(p, d->header_line, "out of memory", NULL);
    memcpy(args, d->args, sizeof(RcApiArg) * (size_t)a->nargs);
    a->args = args;
  }
  const char *why = NULL;
  if (rc_rules_api_validate(a, &why) != 0) return fail_at(p, d->header_line, why, NULL);
  if (p->count == p->cap) {
    size_t ncap = p->cap ? p->cap * 2 : 64;
    RcApi *n = rc_rules_realloc(p->records, ncap * sizeof(RcApi));
    if (n == NULL) return fail_at(p, d->header_line, "out of memory", NULL);
    p->records = n;
    p->cap = ncap;
  }
  p->records[p->count++] = *a;
  return 0;
}

static int parse_version_word(Parser *p, const Word *w, RcPyVersion *out) {
  if (rc_py_version_parse(w->s, w->len, out) != 0)
    return fail_at(p, p->line, "not a Python version between 3.8 and 3.14:", w);
  return 0;
}

/* One field line of a record. */
static int parse_field(Parser *p, Draft *d, const Word *w, int n) {
  RcApi *a = &d->api;
  const Word *key = &w[0];
  int single = rc_rules_word_find(single_keywords, sizeof single_keywords / sizeof single_keywords[0],
                            key->s, key->len);
  if (single >= 0) {
    if (d->seen & (1u << single)) return fail_at(p, p->line, "keyword given twice in one record:", key);
    d->seen |= 1u << single;
  }
  if (word_is(key, "returns")) {
    if (n < 2) return fail_at(p, p->line, "'returns' needs a kind and a type", NULL);
    int k = rc_rules_word_find(rc_ref_kind_words, 4, w[1].s, w[1].len);
    if (k < 0) return fail_at(p, p->line, "unknown result kind", &w[1]);
    if (k != RC_REF_NONE && n < 3) return fail_at(p, p->line, "'returns' needs a C type", NULL);
    a->ret = (RcRefKind)k;
    a->ret_type = join_type(p, w, 2, n);
    d->has_returns = true;
  } else if (word_is(key, "borrowed-from")) {
    if (n != 2) return fail_at(p, p->line, "'borrowed-from' takes one argument name", NULL);
    d->borrowed_from = w[1];
    d->borrowed_from_line = p->line;
  } else if (word_is(key, "result-is")) {
    if (n != 2) return fail_at(p, p->line, "'result-is' takes one argument name", NULL);
    d->result_is = w[1];
    d->result_is_line = p->line;
  } else if (word_is(key, "succeeds")) {
    if (n != 2) return fail_at(p, p->line, "'succeeds' takes one kind", NULL);
    int k = rc_rules_word_find(rc_success_kind_words, 5, w[1].s, w[1].len);
    if (k <= 0) return fail_at(p, p->line, "unknown success kind (zero, bool, count, found)", &w[1]);
    a->success = (RcSuccessKind)k;
    d->succeeds_line = p->line;
  } else if (word_is(key, "fails")) {
    if (n < 2 || n > 3) return fail_at(p, p->line, "'fails' takes a kind and an exception state", NULL);
    int k = rc_rules_word_find(rc_fail_kind_words, 7, w[1].s, w[1].len);
    if (k < 0) return fail_at(p, p->line, "unknown failure kind", &w[1]);
    a->fail = (RcFailKind)k;
    a->exc = RC_EXC_SET;
    if (n == 3) {
      int e = rc_rules_word_find(rc_exc_kind_words, 3, w[2].s, w[2].len);
      if (e < 0) return fail_at(p, p->line, "unknown exception state", &w[2]);
      a->exc = (RcExcKind)e;
    }
    d->has_fails = true;
  } else if (word_is(key, "arg")) {
    if (n < 3) return fail_at(p, p->line, "'arg' needs a name, an effect and a type", NULL);
    if (a->nargs == MAX_ARGS) return fail_at(p, p->line, "too many arguments", NULL);
    if (!is_identifier(&w[1])) return fail_at(p, p->line, "not an argument name:", &w[1]);
    if (find_arg(d, &w[1]) >= 0) return fail_at(p, p->line, "argument listed twice:", &w[1]);
    Word eff = w[2];
    bool nullable = eff.len > 0 && eff.s[eff.len - 1] == '?';
    if (nullable) eff.len--;
    int e = rc_rules_word_find(rc_arg_effect_words, 11, eff.s, eff.len);
    if (e < 0) return fail_at(p, p->line, "unknown argument effect", &w[2]);
    if (n < 4 && e != RC_ARG_CLEAR && e != RC_ARG_REPLACE)
      return fail_at(p, p->line, "'arg' needs a C type", NULL);
    RcApiArg *arg = &d->args[a->nargs++];
    arg->name = dup_text(p, w[1].s, w[1].len);
    arg->effect = (RcArgEffect)e;
    arg->nullable = nullable;
    arg->type = n >= 4 ? join_type(p, w, 3, n) : dup_text(p, "", 0);
  } else if (word_is(key, "varargs")) {
    if (n != 1) return fail_at(p, p->line, "'varargs' takes nothing", NULL);
    a->flags |= RC_API_VARIADIC;
  } else if (word_is(key, "flags")) {
    if (n < 2) return fail_at(p, p->line, "'flags' needs at least one flag", NULL);
    for (int i = 1; i < n; i++) {
      int f = rc_rules_word_find(rc_api_flag_words, RC_API_FLAG_COUNT, w[i].s, w[i].len);
      if (f < 0) return fail_at(p, p->line, "unknown flag", &w[i]);
      if (1u << f == RC_API_FROM_ANNOTATIONS)
        return fail_at(p, p->line, "'from-annotations' is given by the analyzer, not by data:", &w[i]);
      a->flags |= 1u << f;
    }
  } else if (word_is(key, "since") || word_is(key, "until") || word_is(key, "deprecated")) {
    if (n != 2) return fail_at(p, p->line, "a version line takes one version", NULL);
    RcPyVersion v;
    if (parse_version_word(p, &w[1], &v) != 0) return -1;
    if (word_is(key, "since")) a->since = v;
    else if (word_is(key, "until")) a->until = v;
    else a->deprecated = v;
  } else if (word_is(key, "prefer")) {
    if (n < 2 || n > 3) return fail_at(p, p->line, "'prefer' takes a name and a version", NULL);
    if (!is_identifier(&w[1])) return fail_at(p, p->line, "not an API name:", &w[1]);
    a->replacement = dup_text(p, w[1].s, w[1].len);
    a->replacement_since = RC_PY_OLDEST;
    if (n == 3 && parse_version_word(p, &w[2], &a->replacement_since) != 0) return -1;
  } else if (word_is(key, "checks-type")) {
    if (n != 2 || !is_identifier(&w[1])) return fail_at(p, p->line, "'checks-type' takes a struct name", NULL);
    a->checks_type = dup_text(p, w[1].s, w[1].len);
  } else if (word_is(key, "format")) {
    if (n != 3) return fail_at(p, p->line, "'format' takes a dialect and an argument name", NULL);
    int f = rc_rules_word_find(rc_format_dialect_words, 4, w[1].s, w[1].len);
    if (f <= 0) return fail_at(p, p->line, "unknown format dialect", &w[1]);
    a->format = (RcFormatDialect)f;
    d->format_arg = w[2];
    d->format_line = p->line;
  } else if (word_is(key, "note")) {
    if (n < 2) return fail_at(p, p->line, "'note' needs text", NULL);
    a->note = join_text(p, w, 1, n);
  } else {
    return fail_at(p, p->line, "unknown keyword", key);
  }
  return 0;
}

int rc_rules_parse_api_text(RcRulesArena *arena, const char *origin, const char *text, RcApi **out,
                      size_t *count, char **error) {
  int rc = -1;
  Parser p = {.arena = arena, .origin = origin, .line = 0, .error = error};
  Draft *d = rc_rules_calloc(1, sizeof(Draft));
  bool open = false;
  if (d == NULL) {
    *error = rc_rules_strprintf("%s: out of memory", origin);
    goto out;
  }
  const char *s = text;
  while (*s != '\0') {
    const char *eol = strchr(s, '\n');
    size_t len = eol ? (size_t)(eol - s) : strlen(s);
    p.line++;
    Word w[MAX_WORDS];
    int n = split_words(s, len, w);
    s += len + (eol ? 1 : 0);
    if (n == 0) continue;
    if (n == MAX_WORDS) {
      fail_at(&p, p.line, "line has too many words", NULL);
      goto out;
    }
    int kind = rc_rules_word_find(rc_api_kind_words, 3, w[0].s, w[0].len);
    if (kind >= 0) {
      if (open && finish_record(&p, d) != 0) goto out;
      if (n != 2 || !is_identifier(&w[1])) {
        fail_at(&p, p.line, "a record header is KIND NAME", NULL);
        goto out;
      }
      memset(d, 0, sizeof *d);
      d->api.kind = (RcApiKind)kind;
      d->api.name = dup_text(&p, w[1].s, w[1].len);
      d->api.since = RC_PY_OLDEST;
      d->api.file = origin;
      d->api.line = p.line;
      d->header_line = p.line;
      open = true;
      if (p.oom) {
        fail_at(&p, p.line, "out of memory", NULL);
        goto out;
      }
      continue;
    }
    if (!open) {
      fail_at(&p, p.line, "field outside a record (expected function, macro or inline):", &w[0]);
      goto out;
    }
    if (parse_field(&p, d, w, n) != 0) goto out;
    if (p.oom) {
      fail_at(&p, p.line, "out of memory", NULL);
      goto out;
    }
  }
  if (open && finish_record(&p, d) != 0) goto out;
  RcApi *arr = NULL;
  if (p.count > 0) {
    arr = rc_rules_arena_alloc(arena, sizeof(RcApi) * p.count);
    if (arr == NULL) {
      *error = rc_rules_strprintf("%s: out of memory", origin);
      goto out;
    }
    memcpy(arr, p.records, sizeof(RcApi) * p.count);
  }
  *out = arr;
  *count = p.count;
  rc = 0;
out:
  free(p.records);
  free(d);
  return rc;
}

int rc_rules_api_validate(const RcApi *a, const char **why) {
  if (a->name == NULL || a->name[0] == '\0') return *why = "record has no name", -1;
  if (a->nargs < 0 || (a->nargs > 0 && a->args == NULL)) return *why = "bad argument list", -1;
  if (a->ret == RC_REF_BORROWED ? a->borrowed_from >= a->nargs : a->borrowed_from != -1)
    return *why = "borrowed-from is out of range or on a result that is not borrowed", -1;
  if (a->ret != RC_REF_NONE && a->ret_type != NULL && strchr(a->ret_type, '*') == NULL)
    return *why = "a reference result must have a pointer type", -1;
  if (a->until != 0 && a->until < a->since) return *why = "'until' is before 'since'", -1;
  if (a->replacement != NULL && a->replacement_since == 0)
    return *why = "a replacement needs the version that has it", -1;
  if (a->format != RC_FORMAT_NONE && (a->format_arg < 0 || a->format_arg >= a->nargs))
    return *why = "format argument out of range", -1;
  if ((a->flags & RC_API_RESULT_IS_ARG) &&
      (a->ret == RC_REF_NONE || a->result_arg < 0 || a->result_arg >= a->nargs))
    return *why = "result-is is out of range or on a result that is not a reference", -1;
  if (a->fail == RC_FAIL_NULL_ABSENT && a->exc == RC_EXC_SET)
    return *why = "'null-absent' needs 'unset' or 'maybe': NULL also means not found", -1;
  int steals = 0, replaces = 0;
  for (int i = 0; i < a->nargs; i++) {
    const RcApiArg *g = &a->args[i];
    if (g->name == NULL || g->type == NULL) return *why = "argument without name or type", -1;
    if (g->effect == RC_ARG_STEAL) steals++;
    if (g->effect == RC_ARG_REPLACE) replaces++;
    bool out = g->effect == RC_ARG_OUT_NEW || g->effect == RC_ARG_OUT_BORROWED ||
               g->effect == RC_ARG_INOUT;
    if (out && strstr(g->type, "**") == NULL)
      return *why = "an out-parameter must have a pointer-to-pointer type", -1;
  }
  if (replaces > 0 && (replaces != 1 || steals != 1))
    return *why = "a 'replace' argument needs exactly one 'steal' argument beside it", -1;
  return 0;
}
