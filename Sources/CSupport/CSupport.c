#include "CSupport.h"
#include <setjmp.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CSUPPORT_SANITIZED 1
#endif
#endif

#if defined(__linux__) && !defined(CSUPPORT_SANITIZED)
// The call made on the new stack; one at a time (the interpreter's session).
static ucontext_t csupport_caller_context, csupport_callee_context;
static void (*csupport_stack_fn)(void *);
static void *csupport_stack_ctx;

static void csupport_stack_entry(void) {
    csupport_stack_fn(csupport_stack_ctx);
}
#endif

int csupport_run_on_new_stack(size_t size, void (*fn)(void *ctx), void *ctx) {
#if defined(__linux__) && !defined(CSUPPORT_SANITIZED)
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size = (size + page - 1) & ~(page - 1);
    char *base = mmap(NULL, size + page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (base == MAP_FAILED) return -1;
    if (mprotect(base, page, PROT_NONE) != 0 || getcontext(&csupport_callee_context) != 0) {
        munmap(base, size + page);
        return -1;
    }
    csupport_callee_context.uc_stack.ss_sp = base + page;
    csupport_callee_context.uc_stack.ss_size = size;
    csupport_callee_context.uc_link = &csupport_caller_context;
    csupport_stack_fn = fn;
    csupport_stack_ctx = ctx;
    makecontext(&csupport_callee_context, csupport_stack_entry, 0);
    if (swapcontext(&csupport_caller_context, &csupport_callee_context) != 0) {
        munmap(base, size + page);
        return -1;
    }
    munmap(base, size + page);
    return 0;
#else
    (void)size; (void)fn; (void)ctx;
    return -1;
#endif
}

// noinline puts the block in this frame, just below the caller's; a variable-length array so
// the size is the caller's, volatile so that not one store is optimised away.
__attribute__((noinline))
void csupport_scrub_stack(size_t bytes) {
    size_t n = bytes / sizeof(uint64_t);
    volatile uint64_t block[n > 0 ? n : 1];
    for (size_t i = 0; i < n; i++) block[i] = 0;
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

