import sys
vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 1073741823, -1073741824, 123456, -98765, 46341, -46341, 65536]
out = []
for a in vals:
    for b in vals:
        out.append(a * b)
        if b:
            out.append(a // b); out.append(a % b)
        if b >= 0:
            out.append(a >> b)
print(len(out), sum(out), hash(tuple(out)) if False else out[:20], out[-20:])
x = 5; x *= 3; x //= 2; x %= 4; x >>= 1; print(x)
