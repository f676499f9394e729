value = 'sub value'
def where():
    return __name__
