# The order a set operation's result iterates in is MicroPython's: |, ^ and - start from a
# copy of the left operand's table (its size and slots), & builds a new set from the right
# operand's elements in their order (found by scripts/fuzz.py against the C unix build;
# CPython orders sets differently: hence the .exp file).
a = {2, 7, -4, 8, 9, -3, 5, -1}
print(a | {0, -4})
print({-1, 1, 2, 7} ^ {-4, 8, 9, 1, -1})
print(a - {7, 8})
s = set(range(20))
s.discard(3)
s.discard(5)
print(s.copy())
print(s & {19, 7, 1, 40})
b = set(range(-5, 15))
c = b
b &= {3, 1, 2, -4, 99}
print(b, c is b)
d = {1, 2, 3}
print(d, d & d, d | d, d ^ d, d - d)
print(set('hello') & set('world'), sorted(set('hello') | set('xyz')))
e = {1, 2}
e.intersection_update({2, 3})
print(e)
