/* oracle_args.c — the arguments each entry point is called with.
 *
 * In order of preference:
 *   1. the snippet's directives, `oracle: call f(1, "abc", [1, 2])`, each one argument set;
 *   2. the function's PyArg_Parse* format (found by oracle_source.c): objects of the types its
 *      units convert, walked with the rules library's format walker (rules.h, RC_FORMAT_PARSE),
 *      then the required units only, then no argument at all (the parse's own error path);
 *   3. the default objects — None, 0, 1, -1, a big int, 1.5, "", "abc", b"x", (), (1, 2), [],
 *      [1, [2]], {}, {"a": 1} — one per set for a one-argument function, the same object in every
 *      position for a function of several, and no argument for METH_NOARGS.
 * A type's slot entry (rc_oracle_args_for_slot) takes the directives naming it, else a few objects
 * fitting the slot's kind. Argument sets are Python tuple literals; the runner builds them
 * (runtime/runner/runner_values.c). */
#include "oracle.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

static const char *const default_objects[] = {
    "None", "0", "1", "-1", "1180591620717411303424", "1.5", "''", "'abc'", "b'x'",
    "()",   "(1, 2)", "[]", "[1, [2]]", "{}", "{'a': 1}"};
#define NDEFAULTS (sizeof default_objects / sizeof default_objects[0])

static int add_set(RcOracleEntry *e, char *literal) {
  if (literal == NULL) return -1;
  for (size_t i = 0; i < e->nargsets; i++)
    if (strcmp(e->argsets[i], literal) == 0) {
      free(literal);
      return 0;
    }
  char **sets = realloc(e->argsets, (e->nargsets + 1) * sizeof *sets);
  if (sets == NULL) {
    free(literal);
    return -1;
  }
  e->argsets = sets;
  e->argsets[e->nargsets++] = literal;
  return 0;
}

/* The literal for one PyArg unit code. */
static const char *value_for_code(const char *code) {
  switch (code[0]) {
  case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'k': case 'L':
  case 'K': case 'n':
    return "1";
  case 'f': case 'd': case 'D': return "1.5";
  case 'p': return "True";
  case 'c': return "b'x'";
  case 'C': return "'a'";
  case 'y': case 'S': case 'Y': case 'w': return "b'x'";
  case 's': case 'z': case 'e': case 'U': return "'abc'";
  default: return "None";   /* O, O!, O&: any object; the type of O! is known only at run time */
  }
}

/* Appends `text` to buf[*n..size). */
static void put(char *buf, size_t size, size_t *n, const char *text) {
  size_t len = strlen(text);
  if (*n + len + 1 > size) return;
  memcpy(buf + *n, text, len);
  *n += len;
  buf[*n] = '\0';
}

/* The tuple literal of a format's positional units; `required_only` stops at '|'. Parentheses in
 * the format are nested tuples. Returns a malloc'd literal, or NULL (malformed format, OOM). */
static char *literal_from_format(const char *format, int required_only) {
  RcFormatWalk walk;
  RcFormatUnit unit;
  char buf[1024];
  size_t n = 0, prev = 0;
  int depth = 0, items[17] = {0};   /* items written at each depth so far */
  put(buf, sizeof buf, &n, "(");
  rc_format_begin(&walk, RC_FORMAT_PARSE, format);
  int rc;
  /* closes the tuple at the current depth: a one-item tuple needs its comma */
#define CLOSE()                                                                                     \
  do {                                                                                              \
    put(buf, sizeof buf, &n, items[depth] == 1 ? ",)" : ")");                                     \
    depth--;                                                                                        \
  } while (0)
  while ((rc = rc_format_next(&walk, &unit)) == 1) {
    if (unit.keyword_only || (required_only && unit.optional)) break;
    for (size_t i = prev; i < unit.offset; i++) {
      if (format[i] == '(' && depth < 15) {
        put(buf, sizeof buf, &n, items[depth]++ ? ", (" : "(");
        items[++depth] = 0;
      } else if (format[i] == ')' && depth > 0) {
        CLOSE();
      }
    }
    put(buf, sizeof buf, &n, items[depth]++ ? ", " : "");
    put(buf, sizeof buf, &n, value_for_code(unit.code));
    prev = unit.offset + strlen(unit.code);
  }
  if (rc < 0) return NULL;
  for (size_t i = prev; format[i] && format[i] != ':' && format[i] != ';' && format[i] != '|' &&
                        format[i] != '$'; i++)
    if (format[i] == ')' && depth > 0) CLOSE();
  while (depth > 0) CLOSE();
  CLOSE();
#undef CLOSE
  return strdup(buf);
}

int rc_oracle_args_from_format(const char *format, char **out, int max) {
  int n = 0;
  char *all = literal_from_format(format, 0);
  if (all == NULL) return -1;
  char *required = literal_from_format(format, 1);
  char *candidates[3] = {all, required, strdup("()")};
  for (int i = 0; i < 3; i++) {
    char *c = candidates[i];
    if (c == NULL) continue;
    int dup = 0;
    for (int k = 0; k < n; k++) dup |= strcmp(out[k], c) == 0;
    if (dup || n >= max) free(c);
    else out[n++] = c;
  }
  return n;
}

static char *repeat_object(const char *object, int count) {
  char buf[512];
  size_t n = 0;
  put(buf, sizeof buf, &n, "(");
  for (int i = 0; i < count; i++) {
    put(buf, sizeof buf, &n, object);
    put(buf, sizeof buf, &n, count == 1 || i + 1 < count ? ", " : "");
  }
  while (n > 1 && buf[n - 1] == ' ') buf[--n] = '\0';
  put(buf, sizeof buf, &n, ")");
  return strdup(buf);
}

int rc_oracle_args_for(RcOracleEntry *e, const RcOracleSource *src, const RcOracleFunc *f) {
  const char *cname = f ? f->name : e->name;
  /* 1. directives */
  for (size_t i = 0; i < src->ndirectives; i++) {
    const RcOracleDirective *d = &src->directives[i];
    if (strcmp(d->func, cname) != 0 && strcmp(d->func, e->name) != 0) continue;
    if (add_set(e, strdup(d->literal)) < 0) return -1;
  }
  if (e->nargsets > 0) {
    e->args_origin = strdup("directive");
    return e->args_origin ? 0 : -1;
  }
  /* positional objects the convention passes */
  int count;
  switch (e->conv) {
  case RC_ORACLE_CONV_INIT:
  case RC_ORACLE_CONV_NOARGS: count = 0; break;
  case RC_ORACLE_CONV_O: count = 1; break;
  case RC_ORACLE_CONV_PLAIN: count = e->nparams - (e->self_module ? 1 : 0); break;
  default: count = -1; /* a tuple or vector (or a type's constructor): any number */
  }
  /* 2. the PyArg format */
  if (count == -1 && f && f->parse_format) {
    char *sets[3];
    int n = rc_oracle_args_from_format(f->parse_format, sets, 3);
    for (int i = 0; i < n; i++)
      if (add_set(e, sets[i]) < 0) return -1;
    if (n > 0) {
      e->args_origin = strdup("format");
      return e->args_origin ? 0 : -1;
    }
  }
  /* 3. the defaults */
  e->args_origin = strdup("default");
  if (e->args_origin == NULL) return -1;
  if (count == 0) return add_set(e, strdup("()"));
  if (count == -1 && add_set(e, strdup("()")) < 0) return -1;
  for (size_t i = 0; i < NDEFAULTS; i++)
    if (add_set(e, repeat_object(default_objects[i], count == -1 ? 1 : count)) < 0) return -1;
  return 0;
}

/* Per slot kind: the argument sets when no directive names the slot entry. */
static const struct {
  const char *kind;
  const char *sets[4];
} slot_defaults[] = {
    {"binary", {"(1,)", "('abc',)", "(None,)"}},
    {"ternary", {"(1,)", "(None,)"}},
    {"objobj", {"(1,)", "('abc',)", "(None,)"}},
    {"ssizearg", {"(0,)", "(1,)", "(100,)"}},
    {"ssizeobjarg", {"(0, 1)", "(0,)", "(100, 1)"}},
    {"objobjarg", {"('a', 1)", "('a',)", "(0, 1)"}},
    {"richcmp", {"(None, 2)", "(None, 3)", "(1, 0)", "(1, 2)"}},
};

int rc_oracle_args_for_slot(RcOracleEntry *e, const RcOracleSource *src, const RcOracleFunc *f,
                            const char *kind) {
  if (strcmp(kind, "call") == 0) return rc_oracle_args_for(e, src, f); /* a tuple: as VARARGS */
  for (size_t i = 0; i < src->ndirectives; i++)
    if (strcmp(src->directives[i].func, e->name) == 0 && add_set(e, strdup(src->directives[i].literal)) < 0)
      return -1;
  e->args_origin = strdup(e->nargsets ? "directive" : "default");
  if (e->args_origin == NULL) return -1;
  if (e->nargsets > 0) return 0;
  for (size_t i = 0; i < sizeof slot_defaults / sizeof slot_defaults[0]; i++)
    if (strcmp(slot_defaults[i].kind, kind) == 0) {
      for (size_t k = 0; k < 4 && slot_defaults[i].sets[k]; k++)
        if (add_set(e, strdup(slot_defaults[i].sets[k])) < 0) return -1;
      return 0;
    }
  return add_set(e, strdup("()")); /* unary, hash, len, inquiry: self alone */
}
