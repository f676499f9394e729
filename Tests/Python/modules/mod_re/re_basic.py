# re: the syntax MicroPython's engine shares with CPython, on the host profile.
import re

def show(m):
    print(None if m is None else (m.group(0), m.groups(), m.span()))

show(re.match("a.c", "abc"))
show(re.match("a.c", "xabc"))
show(re.search("a.c", "xabc"))
show(re.search(r"\d+", "abc 1234 def"))
show(re.search(r"\D+", "1234abc"))
show(re.search(r"\w+", "  hello_1 "))
show(re.search(r"\W+", "ab  ;cd"))
show(re.search(r"\s+", "ab \t\ncd"))
show(re.search(r"\S+", "   xyz  "))
show(re.match("[a-c]+", "abcabd"))
show(re.match("[^a-c]+", "xyzabc"))
show(re.match(r"[\d_]+", "12_3x"))
show(re.match(r"[a\-z]+", "a-z-b"))
show(re.match(r"[\]]", "]"))
show(re.match("(a|b)+c", "ababc"))
show(re.match("(?:ab)+(c)", "ababc"))
show(re.match("a*?b", "aaab"))
show(re.match("(a+?)(a*)", "aaaa"))
show(re.match("(a??)(a)", "aa"))
show(re.match("colou?r", "color"))
show(re.match("^abc$", "abc"))
show(re.match("^abc$", "abcd"))
show(re.search("c$", "abc"))
show(re.search("^b", "abc"))
show(re.match("a|bc|def", "def"))
show(re.match(r"\.\*\+", ".*+"))
show(re.match("(a)(b)?(c)", "ac"))
show(re.match("", "abc"))

r = re.compile("(\\d+)-(\\d+)")
m = r.search("tel 555-1234 or 555-9876")
print(m.group(0), m.group(1), m.group(2), m.start(1), m.end(2), m.span(0))
print(r.match("x1-2", 1).groups())
print(r.search("1-2 3-4", 2).groups())
print(r.search("1-2 3-4", 2, 5))
print(r.match("1-2", -5).groups(), r.match("1-2", 10))

# bytes subjects give bytes groups
m = re.search(b"[0-9]+", b"abc123def")
print(m.group(0), m.span())

# non-ASCII text: spans count characters
m = re.search("b+", "äöbbü")
print(m.group(0), m.span(), m.start(), m.end())

# split
print(re.compile(",").split("a,b,,c"))
print(re.compile(",").split("a,b,,c", 2))
print(re.compile("[ ,]+").split("a, b ,c"))
print(re.compile("x").split("abc"))
print(re.compile(b",").split(b"1,2"))

# sub
print(re.sub("a", "o", "banana"))
print(re.sub("a", "o", "banana", 2))
print(re.sub("(b)(a)", r"\2\1", "banana"))
print(re.sub("(b)(a)", r"\g<2>\g<1>", "banana"))
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "1 and 21"))
print(re.sub("z", "y", "abc"))
print(re.sub(b"a", b"-", b"banana"))
print(re.compile("n").sub("N", "banana", 1))
print(re.sub("(a)|b", r"[\1]", "ab"))
print(re.sub("a", r"\\", "cat"))

