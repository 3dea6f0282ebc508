/* allocate_forever.c — a snippet that allocates without bound.
 *
 * Each run has an address-space limit, so malloc eventually returns NULL; the function then
 * frees what it took and raises MemoryError, which is correct: the verdict is "ok", and the
 * machine's memory is never at risk. (Under AddressSanitizer there is no address-space limit,
 * so the case is skipped there.) */
/* oracle-skip-under-asan */
#include <Python.h>
#include <stdlib.h>

struct chunk {
    struct chunk *next;
};

static PyObject *
hoard(PyObject *self, PyObject *Py_UNUSED(ignored))       /* oracle-ok: hoard */  // expect: analysis-incomplete
{
    struct chunk *head = NULL;
    for (;;) {
        struct chunk *c = malloc((size_t)1 << 20);
        if (c == NULL)
            break;
        c->next = head;                    /* touches one page of each megabyte */
        head = c;
    }
    while (head != NULL) {
        struct chunk *next = head->next;
        free(head);
        head = next;
    }
    return PyErr_NoMemory();
}

static PyMethodDef methods[] = {
    {"hoard", hoard, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
