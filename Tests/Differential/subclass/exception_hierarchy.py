tests = [lambda: 1 / 0, lambda: [][1], lambda: {}["k"], lambda: int("x"), lambda: None.foo, lambda: undefined_name, lambda: 1 + "a",
         lambda: iter(5), lambda: next(iter([])), lambda: "abc".index("z"), lambda: [].pop(), lambda: (1).foo, lambda: int.nope, lambda: float("x"), lambda: chr(-1),
         lambda: 2 ** 10000 * 1.0, lambda: [1, 2].remove(3), lambda: {}.pop(1), lambda: ().index(1), lambda: "a" * "b"]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__, e, [c.__name__ for c in (ArithmeticError, LookupError, ValueError, TypeError, AttributeError, NameError) if isinstance(e, c)])
