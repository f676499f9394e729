csv = "name,age,score\nalice,30,91.5\nbob,25,78\ncarol,35,88.25\n"
lines = csv.strip().split("\n")
header = lines[0].split(",")
rows = [dict(zip(header, l.split(","))) for l in lines[1:]]
for r in rows:
    print(r["name"], int(r["age"]) + 1, float(r["score"]) / 2)
print(sum(float(r["score"]) for r in rows) / len(rows))
print(sorted(rows, key=lambda r: float(r["score"]))[0]["name"])
print("|".join(h.upper() for h in header), ",".join(str(len(r)) for r in rows))
kv = "a=1;b=2.5;c=x;d="
for pair in kv.split(";"):
    k, _, v = pair.partition("=") if hasattr(pair, "partition") else (pair.split("=")[0], "=", pair.split("=")[1])
    try:
        print(k, int(v))
    except ValueError:
        try:
            print(k, float(v))
        except ValueError as e:
            print(k, "bad", e)
