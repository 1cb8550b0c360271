/*
 * The reference the Java load client is measured against (load-client/README.md, Speed): a minimal epoll echo
 * client, the fastest a client on one core can be with the same pattern. It opens CONNECTIONS connections, puts
 * DEPTH 64-byte lines in flight on each, and for every read counts the newlines and writes that many lines back.
 * No checks, no timing of messages, no histograms: only what any pipelined client must do.
 *
 * usage: echo_client PORT CONNECTIONS DEPTH SECONDS
 * prints: msgs_per_sec=<n> cpu_ns_per_msg=<n>  (CPU of the whole process, user + system, from getrusage)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LINE 64
#define MAX_DEPTH 4096
#define MAX_EVENTS 256

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 5)
    {
        fprintf(stderr, "usage: %s PORT CONNECTIONS DEPTH SECONDS\n", argv[0]);
        return 2;
    }
    const int port = atoi(argv[1]), connections = atoi(argv[2]), depth = atoi(argv[3]);
    const double seconds = atof(argv[4]);
    if (depth < 1 || depth > MAX_DEPTH || connections < 1)
    {
        fprintf(stderr, "DEPTH must be 1..%d, CONNECTIONS at least 1\n", MAX_DEPTH);
        return 2;
    }
    /* One line repeated: a read of n newlines is answered by writing the first n lines of this buffer. */
    static char lines[LINE * MAX_DEPTH];
    for (int i = 0; i < MAX_DEPTH; i++)
    {
        memset(lines + LINE * i, 'a', LINE - 1);
        lines[LINE * i + LINE - 1] = '\n';
    }
    const int epoll = epoll_create1(0);
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
        struct epoll_event event = {.events = EPOLLIN, .data.fd = s};
        epoll_ctl(epoll, EPOLL_CTL_ADD, s, &event);
        if (write(s, lines, (size_t)LINE * depth) != (ssize_t)LINE * depth)
        {
            perror("write");
            return 1;
        }
    }
    static char in[65536];
    struct epoll_event events[MAX_EVENTS];
    long long messages = 0;
    const double start = now(), end = start + seconds;
    while (now() < end)
    {
        const int n = epoll_wait(epoll, events, MAX_EVENTS, 100);
        for (int i = 0; i < n; i++)
        {
            const int fd = events[i].data.fd;
            const ssize_t r = read(fd, in, sizeof in);
            if (r <= 0)
            {
                continue;
            }
            int newlines = 0;
            for (ssize_t k = 0; k < r; k++)
            {
                newlines += in[k] == '\n';
            }
            messages += newlines;
            if (newlines > 0 && write(fd, lines, (size_t)LINE * newlines) < 0)
            {
                perror("write");
                return 1;
            }
        }
    }
    const double elapsed = now() - start;
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
                       + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    printf("msgs_per_sec=%.0f cpu_ns_per_msg=%.0f\n", messages / elapsed, messages > 0 ? cpu * 1e9 / messages : 0);
    return 0;
}
