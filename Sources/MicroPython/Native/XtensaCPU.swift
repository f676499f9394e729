/// An interpreter for the Xtensa instructions MicroPython's native emitter writes for the
/// ESP8266 (the LX106 core, call0 ABI): what mpy-cross -march=xtensa puts in a .mpy file for
/// `@micropython.native` and `@micropython.viper` functions.
///
/// The subset is the emitter's: 32-bit arithmetic and logic (ADD, ADDX2/4, SUB, NEG, AND, OR,
/// XOR, MULL, the SAR shifts), MOVI, L32R, loads and stores of 8, 16 and 32 bits, conditional
/// branches, J, JX, CALL0, CALLX0 and RET, with their narrow (16-bit) forms. Anything else,
/// and a jump outside loaded code, is an illegal instruction. Registers: a0 is the return
/// address, a1 the stack pointer, a2-a7 arguments (a2 the result), a12-a15 callee-saved.
///
/// Memory goes through `NativeMemory`, so code reaches only its stack, its image and exposed
/// memory. A jump to a trap address (the function table's entries) runs the runtime function
/// through `NativeGlue` and continues at a0, as a call would return.
enum XtensaCPU {
    /// a0 ... a15, then SAR (the shift amount register).
    nonisolated(unsafe) static var regs: UnsafeMutablePointer<UInt32> = {
        let p = UnsafeMutablePointer<UInt32>.allocate(capacity: 17)
        p.initialize(repeating: 0, count: 17)
        return p
    }()
    static let sar = 16

    static func illegal(_ pc: UInt32) -> PyExc {
        PyExc.runtimeError("illegal instruction at 0x" + String(pc, radix: 16))
    }

    @inline(__always) static func signExtend(_ v: UInt32, bits: UInt32) -> UInt32 {
        let shift = 32 - bits
        return UInt32(bitPattern: Int32(bitPattern: v << shift) >> Int32(shift))
    }

    /// Runs from `start` until the code returns to `NativeMemory.returnToHost`.
    static func run(from start: UInt32, _ act: inout NativeActivation) throws(PyExc) {
        let r = regs
        var pc = start
        while true {
            if pc >= NativeMemory.trapBase {
                if pc == NativeMemory.returnToHost { return }
                pc = try NativeGlue.trap(Int((pc &- NativeMemory.trapBase) >> 2), &act)
                continue
            }
            let off = Int(pc &- NativeMemory.imageBase)
            guard pc >= NativeMemory.imageBase, off + 2 <= NativeMemory.imageUsed else { throw illegal(pc) }
            let p = NativeMemory.image + off
            let b0 = UInt32(p[0]), b1 = UInt32(p[1])
            let op0 = b0 & 0xF
            if op0 >= 8 {
                // Narrow forms: r = b1 >> 4, s = b1 & 15, t = b0 >> 4.
                let t = Int(b0 >> 4), s = Int(b1 & 0xF), rr = Int(b1 >> 4)
                switch op0 {
                case 8: // L32I.N
                    r[t] = try NativeMemory.load(r[s] &+ UInt32(rr << 2), 4)
                case 9: // S32I.N
                    try NativeMemory.store(r[s] &+ UInt32(rr << 2), 4, r[t])
                case 10: // ADD.N
                    r[rr] = r[s] &+ r[t]
                case 12 where t < 8: // MOVI.N: a 7-bit immediate, -32 ... 95
                    let imm = UInt32((t & 7) << 4 | rr)
                    r[s] = imm >= 96 ? imm &- 128 : imm
                case 13 where rr == 0: // MOV.N
                    r[t] = r[s]
                case 13 where rr == 15 && t == 0 && s == 0: // RET.N
                    pc = r[0]
                    continue
                default:
                    throw illegal(pc)
                }
                pc &+= 2
                continue
            }
            guard off + 3 <= NativeMemory.imageUsed else { throw illegal(pc) }
            let w = b0 | b1 << 8 | UInt32(p[2]) << 16
            let t = Int((w >> 4) & 0xF), s = Int((w >> 8) & 0xF), rr = Int((w >> 12) & 0xF)
            switch op0 {
            case 0: // QRST
                let op1 = (w >> 16) & 0xF, op2 = w >> 20
                switch (op1, op2) {
                case (0, 0) where rr == 0:
                    switch t {
                    case 12: // CALLX0
                        let target = r[s]
                        r[0] = pc &+ 3
                        pc = target
                        continue
                    case 10: // JX
                        pc = r[s]
                        continue
                    case 8 where s == 0: // RET
                        pc = r[0]
                        continue
                    default:
                        throw illegal(pc)
                    }
                case (0, 1): r[rr] = r[s] & r[t]
                case (0, 2): r[rr] = r[s] | r[t]
                case (0, 3): r[rr] = r[s] ^ r[t]
                case (0, 4) where rr == 0 && t == 0: r[sar] = r[s] & 31 // SSR
                case (0, 4) where rr == 1 && t == 0: r[sar] = 32 - (r[s] & 31) // SSL
                case (0, 6) where s == 0: r[rr] = 0 &- r[t] // NEG
                case (0, 8): r[rr] = r[s] &+ r[t]
                case (0, 9): r[rr] = r[s] &<< 1 &+ r[t]
                case (0, 10): r[rr] = r[s] &<< 2 &+ r[t]
                case (0, 12): r[rr] = r[s] &- r[t]
                case (1, 9): // SRL
                    r[rr] = UInt32(truncatingIfNeeded: UInt64(r[t]) >> UInt64(r[sar]))
                case (1, 10): // SLL
                    r[rr] = UInt32(truncatingIfNeeded: (UInt64(r[s]) << 32) >> UInt64(r[sar]))
                case (1, 11): // SRA
                    r[rr] = UInt32(truncatingIfNeeded: Int64(Int32(bitPattern: r[t])) >> Int64(r[sar]))
                case (2, 8): r[rr] = r[s] &* r[t] // MULL
                default:
                    throw illegal(pc)
                }
            case 1: // L32R: a literal before the code
                let offset = (0xFFFF_0000 | (w >> 8)) << 2
                r[t] = try NativeMemory.load(((pc &+ 3) & ~3) &+ offset, 4)
            case 2: // LSAI
                let imm8 = w >> 16
                switch rr {
                case 0: r[t] = try NativeMemory.load(r[s] &+ imm8, 1)
                case 1: r[t] = try NativeMemory.load(r[s] &+ imm8 << 1, 2)
                case 2: r[t] = try NativeMemory.load(r[s] &+ imm8 << 2, 4)
                case 4: try NativeMemory.store(r[s] &+ imm8, 1, r[t])
                case 5: try NativeMemory.store(r[s] &+ imm8 << 1, 2, r[t])
                case 6: try NativeMemory.store(r[s] &+ imm8 << 2, 4, r[t])
                case 9: r[t] = signExtend(try NativeMemory.load(r[s] &+ imm8 << 1, 2), bits: 16)
                case 10: r[t] = signExtend(UInt32(s) << 8 | imm8, bits: 12) // MOVI
                case 12: r[t] = r[s] &+ signExtend(imm8, bits: 8) // ADDI
                case 13: r[t] = r[s] &+ signExtend(imm8, bits: 8) << 8 // ADDMI
                default: throw illegal(pc)
                }
            case 5: // CALL0 (CALL4/8/12 belong to the windowed ABI)
                guard (w >> 4) & 3 == 0 else { throw illegal(pc) }
                let offset = signExtend(w >> 6, bits: 18) << 2
                r[0] = pc &+ 3
                pc = (pc & ~3) &+ offset &+ 4
                continue
            case 6: // J and BZ
                let n = (w >> 4) & 3, m = (w >> 6) & 3
                if n == 0 {
                    pc = pc &+ 4 &+ signExtend(w >> 6, bits: 18)
                    continue
                }
                guard n == 1 else { throw illegal(pc) }
                let v = Int32(bitPattern: r[s])
                let taken: Bool
                switch m {
                case 0: taken = v == 0
                case 1: taken = v != 0
                case 2: taken = v < 0
                default: taken = v >= 0
                }
                if taken {
                    pc = pc &+ 4 &+ signExtend(w >> 12, bits: 12)
                    continue
                }
            case 7: // B: compare two registers, or test a bit
                let a = r[s], b = r[t]
                let bit = UInt32((rr & 1) << 4 | t)
                let taken: Bool
                switch rr {
                case 0: taken = a & b == 0
                case 1: taken = a == b
                case 2: taken = Int32(bitPattern: a) < Int32(bitPattern: b)
                case 3: taken = a < b
                case 4: taken = ~a & b == 0
                case 5: taken = a & (1 << (b & 31)) == 0
                case 6, 7: taken = a & (1 << bit) == 0
                case 8: taken = a & b != 0
                case 9: taken = a != b
                case 10: taken = Int32(bitPattern: a) >= Int32(bitPattern: b)
                case 11: taken = a >= b
                case 12: taken = ~a & b != 0
                case 13: taken = a & (1 << (b & 31)) != 0
                default: taken = a & (1 << bit) != 0
                }
                if taken {
                    pc = pc &+ 4 &+ signExtend(w >> 16, bits: 8)
                    continue
                }
            default:
                throw illegal(pc)
            }
            pc &+= 3
        }
    }
}
