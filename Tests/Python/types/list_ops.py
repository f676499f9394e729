l = [3, 1, 2]
l.append(5)
l.extend([9, 0])
l.insert(1, 7)
l.insert(100, 'end')
l.insert(-100, 'start')
print(l)
print(l.pop(), l.pop(0), l.pop(1), l)
l.remove(9)
print(l, l.index(2), l.count(2), len(l))
l.reverse()
print(l)
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['pear', 'fig', 'banana', 'kiwis']
words.sort(key=len)
print(words)
print(sorted(words, key=lambda w: w[-1]), words[:])
c = l.copy()
c.clear()
print(c, l)
print([1, 2] + [3], [0] * 4, [[]] * 2, 2 in [1, 2], 5 not in [1, 2])
print(list(range(3)), list('ab'), list((1, 2)), list({1: 2}))
nested = [[1, 2], [3, [4, 5]]]
print(nested[1][1][0], len(nested))
m = [0] * 3
m[1] = 'x'
m[-1] = 'y'
print(m)
try:
    [].pop()
except IndexError:
    print('IndexError pop')
try:
    [1][5]
except IndexError:
    print('IndexError index')
try:
    [1].remove(2)
except ValueError:
    print('ValueError remove')
a = [1, 2]
b = a
b += [3]
print(a, a is b)
print(sum([[1], [2, 3]], []), max([3, 7, 2]), min([3, 7, 2]))
print([1, 2, 3] == [1, 2, 3], [1, 2] != [2, 1], [] == [])
