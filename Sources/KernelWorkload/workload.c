/*
 * The kernel's page-fault path under per-VMA locks, with writers changing unrelated VMAs.
 *
 * Each fault thread owns a private anonymous region and writes one byte to each page it has not
 * touched since the last reset; every such store is one page fault, timed with CLOCK_MONOTONIC.
 * When the whole region is touched, MADV_DONTNEED makes its pages fresh again. Meanwhile writer
 * threads loop over mmap, mprotect (splitting the new mapping) and munmap, each taking mmap_lock
 * for writing, paced at a chosen rate. With CONFIG_PER_VMA_LOCK a fault locks only its own VMA,
 * so the writers should cost the faults little beyond the CPU time they take.
 *
 * What keeps the figure honest:
 *  - Guard pages: the region sits between two PROT_NONE pages, so a writer's mapping can never
 *    land next to it and merge with it; after a merge, the writer's mprotect or munmap would
 *    write-lock the fault VMA itself and measure something else.
 *  - MADV_NOHUGEPAGE: a transparent huge page would serve 512 stores with one fault.
 *  - ru_minflt: each fault thread's own minor-fault count (RUSAGE_THREAD) is reported next to
 *    its store count, so the caller can check that every store really faulted.
 *  - Pacing: op i of a writer is due at start + i / rate. Waits are spun on the clock (a 20 us
 *    interval is far below what nanosleep can hit); only long waits sleep first. A writer more
 *    than 10 ms behind restarts its schedule instead of bursting to catch up.
 */
#define _GNU_SOURCE
#include "KernelWorkload.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_S 1000000000LL
#define MAX_LAG_NS 10000000LL      /* a writer further behind than this re-bases its schedule */
#define MIN_SLEEP_NS 200000LL      /* waits shorter than this are spun */
#define SPIN_TAIL_NS 100000LL      /* a sleep ends this long before the due time */
#define MAX_SLEEP_NS 1000000LL     /* sleep in slices so a stop is noticed promptly */
#define WRITER_PAGES 4

enum gate_state { GATE_CLOSED, GATE_OPEN, GATE_ABORTED };

/* One call of kw_run: everything its threads share. */
struct run {
    const kw_config *cfg;
    size_t page;
    pthread_mutex_t lock;           /* guards gate and start_ns */
    pthread_cond_t opened;
    enum gate_state gate;
    int64_t start_ns;
    atomic_bool stop;
    atomic_int faulters_left;       /* the last fault thread to finish stops the writers */
    atomic_bool failed;             /* the first failure wins error and failed_call */
    int error;
    const char *failed_call;
};

struct fault_thread {
    struct run *run;
    pthread_t tid;
    bool started;
    char *mapping;                  /* guard page, region, guard page */
    volatile char *region;
    uint32_t *lat;
    size_t lat_cap, lat_n;
    uint64_t faults, minflt, majflt;
    int64_t end_ns;
};

struct writer_thread {
    struct run *run;
    pthread_t tid;
    bool started;
    uint64_t ops;
};

long kw_page_size(void) { return sysconf(_SC_PAGESIZE); }

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static bool stopped(struct run *r) { return atomic_load_explicit(&r->stop, memory_order_relaxed); }

/* Records the first failure and stops every thread. Returns -1 for the caller's convenience. */
static int fail(struct run *r, int error, const char *call)
{
    if (!atomic_exchange(&r->failed, true)) {
        r->error = error;
        r->failed_call = call;
    }
    atomic_store(&r->stop, true);
    return -1;
}

/* Blocks until kw_run opens or aborts the gate; true (with the common start time) if opened. */
static bool gate_wait(struct run *r, int64_t *start_ns)
{
    pthread_mutex_lock(&r->lock);
    while (r->gate == GATE_CLOSED)
        pthread_cond_wait(&r->opened, &r->lock);
    bool open = r->gate == GATE_OPEN;
    *start_ns = r->start_ns;
    pthread_mutex_unlock(&r->lock);
    return open;
}

static void gate_set(struct run *r, enum gate_state state)
{
    pthread_mutex_lock(&r->lock);
    r->start_ns = now_ns();
    r->gate = state;
    pthread_cond_broadcast(&r->opened);
    pthread_mutex_unlock(&r->lock);
}

/* Writes every untouched page once, timing each store, until the deadline or a stop. */
static void touch_pages(struct fault_thread *f, int64_t deadline)
{
    struct run *r = f->run;
    volatile char *region = f->region;
    size_t page = r->page, bytes = r->cfg->region_bytes, pages = bytes / page, next = 0, n = 0;
    uint64_t faults = 0;
    for (;;) {
        int64_t t0 = now_ns();
        region[next * page] = 1;
        int64_t t1 = now_ns();
        faults++;
        if (n < f->lat_cap)
            f->lat[n++] = t1 - t0 > UINT32_MAX ? UINT32_MAX : (uint32_t)(t1 - t0);
        if (++next == pages) {
            next = 0;
            if (madvise((void *)region, bytes, MADV_DONTNEED) != 0) {
                fail(r, errno, "madvise");
                break;
            }
        }
        if (t1 >= deadline || stopped(r))
            break;
    }
    f->faults = faults;
    f->lat_n = n;
}

static void *fault_main(void *arg)
{
    struct fault_thread *f = arg;
    struct run *r = f->run;
    /* Touch the latency slice now so its own faults stay out of the counts. */
    if (f->lat_cap > 0)
        memset(f->lat, 0, f->lat_cap * sizeof *f->lat);
    int64_t start;
    if (gate_wait(r, &start)) {
        struct rusage before, after;
        if (getrusage(RUSAGE_THREAD, &before) != 0) {
            fail(r, errno, "getrusage");
        } else {
            touch_pages(f, start + (int64_t)(r->cfg->seconds * NS_PER_S));
            if (getrusage(RUSAGE_THREAD, &after) != 0) {
                fail(r, errno, "getrusage");
            } else {
                f->minflt = (uint64_t)(after.ru_minflt - before.ru_minflt);
                f->majflt = (uint64_t)(after.ru_majflt - before.ru_majflt);
            }
        }
    }
    f->end_ns = now_ns();
    if (atomic_fetch_sub(&r->faulters_left, 1) == 1)
        atomic_store(&r->stop, true);
    return NULL;
}

/* One writer op: a fresh mapping, split by mprotect, then unmapped. */
static int vma_cycle(struct run *r)
{
    size_t bytes = WRITER_PAGES * r->page;
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return fail(r, errno, "mmap");
    if (mprotect(p + r->page, r->page, PROT_READ) != 0) {
        int error = errno;
        munmap(p, bytes);
        return fail(r, error, "mprotect");
    }
    if (munmap(p, bytes) != 0)
        return fail(r, errno, "munmap");
    return 0;
}

/* Waits until due: sleeps in slices while far off, spins the rest. False if stopped meanwhile. */
static bool wait_until(struct run *r, int64_t due)
{
    for (;;) {
        if (stopped(r))
            return false;
        int64_t now = now_ns(), left = due - now;
        if (left <= 0)
            return true;
        if (left > MIN_SLEEP_NS) {
            int64_t wake = now + (left - SPIN_TAIL_NS < MAX_SLEEP_NS ? left - SPIN_TAIL_NS : MAX_SLEEP_NS);
            struct timespec ts = { .tv_sec = wake / NS_PER_S, .tv_nsec = wake % NS_PER_S };
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
        }
    }
}

static void *writer_main(void *arg)
{
    struct writer_thread *w = arg;
    struct run *r = w->run;
    double rate = r->cfg->writer_rate;
    int64_t base;
    if (!gate_wait(r, &base))
        return NULL;
    if (rate == 0) {
        while (!stopped(r))
            ;                       /* a busy core and nothing else */
        return NULL;
    }
    uint64_t ops = 0, base_op = 0;
    while (!stopped(r)) {
        if (rate > 0) {
            int64_t due = base + (int64_t)((double)(ops - base_op) * NS_PER_S / rate);
            int64_t now = now_ns();
            if (now - due > MAX_LAG_NS) {
                base = now;
                base_op = ops;
            } else if (!wait_until(r, due)) {
                break;
            }
        }
        if (vma_cycle(r) != 0)
            break;
        ops++;
    }
    w->ops = ops;
    return NULL;
}

/* Maps the region between two PROT_NONE guard pages, read-write and without huge pages. */
static int map_region(struct fault_thread *f)
{
    struct run *r = f->run;
    size_t bytes = r->cfg->region_bytes;
    char *m = mmap(NULL, bytes + 2 * r->page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return fail(r, errno, "mmap");
    f->mapping = m;
    f->region = m + r->page;
    if (mprotect(m + r->page, bytes, PROT_READ | PROT_WRITE) != 0)
        return fail(r, errno, "mprotect");
    if (madvise(m + r->page, bytes, MADV_NOHUGEPAGE) != 0)
        return fail(r, errno, "madvise");
    return 0;
}

static bool config_valid(const kw_config *c, size_t page)
{
    return c && c->fault_threads >= 1 && c->writer_threads >= 0 && c->seconds > 0
        && c->writer_rate == c->writer_rate /* not NaN */
        && c->region_bytes >= page && c->region_bytes % page == 0;
}

static int set_error(kw_result *res, int error, const char *call)
{
    res->error = error;
    snprintf(res->failed_call, sizeof res->failed_call, "%s", call);
    return -1;
}

/* Creates the threads and lets them run; the gate stays closed if any setup failed. */
static void run_threads(struct run *r, struct fault_thread *ft, struct writer_thread *wt)
{
    const kw_config *c = r->cfg;
    for (int i = 0; i < c->fault_threads && !stopped(r); i++) {
        if (map_region(&ft[i]) != 0)
            break;
        int error = pthread_create(&ft[i].tid, NULL, fault_main, &ft[i]);
        if (error)
            fail(r, error, "pthread_create");
        ft[i].started = !error;
    }
    for (int i = 0; i < c->writer_threads && !stopped(r); i++) {
        int error = pthread_create(&wt[i].tid, NULL, writer_main, &wt[i]);
        if (error)
            fail(r, error, "pthread_create");
        wt[i].started = !error;
    }
    gate_set(r, stopped(r) ? GATE_ABORTED : GATE_OPEN);
    for (int i = 0; i < c->fault_threads; i++)
        if (ft[i].started)
            pthread_join(ft[i].tid, NULL);
    atomic_store(&r->stop, true);   /* already so, unless some fault thread never started */
    for (int i = 0; i < c->writer_threads; i++)
        if (wt[i].started)
            pthread_join(wt[i].tid, NULL);
}

static void collect(const struct run *r, const struct fault_thread *ft, const struct writer_thread *wt,
                    kw_result *res)
{
    const kw_config *c = r->cfg;
    int64_t end = r->start_ns;
    for (int i = 0; i < c->fault_threads; i++) {
        res->faults += ft[i].faults;
        res->minor_faults += ft[i].minflt;
        res->major_faults += ft[i].majflt;
        if (ft[i].end_ns > end)
            end = ft[i].end_ns;
        if (ft[i].lat_n > 0)
            memmove(c->latencies + res->latencies_recorded, ft[i].lat, ft[i].lat_n * sizeof *ft[i].lat);
        res->latencies_recorded += ft[i].lat_n;
    }
    for (int i = 0; i < c->writer_threads; i++)
        res->writer_ops += wt[i].ops;
    res->elapsed_seconds = (double)(end - r->start_ns) / NS_PER_S;
}

int kw_run(const kw_config *config, kw_result *result)
{
    if (!result)
        return -1;
    memset(result, 0, sizeof *result);
    long page = kw_page_size();
    if (page <= 0)
        return set_error(result, errno, "sysconf");
    if (!config_valid(config, (size_t)page))
        return set_error(result, EINVAL, "config");

    struct run r = { .cfg = config, .page = (size_t)page, .gate = GATE_CLOSED,
                     .lock = PTHREAD_MUTEX_INITIALIZER, .opened = PTHREAD_COND_INITIALIZER };
    atomic_init(&r.stop, false);
    atomic_init(&r.failed, false);
    atomic_init(&r.faulters_left, config->fault_threads);
    struct fault_thread *ft = calloc((size_t)config->fault_threads, sizeof *ft);
    struct writer_thread *wt = calloc((size_t)config->writer_threads + 1, sizeof *wt);
    if (!ft || !wt) {
        free(ft);
        free(wt);
        return set_error(result, ENOMEM, "calloc");
    }
    size_t slice = config->latencies ? config->latency_capacity / (size_t)config->fault_threads : 0;
    for (int i = 0; i < config->fault_threads; i++)
        ft[i] = (struct fault_thread){ .run = &r, .lat = slice ? config->latencies + (size_t)i * slice : NULL,
                                       .lat_cap = slice };
    for (int i = 0; i < config->writer_threads; i++)
        wt[i].run = &r;

    run_threads(&r, ft, wt);
    if (!atomic_load(&r.failed))
        collect(&r, ft, wt, result);
    for (int i = 0; i < config->fault_threads; i++)
        if (ft[i].mapping)
            munmap(ft[i].mapping, config->region_bytes + 2 * r.page);
    free(ft);
    free(wt);
    pthread_mutex_destroy(&r.lock);
    pthread_cond_destroy(&r.opened);
    return atomic_load(&r.failed) ? set_error(result, r.error, r.failed_call) : 0;
}
