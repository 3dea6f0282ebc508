/* format.c — the walker over PyArg_Parse*, Py_BuildValue and PyUnicode_FromFormat formats.
 *
 * The codes and what each does with its C arguments are data (rules/data/format-parse.tbl,
 * format-build.tbl and format-printf.tbl, compiled into rc_format_*_codes); this file knows only
 * the grammar around them: nesting, '|' and '$' for PyArg, separators for Py_BuildValue, where
 * the argument part of a PyArg format ends (':' function name, ';' error message), and for
 * printf-style formats the '%', flags, width and precision around a conversion. A code is matched
 * by the longest table entry that is a prefix of the text ("es#" before "es" before "e"). */
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
  const RcFormatCode *table = rc_format_build_codes;
  size_t n = rc_format_build_codes_count;
  if (dialect == RC_FORMAT_PARSE) {
    table = rc_format_parse_codes;
    n = rc_format_parse_codes_count;
  } else if (dialect == RC_FORMAT_PRINTF) {
    table = rc_format_printf_codes;
    n = rc_format_printf_codes_count;
  }
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

static void fill_unit(RcFormatWalk *w, RcFormatUnit *unit, const RcFormatCode *code, size_t at) {
  memset(unit, 0, sizeof *unit);
  unit->code = code->code;
  unit->offset = at;
  unit->optional = w->optional;
  unit->keyword_only = w->keyword_only;
  unit->ncargs = code->ncargs;
  for (int i = 0; i < code->ncargs; i++) {
    unit->ctype[i] = code->ctype[i];
    unit->effect[i] = code->effect[i];
    unit->nullable[i] = code->nullable[i];
  }
}

/* The '*' of a width or precision: one int argument. */
static const RcFormatCode star_code = {"*", 1, {"int", NULL, NULL}, {RC_FMTARG_VALUE}, {false}};

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* printf-style: text, then '%' [flags] [width] [.precision] conversion. */
static int next_printf(RcFormatWalk *w, RcFormatUnit *unit) {
  const char *f = w->fmt;
  for (;;) {
    if (!w->in_spec) {
      const char *pct = strchr(f + w->pos, '%');
      if (pct == NULL) {
        w->pos += strlen(f + w->pos);
        w->done = true;
        return 0;
      }
      w->pos = (size_t)(pct - f) + 1;
      if (f[w->pos] == '%') { /* "%%": a literal percent */
        w->pos++;
        continue;
      }
      while (f[w->pos] == '-' || f[w->pos] == '0' || f[w->pos] == '#') w->pos++;
      w->in_spec = true;
    }
    while (is_digit(f[w->pos]) || f[w->pos] == '.') w->pos++;
    if (f[w->pos] == '*') {
      fill_unit(w, unit, &star_code, w->pos);
      w->pos++;
      return 1;
    }
    if (f[w->pos] == '\0') return malformed(w, "incomplete conversion");
    const RcFormatCode *code = match_code(w->dialect, f + w->pos);
    if (code == NULL) {
      char why[48];
      snprintf(why, sizeof why, "unknown conversion '%c'", f[w->pos]);
      return malformed(w, why);
    }
    fill_unit(w, unit, code, w->pos);
    w->pos += strlen(code->code);
    w->in_spec = false;
    return 1;
  }
}

int rc_format_next(RcFormatWalk *w, RcFormatUnit *unit) {
  if (w->done) return w->error[0] ? -1 : 0;
  if (w->fmt == NULL) return malformed(w, "no format string");
  if (w->dialect == RC_FORMAT_PRINTF) return next_printf(w, unit);
  if (w->dialect != RC_FORMAT_PARSE && w->dialect != RC_FORMAT_BUILD)
    return malformed(w, "no format dialect");
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
    fill_unit(w, unit, code, w->pos);
    w->pos += strlen(code->code);
    return 1;
  }
}
