# args: -X profile=esp8266
# Heap cost of a FrameBuffer (20 bytes on a 32-bit build: 2 blocks) and of a websocket
# (29 bytes: 2 blocks), measured after their buffer/stream exist.
import gc
import io
import framebuf
import websocket

buf = bytearray(64)
# Every name stored below exists first: a new global could grow the module's dict mid-probe.
fb = fbs = ws = r = m0 = None
gc.collect(); m0 = gc.mem_free()
fb = framebuf.FrameBuffer(buf, 8, 8, framebuf.GS8)
gc.collect(); print('FrameBuffer', m0 - gc.mem_free())


s = io.BytesIO(b'\x81\x02hi')
gc.collect(); m0 = gc.mem_free()
ws = websocket.websocket(s)
gc.collect(); print('websocket', m0 - gc.mem_free())
# reading a frame allocates only the result
gc.collect(); m0 = gc.mem_free()
r = ws.read(2)
gc.collect(); print('read 2 bytes', m0 - gc.mem_free(), r)
