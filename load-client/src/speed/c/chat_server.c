/*
 * The chat floor: a single-threaded epoll server for the PROTOCOL.md chat service in line framing, written the way a
 * C programmer writes a fan-out server, so that the Java servers' cost per delivery has a yardstick on the same
 * machine (the fan-out suite runs it as the foreign server "c-chat"; harness/README.md).
 *
 * What it does per loop turn: epoll_wait; for each readable connection read (up to 16 reads of 64 KiB), split lines
 * in place and answer each command; a room message is formatted once into a scratch buffer and appended to every
 * member's outbound buffer (the sender included). Then every connection that got bytes in this turn is written once:
 * all the deliveries and replies a member got in one turn leave in one write(2). Per-sender order holds because one
 * thread handles every command in order.
 *
 * PROTOCOL.md it honours: chat service, line framing only (--service echo and --framing length/raw exit 2); every
 * chat command and error frame; --max-frame (ERR FRAME_TOO_LARGE, then close); --max-connections (ERR SERVER_FULL);
 * --max-rooms; --high-water (reading pauses above it, resumes at half); --max-outbound (slow consumers are closed and
 * counted); half-close; reset; SIGTERM/SIGINT graceful shutdown within --shutdown-grace; the readiness line.
 * --event-loops is accepted and reported but it always runs one loop (like asyncore); --transport and --threads are
 * rejected; --impl must be c-chat when given.
 *
 * usage: chat_server --service chat --framing line [--port 0] [other PROTOCOL.md section 8 flags]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVENTS 256
#define READ_BUFFER 65536
#define READS_PER_READINESS 16
#define MAX_NAME 32
#define ROOM_BUCKETS 4096

struct settings
{
    const char *host;
    long port, event_loops, max_frame, max_connections, max_rooms, high_water, max_outbound, shutdown_grace;
};

struct room;

struct conn
{
    int fd;
    bool counted, closing, closed, paused, dirty;
    uint32_t interest;
    /* A line that has not ended yet, carried to the next read. */
    char *partial;
    size_t partial_len, partial_cap;
    /* Pending outbound bytes are out[out_start, out_end). */
    char *out;
    size_t out_start, out_end, out_cap;
    char nick[MAX_NAME + 1];
    size_t nick_len;
    struct room **rooms;
    long room_count;
    struct conn *next_dirty, *next_dead;
    /* Every live connection, for the graceful shutdown. */
    struct conn *prev, *next;
};

struct room
{
    char name[MAX_NAME + 1];
    size_t name_len;
    struct conn **members;
    size_t count, cap;
    /* A delivery is walking the members: the room is not freed under it. */
    bool delivering;
    struct room *next;
};

static struct settings cfg = {"127.0.0.1", 0, 0, 65536, 10000, 16, 65536, 1048576, 5000};
static int epoll_fd, listen_fd = -1;
static long open_connections, slow_consumers;
static struct room *rooms[ROOM_BUCKETS];
static struct conn *dirty_list, *dead_list, *all_list;
static char *scratch;
static size_t scratch_cap;

static void die_usage(const char *message)
{
    fprintf(stderr, "chat_server: %s\n", message);
    exit(2);
}

static void *must(void *p)
{
    if (p == NULL)
    {
        fprintf(stderr, "chat_server: out of memory\n");
        exit(1);
    }
    return p;
}

static long number(const char *flag, const char *text, long min, long max)
{
    char *end;
    errno = 0;
    const long v = strtol(text, &end, 10);
    if (errno != 0 || *text == '\0' || *end != '\0' || v < min || v > max)
    {
        char message[160];
        snprintf(message, sizeof message, "%s takes a whole number from %ld to %ld, not '%s'", flag, min, max, text);
        die_usage(message);
    }
    return v;
}

static void parse_flags(int argc, char **argv)
{
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg.event_loops = cores > 0 ? cores : 1;
    for (int i = 1; i < argc; i++)
    {
        const char *flag = argv[i];
        if (strcmp(flag, "--help") == 0 || strcmp(flag, "-h") == 0)
        {
            printf("usage: chat_server --service chat --framing line [--host 127.0.0.1] [--port 0] [--event-loops n]\n"
                   "  [--max-frame 65536] [--max-connections 10000] [--max-rooms 16] [--high-water 65536]\n"
                   "  [--max-outbound 1048576] [--shutdown-grace 5000] [--impl c-chat]   (PROTOCOL.md section 8)\n");
            exit(0);
        }
        if (i + 1 >= argc)
        {
            char message[160];
            snprintf(message, sizeof message, "%s needs a value", flag);
            die_usage(message);
        }
        const char *value = argv[++i];
        if (strcmp(flag, "--host") == 0) cfg.host = value;
        else if (strcmp(flag, "--port") == 0) cfg.port = number(flag, value, 0, 65535);
        else if (strcmp(flag, "--event-loops") == 0) cfg.event_loops = number(flag, value, 1, 1 << 16);
        else if (strcmp(flag, "--max-frame") == 0) cfg.max_frame = number(flag, value, 1, 1 << 30);
        else if (strcmp(flag, "--max-connections") == 0) cfg.max_connections = number(flag, value, 1, 1 << 30);
        else if (strcmp(flag, "--max-rooms") == 0) cfg.max_rooms = number(flag, value, 1, 1 << 16);
        else if (strcmp(flag, "--high-water") == 0) cfg.high_water = number(flag, value, 2, 1L << 40);
        else if (strcmp(flag, "--max-outbound") == 0) cfg.max_outbound = number(flag, value, 2, 1L << 40);
        else if (strcmp(flag, "--shutdown-grace") == 0) cfg.shutdown_grace = number(flag, value, 0, 1L << 40);
        else if (strcmp(flag, "--service") == 0)
        {
            if (strcmp(value, "chat") != 0)
                die_usage("--service: this server implements chat only");
        }
        else if (strcmp(flag, "--framing") == 0)
        {
            if (strcmp(value, "line") != 0)
                die_usage("--framing: this server implements line framing only");
        }
        else if (strcmp(flag, "--impl") == 0)
        {
            if (strcmp(value, "c-chat") != 0)
                die_usage("--impl: this server is c-chat");
        }
        else if (strcmp(flag, "--transport") == 0 || strcmp(flag, "--threads") == 0)
        {
            char message[160];
            snprintf(message, sizeof message, "%s is not supported by this server (one epoll loop, no options)", flag);
            die_usage(message);
        }
        else
        {
            char message[160];
            snprintf(message, sizeof message, "unknown flag %s (see --help)", flag);
            die_usage(message);
        }
    }
    if (cfg.max_outbound < cfg.high_water)
        die_usage("--max-outbound must be at least --high-water");
}

/* ---- outbound ------------------------------------------------------------------------------------------------ */

static size_t pending(const struct conn *c)
{
    return c->out_end - c->out_start;
}

static void mark_dirty(struct conn *c)
{
    if (!c->dirty)
    {
        c->dirty = true;
        c->next_dirty = dirty_list;
        dirty_list = c;
    }
}

/* Appends one frame: payload bytes then '\n'. */
static void append(struct conn *c, const char *payload, size_t length)
{
    const size_t need = length + 1;
    if (c->out_end + need > c->out_cap)
    {
        const size_t live = pending(c);
        if (c->out_start > 0)
        {
            memmove(c->out, c->out + c->out_start, live);
            c->out_start = 0;
            c->out_end = live;
        }
        if (live + need > c->out_cap)
        {
            size_t cap = c->out_cap ? c->out_cap : 4096;
            while (cap < live + need)
                cap *= 2;
            c->out = must(realloc(c->out, cap));
            c->out_cap = cap;
        }
    }
    memcpy(c->out + c->out_end, payload, length);
    c->out[c->out_end + length] = '\n';
    c->out_end += need;
    mark_dirty(c);
}

static void reply(struct conn *c, const char *text)
{
    append(c, text, strlen(text));
}

/* ---- rooms --------------------------------------------------------------------------------------------------- */

static unsigned bucket(const char *name, size_t length)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < length; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619u;
    return h % ROOM_BUCKETS;
}

static struct room *find_room(const char *name, size_t length)
{
    for (struct room *r = rooms[bucket(name, length)]; r != NULL; r = r->next)
        if (r->name_len == length && memcmp(r->name, name, length) == 0)
            return r;
    return NULL;
}

static void free_room_if_empty(struct room *room)
{
    if (room->count > 0 || room->delivering)
        return;
    struct room **link = &rooms[bucket(room->name, room->name_len)];
    while (*link != room)
        link = &(*link)->next;
    *link = room->next;
    free(room->members);
    free(room);
}

static long room_index(const struct conn *c, const struct room *room)
{
    for (long i = 0; i < c->room_count; i++)
        if (c->rooms[i] == room)
            return i;
    return -1;
}

static void join(struct conn *c, struct room *room)
{
    if (room->count == room->cap)
    {
        room->cap = room->cap ? room->cap * 2 : 8;
        room->members = must(realloc(room->members, room->cap * sizeof *room->members));
    }
    room->members[room->count++] = c;
    c->rooms[c->room_count++] = room;
}

static void leave(struct conn *c, long index)
{
    struct room *room = c->rooms[index];
    c->rooms[index] = c->rooms[--c->room_count];
    for (size_t i = 0; i < room->count; i++)
    {
        if (room->members[i] == c)
        {
            room->members[i] = room->members[--room->count];
            break;
        }
    }
    free_room_if_empty(room);
}

static void leave_all(struct conn *c)
{
    while (c->room_count > 0)
        leave(c, c->room_count - 1);
}

/* ---- connections --------------------------------------------------------------------------------------------- */

static void set_interest(struct conn *c)
{
    const uint32_t want = (c->closing || c->paused ? 0 : EPOLLIN) | (pending(c) > 0 ? EPOLLOUT : 0);
    if (want != c->interest)
    {
        struct epoll_event e = {.events = want, .data.ptr = c};
        epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd, &e);
        c->interest = want;
    }
}

/* Closes at once, dropping what is pending; the memory is freed at the end of the loop turn (events may follow). */
static void close_now(struct conn *c)
{
    if (c->closed)
        return;
    c->closed = true;
    c->closing = true;
    leave_all(c);
    close(c->fd);
    if (c->counted)
        open_connections--;
    if (c->prev)
        c->prev->next = c->next;
    else
        all_list = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->next_dead = dead_list;
    dead_list = c;
}

/* No more input: answer nothing more, send what is pending, then close (QUIT, FIN, an error that closes). */
static void finish(struct conn *c)
{
    if (!c->closing)
    {
        c->closing = true;
        c->partial_len = 0;
        leave_all(c);
    }
    mark_dirty(c);
}

/* Writes what is pending until the socket is full; closes a finished connection once it is all written. */
static void flush(struct conn *c)
{
    while (pending(c) > 0)
    {
        const ssize_t w = write(c->fd, c->out + c->out_start, pending(c));
        if (w < 0)
        {
            if (errno == EAGAIN || errno == EINTR)
                break;
            close_now(c); /* reset or broken pipe */
            return;
        }
        c->out_start += (size_t)w;
    }
    if (pending(c) == 0)
    {
        c->out_start = c->out_end = 0;
        if (c->closing)
        {
            close_now(c);
            return;
        }
    }
    if (c->paused ? pending(c) <= (size_t)cfg.high_water / 2 : pending(c) > (size_t)cfg.high_water)
        c->paused = !c->paused;
    set_interest(c);
}

/* ---- chat (PROTOCOL.md 4; the same answers as io.ioarena.protocol.chat.ChatSession) ------------------------- */

static bool valid_utf8(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;)
    {
        const unsigned b0 = p[i];
        if (b0 < 0x80)
        {
            i++;
            continue;
        }
        int extra;
        uint32_t min;
        if (b0 >= 0xC2 && b0 <= 0xDF) extra = 1, min = 0x80;
        else if (b0 >= 0xE0 && b0 <= 0xEF) extra = 2, min = 0x800;
        else if (b0 >= 0xF0 && b0 <= 0xF4) extra = 3, min = 0x10000;
        else return false;
        if (i + extra >= n)
            return false;
        uint32_t cp = b0 & (0x3F >> extra);
        for (int k = 1; k <= extra; k++)
        {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

static bool is_name(const char *p, size_t n)
{
    if (n < 1 || n > MAX_NAME)
        return false;
    for (size_t i = 0; i < n; i++)
    {
        const char b = p[i];
        if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-' ||
              b == '.'))
            return false;
    }
    return true;
}

static bool word_is(const char *p, size_t n, const char *word)
{
    return n == strlen(word) && memcmp(p, word, n) == 0;
}

/* "MSG <room> <nick> <text>" formatted once, then copied to every member's outbound buffer. */
static void deliver(struct conn *sender, struct room *room, const char *text, size_t text_len)
{
    const size_t length = 4 + room->name_len + 1 + sender->nick_len + 1 + text_len;
    if (length > scratch_cap)
    {
        scratch_cap = length * 2;
        scratch = must(realloc(scratch, scratch_cap));
    }
    char *d = scratch;
    memcpy(d, "MSG ", 4), d += 4;
    memcpy(d, room->name, room->name_len), d += room->name_len;
    *d++ = ' ';
    memcpy(d, sender->nick, sender->nick_len), d += sender->nick_len;
    *d++ = ' ';
    memcpy(d, text, text_len);
    room->delivering = true;
    /* Backwards: closing a slow consumer swaps the last member into its slot, which has been visited already. */
    for (size_t i = room->count; i-- > 0;)
    {
        struct conn *member = room->members[i];
        if (pending(member) + length + 1 > (size_t)cfg.max_outbound)
        {
            /* Pending may be this turn's unwritten bytes, not the peer's fault: let the socket take what it can. */
            flush(member);
            if (member->closed)
                continue;
            if (pending(member) + length + 1 > (size_t)cfg.max_outbound)
            {
                slow_consumers++;
                close_now(member); /* no error frame: it is not reading */
                continue;
            }
        }
        append(member, scratch, length);
    }
    room->delivering = false;
    free_room_if_empty(room);
}

static void command(struct conn *c, const char *p, size_t n)
{
    if (!valid_utf8((const unsigned char *)p, n))
        return reply(c, "ERR INVALID_UTF8");
    const char *space = memchr(p, ' ', n);
    const size_t word_len = space ? (size_t)(space - p) : n;
    const char *args = space ? space + 1 : p + n;
    const size_t args_len = p + n - args;
    char line[96];
    if (word_is(p, word_len, "MSG"))
    {
        const char *room_end = space ? memchr(args, ' ', args_len) : NULL;
        if (room_end == NULL || !is_name(args, room_end - args))
            return reply(c, "ERR MALFORMED");
        struct room *room = find_room(args, room_end - args);
        if (room == NULL || room_index(c, room) < 0)
            return reply(c, "ERR NOT_IN_ROOM");
        return deliver(c, room, room_end + 1, p + n - (room_end + 1));
    }
    if (word_is(p, word_len, "PING"))
    {
        /* PONG then whatever followed PING, byte for byte. */
        const size_t length = 4 + (n - word_len);
        char *out = length <= sizeof line ? line : must(malloc(length));
        memcpy(out, "PONG", 4);
        memcpy(out + 4, p + word_len, n - word_len);
        append(c, out, length);
        if (out != line)
            free(out);
        return;
    }
    const bool nick = word_is(p, word_len, "NICK"), join_cmd = word_is(p, word_len, "JOIN"),
               leave_cmd = word_is(p, word_len, "LEAVE");
    if (nick || join_cmd || leave_cmd)
    {
        if (!space || !is_name(args, args_len))
            return reply(c, "ERR MALFORMED");
        if (nick)
        {
            memcpy(c->nick, args, args_len);
            c->nick_len = args_len;
        }
        else
        {
            struct room *room = find_room(args, args_len);
            const long index = room ? room_index(c, room) : -1;
            if (join_cmd && index < 0)
            {
                if (c->room_count >= cfg.max_rooms)
                    return reply(c, "ERR TOO_MANY_ROOMS");
                if (room == NULL)
                {
                    room = must(calloc(1, sizeof *room));
                    memcpy(room->name, args, args_len);
                    room->name_len = args_len;
                    const unsigned b = bucket(args, args_len);
                    room->next = rooms[b];
                    rooms[b] = room;
                }
                join(c, room);
            }
            else if (leave_cmd)
            {
                if (index < 0)
                    return reply(c, "ERR NOT_IN_ROOM");
                leave(c, index);
            }
        }
        const int length = snprintf(line, sizeof line, "OK %.*s %.*s", (int)word_len, p, (int)args_len, args);
        return append(c, line, (size_t)length);
    }
    if (word_is(p, word_len, "QUIT") || word_is(p, word_len, "STATS"))
    {
        if (space)
            return reply(c, "ERR MALFORMED");
        if (word_len == 4)
        {
            reply(c, "OK QUIT");
            return finish(c);
        }
        const int length = snprintf(line, sizeof line, "OK STATS connections=%ld slow_consumers=%ld",
                                    open_connections, slow_consumers);
        return append(c, line, (size_t)length);
    }
    reply(c, "ERR UNKNOWN_COMMAND");
}

static void frame_too_large(struct conn *c)
{
    reply(c, "ERR FRAME_TOO_LARGE");
    finish(c);
}

static void keep_partial(struct conn *c, const char *p, size_t n)
{
    if (c->partial_len + n > c->partial_cap)
    {
        size_t cap = c->partial_cap ? c->partial_cap : 1024;
        while (cap < c->partial_len + n)
            cap *= 2;
        c->partial = must(realloc(c->partial, cap));
        c->partial_cap = cap;
    }
    memcpy(c->partial + c->partial_len, p, n);
    c->partial_len += n;
}

/* Answers every complete line of one read; keeps an incomplete one. Lines are handled in place where possible. */
static void on_bytes(struct conn *c, const char *p, size_t n)
{
    const char *end = p + n;
    if (c->partial_len > 0)
    {
        const char *nl = memchr(p, '\n', n);
        const size_t head = nl ? (size_t)(nl - p) : n;
        if (c->partial_len + head > (size_t)cfg.max_frame)
            return frame_too_large(c);
        keep_partial(c, p, head);
        if (nl == NULL)
            return;
        const size_t length = c->partial_len;
        c->partial_len = 0; /* before the command, which may end the connection */
        command(c, c->partial, length);
        p = nl + 1;
    }
    while (p < end && !c->closing && !c->closed)
    {
        const char *nl = memchr(p, '\n', end - p);
        const size_t length = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (length > (size_t)cfg.max_frame)
            return frame_too_large(c);
        if (nl == NULL)
        {
            keep_partial(c, p, length);
            return;
        }
        command(c, p, length);
        p = nl + 1;
    }
}

static void on_readable(struct conn *c)
{
    static char buffer[READ_BUFFER];
    for (int reads = 0; reads < READS_PER_READINESS && !c->closing && !c->paused; reads++)
    {
        const ssize_t r = read(c->fd, buffer, sizeof buffer);
        if (r < 0)
        {
            if (errno != EAGAIN && errno != EINTR)
                close_now(c); /* reset: dropped with everything pending (PROTOCOL.md 6) */
            return;
        }
        if (r == 0)
        {
            finish(c); /* half-close: the complete lines were answered; an incomplete one is dropped */
            return;
        }
        on_bytes(c, buffer, (size_t)r);
        if (c->closed)
            return;
        if (pending(c) > (size_t)cfg.high_water)
            c->paused = true;
        if ((size_t)r < sizeof buffer)
            return;
    }
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* When accepting resumes after accept failed for want of descriptors; -1 while accepting. */
static long long accept_resume_ms = -1;

static void accept_all(void)
{
    const int one = 1;
    for (int i = 0; i < 16; i++)
    {
        const int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
        {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
            {
                /* The listener stays ready: pause for 1 s rather than spin, as the Java servers do. */
                epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, NULL);
                accept_resume_ms = now_ms() + 1000;
            }
            return;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = must(calloc(1, sizeof *c));
        c->fd = fd;
        c->nick[0] = '*';
        c->nick_len = 1;
        c->rooms = must(calloc((size_t)cfg.max_rooms, sizeof *c->rooms));
        c->interest = EPOLLIN;
        c->next = all_list;
        if (all_list)
            all_list->prev = c;
        all_list = c;
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &e);
        if (open_connections >= cfg.max_connections)
        {
            reply(c, "ERR SERVER_FULL"); /* not counted; closed once the error is written */
            finish(c);
            continue;
        }
        c->counted = true;
        open_connections++;
    }
}

static void end_of_turn(void)
{
    while (dirty_list != NULL)
    {
        struct conn *c = dirty_list;
        dirty_list = c->next_dirty;
        c->dirty = false;
        if (!c->closed)
            flush(c);
    }
    while (dead_list != NULL)
    {
        struct conn *c = dead_list;
        dead_list = c->next_dead;
        free(c->partial);
        free(c->out);
        free(c->rooms);
        free(c);
    }
}

/* PROTOCOL.md 6: stop accepting and reading; what was accepted for sending goes out within the grace. */
static void start_stopping(void)
{
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, NULL);
    close(listen_fd);
    for (struct conn *c = all_list; c != NULL; c = c->next)
        finish(c);
}

int main(int argc, char **argv)
{
    parse_flags(argc, argv);
    signal(SIGPIPE, SIG_IGN);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigprocmask(SIG_BLOCK, &stop_signals, NULL);
    const int signal_fd = signalfd(-1, &stop_signals, SFD_NONBLOCK | SFD_CLOEXEC);

    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg.port)};
    if (inet_pton(AF_INET, cfg.host, &address.sin_addr) != 1)
        die_usage("--host must be an IPv4 address");
    const int one = 1;
    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listen_fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(listen_fd, 4096) != 0)
    {
        fprintf(stderr, "chat_server: cannot listen on %s:%ld: %s\n", cfg.host, cfg.port, strerror(errno));
        return 1;
    }
    socklen_t address_len = sizeof address;
    getsockname(listen_fd, (struct sockaddr *)&address, &address_len);

    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event e = {.events = EPOLLIN, .data.ptr = &listen_fd};
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &e);
    e.data.ptr = (void *)&signal_fd;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, signal_fd, &e);

    printf("IOARENA-READY {\"protocol\":1,\"impl\":\"c-chat\",\"variant\":\"c-chat\",\"host\":\"%s\",\"port\":%d,"
           "\"pid\":%d,\"service\":\"chat\",\"framing\":\"line\",\"eventLoops\":1,\"settings\":{\"maxFrame\":%ld,"
           "\"maxConnections\":%ld,\"maxRooms\":%ld,\"highWater\":%ld,\"maxOutbound\":%ld,\"shutdownGraceMillis\":%ld,"
           "\"eventLoopsRequested\":%ld,\"reactor\":\"epoll, level-triggered, one write per connection per turn\","
           "\"readBuffer\":%d,\"readsPerReadiness\":%d}}\n",
           cfg.host, ntohs(address.sin_port), (int)getpid(), cfg.max_frame, cfg.max_connections, cfg.max_rooms,
           cfg.high_water, cfg.max_outbound, cfg.shutdown_grace, cfg.event_loops, READ_BUFFER, READS_PER_READINESS);
    fflush(stdout);

    struct epoll_event events[MAX_EVENTS];
    long long deadline = -1; /* set once stopping: the end of the shutdown grace */
    for (;;)
    {
        int timeout = -1;
        if (deadline >= 0)
        {
            timeout = (int)(deadline - now_ms());
            if (all_list == NULL || timeout <= 0)
                break;
        }
        else if (accept_resume_ms >= 0)
        {
            timeout = (int)(accept_resume_ms - now_ms());
            if (timeout <= 0)
            {
                struct epoll_event again = {.events = EPOLLIN, .data.ptr = &listen_fd};
                epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &again);
                accept_resume_ms = -1;
                timeout = -1;
            }
        }
        const int n = epoll_wait(epoll_fd, events, MAX_EVENTS, timeout);
        for (int i = 0; i < n; i++)
        {
            void *ptr = events[i].data.ptr;
            if (ptr == &listen_fd)
            {
                accept_all();
                continue;
            }
            if (ptr == &signal_fd)
            {
                struct signalfd_siginfo info;
                while (read(signal_fd, &info, sizeof info) > 0)
                    continue;
                if (deadline < 0)
                {
                    deadline = now_ms() + cfg.shutdown_grace;
                    start_stopping();
                }
                continue;
            }
            struct conn *c = ptr;
            if (c->closed)
                continue;
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                on_readable(c);
            if (!c->closed)
                mark_dirty(c); /* writable, or read: the end-of-turn flush writes and settles interest and pausing */
        }
        end_of_turn();
    }
    /* The grace is over (or nothing is left): what is still pending is dropped. */
    while (all_list != NULL)
        close_now(all_list);
    end_of_turn();
    printf("# stopped gracefully; slow consumers closed: %ld\n", slow_consumers);
    return 0;
}
