inf = float('inf')
nan = float('nan')
nz = -0.0
print(inf, -inf, nan, nz, -nan)
print(inf + 1, inf - inf, inf * 0, inf / inf, nan == nan, nan != nan, nan < 1, nan > 1)
print(nz == 0.0, str(nz), repr(nz), -nz, abs(nz), nz * -1, 0.0 * -1)
print(1 / inf, -1 / inf, inf > 10**400, -inf < -10**400)
for f in (inf, -inf, nan):
    for op in (int, round):
        try:
            print(op(f))
        except Exception as e:
            print(type(e).__name__, e)
print(min(inf, nan), max(-inf, 3), sorted([3.0, -inf, inf, 0.0, -0.0]))
import math
print(math.isinf(inf), math.isnan(nan), math.isfinite(1e308), math.copysign(1, nz), math.copysign(3, -0.0))
print(math.floor(-0.5), math.ceil(-0.5), math.trunc(-2.7), math.fabs(-3))
print(math.sqrt(2), math.exp(1), math.log(10), math.log10(1000) if hasattr(math, "log10") else 3.0, math.log2(8) if hasattr(math, "log2") else 3.0)
try:
    math.sqrt(-1)
except Exception as e:
    print(type(e).__name__, e)
try:
    math.log(0)
except Exception as e:
    print(type(e).__name__, e)
print(math.fmod(7, -3), math.fmod(-7, 3), math.modf(-2.5), math.frexp(8.0), math.ldexp(0.5, 3))
print(float('1e400'), float('-1e400'), 1e-400)
