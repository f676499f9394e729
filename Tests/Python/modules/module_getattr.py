# A module-level __getattr__ (PEP 562) answers the attributes the module does not have.
from lib import lazy_attrs as m

print(m.present, m.answer, hasattr(m, "missing"), m.calls)
from lib.lazy_attrs import answer
print(answer, m.calls)
try:
    m.other
except AttributeError as e:
    print("AttributeError", e)
