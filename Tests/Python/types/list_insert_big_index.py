# list.insert with an index past the small ints: C reads it unchecked, and a big int's object
# address is a large positive index, so the item goes at the end (no OverflowError).
for i in (2**62, 2**63, 2**100, -2**70, -2**62 - 1):
    l = [1, 2, 3]
    l.insert(i, 0)
    print(l)
l = [1, 2, 3]
l.insert(-1, 0)
print(l)
