vals = [0, 1, -1, 0.5, -0.5, 2**53, 2**53 + 1, float(2**53), 2**64, float(2**64), 10**30, 1e30, True, False, float('inf'), -float('inf')]
for a in vals:
    print(a, [int(a < b) for b in vals], [int(a == b) for b in vals])
print(1 == 1.0, 2**100 == float(2**100), 2**100 + 1 == float(2**100), 0.1 == 1 / 10)
print(max(1, 1.0), min(1.0, 1), max(2**70, 1e21), sorted([3, 1.5, 2**65, -2, 0.0, True]))
