#include "CSupport.h"
#include <setjmp.h>

// The frame address of this (non-inlined) call: just below the caller's frame.
__attribute__((noinline))
void *csupport_stack_pointer(void) {
    return __builtin_frame_address(0);
}

// noinline keeps the jmp_buf in this frame, below the caller's frames.
__attribute__((noinline))
void csupport_scan_stack(void *top_of_stack, void (*scan)(void *ctx, const void *lo, const void *hi), void *ctx) {
    jmp_buf regs;
    setjmp(regs);  // writes the callee-saved registers into `regs`, which lies on this stack
    volatile char marker = 0;
    const void *lo = (const void *)&marker;
    if ((const void *)&regs < lo) lo = (const void *)&regs;
    scan(ctx, lo, top_of_stack);
    (void)marker;
}

