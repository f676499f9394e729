#!/bin/sh
# Builds a C MicroPython to compare the esp8266 profile with: the unix port as a
# 32-bit program with the ESP8266 firmware's float configuration (object representation C,
# single floats, MICROPY_FLOAT_FORMAT_IMPL_BASIC as in ports/esp8266/mpconfigport.h) and
# strict single-precision arithmetic (SSE, as the chip's soft-float; x87 code keeps extended
# intermediates that the board does not have).
#
#   scripts/build-float-reference.sh MICROPYTHON_CHECKOUT OUTPUT_DIR
#   ESP8266_OPTIONS=1 scripts/build-float-reference.sh MICROPYTHON_CHECKOUT OUTPUT_DIR
#
# With ESP8266_OPTIONS=1 it also turns off what ports/esp8266/mpconfigport.h turns off in the
# language and its portable modules (slice.indices, math.factorial/isclose/constants, the random
# extras, str.center/partition/splitlines, compile/execfile, 3-argument pow, user __setattr__, ...)
# and turns on its warnings, with the NORMAL error texts of its ROM level, so the binary answers tests/basics and tests/float as the firmware's
# interpreter would. Tests/Python/float_esp8266/*.exp come from this build; without it, math
# keeps inf/nan/tau, isclose and the special functions.
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
H
if [ "${ESP8266_OPTIONS:-0}" = 1 ]; then
    cat >> "$out/variant/mpconfigvariant.h" <<'H'
#define MICROPY_COMP_MODULE_CONST (0)
#define MICROPY_COMP_TRIPLE_TUPLE_ASSIGN (0)
#define MICROPY_COMP_RETURN_IF_EXPR (0)
#define MICROPY_OPT_MPZ_BITWISE (0)
#define MICROPY_OPT_MATH_FACTORIAL (0)
#define MICROPY_PY_DELATTR_SETATTR (0)
#define MICROPY_PY_BUILTINS_STR_CENTER (0)
#define MICROPY_PY_BUILTINS_STR_PARTITION (0)
#define MICROPY_PY_BUILTINS_STR_SPLITLINES (0)
#define MICROPY_PY_BUILTINS_SLICE_INDICES (0)
#define MICROPY_PY_BUILTINS_COMPILE (0)
#define MICROPY_PY_BUILTINS_EXECFILE (0)
#define MICROPY_PY_BUILTINS_NOTIMPLEMENTED (0)
#define MICROPY_PY_BUILTINS_POW3 (0)
#define MICROPY_PY_MATH_CONSTANTS (0)
#define MICROPY_PY_MATH_SPECIAL_FUNCTIONS (0)
#define MICROPY_PY_MATH_FACTORIAL (0)
#define MICROPY_PY_MATH_ISCLOSE (0)
#define MICROPY_PY_BINASCII_CRC32 (0)
#define MICROPY_PY_RANDOM_EXTRA_FUNCS (0)
#define MICROPY_WARNINGS (1)
#define MICROPY_PY_STR_BYTES_CMP_WARN (1)
#define MICROPY_ERROR_REPORTING (MICROPY_ERROR_REPORTING_NORMAL)
H
fi
cat >> "$out/variant/mpconfigvariant.h" <<'H'
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
