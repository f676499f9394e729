#include "CSupport.h"
#include <setjmp.h>

void *csupport_stack_pointer(void) {
    volatile char here = 0;
    return (void *)&here;
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

// Zeroes `bytes` of the native stack below the caller: what deeper calls left there could
// otherwise be read as pointers by the conservative scan and keep garbage alive.
__attribute__((noinline))
void csupport_clear_stack_below(void) {
    volatile char area[16384];
    for (unsigned i = 0; i < sizeof(area); i += 64) area[i] = 0;
    __builtin_memset((char *)area, 0, sizeof(area));
}
