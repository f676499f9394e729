b = 2**100 + 7
print("{:,}".format(b), "{:_}".format(-b), "{:x}".format(b), "{:#X}".format(b), "{:o}".format(b), "{:b}".format(b)[:20])
print("{:>40}|".format(b), "{:<40}|".format(-b), "{:^41}|".format(b), "{:040}".format(-b), "{:+}".format(b))
print("%d|%x|%X|%o" % (b, b, -b, b), "%40d|" % b, "%-40d|" % b, "%+d" % b)
print("{:e}".format(b), "{:.3f}".format(b), "{:g}".format(b), "{:%}".format(10**20))
print(f"{b:_x}", f"{10**30:,}", str(-10**25), repr(10**25))
