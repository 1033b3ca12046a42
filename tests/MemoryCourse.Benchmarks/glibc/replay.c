/*
 * Replays a malloc-lab trace with the C library's malloc, realloc and free, so the course's simulated
 * allocators can be measured side by side with glibc on the same workload.
 *
 * Built two ways by AllocatorBenchmarks.cs at benchmark time (never checked in as a binary):
 *   gcc -O2 -shared -fPIC -o libmcreplay.so replay.c        mc_replay() called in-process for throughput
 *   gcc -O2 -DMC_MAIN -o mcreplay replay.c                   standalone: utilization and throughput of one trace
 *
 * Standalone usage: mcreplay TRACE.rep [RUNS]
 * prints: trace ops runs seconds peak_live heap_peak utilization ops_per_sec
 * where heap_peak is the largest (sbrk arena + mmapped bytes) glibc held during one replay beyond what it held
 * before, sampled with mallinfo2() after every op (in a separate, untimed pass).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One replay: kinds are 'a', 'r', 'f'; slots must hold nids pointers. Returns 0, or -1 when malloc failed. */
int mc_replay(int nops, const char *kinds, const int *ids, const long long *sizes, int nids, void **slots)
{
    for (int i = 0; i < nids; i++) slots[i] = NULL;
    for (int i = 0; i < nops; i++) {
        int id = ids[i];
        switch (kinds[i]) {
        case 'a':
            slots[id] = malloc((size_t)sizes[i]);
            if (slots[id] == NULL) return -1;
            break;
        case 'r': {
            void *p = realloc(slots[id], (size_t)sizes[i]);
            if (p == NULL) return -1;
            slots[id] = p;
            break;
        }
        default:
            free(slots[id]);
            slots[id] = NULL;
            break;
        }
    }
    for (int i = 0; i < nids; i++) free(slots[i]);
    return 0;
}

#ifdef MC_MAIN
#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The driver itself never calls malloc before the measured pass (file and arrays are mmapped, no stdio),
 * so glibc's arena starts empty and its footprint is the trace's alone. */
static void *region(size_t bytes)
{
    void *p = mmap(NULL, bytes ? bytes : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { _exit(3); }
    return p;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static size_t footprint(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.arena + m.hblkhd;
}

static const char *cursor, *end_of_text;

static int next_token(char *out, size_t cap)
{
    while (cursor < end_of_text && (*cursor == ' ' || *cursor == '\t' || *cursor == '\r' || *cursor == '\n')) cursor++;
    size_t n = 0;
    while (cursor < end_of_text && !(*cursor == ' ' || *cursor == '\t' || *cursor == '\r' || *cursor == '\n'))
        if (n + 1 < cap) out[n++] = *cursor++; else cursor++;
    out[n] = 0;
    return n > 0;
}

static int fail(const char *what)
{
    static const char prefix[] = "mcreplay: ";
    write(2, prefix, sizeof prefix - 1);
    write(2, what, strlen(what));
    write(2, "\n", 1);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) return fail("usage: mcreplay TRACE.rep [RUNS]");
    int runs = argc > 2 ? atoi(argv[2]) : 10;
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) return fail("cannot open the trace");
    char *text = st.st_size ? mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : (char *)"";
    if (text == MAP_FAILED) return fail("cannot map the trace");
    cursor = text;
    end_of_text = text + st.st_size;

    char tok[64];
    long header[4];
    for (int h = 0; h < 4; h++) {
        if (!next_token(tok, sizeof tok)) return fail("bad header");
        header[h] = strtol(tok, NULL, 10);
    }
    int nids = (int)header[1], nops = (int)header[2];
    if (nids < 0 || nops < 0) return fail("bad header");
    char *kinds = region(nops);
    int *ids = region(sizeof(int) * nops);
    long long *sizes = region(sizeof(long long) * nops);
    for (int i = 0; i < nops; i++) {
        if (!next_token(tok, sizeof tok)) return fail("too few ops");
        kinds[i] = tok[0];
        if (!next_token(tok, sizeof tok)) return fail("op without id");
        ids[i] = atoi(tok);
        if (kinds[i] != 'f') {
            if (!next_token(tok, sizeof tok)) return fail("op without size");
            sizes[i] = strtoll(tok, NULL, 10);
        }
        if (ids[i] < 0 || ids[i] >= nids) return fail("id out of range");
    }
    void **slots = region(sizeof(void *) * (nids ? nids : 1));
    long long *live = region(sizeof(long long) * (nids ? nids : 1));

    /* Untimed pass: peak live payload (the lab's definition) and peak heap footprint (arena + mmapped). */
    size_t heap_peak = 0;
    long long total = 0, peak = 0;
    for (int i = 0; i < nops; i++) {
        int id = ids[i];
        if (kinds[i] == 'a') { slots[id] = malloc(sizes[i]); total += sizes[i]; live[id] = sizes[i]; }
        else if (kinds[i] == 'r') { slots[id] = realloc(slots[id], sizes[i]); total += sizes[i] - live[id]; live[id] = sizes[i]; }
        else { free(slots[id]); slots[id] = NULL; total -= live[id]; live[id] = 0; }
        if (total > peak) peak = total;
        size_t fp = footprint();
        if (fp > heap_peak) heap_peak = fp;
    }
    for (int i = 0; i < nids; i++) { free(slots[i]); slots[i] = NULL; }

    double start = now();
    for (int r = 0; r < runs; r++)
        if (mc_replay(nops, kinds, ids, sizes, nids, slots) != 0) return fail("malloc failed");
    double seconds = now() - start;

    const char *name = strrchr(argv[1], '/');
    printf("%s %d %d %.6f %lld %zu %.4f %.0f\n", name ? name + 1 : argv[1], nops, runs, seconds, peak, heap_peak,
           heap_peak ? (double)peak / heap_peak : 0.0, seconds > 0 ? (double)nops * runs / seconds : 0.0);
    return 0;
}
#endif
