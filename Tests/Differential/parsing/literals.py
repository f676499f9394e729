print(1_000.5, 1e1_0, 0x_dead_beef, 0o_7_7, 0b1_1)
print(.5, 5., 5.e1, 0e0, 00, 0.0001, 1e-7, 12345678901234567890.0)
print(0xFFFFFFFFFFFFFFFF, -0x8000000000000000, 0o777777777777777777777777)
print(1 if True else 2, 1e308 * 10 == float('inf'))
print("\x41\u00e9\101\n".encode(), b"\x00\xff\101", r"\n", "a" "b" 'c', len("""x
y"""))
print('a', "\t|", "\\")
print(0 == -0, 1.0 == 1, -0.0 == 0)
exec_src = ["1__0", "0x", "09", "1e", "0b2", "1.2.3", "0o8", "1_"]
for src in exec_src:
    try:
        print(src, eval(src))
    except SyntaxError as e:
        print(src, "SyntaxError")
    except Exception as e:
        print(src, type(e).__name__)
