print("micropython")
