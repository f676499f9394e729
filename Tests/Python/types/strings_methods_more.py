# str/bytes/bytearray methods: edge cases shared with CPython
s = 'héllo wörld'
print(s.find('w'), s.rfind('l'), s.index('ö'), s.find('l', 4), s.find('l', -3), s.count('l', 0, -2))
print(s.startswith('ll', 2), s.endswith('wö', 0, 8), s.startswith(('x', 'hé')), s.endswith(('d',)))
print('a,b,,c'.split(',', 1), 'a,b,,c'.rsplit(',', 1), '  a  b  '.split(None, 1), ''.split())
print('x--y--z'.split('--'), 'x--y--z'.rsplit('--', 0), 'abc'.split('abc'))
print('a\nb\r\nc\rd'.splitlines(), 'a\nb\r\n'.splitlines(True), 'x\n'.splitlines(keepends=True))
print('aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'abc'.replace('x', 'y'), 'aa'.replace('a', 'b', -1))
print('abcabc'.count(''), 'abab'.count('ab'), 'aaaa'.count('aa'))
print('xyxhixyx'.strip('xy'), ' \t x \n'.strip(), 'abc'.lstrip('cba'), 'abc'.rstrip(''))
print('a-b-c'.partition('-'), 'a-b-c'.rpartition('-'), 'abc'.rpartition('x'))
print('AbC1'.lower(), 'AbC1'.upper(), ''.isspace(), 'aB'.isupper(), 'A1'.isupper(), '1'.islower())
print('abc'.center(7, ) + '|', 'é'.center(3) + '|')
print(b'a,b'.split(b','), b'  x y '.split(), b'abc'.find(98), b'abc'.index(b'c'), b'aXb'.lower())
print(b'abc'.startswith(b'ab'), b'xx'.replace(b'x', b'yz'), b'-'.join([b'a', bytearray(b'b')]))
print(bytes.fromhex('01 ff10'), b'\x01\xff'.hex(), bytearray(b'ab').hex(), b'abc'.hex(':'))
ba = bytearray(b' Hello ')
print(ba.strip(), ba.upper(), ba.split(), ba.find(b'l'), ba.replace(b'l', b'L'), ba.count(b'l'))
print(bytearray.fromhex('4142'), ba.decode(), b'caf\xc3\xa9'.decode('utf-8'))
print('x'.join('abc'), ','.join(('1', '2')), 'é'.encode(), 'abc'.encode('ascii'))
for bad in [lambda: 'abc'.index('z'), lambda: 'a'.split(''), lambda: 'a'.partition(''),
            lambda: 'a'.find(1), lambda: b'a'.find('a'), lambda: ','.join([1]),
            lambda: bytes.fromhex('1'), lambda: b'\xff'.decode()]:
    try:
        bad()
    except UnicodeError:
        print('UnicodeError')
    except Exception as e:
        print(type(e).__name__)
