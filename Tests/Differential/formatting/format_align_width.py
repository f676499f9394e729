for w in range(0, 12, 3):
    print("|" + "{:{}}".format("ab", w) + "|" + "{:>{}}".format(12, w) + "|" + "{:^{}}".format(-1.5, w) + "|" + "{:0{}}".format(-5, w) + "|")
for fill in "*0 -#":
    print("{:{}<6}|{:{}>6}|{:{}^7}|{:{}=+7}".format(1, fill, 2, fill, 3, fill, 4, fill))
print("{:=10}|{:=+10.2f}|{:010}|{:010.3f}|{:<010}".format(-42, 3.14159, -3, -2.5, 7))
print("{:,}|{:,}|{:_}|{:,.3f}|{:_x}|{:_o}|{:_b}".format(1000, -1234567, 10**12, 1234567.891, 0xabcdef12, 8**8, 255))
for spec in [",x", ",b", "_c", ",s", "=s", "+s", "#s", "0s"]:
    for v in (12, "ab"):
        try:
            print(spec, repr(("{:" + spec + "}").format(v)))
        except Exception as e:
            print(spec, type(e).__name__, e)
