#!/usr/bin/env bash
# -X options are range-checked as the unix port checks them (main.c): a bad one prints
# "Invalid command line arguments. Use -h option for help." and exits 1. Usage: xoptions.sh BINARY
set -u
BIN="$1"
fail=0
expect() {  # expect OUTCOME ARGS...: OUTCOME is "ok" (runs print(1)) or "invalid"
    local want="$1"; shift
    local out rc
    out="$("$BIN" "$@" -c 'print(1)' 2>&1)"; rc=$?
    if [ "$want" = ok ]; then
        [ "$rc" -eq 0 ] && [ "$out" = 1 ] || { echo "FAIL: $* should run, got rc=$rc: $out"; fail=1; }
    else
        [ "$rc" -eq 1 ] && [ "$out" = "Invalid command line arguments. Use -h option for help." ] \
            || { echo "FAIL: $* should be invalid, got rc=$rc: $out"; fail=1; }
    fi
}
expect ok -X heapsize=64K
expect ok -X heapsize=1M
expect ok -X heapsize=700
expect ok -X heapsize=0x10000
expect ok -X heapsize=2wK
expect ok -X heapsize=64k
expect ok -X emit=bytecode
expect invalid -X heapsize=699
expect invalid -X heapsize=0
expect invalid -X heapsize=-1M
expect invalid -X heapsize=5000M
expect invalid -X heapsize=99999999999999999999
expect invalid -X heapsize=1G
expect invalid -X heapsize=64KB
expect invalid -X heapsize=
expect invalid -X heapsize=K
expect invalid -X emit=foo
expect invalid -X nosuchoption
expect invalid -X
# The heap asked for is the heap reported (no 32-bit wrap-around).
out="$("$BIN" -X heapsize=1000M -c 'import gc; print(gc.mem_free() + gc.mem_alloc() > 1000 * 1024 * 1000)' 2>&1)"
[ "$out" = True ] || { echo "FAIL: heapsize=1000M reports: $out"; fail=1; }
[ "$fail" -eq 0 ] && echo "xoptions: all passed"
exit "$fail"
