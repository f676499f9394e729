# next() re-raises the StopIteration value that ended an iteration; builtin iterators have __next__.
class A:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration(42)

def g(x):
    return x
    yield

for code in ("next(A())", "next(enumerate(A()))", "next(map(abs, A()))", "next(zip(A()))",
             "next(g(7))", "next(g(None))", "next(iter([]))", "iter([]).__next__()"):
    try:
        eval(code)
    except StopIteration as e:
        print(code, e.args)
it = iter(range(3))
print(it.__next__(), next(it), it.__next__())
print(iter("ab").__next__(), iter({1: 2}).__next__(), next(iter([5]), 0), next(iter([]), 0))
