# A builtin method fetched from its type checks its self argument before running: native
# code must never treat an int as a str's bytes, or change an immutable object.
import array

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt('str.upper', lambda: str.upper(5))
attempt('str.upper b', lambda: str.upper(b'abc'))
attempt('str.join', lambda: str.join(5, ['a']))
attempt('str.split', lambda: str.split(5))
attempt('str.format', lambda: str.format(5))
attempt('str.encode', lambda: str.encode(5))
attempt('str.startswith', lambda: str.startswith(5, 'a'))
attempt('str.count', lambda: str.count(5, 'a'))
attempt('str.find', lambda: str.find(bytearray(b'abc'), 'a'))
attempt('bytes.decode', lambda: bytes.decode(5))
attempt('bytes.decode ba', lambda: bytes.decode(bytearray(b'abc')))
attempt('bytes.hex', lambda: bytes.hex('abc'))
attempt('bytearray.decode', lambda: bytearray.decode(b'ab'))
attempt('bytearray.append', lambda: bytearray.append(b'ab', 65))
attempt('bytearray.extend', lambda: bytearray.extend(b'ab', b'c'))
attempt('array.extend', lambda: array.array.extend('s', [66]))
attempt('array.append', lambda: array.array.append(b'abc', 1))
attempt('list.append', lambda: list.append(5, 1))
attempt('list.sort', lambda: list.sort((1, 2)))
attempt('list.copy', lambda: list.copy(range(3)))
attempt('tuple.count', lambda: tuple.count([1], 1))
attempt('dict.keys', lambda: dict.keys([1]))
attempt('dict.get', lambda: dict.get('abc', 1))
attempt('dict.update', lambda: dict.update(5, {}))
attempt('set.add', lambda: set.add(frozenset(), 1))
attempt('set.union', lambda: set.union([1], [2]))
attempt('int.to_bytes', lambda: int.to_bytes('abc', 2, 'little'))
attempt('no self', lambda: str.upper())
# The right self still works, through the type and through an instance.
attempt('ok upper', lambda: str.upper('abc'))
attempt('ok append', lambda: list.append([1], 2))
attempt('ok fromkeys', lambda: dict.fromkeys([1, 2]))
attempt('ok from_bytes', lambda: int.from_bytes(b'ab', 'big'))
attempt('ok fromhex', lambda: bytes.fromhex('4142'))
b = bytearray(b'ab')
bytearray.append(b, 67)
print(b)
l = [3, 1, 2]
list.sort(l)
print(l)
m = str.upper
print(m('xyz'))
# Through a builtin type's __dict__, and through a user subclass.
attempt('dict upper', lambda: str.__dict__['upper'](5))
attempt('dict append', lambda: list.__dict__['append']((1,), 2))
class S(str):
    pass
class L(list):
    pass
attempt('sub upper bad', lambda: S.upper(5))
attempt('sub upper ok', lambda: S.upper(S('ab')))
attempt('base upper sub', lambda: str.upper(S('cd')))
attempt('sub append bad', lambda: L.append('x', 1))
l2 = L([1])
L.append(l2, 2)
list.append(l2, 3)
print(l2, len(l2))
