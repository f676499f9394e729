# \N{...} escapes are not supported: compiling one raises NotImplementedError (not SyntaxError),
# in str literals and bytes literals alike; a raw string keeps it as text.
for src in ['"\\N{LATIN SMALL LETTER A}"', 'b"\\N{DIGIT ONE}"', 'x = "a\\N{SPACE}b"']:
    try:
        exec(src)
        print("compiled", src)
    except NotImplementedError as e:
        print("NotImplementedError", e)
    except SyntaxError:
        print("SyntaxError")
print(eval('r"\\N{SPACE}"'))
try:
    eval('"\\x4"')
except SyntaxError:
    print("SyntaxError for a short \\x escape")
