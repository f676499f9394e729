# Ints passed where C takes a machine word (mp_obj_get_int): one past the word is an
# OverflowError (32 bits on the chip, 64 on the host); only a small int is a length for
# bytes(), and bytearray() takes no bool; a negative bytearray length fails as an allocation.
import struct, array
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, 'E', type(e).__name__, e)
for k, n in (('2**30', 2**30), ('2**31-1', 2**31 - 1), ('2**31', 2**31), ('2**32', 2**32), ('2**62', 2**62),
             ('2**63-1', 2**63 - 1), ('2**63', 2**63), ('2**64', 2**64)):
    t('range ' + k, lambda: range(n)[-1] == n - 1)
    t('slice ' + k, lambda: [1, 2, 3][1:n])
    t('index ' + k, lambda: (1, 2)[n])
    t('neg index ' + k, lambda: [1, 2][-n])
    t('chr ' + k, lambda: chr(n))
    t('list.index ' + k, lambda: [1, 2, 3].index(2, 0, n))
t('pack I', lambda: struct.pack('<I', 0xFFFFFFFF))
t('pack Q', lambda: struct.pack('<Q', 2**64 - 1))
t('array I', lambda: array.array('I', [0xFFFFFFFF]))
t('to_bytes', lambda: (2**40).to_bytes(8, 'little'))
t('hash', lambda: hash(2**40) == hash(2**40))
for v in (True, False, 2**70, -1, 3):
    t('bytes %r' % v, lambda: bytes(v))
    t('bytearray %r' % v, lambda: bytearray(v) if v != -1 else len(bytearray(v)))
