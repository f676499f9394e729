d = {"one": 1, "two": 2, "three": 3, "four": 4, 5: "five", 6.5: "six", None: 0}
print(list(d.keys()))
print(list(d.values()))
print(list(d.items()))
print(len(d.keys()), "one" in d.keys(), 2 in d.values(), ("two", 2) in d.items())
k = d.keys()
d["seven"] = 7
print(list(k)[-3:], len(k))
print(sorted(d.keys(), key=str), {v: k for k, v in d.items() if isinstance(v, int)})
e = dict(zip(range(10), "abcdefghij"))
print(e)
print({k: v for k, v in e.items() if k % 2})
del e[3], e[7]
e[30] = "z"
e[-1] = "y"
print(e)
try:
    print(k | {1} if hasattr(k, "__or__") else "no set ops")
except TypeError as ex:
    print("TypeError", ex)
