for n in (1, 9, 10, 18, 19, 20, 38, 39, 40, 100):
    s = "9" * n
    v = int(s)
    print(n, v + 1, -v - 1, str(v) == s)
s = "1234567890" * 12
v = int(s)
print(v % 1000007, v // 10**100, len(str(v)))
print(int("-" + "7" * 50, 8), int("f" * 40, 16), int("z" * 20, 36))
print(int(" \t+00000000000000000000000012 \n"), int("0" * 50))
for s in ("1_2_3_4_5_6_7_8_9_0_1_2_3_4_5_6_7_8_9_0_1", "1_000_000", "1_000_000_000_000"):
    try:
        print(int(s))
    except ValueError as e:
        print("ValueError", e)
