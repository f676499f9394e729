# builtins.__import__ takes over import statements; calling the original __import__ still
# imports for real; __import__'s argument checks.
import builtins
orig = __import__
seen = []


def mine(name, globals=None, locals=None, fromlist=None, level=0):
    seen.append(name)
    return orig(name, globals, locals, fromlist, level)


builtins.__import__ = mine
import json
print(seen, json.dumps([1]))
print(orig('json') is json, seen)
builtins.__import__ = orig
for args in ((1,), ('',), ('xyz', None, None, None, -1), ('builtins', 'g', None, None, 1)):
    try:
        orig(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
import sys
print(sys.stdout.fileno(), sys.stderr.buffer.fileno())
