/* runner_values.c — argument objects from Python literals: "(None, 1, -1, 'abc', b'x', [1, [2]])".
 *
 * The oracle's arguments are written as Python literals (the plan gives one tuple per argument
 * set). This file parses that subset — None, True, False, Ellipsis, ints of any size, floats,
 * str and bytes literals with the usual escapes, tuples, lists and dicts — and builds the objects
 * through the runtime's constructors, looked up by name (runner_capi.c): a literal whose type the
 * runtime cannot build yet fails with a message naming the missing constructor.
 *
 * Ownership: every object built is recorded in RcValues with one extra reference (the "guard"), so
 * a snippet that releases an argument once too often cannot free it during the call and the
 * refcount delta shows the over-release. The top-level values are new references of their own (the
 * caller's). rc_values_release drops all of them. */
#include "runner.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef PyObject *(*FromLongFn)(long);
typedef PyObject *(*FromStringFn)(const char *, char **, int);
typedef PyObject *(*FromDoubleFn)(double);
typedef PyObject *(*FromSizeFn)(const char *, Py_ssize_t);
typedef PyObject *(*NewFn)(Py_ssize_t);
typedef int (*SetItemFn)(PyObject *, Py_ssize_t, PyObject *);
typedef PyObject *(*DictNewFn)(void);
typedef int (*DictSetFn)(PyObject *, PyObject *, PyObject *);

typedef struct {
  const char *p;           /* the next character */
  RcValues *values;
  char path[48];           /* of the value being built */
} Parser;

__attribute__((format(printf, 2, 3))) static int fail(Parser *ps, const char *fmt, ...) {
  if (ps->values->error[0] == '\0') {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->values->error, sizeof ps->values->error, fmt, ap);
    va_end(ap);
  }
  return -1;
}

static void skip_space(Parser *ps) {
  while (isspace((unsigned char)*ps->p)) ps->p++;
}

/* A runtime function by name, or NULL after recording which one is missing. */
static void *need(Parser *ps, const char *name) {
  void *fn = rc_capi_lookup(name);
  if (fn == NULL) fail(ps, "the runtime has no %s yet", name);
  return fn;
}

/* Records op (a new reference) in the set with a guard reference. Returns op, or NULL. */
static PyObject *keep(Parser *ps, PyObject *op) {
  RcValues *v = ps->values;
  if (op == NULL) {
    const char *exc = NULL, *source = NULL;
    rc_capi_exc_pending(&exc, &source);
    fail(ps, "the runtime could not build %s%s%s", ps->path, exc ? ": " : "", exc ? exc : "");
    rc_capi_exc_clear();
    return NULL;
  }
  if (v->count == RC_VALUES_MAX) {
    Py_DecRef(op);
    fail(ps, "%s", "too many argument objects");
    return NULL;
  }
  Py_IncRef(op);
  v->obj[v->count] = op;
  snprintf(v->path[v->count], sizeof v->path[v->count], "%s", ps->path);
  v->count++;
  return op;
}

static PyObject *parse_value(Parser *ps);

static PyObject *build_int(Parser *ps, const char *digits) {
  errno = 0;
  char *end;
  long n = strtol(digits, &end, 0);
  if (errno == 0 && *end == '\0') {
    FromLongFn from_long = (FromLongFn)rc_capi_lookup("PyLong_FromLong");
    if (from_long != NULL) return keep(ps, from_long(n));
    PyObject *small = _rt_small_int(n); /* the core runtime has the small ints */
    if (small == NULL) {
      need(ps, "PyLong_FromLong");
      return NULL;
    }
    Py_IncRef(small);
    return keep(ps, small);
  }
  FromStringFn from_string = (FromStringFn)need(ps, "PyLong_FromString");
  return from_string ? keep(ps, from_string(digits, NULL, 0)) : NULL;
}

/* Reads a str or bytes literal body after its opening quote into buf (escapes decoded). */
static int read_string(Parser *ps, char quote, char *buf, size_t size, size_t *len) {
  size_t n = 0;
  while (*ps->p && *ps->p != quote) {
    char c = *ps->p++;
    if (c == '\\' && *ps->p) {
      char e = *ps->p++;
      switch (e) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'r': c = '\r'; break;
      case '0': c = '\0'; break;
      case 'x':
        if (isxdigit((unsigned char)ps->p[0]) && isxdigit((unsigned char)ps->p[1])) {
          char hex[3] = {ps->p[0], ps->p[1], 0};
          c = (char)strtol(hex, NULL, 16);
          ps->p += 2;
        } else {
          return fail(ps, "%s", "bad \\x escape");
        }
        break;
      default: c = e;
      }
    }
    if (n + 1 >= size) return fail(ps, "%s", "string literal too long");
    buf[n++] = c;
  }
  if (*ps->p != quote) return fail(ps, "%s", "unterminated string literal");
  ps->p++;
  buf[n] = '\0';
  *len = n;
  return 0;
}

/* Parses "a, b, c" up to `close` into items (new references). Returns the count, or -1. */
static int parse_items(Parser *ps, char close, PyObject **items, int max, int *trailing_comma) {
  int n = 0;
  char base[48];
  snprintf(base, sizeof base, "%s", ps->path);
  *trailing_comma = 0;
  skip_space(ps);
  while (*ps->p != close) {
    if (n == max) return fail(ps, "%s", "too many items in a literal");
    if (base[0]) snprintf(ps->path, sizeof ps->path, "%.36s[%d]", base, n % 100);
    else snprintf(ps->path, sizeof ps->path, "argument %d", n % 100 + 1);
    PyObject *item = parse_value(ps);
    if (item == NULL) {
      for (int i = 0; i < n; i++) Py_DecRef(items[i]);
      return -1;
    }
    items[n++] = item;
    skip_space(ps);
    *trailing_comma = 0;
    if (*ps->p == ',') {
      ps->p++;
      *trailing_comma = 1;
      skip_space(ps);
    } else if (*ps->p != close) {
      for (int i = 0; i < n; i++) Py_DecRef(items[i]);
      return fail(ps, "expected ',' or '%s'", close == ')' ? ")" : close == ']' ? "]" : "}");
    }
  }
  ps->p++;
  snprintf(ps->path, sizeof ps->path, "%s", base);
  return n;
}

static PyObject *build_sequence(Parser *ps, PyObject **items, int n, const char *new_name,
                                const char *set_name) {
  NewFn make = (NewFn)need(ps, new_name);
  SetItemFn set = (SetItemFn)need(ps, set_name);
  if (make == NULL || set == NULL) {
    for (int i = 0; i < n; i++) Py_DecRef(items[i]);
    return NULL;
  }
  PyObject *seq = make(n);
  if (seq == NULL) {
    for (int i = 0; i < n; i++) Py_DecRef(items[i]);
    return keep(ps, NULL);
  }
  for (int i = 0; i < n; i++) set(seq, i, items[i]); /* steals the item's new reference */
  return keep(ps, seq);
}

static PyObject *parse_dict(Parser *ps) {
  DictNewFn make = (DictNewFn)need(ps, "PyDict_New");
  DictSetFn set = (DictSetFn)need(ps, "PyDict_SetItem");
  if (make == NULL || set == NULL) return NULL;
  char base[48];
  snprintf(base, sizeof base, "%s", ps->path);
  PyObject *dict = make();
  if (dict == NULL) return keep(ps, NULL);
  skip_space(ps);
  int n = 0;
  while (*ps->p != '}') {
    snprintf(ps->path, sizeof ps->path, "%.24s key %d", base, n % 1000);
    PyObject *key = parse_value(ps);
    if (key == NULL) goto bad;
    skip_space(ps);
    if (*ps->p++ != ':') {
      Py_DecRef(key);
      fail(ps, "%s", "expected ':' in a dict literal");
      goto bad;
    }
    snprintf(ps->path, sizeof ps->path, "%.24s value %d", base, n % 1000);
    PyObject *value = parse_value(ps);
    if (value == NULL) {
      Py_DecRef(key);
      goto bad;
    }
    int rc = set(dict, key, value);
    Py_DecRef(key);
    Py_DecRef(value);
    if (rc < 0) {
      fail(ps, "%s", "PyDict_SetItem failed");
      goto bad;
    }
    n++;
    skip_space(ps);
    if (*ps->p == ',') {
      ps->p++;
      skip_space(ps);
    } else if (*ps->p != '}') {
      fail(ps, "%s", "expected ',' or '}'");
      goto bad;
    }
  }
  ps->p++;
  snprintf(ps->path, sizeof ps->path, "%s", base);
  return keep(ps, dict);
bad:
  Py_DecRef(dict);
  return NULL;
}

static int word_is(Parser *ps, const char *word) {
  size_t n = strlen(word);
  if (strncmp(ps->p, word, n) != 0 || isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_') return 0;
  ps->p += n;
  return 1;
}

static PyObject *keep_static(Parser *ps, PyObject *op) {
  Py_IncRef(op);
  return keep(ps, op);
}

static PyObject *parse_value(Parser *ps) {
  skip_space(ps);
  const char *start = ps->p;
  char c = *ps->p;
  if (word_is(ps, "None")) return keep_static(ps, Py_None);
  if (word_is(ps, "True")) return keep_static(ps, Py_True);
  if (word_is(ps, "False")) return keep_static(ps, Py_False);
  if (word_is(ps, "Ellipsis") || strncmp(ps->p, "...", 3) == 0) {
    if (*ps->p == '.') ps->p += 3;
    return keep_static(ps, Py_Ellipsis);
  }
  if ((c == 'b' || c == 'B') && (ps->p[1] == '"' || ps->p[1] == '\'')) {
    char quote = ps->p[1], buf[4096];
    size_t len;
    ps->p += 2;
    if (read_string(ps, quote, buf, sizeof buf, &len) < 0) return NULL;
    FromSizeFn make = (FromSizeFn)need(ps, "PyBytes_FromStringAndSize");
    return make ? keep(ps, make(buf, (Py_ssize_t)len)) : NULL;
  }
  if (c == '"' || c == '\'') {
    char buf[4096];
    size_t len;
    ps->p++;
    if (read_string(ps, c, buf, sizeof buf, &len) < 0) return NULL;
    FromSizeFn make = (FromSizeFn)need(ps, "PyUnicode_FromStringAndSize");
    return make ? keep(ps, make(buf, (Py_ssize_t)len)) : NULL;
  }
  if (c == '-' || c == '+' || isdigit((unsigned char)c) || c == '.') {
    const char *q = ps->p;
    if (*q == '-' || *q == '+') q++;
    int is_float = 0;
    while (isalnum((unsigned char)*q) || *q == '.' || *q == '_' ||
           ((*q == '-' || *q == '+') && (q[-1] == 'e' || q[-1] == 'E'))) {
      if (*q == '.' || ((*q == 'e' || *q == 'E') && !(q - start > 1 && start[1] == 'x')))
        is_float = 1;
      q++;
    }
    char text[512];
    size_t n = (size_t)(q - ps->p);
    if (n == 0 || n >= sizeof text) {
      fail(ps, "%s", "bad number");
      return NULL;
    }
    memcpy(text, ps->p, n);
    text[n] = '\0';
    ps->p = q;
    if (!is_float) return build_int(ps, text);
    FromDoubleFn make = (FromDoubleFn)need(ps, "PyFloat_FromDouble");
    return make ? keep(ps, make(strtod(text, NULL))) : NULL;
  }
  if (c == '(' || c == '[') {
    PyObject *items[64];
    int trailing;
    ps->p++;
    int n = parse_items(ps, c == '(' ? ')' : ']', items, 64, &trailing);
    if (n < 0) return NULL;
    if (c == '(' && n == 1 && !trailing) return items[0]; /* a parenthesised value */
    return c == '(' ? build_sequence(ps, items, n, "PyTuple_New", "PyTuple_SetItem")
                    : build_sequence(ps, items, n, "PyList_New", "PyList_SetItem");
  }
  if (c == '{') {
    ps->p++;
    return parse_dict(ps);
  }
  fail(ps, "cannot read a value at '%.20s'", ps->p);
  return NULL;
}

int rc_values_build(const char *text, RcValues *values) {
  memset(values, 0, sizeof *values);
  Parser ps = {text, values, ""};
  skip_space(&ps);
  if (*ps.p != '(') return fail(&ps, "%s", "an argument list must be a tuple literal: (a, b)");
  ps.p++;
  PyObject *items[16];
  int trailing;
  int n = parse_items(&ps, ')', items, 16, &trailing);
  if (n < 0) {
    rc_values_release(values);
    return -1;
  }
  skip_space(&ps);
  if (*ps.p != '\0') {
    for (int i = 0; i < n; i++) Py_DecRef(items[i]);
    rc_values_release(values);
    return fail(&ps, "unexpected text after the argument list: '%.20s'", ps.p);
  }
  for (int i = 0; i < n; i++) values->top[i] = items[i];
  values->ntop = (size_t)n;
  return 0;
}

void rc_values_release(RcValues *values) {
  for (size_t i = 0; i < values->ntop; i++) Py_DecRef(values->top[i]);
  values->ntop = 0;
  for (size_t i = values->count; i-- > 0;) Py_DecRef(values->obj[i]);
  values->count = 0;
}
