/* mutate.c — makes ownership mutants of a clean extension source, one mutation each, for the
 * differential suite: every mutant goes to the oracle (is it really a bug, and reachable?) and to the
 * analyzer (does it see it?).
 *
 * usage: mutate --list FILE.c              one line per mutation: N KIND LINE TEXT
 *        mutate --apply N FILE.c [-o OUT]  writes mutant N (1-based) to OUT (default stdout)
 *
 * Mutations (KIND):
 *   delete-decref        a Py_DECREF / Py_XDECREF / Py_CLEAR statement on a normal path is removed
 *   drop-error-cleanup   the same, in a block that leaves by `return NULL`, `return -1` or `goto`
 *   delete-incref        a Py_INCREF / Py_XINCREF statement is removed
 *   xdecref-to-decref    Py_XDECREF becomes Py_DECREF
 *   decref-after-steal   Py_DECREF(item) is added after PyTuple_SET_ITEM / PyList_SET_ITEM /
 *                        PyTuple_SetItem / PyList_SetItem
 *   return-none          Py_RETURN_NONE becomes `return Py_None`
 *   add-object-ref       PyModule_AddObjectRef becomes PyModule_AddObject
 *   drop-null-check      `if (!x)` / `if (x == NULL)` / `if (NULL == x)` becomes `if (0)`
 *
 * A mutant keeps every line where it was (a statement removed becomes `;`, text is added on the same
 * line), so line numbers in the mutant match the original. Comments, strings and preprocessor lines
 * are never mutated. The mutation is textual: it does not know whether the mutant is a real bug;
 * the oracle decides that. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  DELETE_DECREF,
  DROP_ERROR_CLEANUP,
  DELETE_INCREF,
  XDECREF_TO_DECREF,
  DECREF_AFTER_STEAL,
  RETURN_NONE,
  ADD_OBJECT_REF,
  DROP_NULL_CHECK,
} MutationKind;

static const char *const kind_names[] = {
  "delete-decref", "drop-error-cleanup", "delete-incref", "xdecref-to-decref",
  "decref-after-steal", "return-none", "add-object-ref", "drop-null-check",
};

typedef struct {
  MutationKind kind;
  size_t start, end;   /* the replaced span of the source */
  char *replacement;   /* owned */
  int line;
} Mutation;

typedef struct {
  Mutation *items;
  size_t count, capacity;
} MutationList;

/* --- the source and its code mask ------------------------------------------------------------- */

typedef struct {
  char *text;
  size_t len;
  bool *is_code; /* false inside comments, string and character literals, preprocessor lines */
} Source;

static void *xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (p == NULL) {
    fprintf(stderr, "mutate: out of memory\n");
    exit(3);
  }
  return p;
}

static char *xstrndup(const char *s, size_t n) {
  char *copy = xmalloc(n + 1);
  memcpy(copy, s, n);
  copy[n] = '\0';
  return copy;
}

static int load_source(const char *path, Source *src) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return -1;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  src->text = xmalloc((size_t)size + 1);
  src->len = fread(src->text, 1, (size_t)size, f);
  src->text[src->len] = '\0';
  fclose(f);

  src->is_code = xmalloc(src->len + 1);
  bool line_start = true;
  for (size_t i = 0; i < src->len;) {
    char c = src->text[i];
    if (line_start && (c == ' ' || c == '\t')) {
      src->is_code[i++] = true;
      continue;
    }
    if (line_start && c == '#') { /* a preprocessor line, with its continuations */
      while (i < src->len && !(src->text[i] == '\n' && src->text[i - 1] != '\\')) src->is_code[i++] = false;
      continue;
    }
    line_start = false;
    if (c == '/' && src->text[i + 1] == '/') {
      while (i < src->len && src->text[i] != '\n') src->is_code[i++] = false;
      continue;
    }
    if (c == '/' && src->text[i + 1] == '*') {
      size_t j = i + 2;
      while (j < src->len && !(src->text[j] == '*' && src->text[j + 1] == '/')) j++;
      j = j < src->len ? j + 2 : src->len;
      while (i < j) src->is_code[i++] = false;
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < src->len && src->text[j] != c && src->text[j] != '\n') j += src->text[j] == '\\' ? 2 : 1;
      j = j < src->len ? j + 1 : src->len;
      while (i < j) src->is_code[i++] = false;
      continue;
    }
    if (c == '\n') line_start = true;
    src->is_code[i++] = true;
  }
  return 0;
}

static int line_of(const Source *src, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset; i++) line += src->text[i] == '\n';
  return line;
}

static bool is_ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* True when the identifier `name` starts at `at` as a whole token in code. */
static bool token_at(const Source *src, size_t at, const char *name) {
  size_t n = strlen(name);
  if (at + n > src->len || !src->is_code[at] || strncmp(src->text + at, name, n) != 0) return false;
  if (at > 0 && is_ident_char(src->text[at - 1])) return false;
  return !is_ident_char(src->text[at + n]);
}

static size_t skip_space(const Source *src, size_t i) {
  while (i < src->len && isspace((unsigned char)src->text[i])) i++;
  return i;
}

/* With src->text[open] == '(', returns the offset of its matching ')' in code, or 0. */
static size_t matching_paren(const Source *src, size_t open) {
  int depth = 0;
  for (size_t i = open; i < src->len; i++) {
    if (!src->is_code[i]) continue;
    if (src->text[i] == '(') depth++;
    if (src->text[i] == ')' && --depth == 0) return i;
  }
  return 0;
}

/* The call `NAME(...)` at `at`: sets the span of its parentheses; the statement's ';' if it ends one
 * (else 0). Returns false when no argument list follows. */
static bool call_at(const Source *src, size_t at, const char *name, size_t *open, size_t *close,
                    size_t *semicolon) {
  *open = skip_space(src, at + strlen(name));
  if (*open >= src->len || src->text[*open] != '(') return false;
  *close = matching_paren(src, *open);
  if (*close == 0) return false;
  size_t after = skip_space(src, *close + 1);
  *semicolon = after < src->len && src->text[after] == ';' ? after : 0;
  return true;
}

/* True when the statement at `at` begins a statement (after ';', '{', '}', ')', ':' or 'else'). */
static bool starts_statement(const Source *src, size_t at) {
  size_t i = at;
  while (i > 0 && isspace((unsigned char)src->text[i - 1])) i--;
  while (i > 0 && !src->is_code[i - 1]) { /* step over a comment before the statement */
    i--;
    while (i > 0 && isspace((unsigned char)src->text[i - 1])) i--;
  }
  if (i == 0) return true;
  char prev = src->text[i - 1];
  if (strchr(";{}):", prev)) return true;
  return i >= 4 && strncmp(src->text + i - 4, "else", 4) == 0;
}

/* True when the block enclosing `at` leaves through `return NULL`, `return -1` or `goto` after it. */
static bool in_error_block(const Source *src, size_t at) {
  int depth = 0;
  for (size_t i = at; i < src->len; i++) {
    if (!src->is_code[i]) continue;
    char c = src->text[i];
    if (c == '{') depth++;
    if (c == '}' && --depth < 0) return false;
    if (depth == 0 && (token_at(src, i, "goto") || token_at(src, i, "return"))) {
      if (src->text[i] == 'g') return true;
      size_t v = skip_space(src, i + 6);
      return strncmp(src->text + v, "NULL", 4) == 0 || strncmp(src->text + v, "-1", 2) == 0;
    }
  }
  return false;
}

/* --- finding mutations ---------------------------------------------------------------------------- */

static void add(MutationList *list, const Source *src, MutationKind kind, size_t start, size_t end,
                const char *replacement) {
  if (list->count == list->capacity) {
    list->capacity = list->capacity ? list->capacity * 2 : 32;
    Mutation *grown = realloc(list->items, list->capacity * sizeof *grown);
    if (grown == NULL) {
      fprintf(stderr, "mutate: out of memory\n");
      exit(3);
    }
    list->items = grown;
  }
  list->items[list->count++] = (Mutation){kind, start, end, xstrndup(replacement, strlen(replacement)),
                                          line_of(src, start)};
}

static void find_mutations(const Source *src, MutationList *list) {
  static const char *const releases[] = {"Py_DECREF", "Py_XDECREF", "Py_CLEAR"};
  static const char *const increfs[] = {"Py_INCREF", "Py_XINCREF"};
  static const char *const steals[] = {"PyTuple_SET_ITEM", "PyList_SET_ITEM", "PyTuple_SetItem",
                                       "PyList_SetItem"};
  size_t open, close, semi;

  for (size_t i = 0; i < src->len; i++) {
    if (!src->is_code[i] || !(isalpha((unsigned char)src->text[i]) || src->text[i] == '_')) continue;
    if (i > 0 && is_ident_char(src->text[i - 1])) continue;

    for (size_t k = 0; k < sizeof releases / sizeof *releases; k++) {
      if (!token_at(src, i, releases[k]) || !call_at(src, i, releases[k], &open, &close, &semi)) continue;
      if (semi && starts_statement(src, i))
        add(list, src, in_error_block(src, i) ? DROP_ERROR_CLEANUP : DELETE_DECREF, i, semi + 1, ";");
      if (k == 1) add(list, src, XDECREF_TO_DECREF, i, i + strlen("Py_XDECREF"), "Py_DECREF");
    }
    for (size_t k = 0; k < sizeof increfs / sizeof *increfs; k++)
      if (token_at(src, i, increfs[k]) && call_at(src, i, increfs[k], &open, &close, &semi) && semi &&
          starts_statement(src, i))
        add(list, src, DELETE_INCREF, i, semi + 1, ";");
    for (size_t k = 0; k < sizeof steals / sizeof *steals; k++) {
      if (!token_at(src, i, steals[k]) || !call_at(src, i, steals[k], &open, &close, &semi) || !semi)
        continue;
      /* The stolen item is the third argument: after the second top-level comma. */
      int depth = 0, commas = 0;
      size_t item = 0;
      for (size_t j = open + 1; j < close; j++) {
        if (!src->is_code[j]) continue;
        char c = src->text[j];
        depth += (c == '(' || c == '[') - (c == ')' || c == ']');
        if (depth == 0 && c == ',' && ++commas == 2) item = j + 1;
      }
      if (item == 0) continue;
      char text[512];
      item = skip_space(src, item);
      int n = (int)(close - item);
      /* Only a plain variable: an expression could have effects when repeated. */
      bool plain = n > 0 && n < 200;
      for (int j = 0; plain && j < n; j++) plain = is_ident_char(src->text[item + (size_t)j]);
      if (!plain) continue;
      snprintf(text, sizeof text, "%.*s Py_DECREF(%.*s);", (int)(semi + 1 - i), src->text + i, n,
               src->text + item);
      add(list, src, DECREF_AFTER_STEAL, i, semi + 1, text);
    }
    if (token_at(src, i, "Py_RETURN_NONE"))
      add(list, src, RETURN_NONE, i, i + strlen("Py_RETURN_NONE"), "return Py_None");
    if (token_at(src, i, "PyModule_AddObjectRef"))
      add(list, src, ADD_OBJECT_REF, i, i + strlen("PyModule_AddObjectRef"), "PyModule_AddObject");
    if (token_at(src, i, "if") && call_at(src, i, "if", &open, &close, &semi)) {
      /* The condition alone: `!x`, `x == NULL` or `NULL == x`, with x a plain name. */
      char cond[128];
      size_t a = skip_space(src, open + 1), b = close;
      while (b > a && isspace((unsigned char)src->text[b - 1])) b--;
      if (b - a >= sizeof cond) continue;
      memcpy(cond, src->text + a, b - a);
      cond[b - a] = '\0';
      /* %n records how far a pattern matched; it must cover the whole condition. */
      char name[128];
      int used = -1, len = (int)strlen(cond);
      bool null_check = (sscanf(cond, "!%127[A-Za-z0-9_]%n", name, &used) == 1 && used == len);
      used = -1;
      null_check = null_check ||
                   (sscanf(cond, "%127[A-Za-z0-9_] == NULL%n", name, &used) == 1 && used == len);
      used = -1;
      null_check = null_check ||
                   (sscanf(cond, "NULL == %127[A-Za-z0-9_]%n", name, &used) == 1 && used == len);
      if (null_check) add(list, src, DROP_NULL_CHECK, open + 1, close, "0");
    }
  }
}

/* --- main -------------------------------------------------------------------------------------------- */

static int usage(void) {
  fprintf(stderr, "usage: mutate --list FILE.c\n       mutate --apply N FILE.c [-o OUT.c]\n");
  return 2;
}

int main(int argc, char **argv) {
  const char *path = NULL, *out_path = NULL;
  long apply = 0;
  bool list_mode = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--list") == 0) list_mode = true;
    else if (strcmp(argv[i], "--apply") == 0 && i + 1 < argc) apply = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out_path = argv[++i];
    else if (argv[i][0] == '-') return usage();
    else path = argv[i];
  }
  if (path == NULL || list_mode == (apply > 0)) return usage();

  Source src;
  if (load_source(path, &src) != 0) {
    fprintf(stderr, "mutate: %s: cannot read\n", path);
    return 2;
  }
  MutationList list = {0};
  find_mutations(&src, &list);
  int status = 0;
  if (list_mode) {
    for (size_t i = 0; i < list.count; i++) {
      const Mutation *m = &list.items[i];
      printf("%zu %s %d %.*s\n", i + 1, kind_names[m->kind], m->line,
             (int)(m->end - m->start), src.text + m->start);
    }
  } else if ((size_t)apply > list.count) {
    fprintf(stderr, "mutate: %s: no mutation %ld (there are %zu)\n", path, apply, list.count);
    status = 2;
  } else {
    const Mutation *m = &list.items[apply - 1];
    FILE *out = out_path ? fopen(out_path, "wb") : stdout;
    if (out == NULL) {
      fprintf(stderr, "mutate: %s: cannot write\n", out_path);
      status = 2;
    } else {
      fwrite(src.text, 1, m->start, out);
      fputs(m->replacement, out);
      /* Keep every later line where it was: a removed statement may have spanned several. */
      int lost = 0;
      for (size_t i = m->start; i < m->end; i++) lost += src.text[i] == '\n';
      for (const char *c = m->replacement; *c; c++) lost -= *c == '\n';
      for (; lost > 0; lost--) fputc('\n', out);
      fwrite(src.text + m->end, 1, src.len - m->end, out);
      if (out != stdout) fclose(out);
    }
  }
  for (size_t i = 0; i < list.count; i++) free(list.items[i].replacement);
  free(list.items);
  free(src.text);
  free(src.is_code);
  return status;
}
