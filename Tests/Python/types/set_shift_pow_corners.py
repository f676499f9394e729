# Set methods over iterables, shifts past the machine word, 3-argument pow with a negative
# exponent and extended slices, as the unix build answers them.
class A:
    def __lt__(self, o): return True
cases = ["[1]['a']", "[].pop()", "[1,2][1:2:0]", "A() > 1", "1 < A()", "A() >= 1", "[1,2,3][::2]", "b'abcd'[::2]", "bytearray(b'abcd')[::2]", "'abcd'[::2]",
 "hex(2**70)", "range(2**40, 2**40+2)", "'abc'[-2**31]", "{1,2,3}.union([9,8])", "frozenset([1]) & {1}", "type(frozenset([1]) & {1})", "1 >> 2**63", "pow(2, -1, 5)", "round(1e300)", "round(float('inf'))"]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", repr(r))
    except Exception as e:
        print(c, "!!", type(e).__name__, e)
l = [1, 2, 3, 4]
try:
    l[::2] = [9, 9]; print(l)
except Exception as e: print("ext assign", type(e).__name__, e)
try:
    del l[::2]; print(l)
except Exception as e: print("ext del", type(e).__name__, e)
