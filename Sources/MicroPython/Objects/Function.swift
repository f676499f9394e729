import MicroPythonCompiler

/// Compiled code in the heap.
///
/// RawCode: [type, nState | nExcStack<<16, flags | nPos<<8 | nKwOnly<<16 | nDef<<24,
///           opcode offset, children array, child count, data length, info offset] + fun_data,
/// fun_data being the bytecode function data of the .mpy format (prelude, info, opcodes).
/// The prelude is decoded once, when the code is loaded, into words 1-3, 5 (top byte: cells) and 7.
///
/// Module context: [module type, globals, qstr table, constant table]; a module object whose
/// words 2 and 3 map the code's operand indices to qstrs and constants.
///
/// Function: [type, context, raw code, 0, positional defaults..., kw-default dict?] (16 + 4 per
/// default, as mp_obj_fun_bc_t). Closure: [type, function, count, cells...].
public enum RawCodeObj {
    static let headerBytes = 32

    @inline(__always) public static func nState(_ rc: Obj) -> Int { Int(words(rc)[1] & 0xFFFF) }
    @inline(__always) public static func nExcStack(_ rc: Obj) -> Int { Int(words(rc)[1] >> 16) }
    @inline(__always) public static func scopeFlags(_ rc: Obj) -> UInt32 { words(rc)[2] & 0xFF }
    @inline(__always) public static func nPos(_ rc: Obj) -> Int { Int((words(rc)[2] >> 8) & 0xFF) }
    @inline(__always) public static func nKwOnly(_ rc: Obj) -> Int { Int((words(rc)[2] >> 16) & 0xFF) }
    @inline(__always) public static func nDef(_ rc: Obj) -> Int { Int(words(rc)[2] >> 24) }
    @inline(__always) public static func data(_ rc: Obj) -> UnsafeMutablePointer<UInt8> { arenaBytes(rc.raw + 32) }
    @inline(__always) public static func codeStart(_ rc: Obj) -> UnsafeMutablePointer<UInt8> {
        arenaBytes(rc.raw + 32 + words(rc)[3])
    }
    @inline(__always) public static func child(_ rc: Obj, _ i: Int) -> Obj { objArray(words(rc)[4])[i] }

    /// Word 6 holds the data length and, in its top bits, the `EmitKind` (native, viper).
    static let emitKindShift: UInt32 = 28
    @inline(__always) public static func emitKind(_ rc: Obj) -> UInt8 { UInt8(words(rc)[6] >> emitKindShift) }

    static let generatorFlag: UInt32 = 0x01
    static let varKwFlag: UInt32 = 0x02
    static let varArgsFlag: UInt32 = 0x04
    static let kwDefaultsFlag: UInt32 = 0x08
    /// Not a prelude flag: the code is machine code (`NativeCode`), word 3 its function record.
    static let machineCodeFlag: UInt32 = 0x80

    static func setMachineCode(_ rc: Obj, record: UInt32) {
        words(rc)[2] |= machineCodeFlag
        words(rc)[3] = record
    }

    @inline(__always) static func machineCodeRecord(_ rc: Obj) -> UInt32 { words(rc)[3] }

    /// Loads one RawCode tree into the heap.
    static func load(_ code: RawCode) throws(PyExc) -> Obj {
        // Machine code keeps its prelude here (signature, names, cells) and runs from the
        // image (NativeCode.link); viper code has none, and gets one naming no arguments.
        var bytes = code.data
        var emitKind = code.emitKind
        if code.kind == RawCode.native {
            bytes = Array(code.data[code.preludeOffset...])
            emitKind = EmitKind.native
        } else if code.kind == RawCode.viper || code.kind == RawCode.asm {
            bytes = [0, 2, 0]
            emitKind = code.kind == RawCode.viper ? EmitKind.viper : EmitKind.asm
        } else if code.kind != 0 {
            throw PyExc.valueError("incompatible .mpy file")
        }
        let n = bytes.count
        let rc = Obj(offset: try Heap.allocate(bytes: headerBytes + n))
        setField(rc, 0, Types.rawCode)
        bytes.withUnsafeBufferPointer { b in
            if n > 0 { data(rc).update(from: b.baseAddress!, count: n) }
        }
        words(rc)[6] = UInt32(n) | UInt32(emitKind & 3) << emitKindShift
        decodePrelude(rc, childCount: code.children.count)
        if !code.children.isEmpty {
            let arr = try Heap.allocate(bytes: 4 * code.children.count)
            words(rc)[4] = arr
            for (j, c) in code.children.enumerated() {
                let child = try load(c)
                objArray(words(rc)[4])[j] = child
            }
        }
        return rc
    }

    /// Decodes the prelude of raw code `rc` (its data and word 6 set) into its words 1-3, 5
    /// and 7; `childCount` goes in word 5.
    static func decodePrelude(_ rc: Obj, childCount: Int) {
        let n = Int(words(rc)[6] & (1 << emitKindShift - 1))
        // Decode the signature (bit-interleaved, see the format notes).
        let d = data(rc)
        var i = 0
        var z = d[i]; i += 1
        var s = UInt32((z >> 3) & 0xF)
        var e = UInt32((z >> 2) & 1)
        var f: UInt32 = 0
        var a = UInt32(z & 3)
        var k: UInt32 = 0
        var dd: UInt32 = 0
        var shift: UInt32 = 0
        while z & 0x80 != 0 && i < n {
            z = d[i]; i += 1
            f |= UInt32((z >> 6) & 1) << shift
            s |= UInt32((z >> 4) & 3) << (4 + 2 * shift)
            k |= UInt32((z >> 3) & 1) << shift
            a |= UInt32((z >> 2) & 1) << (2 + shift)
            e |= UInt32((z >> 1) & 1) << (1 + shift)
            dd |= UInt32(z & 1) << shift
            shift += 1
        }
        // Prelude size: n_info and n_cell, 6 and 1 bits per byte.
        var nInfo: UInt32 = 0, nCell: UInt32 = 0
        shift = 0
        repeat {
            z = d[i]; i += 1
            nInfo |= UInt32((z >> 1) & 0x3F) << (6 * shift)
            nCell |= UInt32(z & 1) << shift
            shift += 1
        } while z & 0x80 != 0 && i < n
        words(rc)[1] = (s + 1) | (e << 16)
        words(rc)[2] = f | (a << 8) | (k << 16) | (dd << 24)
        words(rc)[7] = UInt32(i)
        words(rc)[3] = UInt32(i) + nInfo + nCell
        // Child count, and the number of closure-info bytes in the top byte (read on every call).
        words(rc)[5] = UInt32(childCount) | min(nCell, 255) << 24
    }

    /// Number of closure-info bytes and where they start.
    static func cellInfo(_ rc: Obj) -> (UnsafeMutablePointer<UInt8>, Int) {
        let d = data(rc)
        var i = 0
        while d[i] & 0x80 != 0 { i += 1 }
        i += 1
        var nInfo = 0, nCell = 0, shift = 0
        var z: UInt8
        repeat {
            z = d[i]; i += 1
            nInfo |= Int((z >> 1) & 0x3F) << (6 * shift)
            nCell |= Int(z & 1) << shift
            shift += 1
        } while z & 0x80 != 0
        return (d + i + nInfo, nCell)
    }

    /// Source info: the function name index, argument name indices (qstr-table indices), and
    /// the line-number table.
    static func readVuint(_ p: inout UnsafeMutablePointer<UInt8>) -> Int {
        var v = 0
        while true {
            let b = p.pointee; p += 1
            v = (v << 7) | Int(b & 0x7F)
            if b & 0x80 == 0 { return v }
        }
    }

    public static func nameIndex(_ rc: Obj) -> Int {
        var p = data(rc) + Int(words(rc)[7])
        return readVuint(&p)
    }

    public static func argNameIndex(_ rc: Obj, _ arg: Int) -> Int {
        var p = data(rc) + Int(words(rc)[7])
        _ = readVuint(&p)
        for _ in 0..<arg { _ = readVuint(&p) }
        return readVuint(&p)
    }

    /// The source line of the instruction at byte offset `offset` from the opcodes' start.
    public static func line(_ rc: Obj, at offset: Int) -> Int {
        var p = data(rc) + Int(words(rc)[7])
        let end = cellInfo(rc).0
        _ = readVuint(&p)
        for _ in 0..<(nPos(rc) + nKwOnly(rc)) { _ = readVuint(&p) }
        var o = offset
        var line = 1
        while p < end {
            let b = p.pointee
            var bc: Int, ln: Int
            if b & 0x80 == 0 {
                bc = Int(b & 0x1F); ln = Int(b >> 5); p += 1
            } else {
                bc = Int(b & 0xF); ln = (Int(b & 0x70) << 4) | Int(p[1]); p += 2
            }
            if o >= bc { o -= bc; line += ln } else { break }
        }
        return line
    }
}

public enum Function {
    @inline(__always) public static func context(_ f: Obj) -> Obj { field(f, 1) }
    @inline(__always) public static func rawCode(_ f: Obj) -> Obj { field(f, 2) }

    public static func make(_ rc: Obj, context: Obj, defaults: Obj, kwDefaults: Obj) throws(PyExc) -> Obj {
        let nDef = defaults.isNull ? 0 : Tuple.count(defaults)
        let hasKw = !kwDefaults.isNull
        let f = Obj(offset: try Heap.allocate(bytes: 16 + 4 * nDef + (hasKw ? 4 : 0)))
        setField(f, 0, Types.function)
        setField(f, 1, context)
        setField(f, 2, rc)
        for i in 0..<nDef { setField(f, 4 + i, Tuple.item(defaults, i)) }
        if hasKw { setField(f, 4 + nDef, kwDefaults) }
        return f
    }

    public static func makeClosure(_ fn: Obj, cells: UnsafePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let c = Obj(offset: try Heap.allocate(bytes: 12 + 4 * n))
        setField(c, 0, Types.closure)
        setField(c, 1, fn)
        words(c)[2] = UInt32(n)
        for i in 0..<n { setField(c, 3 + i, cells[i]) }
        return c
    }

    /// Compiled from a `@micropython.viper` function (a function or its closure).
    public static func isViper(_ f: Obj) -> Bool {
        let fn = kindOf(f) == .closure ? field(f, 1) : f
        return RawCodeObj.emitKind(rawCode(fn)) == EmitKind.viper
    }

    /// Viper or inline assembler code, whose functions MicroPython prints without a name.
    public static func isNameless(_ f: Obj) -> Bool {
        let fn = kindOf(f) == .closure ? field(f, 1) : f
        return RawCodeObj.emitKind(rawCode(fn)) >= EmitKind.viper
    }

    public static func name(_ f: Obj) -> Qstr {
        var fn = f
        if kindOf(fn) == .closure { fn = field(fn, 1) }
        let rc = rawCode(fn)
        return Loader.qstr(context(fn), RawCodeObj.nameIndex(rc))
    }
}

/// Turns compiled modules into heap objects.
public enum Loader {
    @inline(__always) public static func qstr(_ ctx: Obj, _ index: Int) -> Qstr {
        Qstr(id: UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(words(ctx)[2])).unsafelyUnwrapped[index])
    }

    /// Makes the module context for `module` with `globals`, and returns (context, root raw code).
    public static func load(_ module: CompiledModule, globals: Obj) throws(PyExc) -> (Obj, Obj) {
        let ctx = Obj(offset: try Heap.allocate(bytes: 16))
        setField(ctx, 0, Types.module)
        setField(ctx, 1, globals)
        let qt = try Heap.allocate(bytes: 4 * max(1, module.qstrs.count))
        words(ctx)[2] = qt
        for (i, s) in module.qstrs.enumerated() {
            UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(words(ctx)[2])).unsafelyUnwrapped[i] = try QstrPool.intern(data: s).id
        }
        let ot = try Heap.allocate(bytes: 4 * max(1, module.objects.count))
        words(ctx)[3] = ot
        for (i, c) in module.objects.enumerated() {
            let v = try constant(c)
            objArray(words(ctx)[3])[i] = v
        }
        let rc = try RawCodeObj.load(module.root)
        try NativeCode.link(module, context: ctx, root: rc)
        return (ctx, rc)
    }

    static func constant(_ c: Constant) throws(PyExc) -> Obj {
        switch c {
        case .none: return .none
        case .false: return .false
        case .true: return .true
        case .ellipsis: return Singletons.ellipsis
        case .str(let s): return try Str.make(s)
        case .bytes(let b): return try Str.make(bytes: b, type: Types.bytes)
        case .int(let s):
            // Most are the small ints of tuples; only ints past 64 bits need the big-int parser.
            if let v = Int(s) { return try IntOps.make(v) }
            return try IntOps.parse(s, base: 10)
        case .float(let s):
            guard let d = Double(s) else { throw PyExc.valueError("invalid float") }
            return try Float.make(d)
        case .complex(let s): return try Complex.constant(s)
        // Machine code reads the table's address from its own copy of the constants
        // (NativeCode.link); Python code that names this slot sees None.
        case .functionTable: return .none
        case .tuple(let items):
            let t = try Tuple.make(count: items.count)
            for i in 0..<items.count { setField(t, 2 + i, .none) }
            for (i, x) in items.enumerated() {
                let v = try constant(x)
                setField(t, 2 + i, v)
            }
            return t
        }
    }
}
