print('single', "double", '''triple
quoted''', """also
triple""")
print('tab\there', 'nl\\n', 'quote\'s', "dq\"", 'hex\x41', 'oct\101', 'uni\u00e9')
print(r'raw\n\t', len(r'\n'), len('\n'))
print('con' 'cat' "enated")
print(len('h\u00e9llo'), 'h\u00e9llo'[1], 'abc'.upper())
print(b'bytes\x00\xff', rb'raw\x')
s = 'multi' \
    'line'
print(s)
print(repr('a\nb'), repr("it's"), repr('say "hi"'), repr('\x01'))
print(str(123), str(-4.5), str(True), str(None), str([1, 'a']))
