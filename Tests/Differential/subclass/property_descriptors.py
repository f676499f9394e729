class Account:
    rate = 0.05
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, v):
        if v < 0:
            raise ValueError("negative balance")
        self._balance = v
    @classmethod
    def with_bonus(cls, owner):
        return cls(owner, 100)
    @staticmethod
    def fee(amount):
        return round(amount * 0.01, 2)
    def __repr__(self):
        return "Account(%r, %r)" % (self.owner, self._balance)
a = Account("ann", 50)
a.balance = 75
print(a, a.balance, Account.with_bonus("bob"), Account.fee(1234.5), a.rate, Account.rate)
try:
    a.balance = -1
except ValueError as e:
    print("ValueError", e)
class Savings(Account):
    rate = 0.07
    def interest(self):
        return self.balance * self.rate
s = Savings.with_bonus("cy")
print(type(s).__name__, s, s.interest(), isinstance(s, Account))
try:
    del a.balance
except AttributeError as e:
    print("AttributeError", e)
class RO:
    @property
    def x(self):
        return 1
try:
    RO().x = 5
except AttributeError as e:
    print("AttributeError", e)
