/* checks_format.c — format-args: PyArg_Parse* / Py_BuildValue format strings against the C
 * arguments of the call (count and C types). The codes and the types they expect come from the
 * rules' format walker; this file only compares types.
 *
 * Types are compared in broad classes so that typedefs and qualifiers do not cause false alarms:
 * pointer depth, then object / character / integer / floating / other, then, for integers and
 * floating types behind one pointer, their width (a Py_ssize_t * where an int * is expected is a
 * real bug on LP64). */
#include "checks.h"

#include <stdio.h>
#include <string.h>

typedef enum { K_OTHER, K_OBJ, K_CHAR, K_INT, K_FLOAT, K_VOID, K_FUNC } Kind;

typedef struct {
  int depth;  /* pointer depth */
  Kind kind;
  int width;  /* bytes, for K_INT / K_FLOAT / K_CHAR; 0 unknown */
} Shape;

/* Width of a C spelling of an arithmetic type (typedefs of the C library and CPython's own
 * Py_ssize_t family, on LP64). */
static int width_of(const char *t) {
  if (strstr(t, "long long")) return 8;
  if (strstr(t, "Py_ssize_t") || strstr(t, "size_t") || strstr(t, "Py_hash_t") || strstr(t, "long"))
    return 8;
  if (strstr(t, "short")) return 2;
  if (strstr(t, "double")) return 8;
  if (strstr(t, "float")) return 4;
  if (strstr(t, "Py_UCS4") || strstr(t, "int")) return 4;
  if (strstr(t, "char") || strstr(t, "_Bool") || strstr(t, "bool")) return 1;
  return 0;
}

static Shape shape_of(const char *t) {
  Shape s = {0, K_OTHER, 0};
  if (t == NULL) return s;
  for (const char *p = t; *p; p++) s.depth += *p == '*' || *p == '['; /* arrays decay */
  if (strstr(t, "(*)")) {
    s.kind = K_FUNC;
    s.depth--;
  } else if (strstr(t, "Object") || strstr(t, "struct _object")) {
    s.kind = K_OBJ;
  } else if (strstr(t, "Py_buffer") || strstr(t, "bufferinfo")) {
    s.kind = K_OTHER;
  } else if (strstr(t, "void")) {
    s.kind = K_VOID;
  } else if (strstr(t, "double") || strstr(t, "float")) {
    s.kind = K_FLOAT;
  } else if (strstr(t, "char") && !strstr(t, "unsigned char") && s.depth >= 1) {
    s.kind = K_CHAR;
  } else if (width_of(t) > 0) {
    s.kind = K_INT;
  }
  if (s.kind == K_INT || s.kind == K_FLOAT || s.kind == K_CHAR) s.width = width_of(t);
  return s;
}

/* True when an argument of type `actual` (spelled and canonical) can stand where `expected`
 * is required. */
static bool compatible(const char *expected, const RcExpr *arg) {
  if (expected == NULL || arg->type == NULL) return true;
  /* "converter" and other descriptions that are not C types; functions passed as converters */
  if (strchr(expected, '*') == NULL && width_of(expected) == 0) return true;
  if (strchr(arg->type->text, '(') != NULL) return true;
  Shape want = shape_of(expected);
  Shape got = shape_of(arg->ctype ? arg->ctype->text : arg->type->text);
  if (arg->is_obj) { /* lowering knows object pointers (PyLongObject *, struct _longobject *) */
    got.kind = K_OBJ;
    got.depth = 1;
  }
  if (arg->kind == RC_EX_ADDR && arg->kids[0] != NULL && arg->kids[0]->is_obj) {
    /* &obj, whatever it is cast to ((PyObject *)&self_as_bitarray): the address of an object
     * pointer, which is what O, O! and O& store through */
    got.kind = K_OBJ;
    got.depth = 2;
  }
  Shape got_spelled = shape_of(arg->type->text);
  if (want.kind == K_VOID || want.kind == K_FUNC || got.kind == K_FUNC) return true;
  if (want.kind == K_OTHER || got.kind == K_OTHER) return want.depth == got.depth || got.kind == K_VOID;
  if (arg->kind == RC_EX_NULL) return want.depth > 0;
  if (want.depth != got.depth) return false;
  if (want.kind == K_OBJ || got.kind == K_OBJ) return want.kind == got.kind || got.kind == K_VOID;
  if (want.kind == K_CHAR || got.kind == K_CHAR) return want.depth >= 2 ? want.kind == got.kind : true;
  if (want.kind != got.kind) return want.depth == 0 && want.kind == K_INT && got.kind == K_INT;
  if (want.depth == 0 && want.kind == K_INT && want.width && got.width) {
    /* a variadic integer is promoted to int at least: a 64-bit code given a 32-bit value (or the
     * reverse) reads the wrong bytes */
    int w = want.width < 4 ? 4 : want.width, g = got.width < 4 ? 4 : got.width;
    if (w != g) return false;
  }
  if (want.depth >= 1 && want.width && got.width && want.width != got.width &&
      got_spelled.width != want.width)
    return false;
  return true;
}

void rc_check_format(RcDiag *diag, const RcCfg *cfg, const RcExpr *call, const RcApi *api) {
  (void)cfg;
  if (api->format_arg < 0 || api->format_arg >= call->nkids || api->varargs_arg < 0) return;
  const RcExpr *fmt = call->kids[api->format_arg];
  if (fmt->kind != RC_EX_STRING || fmt->text == NULL) return;
  RcFormatWalk walk;
  RcFormatUnit unit;
  rc_format_begin(&walk, api->format, fmt->text);
  int pos = api->varargs_arg, expected = 0, rc;
  char msg[512];
  while ((rc = rc_format_next(&walk, &unit)) == 1) {
    for (int k = 0; k < unit.ncargs; k++, pos++, expected++) {
      if (pos >= call->nkids) continue;
      const RcExpr *arg = call->kids[pos];
      if (!compatible(unit.ctype[k], arg)) {
        snprintf(msg, sizeof msg, "%s(): format code '%s' expects '%s' for argument %d, got '%s'",
                 api->name, unit.code, unit.ctype[k], pos + 1, arg->type ? arg->type->text : "?");
        rc_diag_add(diag, "format-args", call, call->line, call->col, msg, NULL, 0, 0, NULL, NULL,
                    RC_DIAG_GROUP_NONE);
        return;
      }
    }
  }
  if (rc < 0) {
    snprintf(msg, sizeof msg, "%s(): malformed format \"%s\": %s", api->name, fmt->text, walk.error);
    rc_diag_add(diag, "format-args", call, call->line, call->col, msg, NULL, 0, 0, NULL, NULL,
                RC_DIAG_GROUP_NONE);
    return;
  }
  int given = call->nkids - api->varargs_arg;
  if (given != expected) {
    snprintf(msg, sizeof msg, "%s(): format \"%s\" describes %d argument%s, but %d %s passed",
             api->name, fmt->text, expected, expected == 1 ? "" : "s", given,
             given == 1 ? "is" : "are");
    rc_diag_add(diag, "format-args", call, call->line, call->col, msg, NULL, 0, 0, NULL, NULL,
                RC_DIAG_GROUP_NONE);
  }
}
