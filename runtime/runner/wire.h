/* wire.h — the line format between `pyrefcheck oracle` and pyrefcheck-runner.
 *
 * Purpose: the plan the oracle hands the runner and the records the runner hands back are both
 * lines of one shape:
 *
 *     NAME<TAB>key=value<TAB>key=value...<LF>
 *
 * A value escapes backslash, tab, newline and carriage return as \\, \t, \n, \r, so any byte string
 * without NUL fits on one line; keys are plain identifiers. Both sides use this one implementation,
 * so the format cannot drift between the writer and the reader.
 *
 * Ownership: an RcWireBuf owns its malloc'd text; rc_wire_parse() works in place on a line the
 * caller owns and points into it. Invariant: after rc_wire_end() the buffer holds whole lines only.
 * Failure: a writer that cannot grow (out of memory, or past its `limit`) sets `overflow` and drops
 * what does not fit, never a partial line; readers return -1 for a line that is not a record. */
#ifndef RC_WIRE_H
#define RC_WIRE_H

#include <stddef.h>

#define RC_WIRE_MAX_FIELDS 48

typedef struct {
  char *data;       /* malloc'd; NUL-terminated whenever len > 0 */
  size_t len, cap;
  size_t limit;     /* most bytes kept (0: no limit) */
  size_t line_start; /* where the record being written began */
  int overflow;     /* something was dropped */
} RcWireBuf;

/* Starts a record named `name` (ends any record still open). */
void rc_wire_record(RcWireBuf *b, const char *name);
/* Appends key=value to the open record; a NULL value is written as empty. */
void rc_wire_str(RcWireBuf *b, const char *key, const char *value);
/* Appends at most `n` bytes of value (for captured output). */
void rc_wire_strn(RcWireBuf *b, const char *key, const char *value, size_t n);
void rc_wire_int(RcWireBuf *b, const char *key, long long value);
/* Ends the record (a newline). A record that did not fit is removed whole. */
void rc_wire_end(RcWireBuf *b);
/* Releases the text. */
void rc_wire_free(RcWireBuf *b);

/* A parsed record: pointers into the line given to rc_wire_parse. */
typedef struct {
  const char *name;
  size_t nfields;
  const char *key[RC_WIRE_MAX_FIELDS];
  const char *value[RC_WIRE_MAX_FIELDS];
} RcWireRecord;

/* Splits `line` (without its newline; modified in place: separators become NUL, escapes are
 * decoded) into a record. Fields beyond RC_WIRE_MAX_FIELDS are ignored. Returns 0, or -1 when the
 * line is empty or a field has no '='. */
int rc_wire_parse(char *line, RcWireRecord *out);
/* The value of `key`, or NULL when the record has none. */
const char *rc_wire_get(const RcWireRecord *r, const char *key);
/* The value of `key` as a number, or `fallback` when absent or not a number. */
long long rc_wire_get_int(const RcWireRecord *r, const char *key, long long fallback);

#endif
