/* frontend.h — what to parse and how: inputs, compiler arguments, parsing, compile errors.
 *
 * Inputs are files, directories (every *.c below, in name order) or a build directory holding
 * compile_commands.json (-p DIR, read with libclang's compilation database). Compiler arguments
 * come from the database, from after `--` (also in CMAKE_C_CLANG_TIDY's calling form, where a
 * whole compile command follows: the compiler, -c and -o are dropped), or default to what
 * `python3-config --includes` reports.
 *
 * A file is parsed with the detailed preprocessing record (macro expansions are needed to see
 * Py_CLEAR and friends). Its errors are kept as clang formats them, with their main-file offsets,
 * so that functions whose bodies the errors touch can be skipped with a note that names the error.
 *
 * Ownership: RcJobs and RcParsed own their strings (malloc) and, for RcParsed, the translation
 * unit; free them with rc_frontend_jobs_free() / rc_frontend_parsed_free().
 * Failure: functions return 0, or -1 with *error a malloc'd one-line message for the caller to
 * print and free. */
#ifndef RC_FRONTEND_H
#define RC_FRONTEND_H

#include "macros.h"

#include <clang-c/Index.h>
#include <stdbool.h>

typedef struct {
  char *file;    /* what to parse */
  char **args;   /* compiler arguments for it (no compiler name, no -c / -o, no source file) */
  int nargs;
  unsigned python_version; /* the RcPyVersion to target (its project file's); 0: the session's */
} RcJob;

typedef struct {
  RcJob *items;
  int count, cap;
} RcJobs;

/* Expands the inputs into jobs. `extra` are the arguments after `--` (may be a full compile
 * command). Files named on the command line but absent from a compilation database get the
 * `extra` (or default) arguments. */
int rc_frontend_jobs(char *const *paths, int npaths, const char *build_dir, char *const *extra,
                     int nextra, RcJobs *out, char **error);
void rc_frontend_jobs_free(RcJobs *jobs);

typedef struct {
  char *text;      /* as clang prints it: "file:line:col: error: message" */
  char *message;   /* the message alone */
  bool in_main;    /* located in the main file */
  bool fatal;
  unsigned offset; /* in the main file (in_main) */
} RcCompileError;

typedef struct {
  CXTranslationUnit tu; /* NULL when the file could not be parsed at all */
  RcCompileError *errors;
  int nerrors;
  bool fatal;           /* a fatal error (missing header): later errors were suppressed */
  int py_major, py_minor; /* the PCH's PY_MAJOR/MINOR_VERSION when one was used; else -1 */
  const RcMacroBodies *bodies; /* the function-like macros' bodies: the PCH's (kept until
                                * rc_frontend_cleanup) or the file's own (freed with it) */
  RcMacroBodies *own_bodies;
} RcParsed;

/* Precompiled Python headers: when enabled, files whose text before `#include <Python.h>` is
 * only comments and #defines, and that share it and their arguments with an earlier file, are
 * parsed with a PCH of that prefix built once (in a private directory under $TMPDIR, removed by
 * rc_frontend_cleanup). The PCH keeps the detailed preprocessing record. Off by default. The
 * table of PCHs is shared by the threads of lint -j (locked); the switch and the cleanup are
 * called with no parse under way. */
void rc_frontend_use_pch(bool enabled);
void rc_frontend_cleanup(void);

/* Parses one job. Returns 0 when a translation unit was produced (it may have errors), -1 when
 * libclang could not parse the file at all (*error says why). */
int rc_frontend_parse(CXIndex index, const RcJob *job, RcParsed *out, char **error);
void rc_frontend_parsed_free(RcParsed *parsed);

/* Whether the compile errors touch function definition `fn`: an error inside its extent, or after
 * a fatal error, an invalid declaration in it. *why receives the error's message (owned by
 * `parsed`). */
bool rc_frontend_function_touched(const RcParsed *parsed, CXCursor fn, const char **why);

/* The cursor's extent as a range of file text, for clang_tokenize: an extent that starts inside a
 * macro expansion would be lexed from the macro's definition. When the extent spans two files,
 * *out is the extent itself and the result is false. */
bool rc_frontend_file_extent(CXTranslationUnit tu, CXCursor c, CXSourceRange *out);

/* The number a `#define NAME N` macro-definition cursor defines (PY_MINOR_VERSION), or -1. */
int rc_frontend_macro_number(CXTranslationUnit tu, CXCursor c);

#endif
