# == and != on instances: __ne__ first for !=, else negated __eq__; either operand; not reflexive.
class A:
    def __eq__(self, other):
        print('A.__eq__')
        return True

class N:
    def __ne__(self, other):
        print('N.__ne__')
        return 'ne'

class R:
    def __eq__(self, other):
        return 7

class P:
    pass

a, n, r, p = A(), N(), R(), P()
print(a == a, a != a)
print(a == 1, 1 == a, a != 1, 1 != a)
print(n != 1, 1 != n, n == 1, n == n)
print(r == None, None == r, r != 'x', 'x' != r)
print(p == p, p != p, p == P(), p != P())
print(a in [1, 2], a in (p,))
class L(list):
    pass
print(L([1]) == [1], [1] == L([1]), L([1]) != L([1]), L() == L([1]))
