print(min(3, 1, 2), max(3, 1, 2), min([5, -1]), max("abc"), min((4, 2), (4, 1)))
print(max([1, 2.5, 2]), min([-1, -1.0]), max([-1.0, -1]))
print(max([], default=7), min([3], default=0), max([1, -5, 3], key=abs), min(["bb", "a", "ccc"], key=len))
for args in [(), ([],)]:
    try:
        print(max(*args))
    except Exception as e:
        print(type(e).__name__, e)
print(sum([1, 2, 3]), sum([1.5, 2.5]), sum([], 10), sum([[1], [2]], []), sum(range(10), 0.5))
print(sum([10**20, 10**20, -1]), sum([0.1] * 3))
print(sorted([3, -1, 2.5, 0]), sorted([3, 1, 2], reverse=True), sorted("hello"))
