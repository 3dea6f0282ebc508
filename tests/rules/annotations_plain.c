/* annotations_plain.c — compiled (not run) by the build: the shipped annotations header must be
 * usable from plain C with our strict warnings, on declarations and on parameters. */
#include "pyrefcheck/annotations.h"

typedef struct object object;

PYREFCHECK_RETURNS_NEW object *plain_make(void);
PYREFCHECK_RETURNS_BORROWED object *plain_peek(object *container);
PYREFCHECK_STEALS(2) int plain_add(object *bag, object *item);
int plain_put(object *bag, PYREFCHECK_STOLEN object *item);
PYREFCHECK_SETS_EXCEPTION int plain_load(object *cfg);
PYREFCHECK_SETS_EXCEPTION_ON_NEGATIVE int plain_lookup(object *m);

int plain_put(object *bag, PYREFCHECK_STOLEN object *item) { return bag == item; }
