import json
print(json.dumps([1, 'two', None, True, False, 2.5]), json.dumps({'k': [1, {'n': None}]}), json.dumps('q"t'))
v = json.loads('{"a": [1, 2, {"b": null}], "c": "str", "d": true, "e": -3.5}')
print(sorted(v.keys()), v['a'], v['c'], v['d'], v['e'])
print(json.loads('[]'), json.loads('"x"'), json.loads(' 12 '))
try:
    json.loads('{bad')
except ValueError:
    print('ValueError')
