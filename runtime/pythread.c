/* pythread.c — locks and thread-specific storage for extensions' own threads (POSIX).
 *
 * Owns: the mutexes PyThread_allocate_lock returns and the keys PyThread_tss_alloc returns, both
 * in raw memory (PyMem_RawMalloc: fault injection and the leak check see them) until
 * PyThread_free_lock / PyThread_tss_free. Failures set no exception, as in CPython: the lock
 * functions return NULL or 0, PyThread_tss_create returns -1.
 */
#include "rt_capi.h"
#include "pythread.h"

unsigned long PyThread_get_thread_ident(void) { return (unsigned long)pthread_self(); }

PyThread_type_lock PyThread_allocate_lock(void)
{
  pthread_mutex_t *m = (PyMem_RawMalloc)(sizeof(*m));
  if (m == NULL) return NULL;
  if (pthread_mutex_init(m, NULL) != 0) {
    (PyMem_RawFree)(m);
    return NULL;
  }
  return m;
}

void PyThread_free_lock(PyThread_type_lock lock)
{
  if (lock == NULL) return;
  pthread_mutex_destroy((pthread_mutex_t *)lock);
  (PyMem_RawFree)(lock);
}

int PyThread_acquire_lock(PyThread_type_lock lock, int waitflag)
{
  pthread_mutex_t *m = (pthread_mutex_t *)lock;
  return (waitflag ? pthread_mutex_lock(m) : pthread_mutex_trylock(m)) == 0;
}

void PyThread_release_lock(PyThread_type_lock lock) { pthread_mutex_unlock((pthread_mutex_t *)lock); }

Py_tss_t *PyThread_tss_alloc(void) { return (PyMem_RawCalloc)(1, sizeof(Py_tss_t)); }

void PyThread_tss_free(Py_tss_t *key)
{
  if (key == NULL) return;
  PyThread_tss_delete(key);
  (PyMem_RawFree)(key);
}

int PyThread_tss_is_created(Py_tss_t *key) { return key->_is_initialized; }

int PyThread_tss_create(Py_tss_t *key)
{
  if (key->_is_initialized) return 0;
  if (pthread_key_create(&key->_key, NULL) != 0) return -1;
  key->_is_initialized = 1;
  return 0;
}

void PyThread_tss_delete(Py_tss_t *key)
{
  if (!key->_is_initialized) return;
  pthread_key_delete(key->_key);
  key->_is_initialized = 0;
}

int PyThread_tss_set(Py_tss_t *key, void *value)
{
  return pthread_setspecific(key->_key, value) == 0 ? 0 : -1;
}

void *PyThread_tss_get(Py_tss_t *key) { return pthread_getspecific(key->_key); }
