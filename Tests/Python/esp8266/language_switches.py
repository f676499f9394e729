# args: -X profile=esp8266
# What the ESP8266 firmware's mpconfigport.h turns off in the language and in math, as its
# 32-bit C build answers: str.center/partition/splitlines, compile, NotImplemented, 3-argument
# pow, math's constants/special functions/isclose/factorial, and user __setattr__/__delattr__.
import math

for expr in ["'a'.center(5)", "b'a,b'.partition(b',')", "bytearray(b'x').rpartition(b'x')",
             "'a\\nb'.splitlines()", "pow(2, 3, 5)", "compile('1', '', 'eval')", "NotImplemented",
             "math.inf", "math.nan", "math.tau", "math.isclose(1, 1)", "math.factorial(3)",
             "math.log10(100)", "math.erf(0)", "math.sinh(0)", "math.gamma(1)",
             "math.sqrt(4)", "math.log(1)", "pow(2, 3)", "math.pi > 3"]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, "!!", type(e).__name__, e)


class A:
    def __setattr__(self, name, value):
        print("__setattr__ called")

    def __delattr__(self, name):
        print("__delattr__ called")


a = A()
a.x = 1
print(a.x)
del a.x
print(hasattr(a, "x"), hasattr(object, "__setattr__"), hasattr(object, "__delattr__"))
# The comparison warning goes to the error stream; the result is still plain equality.
print(b"a" == "a", "a" != b"a")
