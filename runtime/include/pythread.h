/* pythread.h — locks and thread-specific storage, as CPython's pythread.h (runtime/pythread.c).
 * The runtime is single-threaded for Python, but an extension's own threads may use these: they
 * are POSIX mutexes and keys. Py_tss_t must be initialised with Py_tss_NEEDS_INIT (or come from
 * PyThread_tss_alloc); PyThread_tss_alloc's block is freed with PyThread_tss_free.
 */
#ifndef Py_PYTHREAD_H
#define Py_PYTHREAD_H

#include <pthread.h>
#include "pyport.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void *PyThread_type_lock;
typedef enum PyLockStatus { PY_LOCK_FAILURE = 0, PY_LOCK_ACQUIRED = 1, PY_LOCK_INTR } PyLockStatus;
#define WAIT_LOCK 1
#define NOWAIT_LOCK 0

PyAPI_FUNC(unsigned long) PyThread_get_thread_ident(void);
PyAPI_FUNC(PyThread_type_lock) PyThread_allocate_lock(void);   /* NULL when out of memory */
PyAPI_FUNC(void) PyThread_free_lock(PyThread_type_lock lock);
PyAPI_FUNC(int) PyThread_acquire_lock(PyThread_type_lock lock, int waitflag);   /* 1 acquired */
PyAPI_FUNC(void) PyThread_release_lock(PyThread_type_lock lock);

typedef struct _Py_tss_t {
  int _is_initialized;
  pthread_key_t _key;
} Py_tss_t;
#define Py_tss_NEEDS_INIT {0}

PyAPI_FUNC(Py_tss_t *) PyThread_tss_alloc(void);
PyAPI_FUNC(void) PyThread_tss_free(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_is_created(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_create(Py_tss_t *key);   /* 0, or -1 (no error set) */
PyAPI_FUNC(void) PyThread_tss_delete(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_set(Py_tss_t *key, void *value);
PyAPI_FUNC(void *) PyThread_tss_get(Py_tss_t *key);

#ifdef __cplusplus
}
#endif
#endif /* Py_PYTHREAD_H */
