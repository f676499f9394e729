data = "10, 20.5, -3, 0x1f, 1e2, abc, , 7_7"
for tok in data.split(","):
    tok = tok.strip()
    for conv in (int, float):
        try:
            print(repr(tok), conv.__name__, conv(tok))
        except ValueError as e:
            print(repr(tok), conv.__name__, "ValueError", e)
line = "name=Bob; age=42; height=1.85"
d = {}
for part in line.split(";"):
    k, v = part.strip().split("=")
    d[k] = v
print(sorted(d.items()))
print(int(d["age"]) + 1, float(d["height"]) * 2)
