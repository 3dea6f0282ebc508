/* config.c — finding and reading `.pyrefcheck` (see config.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- small helpers ------------------------------------------------------------------------------ */

static char *format_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format_error(const char *fmt, ...) {
  va_list ap, again;
  va_start(ap, fmt);
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (text != NULL) vsnprintf(text, (size_t)n + 1, fmt, again);
  va_end(again);
  va_end(ap);
  return text;
}

static char *join_path(const char *dir, const char *name) {
  if (name[0] == '/' || dir[0] == '\0') return strdup(name);
  size_t n = strlen(dir) + strlen(name) + 2;
  char *path = malloc(n);
  if (path != NULL) snprintf(path, n, "%s/%s", dir, name);
  return path;
}

static int list_add(RcStringList *list, char *owned) {
  if (owned == NULL) return -1;
  char **grown = realloc(list->items, (list->count + 1) * sizeof *grown);
  if (grown == NULL) {
    free(owned);
    return -1;
  }
  list->items = grown;
  list->items[list->count++] = owned;
  return 0;
}

static void list_free(RcStringList *list) {
  for (size_t i = 0; i < list->count; i++) free(list->items[i]);
  free(list->items);
  list->items = NULL;
  list->count = 0;
}

static char *trim(char *s) {
  while (isspace((unsigned char)*s)) s++;
  char *end = s + strlen(s);
  while (end > s && isspace((unsigned char)end[-1])) *--end = '\0';
  return s;
}

/* --- public ----------------------------------------------------------------------------------------- */

int rc_config_parse_version(const char *text, RcPyVersion *out) {
  unsigned major, minor;
  int used = -1;
  if (sscanf(text, "%u.%u%n", &major, &minor, &used) != 2 || used != (int)strlen(text)) return -1;
  if (major != 3 || minor > 99) return -1;
  *out = RC_PY_VERSION(major, minor);
  return 0;
}

char *rc_config_find(const char *start_dir) {
  char *dir = realpath(start_dir, NULL);
  if (dir == NULL) return NULL;
  for (;;) {
    char *candidate = join_path(dir, RC_CONFIG_FILE_NAME);
    struct stat st;
    if (candidate != NULL && stat(candidate, &st) == 0 && S_ISREG(st.st_mode)) {
      free(dir);
      return candidate;
    }
    free(candidate);
    char *slash = strrchr(dir, '/');
    if (slash == NULL || (slash == dir && dir[1] == '\0')) break;
    if (slash == dir)
      dir[1] = '\0'; /* up to "/" */
    else
      *slash = '\0';
  }
  free(dir);
  return NULL;
}

/* Applies one `key = value` line. Returns 0, 1 for a problem (message in *error), -1 out of memory. */
static int apply(RcConfig *config, const char *key, char *value, unsigned *seen, char **error) {
  static const char *const keys[] = {"enable", "disable", "python-version", "rules", "include", "define"};
  size_t k = 0;
  while (k < sizeof keys / sizeof *keys && strcmp(keys[k], key) != 0) k++;
  if (k == sizeof keys / sizeof *keys) {
    *error = format_error("unknown key '%s' (expected enable, disable, python-version, rules, include or define)", key);
    return 1;
  }
  if (*seen & (1u << k)) {
    *error = format_error("'%s' given twice", key);
    return 1;
  }
  *seen |= 1u << k;
  if (k == 2) {
    if (rc_config_parse_version(value, &config->python_version) != 0) {
      *error = format_error("bad python-version '%s' (expected 3.N)", value);
      return 1;
    }
    return 0;
  }
  RcStringList *lists[] = {&config->enabled, &config->disabled, NULL, &config->rules_files,
                           &config->include_dirs, &config->defines};
  for (char *item = strtok(value, ","); item != NULL; item = strtok(NULL, ",")) {
    item = trim(item);
    if (*item == '\0') continue;
    if (k <= 1 && rc_rules_find(item) == NULL) {
      *error = format_error("unknown rule id '%s' (see 'pyrefcheck explain --list')", item);
      return 1;
    }
    char *owned = (k == 3 || k == 4) ? join_path(config->dir, item) : strdup(item);
    if (list_add(lists[k], owned) != 0) return -1;
  }
  return 0;
}

int rc_config_load(const char *path, RcConfig **out, char **error) {
  int rc = -1;
  char *line = NULL;
  size_t capacity = 0;
  unsigned line_number = 0, seen = 0;
  *error = NULL;
  RcConfig *config = calloc(1, sizeof *config);
  FILE *f = fopen(path, "r");
  if (config == NULL) goto oom;
  if (f == NULL) {
    *error = format_error("%s: %s", path, strerror(errno));
    goto out;
  }
  config->path = strdup(path);
  const char *slash = strrchr(path, '/');
  config->dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
  if (config->path == NULL || config->dir == NULL) goto oom;

  while (getline(&line, &capacity, f) >= 0) {
    line_number++;
    char *hash = strchr(line, '#');
    if (hash) *hash = '\0';
    char *text = trim(line);
    if (*text == '\0') continue;
    char *eq = strchr(text, '=');
    if (eq == NULL) {
      *error = format_error("%s:%u: expected 'key = value'", path, line_number);
      goto out;
    }
    *eq = '\0';
    char *problem = NULL;
    int applied = apply(config, trim(text), trim(eq + 1), &seen, &problem);
    if (applied < 0) goto oom;
    if (applied > 0) {
      *error = format_error("%s:%u: %s", path, line_number, problem ? problem : "bad line");
      free(problem);
      goto out;
    }
  }
  if (ferror(f)) {
    *error = format_error("%s: read error", path);
    goto out;
  }
  *out = config;
  config = NULL;
  rc = 0;
  goto out;
oom:
  free(*error);
  *error = format_error("%s: out of memory", path);
out:
  if (f != NULL) fclose(f);
  free(line);
  rc_config_free(config);
  return rc;
}

bool rc_config_rule_enabled(const RcConfig *config, const char *rule_id) {
  if (config == NULL) return true;
  for (size_t i = 0; i < config->disabled.count; i++)
    if (strcmp(config->disabled.items[i], rule_id) == 0) return false;
  if (config->enabled.count == 0) return true;
  for (size_t i = 0; i < config->enabled.count; i++)
    if (strcmp(config->enabled.items[i], rule_id) == 0) return true;
  return false;
}

void rc_config_free(RcConfig *config) {
  if (config == NULL) return;
  free(config->path);
  free(config->dir);
  list_free(&config->enabled);
  list_free(&config->disabled);
  list_free(&config->rules_files);
  list_free(&config->include_dirs);
  list_free(&config->defines);
  free(config);
}

/* --- one project file per linted file ------------------------------------------------------------ */

struct RcConfigSet {
  RcConfig **items; /* owned, in the order first met */
  size_t count;
};

RcConfigSet *rc_configset_new(void) { return calloc(1, sizeof(RcConfigSet)); }

void rc_configset_free(RcConfigSet *set) {
  if (set == NULL) return;
  for (size_t i = 0; i < set->count; i++) rc_config_free(set->items[i]);
  free(set->items);
  free(set);
}

int rc_configset_lookup(RcConfigSet *set, const char *path, const RcConfig **out, char **error) {
  *out = NULL;
  struct stat st;
  char *start = NULL;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    start = strdup(path);
  } else {
    const char *slash = strrchr(path, '/');
    start = slash == NULL ? strdup(".") : slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
  }
  if (start == NULL) goto oom;
  char *found = rc_config_find(start); /* absolute: one name per file */
  free(start);
  if (found == NULL) return 0;
  for (size_t i = 0; i < set->count; i++) {
    if (strcmp(set->items[i]->path, found) == 0) {
      free(found);
      *out = set->items[i];
      return 0;
    }
  }
  RcConfig **grown = realloc(set->items, (set->count + 1) * sizeof *grown);
  if (grown == NULL) {
    free(found);
    goto oom;
  }
  set->items = grown;
  RcConfig *config = NULL;
  int rc = rc_config_load(found, &config, error);
  free(found);
  if (rc != 0) return -1;
  set->items[set->count++] = config;
  *out = config;
  return 0;
oom:
  *error = strdup("out of memory");
  return -1;
}

size_t rc_configset_count(const RcConfigSet *set) { return set->count; }

const RcConfig *rc_configset_at(const RcConfigSet *set, size_t index) { return set->items[index]; }
