/* tables.c — reading type objects, slot arrays and method tables (see tables.h). */
#include "tables.h"

#include "frontend.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  CXTranslationUnit tu;
  RcIntern *intern;
  RcArena *arena;
  RcTables *tables;
} Ctx;

typedef struct {
  CXCursor *items;
  int count, cap;
  RcArena *arena;
} Kids;

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  Kids *k = data;
  RC_VEC_PUSH(k->arena, k->items, k->count, k->cap, c);
  return CXChildVisit_Continue;
}

static Kids kids_of(Ctx *x, CXCursor c) {
  Kids k = {NULL, 0, 0, x->arena};
  clang_visitChildren(c, collect, &k);
  return k;
}

static const RcName *name_of(Ctx *x, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  const RcName *n = rc_intern_cstr(x->intern, clang_getCString(s));
  clang_disposeString(s);
  return n;
}

static void loc_of(CXCursor c, unsigned *line, unsigned *col) {
  CXFile f;
  unsigned off;
  clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, line, col, &off);
}

/* The function an initialiser names, through casts and parentheses; NULL when it is none. */
static CXCursor function_in(Ctx *x, CXCursor c) {
  for (int guard = 0; guard < 16; guard++) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_DeclRefExpr) {
      CXCursor ref = clang_getCursorReferenced(c);
      return clang_getCursorKind(ref) == CXCursor_FunctionDecl ? ref : clang_getNullCursor();
    }
    Kids kids = kids_of(x, c);
    CXCursor next = clang_getNullCursor();
    for (int i = 0; i < kids.count; i++)
      if (clang_isExpression(clang_getCursorKind(kids.items[i]))) next = kids.items[i];
    if (clang_Cursor_isNull(next)) break;
    c = next;
  }
  return clang_getNullCursor();
}

static bool eval_int(CXCursor c, long long *v) {
  CXEvalResult r = clang_Cursor_Evaluate(c);
  if (r == NULL) return false;
  bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
  if (ok) *v = clang_EvalResult_getAsLongLong(r);
  clang_EvalResult_dispose(r);
  return ok;
}

/* True for 0, NULL, (void *)0 and the like. */
static bool is_null_constant(Ctx *x, CXCursor c) {
  for (int guard = 0; guard < 16; guard++) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_IntegerLiteral) {
      long long v = 1;
      return eval_int(c, &v) && v == 0;
    }
    if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr)
      return false;
    Kids kids = kids_of(x, c);
    CXCursor next = clang_getNullCursor();
    for (int i = 0; i < kids.count; i++)
      if (clang_isExpression(clang_getCursorKind(kids.items[i]))) next = kids.items[i];
    if (clang_Cursor_isNull(next)) return false;
    c = next;
  }
  return false;
}

/* The record type's name behind `t` (arrays: their element), e.g. "PyMethodDef". */
static void record_name(CXType t, char *buf, size_t size) {
  buf[0] = '\0';
  /* an anonymous struct behind a typedef (PyType_Slot) is known by the typedef's name */
  CXType elem = t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray
                    ? clang_getArrayElementType(t) : t;
  if (elem.kind == CXType_Typedef || elem.kind == CXType_Elaborated) {
    CXString ts = clang_getTypeSpelling(elem);
    const char *name = clang_getCString(ts);
    if (strncmp(name, "const ", 6) == 0) name += 6;
    if (strcmp(name, "PyType_Slot") == 0) {
      snprintf(buf, size, "%s", name);
      clang_disposeString(ts);
      return;
    }
    clang_disposeString(ts);
  }
  CXType c = clang_getCanonicalType(t);
  if (c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray)
    c = clang_getCanonicalType(clang_getArrayElementType(c));
  if (c.kind != CXType_Record) return;
  CXString s = clang_getCursorSpelling(clang_getTypeDeclaration(c));
  snprintf(buf, size, "%s", clang_getCString(s));
  clang_disposeString(s);
}

/* A designated initialiser (UnexposedExpr: MemberRef, value): the member's name and the value. */
static bool designated(Ctx *x, CXCursor c, const RcName **member, CXCursor *value) {
  if (clang_getCursorKind(c) != CXCursor_UnexposedExpr) return false;
  Kids k = kids_of(x, c);
  if (k.count < 2 || clang_getCursorKind(k.items[0]) != CXCursor_MemberRef) return false;
  *member = name_of(x, k.items[0]);
  *value = k.items[k.count - 1];
  return true;
}

typedef struct {
  const RcName **names;
  int count, cap;
  RcArena *arena;
  RcIntern *intern;
} Fields;

static enum CXVisitorResult field_name(CXCursor c, CXClientData data) {
  Fields *f = data;
  CXString s = clang_getCursorSpelling(c);
  const RcName *n = rc_intern_cstr(f->intern, clang_getCString(s));
  clang_disposeString(s);
  RC_VEC_PUSH(f->arena, f->names, f->count, f->cap, n);
  return CXVisit_Continue;
}

/* Member/value pairs of a struct initialiser, designated or positional. */
static int members(Ctx *x, CXCursor init, CXType type, const RcName ***names, CXCursor **values) {
  Fields fields = {NULL, 0, 0, x->arena, x->intern};
  clang_Type_visitFields(clang_getCanonicalType(type), field_name, &fields);
  Kids k = kids_of(x, init);
  *names = RC_NEW_ARRAY(x->arena, const RcName *, k.count + 1);
  *values = RC_NEW_ARRAY(x->arena, CXCursor, k.count + 1);
  int pos = 0;
  for (int i = 0; i < k.count; i++) {
    const RcName *m = NULL;
    CXCursor v;
    if (designated(x, k.items[i], &m, &v)) {
      for (int f = 0; f < fields.count; f++)
        if (fields.names[f] == m) pos = f;
      (*names)[i] = m;
      (*values)[i] = v;
      pos++;
    } else {
      (*names)[i] = pos < fields.count ? fields.names[pos] : NULL;
      (*values)[i] = k.items[i];
      pos++;
    }
  }
  return k.count;
}

static bool is_named(const RcName *n, const char *text) { return n != NULL && strcmp(n->text, text) == 0; }

static void read_method_table(Ctx *x, CXCursor var, CXCursor init) {
  RcMethodTable t;
  memset(&t, 0, sizeof t);
  t.var = name_of(x, var);
  loc_of(var, &t.line, &t.col);
  Kids elems = kids_of(x, init);
  CXType vt = clang_getCanonicalType(clang_getCursorType(var));
  if (vt.kind == CXType_ConstantArray && clang_getArraySize(vt) > elems.count) t.zero_tail = true;
  CXType et = clang_getArrayElementType(vt);
  for (int i = 0; i < elems.count; i++) {
    if (clang_getCursorKind(elems.items[i]) != CXCursor_InitListExpr) continue;
    RcMethodEntry e;
    memset(&e, 0, sizeof e);
    e.func_nparams = -1;
    loc_of(elems.items[i], &e.line, &e.col);
    const RcName **names;
    CXCursor *values;
    int n = members(x, elems.items[i], et, &names, &values);
    for (int m = 0; m < n; m++) {
      if (is_named(names[m], "ml_name")) {
        e.has_name = !is_null_constant(x, values[m]);
      } else if (is_named(names[m], "ml_meth")) {
        CXCursor fn = function_in(x, values[m]);
        if (!clang_Cursor_isNull(fn)) {
          e.func = name_of(x, fn);
          e.func_nparams = clang_Cursor_getNumArguments(fn);
        }
      } else if (is_named(names[m], "ml_flags")) {
        e.flags_known = eval_int(values[m], &e.flags);
      }
    }
    if (n == 0) e.has_name = false; /* {} or {0} */
    RC_VEC_PUSH(x->arena, t.entries, t.n, t.cap, e);
  }
  RC_VEC_PUSH(x->arena, x->tables->methods, x->tables->nmethods, x->tables->method_cap, t);
}

/* CPython's member types that hold an object (structmember.h / descrobject.h) and the flag that
 * makes a member read-only. Layout, not behaviour: the descriptor stores what Python assigns. */
enum { MEMBER_T_OBJECT = 6, MEMBER_T_OBJECT_EX = 16, MEMBER_READONLY = 1 };

/* The field an offsetof(Record, field) names: its last identifier, read from the main file. */
static const RcName *offsetof_field(Ctx *x, CXCursor c) {
  CXSourceRange r;
  if (!rc_frontend_file_extent(x->tu, c, &r)) return NULL;
  CXToken *tokens = NULL;
  unsigned n = 0;
  clang_tokenize(x->tu, r, &tokens, &n);
  const RcName *field = NULL;
  bool offsetof_seen = false;
  for (unsigned i = 0; i < n; i++) {
    if (clang_getTokenKind(tokens[i]) != CXToken_Identifier) continue;
    CXString s = clang_getTokenSpelling(x->tu, tokens[i]);
    const char *t = clang_getCString(s);
    if (strcmp(t, "offsetof") == 0) offsetof_seen = true;
    else if (offsetof_seen) field = rc_intern_cstr(x->intern, t);
    clang_disposeString(s);
  }
  clang_disposeTokens(x->tu, tokens, n);
  return field;
}

static enum CXChildVisitResult find_type_ref(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) != CXCursor_TypeRef) return CXChildVisit_Recurse;
  *(CXCursor *)data = c;
  return CXChildVisit_Break;
}

/* The record an offsetof(Record, field) names, spelled as lowering spells a member's record (its
 * canonical type), or NULL. */
static const RcName *offsetof_record(Ctx *x, CXCursor c) {
  CXCursor ref = clang_getNullCursor();
  clang_visitChildren(c, find_type_ref, &ref);
  if (clang_Cursor_isNull(ref)) return NULL;
  CXString s = clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(ref)));
  const RcName *n = rc_intern_cstr(x->intern, clang_getCString(s));
  clang_disposeString(s);
  return n;
}

/* "__weaklistoffset__", "__dictoffset__", "__vectorcalloffset__": PyType_FromSpec reads these
 * entries as offsets; they are no members Python code can set, whatever type they are given. */
static bool names_an_offset(CXCursor c) {
  CXEvalResult r = clang_Cursor_Evaluate(c);
  if (r == NULL) return false;
  bool special = false;
  if (clang_EvalResult_getKind(r) == CXEval_StrLiteral) {
    const char *s = clang_EvalResult_getAsStr(r);
    size_t n = s ? strlen(s) : 0;
    special = n > 10 && strncmp(s, "__", 2) == 0 && strcmp(s + n - 8, "offset__") == 0;
  }
  clang_EvalResult_dispose(r);
  return special;
}

static void read_member_table(Ctx *x, CXCursor var, CXCursor init) {
  RcMemberTable t;
  memset(&t, 0, sizeof t);
  t.var = name_of(x, var);
  Kids elems = kids_of(x, init);
  CXType et = clang_getArrayElementType(clang_getCanonicalType(clang_getCursorType(var)));
  for (int i = 0; i < elems.count; i++) {
    if (clang_getCursorKind(elems.items[i]) != CXCursor_InitListExpr) continue;
    const RcName **names;
    CXCursor *values;
    int n = members(x, elems.items[i], et, &names, &values);
    long long type = -1, flags = 0;
    const RcName *field = NULL, *record = NULL;
    bool flags_known = true, special = false;
    for (int m = 0; m < n; m++) {
      if (is_named(names[m], "name")) special = names_an_offset(values[m]);
      else if (is_named(names[m], "type") && !eval_int(values[m], &type)) type = -1;
      else if (is_named(names[m], "flags")) flags_known = eval_int(values[m], &flags);
      else if (is_named(names[m], "offset")) {
        field = offsetof_field(x, values[m]);
        record = offsetof_record(x, values[m]);
      }
    }
    if (special || field == NULL || record == NULL || !flags_known || (flags & MEMBER_READONLY) ||
        (type != MEMBER_T_OBJECT && type != MEMBER_T_OBJECT_EX))
      continue;
    RcObjectMember om = {record, field, 0, 0};
    loc_of(elems.items[i], &om.line, &om.col);
    RC_VEC_PUSH(x->arena, t.writable, t.n, t.cap, om);
  }
  RC_VEC_PUSH(x->arena, x->tables->members, x->tables->nmembers, x->tables->member_cap, t);
}

const RcMemberTable *rc_tables_member_table(const RcTables *t, const RcName *var) {
  for (int i = 0; var != NULL && i < t->nmembers; i++)
    if (t->members[i].var == var) return &t->members[i];
  return NULL;
}

/* The global variable `c` names (&table, table), or a null cursor. */
static CXCursor variable_in(Ctx *x, CXCursor c) {
  for (int guard = 0; guard < 16; guard++) {
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
      CXCursor ref = clang_getCursorReferenced(c);
      return clang_getCursorKind(ref) == CXCursor_VarDecl ? ref : clang_getNullCursor();
    }
    Kids kids = kids_of(x, c);
    if (kids.count != 1) break;
    c = kids.items[0];
  }
  return clang_getNullCursor();
}

static void set_slot(Ctx *x, RcTypeTable *t, const char *slot, CXCursor value) {
  if (strcmp(slot, "tp_methods") == 0 || strcmp(slot, "tp_members") == 0) {
    CXCursor var = variable_in(x, value);
    if (clang_Cursor_isNull(var)) return;
    if (strcmp(slot, "tp_methods") == 0) t->tp_methods = name_of(x, var);
    else t->tp_members = name_of(x, var);
    return;
  }
  CXCursor fn = function_in(x, value);
  if (clang_Cursor_isNull(fn)) return;
  const RcName *f = name_of(x, fn);
  if (strcmp(slot, "tp_dealloc") == 0) t->dealloc = f;
  else if (strcmp(slot, "tp_traverse") == 0) t->traverse = f;
  else if (strcmp(slot, "tp_clear") == 0) t->clear = f;
  else if (strcmp(slot, "tp_iternext") == 0) t->iternext = f;
  else if (strcmp(slot, "tp_new") == 0) t->tp_new = f;
  else if (strcmp(slot, "tp_init") == 0) t->tp_init = f;
}

static void read_type_object(Ctx *x, CXCursor var, CXCursor init) {
  RcTypeTable t;
  memset(&t, 0, sizeof t);
  t.var = name_of(x, var);
  loc_of(var, &t.line, &t.col);
  const RcName **names;
  CXCursor *values;
  int n = members(x, init, clang_getCursorType(var), &names, &values);
  for (int m = 0; m < n; m++) {
    if (names[m] == NULL) continue;
    if (is_named(names[m], "tp_flags")) {
      long long v;
      if (eval_int(values[m], &v)) {
        t.flags = (unsigned long long)v;
        t.flags_known = true;
      }
    } else {
      set_slot(x, &t, names[m]->text, values[m]);
    }
  }
  RC_VEC_PUSH(x->arena, x->tables->types, x->tables->ntypes, x->tables->type_cap, t);
}

/* The slot's macro name as written (Py_tp_dealloc), from the main file's tokens. */
static void slot_name(Ctx *x, CXCursor c, char *buf, size_t size) {
  buf[0] = '\0';
  CXToken *tokens = NULL;
  unsigned n = 0;
  CXSourceRange r;
  rc_frontend_file_extent(x->tu, c, &r);
  clang_tokenize(x->tu, r, &tokens, &n);
  if (n > 0) {
    CXString s = clang_getTokenSpelling(x->tu, tokens[0]);
    snprintf(buf, size, "%s", clang_getCString(s));
    clang_disposeString(s);
  }
  clang_disposeTokens(x->tu, tokens, n);
}

static void read_slots(Ctx *x, CXCursor var, CXCursor init) {
  RcTypeTable t;
  memset(&t, 0, sizeof t);
  t.var = name_of(x, var);
  t.heap = true;
  loc_of(var, &t.line, &t.col);
  Kids elems = kids_of(x, init);
  for (int i = 0; i < elems.count; i++) {
    Kids parts = kids_of(x, elems.items[i]);
    if (parts.count < 2) continue;
    char slot[64];
    slot_name(x, parts.items[0], slot, sizeof slot);
    const char *s = strncmp(slot, "Py_", 3) == 0 ? slot + 3 : slot;
    set_slot(x, &t, s, parts.items[1]);
  }
  RC_VEC_PUSH(x->arena, x->tables->types, x->tables->ntypes, x->tables->type_cap, t);
}

static enum CXChildVisitResult collect_slot_functions(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  Ctx *x = data;
  if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
      const RcName *n = name_of(x, ref);
      RC_VEC_PUSH(x->arena, x->tables->slots, x->tables->nslots, x->tables->slot_cap, n);
    }
  }
  return CXChildVisit_Recurse;
}

static bool python_table(const char *rec) {
  static const char *const names[] = {
    "PyMethodDef", "_typeobject", "PyType_Slot", "PyGetSetDef", "PyModuleDef", "PyModuleDef_Slot",
    "PyNumberMethods", "PySequenceMethods", "PyMappingMethods", "PyAsyncMethods", "PyBufferProcs"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(rec, names[i]) == 0) return true;
  return false;
}

static enum CXChildVisitResult top(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  Ctx *x = data;
  if (clang_getCursorKind(c) != CXCursor_VarDecl) return CXChildVisit_Continue;
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
  Kids k = kids_of(x, c);
  CXCursor init = clang_getNullCursor();
  for (int i = 0; i < k.count; i++)
    if (clang_getCursorKind(k.items[i]) == CXCursor_InitListExpr) init = k.items[i];
  if (clang_Cursor_isNull(init)) return CXChildVisit_Continue;
  char rec[128];
  record_name(clang_getCursorType(c), rec, sizeof rec);
  if (python_table(rec)) clang_visitChildren(init, collect_slot_functions, x);
  if (strcmp(rec, "PyMethodDef") == 0) read_method_table(x, c, init);
  else if (strcmp(rec, "_typeobject") == 0) read_type_object(x, c, init);
  else if (strcmp(rec, "PyType_Slot") == 0) read_slots(x, c, init);
  else if (strcmp(rec, "PyMemberDef") == 0) read_member_table(x, c, init);
  return CXChildVisit_Continue;
}

int rc_tables_collect(CXTranslationUnit tu, RcIntern *intern, RcArena *arena, RcTables **out) {
  RcTables *t = RC_NEW(arena, RcTables);
  Ctx x = {tu, intern, arena, t};
  clang_visitChildren(clang_getTranslationUnitCursor(tu), top, &x);
  *out = t;
  return 0;
}
