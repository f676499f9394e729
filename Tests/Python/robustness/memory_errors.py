# args: -X heapsize=256K
# MemoryError raised inside except, finally and generators is an ordinary exception: it is
# caught by the handler around it, and the heap is usable afterwards.
def fill():
    l = []
    while True:
        l.append([0] * 64)

try:
    fill()
except MemoryError:
    print('caught fill')

try:
    try:
        raise ValueError('x')
    except ValueError:
        x = 'a' * 2**40
except MemoryError as e:
    print('caught in except', type(e).__name__)

try:
    try:
        pass
    finally:
        x = [1] * 2**40
except MemoryError:
    print('caught in finally')

def gen():
    l = []
    while True:
        l.append(bytearray(1000))
        yield len(l)

try:
    for n in gen():
        pass
except MemoryError:
    print('caught in generator')

def gen2():
    try:
        yield 1
        yield bytearray(2**40)
    except MemoryError:
        yield 'inner'

print(list(gen2()))

for i in range(3):
    try:
        fill()
    except MemoryError:
        print('caught again', i)

try:
    raise MemoryError
except MemoryError:
    print('explicit')
import gc
gc.collect()
print(len([1] * 1000))
