/* lint_pool.c — files analysed on N threads, outcomes handed back in job order (see lint_pool.h). */
#include "lint_pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  RcLintPool *pool;
  RcLint *lint;
  RcLintOptions opt;     /* the session's options: its own on_inclusion context */
  char **headers;        /* collected for the file being analysed */
  size_t nheaders, capheaders;
  RcLintFunction *functions; /* the same */
  size_t nfunctions, capfunctions;
  pthread_t thread;
  bool started;
} Worker;

struct RcLintPool {
  const RcJob *const *jobs;
  int count;
  int next_job;          /* the next file a worker takes */
  int next_out;          /* the next outcome the caller takes */
  RcLintOutcome **done;  /* [count]: finished outcomes not taken yet */
  bool stop;
  Worker *workers;
  int nworkers;
  bool threaded;
  pthread_mutex_t lock;
  pthread_cond_t changed; /* a file finished, or stop */
};

int rc_lint_pool_default_threads(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n >= 1 ? (int)n : 1;
}

static void collect_header(void *ctx, const char *path) {
  Worker *w = ctx;
  if (w->nheaders == w->capheaders) {
    w->capheaders = w->capheaders ? w->capheaders * 2 : 128;
    w->headers = realloc(w->headers, w->capheaders * sizeof *w->headers);
    if (w->headers == NULL) abort();
  }
  w->headers[w->nheaders] = strdup(path);
  if (w->headers[w->nheaders] == NULL) abort();
  w->nheaders++;
}

static void collect_function(void *ctx, const char *name, unsigned line, bool complete, unsigned long steps) {
  Worker *w = ctx;
  if (w->nfunctions == w->capfunctions) {
    w->capfunctions = w->capfunctions ? w->capfunctions * 2 : 32;
    w->functions = realloc(w->functions, w->capfunctions * sizeof *w->functions);
    if (w->functions == NULL) abort();
  }
  RcLintFunction *f = &w->functions[w->nfunctions++];
  f->name = strdup(name);
  if (f->name == NULL) abort();
  f->line = line;
  f->complete = complete;
  f->steps = steps;
}

/* Analyses one file in worker `w`'s session; the outcome is complete when it returns. */
static RcLintOutcome *analyse(Worker *w, const RcJob *job) {
  RcLintOutcome *o = calloc(1, sizeof *o);
  if (o == NULL) abort();
  size_t ndiag = 0, nnotes = 0;
  FILE *diag = open_memstream(&o->diagnostics, &ndiag);
  FILE *notes = open_memstream(&o->notes, &nnotes);
  if (diag == NULL || notes == NULL) abort();
  rc_lint_set_streams(w->lint, notes, diag);
  w->headers = NULL;
  w->nheaders = w->capheaders = 0;
  w->functions = NULL;
  w->nfunctions = w->capfunctions = 0;
  o->parsed = rc_lint_file(w->lint, job, &o->had_errors, &o->error) == 0;
  rc_lint_last_times(w->lint, &o->parse_ms, &o->analysis_ms);
  fclose(diag);
  fclose(notes);
  o->report = rc_lint_take_report(w->lint);
  o->headers = w->headers;
  o->nheaders = w->nheaders;
  w->headers = NULL;
  o->functions = w->functions;
  o->nfunctions = w->nfunctions;
  w->functions = NULL;
  return o;
}

static void *work(void *arg) {
  Worker *w = arg;
  RcLintPool *p = w->pool;
  pthread_mutex_lock(&p->lock);
  while (!p->stop && p->next_job < p->count) {
    int i = p->next_job++;
    pthread_mutex_unlock(&p->lock);
    RcLintOutcome *o = analyse(w, p->jobs[i]);
    pthread_mutex_lock(&p->lock);
    p->done[i] = o;
    pthread_cond_broadcast(&p->changed);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

int rc_lint_pool_new(const RcLintOptions *opt, int nthreads, const RcJob *const *jobs, int count,
                     bool want_headers, RcLintPool **out, char **error) {
  RcLintPool *p = calloc(1, sizeof *p);
  if (p == NULL) abort();
  *out = NULL;
  if (nthreads < 1) nthreads = 1;
  if (nthreads > count) nthreads = count; /* no idle sessions: none when every file is carried over */
  p->jobs = jobs;
  p->count = count;
  p->done = calloc((size_t)count + 1, sizeof *p->done);
  p->workers = calloc((size_t)nthreads + 1, sizeof *p->workers);
  if (p->done == NULL || p->workers == NULL) abort();
  p->threaded = nthreads > 1;
  pthread_mutex_init(&p->lock, NULL);
  pthread_cond_init(&p->changed, NULL);
  int rc = -1;
  for (int i = 0; i < nthreads; i++) {
    Worker *w = &p->workers[i];
    w->pool = p;
    w->opt = *opt;
    w->opt.on_inclusion = want_headers ? collect_header : NULL;
    w->opt.inclusion_ctx = w;
    w->opt.on_function = want_headers ? collect_function : NULL;
    w->opt.function_ctx = w;
    if (rc_lint_new(&w->opt, &w->lint, error) != 0) goto out;
    p->nworkers++;
  }
  for (int i = 0; p->threaded && i < p->nworkers; i++) {
    if (pthread_create(&p->workers[i].thread, NULL, work, &p->workers[i]) != 0) {
      *error = strdup("cannot start a worker thread");
      goto out;
    }
    p->workers[i].started = true;
  }
  rc = 0;
  *out = p;
  p = NULL;
out:
  rc_lint_pool_free(p);
  return rc;
}

RcLintOutcome *rc_lint_pool_next(RcLintPool *p) {
  if (p->next_out >= p->count) return NULL;
  int i = p->next_out++;
  if (!p->threaded) return analyse(&p->workers[0], p->jobs[i]);
  pthread_mutex_lock(&p->lock);
  while (p->done[i] == NULL) pthread_cond_wait(&p->changed, &p->lock);
  RcLintOutcome *o = p->done[i];
  p->done[i] = NULL;
  pthread_mutex_unlock(&p->lock);
  return o;
}

void rc_lint_outcome_free(RcLintOutcome *o) {
  if (o == NULL) return;
  free(o->error);
  free(o->diagnostics);
  free(o->notes);
  rc_report_free(o->report);
  for (size_t i = 0; i < o->nheaders; i++) free(o->headers[i]);
  free(o->headers);
  for (size_t i = 0; i < o->nfunctions; i++) free(o->functions[i].name);
  free(o->functions);
  free(o);
}

void rc_lint_pool_free(RcLintPool *p) {
  if (p == NULL) return;
  pthread_mutex_lock(&p->lock);
  p->stop = true;
  pthread_mutex_unlock(&p->lock);
  for (int i = 0; i < p->nworkers; i++)
    if (p->workers[i].started) pthread_join(p->workers[i].thread, NULL);
  for (int i = 0; i < p->nworkers; i++) rc_lint_free(p->workers[i].lint);
  for (int i = 0; i < p->count; i++) rc_lint_outcome_free(p->done[i]);
  pthread_mutex_destroy(&p->lock);
  pthread_cond_destroy(&p->changed);
  free(p->done);
  free(p->workers);
  free(p);
}
