exprs = ["1+2*3", "2**3**2", "-2**2", "(-2)**2", "10-4-3", "2*3%4", "7//2*2", "not 1 == 2", "1 < 2 < 3", "3 > 2 > 2", "1 if 0 else 2",
         "[x*x for x in range(5)]", "{1: 2}[1]", "(1, 2) + (3,)", "'a' in 'cat'", "5 & 3 | 4 ^ 1", "~5 + 1", "1 << 2 + 1", "-(-3)", "+-+1",
         "lambda: 0", "1 and 0 or 3", "[] or 'x'", "0 or ()", "2 ** -1", "10 / 4", "True + 1", "'%d' % 5", "(1,)", "()"]
for e in exprs:
    v = eval(e)
    print(e, '->', v if not callable(v) else 'fn')
for e in ["1 +", "(1", "1 2", "def", "x = 1", "'abc", "**2"]:
    try:
        eval(e)
    except SyntaxError:
        print(repr(e), "SyntaxError")
    except Exception as ex:
        print(repr(e), type(ex).__name__, ex)
