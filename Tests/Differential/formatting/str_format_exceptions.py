cases = [("{:<>}", 1), ("{:10.2x}", 5), ("{:.2d}", 5), ("{:#c}", 65), ("{:+c}", 65), ("{:,s}", "a"), ("{:=^}", "x"), ("{:c}", -1), ("{:c}", "ab"), ("{:d}", 1.5), ("{:n}", 1.5), ("{:z}", 1), ("{:.}", 1.0), ("{:1000000000000000000000}", 1), ("{0:{1}}", 5)]
for fmt, v in cases:
    try:
        print(repr(fmt), repr(fmt.format(v)))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
