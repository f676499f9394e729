# args: -X heapsize=64K
# A huge allocation fails with MemoryError on a 64K heap; the heap stays usable.
try:
    big = [0] * 100000
    print('allocated', len(big))
except MemoryError:
    print('MemoryError caught')
try:
    s = bytearray(1000000)
except MemoryError:
    print('MemoryError bytearray')
small = [i for i in range(100)]
print('small list ok', sum(small))
def grow():
    chunks = []
    for i in range(4096):  # 4 MB at most: bounded even without a heap limit
        chunks.append(bytearray(1024))
    return len(chunks)
try:
    print('grew to', grow())
except MemoryError:
    print('MemoryError while growing')
print('recovered', len([1] * 1000))
