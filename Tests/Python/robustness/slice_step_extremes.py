# Found by the fuzzer: a slice step of -2**63 trapped (negating it overflowed) in the count of a
# slice's items. Steps and bounds at the machine word's ends are OverflowError (the magnitude of
# -2**63 does not fit, as mpz_as_int_checked decides) or give the items they select.
for e in ["[1,2,3][2::-2**63]", "[1,2,3][::2**63-1]", "[1,2,3][::-(2**63-1)]", "list(range(10))[2::-2**63]",
          "range(10)[2::-2**63]", "list(range(10)[::2**63-1])", "[1,2,3][-2**63:2**63-1]",
          "[1,2,3][2**63-1:-(2**63-1):-1]", "[1,2,3][-(2**63-1):]", "(1,2,3)[::-(2**63-1)]"]:
    try:
        print(e, eval(e))
    except Exception as x:
        print(e, type(x).__name__, x)
