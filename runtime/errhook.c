/* errhook.c — a stand-in for the error indicator until the C-API issue builds exceptions.
 *
 * PyErr_NoMemory records the event (a counter, and the hook set with rt_set_error_hook) and returns
 * NULL, as CPython's does; it sets no exception because none exists yet. The C-API issue replaces
 * this file with runtime/errors.c, which sets MemoryError on the error indicator.
 */
#include "rt_internal.h"

static RtErrorHook hook;
static void *hook_ctx;
static long nomemory_calls;

void rt_set_error_hook(RtErrorHook h, void *ctx)
{
  hook = h;
  hook_ctx = ctx;
}

long rt_nomemory_count(void) { return nomemory_calls; }

void rt_errhook_reset(void) { nomemory_calls = 0; }

PyObject *PyErr_NoMemory(void)
{
  nomemory_calls++;
  if (hook != NULL) hook("MemoryError", hook_ctx);
  return NULL;
}
