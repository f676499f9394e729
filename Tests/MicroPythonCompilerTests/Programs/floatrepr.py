v = 8.888e32
w = 1.5e300
print(v, w)
