# int() from text as mp_parse_num_integer reads it: '_' anywhere, base prefixes, base 0's
# leading zero, and the detailed error naming the rest of the text.
for s in ['abc', ' 12x ', '0x', '-', '1 2', '  ', '_', '1__2', '_1', '1_000', ' -1_0 ', '010', '00', '0b', '0o7', '0X1f', '\t7\x0b', '9' * 30, '-' + '7' * 25, '12\u0661', 'é', '+_', '0_0']:
    for base in (0, 10, 16, 2, 36):
        try:
            print(repr(s), base, int(s, base))
        except ValueError as e:
            print(repr(s), base, "ValueError", e)
print(int(b' 42 '), int(bytearray(b'7')) if 0 else 0)
