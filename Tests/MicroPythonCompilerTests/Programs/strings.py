a = 'single' "double" '''triple'''
b = r'raw\n' + rb'rawbytes\x'
c = "escapes \t \n \\ \x41 \u00e9 \101"
x = 3
d = f"{x}"
e = f"{x!r:>10} and {x=}"
g = f"plain"
h = "this is a long string that goes in the object table"
i = """multi
line"""
print(a, b, c, d, e, g, h, i)
