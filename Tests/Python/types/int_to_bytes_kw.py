# int.to_bytes(length=1, byteorder="big", *, signed=False): each argument by position or
# keyword, as MicroPython parses them; no int.bit_length (MicroPython has none); a builtin
# function's type is "function".
print((258).to_bytes(4, byteorder="little"), (258).to_bytes(length=2, byteorder="big"))
print((-2).to_bytes(4, byteorder="little", signed=True), (-2).to_bytes(2, "big", signed=True))
print((5).to_bytes(), (5).to_bytes(2))
for args, kw in (((2, "little", True), {}), ((2,), {"x": 1}), ((2,), {"length": 3})):
    try:
        print((1).to_bytes(*args, **kw))
    except TypeError as e:
        print("TypeError", e)
try:
    (1).to_bytes(-1)
except ValueError as e:
    print("ValueError", repr(e))

class I(int):
    pass

print(I(513).to_bytes(2, byteorder="little"))
print(hasattr(1, "bit_length"), type(len), type(int.to_bytes))
