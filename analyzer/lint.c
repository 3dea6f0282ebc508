/* lint.c — the lint session: file -> functions -> summaries -> paths -> findings (see lint.h). */
#include "lint.h"

#include "arena.h"
#include "cfg.h"
#include "checks.h"
#include "checks_fields.h"
#include "checks_type.h"
#include "diag.h"
#include "frontend.h"
#include "intern.h"
#include "lower.h"
#include "macros.h"
#include "paths.h"
#include "summary.h"
#include "tables.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct RcLint {
  RcLintOptions opt;
  CXIndex index;
  RcIntern *intern;
  RcRuleSet *rules;
  RcSummaries *summaries;
  RcReport *report;
  double parse_ms, analysis_ms; /* of the last file */
};

int rc_lint_new(const RcLintOptions *opt, RcLint **out, char **error) {
  RcLint *l = calloc(1, sizeof *l);
  *out = NULL;
  if (l == NULL) {
    *error = strdup("out of memory");
    return -1;
  }
  l->opt = *opt;
  if (rc_ruleset_new(&l->rules) != 0) {
    rc_lint_free(l);
    *error = strdup("cannot load the rules data");
    return -1;
  }
  for (int i = 0; i < opt->nrules_files; i++) {
    if (rc_ruleset_load_file(l->rules, opt->rules_files[i], error) != 0) {
      rc_lint_free(l);
      if (*error == NULL) *error = strdup("cannot load a rules file");
      return -1;
    }
  }
  if (rc_summary_new(l->rules, opt->version, &l->summaries) != 0) {
    rc_lint_free(l);
    *error = strdup("cannot load the rules data");
    return -1;
  }
  /* excludeDeclarationsFromPCH: walking the translation unit then visits only its own
   * declarations and preprocessing entities, not the thousands the shared PCH of the Python
   * headers holds (frontend.h); without a PCH every declaration is local, as before. */
  l->index = clang_createIndex(1, 0);
  l->intern = rc_intern_new();
  l->report = rc_report_new();
  *out = l;
  return 0;
}

void rc_lint_free(RcLint *lint) {
  if (lint == NULL) return;
  if (lint->index) clang_disposeIndex(lint->index);
  rc_intern_free(lint->intern);
  rc_summary_free(lint->summaries);
  rc_ruleset_free(lint->rules);
  rc_report_free(lint->report);
  free(lint);
}

RcReport *rc_lint_report(RcLint *lint) { return lint->report; }

RcReport *rc_lint_take_report(RcLint *lint) {
  RcReport *r = lint->report;
  lint->report = rc_report_new();
  return r;
}

void rc_lint_set_streams(RcLint *lint, FILE *notes, FILE *errors) {
  lint->opt.notes = notes;
  lint->opt.errors = errors;
}

void rc_lint_last_times(const RcLint *lint, double *parse_ms, double *analysis_ms) {
  *parse_ms = lint->parse_ms;
  *analysis_ms = lint->analysis_ms;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- the file's functions ----------------------------------------------------------------------- */

typedef struct {
  CXCursor cursor;
  const RcName *name;
  RcCfg *cfg;             /* NULL when skipped */
  bool address_taken;
  bool is_dealloc;        /* named as a type's tp_dealloc */
  bool python_slot;       /* named in a Python table: Python calls it */
  bool is_iternext;       /* a tp_iternext */
  bool done;
  bool on_stack;
  unsigned line, col;
} Func;

typedef struct {
  RcLint *lint;
  RcArena *arena;
  CXTranslationUnit tu;
  Func *funcs;
  int nfuncs, cap;
  const RcName **taken;   /* functions referenced other than by a direct call */
  int ntaken, taken_cap;
  int py_major, py_minor;
  RcPyVersion version;    /* to target: the job's, else the session's; 0: the headers' */
  const RcMembers *members; /* what the file's types hold (members.h) */
  const RcName **annotated; /* functions whose annotations are in the rule set */
  int nannotated, annotated_cap;
} FileCtx;

static const RcName *cursor_name(FileCtx *f, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  const RcName *n = rc_intern_cstr(f->lint->intern, clang_getCString(s));
  clang_disposeString(s);
  return n;
}

/* Function references inside global initialisers (method tables, type slots) take addresses. */
static enum CXChildVisitResult find_refs(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  FileCtx *f = data;
  if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
      const RcName *n = cursor_name(f, ref);
      RC_VEC_PUSH(f->arena, f->taken, f->ntaken, f->taken_cap, n);
    }
  }
  return CXChildVisit_Recurse;
}

/* ---- annotations ------------------------------------------------------------------------------ */

typedef struct {
  const char **texts;
  int count, cap;
  int *params;
  int nparams, params_cap;
  RcArena *arena;
  int param;          /* the parameter being visited, or -1 */
} Annots;

static enum CXChildVisitResult find_annotations(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  Annots *a = data;
  if (clang_getCursorKind(c) != CXCursor_AnnotateAttr) return CXChildVisit_Continue;
  CXString s = clang_getCursorSpelling(c);
  const char *text = rc_arena_strdup(a->arena, clang_getCString(s));
  clang_disposeString(s);
  RC_VEC_PUSH(a->arena, a->texts, a->count, a->cap, text);
  RC_VEC_PUSH(a->arena, a->params, a->nparams, a->params_cap, a->param);
  return CXChildVisit_Continue;
}

/* Forwards the pyrefcheck_* (and rc_ownership_*) annotations of a function declaration to the
 * rule set, so that its calls follow them and its body is checked against them. */
static void forward_annotations(FileCtx *f, CXCursor fn) {
  if (!clang_Cursor_hasAttrs(fn)) {
    int n = clang_Cursor_getNumArguments(fn);
    bool any = false;
    for (int i = 0; i < n && !any; i++) any = clang_Cursor_hasAttrs(clang_Cursor_getArgument(fn, (unsigned)i));
    if (!any) return;
  }
  Annots a = {NULL, 0, 0, NULL, 0, 0, f->arena, -1};
  clang_visitChildren(fn, find_annotations, &a);
  int nargs = clang_Cursor_getNumArguments(fn);
  if (nargs < 0) nargs = 0;
  const char **names = RC_NEW_ARRAY(f->arena, const char *, nargs + 1);
  const char **types = RC_NEW_ARRAY(f->arena, const char *, nargs + 1);
  for (int i = 0; i < nargs; i++) {
    CXCursor p = clang_Cursor_getArgument(fn, (unsigned)i);
    a.param = i;
    clang_visitChildren(p, find_annotations, &a);
    CXString ns = clang_getCursorSpelling(p), ts = clang_getTypeSpelling(clang_getCursorType(p));
    names[i] = rc_arena_strdup(f->arena, clang_getCString(ns));
    types[i] = rc_arena_strdup(f->arena, clang_getCString(ts));
    clang_disposeString(ns);
    clang_disposeString(ts);
  }
  if (a.count == 0) return;
  RcAnnotatedDecl d;
  memset(&d, 0, sizeof d);
  CXString name = clang_getCursorSpelling(fn), rt = clang_getTypeSpelling(clang_getCursorResultType(fn));
  d.name = rc_arena_strdup(f->arena, clang_getCString(name));
  d.ret_type = rc_arena_strdup(f->arena, clang_getCString(rt));
  clang_disposeString(name);
  clang_disposeString(rt);
  d.nargs = nargs;
  d.arg_names = names;
  d.arg_types = types;
  d.nannotations = a.count;
  d.annotations = a.texts;
  d.annotation_param = a.params;
  CXFile file;
  unsigned line, col, off;
  clang_getFileLocation(clang_getCursorLocation(fn), &file, &line, &col, &off);
  CXString fname = clang_getFileName(file);
  d.file = rc_arena_strdup(f->arena, clang_getCString(fname) ? clang_getCString(fname) : "");
  clang_disposeString(fname);
  d.line = (int)line;
  char *error = NULL;
  if (rc_ruleset_add_annotated(f->lint->rules, &d, &error) > 0) {
    RcName *n = rc_intern_cstr(f->lint->intern, d.name);
    n->data_set = 0; /* a cached lookup is stale now */
    RC_VEC_PUSH(f->arena, f->annotated, f->nannotated, f->annotated_cap, (const RcName *)n);
  } else if (error != NULL) {
    fprintf(f->lint->opt.errors, "%s: warning: %s\n", d.file, error);
  }
  free(error);
}

static bool is_annotated(FileCtx *f, const RcName *name) {
  for (int i = 0; i < f->nannotated; i++)
    if (f->annotated[i] == name) return true;
  return false;
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  FileCtx *f = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_MacroDefinition) {
    CXString s = clang_getCursorSpelling(c);
    const char *name = clang_getCString(s);
    if (strcmp(name, "PY_MAJOR_VERSION") == 0) f->py_major = rc_frontend_macro_number(f->tu, c);
    if (strcmp(name, "PY_MINOR_VERSION") == 0) f->py_minor = rc_frontend_macro_number(f->tu, c);
    clang_disposeString(s);
    return CXChildVisit_Continue;
  }
  if (k == CXCursor_FunctionDecl && !clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
    forward_annotations(f, c);
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
  if (k == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
    Func fn;
    memset(&fn, 0, sizeof fn);
    fn.cursor = c;
    fn.name = cursor_name(f, c);
    CXFile file;
    unsigned off;
    clang_getFileLocation(clang_getCursorLocation(c), &file, &fn.line, &fn.col, &off);
    RC_VEC_PUSH(f->arena, f->funcs, f->nfuncs, f->cap, fn);
  } else if (k == CXCursor_VarDecl) {
    clang_visitChildren(c, find_refs, f);
  }
  return CXChildVisit_Continue;
}

static bool is_taken(FileCtx *f, const RcName *name) {
  for (int i = 0; i < f->ntaken; i++)
    if (f->taken[i] == name) return true;
  return false;
}

/* Function designators used as values inside bodies also take addresses. */
static void scan_taken(FileCtx *f, const RcExpr *e, bool callee) {
  if (e == NULL) return;
  if (e->kind == RC_EX_FUNC && !callee) RC_VEC_PUSH(f->arena, f->taken, f->ntaken, f->taken_cap, e->name);
  for (int i = 0; i < e->nkids; i++) scan_taken(f, e->kids[i], false);
  if (e->callee) scan_taken(f, e->callee, true);
}

static Func *find_func(FileCtx *f, const RcName *name) {
  for (int i = 0; i < f->nfuncs; i++)
    if (f->funcs[i].name == name && f->funcs[i].cfg != NULL) return &f->funcs[i];
  return NULL;
}

/* ---- summaries of the file's own functions ---------------------------------------------------------- */

/* Builds the RcApi record of a function from what its paths did. */
static const RcApi *summarise(FileCtx *f, const RcCfg *cfg, const RcPathResult *r, bool borrowed) {
  RcApi *api = RC_NEW(f->arena, RcApi);
  api->name = cfg->name->text;
  api->kind = RC_API_FUNCTION;
  api->ret_type = cfg->returns_obj ? "PyObject *" : "int";
  api->ret = cfg->returns_obj ? (borrowed ? RC_REF_BORROWED : RC_REF_NEW) : RC_REF_NONE;
  api->borrowed_from = borrowed && r->borrowed_from_param >= 0 ? r->borrowed_from_param : -1;
  /* every non-NULL return hands back that parameter itself (return (PyObject *)self;): the
   * result is the argument, so a caller's owned reference passes through the call */
  if (api->borrowed_from >= 0 && r->returns_static == 0) {
    api->flags |= RC_API_RESULT_IS_ARG;
    api->result_arg = api->borrowed_from;
  }
  api->fail = RC_FAIL_NEVER;
  api->exc = RC_EXC_SET;
  if (cfg->returns_obj && r->returns_null > 0) {
    api->fail = RC_FAIL_NULL;
    api->exc = r->returns_null_exc_clear == 0 ? RC_EXC_SET
               : r->returns_null_exc_set == 0 ? RC_EXC_NOT_SET : RC_EXC_MAYBE;
    if (api->exc == RC_EXC_NOT_SET) api->fail = RC_FAIL_NULL_ABSENT;
  } else if (cfg->returns_int && r->returns_negative > 0) {
    api->fail = RC_FAIL_NEGATIVE;
    api->exc = r->returns_negative_exc_set == r->returns_negative ? RC_EXC_SET : RC_EXC_MAYBE;
    /* what success returns: always 0 (int helper(..., PyObject **out)), or 1 / 0 with new
     * references / NULL in the out-parameters (a PyDict_GetItemRef of the project's own) */
    if (r->returns_nonneg > 0 && r->returns_zero == r->returns_nonneg) api->success = RC_SUCCESS_ZERO;
  }
  if (r->returns == 0 && !r->incomplete) api->flags |= RC_API_NORETURN;
  /* a helper that raises (set_error(...); return;) on every path */
  if (r->returns > 0 && r->returns_exc_set == r->returns && api->fail == RC_FAIL_NEVER)
    api->flags |= RC_API_SETS_EXCEPTION;
  api->since = RC_PY_OLDEST;
  api->format_arg = api->varargs_arg = -1;
  api->nargs = cfg->nparams;
  if (cfg->nparams > 0) {
    RcApiArg *args = RC_NEW_ARRAY(f->arena, RcApiArg, cfg->nparams);
    for (int i = 0; i < cfg->nparams; i++) {
      const RcVar *v = NULL;
      for (int k = 0; k < cfg->nvars; k++)
        if (cfg->vars[k].is_param && cfg->vars[k].param_index == i) v = &cfg->vars[k];
      args[i].name = v ? v->name->text : "";
      args[i].type = v && v->type ? v->type->text : "";
      args[i].effect = v && v->is_obj ? ((r->consumed_params >> i) & 1 && i < 32 ? RC_ARG_STEAL : RC_ARG_BORROW)
                                      : RC_ARG_VALUE;
      /* PyObject **out left holding a new reference (or NULL) on every success: out-new */
      bool out = i < 32 && ((r->out_new_params >> i) & 1) && v && v->type && strstr(v->type->text, "**") != NULL;
      if (out) args[i].effect = RC_ARG_OUT_NEW;
      /* NULL is refused when some path uses the parameter without testing it first */
      args[i].nullable = r->incomplete || i >= 32 || !((r->nonnull_params >> i) & 1);
      if (out && r->out_found && api->fail == RC_FAIL_NEGATIVE) api->success = RC_SUCCESS_FOUND;
    }
    api->args = args;
  }
  api->file = cfg->file;
  api->line = (int)cfg->line;
  return api;
}

static void analyse(FileCtx *f, Func *fn) {
  if (fn->done || fn->cfg == NULL) return;
  fn->on_stack = true;
  /* callees first (bottom-up); recursion is cut where it closes */
  const RcCfg *cfg = fn->cfg;
  RcExprWalk walk;
  rc_expr_walk_begin(&walk, cfg);
  for (const RcExpr *x; (x = rc_expr_walk_next(&walk)) != NULL;) {
    if (x->kind == RC_EX_CALL && x->name != NULL) { /* a direct call of one of the file's functions */
      Func *callee = find_func(f, x->name);
      if (callee != NULL && !callee->done && !callee->on_stack) analyse(f, callee);
    }
  }
  fn->on_stack = false;
  fn->done = true;

  RcLint *L = f->lint;
  RcArena *arena = rc_arena_new();
  RcDiag *diag = rc_diag_new(arena, cfg, L->report);
  RcPathOptions po;
  memset(&po, 0, sizeof po);
  po.summaries = L->summaries;
  po.version = f->version ? f->version : RC_PY_VERSION(f->py_major > 0 ? f->py_major : 3,
                                                                f->py_minor >= 0 ? f->py_minor : 11);
  /* Python calls what is in its tables (address taken) and the module's init function; other
   * non-static functions are helpers shared between the files of a multi-file extension */
  po.entry_point = fn->address_taken || strncmp(cfg->name->text, "PyInit_", 7) == 0;
  po.dealloc = fn->is_dealloc;
  po.owned_fields = f->members->released;
  po.nowned_fields = f->members->nreleased;
  po.members = f->members;
  po.dealloc_family = rc_members_in_dealloc(f->members, cfg->name);
  po.null_ends_iteration = fn->is_iternext;
  po.int_protocol = fn->python_slot && cfg->returns_int;
  po.max_steps = L->opt.max_steps;
  po.max_seconds = L->opt.max_seconds;
  const RcApi *annotation = is_annotated(f, cfg->name) ? rc_summary_rules_lookup(L->summaries, cfg->name) : NULL;
  if (annotation != NULL)
    for (int i = 0; i < annotation->nargs && i < 32; i++)
      if (annotation->args[i].effect == RC_ARG_STEAL) po.owned_params |= 1u << i;
  po.annotation = annotation;
  RcPathResult res;
  rc_paths_run(cfg, &po, arena, diag, &res);
  const char *partial = NULL;
  bool out_of_time = res.incomplete && res.incomplete_why != NULL && strstr(res.incomplete_why, "time");
  if (res.incomplete && !out_of_time) {
    /* Unchecked failures multiply paths (seven `if (!s) s = PyUnicode_InternFromString(..)` make
     * 3^7 states). Walk again taking at most one failing call per path: the bugs of real code sit
     * on the normal path or on one error path, and these walks complete. The first walk's states
     * go first (one function's walk at a time stays within its memory budget); when the second
     * runs out too, its findings stand, with the usual note. */
    const char *first_why = res.incomplete_why;
    rc_arena_free(arena);
    arena = rc_arena_new();
    diag = rc_diag_new(arena, cfg, L->report);
    po.max_failures = 1;
    rc_paths_run(cfg, &po, arena, diag, &res);
    if (!res.incomplete) partial = first_why;
  }
  if (annotation == NULL && !po.entry_point && res.any_consumed_params != 0 && !res.incomplete) {
    /* A helper that releases or steals a parameter on some path takes it over: walk again with
     * that parameter owned, so that returning it hands it on and forgetting it leaks. */
    rc_arena_free(arena);
    arena = rc_arena_new();
    diag = rc_diag_new(arena, cfg, L->report);
    po.owned_params = res.any_consumed_params;
    rc_paths_run(cfg, &po, arena, diag, &res);
    res.consumed_params = po.owned_params;
  }
  if (L->opt.on_function != NULL)
    L->opt.on_function(L->opt.function_ctx, cfg->name->text, fn->line, !res.incomplete && partial == NULL,
                       res.steps);
  /* A static helper that only ever returns borrowed references returns borrowed by design. */
  bool borrowed = cfg->returns_obj && !po.entry_point && res.returns_borrowed > 0 && res.returns_new == 0;
  if (annotation != NULL) borrowed = annotation->ret == RC_REF_BORROWED;
  if (res.incomplete || partial != NULL) {
    char msg[256];
    if (partial != NULL)
      snprintf(msg, sizeof msg,
               "analysis of '%s' is incomplete: %s; only paths with at most one failing call were "
               "walked, so findings on paths where two calls fail may be missing",
               cfg->name->text, partial);
    else
      snprintf(msg, sizeof msg, "analysis of '%s' is incomplete: %s; its findings may be missing",
               cfg->name->text, res.incomplete_why ? res.incomplete_why : "budget exhausted");
    rc_diag_add(diag, "analysis-incomplete", cfg, cfg->line, cfg->col, msg, NULL, 0, 0, NULL, NULL,
                RC_DIAG_GROUP_NONE);
  }
  rc_diag_flush(diag, borrowed ? 1u << RC_DIAG_GROUP_RETURN_BORROWED : 0);
  if (annotation == NULL) /* an annotated function keeps its annotation as its summary */
    rc_summary_set_local(L->summaries, cfg->name, summarise(f, cfg, &res, borrowed));
  rc_summary_set_local_stores(L->summaries, cfg->name, res.stored_params & ~res.paid_params);
  rc_summary_set_local_sentinel(L->summaries, cfg->name, res.returns_static > 0);
  rc_summary_set_local_raises(L->summaries, cfg->name, res.returns_success_raising > 0);
  rc_arena_free(arena);
}

/* ---- a file ------------------------------------------------------------------------------------------- */

/* A function left out is a note record of the report (no rule id), so that it is printed in
 * place with the findings and every renderer sees it. */
static void note_not_analysed(RcLint *lint, const char *file, const Func *fn, const char *why) {
  RcFinding f;
  memset(&f, 0, sizeof f);
  f.rule = "";
  f.severity = RC_SEVERITY_NOTE;
  f.file = file;
  f.line = fn->line;
  f.col = fn->col;
  f.function = fn->name->text;
  char msg[512];
  snprintf(msg, sizeof msg, "'%s' was not analysed: %s", fn->name->text, why);
  f.message = msg;
  rc_report_add(lint->report, &f);
  if (lint->opt.on_function != NULL) lint->opt.on_function(lint->opt.function_ctx, fn->name->text, fn->line, false, 0);
}

static void report_inclusion(CXFile included, CXSourceLocation *stack, unsigned depth, CXClientData data) {
  (void)stack;
  const RcLintOptions *opt = data;
  if (depth == 0) return; /* the main file itself */
  CXString name = clang_getFileName(included);
  const char *text = clang_getCString(name);
  if (text != NULL) opt->on_inclusion(opt->inclusion_ctx, text);
  clang_disposeString(name);
}

int rc_lint_file(RcLint *lint, const RcJob *job, bool *had_errors, char **error) {
  RcParsed parsed;
  *had_errors = false;
  double t0 = now_ms();
  lint->parse_ms = lint->analysis_ms = 0;
  if (rc_frontend_parse(lint->index, job, &parsed, error) != 0) return -1;
  double t1 = now_ms();
  lint->parse_ms = t1 - t0;
  for (int i = 0; i < parsed.nerrors; i++) fprintf(lint->opt.errors, "%s\n", parsed.errors[i].text);
  *had_errors = parsed.nerrors > 0;

  FileCtx f;
  memset(&f, 0, sizeof f);
  f.lint = lint;
  f.arena = rc_arena_new();
  f.tu = parsed.tu;
  f.py_major = f.py_minor = -1;
  /* the annotations this file forwards to the rules are its own: undone when it is done, so that
   * a file's findings do not depend on the files before it (nor on -j) */
  size_t rules_mark = rc_ruleset_mark(lint->rules);
  clang_visitChildren(clang_getTranslationUnitCursor(parsed.tu), top_level, &f);
  if (f.py_major < 0) { /* the version macros were in the PCH, which the walk skips */
    f.py_major = parsed.py_major;
    f.py_minor = parsed.py_minor;
  }
  f.version = job->python_version ? job->python_version : lint->opt.version;
  if (f.version != 0)
    rc_summary_set_version(lint->summaries, f.version);
  else if (f.py_major > 0 && f.py_minor >= 0)
    rc_summary_set_version(lint->summaries, RC_PY_VERSION(f.py_major, f.py_minor));

  RcMacroMap *macros = NULL;
  rc_macros_collect(parsed.tu, lint->intern, f.arena, rc_summary_macro_filter, lint->summaries, &macros);
  rc_macros_set_bodies(macros, parsed.bodies);
  RcLowerEnv env = {parsed.tu, lint->intern, macros, rc_summary_is_noreturn, lint->summaries};

  for (int i = 0; i < f.nfuncs; i++) {
    Func *fn = &f.funcs[i];
    const char *why = NULL;
    if (rc_frontend_function_touched(&parsed, fn->cursor, &why)) {
      note_not_analysed(lint, job->file, fn, why ? why : "compile error");
      continue;
    }
    if (rc_lower_function(&env, fn->cursor, f.arena, &fn->cfg, &why) != 0) {
      fn->cfg = NULL;
      note_not_analysed(lint, job->file, fn, why);
      continue;
    }
    fn->cfg->file = job->file;
    for (int b = 0; b < fn->cfg->nblocks; b++) {
      const RcBlock *blk = fn->cfg->blocks[b];
      for (int s = 0; s < blk->nstmts; s++) scan_taken(&f, blk->stmts[s].expr, false);
      scan_taken(&f, blk->value, false);
    }
    if (lint->opt.dump_cfg) rc_cfg_dump(fn->cfg, lint->opt.notes);
  }
  for (int i = 0; i < f.nfuncs; i++) f.funcs[i].address_taken = is_taken(&f, f.funcs[i].name);
  RcTables *tables = NULL;
  rc_tables_collect(parsed.tu, lint->intern, f.arena, &tables);
  for (int t = 0; t < tables->nslots; t++)
    for (int i = 0; i < f.nfuncs; i++)
      if (f.funcs[i].name == tables->slots[t]) f.funcs[i].python_slot = true;
  for (int t = 0; t < tables->ntypes; t++)
    for (int i = 0; i < f.nfuncs; i++)
      if (f.funcs[i].name == tables->types[t].dealloc) f.funcs[i].is_dealloc = true;
      else if (f.funcs[i].name == tables->types[t].iternext) f.funcs[i].is_iternext = true;
  RcCfg **cfgs = RC_NEW_ARRAY(f.arena, RcCfg *, f.nfuncs + 1);
  for (int i = 0; i < f.nfuncs; i++) cfgs[i] = f.funcs[i].cfg;
  f.members = rc_members_collect(tables, cfgs, f.nfuncs, lint->summaries, f.arena);
  for (int i = 0; i < f.nfuncs; i++) analyse(&f, &f.funcs[i]);

  /* the type and method tables */
  rc_check_tables(tables, cfgs, f.nfuncs, lint->summaries, f.members, lint->report, job->file);
  rc_check_unreleased_fields(tables, cfgs, f.nfuncs, lint->summaries, f.members, lint->report);
  rc_check_release_before_replace(tables, cfgs, f.nfuncs, lint->summaries, f.members, lint->report);

  if (lint->opt.on_inclusion != NULL) clang_getInclusions(parsed.tu, report_inclusion, &lint->opt);

  rc_summary_clear_locals(lint->summaries);
  rc_ruleset_rollback(lint->rules, rules_mark);
  for (int i = 0; i < f.nannotated; i++) ((RcName *)f.annotated[i])->data_set = 0; /* stale lookups */
  rc_arena_free(f.arena);
  rc_frontend_parsed_free(&parsed);
  lint->analysis_ms = now_ms() - t1;
  return 0;
}
