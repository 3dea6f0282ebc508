/* format.c — the walker over PyArg_Parse* and Py_BuildValue format strings.
 *
 * The codes and what each does with its C arguments are data (rules/data/format-parse.tbl and
 * format-build.tbl, compiled into rc_format_*_codes); this file knows only the grammar around
 * them: nesting, '|' and '$' for PyArg, separators for Py_BuildValue, and where the argument
 * part of a PyArg format ends (':' function name, ';' error message). A code is matched by the
 * longest table entry that is a prefix of the text ("es#" before "es" before "e"). */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

static int malformed(RcFormatWalk *w, const char *why) {
  snprintf(w->error, sizeof w->error, "%s at offset %zu", why, w->pos);
  w->done = true;
  return -1;
}

void rc_format_begin(RcFormatWalk *w, RcFormatDialect dialect, const char *fmt) {
  memset(w, 0, sizeof *w);
  w->dialect = dialect;
  w->fmt = fmt;
}

/* The longest code of the dialect's table that starts at s, or NULL. */
static const RcFormatCode *match_code(RcFormatDialect dialect, const char *s) {
  const RcFormatCode *table = dialect == RC_FORMAT_PARSE ? rc_format_parse_codes
                                                         : rc_format_build_codes;
  size_t n = dialect == RC_FORMAT_PARSE ? rc_format_parse_codes_count
                                        : rc_format_build_codes_count;
  const RcFormatCode *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(table[i].code);
    if (len > best_len && strncmp(s, table[i].code, len) == 0) {
      best = &table[i];
      best_len = len;
    }
  }
  return best;
}

/* Handles one structural character; returns 1 when c was one, 0 when not, -1 when malformed. */
static int structure(RcFormatWalk *w, char c) {
  bool build = w->dialect == RC_FORMAT_BUILD;
  const char *openers = build ? "([{" : "(";
  const char *closers = build ? ")]}" : ")";
  const char *o = strchr(openers, c), *k = strchr(closers, c);
  if (c != '\0' && o != NULL) {
    if (w->depth == (int)sizeof w->stack) return malformed(w, "nesting too deep");
    w->stack[w->depth++] = closers[o - openers];
    return 1;
  }
  if (c != '\0' && k != NULL) {
    if (w->depth == 0 || w->stack[w->depth - 1] != c) return malformed(w, "unbalanced bracket");
    w->depth--;
    return 1;
  }
  if (build) return (c == ' ' || c == '\t' || c == ',' || c == ':') ? 1 : 0;
  if (c == '|') {
    if (w->optional || w->depth > 0) return malformed(w, "misplaced '|'");
    w->optional = true;
    return 1;
  }
  if (c == '$') {
    if (!w->optional || w->keyword_only || w->depth > 0)
      return malformed(w, "'$' must follow '|' once, outside parentheses");
    w->keyword_only = true;
    return 1;
  }
  return 0;
}

int rc_format_next(RcFormatWalk *w, RcFormatUnit *unit) {
  if (w->done) return w->error[0] ? -1 : 0;
  if (w->dialect != RC_FORMAT_PARSE && w->dialect != RC_FORMAT_BUILD)
    return malformed(w, "this format dialect is not walked");
  for (;;) {
    char c = w->fmt[w->pos];
    bool end = c == '\0' || (w->dialect == RC_FORMAT_PARSE && (c == ':' || c == ';'));
    if (end) {
      if (w->depth != 0) return malformed(w, "unclosed bracket");
      w->done = true;
      return 0;
    }
    int s = structure(w, c);
    if (s < 0) return -1;
    if (s > 0) {
      w->pos++;
      continue;
    }
    const RcFormatCode *code = match_code(w->dialect, w->fmt + w->pos);
    if (code == NULL) {
      char why[48];
      snprintf(why, sizeof why, "unknown format code '%c'", c);
      return malformed(w, why);
    }
    memset(unit, 0, sizeof *unit);
    unit->code = code->code;
    unit->offset = w->pos;
    unit->optional = w->optional;
    unit->keyword_only = w->keyword_only;
    unit->ncargs = code->ncargs;
    for (int i = 0; i < code->ncargs; i++) {
      unit->ctype[i] = code->ctype[i];
      unit->effect[i] = code->effect[i];
      unit->nullable[i] = code->nullable[i];
    }
    w->pos += strlen(code->code);
    return 1;
  }
}
