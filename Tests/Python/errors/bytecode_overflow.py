# A jump longer than the bytecode's 15-bit offsets can hold makes compiling raise
# RuntimeError("bytecode overflow"), while code just under the limit compiles and runs.
body = " with f()()() as a:\n  try:\n   f()()()\n  except Exception:\n   pass\n"
for copies in (433, 431, 400):
    try:
        exec("flag = 0\nif flag:\n" + body * copies + "else:\n print('ran', %d)\n" % copies)
    except RuntimeError as e:
        print(copies, "RuntimeError", e)

# A long loop body jumped over backwards as well.
loop = "for i in range(2):\n" + " x = [i, i, i, i, i, i, i, i, i, i]\n" * 1200 + "print('loop done', x[0])\n"
try:
    exec(loop)
except RuntimeError as e:
    print("loop RuntimeError", e)
