/* json.h — a streaming JSON writer shared by every renderer (SARIF, findings JSON, query output).
 *
 * Purpose: write well-formed JSON to a FILE* without building a tree: the writer keeps a stack of
 * open containers and puts commas, colons and (when pretty) newlines and indentation itself.
 * Ownership: an RcJson owns nothing but itself; the FILE* stays the caller's (never closed here).
 * Invariants:
 *   - Output is always valid UTF-8 JSON text: strings are escaped per RFC 8259 and byte sequences
 *     that are not valid UTF-8 are written as U+FFFD, so a bad byte in a message cannot break a
 *     consumer.
 *   - Errors are sticky: the first misuse (a value where a key is due, unbalanced end, nesting
 *     deeper than RC_JSON_MAX_DEPTH) or write error is remembered; later calls do nothing, and
 *     rc_json_finish() reports it. Callers therefore check one status at the end.
 */
#ifndef RC_JSON_H
#define RC_JSON_H

#include <stdint.h>
#include <stdio.h>

#define RC_JSON_MAX_DEPTH 32

typedef struct RcJson RcJson;

/* Starts a document on `out`; `pretty` indents by two spaces. Returns NULL when out of memory. */
RcJson *rc_json_new(FILE *out, int pretty);

/* Ends the document: checks every container was closed, writes a final newline, frees the
 * writer. Returns 0, or -1 when any call misused the writer or a write failed (the output is then
 * incomplete). Accepts NULL (returns -1: the writer could not be created). */
int rc_json_finish(RcJson *w);

void rc_json_object_begin(RcJson *w);
void rc_json_object_end(RcJson *w);
void rc_json_array_begin(RcJson *w);
void rc_json_array_end(RcJson *w);
/* The key of the next member; only valid directly inside an object. */
void rc_json_key(RcJson *w, const char *key);
/* Values. rc_json_string(w, NULL) writes null. */
void rc_json_string(RcJson *w, const char *s);
void rc_json_int(RcJson *w, int64_t v);
void rc_json_double(RcJson *w, double v);
void rc_json_bool(RcJson *w, int v);
void rc_json_null(RcJson *w);

/* Writes `s` as the body of a JSON string (no quotes) to `out`; returns 0 or -1 on write error.
 * Shared by renderers that write JSON-compatible escapes themselves. */
int rc_json_escape(FILE *out, const char *s);

#endif
