/* config.h — the project configuration file `.pyrefcheck`.
 *
 * Found the way clang-tidy finds `.clang-tidy`: the nearest one in the linted file's directory or
 * any directory above it. Its format is one `key = value` per line; `#` starts a comment; lists are
 * comma-separated; relative paths are relative to the directory holding the file:
 *
 *   # .pyrefcheck
 *   disable = api-prefer-strong            # rule ids not to report (or: enable = only these)
 *   python-version = 3.9                   # for api-prefer-strong and version-dependent rules
 *   rules = tools/numpy.api                # extra API rules files (the rules/ format)
 *   include = include, third_party/inc     # added as -I
 *   define = NPY_NO_DEPRECATED_API=0       # added as -D
 *
 * An unknown key, an unknown rule id, a bad version or a key given twice is an error naming
 * `file:line`. Ownership: an RcConfig owns all its strings. */
#ifndef RC_CONFIG_H
#define RC_CONFIG_H

#include "rules.h"

#include <stdbool.h>
#include <stddef.h>

#define RC_CONFIG_FILE_NAME ".pyrefcheck"

typedef struct {
  char **items; /* owned */
  size_t count;
} RcStringList;

typedef struct {
  char *path;                 /* the file read, as given */
  char *dir;                  /* its directory: base of relative paths */
  RcStringList enabled;       /* when non-empty: only these rules are reported */
  RcStringList disabled;      /* rules not reported */
  RcPyVersion python_version; /* 0: not set */
  RcStringList rules_files;   /* resolved against dir */
  RcStringList include_dirs;  /* resolved against dir */
  RcStringList defines;       /* NAME or NAME=VALUE */
} RcConfig;

/* Searches `start_dir` and its ancestors for RC_CONFIG_FILE_NAME. Returns a malloc'd path, or NULL
 * when there is none (or memory ran out). */
char *rc_config_find(const char *start_dir);

/* Reads the configuration file at `path`. Returns 0 and a new config in *out, or -1 with a
 * malloc'd "path:line: problem" (or "path: problem") in *error. */
int rc_config_load(const char *path, RcConfig **out, char **error);

/* True when findings of `rule_id` are reported under this configuration (NULL: all are). */
bool rc_config_rule_enabled(const RcConfig *config, const char *rule_id);

/* Parses "3.N" into a version; returns 0, or -1 for anything else. */
int rc_config_parse_version(const char *text, RcPyVersion *out);

void rc_config_free(RcConfig *config);

/* The project files of a run, each read once: `lint` uses for each file the nearest one above it
 * (as clang-tidy does), so that a tree whose parts have their own .pyrefcheck is linted in one
 * run. The set owns the configs it hands out. */
typedef struct RcConfigSet RcConfigSet;

RcConfigSet *rc_configset_new(void); /* NULL when out of memory */
void rc_configset_free(RcConfigSet *set); /* accepts NULL */

/* The project file for `path` — a file: searched from its directory; a directory: from itself —
 * read on first use. *out is NULL when there is none. Returns 0, or -1 with *error malloc'd
 * ("file:line: problem") when the file found cannot be read or is malformed. */
int rc_configset_lookup(RcConfigSet *set, const char *path, const RcConfig **out, char **error);

/* The configs read so far, in the order first met. */
size_t rc_configset_count(const RcConfigSet *set);
const RcConfig *rc_configset_at(const RcConfigSet *set, size_t index);

#endif
