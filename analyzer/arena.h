/* arena.h — bump allocation for per-function and per-file analysis state.
 *
 * An RcArena hands out memory from large chunks and gives it all back in one rc_arena_free(). The
 * CFG of a function, its symbolic states, path events and the findings it produces live in an
 * arena, so the analysis never frees piecemeal and cannot leak on an early exit.
 *
 * Ownership: the arena owns every block it hands out; pointers into it are valid until
 * rc_arena_free() (or rc_arena_reset()). Allocation never returns NULL: running out of memory
 * aborts the process with a message, which is the policy for analysis state (a lint run cannot go
 * on without it and there is nothing useful to unwind to).
 *
 * Invariants: every block is aligned for any object type (max_align_t); zeroed on request only. */
#ifndef RC_ARENA_H
#define RC_ARENA_H

#include <stddef.h>

typedef struct RcArena RcArena;

/* Creates an empty arena. Aborts on OOM. */
RcArena *rc_arena_new(void);

/* Frees the arena and everything allocated from it. NULL is allowed. */
void rc_arena_free(RcArena *arena);

/* Releases everything allocated so far, keeping the first chunk for reuse. */
void rc_arena_reset(RcArena *arena);

/* `size` bytes, uninitialised (rc_arena_zalloc: zeroed). Aborts on OOM. */
void *rc_arena_alloc(RcArena *arena, size_t size);
void *rc_arena_zalloc(RcArena *arena, size_t size);

/* Copies `len` bytes of `s` and a terminating NUL into the arena. */
char *rc_arena_strndup(RcArena *arena, const char *s, size_t len);
char *rc_arena_strdup(RcArena *arena, const char *s);

/* printf into a string allocated from the arena. */
char *rc_arena_printf(RcArena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for budgets and benchmarks). */
size_t rc_arena_used(const RcArena *arena);

/* Allocation helpers for typed arrays. */
#define RC_NEW(arena, type) ((type *)rc_arena_zalloc((arena), sizeof(type)))
#define RC_NEW_ARRAY(arena, type, n) ((type *)rc_arena_zalloc((arena), sizeof(type) * (size_t)(n)))

/* Grows a vector (items, count, capacity) held in an arena by doubling; the old block is left in
 * the arena. */
#define RC_VEC_PUSH(arena, items, count, capacity, value)                                         \
  do {                                                                                            \
    if ((count) == (capacity)) {                                                                  \
      size_t rc_newcap_ = (capacity) ? (size_t)(capacity) * 2 : 8;                                 \
      void *rc_new_ = rc_arena_alloc((arena), rc_newcap_ * sizeof *(items));                      \
      if ((count) > 0) memcpy(rc_new_, (items), (size_t)(count) * sizeof *(items));                \
      (items) = rc_new_;                                                                          \
      (capacity) = rc_newcap_;                                                                    \
    }                                                                                             \
    (items)[(count)++] = (value);                                                                 \
  } while (0)

#endif
