# args: -X profile=esp8266
# The ESP8266 build has no __file__ (MICROPY_MODULE___FILE__ off), for a script either.
print("__file__" in globals(), sorted(globals().keys()))
