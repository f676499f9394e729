d = {"b": 2, "a": 1}
d.setdefault("c", 3)
d.setdefault("a", 99)
print(d, d.pop("b"), d.pop("z", None), d)
d.update({"d": 4}, e=5)
d.update([("f", 6)])
print(d, len(d))
print(d.popitem(), d)
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
try:
    d.pop("nope")
except KeyError as e:
    print(type(e).__name__, e)
c = d.copy()
c.clear()
print(c, d, sorted(d.items()), "a" in d.keys(), 1 in d.values())
print(dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict({"x": 1}, y=2))
try:
    dict([1, 2])
except Exception as e:
    print(type(e).__name__, e)
