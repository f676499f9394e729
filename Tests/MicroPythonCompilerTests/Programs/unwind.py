def f(items):
    total = 0
    for x in items:
        try:
            if x < 0:
                continue
            if x > 100:
                break
            with open(x) as fh:
                if fh:
                    break
                for y in fh:
                    if y:
                        return y
                    continue
            total += x
        except ValueError as e:
            print(e)
            continue
        finally:
            total -= 1
    while total:
        try:
            total -= 1
            if total == 5:
                break
        finally:
            pass
    return total

def g():
    try:
        try:
            raise KeyError
        except KeyError:
            raise
    except Exception as ex:
        return ex
    else:
        return None
