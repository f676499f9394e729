# A dict key that is not a str but equals one (a str subclass's instance, a class with
# __eq__ and a str's hash) is found by that str, as MicroPython asks the stored key.
class Tag(str):
    pass


d = {Tag("k"): 1}
print(d.get("k"), d["k"], "k" in d)
d["k"] = 5
print(d, type(list(d)[0]).__name__)
print(d.pop("k"), d)


class K:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        print("eq", self.n, other)
        return other == "x"

    def __hash__(self):
        return hash("x")


e = {K(1): 1, "y": 2}
print(e.get("x"), e.get("y"))
e["x"] = 3
print(len(e))
del e["x"]
print(len(e))

# A table of qstr keys only never asks a non-str key (it can't be there).
print({"k": 2}.get(Tag("k")))
s = {Tag("a")}
print("a" in s, Tag("a") in {"a"})
