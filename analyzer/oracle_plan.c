/* oracle_plan.c — which entry points the oracle runs, how each is called, and the plan file.
 *
 * Entry points come from two sources that agree by name: the runner's discovery (what the compiled
 * snippet really holds: the method tables with their flags, the types, the module definitions)
 * and the source scan (prototypes, definition lines, PyArg formats, directives).
 *
 * Without --entry: every PyInit_ function (run as an entry of its own), then every function of
 * the module-level method tables, called as its flags say, with the module as self; then each
 * type with a constructor — static (`PyTypeObject`) or made from a `PyType_Spec` — as its life
 * ("Bag"), each method of its tp_methods ("Bag.add": on an instance, on the type for METH_CLASS,
 * with no self for METH_STATIC, with the defining class for METH_METHOD) and each slot the snippet
 * gave it that the runner calls ("Bag.tp_repr", "Bag.nb_add", ...; runtime/runner/runner_types.c).
 * When the snippet has none of these, every function whose prototype is an extension function's
 * is an entry. With --entry NAME: the type, method or slot so named, the method whose C function
 * or Python name is NAME, else the function NAME of the file (static or not), called as its
 * prototype says. */
#include "oracle.h"
#include "rules.h"
#include "wire.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  char table[128];
  int index;
  char name[128];   /* ml_name */
  char func[128];   /* the C function, "" when not one of the file's */
  long flags;
} Method;

typedef struct {
  char name[128];       /* the C name of the static type */
  char tp_name[128];
  char methods[128];    /* its tp_methods table, "" */
  char init_func[128];  /* the file's function that is its tp_init, "" */
  char new_func[128];   /* its tp_new, "" */
  int has_new;
  int spec;             /* a PyType_Spec (heap type), not a static PyTypeObject */
} TypeInfo;

typedef struct {
  char type[128];       /* the C name of the type (or spec) */
  char slot[64];        /* "tp_repr" */
  char kind[16];        /* how the runner calls it: "unary", "binary", ... */
  char ret[8];          /* "object" or "int" */
  char func[128];       /* the file's function that fills it, "" */
} SlotInfo;

typedef struct {
  Method *methods;
  size_t nmethods;
  TypeInfo *types;
  size_t ntypes;
  SlotInfo *slots;
  size_t nslots;
  char **type_tables;   /* tables that are a type's tp_methods */
  size_t ntype_tables;
  char **functions;     /* exported functions */
  size_t nfunctions;
} Discovery;

static char *xstrdup(const char *s) { return strdup(s ? s : ""); }
static const char *or_empty(const char *s) { return s ? s : ""; }

static int push_string(char ***list, size_t *n, const char *s) {
  char **p = realloc(*list, (*n + 1) * sizeof *p);
  if (p == NULL) return -1;
  *list = p;
  p[*n] = xstrdup(s);
  return p[(*n)++] ? 0 : -1;
}

static void discovery_free(Discovery *d) {
  free(d->methods);
  free(d->types);
  free(d->slots);
  for (size_t i = 0; i < d->ntype_tables; i++) free(d->type_tables[i]);
  free(d->type_tables);
  for (size_t i = 0; i < d->nfunctions; i++) free(d->functions[i]);
  free(d->functions);
}

static int read_discovery(const char *text, Discovery *d) {
  memset(d, 0, sizeof *d);
  char *copy = strdup(text);
  if (copy == NULL) return -1;
  int rc = 0;
  for (char *line = strtok(copy, "\n"); line && rc == 0; line = strtok(NULL, "\n")) {
    RcWireRecord r;
    if (rc_wire_parse(line, &r) < 0) continue;
    if (strcmp(r.name, "method") == 0) {
      Method *m = realloc(d->methods, (d->nmethods + 1) * sizeof *m);
      if (m == NULL) {
        rc = -1;
        break;
      }
      d->methods = m;
      m = &m[d->nmethods++];
      snprintf(m->table, sizeof m->table, "%s", or_empty(rc_wire_get(&r, "table")));
      snprintf(m->name, sizeof m->name, "%s", or_empty(rc_wire_get(&r, "name")));
      snprintf(m->func, sizeof m->func, "%s", or_empty(rc_wire_get(&r, "func")));
      m->index = (int)rc_wire_get_int(&r, "index", 0);
      m->flags = (long)rc_wire_get_int(&r, "flags", 0);
    } else if (strcmp(r.name, "type") == 0) {
      const char *t = rc_wire_get(&r, "methods");
      if (t && *t) rc = push_string(&d->type_tables, &d->ntype_tables, t);
      TypeInfo *ti = realloc(d->types, (d->ntypes + 1) * sizeof *ti);
      if (ti == NULL) {
        rc = -1;
        break;
      }
      d->types = ti;
      ti = &ti[d->ntypes++];
      snprintf(ti->name, sizeof ti->name, "%s", or_empty(rc_wire_get(&r, "name")));
      snprintf(ti->tp_name, sizeof ti->tp_name, "%s", or_empty(rc_wire_get(&r, "tp_name")));
      snprintf(ti->methods, sizeof ti->methods, "%s", or_empty(t));
      snprintf(ti->init_func, sizeof ti->init_func, "%s", or_empty(rc_wire_get(&r, "init_func")));
      snprintf(ti->new_func, sizeof ti->new_func, "%s", or_empty(rc_wire_get(&r, "new_func")));
      ti->has_new = (int)rc_wire_get_int(&r, "has_new", 0);
      ti->spec = (int)rc_wire_get_int(&r, "spec", 0);
    } else if (strcmp(r.name, "slot") == 0) {
      SlotInfo *si = realloc(d->slots, (d->nslots + 1) * sizeof *si);
      if (si == NULL) {
        rc = -1;
        break;
      }
      d->slots = si;
      si = &si[d->nslots++];
      snprintf(si->type, sizeof si->type, "%s", or_empty(rc_wire_get(&r, "type")));
      snprintf(si->slot, sizeof si->slot, "%s", or_empty(rc_wire_get(&r, "slot")));
      snprintf(si->kind, sizeof si->kind, "%s", or_empty(rc_wire_get(&r, "kind")));
      snprintf(si->ret, sizeof si->ret, "%s", or_empty(rc_wire_get(&r, "ret")));
      snprintf(si->func, sizeof si->func, "%s", or_empty(rc_wire_get(&r, "func")));
    } else if (strcmp(r.name, "function") == 0) {
      rc = push_string(&d->functions, &d->nfunctions, rc_wire_get(&r, "name"));
    }
  }
  free(copy);
  return rc;
}

static int is_type_table(const Discovery *d, const char *table) {
  for (size_t i = 0; i < d->ntype_tables; i++)
    if (strcmp(d->type_tables[i], table) == 0) return 1;
  return 0;
}

/* The convention of a method from its flags, and for a type's method what self is. A module's
 * functions take neither METH_CLASS, METH_STATIC nor METH_METHOD (CPython refuses them there).
 * Returns 0, or -1 for flags the oracle does not call. */
static int conv_from_flags(long flags, int of_type, RcOracleConv *conv, RcOracleBind *bind) {
  *bind = RC_ORACLE_BIND_INSTANCE;
  if (of_type && (flags & RC_METH_CLASS) && !(flags & RC_METH_STATIC)) *bind = RC_ORACLE_BIND_CLASS;
  else if (of_type && (flags & RC_METH_STATIC) && !(flags & RC_METH_CLASS)) *bind = RC_ORACLE_BIND_STATIC;
  else if (flags & (RC_METH_CLASS | RC_METH_STATIC)) return -1;
  flags &= ~(RC_METH_CLASS | RC_METH_STATIC | RC_METH_COEXIST); /* METH_COEXIST does not change the call */
  if (of_type && flags == (RC_METH_METHOD | RC_METH_FASTCALL | RC_METH_KEYWORDS) &&
      *bind == RC_ORACLE_BIND_INSTANCE) {
    *conv = RC_ORACLE_CONV_METHOD;
    return 0;
  }
  switch (flags) {
  case RC_METH_VARARGS: *conv = RC_ORACLE_CONV_VARARGS; return 0;
  case RC_METH_VARARGS | RC_METH_KEYWORDS: *conv = RC_ORACLE_CONV_VARARGS_KW; return 0;
  case RC_METH_NOARGS: *conv = RC_ORACLE_CONV_NOARGS; return 0;
  case RC_METH_O: *conv = RC_ORACLE_CONV_O; return 0;
  case RC_METH_FASTCALL: *conv = RC_ORACLE_CONV_FASTCALL; return 0;
  case RC_METH_FASTCALL | RC_METH_KEYWORDS: *conv = RC_ORACLE_CONV_FASTCALL_KW; return 0;
  default: return -1; /* METH_METHOD on a module's function, or no convention at all */
  }
}

static int is_self_name(const char *name) {
  static const char *const names[] = {"self", "module", "mod", "m", "_module", "unused", "ignored",
                                      "Py_UNUSED", "cls", "type", "dummy", "null", "_self"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0) return 1;
  return 0;
}

/* The call convention of a function from its prototype. Returns 0, or -1 with why[] set. */
static int conv_from_prototype(const RcOracleFunc *f, RcOracleEntry *e, char *why, size_t size) {
  int object = strcmp(f->ret_type, "PyObject *") == 0;
  if (!object && strcmp(f->ret_type, "int") != 0 && strcmp(f->ret_type, "void") != 0) {
    snprintf(why, size, "%s returns %s: only PyObject *, int and void functions can be called",
             f->name, f->ret_type);
    return -1;
  }
  e->ret = xstrdup(object ? "object" : f->ret_type);
  int all_objects = 1;
  for (int i = 0; i < f->nparams; i++) all_objects &= strcmp(f->param_type[i], "PyObject *") == 0;
  if (strncmp(f->name, "PyInit_", 7) == 0 && f->nparams == 0 && object) {
    e->conv = RC_ORACLE_CONV_INIT;
    return 0;
  }
  if (object && f->nparams >= 3 && strcmp(f->param_type[0], "PyObject *") == 0 &&
      strcmp(f->param_type[1], "PyObject *const *") == 0 && strcmp(f->param_type[2], "Py_ssize_t") == 0) {
    if (f->nparams == 3) e->conv = RC_ORACLE_CONV_FASTCALL;
    else if (f->nparams == 4 && strcmp(f->param_type[3], "PyObject *") == 0) e->conv = RC_ORACLE_CONV_FASTCALL_KW;
    else goto unsupported;
    return 0;
  }
  if (!all_objects || f->nparams > 6) goto unsupported;
  int self = f->nparams > 0 && is_self_name(f->param_name[0]);
  if (object && self && f->nparams == 2) {
    const char *second = f->param_name[1];
    if (strcmp(second, "args") == 0) e->conv = RC_ORACLE_CONV_VARARGS;
    else if (strcmp(second, "unused") == 0 || strcmp(second, "ignored") == 0 ||
             strcmp(second, "noargs") == 0 || strcmp(second, "_unused_ignored") == 0)
      e->conv = RC_ORACLE_CONV_NOARGS;
    else e->conv = RC_ORACLE_CONV_O;
    return 0;
  }
  if (object && self && f->nparams == 3 &&
      (strcmp(f->param_name[2], "kwds") == 0 || strcmp(f->param_name[2], "kwargs") == 0 ||
       strcmp(f->param_name[2], "kw") == 0 || strcmp(f->param_name[2], "kwnames") == 0)) {
    e->conv = RC_ORACLE_CONV_VARARGS_KW;
    return 0;
  }
  e->conv = RC_ORACLE_CONV_PLAIN;
  e->nparams = f->nparams;
  e->self_module = self;
  return 0;
unsupported:
  snprintf(why, size, "%s has a prototype the oracle cannot call (parameters must be PyObject *, or "
                      "a METH_FASTCALL signature)", f->name);
  return -1;
}

static RcOracleEntry *new_entry(RcOracle *o) {
  RcOracleEntry *e = realloc(o->entries, (o->nentries + 1) * sizeof *e);
  if (e == NULL) return NULL;
  o->entries = e;
  e = &e[o->nentries++];
  memset(e, 0, sizeof *e);
  return e;
}

static const char *first_init(const RcOracle *o) {
  for (size_t i = 0; i < o->source.nfuncs; i++)
    if (strncmp(o->source.funcs[i].name, "PyInit_", 7) == 0) return o->source.funcs[i].name;
  return NULL;
}

/* The short name of a type: "Bag" for "gctype.Bag". */
static const char *short_name(const TypeInfo *t) {
  const char *dot = strrchr(t->tp_name, '.');
  return dot ? dot + 1 : t->tp_name[0] ? t->tp_name : t->name;
}

static const TypeInfo *type_of_table(const Discovery *d, const char *table) {
  for (size_t i = 0; i < d->ntypes; i++)
    if (strcmp(d->types[i].methods, table) == 0) return &d->types[i];
  return NULL;
}

/* The arguments a type is made with: its directives (`oracle: call Bag(...)`), else the PyArg
 * format of its tp_init (or tp_new), else the defaults. */
static int type_argsets(RcOracle *o, RcOracleEntry *e, const TypeInfo *t) {
  const RcOracleFunc *f = t->init_func[0] ? rc_oracle_source_func(&o->source, t->init_func) : NULL;
  if ((f == NULL || f->parse_format == NULL) && t->new_func[0])
    f = rc_oracle_source_func(&o->source, t->new_func);
  free(e->name);
  e->name = xstrdup(short_name(t)); /* directives name the type as Python code does */
  int rc = rc_oracle_args_for(e, &o->source, f && f->parse_format ? f : NULL);
  return rc;
}

/* The life of a type: construct, iterate, drop, collect. */
static int add_type_entry(RcOracle *o, const TypeInfo *t, const char *init) {
  RcOracleEntry *e = new_entry(o);
  if (e == NULL) return -1;
  e->name = xstrdup(short_name(t));
  e->type = xstrdup(t->name);
  e->init = init ? xstrdup(init) : NULL;
  e->conv = RC_ORACLE_CONV_TYPE;
  e->ret = xstrdup("object");
  const RcOracleFunc *f = t->init_func[0] ? rc_oracle_source_func(&o->source, t->init_func) : NULL;
  e->line = f ? f->line : 0;
  for (size_t i = 0; i < o->source.nvars && !e->line; i++)
    if (strcmp(o->source.vars[i].name, t->name) == 0) e->line = o->source.vars[i].line;
  return type_argsets(o, e, t);
}

/* The instance a type's methods are called on: made with the type's first directive, or no
 * argument. */
static char *instance_literal(const RcOracle *o, const TypeInfo *t) {
  for (size_t i = 0; i < o->source.ndirectives; i++)
    if (strcmp(o->source.directives[i].func, short_name(t)) == 0)
      return xstrdup(o->source.directives[i].literal);
  return xstrdup("()");
}

static int add_method_entry(RcOracle *o, const Method *m, const char *init, const TypeInfo *t) {
  RcOracleConv conv;
  RcOracleBind bind;
  if (conv_from_flags(m->flags, t != NULL, &conv, &bind) < 0) {
    char note[512];
    snprintf(note, sizeof note, "%s: flags 0x%lx are not a convention the oracle calls%s: not run",
             m->name, m->flags, t ? "" : " for a module's function (METH_CLASS, METH_STATIC or "
                                          "METH_METHOD belong to a type's methods)");
    return rc_oracle_note(&o->notes, &o->nnotes, note);
  }
  RcOracleEntry *e = new_entry(o);
  if (e == NULL) return -1;
  e->bind = bind;
  if (t != NULL) {
    char name[300];
    snprintf(name, sizeof name, "%s.%s", short_name(t), m->name);
    e->name = xstrdup(name);
    e->type = xstrdup(t->name);
    if (bind == RC_ORACLE_BIND_INSTANCE) e->instance = instance_literal(o, t);
  } else {
    e->name = xstrdup(m->func[0] ? m->func : m->name);
  }
  e->table = xstrdup(m->table);
  e->index = m->index;
  e->init = init ? xstrdup(init) : NULL;
  e->conv = conv;
  e->ret = xstrdup("object");
  const RcOracleFunc *f = m->func[0] ? rc_oracle_source_func(&o->source, m->func) : NULL;
  e->line = f ? f->line : 0;
  return rc_oracle_args_for(e, &o->source, f);
}

/* One slot of a type, called on an instance: "Bag.tp_repr". */
static int add_slot_entry(RcOracle *o, const SlotInfo *si, const char *init, const TypeInfo *t) {
  RcOracleEntry *e = new_entry(o);
  if (e == NULL) return -1;
  char name[300];
  snprintf(name, sizeof name, "%s.%s", short_name(t), si->slot);
  e->name = xstrdup(name);
  e->type = xstrdup(t->name);
  e->slot = xstrdup(si->slot);
  e->instance = instance_literal(o, t);
  e->init = init ? xstrdup(init) : NULL;
  e->conv = RC_ORACLE_CONV_SLOT;
  e->ret = xstrdup(si->ret[0] ? si->ret : "object");
  const RcOracleFunc *f = si->func[0] ? rc_oracle_source_func(&o->source, si->func) : NULL;
  e->line = f ? f->line : 0;
  return rc_oracle_args_for_slot(e, &o->source, f, si->kind);
}

/* A type's life, its methods and its slots. */
static int add_type_entries(RcOracle *o, const Discovery *d, const TypeInfo *t, const char *init) {
  int rc = add_type_entry(o, t, init);
  for (size_t k = 0; k < d->nmethods && rc == 0; k++)
    if (strcmp(d->methods[k].table, t->methods) == 0) rc = add_method_entry(o, &d->methods[k], init, t);
  for (size_t k = 0; k < d->nslots && rc == 0; k++)
    if (strcmp(d->slots[k].type, t->name) == 0) rc = add_slot_entry(o, &d->slots[k], init, t);
  return rc;
}

static int add_function_entry(RcOracle *o, const RcOracleFunc *f, const char *init, char *why,
                              size_t size) {
  RcOracleEntry probe = {0};
  if (conv_from_prototype(f, &probe, why, size) < 0) {
    free(probe.ret);
    return 1;
  }
  RcOracleEntry *e = new_entry(o);
  if (e == NULL) {
    free(probe.ret);
    return -1;
  }
  *e = probe;
  e->name = xstrdup(f->name);
  e->func = xstrdup(f->name);
  e->init = init && e->conv != RC_ORACLE_CONV_INIT ? xstrdup(init) : NULL;
  e->line = f->line;
  return rc_oracle_args_for(e, &o->source, f);
}

static int type_has_slots(const Discovery *d, const TypeInfo *t) {
  for (size_t k = 0; k < d->nslots; k++)
    if (strcmp(d->slots[k].type, t->name) == 0) return 1;
  return 0;
}

static int exported(const Discovery *d, const char *name) {
  for (size_t i = 0; i < d->nfunctions; i++)
    if (strcmp(d->functions[i], name) == 0) return 1;
  return 0;
}

int rc_oracle_plan_entries(RcOracle *o, const char *discovery, const RcOracleOptions *opt) {
  Discovery d;
  if (read_discovery(discovery, &d) < 0) return -1;
  const char *init = first_init(o);
  char why[512];
  int rc = 0;
  if (opt->nentries > 0) {
    for (size_t k = 0; k < opt->nentries && rc == 0; k++) {
      const char *want = opt->entries[k];
      const Method *m = NULL;
      const TypeInfo *mt = NULL, *ty = NULL;
      for (size_t i = 0; i < d.nmethods && !m; i++) {
        const TypeInfo *t = type_of_table(&d, d.methods[i].table);
        char dotted[300];
        snprintf(dotted, sizeof dotted, "%s.%s", t ? short_name(t) : "", d.methods[i].name);
        if (strcmp(d.methods[i].func, want) == 0 || (t ? strcmp(dotted, want) == 0
                                                       : strcmp(d.methods[i].name, want) == 0)) {
          m = &d.methods[i];
          mt = t;
        }
      }
      for (size_t i = 0; i < d.ntypes && !m && !ty; i++)
        if (d.types[i].has_new && (strcmp(d.types[i].name, want) == 0 || strcmp(short_name(&d.types[i]), want) == 0))
          ty = &d.types[i];
      const SlotInfo *si = NULL;
      for (size_t i = 0; i < d.nslots && !m && !ty && !si; i++)
        for (size_t j = 0; j < d.ntypes && !si; j++) {
          char dotted[300];
          snprintf(dotted, sizeof dotted, "%s.%s", short_name(&d.types[j]), d.slots[i].slot);
          if (d.types[j].has_new && strcmp(d.slots[i].type, d.types[j].name) == 0 && strcmp(dotted, want) == 0) {
            si = &d.slots[i];
            mt = &d.types[j];
          }
        }
      const RcOracleFunc *f = rc_oracle_source_func(&o->source, want);
      if (si) {
        rc = add_slot_entry(o, si, init, mt);
      } else if (ty) {
        rc = add_type_entry(o, ty, init);
      } else if (m) {
        rc = add_method_entry(o, m, init, mt);
      } else if (f && exported(&d, want)) {
        rc = add_function_entry(o, f, init, why, sizeof why);
        if (rc == 1) fprintf(stderr, "pyrefcheck: %s: %s\n", o->snippet, why);
      } else {
        fprintf(stderr, "pyrefcheck: %s: no function or method named '%s'\n", o->snippet, want);
        rc = 1;
      }
    }
    goto out;
  }
  for (size_t i = 0; i < o->source.nfuncs && rc == 0; i++) {
    const RcOracleFunc *f = &o->source.funcs[i];
    if (strncmp(f->name, "PyInit_", 7) == 0 && exported(&d, f->name))
      rc = add_function_entry(o, f, NULL, why, sizeof why) < 0 ? -1 : 0;
  }
  for (size_t i = 0; i < d.nmethods && rc == 0; i++)
    if (!is_type_table(&d, d.methods[i].table)) rc = add_method_entry(o, &d.methods[i], init, NULL);
  /* the types: their life, then their methods on an instance */
  for (size_t i = 0; i < d.ntypes && rc == 0; i++) {
    const TypeInfo *t = &d.types[i];
    if (!t->has_new) {
      if (t->methods[0] || type_has_slots(&d, t)) {
        snprintf(why, sizeof why, "%s: the type cannot be instantiated (%s): its methods and slots "
                                  "are not run", t->tp_name,
                 t->spec ? "Py_TPFLAGS_DISALLOW_INSTANTIATION" : "no tp_new of its own");
        rc = rc_oracle_note(&o->notes, &o->nnotes, why);
      }
      continue;
    }
    rc = add_type_entries(o, &d, t, init);
  }
  if (o->nentries == 0 && rc == 0) {
    /* neither a module nor a table: every function that looks like an extension function */
    for (size_t i = 0; i < o->source.nfuncs && rc == 0; i++) {
      const RcOracleFunc *f = &o->source.funcs[i];
      if (strcmp(f->ret_type, "PyObject *") != 0 || !exported(&d, f->name)) continue;
      rc = add_function_entry(o, f, NULL, why, sizeof why) < 0 ? -1 : 0;
    }
  }
  if (o->nentries == 0 && rc == 0) {
    fprintf(stderr, "pyrefcheck: %s: no entry point found (no PyInit_ function, no method table, "
                    "no function returning PyObject *); name one with --entry\n", o->snippet);
    rc = 1;
  }
out:
  discovery_free(&d);
  return rc;
}

const char *rc_oracle_conv_name(RcOracleConv conv) {
  static const char *const names[] = {"init", "noargs", "o", "varargs", "varargs_kw",
                                      "fastcall", "fastcall_kw", "plain", "type", "slot",
                                      "method"};
  return names[conv];
}

int rc_oracle_plan_write(const RcOracle *o, const RcOracleOptions *opt, const char *path) {
  RcWireBuf b = {0};
  rc_wire_record(&b, "option");
  rc_wire_str(&b, "snippet", o->snippet_abs);
  rc_wire_int(&b, "max_runs", opt->max_runs);
  rc_wire_int(&b, "timeout_ms", opt->timeout_ms);
  rc_wire_int(&b, "schedule", opt->schedule);
  rc_wire_end(&b);
  for (size_t i = 0; i < o->nentries; i++) {
    const RcOracleEntry *e = &o->entries[i];
    rc_wire_record(&b, "entry");
    rc_wire_str(&b, "name", e->name);
    if (e->func) rc_wire_str(&b, "func", e->func);
    if (e->table) {
      rc_wire_str(&b, "table", e->table);
      rc_wire_int(&b, "index", e->index);
    }
    if (e->init) rc_wire_str(&b, "init", e->init);
    if (e->type) rc_wire_str(&b, "type", e->type);
    if (e->instance) rc_wire_str(&b, "instance", e->instance);
    if (e->slot) rc_wire_str(&b, "slot", e->slot);
    if (e->bind != RC_ORACLE_BIND_INSTANCE)
      rc_wire_str(&b, "bind", e->bind == RC_ORACLE_BIND_CLASS ? "class" : "static");
    rc_wire_str(&b, "conv", rc_oracle_conv_name(e->conv));
    rc_wire_str(&b, "ret", e->ret);
    rc_wire_int(&b, "nparams", e->nparams);
    rc_wire_int(&b, "self_module", e->self_module);
    rc_wire_end(&b);
    for (size_t a = 0; a < e->nargsets; a++) {
      rc_wire_record(&b, "args");
      rc_wire_int(&b, "entry", (long long)i);
      rc_wire_str(&b, "literal", e->argsets[a]);
      rc_wire_end(&b);
    }
  }
  int rc = -1;
  FILE *f = fopen(path, "w");
  if (f && !b.overflow) {
    rc = fwrite(b.data, 1, b.len, f) == b.len ? 0 : -1;
  }
  if (f && fclose(f) != 0) rc = -1;
  rc_wire_free(&b);
  return rc;
}
