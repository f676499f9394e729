class Logged:
    def __init__(self):
        self.__dict__['log'] = []
    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        self.log.append('del ' + name)
        object.__delattr__(self, name)
l = Logged()
l.a = 1
l.b = 'x'
print(l.a, l.b, l.log)
del l.a
print(hasattr(l, 'a'), l.log)
