import sys
print('printed before exit')
sys.exit('a message goes to stderr, status is 1')
