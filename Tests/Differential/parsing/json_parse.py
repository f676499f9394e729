import json
for s in ['1', '-1.5', '1e3', '"a\\nb"', '[1, 2, [3]]', '{"a": 1, "b": [true, false, null]}', '"\\u00e9"', '  3  ', '[]', '{}', '0.1', '12345678901234567890']:
    print(s, json.loads(s))
for s in ['', '[1,', '{"a"}', 'nul', "'a'", '[1 2]', '{1: 2}']:
    try:
        print(json.loads(s))
    except Exception as e:
        print(repr(s), type(e).__name__)
for v in [1, 1.5, "x\n\"", [1, "a", None, True], {"k": [1.25]}, (1, 2), -0.0, 1e20, 10**20]:
    print(json.dumps(v))
