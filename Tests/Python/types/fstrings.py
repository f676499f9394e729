name = 'World'
n = 42
pi = 3.14159
items = [1, 2, 3]
print(f'Hello, {name}!')
print(f'{n} {n + 1} {n * 2:5d} {n:x} {n:08b}')
print(f'{pi:.2f} {pi:8.3f} {pi:<8.1f}|')
print(f'{name!r} {name.upper()} {len(items)} {items[1]} {items}')
print(f'{"quoted"} {{braces}} {n if n > 40 else 0}')
d = {'k': 'v'}
print(f"{d['k']} {'-'.join(['a', 'b'])}")
width = 6
print(f'[{name:>8}] [{name:<8}]')
def f(x):
    return x * 2
print(f'{f(3)} {f("ab")}')
print(f'{n}' f'{n}', f'a' 'b')
x, y = 3, 4
print(f'{x}+{y}={x + y}')
print(f'{n:>5}|{n:<5}|{n:^5}|')
