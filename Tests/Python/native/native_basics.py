# @micropython.native: same results as bytecode; closures, generators, try/with, defaults,
# keyword arguments, methods, and no traceback entry for a native frame.
import micropython


@micropython.native
def add(a, b=10, *rest, scale=1, **kw):
    return (a + b + sum(rest)) * scale, sorted(kw)


print(add(1), add(1, 2), add(1, 2, 3, 4, scale=2, z=0, y=1))


@micropython.native
def counter(n):
    total = 0

    def bump(k):
        nonlocal total
        total += k

    for i in range(n):
        bump(i)
    return total


print(counter(10))


@micropython.native
def squares(n):
    for i in range(n):
        yield i * i
    return "done"


g = squares(3)
print(list(g))
print(sum(x for x in squares(5)))


@micropython.native
def guarded(x):
    try:
        return 100 // x
    except ZeroDivisionError as e:
        return repr(e)
    finally:
        print("finally", x)


print(guarded(7), guarded(0))


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None)
        return True


@micropython.native
def with_ctx(fail):
    with Ctx():
        if fail:
            raise ValueError
        print("body")
    return "after"


print(with_ctx(False), with_ctx(True))


class A:
    @micropython.native
    def m(self, x):
        return self.k + x

    k = 5


print(A().m(3))


# a native frame adds no traceback entry; the calling bytecode frames do
@micropython.native
def fails():
    return 1 // 0


def caller():
    fails()


try:
    caller()
except ZeroDivisionError as e:
    import sys

    sys.print_exception(e)

print(type(fails), fails.__name__)
