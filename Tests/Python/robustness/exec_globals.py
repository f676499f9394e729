# exec/eval take dicts (or None) as namespaces; anything else is a TypeError.
def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__)

attempt('str globals', lambda: exec('x=1', 'abc'))
attempt('int globals', lambda: exec('x=1', 5))
attempt('int locals', lambda: exec('x=1', {}, 5))
attempt('list both', lambda: exec('x=1', [], []))
attempt('eval str globals', lambda: eval('1', 'abc'))
attempt('eval str locals', lambda: eval('x', {}, 'abc'))
attempt('eval None', lambda: eval('x', None, {'x': 1}))
attempt('exec int', lambda: exec(5))
attempt('eval int', lambda: eval(5))
attempt('str(int, enc)', lambda: str(5, 'utf-8'))
attempt('str(list, enc)', lambda: str([1], 'utf-8'))
attempt('str(bytes, enc)', lambda: str(b'abc', 'utf-8'))
attempt('compile int', lambda: compile(5, 'f', 'exec'))
attempt('compile bad mode', lambda: compile('1', 'f', 'nope'))
g = {}
exec('y = 2', g)
print(g['y'])
l = {}
exec('z = 3', {}, l)
print(l['z'])
