import json, io
print(json.dumps([1, 'two', None, True, False, 2.5]), json.dumps({'k': [1, {'n': None}]}), json.dumps('q"t\n\\'))
print(json.dumps([1, 2, {'a': (3, 4)}], separators=(',', ':')))
print(json.dumps({1: 2}), json.dumps([]), json.dumps({}))
v = json.loads('{"a": [1, 2, {"b": null}], "c": "str\\u00e9\\n", "d": true, "e": -3.5e2, "f": false}')
print(sorted(v.keys()), v['a'], v['c'], v['d'], v['e'], v['f'])
print(json.loads(b'[1, [2, [3]]]'), json.loads('"x"'), json.loads(' 12 '), json.loads('123456789012345678901234567890'))
for bad in ('{bad', '[1, 2', '', '"abc', '1 2'):
    try:
        json.loads(bad)
    except ValueError:
        print('ValueError', repr(bad))
s = io.StringIO()
json.dump({'x': [1, 2]}, s)
print(s.getvalue())
print(json.load(io.StringIO('[true, "y"]')))
