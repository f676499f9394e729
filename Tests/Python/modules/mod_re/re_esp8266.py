# args: -X profile=esp8266
# re on the ESP8266: match objects only have group(); no DEBUG or escape; sub exists;
# the 8 KiB C stack bounds the backtracking depth.
import re

m = re.match("(a)(b)?", "ac")
print(m.group(0), m.group(1), m.group(2))
for name in ("groups", "span", "start", "end"):
    print(name, hasattr(m, name))
for name in ("compile", "match", "search", "sub", "split", "DEBUG", "escape"):
    print(name, hasattr(re, name))
print(re.sub("a", "b", "aa"), re.compile(",").split("1,2"))
print(len(re.match("a*", "a" * 100).group(0)))
try:
    re.match("a*", "a" * 1000)
except RuntimeError as e:
    print("RuntimeError", e)
import ure
print(ure is re)
