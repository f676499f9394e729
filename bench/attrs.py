# attribute loads and stores on instances
class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v
        self.hits = 0
def run(n):
    ps = [Particle(i, i % 7 - 3) for i in range(100)]
    for step in range(n):
        for p in ps:
            p.x += p.v
            if p.x < 0 or p.x > 1000:
                p.v = -p.v
                p.hits += 1
    return sum(p.hits for p in ps), sum(p.x for p in ps)
print(run(40000))
