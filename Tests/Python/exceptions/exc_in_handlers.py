def risky(n):
    if n % 2:
        raise ValueError(n)
    return n
results = []
for i in range(6):
    try:
        results.append(risky(i))
    except ValueError as e:
        results.append(-e.args[0])
print(results)
def loop_break():
    for i in range(5):
        try:
            if i == 3:
                raise StopIteration
        except StopIteration:
            return i
print(loop_break())
try:
    try:
        1 // 0
    except ZeroDivisionError:
        int('bad')
except ValueError:
    print('ValueError from handler')
try:
    try:
        raise TypeError('t')
    finally:
        print('cleanup')
except TypeError as e:
    print('after finally', e)
def gen_exc():
    try:
        yield 1
        raise ValueError('in gen')
    except ValueError as e:
        yield str(e)
print(list(gen_exc()))
err = ValueError('stored', 42)
print(err.args, str(err) == "('stored', 42)")
try:
    raise err
except ValueError as e:
    print(e is err)
