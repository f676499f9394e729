keys = ["k%d" % i for i in range(25)]
s = set(keys)
print(s)
d = {}
for k in reversed(keys):
    d[k] = len(d)
print(list(d.items())[:8])
print(set("abcdefghijklmnopqrstuvwxyz"))
print({c: ord(c) for c in "zyxwv"})
print({b"a", b"bb", b"ccc", "a", "bb"})
