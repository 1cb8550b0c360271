/*
 * An independent open-loop yardstick for the Java load client (load-client/README.md, Speed) and for the servers'
 * tails: one thread, epoll, and a timerfd armed at the absolute intended time of the next message, so it sleeps
 * between sends instead of spinning, with 1 ns of timer slack. Message k goes out on connection k % CONNECTIONS at
 * t0 + k / RATE; its latency is taken from that intended time to the arrival of its echo (answers come back in
 * order on each connection, so a ring of intended times per connection pairs them), so a stalled server or a
 * late client shows in full. Messages are SIZE-byte lines. Nothing is verified: this only times.
 *
 * usage: openloop_client PORT CONNECTIONS RATE SECONDS [WARMUP_SECONDS [SIZE]]
 * prints one line: rate_achieved=<msgs/s> sent= received= p50_us= p90_us= p99_us= p999_us= max_us=
 *                  sendlag_p99_us= cpu_ns_per_msg=   (latencies over the measured messages only)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 1024
#define RING 65536            /* messages outstanding per connection, at most */
#define MAX_EVENTS 256
#define HISTOGRAM_US 2000000  /* 1 us buckets up to 2 s; later values land in the last bucket */
#define DRAIN_NS 2000000000LL /* how long to wait for the last answers */

typedef struct
{
    int fd;
    int64_t *intended; /* ring of intended send times (ns) of the messages in flight */
    uint32_t head, tail;
} connection;

typedef struct
{
    uint32_t *counts;
    long long total;
    int64_t max_ns;
} histogram;

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void record(histogram *h, const int64_t ns)
{
    const int64_t us = ns < 0 ? 0 : ns / 1000;
    h->counts[us < HISTOGRAM_US ? us : HISTOGRAM_US - 1]++;
    h->total++;
    if (ns > h->max_ns)
    {
        h->max_ns = ns;
    }
}

/* The smallest value (us) at or below which fraction q of the recorded values lie. */
static double percentile(const histogram *h, const double q)
{
    if (h->total == 0)
    {
        return 0;
    }
    const long long rank = (long long)(q * h->total + 0.999999);
    long long seen = 0;
    for (int i = 0; i < HISTOGRAM_US; i++)
    {
        seen += h->counts[i];
        if (seen >= rank)
        {
            return i + 1;
        }
    }
    return HISTOGRAM_US;
}

static void arm(const int timer, const int64_t at_ns)
{
    struct itimerspec when = {.it_value = {.tv_sec = at_ns / 1000000000LL, .tv_nsec = at_ns % 1000000000LL}};
    timerfd_settime(timer, TFD_TIMER_ABSTIME, &when, NULL);
}

int main(int argc, char **argv)
{
    if (argc < 5 || argc > 7)
    {
        fprintf(stderr, "usage: %s PORT CONNECTIONS RATE SECONDS [WARMUP_SECONDS [SIZE]]\n", argv[0]);
        return 2;
    }
    const int port = atoi(argv[1]), connections = atoi(argv[2]);
    const double rate = atof(argv[3]), seconds = atof(argv[4]);
    const double warmup = argc > 5 ? atof(argv[5]) : 0;
    const int size = argc > 6 ? atoi(argv[6]) : 64;
    if (connections < 1 || connections > MAX_CONNECTIONS || rate <= 0 || seconds <= 0 || size < 2 || size > 65536)
    {
        fprintf(stderr, "CONNECTIONS must be 1..%d, RATE and SECONDS above 0, SIZE 2..65536\n", MAX_CONNECTIONS);
        return 2;
    }
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    char *line = malloc(size);
    memset(line, 'a', size - 1);
    line[size - 1] = '\n';

    const int epoll = epoll_create1(0);
    const int timer = timerfd_create(CLOCK_MONOTONIC, 0);
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(epoll, EPOLL_CTL_ADD, timer, &tev);
    static connection conns[MAX_CONNECTIONS];
    const int one = 1;
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    for (int c = 0; c < connections; c++)
    {
        const int s = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(s, (struct sockaddr *)&address, sizeof address) != 0)
        {
            perror("connect");
            return 1;
        }
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conns[c] = (connection){.fd = s, .intended = malloc(sizeof(int64_t) * RING)};
        struct epoll_event event = {.events = EPOLLIN, .data.u32 = (uint32_t)c};
        epoll_ctl(epoll, EPOLL_CTL_ADD, s, &event);
    }
    histogram latency = {.counts = calloc(HISTOGRAM_US, sizeof(uint32_t))};
    histogram sendlag = {.counts = calloc(HISTOGRAM_US, sizeof(uint32_t))};

    const double interval_ns = 1e9 / rate;
    const int64_t t0 = now_ns() + 100000000LL; /* 100 ms to settle after connecting */
    const int64_t measure_from = t0 + (int64_t)(warmup * 1e9);
    const int64_t stop_at = measure_from + (int64_t)(seconds * 1e9);
    long long k = 0, sent = 0, received = 0;
    int64_t next = t0;
    arm(timer, next);
    static char in[65536];
    struct epoll_event events[MAX_EVENTS];
    int sending = 1;
    while (sending || received < sent)
    {
        const int n = epoll_wait(epoll, events, MAX_EVENTS, 100);
        if (!sending && now_ns() > stop_at + DRAIN_NS)
        {
            break;
        }
        for (int i = 0; i < n; i++)
        {
            if (events[i].data.u32 == UINT32_MAX)
            {
                uint64_t expirations;
                if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN)
                {
                    perror("timerfd");
                    return 1;
                }
                const int64_t now = now_ns();
                while (sending && next <= now)
                {
                    connection *c = &conns[k % connections];
                    if (c->tail - c->head >= RING || write(c->fd, line, size) != size)
                    {
                        fprintf(stderr, "cannot send message %lld: %s\n", k,
                                c->tail - c->head >= RING ? "too many in flight" : strerror(errno));
                        return 1;
                    }
                    c->intended[c->tail++ % RING] = next;
                    if (next >= measure_from)
                    {
                        record(&sendlag, now - next);
                        sent++;
                    }
                    k++;
                    next = t0 + (int64_t)(k * interval_ns);
                    sending = next < stop_at;
                }
                if (sending)
                {
                    arm(timer, next);
                }
                continue;
            }
            connection *c = &conns[events[i].data.u32];
            const ssize_t r = read(c->fd, in, sizeof in);
            if (r <= 0)
            {
                fprintf(stderr, "connection %u: %s\n", events[i].data.u32, r == 0 ? "closed" : strerror(errno));
                return 1;
            }
            const int64_t now = now_ns();
            for (ssize_t b = 0; b < r; b++)
            {
                if (in[b] == '\n' && c->head != c->tail)
                {
                    const int64_t intended = c->intended[c->head++ % RING];
                    if (intended >= measure_from)
                    {
                        record(&latency, now - intended);
                        received++;
                    }
                }
            }
        }
    }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
                       + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    printf("rate_achieved=%.0f sent=%lld received=%lld p50_us=%.0f p90_us=%.0f p99_us=%.0f p999_us=%.0f max_us=%.0f "
           "sendlag_p99_us=%.0f cpu_ns_per_msg=%.0f\n",
           received / seconds, sent, received, percentile(&latency, 0.5), percentile(&latency, 0.9),
           percentile(&latency, 0.99), percentile(&latency, 0.999), latency.max_ns / 1e3,
           percentile(&sendlag, 0.99), k > 0 ? cpu * 1e9 / k : 0);
    return received == sent ? 0 : 3;
}
