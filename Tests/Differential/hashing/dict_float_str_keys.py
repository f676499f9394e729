d = {0.5: "a", 1.5: "b", 2.0: "c", -0.25: "d", 1e10: "e", 3.14: "f", 100.0: "g"}
print(d)
print({str(i): i for i in range(15)})
print({"alpha": 1, "beta": 2, "gamma": 3, "delta": 4, "epsilon": 5, "zeta": 6})
words = "one two three four five six seven eight nine ten eleven twelve".split()
print(set(words))
print({w: len(w) for w in words})
counts = {}
for ch in "the quick brown fox jumps over the lazy dog":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
