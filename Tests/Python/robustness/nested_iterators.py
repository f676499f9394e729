# Deeply nested enumerate/filter/map/zip objects recurse natively when iterated: past the stack
# budget that ends in RuntimeError (maximum recursion depth), never a crash or a hang, and
# iteration works again afterwards.
def deepen(wrap):
    x = (1, 2)
    depth = 0
    while True:
        for _ in range(20):
            x = wrap(x)
        depth += 20
        try:
            tuple(x)
        except RuntimeError as e:
            print("RuntimeError", e)
            return depth


for wrap in (enumerate, lambda x: filter(None, x), lambda x: map(max, x, ()), zip):
    d = deepen(wrap)
    print(d > 40)

print(list(enumerate(map(abs, filter(None, [1, 0, -3])))), list(zip(*zip(*[(1, 2)]))))
