print({True: 'a', 1: 'b'}[True], {1:'x'}[True], {True:'y'}.get(1), {False:1}.get(0))
d = {1.0: 'f'}; print(d[1], 1 in d, {2: 'i'}[2.0])
d = {}
d[1] = 'a'; d[1.0] = 'b'; d[True] = 'c'; print(d)
