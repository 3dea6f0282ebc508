/* tables.h — the type objects and method tables a translation unit defines, read as data.
 *
 * Extensions describe their types and methods in static initialisers: PyTypeObject structs
 * (designated or positional), PyType_Slot arrays for heap types, and PyMethodDef arrays. This
 * module reads them from the main file's global initialisers so that checks_type.c never walks
 * cursors: which function is a type's tp_dealloc, tp_traverse, tp_clear; which C function each
 * method entry names, its METH_* flags, and whether the table ends in a sentinel; which members a
 * PyMemberDef table lets Python code set to an object.
 *
 * The names it matches are CPython's type layout (the struct names PyMethodDef, PyTypeObject,
 * PyType_Slot, PyMemberDef and their member names; the T_OBJECT / T_OBJECT_EX member types and the
 * READONLY flag), not API behaviour.
 *
 * Ownership: everything lives in the arena passed to rc_tables_collect; names are interned. */
#ifndef RC_TABLES_H
#define RC_TABLES_H

#include "arena.h"
#include "intern.h"

#include <clang-c/Index.h>
#include <stdbool.h>

typedef struct {
  bool has_name;            /* ml_name is not NULL */
  const RcName *func;       /* the C function ml_meth names (through casts), or NULL */
  int func_nparams;         /* its parameter count, -1 unknown */
  long long flags;
  bool flags_known;
  unsigned line, col;
} RcMethodEntry;

typedef struct {
  const RcName *var;
  unsigned line, col;
  RcMethodEntry *entries;
  int n, cap;
  bool zero_tail;           /* declared larger than its initialisers: the tail is zero */
} RcMethodTable;

/* A PyMemberDef entry that holds an object (T_OBJECT, T_OBJECT_EX) and Python code may set (no
 * READONLY): the member descriptor stores a reference of its own there. */
typedef struct {
  const RcName *record;     /* offsetof(Record, field): the record, spelled as RcExpr.record */
  const RcName *field;
  unsigned line, col;
} RcObjectMember;

typedef struct {
  const RcName *var;
  RcObjectMember *writable; /* its writable object members */
  int n, cap;
} RcMemberTable;

typedef struct {
  const RcName *var;
  unsigned line, col;
  bool heap;                /* a PyType_Slot array (PyType_FromSpec) */
  bool flags_known;
  unsigned long long flags; /* tp_flags, when a constant */
  const RcName *dealloc, *traverse, *clear, *iternext;
  const RcName *tp_new, *tp_init;   /* function names, the API's too (PyType_GenericNew) */
  const RcName *tp_methods;         /* the PyMethodDef array it names (RcMethodTable.var) */
  const RcName *tp_members;         /* the PyMemberDef array it names (RcMemberTable.var) */
} RcTypeTable;

typedef struct {
  RcMethodTable *methods;
  int nmethods, method_cap;
  RcTypeTable *types;
  int ntypes, type_cap;
  RcMemberTable *members;
  int nmembers, member_cap;
  const RcName **slots;     /* every function named in a type, slot, method, getset or module
                             * table: what Python calls, with Python's error protocol */
  int nslots, slot_cap;
} RcTables;

/* The PyMemberDef table named `var`, or NULL. */
const RcMemberTable *rc_tables_member_table(const RcTables *t, const RcName *var);

/* Reads the tables of the main file of `tu`. Returns 0 (allocation failures abort). */
int rc_tables_collect(CXTranslationUnit tu, RcIntern *intern, RcArena *arena, RcTables **out);

#endif
