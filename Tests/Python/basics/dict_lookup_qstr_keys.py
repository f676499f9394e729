# A dict whose keys are all interned strings answers a lookup of any other kind of key with
# "not found" without hashing it (MicroPython's all_keys_are_qstrs); once another kind of key
# was added, lookups hash as usual.
class Key:
    def __hash__(self):
        print("hash called")
        return 1

    def __eq__(self, other):
        print("eq called")
        return False


d = {"a": 1, "b": 2}
for k in ([], Key(), 1, 2.5, (1, 2)):
    print(k in d, d.get(k), d.pop(k, "none"))
    try:
        d[k]
    except KeyError:
        print("KeyError")
d[5] = "five"
print(5 in d)
for k in ([], Key()):
    try:
        print(k in d)
    except TypeError as e:
        print("TypeError", e)
d.clear()
print([] in d)
d["x"] = 1
print([] in d, {}.get([]))
try:
    {"a": 1}[[]] = 2
except TypeError as e:
    print("TypeError", e)
try:
    print([] in {1, 2})
except TypeError as e:
    print("TypeError", e)
