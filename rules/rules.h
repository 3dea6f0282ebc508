/* rules.h — the C-API ownership knowledge base compiled into pyrefcheck.
 *
 * What a refcount checker gets right or wrong is mostly what it knows about each call. That
 * knowledge lives here, apart from the checker, as reviewable text under rules/data/ (one record
 * per function, macro or static inline helper), rules/catalogue.tbl (the rule ids) and
 * rules/data/format-*.tbl (the codes of PyArg_Parse* and Py_BuildValue formats). A generator
 * (rules/gen/rulesgen.c) turns that text into C at build time; nothing is read from disk at run
 * time except the files a user names with --rules. docs/rules.md documents the text formats.
 *
 * The module offers four things:
 *   1. API summaries (RcApi) gathered in a rule set (RcRuleSet): the built-in records, plus
 *      records loaded from --rules files, plus records the analyzer derives from annotations in
 *      the linted source. Later records replace earlier ones of the same name.
 *   2. The rule catalogue (RcRuleInfo): stable ids, severity, summary, and the docs page text.
 *   3. A walker over format strings (RcFormatWalk) that yields, per format unit, the C arguments
 *      the unit consumes, their types and their ownership effect.
 *   4. Annotations: the strings of rules/include/pyrefcheck/annotations.h (and Clang's
 *      rc_ownership_* spellings) turned into summary effects.
 *
 * Invariants:
 *   - Every RcApi reached through a rule set stays valid, unchanged, until rc_ruleset_free(), even
 *     when a later record of the same name replaces it in lookups.
 *   - Argument indexes are 0-based positions in the C call (for macros: in the macro invocation).
 *     Variadic arguments ("...") are not listed in args[]; RC_API_VARIADIC says they exist.
 *   - A record describes the call on every version between `since` and `until`; where a version
 *     changed the semantics, the record describes the newest and says so in `note`.
 *   - Strings in records are never NULL except where a field comment says so.
 *
 * Errors: functions that can fail return 0 on success and -1 on failure; when they take
 * `char **error`, *error receives a malloc'd one-line message ("FILE:LINE: problem" for text the
 * caller gave) that the caller frees, or NULL when memory ran out even for the message. */
#ifndef RC_RULES_H
#define RC_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Version string of the rules data (rules/VERSION), recorded with every run. */
const char *rc_rules_data_version(void);

/* ===== Python versions ========================================================================= */

/* A Python feature version as PY_VERSION_HEX >> 8 would give it: 3.13 is 0x030d00. */
typedef unsigned RcPyVersion;
#define RC_PY_VERSION(major, minor) ((RcPyVersion)(((major) << 16) | ((minor) << 8)))
#define RC_PY_OLDEST RC_PY_VERSION(3, 8)  /* the oldest version the data describes */
#define RC_PY_NEWEST RC_PY_VERSION(3, 14) /* the newest version the data describes */

/* ===== API summaries =========================================================================== */

/* How the oldest header that has it spells the API. Several names are a macro in one version
 * and a static inline of the same name in another (PyTuple_SET_ITEM, Py_INCREF): match a
 * record by name both as a macro expansion and as a call. */
typedef enum {
  RC_API_FUNCTION, /* an exported function */
  RC_API_MACRO,    /* a macro (matched by its spelling in the source, before expansion) */
  RC_API_INLINE    /* a static inline helper (matched as a call after expansion) */
} RcApiKind;

/* What the call returns. */
typedef enum {
  RC_REF_NONE,     /* not an object reference (int, void, a C pointer) */
  RC_REF_NEW,      /* a new (strong) reference the caller owns */
  RC_REF_BORROWED, /* a borrowed reference; see RcApi.borrowed_from */
  RC_REF_NULL      /* always NULL (PyErr_Format, PyErr_NoMemory, ...) */
} RcRefKind;

/* What failure looks like. */
typedef enum {
  RC_FAIL_NEVER,        /* cannot fail */
  RC_FAIL_NULL,         /* returns NULL */
  RC_FAIL_MINUS_ONE,    /* returns -1 */
  RC_FAIL_NEGATIVE,     /* returns a negative value */
  RC_FAIL_ZERO,         /* returns 0 (PyArg_ParseTuple, O& converters) */
  RC_FAIL_MINUS_ONE_CHECK, /* returns -1, which is also a valid result: check PyErr_Occurred()
                            * (PyLong_AsLong, PyFloat_AsDouble returns -1.0) */
  RC_FAIL_NULL_ABSENT   /* NULL means failure or "not found"; RcApi.exc tells which: with
                         * RC_EXC_NOT_SET (PyDict_GetItem) NULL never carries an exception,
                         * with RC_EXC_MAYBE (PyDict_GetItemWithError) check PyErr_Occurred() */
} RcFailKind;

/* Whether a failing call leaves an exception set. */
typedef enum {
  RC_EXC_SET,     /* failure always sets an exception */
  RC_EXC_NOT_SET, /* failure never sets one (PyDict_GetItem swallows errors) */
  RC_EXC_MAYBE    /* failure may or may not set one */
} RcExcKind;

/* What the call does to one argument. */
typedef enum {
  RC_ARG_VALUE,            /* not an object reference (or a PyObject * only compared, as Py_Is) */
  RC_ARG_BORROW,           /* borrows: the caller keeps its reference */
  RC_ARG_STEAL,            /* steals, on success and on failure */
  RC_ARG_STEAL_ON_SUCCESS, /* steals only when the call succeeds (PyModule_AddObject) */
  RC_ARG_OUT_NEW,          /* PyObject **: receives a new reference (on success) */
  RC_ARG_OUT_BORROWED,     /* PyObject **: receives a borrowed reference (PyDict_Next) */
  RC_ARG_INOUT,            /* PyObject **: *p is owned on entry; the callee may release it and
                            * store a new owned reference or NULL (PyBytes_Concat) */
  RC_ARG_INCREF,           /* Py_INCREF: the object gains a reference */
  RC_ARG_DECREF,           /* Py_DECREF: the object loses a reference (nullable: Py_XDECREF) */
  RC_ARG_CLEAR,            /* lvalue: released if not NULL, then set to NULL (Py_CLEAR) */
  RC_ARG_REPLACE           /* lvalue: old value released (nullable: may be NULL, Py_XSETREF),
                            * then set to the argument marked RC_ARG_STEAL (Py_SETREF) */
} RcArgEffect;

typedef struct {
  const char *name;   /* parameter name as the documentation spells it */
  const char *type;   /* C type, normalised spelling: "PyObject *", "const char *" */
  RcArgEffect effect;
  bool nullable;      /* NULL is accepted (for out-parameters: the pointer itself may be NULL) */
} RcApiArg;

/* RcApi.flags */
enum {
  RC_API_RUNS_PYTHON = 1u << 0,          /* may run arbitrary Python code (__del__, __eq__,
                                          * __hash__, ...), which can invalidate borrowed refs */
  RC_API_NORETURN = 1u << 1,             /* never returns (Py_FatalError, Py_Exit) */
  RC_API_RETURNS_FROM_CALLER = 1u << 2,  /* a macro that returns from the calling function,
                                          * with the result the record's `ret` describes
                                          * (Py_RETURN_NONE), or conditionally (Py_VISIT) */
  RC_API_VARIADIC = 1u << 3,             /* takes "..." after the listed arguments */
  RC_API_SETS_EXCEPTION = 1u << 4,       /* always leaves an exception set (PyErr_SetString) */
  RC_API_CLEARS_EXCEPTION = 1u << 5,     /* always leaves no exception set (PyErr_Clear,
                                          * PyErr_Fetch, PyErr_GetRaisedException) */
  RC_API_REPORTS_EXCEPTION = 1u << 6,    /* the result is non-NULL (or non-zero) exactly when an
                                          * exception is set (PyErr_Occurred) */
  RC_API_UNTRACKS = 1u << 7,             /* removes its object argument (the first one) from the
                                          * cycle collector (PyObject_GC_UnTrack) */
  RC_API_FAILS_ON_BAD_ARG = 1u << 8,     /* fails only when given a bad argument (wrong type,
                                          * index out of range), never for lack of memory or
                                          * because Python code ran (PyTuple_GetItem, PyList_Size) */
  RC_API_MODIFIES = 1u << 9,             /* changes the container it is given (the argument a
                                          * borrowed result would live in: the first object
                                          * argument), which may drop the references it held and
                                          * so invalidate references borrowed from it
                                          * (PyDict_SetItem, PyList_SetSlice) */
  RC_API_FROM_ANNOTATIONS = 1u << 10,    /* the record was derived from annotations in the linted
                                          * source, not written as rules data (never in a file) */
  RC_API_FALSE_FOR_NULL = 1u << 11,      /* returns 0 when its object argument (the first one) is
                                          * NULL, instead of crashing (PyCallable_Check) */
  RC_API_SMALL_INT_CACHED = 1u << 12,    /* cannot fail when its integer argument is a constant in
                                          * CPython's cache of small ints, -5 ... 256
                                          * (PyLong_FromLong(0) hands out a cached object) */
  RC_API_FAILS_FOR_NULL = 1u << 13,      /* fails, keeping the pending exception, when a nullable
                                          * object argument is NULL: the failure that made it
                                          * propagates (PyModule_AddObject(m, "E", NULL)) */
  /* Not a word of `flags`: set by the `result-is ARG` keyword. */
  RC_API_RESULT_IS_ARG = 1u << 16        /* the result is the argument RcApi.result_arg itself
                                          * (with the reference `ret` says): NULL in, NULL out
                                          * (Py_NewRef, Py_XNewRef) */
};

/* What a call that fails with -1 (RC_FAIL_MINUS_ONE, RC_FAIL_NEGATIVE) returns on success. */
typedef enum {
  RC_SUCCESS_UNKNOWN,     /* some value >= 0 the data does not describe (the default) */
  RC_SUCCESS_ZERO,        /* 0 only (PyList_Append, PyDict_SetItem, PyModule_AddObjectRef) */
  RC_SUCCESS_BOOL,        /* 0 or 1 (PyObject_IsTrue, PySequence_Contains) */
  RC_SUCCESS_COUNT,       /* any value >= 0, a meaningful count (PyObject_Size) */
  RC_SUCCESS_FOUND        /* 1 with its out-new arguments set, 0 with them NULL (PyDict_GetItemRef);
                           * on failure (-1) they are NULL too */
} RcSuccessKind;

/* The dialect of a format-string argument. */
typedef enum {
  RC_FORMAT_NONE,  /* the call takes no format string */
  RC_FORMAT_PARSE, /* PyArg_Parse* codes: O gives a borrowed reference, O& runs a converter */
  RC_FORMAT_BUILD, /* Py_BuildValue codes: N steals, O and S increment */
  RC_FORMAT_PRINTF /* PyUnicode_FromFormat conversions: %S, %R, %U borrow an object */
} RcFormatDialect;

typedef struct RcApi {
  const char *name;
  RcApiKind kind;
  const char *ret_type;         /* C type of the result ("void" for none; "" for a statement
                                 * macro such as Py_INCREF) */
  RcRefKind ret;
  int borrowed_from;            /* RC_REF_BORROWED: argument index the result lives in (its
                                 * lifetime is bounded by that argument's), or -1 (a global,
                                 * thread state, or unknown) */
  RcFailKind fail;
  RcExcKind exc;                /* meaningful unless fail == RC_FAIL_NEVER */
  RcSuccessKind success;        /* RC_FAIL_MINUS_ONE / RC_FAIL_NEGATIVE: the values on success */
  unsigned flags;               /* RC_API_* */
  int result_arg;               /* with RC_API_RESULT_IS_ARG: the argument index the result is;
                                 * otherwise meaningless (0 in zero-initialised records) */
  RcPyVersion since;            /* first version that has it (RC_PY_OLDEST: 3.8 or older) */
  RcPyVersion until;            /* last version that has it, 0: still in RC_PY_NEWEST */
  RcPyVersion deprecated;       /* version that deprecated it, 0: not deprecated */
  const char *replacement;      /* the safer API to prefer (api-prefer-strong), or NULL */
  RcPyVersion replacement_since; /* first version that has the replacement */
  RcFormatDialect format;
  int format_arg;               /* index of the format string argument, or -1 */
  int varargs_arg;              /* index where the values the format describes start (== nargs
                                 * for "..."), or -1 (a va_list form) */
  int nargs;
  const RcApiArg *args;         /* nargs entries (NULL when nargs == 0) */
  const char *note;             /* one line for a reviewer or a user, or NULL */
  const char *checks_type;      /* a type test (PyType_Check): 1 for an argument whose C type is a
                                 * pointer to this struct (PyTypeObject *), or NULL */
  const char *file;             /* where the record was written: "rules/data/list.api", a
                                 * --rules path, or the annotated source file */
  int line;
} RcApi;

/* True when `api` exists in Python `version`. */
bool rc_api_available(const RcApi *api, RcPyVersion version);

/* Index of the argument that carries the object for a refcount macro (the one whose effect is
 * INCREF, DECREF, CLEAR or REPLACE): debug-build spellings such as _Py_DECREF(filename, lineno, op)
 * do not have it at position 0. Returns -1 when there is none. */
int rc_api_object_arg(const RcApi *api);

/* Index of the object argument in an actual call of `api` with `ncall` arguments whose C types
 * are call_types[0..ncall): when the call has the record's arity, rc_api_object_arg(); otherwise
 * (a debug-build spelling such as Py_DECREF(filename, lineno, op) in 3.11+) the last argument
 * whose type names PyObject. Returns -1 when there is none. */
int rc_api_call_object_arg(const RcApi *api, int ncall, const char *const *call_types);

/* Index of the argument named `name`, or -1. */
int rc_api_arg_index(const RcApi *api, const char *name);

/* Names of the enum values as the text format spells them ("new", "steal-on-success", ...). */
const char *rc_api_kind_name(RcApiKind kind);
const char *rc_ref_kind_name(RcRefKind kind);
const char *rc_fail_kind_name(RcFailKind kind);
const char *rc_exc_kind_name(RcExcKind kind);
const char *rc_success_kind_name(RcSuccessKind kind);
const char *rc_arg_effect_name(RcArgEffect effect);
const char *rc_format_dialect_name(RcFormatDialect dialect);

/* Writes the record in words, several lines (`pyrefcheck rules show`). */
void rc_api_describe(const RcApi *api, FILE *out);

/* Writes the record on one line: name, kind, result, failure, the arguments that are not plainly
 * borrowed, versions and replacement (`pyrefcheck rules list`). */
void rc_api_summarize(const RcApi *api, FILE *out);

/* Formats a version as "3.13" into buf (at least 8 bytes); returns buf. */
char *rc_py_version_format(RcPyVersion version, char *buf);

/* ===== Rule sets =============================================================================== */

/* A set of API records: the built-in data, files loaded with --rules, and records derived from
 * annotations. Owns every record added or loaded into it. Lookups are hashed (called for every
 * call expression the analyzer sees). */
typedef struct RcRuleSet RcRuleSet;

/* Creates a set holding the built-in records. Returns 0, or -1 when out of memory (*out NULL). */
int rc_ruleset_new(RcRuleSet **out);

/* Frees the set and every record it owns. NULL is allowed. */
void rc_ruleset_free(RcRuleSet *set);

/* Loads the records of a --rules file (same format as rules/data/NAME.api, docs/rules.md).
 * All or nothing: on error no record of the file is added and *error says "PATH:LINE: problem"
 * (or "PATH: problem" when the file cannot be read). */
int rc_ruleset_load_file(RcRuleSet *set, const char *path, char **error);

/* Same, from text in memory; `origin` names it in records and messages. */
int rc_ruleset_load_text(RcRuleSet *set, const char *origin, const char *text, char **error);

/* Adds a deep copy of `api` (replacing any record of that name in lookups). Fails on OOM or on a
 * record that does not hold together (borrowed_from out of range, ...), saying why in *error. */
int rc_ruleset_add(RcRuleSet *set, const RcApi *api, char **error);

/* The record named `name`, or NULL when the set knows nothing about it. */
const RcApi *rc_ruleset_lookup(const RcRuleSet *set, const char *name);

/* A mark of what the set shows now; rc_ruleset_rollback(set, mark) makes every record added or
 * replaced since then as it was at the mark (the records themselves stay allocated, as ever).
 * lint takes one per file, so that the annotations one file forwards do not reach the next. Marks
 * nest: roll back to the innermost first. */
size_t rc_ruleset_mark(RcRuleSet *set);
void rc_ruleset_rollback(RcRuleSet *set, size_t mark);

/* Iteration over the records visible to lookups: built-ins in name order, then added ones in the
 * order they came (a replaced built-in keeps its place and shows the replacement). */
size_t rc_ruleset_count(const RcRuleSet *set);
const RcApi *rc_ruleset_at(const RcRuleSet *set, size_t index);

/* The built-in records alone, without a set (for the oracle and tests): name order. */
size_t rc_builtin_api_count(void);
const RcApi *rc_builtin_api_at(size_t index);

/* ===== Annotations ============================================================================= */

/* The annotate strings of rules/include/pyrefcheck/annotations.h. The analyzer forwards every
 * annotate("...") string it finds on a function declaration or on one of its parameters to
 * rc_ruleset_add_annotated(); these names document what it will meet. */
#define RC_ANNOTATE_RETURNS_NEW "pyrefcheck_returns_new"           /* on the function */
#define RC_ANNOTATE_RETURNS_BORROWED "pyrefcheck_returns_borrowed" /* on the function */
#define RC_ANNOTATE_STEALS "pyrefcheck_steals"   /* "pyrefcheck_steals=N" on the function (N is
                                                  * 1-based, as in GCC's nonnull), or bare on the
                                                  * parameter that is stolen */
#define RC_ANNOTATE_SETS_EXCEPTION "pyrefcheck_sets_exception"      /* failure (NULL, or -1 for
                                                                     * int) sets an exception */
#define RC_ANNOTATE_SETS_EXCEPTION_ON_NEGATIVE "pyrefcheck_sets_exception_on_negative"
/* Clang's spellings (RetainCountChecker), accepted as synonyms: */
#define RC_ANNOTATE_CLANG_RETURNS_RETAINED "rc_ownership_returns_retained"
#define RC_ANNOTATE_CLANG_RETURNS_NOT_RETAINED "rc_ownership_returns_not_retained"
#define RC_ANNOTATE_CLANG_CONSUMED "rc_ownership_consumed" /* on a parameter */

typedef enum {
  RC_ANN_UNKNOWN,                    /* not one of ours: ignore it */
  RC_ANN_RETURNS_NEW,
  RC_ANN_RETURNS_BORROWED,
  RC_ANN_STEALS,
  RC_ANN_SETS_EXCEPTION,
  RC_ANN_SETS_EXCEPTION_ON_NEGATIVE
} RcAnnotationKind;

/* Classifies an annotate string. For RC_ANN_STEALS, *arg receives the 0-based argument index
 * from "=N", or -1 when the string names none (it was on the parameter itself). Returns the kind;
 * a malformed index ("pyrefcheck_steals=x") gives RC_ANN_UNKNOWN. */
RcAnnotationKind rc_annotation_parse(const char *text, int *arg);

/* A function declaration with the annotate strings found on it, as the analyzer sees it. */
typedef struct {
  const char *name;
  const char *ret_type;             /* spelling of the result type */
  int nargs;
  const char *const *arg_names;     /* nargs entries (a name may be "") */
  const char *const *arg_types;     /* nargs entries */
  int nannotations;
  const char *const *annotations;   /* the annotate strings */
  const int *annotation_param;      /* for each: the parameter it was on, or -1: the function */
  const char *file;                 /* the declaration's location */
  int line;
} RcAnnotatedDecl;

/* Adds (or replaces) the record of an annotated function. Unannotated PyObject * parameters
 * borrow; a PyObject * result without a returns-* annotation is RC_REF_NEW only if annotated,
 * so a declaration with no annotation of ours adds nothing. Returns 1 when a record was added,
 * 0 when none of the annotations is ours, -1 on error (a steals index out of range, returns-new on
 * a non-pointer result, OOM) with *error set to "FILE:LINE: problem". */
int rc_ruleset_add_annotated(RcRuleSet *set, const RcAnnotatedDecl *decl, char **error);

/* ===== Format strings ========================================================================== */

/* What a format unit does with one C argument. */
typedef enum {
  RC_FMTARG_VALUE,        /* a C value or a pointer to one; no reference involved */
  RC_FMTARG_OUT_BORROWED, /* PyObject **: receives a borrowed reference (PyArg "O") */
  RC_FMTARG_TYPE,         /* PyTypeObject *: the type the object must have (PyArg "O!") */
  RC_FMTARG_CONVERTER,    /* int (*)(PyObject *, void *): a converter run on the object */
  RC_FMTARG_CONVERTER_DATA, /* void *: the converter's out-parameter; what it receives is up to
                             * the converter (often a new reference) */
  RC_FMTARG_BUFFER,       /* Py_buffer *: filled; must be released with PyBuffer_Release */
  RC_FMTARG_MEMORY,       /* char **: receives PyMem_Malloc'd memory to PyMem_Free (PyArg "es") */
  RC_FMTARG_INCREF,       /* PyObject *: Py_BuildValue takes its own reference (O, S) */
  RC_FMTARG_STEAL,        /* PyObject *: stolen, also when the build fails (N) */
  RC_FMTARG_BUILD_CONVERTER, /* PyObject *(*)(void *): converter returning a new reference */
  RC_FMTARG_BORROW          /* PyObject *: only read (PyUnicode_FromFormat "%S", "%R", "%U") */
} RcFmtArgEffect;

#define RC_FORMAT_MAX_CARGS 3

typedef struct {
  const char *code;       /* the code as the format table spells it: "O", "O!", "s#", "es#";
                           * printf: the conversion without '%' and flags ("zd", "S"), or "*"
                           * for a '*' width or precision */
  size_t offset;          /* where it starts in the format string */
  bool optional;          /* PyArg: after '|' */
  bool keyword_only;      /* PyArg: after '$' */
  int ncargs;             /* how many C arguments it consumes (0 .. RC_FORMAT_MAX_CARGS) */
  const char *ctype[RC_FORMAT_MAX_CARGS];   /* the C type each must have: "PyObject **" */
  RcFmtArgEffect effect[RC_FORMAT_MAX_CARGS];
  bool nullable[RC_FORMAT_MAX_CARGS];       /* NULL accepted for that argument (build "z", "O") */
} RcFormatUnit;

/* A walk over one format string. Fields are private to format.c. */
typedef struct {
  RcFormatDialect dialect;
  const char *fmt;
  size_t pos;
  int depth;              /* open parentheses / brackets / braces */
  char stack[32];         /* the closers expected, innermost last */
  bool optional, keyword_only, done;
  bool in_spec;           /* printf: inside a conversion, after a '*' width or precision */
  char error[96];         /* why the format is malformed (after rc_format_next returned -1) */
} RcFormatWalk;

/* Starts walking `fmt` in `dialect` (RC_FORMAT_PARSE, RC_FORMAT_BUILD or RC_FORMAT_PRINTF). */
void rc_format_begin(RcFormatWalk *walk, RcFormatDialect dialect, const char *fmt);

/* Yields the next unit that consumes C arguments. Returns 1 with *unit filled, 0 at the end of the
 * format (or of its argument part: PyArg's ":name" / ";message"), -1 when the format is
 * malformed: walk->error says why and walk->pos where. */
int rc_format_next(RcFormatWalk *walk, RcFormatUnit *unit);

const char *rc_fmtarg_effect_name(RcFmtArgEffect effect);

/* ===== ABI constants ============================================================================ */

/* PyMethodDef.ml_flags and the tp_flags bit the checks and the oracle read from extension tables;
 * the values are CPython's (methodobject.h, object.h), the same in 3.8 ... 3.14. */
enum {
  RC_METH_VARARGS = 0x0001,
  RC_METH_KEYWORDS = 0x0002,
  RC_METH_NOARGS = 0x0004,
  RC_METH_O = 0x0008,
  RC_METH_CLASS = 0x0010,
  RC_METH_STATIC = 0x0020,
  RC_METH_COEXIST = 0x0040,
  RC_METH_FASTCALL = 0x0080,
  RC_METH_METHOD = 0x0200
};
#define RC_TPFLAGS_HAVE_GC (1ULL << 14)

/* ===== Rule catalogue ========================================================================== */

typedef enum { RC_SEVERITY_NOTE, RC_SEVERITY_WARNING, RC_SEVERITY_ERROR } RcSeverity;

typedef struct {
  const char *id;       /* stable id users put in suppressions: "ref-leak" */
  RcSeverity severity;
  const char *summary;  /* one line */
  const char *page;     /* the text of docs/rules/<id>.md embedded at build time, or NULL when
                         * the page was missing (a test fails then) */
} RcRuleInfo;

/* The rule with id `id`, or NULL. */
const RcRuleInfo *rc_rules_find(const char *id);
size_t rc_rules_count(void);
const RcRuleInfo *rc_rules_at(size_t index);
const char *rc_severity_name(RcSeverity severity);

#endif
