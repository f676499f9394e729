# A module whose missing attributes come from its __getattr__ (PEP 562).
calls = []
present = 1


def __getattr__(name):
    calls.append(name)
    if name == "answer":
        return 42
    raise AttributeError(name)
