print([1, 2.0, "3", b"4", None, True, (5,), [6], {7: 8}, {9}])
print((1,), (), ((),), [[]], {1: {2: {3: []}}})
print(["it's", 'say "x"', "both ' \"", "\\", "\n\t"])
print({"k": "v", 1: 1.5, (1, 2): [3]}, {0.1: 0.2})
print(repr([0.1, 1e20, 1e-20, -0.0, float("inf")]))
d = {}
d["self"] = d
print(d)
l = [1]
l.append(l)
print(l)
print(str([1, "a"]), repr("a"), str("a"), [str(1.0)], [repr(1.0)])
