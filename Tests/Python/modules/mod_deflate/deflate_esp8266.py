# args: -X profile=esp8266
# deflate on the ESP8266: decompression only (no DeflateIO.write); not extensible.
import deflate, io

print(sorted(n for n in dir(deflate) if not n.startswith("_")))
print(hasattr(deflate.DeflateIO, "write"), hasattr(deflate.DeflateIO, "read"))
hello = b"x\x9c\xcbH\xcd\xc9\xc9\x07\x00\x06,\x02\x15"
with deflate.DeflateIO(io.BytesIO(hello)) as d:
    print(d.read())
try:
    import udeflate
except ImportError:
    print("no udeflate")
