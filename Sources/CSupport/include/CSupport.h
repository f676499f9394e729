#ifndef CSUPPORT_H
#define CSUPPORT_H
#include <stdint.h>
#include <stddef.h>

/// Spills callee-saved registers into a buffer on the caller's stack and calls `scan` with the
/// bounds [lo, hi) of the live native stack, so the collector can scan it conservatively.
void csupport_scan_stack(void *top_of_stack, void (*scan)(void *ctx, const void *lo, const void *hi), void *ctx);

/// The current frame's address, inline: the native stack depth the recursion limits check on
/// every call (no call of its own).
static inline void *csupport_frame_address(void) {
    return __builtin_frame_address(0);
}

/// Zeroes `bytes` of native stack just below the caller's frame (dead frames of calls that have
/// returned). The stores are volatile: an optimiser may not drop them as dead.
void csupport_scrub_stack(size_t bytes);

/// Reads one word of the native stack for the conservative scan. The scan reads whole frames,
/// padding included, so AddressSanitizer's redzones are not errors there.
/// Inline, so release builds read the word in place (a sanitized build keeps it a call).
__attribute__((no_sanitize("address")))
static inline uint64_t csupport_load_stack_word(const void *p) {
    return *(const uint64_t *)p;
}

/// Calls `fn(ctx)` on this thread, on a fresh native stack of `size` bytes (mapped on demand,
/// with an inaccessible guard page below it), and returns 0 once it has returned; -1 if no such
/// stack could be set up (then `fn` has not run), or in sanitized builds, whose checkers do not
/// follow a switch of stacks. Cheaper at start than a thread made for its stack.
int csupport_run_on_new_stack(size_t size, void (*fn)(void *ctx), void *ctx);

#endif

/// Opens a new pseudo-terminal's controlling end and writes its terminal's path into `name`;
/// the descriptor, or -1 (errno set).
int csupport_open_pty(char *name, unsigned long name_size);
