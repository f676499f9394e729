#!/bin/sh
# Builds the C MicroPython that Tests/Python/float_esp8266/*.exp come from: the unix port as a
# 32-bit program with the ESP8266 firmware's float configuration (object representation C,
# single floats, MICROPY_FLOAT_FORMAT_IMPL_BASIC as in ports/esp8266/mpconfigport.h) and
# strict single-precision arithmetic (SSE, as the chip's soft-float; x87 code keeps extended
# intermediates that the board does not have).
#
#   scripts/build-float-reference.sh MICROPYTHON_CHECKOUT OUTPUT_DIR
#
# The binary is OUTPUT_DIR/build/micropython; compare with
#   scripts/float-diff.py --profile esp8266 --ref OUTPUT_DIR/build/micropython
# Needs gcc with 32-bit support (gcc-multilib). Writes only under OUTPUT_DIR.
set -e
if [ $# -ne 2 ]; then
    echo "usage: $0 MICROPYTHON_CHECKOUT OUTPUT_DIR" >&2
    exit 2
fi
src=$(cd "$1" && pwd)
mkdir -p "$2/variant"
out=$(cd "$2" && pwd)
cat > "$out/variant/mpconfigvariant.h" <<'H'
#define MICROPY_CONFIG_ROM_LEVEL (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)
#define MICROPY_OBJ_REPR (MICROPY_OBJ_REPR_C)
#define MICROPY_FLOAT_IMPL (MICROPY_FLOAT_IMPL_FLOAT)
#define MICROPY_FLOAT_FORMAT_IMPL (MICROPY_FLOAT_FORMAT_IMPL_BASIC)
#define MICROPY_PY_BUILTINS_COMPLEX (0)
#define MICROPY_MODULE___FILE__ (0)
#define MICROPY_MODULE_FROZEN_MPY (0)
#define MICROPY_MODULE_FROZEN_STR (0)
#define MICROPY_QSTR_BYTES_IN_HASH (2)
#define MICROPY_QSTR_BYTES_IN_LEN (1)
#include "../mpconfigvariant_common.h"
H
# The common header is included relative to the variant: give it one next door.
cp "$src/ports/unix/variants/mpconfigvariant_common.h" "$out/mpconfigvariant_common.h"
cat > "$out/variant/mpconfigvariant.mk" <<'M'
MICROPY_PY_THREAD = 0
CFLAGS += -m32 -msse2 -mfpmath=sse
LDFLAGS += -m32
M
make -C "$src/ports/unix" VARIANT=esp8266float VARIANT_DIR="$out/variant" BUILD="$out/build" \
    FROZEN_MANIFEST= MICROPY_PY_BTREE=0 MICROPY_PY_FFI=0 MICROPY_PY_SSL=0 MICROPY_SSL_MBEDTLS=0 \
    -j"${JOBS:-2}"
