# helper package for the modules/ tests (not itself a test)
