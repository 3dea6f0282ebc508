/* cpython/pytime.h — CPython's private clock API (Python/pytime.c), which pythoncapi_compat.h
 * builds the 3.13 PyTime_* functions on: times are _PyTime_t nanoseconds read from
 * clock_gettime (runtime/pytime.c). The clock functions return 0, or -1 with OSError set; info,
 * when not NULL, receives a description of the clock (static strings).
 */
#ifndef Py_CPYTHON_PYTIME_H
#define Py_CPYTHON_PYTIME_H

#include <stdint.h>
#include "../pyport.h"

typedef int64_t _PyTime_t;
#define _PyTime_MIN INT64_MIN
#define _PyTime_MAX INT64_MAX

typedef struct {
  const char *implementation;   /* the C function that reads the clock */
  int monotonic;
  int adjustable;
  double resolution;            /* seconds */
} _Py_clock_info_t;

PyAPI_FUNC(double) _PyTime_AsSecondsDouble(_PyTime_t t);
PyAPI_FUNC(_PyTime_t) _PyTime_GetSystemClock(void);
PyAPI_FUNC(_PyTime_t) _PyTime_GetMonotonicClock(void);
PyAPI_FUNC(_PyTime_t) _PyTime_GetPerfCounter(void);
PyAPI_FUNC(int) _PyTime_GetSystemClockWithInfo(_PyTime_t *t, _Py_clock_info_t *info);
PyAPI_FUNC(int) _PyTime_GetMonotonicClockWithInfo(_PyTime_t *t, _Py_clock_info_t *info);
PyAPI_FUNC(int) _PyTime_GetPerfCounterWithInfo(_PyTime_t *t, _Py_clock_info_t *info);

#endif /* Py_CPYTHON_PYTIME_H */
