/*
 * KernelWorkload: page faults on the running kernel while other threads change unrelated VMAs.
 *
 * Fault threads write the first byte of each page of a private anonymous region, timing every
 * store; writer threads mmap, mprotect and munmap small unrelated mappings at a chosen rate.
 * With per-VMA locks the faults should not wait for the writers' mmap_lock; the figures show
 * whether they do. See workload.c for how the measurement is kept honest.
 */
#ifndef KERNEL_WORKLOAD_H
#define KERNEL_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int fault_threads;          /* >= 1 */
    size_t region_bytes;        /* per fault thread, e.g. 64 MiB; multiple of the page size */
    int writer_threads;         /* >= 0 */
    double writer_rate;         /* ops/s per writer thread; < 0 means flat out; 0 means the writer
                                   threads only spin (a busy core, no VMA changes) */
    double seconds;             /* duration of the measurement */
    uint32_t *latencies;        /* optional (may be NULL): per-fault latencies in ns */
    size_t latency_capacity;    /* entries in latencies; split evenly among fault threads */
} kw_config;

typedef struct {
    uint64_t faults;            /* first-touch page writes done by the fault threads */
    uint64_t minor_faults;      /* getrusage(RUSAGE_THREAD) ru_minflt deltas summed over fault threads */
    uint64_t major_faults;
    uint64_t writer_ops;        /* completed mmap+mprotect+munmap cycles, all writers */
    double elapsed_seconds;     /* wall time of the fault phase */
    size_t latencies_recorded;  /* entries of latencies filled, compacted to the front */
    int error;                  /* 0, or the errno of the call that failed */
    char failed_call[32];       /* name of that call, e.g. "mmap" */
} kw_result;

/* Returns 0 on success, -1 on failure (result->error and failed_call set). */
int kw_run(const kw_config *config, kw_result *result);

/* The page size the workload touches and maps in (sysconf(_SC_PAGESIZE)). */
long kw_page_size(void);

#ifdef __cplusplus
}
#endif

#endif /* KERNEL_WORKLOAD_H */
