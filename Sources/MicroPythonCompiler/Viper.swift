/// `@micropython.native` and `@micropython.viper` compiled to bytecode.
///
/// A native function is ordinary bytecode with the emit kind recorded in its raw code (the
/// runtime then behaves as MicroPython's native code does where programs can see it).
///
/// A viper function is typed as MicroPython's native emitter types it, pass by pass and in
/// program order: every value on the compile-time stack and every local has a viper type
/// (`object`, `bool`, `int`, `uint`, `ptr`, `ptr8`, `ptr16`, `ptr32`, or the `None` constant).
/// At run time every value is still an ordinary object, in a canonical form for its type:
/// `int` a Python int in the signed range of the machine word, `uint` and the pointers one in
/// the unsigned range, `bool` True/False. Boxing a viper value into an object is therefore
/// free; the typed operations (machine-word arithmetic, casts, pointer loads and stores)
/// are `Op.viper` instructions whose operand says which operation on which type.

/// Viper value types, numbered as MicroPython's native types (0-7).
public enum ViperType: Int, Sendable {
    case object = 0, bool, int, uint, ptr, ptr8, ptr16, ptr32
    /// The None constant (MicroPython's PTR_NONE).
    case none
    /// A casting builtin (`int`, `ptr8`...) waiting for its call.
    case cast
    /// A local not yet assigned in program order.
    case unbound

    var name: String {
        switch self {
        case .object: return "object"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .ptr: return "ptr"
        case .ptr8: return "ptr8"
        case .ptr16: return "ptr16"
        case .ptr32: return "ptr32"
        default: return "None"
        }
    }

    static func named(_ s: String) -> ViperType? {
        switch s {
        case "object": return .object
        case "bool": return .bool
        case "int": return .int
        case "uint": return .uint
        case "ptr": return .ptr
        case "ptr8": return .ptr8
        case "ptr16": return .ptr16
        case "ptr32": return .ptr32
        default: return nil
        }
    }

    /// Bytes per element of a typed pointer, 0 for anything else.
    var elementSize: Int {
        switch self {
        case .ptr8: return 1
        case .ptr16: return 2
        case .ptr32: return 4
        default: return 0
        }
    }
}

/// How a raw code was compiled (stored in the runtime's raw-code header).
public enum EmitKind {
    public static let bytecode: UInt8 = 0
    public static let native: UInt8 = 1
    public static let viper: UInt8 = 2
    /// Inline assembler, from a .mpy file only (run as machine code).
    public static let asm: UInt8 = 3
}

/// The operand of `Op.viper`: `sub | a << 4 | b << 12`.
public enum ViperOp {
    /// Convert TOS to type a (an object by mp_native_from_obj's rules, a typed value by
    /// reinterpreting its machine word).
    public static let cast = 1
    /// Machine-word binary operation a (a MicroPython binary-op number) giving type b.
    public static let binary = 2
    /// Unary operation a (negate or invert) on type b.
    public static let unary = 3
    /// Load from a typed pointer: [ptr, index] -> value; a = element size in bytes.
    public static let load = 4
    /// Store through a typed pointer: [value, ptr, index] -> (); a = element size in bytes.
    public static let store = 5
    /// Convert in place to type a every local whose bit is set in mask b (the annotated
    /// arguments at function entry, one instruction for all those of a type).
    public static let castLocals = 6
    /// Locals that fit in castLocals' mask (the operand is at most 63 bits).
    public static let castLocalsLimit = 48

    public static func encode(_ sub: Int, _ a: Int, _ b: Int = 0) -> Int { sub | a << 4 | b << 12 }
}

/// MicroPython binary-op numbers the typer needs.
enum BinOpNum {
    static let less = 0, notEqual = 5
    static let inplaceOr = 9, inplacePower = 21
    static let or = 22, xor = 23, and = 24, lshift = 25, rshift = 26, add = 27, subtract = 28
    static let multiply = 29, floorDivide = 31, modulo = 33
    static let inplaceOffset = 13

    /// The special-method name MicroPython prints in "binary op %q not implemented".
    static func methodName(_ op: Int) -> String {
        switch op {
        case 6: return ""
        case 30: return "__matmul__"
        case 32: return "__truediv__"
        case 34: return "__pow__"
        default: return ""
        }
    }
}

/// One compile-time stack entry of a viper function.
struct ViperSlot {
    var type: ViperType
    /// A constant (MicroPython's immediate): a constant pointer can't become an object.
    var isConst = false
    /// For `.cast`: the type it casts to.
    var castTo: ViperType = .object
}

/// The viper typing state of one scope for one pass.
final class ViperTyper {
    var stack: [ViperSlot] = []
    var locals: [ViperType]
    let returnType: ViperType
    let localNames: [String]
    /// The last type error of the pass (MicroPython keeps the last one).
    var error: String?
    /// NotImplementedError raised at once by MicroPython (the first one wins).
    var fatal: String?
    /// The line of the statement that had the first error (nil: the function's line).
    var errorLine: Int?
    let smallIntBits: Int

    init(scope: Scope, paramTypes: [Int: ViperType], returnType: ViperType, smallIntBits: Int) {
        var names = [String](repeating: "", count: scope.numLocals)
        var types = [ViperType](repeating: .unbound, count: scope.numLocals)
        for id in scope.ids where (id.kind == .local || id.kind == .cell || id.isParam) && id.localNum < names.count {
            names[id.localNum] = id.name
            if id.isParam { types[id.localNum] = paramTypes[id.localNum] ?? .object }
        }
        self.locals = types
        self.localNames = names
        self.returnType = returnType
        self.smallIntBits = smallIntBits
    }

    func typeError(_ msg: String) { error = msg }
    func notImplemented(_ msg: String) { if fatal == nil { fatal = msg } }

    func sync(_ depth: Int) {
        if stack.count > depth { stack.removeLast(stack.count - depth) }
        while stack.count < depth { stack.append(ViperSlot(type: .object)) }
    }

    func pop() -> ViperSlot { stack.popLast() ?? ViperSlot(type: .object) }
    func peek(_ n: Int = 0) -> ViperSlot { n < stack.count ? stack[stack.count - 1 - n] : ViperSlot(type: .object) }
    func push(_ t: ViperType, const: Bool = false) { stack.append(ViperSlot(type: t, isConst: const)) }

    func fitsTargetSmallInt(_ v: Int) -> Bool {
        let half = 1 << (smallIntBits - 2)
        return v >= -half && v < half
    }

    /// Values handed to Python code (call arguments, built containers): a constant pointer
    /// can't be converted (MicroPython: "conversion to object").
    func consumeAsObjects(_ n: Int) {
        for i in 0..<min(n, stack.count) {
            let s = peek(i)
            if s.isConst && s.type.elementSize + (s.type == .ptr ? 1 : 0) > 0 { notImplemented("conversion to object") }
            if s.type == .cast { notImplemented("casting") }
        }
    }
}

extension Emitter {
    /// Types one instruction of a viper function; returns true when it emitted the
    /// instruction itself (as typed code, or nothing at all).
    func viperOp(_ v: ViperTyper, _ b: UInt8, _ operand: Int, _ delta: Int) -> Bool {
        v.sync(stack)
        switch b {
        case Op.loadConstSmallIntMulti...Op.loadConstSmallIntMultiLast, Op.loadConstSmallInt:
            v.push(.int, const: true)
        case Op.loadConstObj:
            var t = ViperType.object
            if operand < tables.objects.count, case .int(let s) = tables.objects[operand],
               let n = Int(s), v.fitsTargetSmallInt(n) { t = .int }
            v.push(t, const: t != .object)
        case Op.loadConstFalse, Op.loadConstTrue:
            v.push(.bool, const: true)
        case Op.loadConstNone:
            v.push(.none, const: true)
        case Op.loadFastMulti...Op.loadFastMultiLast, Op.loadFastN:
            let n = b == Op.loadFastN ? operand : Int(b - Op.loadFastMulti)
            var t = n < v.locals.count ? v.locals[n] : .object
            if t == .unbound {
                v.typeError("local '\(n < v.localNames.count ? v.localNames[n] : "")' used before type known")
                t = .object
            }
            v.push(t)
        case Op.storeFastMulti...Op.storeFastMultiLast, Op.storeFastN:
            let n = b == Op.storeFastN ? operand : Int(b - Op.storeFastMulti)
            let s = v.pop()
            if s.type == .cast { v.notImplemented("casting") }
            if n < v.locals.count {
                if v.locals[n] == .unbound {
                    v.locals[n] = s.type
                } else if v.locals[n] != s.type {
                    v.typeError("local '\(v.localNames[n])' has type '\(v.locals[n].name)' but source is '\(s.type.name)'")
                }
            }
        case Op.loadDeref, Op.storeDeref:
            // MicroPython reads the cell through its local slot, which has no viper type
            // unless it is an annotated parameter.
            if operand < v.locals.count && v.locals[operand] == .unbound {
                v.typeError("local '\(v.localNames[operand])' used before type known")
            }
            viperGeneric(v, b, delta)
        case Op.loadGlobal:
            let name = operand < tables.qstrs.count ? tables.qstrs[operand] : ""
            if let t = ViperType.named(name), t != .object {
                // A casting builtin: no code until its call.
                adjust(delta)
                v.stack.append(ViperSlot(type: .cast, isConst: true, castTo: t))
                return true
            }
            v.push(.object)
        case Op.callFunction where operand >> 8 == 0 && operand & 0xFF == 1 && v.peek(1).type == .cast:
            let arg = v.pop()
            let fn = v.pop()
            if arg.type == .cast { v.notImplemented("casting") }
            adjust(delta)
            emitRawUInt(Op.viper, ViperOp.encode(ViperOp.cast, fn.castTo.rawValue))
            v.stack.append(ViperSlot(type: fn.castTo, isConst: arg.isConst))
            return true
        case Op.binaryOpMulti...Op.binaryOpMultiLast:
            return viperBinary(v, Int(b - Op.binaryOpMulti), delta)
        case Op.unaryOpMulti...Op.unaryOpMultiLast:
            let op = Int(b - Op.unaryOpMulti)
            let t = v.peek().type
            if t == .int || t == .uint {
                if op == Op.unaryNot {
                    v.typeError("'not' not implemented")
                } else if op != 0 {
                    emitRawUInt(Op.viper, ViperOp.encode(ViperOp.unary, op, t.rawValue))
                }
                adjust(delta)
                return true
            } else if t == .object {
                _ = v.pop()
                v.push(.object)
            } else {
                v.typeError("can't do unary op of '\(t.name)'")
            }
        case Op.loadSubscr:
            let index = v.pop(), base = v.pop()
            if base.type == .object {
                v.push(.object)
            } else {
                if !(index.type == .int && index.isConst) && index.type != .int && index.type != .uint {
                    v.typeError("can't load with '\(index.type.name)' index")
                }
                if base.type.elementSize == 0 { v.typeError("can't load from '\(base.type.name)'") }
                adjust(delta)
                emitRawUInt(Op.viper, ViperOp.encode(ViperOp.load, max(1, base.type.elementSize)))
                v.push(.int)
                return true
            }
        case Op.storeSubscr:
            let index = v.pop(), base = v.pop(), value = v.pop()
            if base.type != .object {
                let constIndex = index.type == .int && index.isConst
                if !constIndex && index.type != .int && index.type != .uint {
                    v.typeError("can't store with '\(index.type.name)' index")
                }
                if value.type != .bool && value.type != .int && value.type != .uint {
                    v.typeError("can't store '\(value.type.name)'")
                }
                if base.type.elementSize == 0 { v.typeError("can't store to '\(base.type.name)'") }
                adjust(delta)
                emitRawUInt(Op.viper, ViperOp.encode(ViperOp.store, max(1, base.type.elementSize)))
                return true
            }
        case Op.returnValue:
            let s = v.pop()
            if scope.flags & scopeFlagGenerator == 0 {
                if s.type == .none {
                    if v.returnType != .object {
                        // None returned as a machine value is 0 (False for bool).
                        adjust(delta)
                        emitRaw(Op.popTop)
                        emitRaw(v.returnType == .bool ? Op.loadConstFalse : Op.loadConstSmallIntMulti + 16)
                        emitRaw(Op.returnValue)
                        return true
                    }
                } else if s.type != v.returnType {
                    v.typeError("return expected '\(v.returnType.name)' but got '\(s.type.name)'")
                }
            }
        case Op.raiseObj:
            if v.pop().type != .object { v.typeError("must raise an object") }
        case Op.raiseLast, Op.raiseFrom:
            v.notImplemented("native raise")
        case Op.yieldValue, Op.yieldFrom:
            v.notImplemented("native yield")
        case Op.popJumpIfTrue, Op.popJumpIfFalse, Op.jumpIfTrueOrPop, Op.jumpIfFalseOrPop:
            let t = v.peek().type
            if t != .object && t != .bool && t != .int && t != .uint {
                v.typeError("can't implicitly convert '\(t.name)' to 'bool'")
            }
            _ = v.pop()
        case Op.dupTop:
            v.stack.append(v.peek())
        case Op.dupTopTwo:
            let a = v.peek(1), c = v.peek()
            v.stack.append(a); v.stack.append(c)
        case Op.rotTwo:
            if v.stack.count >= 2 { v.stack.swapAt(v.stack.count - 1, v.stack.count - 2) }
        case Op.rotThree:
            if v.stack.count >= 3 {
                let top = v.stack.removeLast()
                v.stack.insert(top, at: v.stack.count - 2)
            }
        case Op.popTop:
            _ = v.pop()
        default:
            viperGeneric(v, b, delta)
        }
        return false
    }

    private func viperBinary(_ v: ViperTyper, _ opIn: Int, _ delta: Int) -> Bool {
        let rhs = v.pop(), lhs = v.pop()
        var op = opIn
        let lt = lhs.type, rt = rhs.type
        if (lt == .int || lt == .uint) && (rt == .int || rt == .uint) {
            if op >= BinOpNum.inplaceOr && op <= BinOpNum.inplacePower { op += BinOpNum.inplaceOffset }
            switch op {
            case BinOpNum.or, BinOpNum.xor, BinOpNum.and, BinOpNum.lshift, BinOpNum.rshift,
                 BinOpNum.add, BinOpNum.subtract, BinOpNum.multiply:
                adjust(delta)
                emitRawUInt(Op.viper, ViperOp.encode(ViperOp.binary, op, lt.rawValue))
                v.push(lt)
                return true
            case BinOpNum.floorDivide, BinOpNum.modulo:
                if lt != .int { v.typeError("div/mod not implemented for uint") }
                adjust(delta)
                emitRawUInt(Op.viper, ViperOp.encode(ViperOp.binary, op, ViperType.int.rawValue))
                v.push(.int)
                return true
            case BinOpNum.less...BinOpNum.notEqual:
                // Canonical values compare as the machine does (signed or unsigned).
                if lt != rt { v.typeError("comparison of int and uint") }
                v.push(.bool)
            default:
                v.typeError("binary op \(BinOpNum.methodName(op)) not implemented")
                v.stack.append(lhs)
            }
        } else if lt == .object && rt == .object {
            v.push(.object)
        } else {
            v.typeError("can't do binary op between '\(lt.name)' and '\(rt.name)'")
            v.stack.append(lhs)
        }
        return false
    }

    /// Any other instruction: its operands become objects, its results are objects.
    private func viperGeneric(_ v: ViperTyper, _ b: UInt8, _ delta: Int) {
        var pushes = 1
        switch b {
        case Op.storeName, Op.storeGlobal, Op.storeAttr, Op.deleteName, Op.deleteGlobal, Op.storeComp,
             Op.storeMap, Op.storeDeref, Op.deleteFast, Op.deleteDeref, Op.jump, Op.setupExcept,
             Op.setupFinally, Op.popExceptJump, Op.unwindJump, Op.importStar, Op.endFinally:
            pushes = 0
        case Op.unpackSequence, Op.unpackEx, Op.loadMethod:
            pushes = delta + 1
        case Op.setupWith, Op.withCleanup, Op.getIterStack:
            pushes = max(1, delta)
        default:
            break
        }
        let pops = max(0, pushes - delta)
        switch b {
        case Op.callFunction, Op.callMethod, Op.callFunctionVarKw, Op.callMethodVarKw,
             Op.buildTuple, Op.buildList, Op.buildSet, Op.buildMap, Op.storeMap:
            v.consumeAsObjects(pops)
        default:
            break
        }
        for _ in 0..<min(pops, v.stack.count) { _ = v.pop() }
        for _ in 0..<pushes { v.push(.object) }
    }
}
