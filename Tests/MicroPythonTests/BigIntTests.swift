import XCTest
@testable import MicroPython

/// Checks MPZ / BigIntValue against the CPython-generated table in BigIntCases.swift.
///
/// Table line formats (i, j, k index the pool; values are signed hex unless noted):
///   pool v                      -- appends v to the operand pool
///   cmp i j c                   -- compare (c decimal)
///   add|sub|mul i j r
///   divmod i j q r              -- floor division / modulo
///   shl|shr i n r               -- n decimal
///   bit i j and or xor
///   inv i r
///   pow a e r                   -- a hex literal, e decimal
///   powmod i e k r              -- e hex literal
///   str i dec hex bin           -- bin is '.' when omitted
///   misc i bitlen hash i64 u64  -- bitlen/hash decimal; 'n' = does not fit
///   tod i bits / tod2 v bits    -- IEEE bits of float(v) in hex, 'n' = OverflowError
///   fromd bits r                -- int(float)
///   tob i len order signed hex  -- order l/b; hex '-' = empty, 'n' = OverflowError
///   fromb hex order signed r
///   base i b s                  -- str in base b (lowercase)
final class BigIntTests: XCTestCase {
    private func big(_ s: Substring) -> BigIntValue {
        guard let v = BigIntValue(String(s), radix: 16) else { fatalError("bad hex literal \(s)") }
        return v
    }

    func testCPythonTable() {
        var pool: [BigIntValue] = []
        var failures: [String] = []
        var checked = 0
        func check(_ ok: Bool, _ line: Substring, _ what: @autoclosure () -> String) {
            checked += 1
            if !ok && failures.count < 40 { failures.append("\(line.prefix(160)) :: \(what())") }
        }
        for line in bigIntCaseData.split(separator: "\n") {
            let f = line.split(separator: " ")
            let ix = { (n: Int) -> BigIntValue in pool[Int(f[n])!] }
            switch f[0] {
            case "pool":
                pool.append(big(f[1]))
            case "cmp":
                let a = ix(1), b = ix(2)
                let c = a.withView { x in b.withView { y in MPZ.compare(x, y) } }
                check(c == Int(f[3])!, line, "got \(c)")
                check((a == b) == (c == 0) && (a < b) == (c < 0), line, "operators")
            case "add":
                let a = ix(1), b = ix(2), r = big(f[3])
                check(a + b == r, line, "got \(a + b)")
                // In-place (aliased) add on raw buffers.
                let got: BigIntValue = a.withView { x in b.withView { y in
                    let cap = MPZ.addCapacity(x, y)
                    let buf = UnsafeMutablePointer<UInt16>.allocate(capacity: cap)
                    defer { buf.deallocate() }
                    let xa = MPZ.copy(x, into: buf)
                    return BigIntValue(MPZ.add(xa, y, into: buf))
                } }
                check(got == r, line, "in-place got \(got)")
            case "sub":
                let a = ix(1), b = ix(2), r = big(f[3])
                check(a - b == r, line, "got \(a - b)")
                let got: BigIntValue = a.withView { x in b.withView { y in
                    let cap = MPZ.subtractCapacity(x, y)
                    let buf = UnsafeMutablePointer<UInt16>.allocate(capacity: cap)
                    defer { buf.deallocate() }
                    let ya = MPZ.copy(y, into: buf)
                    return BigIntValue(MPZ.subtract(x, ya, into: buf))
                } }
                check(got == r, line, "in-place (rhs) got \(got)")
            case "mul":
                let a = ix(1), b = ix(2)
                check(a * b == big(f[3]), line, "got \((a * b).toString(radix: 16))")
            case "divmod":
                let a = ix(1), b = ix(2), q = big(f[3]), r = big(f[4])
                let qr = a.floorDivMod(b)!
                check(qr.quotient == q && qr.remainder == r, line, "got \(qr.quotient.toString(radix: 16)) \(qr.remainder.toString(radix: 16))")
                check(a / b == q, line, "/ got \(a / b)")
                check(a % b == r, line, "% got \(a % b)")
            case "shl":
                let a = ix(1), n = Int(f[2])!, r = big(f[3])
                check(a << n == r, line, "got \((a << n).toString(radix: 16))")
                let got: BigIntValue = a.withView { x in
                    let cap = MPZ.shiftLeftCapacity(x, n)!
                    let buf = UnsafeMutablePointer<UInt16>.allocate(capacity: Swift.max(cap, x.count, 1))
                    defer { buf.deallocate() }
                    return BigIntValue(MPZ.shiftLeft(MPZ.copy(x, into: buf), n, into: buf))
                }
                check(got == r, line, "in-place got \(got)")
            case "shr":
                let a = ix(1), n = Int(f[2])!, r = big(f[3])
                check(a >> n == r, line, "got \((a >> n).toString(radix: 16))")
                let got: BigIntValue = a.withView { x in
                    let cap = MPZ.shiftRightCapacity(x, n)
                    let buf = UnsafeMutablePointer<UInt16>.allocate(capacity: Swift.max(cap, x.count, 1))
                    defer { buf.deallocate() }
                    return BigIntValue(MPZ.shiftRight(MPZ.copy(x, into: buf), n, into: buf))
                }
                check(got == r, line, "in-place got \(got)")
            case "bit":
                let a = ix(1), b = ix(2)
                check(a & b == big(f[3]), line, "and got \((a & b).toString(radix: 16))")
                check(a | b == big(f[4]), line, "or got \((a | b).toString(radix: 16))")
                check(a ^ b == big(f[5]), line, "xor got \((a ^ b).toString(radix: 16))")
            case "inv":
                let a = ix(1)
                check(~a == big(f[2]), line, "got \((~a).toString(radix: 16))")
            case "pow":
                let a = big(f[1]), e = Int(f[2])!
                let r = a.power(e)
                check(r == big(f[3]), line, "got \(r.map { $0.toString(radix: 16) } ?? "nil")")
            case "powmod":
                let a = ix(1), e = big(f[2]), m = ix(3)
                let r = a.power(e, modulus: m)
                check(r == big(f[4]), line, "got \(r.map { $0.toString(radix: 16) } ?? "nil")")
            case "str":
                let a = ix(1)
                check(a.toString(radix: 10) == f[2], line, "dec got \(a)")
                check(BigIntValue(String(f[2]), radix: 10) == a, line, "parse dec")
                check(a.toString(radix: 16) == f[3], line, "hex got \(a.toString(radix: 16))")
                check(a.toString(radix: 16, uppercase: true) == f[3].uppercased(), line, "HEX")
                if f[4] != "." {
                    check(a.toString(radix: 2) == f[4], line, "bin got \(a.toString(radix: 2))")
                    check(BigIntValue(String(f[4]), radix: 2) == a, line, "parse bin")
                }
            case "misc":
                let a = ix(1)
                check(a.bitLength == Int(f[2])!, line, "bitlen got \(a.bitLength)")
                check(a.pythonHash == Int(f[3])!, line, "hash got \(a.pythonHash)")
                if f[4] == "n" { check(a.int64Value == nil, line, "i64 should overflow") }
                else { check(a.int64Value.map { BigIntValue($0) } == big(f[4]), line, "i64 got \(String(describing: a.int64Value))") }
                if f[5] == "n" { check(a.uint64Value == nil, line, "u64 should overflow") }
                else { check(a.uint64Value.map { BigIntValue($0) } == big(f[5]), line, "u64 got \(String(describing: a.uint64Value))") }
            case "tod", "tod2":
                let a = f[0] == "tod" ? ix(1) : big(f[1])
                let d = a.doubleValue
                if f[2] == "n" { check(d == nil, line, "should overflow, got \(String(describing: d))") }
                else { check(d?.bitPattern == UInt64(f[2], radix: 16)!, line, "got \(String(describing: d))") }
            case "fromd":
                let d = Double(bitPattern: UInt64(f[1], radix: 16)!)
                let r = BigIntValue(truncating: d)
                check(r == big(f[2]), line, "got \(String(describing: r))")
            case "tob":
                let a = ix(1), len = Int(f[2])!, le = f[3] == "l", signed = f[4] == "1"
                let r = a.toBytes(length: len, littleEndian: le, signed: signed)
                if f[5] == "n" { check(r == nil, line, "should overflow") }
                else {
                    let hex = r.map { $0.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
                    check(hex == (f[5] == "-" ? "" : String(f[5])), line, "got \(hex ?? "nil")")
                }
            case "fromb":
                var bytes: [UInt8] = []
                if f[1] != "-" {
                    var it = f[1].makeIterator()
                    while let c1 = it.next(), let c2 = it.next() { bytes.append(UInt8(String([c1, c2]), radix: 16)!) }
                }
                let r = BigIntValue(bytes: bytes, littleEndian: f[2] == "l", signed: f[3] == "1")
                check(r == big(f[4]), line, "got \(r.toString(radix: 16))")
            case "base":
                let a = ix(1), b = Int(f[2])!
                check(a.toString(radix: b) == f[3], line, "got \(a.toString(radix: b))")
                check(BigIntValue(String(f[3]), radix: b) == a, line, "parse")
                check(BigIntValue(f[3].uppercased(), radix: b) == a, line, "parse upper")
            default:
                XCTFail("unknown case kind \(f[0])")
            }
        }
        XCTAssertGreaterThan(checked, 5000)
        XCTAssertEqual(failures, [], "\(failures.count)+ failures of \(checked) checks")
    }

    // MARK: - Property tests (no table needed)

    private struct RNG {
        var s: UInt64
        mutating func next() -> UInt64 {
            s &+= 0x9E3779B97F4A7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    private func randomBig(_ rng: inout RNG, digits n: Int, special: Bool = false) -> BigIntValue {
        let specials: [UInt16] = [0, 1, 0x7FFF, 0x8000, 0xFFFF, 0xFFFE]
        var s = ""
        for _ in 0..<n {
            let d = special ? specials[rng.below(specials.count)] : UInt16(truncatingIfNeeded: rng.next())
            let h = String(d, radix: 16)
            s += String(repeating: "0", count: 4 - h.count) + h
        }
        var v = BigIntValue(s.isEmpty ? "0" : s, radix: 16)!
        if rng.next() & 1 == 1 { v = -v }
        return v
    }

    func testKaratsubaMatchesSchoolbook() {
        var rng = RNG(s: 7)
        for _ in 0..<60 {
            let an = 1 + rng.below(400), bn = 1 + rng.below(400)
            let a = randomBig(&rng, digits: an, special: rng.below(3) == 0)
            let b = randomBig(&rng, digits: bn, special: rng.below(3) == 0)
            let fast = a * b
            let slow: BigIntValue = a.withView { x in b.withView { y in
                let out = UnsafeMutablePointer<UInt16>.allocate(capacity: x.count + y.count + 1)
                defer { out.deallocate() }
                MPZ.magMulSchool16(out, x.digits, x.count, y.digits, y.count)
                return BigIntValue(MPZ.normalized(negative: x.negative != y.negative, digits: out, count: x.count + y.count))
            } }
            XCTAssertEqual(fast, slow, "an=\(an) bn=\(bn)")
        }
    }

    func testDivisionIdentity() {
        var rng = RNG(s: 99)
        for iter in 0..<1500 {
            let special = iter % 2 == 0
            let a = randomBig(&rng, digits: rng.below(60), special: special)
            var b = randomBig(&rng, digits: 1 + rng.below(30), special: special)
            if b.isZero { b = 3 }
            let (q, r) = a.floorDivMod(b)!
            XCTAssertEqual(q * b + r, a)
            // remainder has the sign of b and |r| < |b|
            XCTAssertTrue(r.isZero || r.negative == b.negative)
            XCTAssertTrue(r.magnitude < b.magnitude)
        }
    }

    func testPowModMatchesPowThenMod() {
        var rng = RNG(s: 31)
        for iter in 0..<200 {
            let a = randomBig(&rng, digits: rng.below(30), special: iter % 3 == 0)
            var m = randomBig(&rng, digits: 1 + rng.below(40), special: iter % 4 == 0)
            if iter % 2 == 0 && !m.isZero && m.digits[0] & 1 == 0 { m = m + 1 }  // mostly odd: Montgomery path
            if m.isZero { m = 7 }
            let e = rng.below(60)
            XCTAssertEqual(a.power(BigIntValue(e), modulus: m), a.power(e)! % m, "iter \(iter)")
        }
    }

    func testStringRoundTripLarge() {
        var rng = RNG(s: 5)
        for base in [10, 16, 2, 3, 7, 36] {
            let a = randomBig(&rng, digits: 700)
            let s = a.toString(radix: base)
            XCTAssertEqual(BigIntValue(s, radix: base), a, "base \(base)")
        }
        let p = BigIntValue(10).power(1000)!
        XCTAssertEqual(p.description, "1" + String(repeating: "0", count: 1000))
        XCTAssertEqual((p - 1).description, String(repeating: "9", count: 1000))
    }

    func testParsingEdgeCases() {
        XCTAssertEqual(BigIntValue("1_000_000", radix: 10), 1_000_000)
        XCTAssertEqual(BigIntValue("-ff_ff", radix: 16), -65535)
        XCTAssertEqual(BigIntValue("+z", radix: 36), 35)
        XCTAssertNil(BigIntValue("12a", radix: 10))
        XCTAssertNil(BigIntValue("2", radix: 2))
        XCTAssertNil(BigIntValue("", radix: 10))
        XCTAssertNil(BigIntValue("-", radix: 10))
        XCTAssertNil(BigIntValue("1 2", radix: 10))
        XCTAssertEqual(BigIntValue("-0", radix: 10).map { $0.negative }, false)
        XCTAssertEqual(BigIntValue("0000000000000000000001", radix: 10), 1)
    }

    func testEdgeValues() {
        XCTAssertEqual(BigIntValue(Int64.min).int64Value, Int64.min)
        XCTAssertEqual(BigIntValue(Int64.min).description, "-9223372036854775808")
        XCTAssertEqual(BigIntValue(UInt64.max).uint64Value, UInt64.max)
        XCTAssertNil(BigIntValue(UInt64.max).int64Value)
        XCTAssertNil((BigIntValue(Int64.min) - 1).int64Value)
        XCTAssertNil(BigIntValue(-1).uint64Value)
        XCTAssertNil(BigIntValue(5).floorDivMod(0))
        XCTAssertNil(BigIntValue(5).power(-1))
        XCTAssertNil(BigIntValue(5).power(3, modulus: 0))
        XCTAssertEqual(BigIntValue(-7).power(0, modulus: -5), -4)
        XCTAssertEqual(BigIntValue(3).power(0, modulus: 1), 0)
        XCTAssertEqual(-BigIntValue(0), BigIntValue(0))
        XCTAssertFalse((-BigIntValue(0)).negative)
        XCTAssertEqual(BigIntValue(-1) >> 1000, -1)
        XCTAssertEqual(BigIntValue(1) >> 1000, 0)
        XCTAssertEqual(~BigIntValue(0), -1)
        XCTAssertEqual(~BigIntValue(-1), 0)
        XCTAssertNil(BigIntValue(truncating: .nan))
        XCTAssertNil(BigIntValue(truncating: .infinity))
        XCTAssertEqual(BigIntValue(truncating: -0.9), 0)
        XCTAssertNil((BigIntValue(1) << 1024).doubleValue)
        let two1024 = BigIntValue(1) << 1024
        XCTAssertEqual((two1024 - (BigIntValue(1) << 971)).doubleValue, Double.greatestFiniteMagnitude)
        XCTAssertNil((two1024 - (BigIntValue(1) << 970)).doubleValue)  // halfway rounds to even = 2**1024
        XCTAssertEqual((two1024 - (BigIntValue(1) << 970) - 1).doubleValue, Double.greatestFiniteMagnitude)
        XCTAssertEqual(BigIntValue(0).toBytes(length: 0, littleEndian: true, signed: true), [])
        XCTAssertEqual(BigIntValue(-128).toBytes(length: 1, littleEndian: true, signed: true), [0x80])
        XCTAssertNil(BigIntValue(128).toBytes(length: 1, littleEndian: true, signed: true))
        XCTAssertNil(BigIntValue(-129).toBytes(length: 1, littleEndian: true, signed: true))
        XCTAssertEqual(MPZView.zero.count, 0)
        XCTAssertEqual(BigIntValue(12345).pythonHash, 12345)
        XCTAssertEqual(BigIntValue(-1).pythonHash, -2)
        // compare with a machine integer
        XCTAssertEqual(BigIntValue(1 << 40).withView { MPZ.compare($0, Int64(1) << 40) }, 0)
        XCTAssertEqual(BigIntValue(-5).withView { MPZ.compare($0, -4) }, -1)
    }

    func testPerformanceSmoke() {
        // Not a benchmark: ensures big operations finish quickly (Karatsuba, division, str).
        let a = BigIntValue(3).power(20000)!          // ~2000 digits
        let b = BigIntValue(7).power(9000)!
        let p = a * b
        let (q, r) = p.floorDivMod(b)!
        XCTAssertEqual(q, a)
        XCTAssertTrue(r.isZero)
        let s = p.description
        XCTAssertEqual(BigIntValue(s, radix: 10), p)
    }
}
