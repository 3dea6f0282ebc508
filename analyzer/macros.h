/* macros.h — where API macros are invoked in the main file of a translation unit.
 *
 * libclang's detailed preprocessing record lists every macro expansion with its extent. This
 * module keeps the ones whose name a filter accepts (the API operations the rules know), with the
 * extents of their arguments, so that lowering can replace the code an invocation expanded to by
 * one operation named for the macro: Py_CLEAR has no call at all after expansion and
 * PyList_GET_ITEM is a subscript, yet both become an RC_EX_CALL of the macro.
 *
 * Ownership: an RcMacroMap and its entries live in the arena given to rc_macros_collect(); names
 * are interned. Offsets are byte offsets in the main file; ranges are half-open [begin, end).
 *
 * Invariant: entries are sorted by begin offset; an entry's argument ranges lie inside it. */
#ifndef RC_MACROS_H
#define RC_MACROS_H

#include "arena.h"
#include "intern.h"

#include <clang-c/Index.h>
#include <stdbool.h>

/* What the filter says about a macro name. */
enum {
  RC_MACRO_IGNORE = 0,
  RC_MACRO_API = 1,      /* an API operation: an invocation becomes one call of the macro */
  RC_MACRO_STATEMENT = 2, /* it may also stand for a whole statement (Py_CLEAR's do/while) */
  RC_MACRO_RETURNS = 4    /* it is a `return` of the caller (Py_RETURN_NONE) */
};

typedef int (*RcMacroFilter)(void *ctx, const RcName *name);

typedef struct {
  unsigned begin, end;
} RcRange;

typedef struct {
  const RcName *name;
  unsigned begin, end;   /* the invocation, name to closing parenthesis */
  unsigned line, col;
  bool function_like;    /* invoked with an argument list */
  bool statement_ok;     /* RC_MACRO_STATEMENT */
  bool returns;          /* RC_MACRO_RETURNS */
  int nargs;
  RcRange *args;         /* the text of each argument */
} RcMacroUse;

typedef struct RcMacroMap RcMacroMap;

/* Collects the accepted macro invocations of the main file of `tu`. Returns 0; -1 is not possible
 * today (allocation aborts), the int is for symmetry with the other builders. */
int rc_macros_collect(CXTranslationUnit tu, RcIntern *intern, RcArena *arena, RcMacroFilter filter,
                      void *ctx, RcMacroMap **out);

/* The invocation that `[begin, end)` was expanded from: the one containing the range without the
 * range lying inside one of its arguments. `skip` (may be NULL) is never returned. NULL if none. */
const RcMacroUse *rc_macros_find(const RcMacroMap *map, unsigned begin, unsigned end,
                                 const RcMacroUse *skip);

/* The name of any macro (API or not) whose invocation spans exactly [begin, end), or NULL: lets
 * messages say 'Py_None' where the code says Py_None. */
const RcName *rc_macros_spelled(const RcMacroMap *map, unsigned begin, unsigned end);

/* For an expression written in the body of a function-like macro (any macro, API or not) whose
 * invocation holds [begin, end): when `operand` (a file range) lies in one of the invocation's
 * arguments, the tokens that follow (operand_is_left) or precede that parameter in the macro's
 * definition are written to out[] (allocated in the map's arena). Lowering uses them as candidate
 * operators, libclang 14 having no spelling locations. Returns how many. */
int rc_macros_body_operators(const RcMacroMap *map, unsigned begin, unsigned end, RcRange operand,
                             bool operand_is_left, const char **out, int max);

/* The same, anchored on an identifier written in the body (a local variable the macro uses):
 * the tokens after (ident_is_left) or before each occurrence of `ident`. */
int rc_macros_body_operators_near(const RcMacroMap *map, unsigned begin, unsigned end,
                                  const char *ident, bool ident_is_left, const char **out, int max);

/* The punctuation tokens of the body of the macro whose invocation holds [begin, end) (commas
 * between arguments excluded): the unanchored candidates for an operator in the body. */
int rc_macros_body_all_operators(const RcMacroMap *map, unsigned begin, unsigned end,
                                 const char **out, int max);

/* The bodies of a translation unit's function-like macros, by name, as token texts: what an API
 * macro nested in a project's macro (Py_CLEAR inside `#define WITH_MOD(n) Py_CLEAR(m); ...`)
 * expands to, where its operators are. A unit parsed with a PCH does not list the PCH's macro
 * definitions, so the front end collects them when it builds the PCH (frontend.c); without a PCH
 * from the file's own unit. Read-only once built (shared by the threads of lint -j); malloc'd. */
typedef struct RcMacroBodies RcMacroBodies;
RcMacroBodies *rc_macro_bodies_collect(CXTranslationUnit tu);
void rc_macro_bodies_free(RcMacroBodies *bodies);

/* Uses `bodies` (which must outlive the map) for macros nested in macros. */
void rc_macros_set_bodies(RcMacroMap *map, const RcMacroBodies *bodies);

/* For an expression in the body of the macro whose invocation holds [begin, end) whose operand
 * `ident` is not written in that body: the operators next to `ident` in the bodies of the
 * function-like macros that body invokes, searched depth first (Py_CLEAR's `_py_tmp != NULL`).
 * Returns how many (0: `ident` is in none of them, or no bodies were given); -1 when `ident` is
 * in the outer body itself. */
int rc_macros_nested_operators_near(const RcMacroMap *map, unsigned begin, unsigned end,
                                    const char *ident, bool ident_is_left, const char **out, int max);

/* Number of entries (for tests). */
int rc_macros_count(const RcMacroMap *map);

#endif
