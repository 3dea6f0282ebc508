/* testdata_runner.c — lints every testdata case and compares the findings with the expectations
 * written inline in the case (the format is documented in testdata/README.md):
 *
 *   // expect: rule-id[, rule-id...]   a finding with each id must be reported on this line
 *   // expect-clean                    the function whose body holds this gets no finding at all
 *   // expect-lint-exit: N             the linter must exit with N (default: 0 or 1)
 *
 * Every finding must be expected and every expectation met. One line per failing case, then
 * "N passed, N failed". Exit status 0 only when every case passed.
 *
 * usage: testdata-runner --linter PROGRAM [--linter-arg ARG]... [--verbose] PATH...
 * PATH is a case file or a directory searched recursively for *.c. The linter is run as
 * `PROGRAM lint ARG... CASE` and its stdout is read for lines `FILE:LINE:COL: SEVERITY: ... [rule-id]`. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MAX_RULE_ID = 64, MAX_LINTER_ARGS = 32 };

typedef struct {
  int line;
  char rule[MAX_RULE_ID];
  bool matched; /* paired with an item of the other side */
} Mark;

typedef struct {
  Mark *items;
  size_t count, capacity;
} MarkList;

typedef struct {
  int first_line, last_line; /* the function's extent, 1-based, inclusive */
  char name[128];
} CleanRange;

typedef struct {
  char **items;
  size_t count, capacity;
} StringList;

static const char *linter_program;
static const char *linter_args[MAX_LINTER_ARGS];
static int linter_arg_count;
static bool verbose;

/* --- small containers ------------------------------------------------------------------------ */

static void *xrealloc(void *p, size_t size) {
  void *q = realloc(p, size);
  if (q == NULL) {
    fprintf(stderr, "testdata-runner: out of memory\n");
    exit(3);
  }
  return q;
}

static void marks_add(MarkList *list, int line, const char *rule, size_t rule_len) {
  if (list->count == list->capacity) {
    list->capacity = list->capacity ? list->capacity * 2 : 16;
    list->items = xrealloc(list->items, list->capacity * sizeof *list->items);
  }
  Mark *m = &list->items[list->count++];
  m->line = line;
  if (rule_len >= MAX_RULE_ID) rule_len = MAX_RULE_ID - 1;
  memcpy(m->rule, rule, rule_len);
  m->rule[rule_len] = '\0';
  m->matched = false;
}

static void strings_add(StringList *list, const char *s) {
  if (list->count == list->capacity) {
    list->capacity = list->capacity ? list->capacity * 2 : 64;
    list->items = xrealloc(list->items, list->capacity * sizeof *list->items);
  }
  list->items[list->count++] = strdup(s);
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_rule_char(int c) { return islower(c) || isdigit(c) || c == '-'; }

/* --- reading a case ---------------------------------------------------------------------------- */

/* Reads the whole file into a NUL-terminated buffer; NULL on failure. */
static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  char *buf = NULL;
  size_t len = 0, cap = 0, n;
  char chunk[8192];
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (len + n + 1 > cap) {
      cap = (len + n + 1) * 2;
      buf = xrealloc(buf, cap);
    }
    memcpy(buf + len, chunk, n);
    len += n;
  }
  fclose(f);
  if (buf == NULL) buf = xrealloc(NULL, 1);
  buf[len] = '\0';
  return buf;
}

/* Finds the extent of the top-level brace block (function body) that contains `line`, by brace
 * depth outside comments, strings and character literals. Returns false if `line` is at file scope. */
static bool enclosing_function(const char *text, int line, CleanRange *out) {
  int depth = 0, current = 1, open_line = 0;
  const char *p = text, *open_at = NULL;
  while (*p) {
    if (p[0] == '/' && p[1] == '/') {
      while (*p && *p != '\n') p++;
      continue;
    }
    if (p[0] == '/' && p[1] == '*') {
      for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
        if (*p == '\n') current++;
      if (*p) p += 2;
      continue;
    }
    if (*p == '"' || *p == '\'') {
      char quote = *p++;
      while (*p && *p != quote && *p != '\n') p += (p[0] == '\\' && p[1]) ? 2 : 1;
      if (*p == quote) p++;
      continue;
    }
    if (*p == '\n') current++;
    if (*p == '{' && depth++ == 0) {
      open_line = current;
      open_at = p;
    }
    if (*p == '}' && depth > 0 && --depth == 0 && open_line <= line && line <= current) {
      out->first_line = open_line;
      out->last_line = current;
      /* The name: the identifier just before the last '(' preceding the opening brace. */
      const char *q = open_at, *paren = NULL;
      while (q > text && q[-1] != ';' && q[-1] != '}') {
        q--;
        if (*q == '(') paren = q;
      }
      snprintf(out->name, sizeof out->name, "?");
      if (paren != NULL) {
        const char *end = paren;
        while (end > text && isspace((unsigned char)end[-1])) end--;
        const char *start = end;
        while (start > text && (isalnum((unsigned char)start[-1]) || start[-1] == '_')) start--;
        if (end > start) snprintf(out->name, sizeof out->name, "%.*s", (int)(end - start), start);
      }
      return true;
    }
    p++;
  }
  return false;
}

/* Collects `// expect:` marks, `// expect-clean` ranges and the expected linter exit status. */
static void read_expectations(const char *text, MarkList *expected, CleanRange **clean,
                              size_t *clean_count, int *expected_exit) {
  int line = 1;
  for (const char *p = text; *p; p++) {
    if (*p == '\n') {
      line++;
      continue;
    }
    if (p[0] != '/' || p[1] != '/') continue;
    const char *c = p + 2;
    while (*c == ' ' || *c == '\t') c++;
    if (strncmp(c, "expect:", 7) == 0) {
      c += 7;
      for (;;) {
        while (*c == ' ' || *c == '\t' || *c == ',') c++;
        const char *start = c;
        while (is_rule_char((unsigned char)*c)) c++;
        if (c == start) break;
        marks_add(expected, line, start, (size_t)(c - start));
      }
    } else if (strncmp(c, "expect-clean", 12) == 0 && !is_rule_char((unsigned char)c[12])) {
      CleanRange range;
      if (enclosing_function(text, line, &range)) {
        *clean = xrealloc(*clean, (*clean_count + 1) * sizeof **clean);
        (*clean)[(*clean_count)++] = range;
      }
    } else if (strncmp(c, "expect-lint-exit:", 17) == 0) {
      *expected_exit = atoi(c + 17);
    }
    while (p[1] && p[1] != '\n') p++;
  }
}

/* --- running the linter ------------------------------------------------------------------------ */

/* Runs the linter on `path`; fills `out` with its stdout and `err` with its stderr. Returns its
 * exit status, or -1 if it could not be run or died of a signal. */
static int run_linter(const char *path, char **out, char **err) {
  char out_template[] = "/tmp/rc-runner-out-XXXXXX", err_template[] = "/tmp/rc-runner-err-XXXXXX";
  int out_fd = mkstemp(out_template), err_fd = mkstemp(err_template);
  if (out_fd < 0 || err_fd < 0) {
    fprintf(stderr, "testdata-runner: cannot create a temporary file: %s\n", strerror(errno));
    exit(3);
  }
  const char *argv[MAX_LINTER_ARGS + 4];
  int argc = 0;
  argv[argc++] = linter_program;
  argv[argc++] = "lint";
  for (int i = 0; i < linter_arg_count; i++) argv[argc++] = linter_args[i];
  argv[argc++] = path;
  argv[argc] = NULL;

  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execv(linter_program, (char *const *)argv);
    fprintf(stderr, "cannot run %s: %s\n", linter_program, strerror(errno));
    _exit(127);
  }
  int status = 0;
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  close(out_fd);
  close(err_fd);
  *out = read_file(out_template);
  *err = read_file(err_template);
  unlink(out_template);
  unlink(err_template);
  if (pid < 0 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

/* Parses `FILE:LINE:COL: SEVERITY: MESSAGE [rule-id]` lines; other lines (path notes, compiler
 * diagnostics such as `[-Wfoo]`) are not findings. */
static void parse_findings(char *output, MarkList *found) {
  for (char *line = strtok(output, "\n"); line != NULL; line = strtok(NULL, "\n")) {
    size_t len = strlen(line);
    while (len > 0 && isspace((unsigned char)line[len - 1])) line[--len] = '\0';
    if (len < 3 || line[len - 1] != ']') continue;
    char *open = strrchr(line, '[');
    if (open == NULL || !islower((unsigned char)open[1])) continue;
    bool rule_ok = true;
    for (char *c = open + 1; c < line + len - 1; c++) rule_ok = rule_ok && is_rule_char((unsigned char)*c);
    if (!rule_ok) continue;
    /* The location: the first ":LINE:COL: " after the file name. */
    char *colon = strstr(line, ": ");
    if (colon == NULL) continue;
    char *cursor = colon;
    int fields = 0;
    while (cursor > line && fields < 2) { /* step back over ":COL" and ":LINE" */
      cursor--;
      if (*cursor == ':') fields++;
    }
    if (fields < 2) continue;
    int line_number = atoi(cursor + 1);
    if (line_number <= 0) continue;
    marks_add(found, line_number, open + 1, (size_t)(line + len - 1 - (open + 1)));
  }
}

/* --- judging a case ------------------------------------------------------------------------------ */

/* Appends one problem, printf-style, to the case's failure description (separated by "; "). */
static void describe(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void describe(char *buf, size_t size, const char *fmt, ...) {
  size_t used = strlen(buf);
  if (used > 0 && used + 2 < size) {
    strcpy(buf + used, "; ");
    used += 2;
  }
  if (used + 1 >= size) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + used, size - used, fmt, ap);
  va_end(ap);
}

/* Lints one case and judges it. Prints one line when it fails (more with --verbose). */
static bool run_case(const char *path) {
  char *text = read_file(path);
  if (text == NULL) {
    printf("FAIL %s: cannot read: %s\n", path, strerror(errno));
    return false;
  }
  MarkList expected = {0}, found = {0};
  CleanRange *clean = NULL;
  size_t clean_count = 0;
  int expected_exit = -1;
  read_expectations(text, &expected, &clean, &clean_count, &expected_exit);

  char *out = NULL, *err = NULL;
  int status = run_linter(path, &out, &err);
  char *out_copy = strdup(out);
  parse_findings(out_copy, &found);

  char problems[4096] = "";
  if (status < 0)
    describe(problems, sizeof problems, "linter did not exit normally");
  else if (expected_exit >= 0 ? status != expected_exit : (status != 0 && status != 1))
    describe(problems, sizeof problems, "linter exited %d", status);
  for (size_t i = 0; i < expected.count; i++)
    for (size_t j = 0; j < found.count && !expected.items[i].matched; j++)
      if (!found.items[j].matched && found.items[j].line == expected.items[i].line &&
          strcmp(found.items[j].rule, expected.items[i].rule) == 0)
        expected.items[i].matched = found.items[j].matched = true;
  for (size_t i = 0; i < expected.count; i++)
    if (!expected.items[i].matched)
      describe(problems, sizeof problems, "missing %s at line %d", expected.items[i].rule,
               expected.items[i].line);
  for (size_t j = 0; j < found.count; j++) {
    if (found.items[j].matched) continue;
    const char *in_clean = NULL;
    for (size_t k = 0; k < clean_count; k++)
      if (clean[k].first_line <= found.items[j].line && found.items[j].line <= clean[k].last_line)
        in_clean = clean[k].name;
    if (in_clean != NULL)
      describe(problems, sizeof problems, "unexpected %s at line %d in expect-clean function %s",
               found.items[j].rule, found.items[j].line, in_clean);
    else
      describe(problems, sizeof problems, "unexpected %s at line %d", found.items[j].rule,
               found.items[j].line);
  }

  bool passed = problems[0] == '\0';
  if (!passed) printf("FAIL %s: %s\n", path, problems);
  if (!passed && verbose) printf("--- linter stdout:\n%s--- linter stderr:\n%s---\n", out, err);
  free(text);
  free(out);
  free(out_copy);
  free(err);
  free(expected.items);
  free(found.items);
  free(clean);
  return passed;
}

/* --- finding the cases ------------------------------------------------------------------------------ */

static void collect_cases(const char *path, StringList *cases) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "testdata-runner: %s: %s\n", path, strerror(errno));
    exit(2);
  }
  if (!S_ISDIR(st.st_mode)) {
    strings_add(cases, path);
    return;
  }
  DIR *dir = opendir(path);
  if (dir == NULL) {
    fprintf(stderr, "testdata-runner: %s: %s\n", path, strerror(errno));
    exit(2);
  }
  StringList entries = {0};
  for (struct dirent *e; (e = readdir(dir)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    char child[4096];
    snprintf(child, sizeof child, "%s/%s", path, e->d_name);
    strings_add(&entries, child);
  }
  closedir(dir);
  qsort(entries.items, entries.count, sizeof *entries.items, compare_strings);
  for (size_t i = 0; i < entries.count; i++) {
    const char *child = entries.items[i];
    size_t len = strlen(child);
    if (stat(child, &st) == 0 && S_ISDIR(st.st_mode))
      collect_cases(child, cases);
    else if (len > 2 && strcmp(child + len - 2, ".c") == 0)
      strings_add(cases, child);
    free(entries.items[i]);
  }
  free(entries.items);
}

int main(int argc, char **argv) {
  StringList cases = {0};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--linter") == 0 && i + 1 < argc) {
      linter_program = argv[++i];
    } else if (strcmp(argv[i], "--linter-arg") == 0 && i + 1 < argc) {
      if (linter_arg_count == MAX_LINTER_ARGS) {
        fprintf(stderr, "testdata-runner: too many --linter-arg\n");
        return 2;
      }
      linter_args[linter_arg_count++] = argv[++i];
    } else if (strcmp(argv[i], "--verbose") == 0) {
      verbose = true;
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "testdata-runner: unknown option '%s'\n", argv[i]);
      return 2;
    } else {
      collect_cases(argv[i], &cases);
    }
  }
  if (linter_program == NULL || cases.count == 0) {
    fprintf(stderr, "usage: testdata-runner --linter PROGRAM [--linter-arg ARG]... [--verbose] PATH...\n");
    return 2;
  }
  int passed = 0, failed = 0;
  for (size_t i = 0; i < cases.count; i++) {
    if (run_case(cases.items[i]))
      passed++;
    else
      failed++;
    free(cases.items[i]);
  }
  free(cases.items);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
