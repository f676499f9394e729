# args: -X profile=esp8266
# cryptolib on the ESP8266: aes with ECB (1) and CBC (2) only, no MODE_* constants, no CTR.
import cryptolib

print(sorted(n for n in dir(cryptolib) if not n.startswith("_")))
key = bytes(range(16))
print(cryptolib.aes(key, 1).encrypt(bytes.fromhex("00112233445566778899aabbccddeeff")).hex())
c = cryptolib.aes(key, 2, bytes(16))
print(cryptolib.aes(key, 2, bytes(16)).decrypt(c.encrypt(b"sixteen byte msg" * 2)))
try:
    cryptolib.aes(key, 6, bytes(16))
except ValueError as e:
    print("ValueError", e)
import ucryptolib
print(ucryptolib is cryptolib)
