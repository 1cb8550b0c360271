/*
 * How much of a CPU a spinning thread does not get, and from whom: scripts/stall-probe runs one per CPU.
 *
 * usage: stall_probe SECONDS THRESHOLD_MS
 *
 * The thread spins, and each turn reads the clock, its own involuntary context switches (getrusage) and the run time
 * the kernel has charged it (/proc/thread-self/schedstat). A turn that starts more than THRESHOLD_MS after the one
 * before is a gap, classed as
 *   preempted: the guest's scheduler switched to something else (involuntary switches rose in it);
 *   stolen:    no switch, yet the kernel charged the gap to us as run time: the vCPU itself did not run (a
 *              hypervisor that does not report steal time makes it look like this);
 *   other:     neither (interrupts, or time accounted elsewhere).
 * Output: one line per gap of 20 ms or more, then one summary line per class:
 *   gap t_s=<s> ms=<ms> class=<class>
 *   total class=<class> gaps=<n> ms=<ms> share=<percent of the run>
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long involuntary_switches(void)
{
    struct rusage r;
    getrusage(RUSAGE_THREAD, &r);
    return r.ru_nivcsw;
}

static long long charged_ns(int fd)
{
    char b[128];
    const ssize_t n = pread(fd, b, sizeof b - 1, 0);
    if (n <= 0)
    {
        return -1;
    }
    b[n] = 0;
    return atoll(b);
}

int main(int argc, char **argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: stall_probe SECONDS THRESHOLD_MS\n");
        return 2;
    }
    const long long run_ns = (long long)(atof(argv[1]) * 1e9);
    const long long threshold_ns = (long long)(atof(argv[2]) * 1e6);
    const int fd = open("/proc/thread-self/schedstat", O_RDONLY);
    if (fd < 0 || run_ns <= 0 || threshold_ns <= 0)
    {
        fprintf(stderr, "stall_probe: needs /proc/thread-self/schedstat and positive arguments\n");
        return 2;
    }
    static const char *names[3] = {"preempted", "stolen", "other"};
    long long total[3] = {0, 0, 0};
    long count[3] = {0, 0, 0};
    const long long start = now_ns();
    long long prev = start;
    long switches = involuntary_switches();
    long long charged = charged_ns(fd);
    while (prev - start < run_ns)
    {
        const long long t = now_ns();
        const long s = involuntary_switches();
        const long long c = charged_ns(fd);
        const long long gap = t - prev;
        if (gap > threshold_ns)
        {
            const int k = s != switches ? 0 : (c - charged > gap / 2 ? 1 : 2);
            total[k] += gap;
            count[k]++;
            if (gap >= 20000000LL)
            {
                printf("gap t_s=%.3f ms=%.1f class=%s\n", (t - start) / 1e9, gap / 1e6, names[k]);
            }
        }
        prev = t;
        switches = s;
        charged = c;
    }
    for (int k = 0; k < 3; k++)
    {
        printf("total class=%s gaps=%ld ms=%.1f share=%.2f\n", names[k], count[k], total[k] / 1e6,
            100.0 * total[k] / (double)(prev - start));
    }
    return 0;
}
