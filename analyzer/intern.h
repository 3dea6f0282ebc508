/* intern.h — interned names: one canonical copy of each identifier.
 *
 * Callees, macros, variables, fields and labels are matched by pointer identity of their interned
 * name, never by strcmp chains. An RcIntern table owns the strings (in its own arena); a name
 * pointer stays valid until rc_intern_free(). The table is per lint session, shared by every file
 * and function, so a name interned while lowering one function compares equal in the next.
 *
 * Invariant: rc_intern(t, s) == rc_intern(t, s2) exactly when strcmp(s, s2) == 0. */
#ifndef RC_INTERN_H
#define RC_INTERN_H

#include <stddef.h>

typedef struct RcIntern RcIntern;

/* An interned name: compare with ==; `text` is NUL-terminated. `data` is one word of client data
 * (the summary module caches a rules lookup here). */
typedef struct RcName {
  const char *text;
  size_t len;
  unsigned hash;
  const void *data; /* client cache, NULL until set */
  int data_set;     /* 1 once `data` holds a lookup result (which may be NULL) */
  int aux;          /* a second client cache: lower.c keeps type facts of type spellings here */
} RcName;

/* Creates an empty table; aborts on OOM. */
RcIntern *rc_intern_new(void);
void rc_intern_free(RcIntern *table);

/* The canonical name for `s` (length `len`, or NUL-terminated for rc_intern_cstr). */
RcName *rc_intern(RcIntern *table, const char *s, size_t len);
RcName *rc_intern_cstr(RcIntern *table, const char *s);

#endif
