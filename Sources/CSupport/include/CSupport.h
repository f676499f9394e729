#ifndef CSUPPORT_H
#define CSUPPORT_H
#include <stdint.h>
#include <stddef.h>

/// Spills callee-saved registers into a buffer on the caller's stack and calls `scan` with the
/// bounds [lo, hi) of the live native stack, so the collector can scan it conservatively.
void csupport_scan_stack(void *top_of_stack, void (*scan)(void *ctx, const void *lo, const void *hi), void *ctx);

/// The current stack pointer (approximately), for recursion limits and the stack top.
void *csupport_stack_pointer(void);

#endif
