x = 3.14159
n = 42
s = "hi"
print(f"{x}", f"{x:.2f}", f"{n:05d}", f"{n:#x}", f"{s!r}", f"{s:>5}", f"{n}{s}", f"{{}}", f"{n + 1}", f"{[1, 2][0]}")
print(f"{x:10.3e}|{n:<6}|{n:^6}|{n:+}|{-n: }|{n:,}|{2**40:_}|{n:b}|{n:o}|{n:c}")
w, p = 10, 3
print(f"{x:{w}.{p}f}|{s:*^{w}}|")
print(f"{'nested'}", f"{'a' 'b'}", f"{3 * 'x'}", f"{n if n > 0 else -n}", f"{n!s:>4}")
d = {"k": 1}
print(f"{d['k']}", f"{len(d)}", f"{max(1, 5)}")
print(f"{1.0}", f"{1e20}", f"{-0.0}", f"{float('inf'):>6}", f"{True}", f"{None}", f"{b'x'}")
print(f"{0.1:%}", f"{0.5:.0%}", f"{1234.5:,.1f}", f"{1e-10:g}", f"{123:e}")
