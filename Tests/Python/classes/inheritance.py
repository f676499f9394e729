class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return '%s says %s' % (self.name, self.sound)
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def kind(self):
        return 'dog/' + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def kind(self):
        return 'puppy/' + super(Puppy, self).kind()
a, d, p = Animal('generic'), Dog('rex'), Puppy('bit', 1)
for x in (a, d, p):
    print(x.speak(), x.kind())
print(p.age, isinstance(p, Animal), isinstance(d, Puppy), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print(issubclass(Dog, (int, Animal)), isinstance(3, (str, int)))
class Flyer:
    def fly(self):
        return 'flying'
    def kind(self):
        return 'flyer'
class Swimmer:
    def swim(self):
        return 'swimming'
class Duck(Flyer, Swimmer):
    pass
du = Duck()
print(du.fly(), du.swim(), du.kind(), isinstance(du, Swimmer))
class Base:
    def template(self):
        return 'base:' + self.hook()
    def hook(self):
        return 'base-hook'
class Derived(Base):
    def hook(self):
        return 'derived-hook'
print(Base().template(), Derived().template())
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml.total(), len(ml), ml[0], isinstance(ml, list))
class MyDict(dict):
    pass
md = MyDict(a=1)
md['b'] = 2
print(sorted(md.items()), isinstance(md, dict))
