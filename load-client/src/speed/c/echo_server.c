/*
 * A minimal epoll echo server on one thread, the floor any echo server on one core can reach: it writes back each
 * read as it came, without looking at it. Used to measure the load clients against a server that is as cheap as
 * possible (load-client/README.md, Speed). Binds 127.0.0.1 only; runs until killed.
 *
 * usage: echo_server PORT
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 256

int main(int argc, char **argv)
{
    if (argc != 2)
    {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    const int one = 1;
    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1024) != 0)
    {
        perror("bind");
        return 1;
    }
    const int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    printf("listening on 127.0.0.1:%s\n", argv[1]);
    fflush(stdout);
    static char buffer[65536];
    struct epoll_event events[MAX_EVENTS];
    for (;;)
    {
        const int n = epoll_wait(epoll, events, MAX_EVENTS, -1);
        for (int i = 0; i < n; i++)
        {
            const int fd = events[i].data.fd;
            if (fd == listener)
            {
                int c;
                while ((c = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0)
                {
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event e = {.events = EPOLLIN, .data.fd = c};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, c, &e);
                }
                continue;
            }
            const ssize_t r = read(fd, buffer, sizeof buffer);
            if (r <= 0)
            {
                close(fd);
                continue;
            }
            /* The peer reads all the time, so a short write only waits for its socket buffer to drain. */
            for (ssize_t off = 0; off < r;)
            {
                const ssize_t w = write(fd, buffer + off, r - off);
                if (w < 0 && errno != EAGAIN)
                {
                    break;
                }
                off += w > 0 ? w : 0;
            }
        }
    }
}
