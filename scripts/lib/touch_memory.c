/*
 * A memory-hungry neighbour for scripts/pretouch-experiment: writes to MB megabytes of fresh memory once, as
 * -XX:+AlwaysPreTouch does to a JVM's heap, then holds them for SECONDS without touching them again.
 *
 * usage: touch_memory MB SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: %s MB SECONDS\n", argv[0]);
        return 2;
    }
    const size_t bytes = (size_t)atol(argv[1]) << 20;
    char *memory = malloc(bytes);
    if (memory == NULL)
    {
        perror("malloc");
        return 1;
    }
    memset(memory, 1, bytes);
    sleep((unsigned)atoi(argv[2]));
    return memory[bytes - 1] == 1 ? 0 : 1;
}
