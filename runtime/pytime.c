/* pytime.c — CPython's private clock API (cpython/pytime.h): the system, monotonic and
 * performance clocks in nanoseconds through clock_gettime, as CPython's Python/pytime.c on Linux.
 * Owns nothing; allocates nothing, so it is no failure point of fault injection.
 */
#define _POSIX_C_SOURCE 200809L
#include "rt_capi.h"

#include <errno.h>
#include <time.h>

double _PyTime_AsSecondsDouble(_PyTime_t t)
{
  /* whole seconds apart, so that large times keep their nanoseconds */
  _PyTime_t secs = t / 1000000000, ns = t % 1000000000;
  return (double)secs + (double)ns * 1e-9;
}

/* Reads clock into *t; 0, or -1 with OSError from errno. */
static int read_clock(clockid_t clock, const char *name, int monotonic, int adjustable, _PyTime_t *t,
                      _Py_clock_info_t *info)
{
  struct timespec ts;
  if (clock_gettime(clock, &ts) != 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  *t = (_PyTime_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
  if (info != NULL) {
    struct timespec res;
    info->implementation = name;
    info->monotonic = monotonic;
    info->adjustable = adjustable;
    info->resolution = clock_getres(clock, &res) == 0 ? (double)res.tv_sec + (double)res.tv_nsec * 1e-9 : 1e-9;
  }
  return 0;
}

int _PyTime_GetSystemClockWithInfo(_PyTime_t *t, _Py_clock_info_t *info)
{
  return read_clock(CLOCK_REALTIME, "clock_gettime(CLOCK_REALTIME)", 0, 1, t, info);
}

int _PyTime_GetMonotonicClockWithInfo(_PyTime_t *t, _Py_clock_info_t *info)
{
  return read_clock(CLOCK_MONOTONIC, "clock_gettime(CLOCK_MONOTONIC)", 1, 0, t, info);
}

int _PyTime_GetPerfCounterWithInfo(_PyTime_t *t, _Py_clock_info_t *info)
{
  return _PyTime_GetMonotonicClockWithInfo(t, info);   /* CPython's choice on Linux */
}

/* The variants without info cannot fail on Linux; CPython's return 0 on an error too. */
_PyTime_t _PyTime_GetSystemClock(void)
{
  _PyTime_t t = 0;
  if (_PyTime_GetSystemClockWithInfo(&t, NULL) < 0) PyErr_Clear();
  return t;
}

_PyTime_t _PyTime_GetMonotonicClock(void)
{
  _PyTime_t t = 0;
  if (_PyTime_GetMonotonicClockWithInfo(&t, NULL) < 0) PyErr_Clear();
  return t;
}

_PyTime_t _PyTime_GetPerfCounter(void) { return _PyTime_GetMonotonicClock(); }
