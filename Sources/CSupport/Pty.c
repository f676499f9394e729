// A pseudo-terminal for the board's UART (the POSIX calls need _XOPEN_SOURCE, which the
// Swift Glibc module does not set).
#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "CSupport.h"

int csupport_open_pty(char *name, unsigned long name_size) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0) { close(fd); return -1; }
    const char *n = ptsname(fd);
    if (n == NULL || strlen(n) + 1 > name_size) { close(fd); return -1; }
    strcpy(name, n);
    return fd;
}
