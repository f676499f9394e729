print(sorted([5, 2, 8, 1]), sorted([5, 2, 8, 1], reverse=True), sorted('hello'), sorted(()))
words = ['banana', 'Apple', 'cherries', 'date']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(sorted([(2, 'b'), (1, 'z'), (2, 'a')]), sorted({3: 'x', 1: 'y'}), sorted([-3, 2, -1], key=abs))
data = [{'n': 'a', 'v': 3}, {'n': 'b', 'v': 1}, {'n': 'c', 'v': 2}]
print([d['n'] for d in sorted(data, key=lambda d: d['v'])])
l = [3, 1, 2]
print(sorted(l), l)
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max('abc'), min('b', 'a', 'c'))
print(max(words, key=len), min(words, key=lambda w: w[-1]), max([1, -5, 3], key=abs))
print(max([], default='empty'), min([], default=None), max([7], default=0))
print(max((1, 2), (1, 3)), min([[2], [1, 9]]), max(1, 2.5), min(True, 2))
try:
    max([])
except ValueError:
    print('ValueError empty')
try:
    sorted([1, 'a'])
except TypeError:
    print('TypeError mixed')
