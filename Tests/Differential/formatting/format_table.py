data = [("Widget", 4, 3.5), ("Gadget", 12, 10.25), ("Thingamajig", 1, 999.999), ("X", 1000, 0.005)]
print("{:<12}|{:>6}|{:>10}".format("Item", "Qty", "Price"))
print("-" * 30)
for name, qty, price in data:
    print("{:<12}|{:>6d}|{:>10.2f}".format(name, qty, price))
    print("%-12s|%6d|%10.2f" % (name, qty, price))
    print(f"{name:^12}|{qty:06d}|{price:10.3e}")
total = sum(q * p for _, q, p in data)
print("Total: {:,.2f} ({:.1%})".format(total, total / 10000))
print("{0:>{1}}".format("right", 10), "{0:<{1}}|".format("left", 8), "{:^{w}.{p}f}".format(3.14159, w=10, p=2))
