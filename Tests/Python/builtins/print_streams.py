# print writes what came before an instance first (its __repr__ may print) and keeps what it
# wrote before an error, as C's streaming print does.
class A:
    def __repr__(self):
        print("computing")
        return "A"
print("x", A(), "y")
class B:
    def __repr__(self):
        raise ValueError("no repr")
try:
    print("start", [1, B()])
except ValueError as e:
    print("ValueError", e)
try:
    print("s2", B(), "never")
except ValueError as e:
    print("ValueError", e)
print("end")
