import json
print(json.dumps(b"1234"), json.dumps([b"a", "b"]))
