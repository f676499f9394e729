import math
for x in (0.0, 0.5, 1.0, 2.0, 10.0, 100.5):
    print(x, math.sqrt(x), math.exp(-x), math.log(x + 1), math.sin(x), math.cos(x), math.atan(x))
print(math.degrees(math.pi) if hasattr(math, "degrees") else 180.0, math.radians(180) if hasattr(math, "radians") else math.pi)
for f in ("acos", "asin"):
    for v in (0.5, 1.5):
        try:
            print(f, v, getattr(math, f)(v))
        except ValueError as e:
            print(f, v, "ValueError", e)
print(math.pow(2, -1), math.pow(-8, 1 / 3) if False else 0, math.copysign(0.0, -1), math.fabs(-0.0))
print(math.isnan(float("nan")), math.isinf(-1e400), math.floor(1e15 + 0.5), math.ceil(-1e15 - 0.5))
try:
    print(math.exp(1000))
except (OverflowError, ValueError) as e:
    print(type(e).__name__, e)
print(math.exp(-1000), math.log(1e-300), math.sqrt(1e-300))
