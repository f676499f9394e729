/// Options that change what the compiler emits.
public struct CompilerOptions: Sendable {
    /// micropython.opt_level: 0 keeps asserts and __debug__ = True; >= 1 drops asserts;
    /// >= 3 drops line-number tables.
    public var optimizationLevel: Int
    /// False on builds without complex numbers (the ESP8266): imaginary literals are a SyntaxError.
    public var allowComplex: Bool
    /// The float model of the target: how literals read, whether float arithmetic folds.
    public var floatModel: FloatText.Model
    /// The target's machine word (viper integers wrap at it; its small ints are one bit less).
    public var nativeWordBits: Int
    /// Folds math.pi, math.e (and tau/inf/nan) to constants (MICROPY_COMP_MODULE_CONST).
    public var foldModuleConstants = true
    /// `a, b, c = x, y, z` without a tuple (MICROPY_COMP_TRIPLE_TUPLE_ASSIGN; pairs always).
    public var tripleTupleAssign = true
    /// `return x if c else y` as two returns (MICROPY_COMP_RETURN_IF_EXPR).
    public var returnIfExpr = true
    /// Literal errors quote the literal (MICROPY_ERROR_REPORTING_DETAILED).
    public var detailedErrors = true

    public init(optimizationLevel: Int = 0, allowComplex: Bool = true, floatModel: FloatText.Model = .double,
                nativeWordBits: Int = 64) {
        self.optimizationLevel = optimizationLevel
        self.allowComplex = allowComplex
        self.floatModel = floatModel
        self.nativeWordBits = nativeWordBits
    }
}

/// Whether `source` is empty or only backslash-newline pairs.
func isOnlyContinuations(_ source: [UInt8]) -> Bool {
    var i = 0
    while i < source.count {
        guard source[i] == UInt8(ascii: "\\"), i + 1 < source.count, source[i + 1] == UInt8(ascii: "\n") else { return false }
        i += 2
    }
    return true
}

/// Compiles Python source to MicroPython v6 bytecode.
public func compilePython(_ source: [UInt8], fileName: String, mode: CompileMode,
                          options: CompilerOptions = CompilerOptions()) throws(CompileError) -> CompiledModule {
    var lexer = Lexer(source)
    lexer.debugValue = options.optimizationLevel == 0
    lexer.run()
    var parser = Parser(tokens: lexer.tokens, options: options)
    parser.interned.insert(fileName)
    let module = Scope(kind: .module, parent: nil, name: "<module>")
    switch mode {
    case .file, .pasted: module.moduleBody = try parser.parseFile()
    case .single:
        // Input that is nothing but line continuations holds no line: MicroPython's lexer
        // gives no NEWLINE for it, and single_input needs one.
        if isOnlyContinuations(source) { throw parser.error() }
        module.moduleBody = try parser.parseSingle()
    case .eval: module.evalExpr = try parser.parseEval()
    }
    let c = CodeGen(fileName: fileName, options: options, isRepl: mode == .single || mode == .pasted,
                    keepsLonelyConstants: mode == .single)
    return try c.compileModule(module)
}

let breakFromFor = 0x8000

/// Walks the AST once per pass and scope, as mpy-cross does, so that qstr/constant table
/// order, stack sizes and jump encodings come out the same.
final class CodeGen {
    let tables = ModuleTables()
    let options: CompilerOptions
    let isRepl: Bool
    /// Only single (REPL line) input keeps a statement that is just a constant: MicroPython's
    /// parser drops those (docstrings and the like) from any other input.
    let keepsLonelyConstants: Bool
    var scopes: [Scope] = []
    var scope: Scope!
    var e: Emitter!
    var pass: Pass = .scope
    var nextLabel = 0
    var breakLabel = -1
    var continueLabel = -1
    var exceptLevel = 0
    var breakContinueExceptLevel = 0
    var depth = 0

    init(fileName: String, options: CompilerOptions, isRepl: Bool, keepsLonelyConstants: Bool) {
        self.options = options
        self.isRepl = isRepl
        self.keepsLonelyConstants = keepsLonelyConstants
        _ = tables.useQstr(fileName)
    }

    func err(_ msg: String, _ line: Int) -> CompileError {
        return CompileError(.syntaxError, msg, line: max(line, 1))
    }

    func compileModule(_ module: Scope) throws(CompileError) -> CompiledModule {
        scopes = [module]
        var i = 0
        while i < scopes.count {
            let s = scopes[i]
            _ = try compileScope(s, .scope)
            for j in 0..<s.ids.count where s.ids[j].kind == .globalImplicit {
                s.checkToCloseOver(j)
            }
            i += 1
        }
        for s in scopes { s.computeThings() }
        for s in scopes {
            _ = try compileScope(s, .stackSize)
            _ = try compileScope(s, .codeSize)
            var n = 0
            while try !compileScope(s, .emit) {
                n += 1
                if n > 50 { throw err("bytecode overflow", 1) }
            }
        }
        return CompiledModule(qstrs: tables.qstrs, objects: tables.objects, root: rawCode(module))
    }

    func rawCode(_ s: Scope) -> RawCode {
        return RawCode(kind: 0, data: s.data, children: s.children.map { rawCode($0) }, emitKind: s.emitKind)
    }

    func newLabel() -> Int {
        nextLabel += 1
        return nextLabel - 1
    }

    func newScope(_ kind: ScopeKind, name: String) -> Scope {
        let s = Scope(kind: kind, parent: scope, name: name)
        scopes.append(s)
        return s
    }

    /// Compiles one scope in one pass; returns false if the emit pass must be repeated.
    func compileScope(_ s: Scope, _ p: Pass) throws(CompileError) -> Bool {
        pass = p
        scope = s
        nextLabel = 0
        e = Emitter(pass: p, scope: s, tables: tables, keepLines: options.optimizationLevel < 3)
        e.start()
        if p == .scope {
            s.stackSize = 0
            s.excStackSize = 0
        }
        switch s.kind {
        case .module:
            if let ex = s.evalExpr {
                try expr(ex)
                e.op(Op.returnValue, -1)
                e.suppress = true
            } else {
                try stmts(s.moduleBody)
                e.op(Op.loadConstNone, 1)
                e.op(Op.returnValue, -1)
                e.suppress = true
            }
        case .function:
            let f = s.funcDef!
            if p == .scope { try declareParams(f.params) }
            if s.emitKind == EmitKind.viper {
                if p == .scope { try viperAnnotations(f) } else { viperStart(s) }
            }
            try stmts(f.body)
            e.op(Op.loadConstNone, 1)
            e.op(Op.returnValue, -1)
            e.suppress = true
            if let v = e.viper {
                if let m = v.fatal { throw CompileError(.notImplementedError, m, line: f.line) }
                if let m = v.error {
                    var ce = CompileError(.viperTypeError, m, line: v.errorLine ?? max(f.defLine, f.line))
                    ce.function = f.name
                    throw ce
                }
            }
        case .lambda:
            let l = s.lambda!
            e.setLine(l.line)
            if p == .scope { try declareParams(l.params) }
            try expr(l.body)
            if s.flags & scopeFlagGenerator != 0 {
                e.op(Op.popTop, -1)
                e.op(Op.loadConstNone, 1)
            }
            e.op(Op.returnValue, -1)
            e.suppress = true
        case .listComp, .dictComp, .setComp, .genExpr:
            try compileComprehensionScope(s)
        case .classScope:
            let c = s.classDef!
            if p == .scope { s.findOrAdd("__class__", .local) }
            try loadName("__name__", c.line)
            try storeName("__module__", c.line)
            e.opQstr(Op.loadConstString, 1, c.name)
            try storeName("__qualname__", c.line)
            try stmts(c.body)
            let idx = s.find("__class__")!
            if s.ids[idx].kind == .local {
                e.op(Op.loadConstNone, 1)
            } else {
                e.loadFast(s.ids[idx].localNum)
            }
            e.op(Op.returnValue, -1)
            e.suppress = true
        }
        let done = e.end()
        if done && e.overflow { throw CompileError(.runtimeError, "bytecode overflow", line: 1) }
        return done
    }

    /// Reads a viper function's annotations (MicroPython's compile_viper_type_annotation).
    func viperAnnotations(_ f: FunctionDef) throws(CompileError) {
        func annotation(_ a: Expr?) throws(CompileError) -> ViperType {
            guard let a = a else { return .object }
            guard case .name(let n) = a.kind else { throw err("annotation must be an identifier", a.line) }
            guard let t = ViperType.named(n) else {
                var ce = CompileError(.viperTypeError, "unknown type '\(n)'", line: max(f.defLine, f.line))
                ce.function = f.name
                throw ce
            }
            return t
        }
        for p in f.params where p.kind == .normal {
            if let n = p.name { scope.viperParams[n] = try annotation(p.annotation) }
        }
        scope.viperReturn = try annotation(f.returnAnnotation)
    }

    /// Starts a pass over a viper function: the typer, and the conversion of annotated
    /// arguments to their machine types.
    func viperStart(_ s: Scope) {
        var types: [Int: ViperType] = [:]
        for id in s.ids where id.isParam {
            types[id.localNum] = s.viperParams[id.name] ?? .object
        }
        let bits = options.nativeWordBits >= 64 ? 64 : 32
        e.viper = ViperTyper(scope: s, paramTypes: types, returnType: s.viperReturn, smallIntBits: bits - 1)
        var masks: [ViperType: Int] = [:]
        for (n, t) in types.sorted(by: { $0.key < $1.key }) where t != .object {
            if s.ids.contains(where: { $0.isParam && $0.localNum == n && $0.kind == .cell }) { continue }
            if n < ViperOp.castLocalsLimit {
                masks[t, default: 0] |= 1 << n
                continue
            }
            e.adjust(1)
            e.emitRawUInt(Op.loadFastN, n)
            e.emitRawUInt(Op.viper, ViperOp.encode(ViperOp.cast, t.rawValue))
            e.emitRawUInt(Op.storeFastN, n)
            e.adjust(-1)
        }
        for (t, mask) in masks.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            e.emitRawUInt(Op.viper, ViperOp.encode(ViperOp.castLocals, t.rawValue, mask))
        }
    }

    func declareParams(_ params: [Param]) throws(CompileError) {
        var haveStar = false
        for prm in params {
            if scope.flags & scopeFlagVarKeywords != 0 { throw err("invalid syntax", prm.line) }
            var isStar = false, isDbl = false
            switch prm.kind {
            case .normal:
                if haveStar { scope.numKwOnlyArgs += 1 } else { scope.numPosArgs += 1 }
            case .star:
                if haveStar { throw err("invalid syntax", prm.line) }
                haveStar = true
                isStar = true
                if prm.name != nil { scope.flags |= scopeFlagVarArgs }
            case .doubleStar:
                isDbl = true
                scope.flags |= scopeFlagVarKeywords
            }
            guard let name = prm.name else { continue }
            let i = scope.findOrAdd(name, .undecided)
            if scope.ids[i].kind != .undecided { throw err("argument name reused", prm.line) }
            scope.ids[i].kind = .local
            scope.ids[i].isParam = true
            scope.ids[i].isStarParam = isStar
            scope.ids[i].isDblStarParam = isDbl
        }
    }

    // MARK: - names

    func nameOp(_ name: String, load: Bool, store: Bool) {
        guard let i = scope.find(name) else { return }
        let id = scope.ids[i]
        switch id.kind {
        case .globalImplicit, .globalImplicitAssigned, .undecided:
            e.opQstr(load ? Op.loadName : (store ? Op.storeName : Op.deleteName), load ? 1 : (store ? -1 : 0), name)
        case .globalExplicit:
            e.opQstr(load ? Op.loadGlobal : (store ? Op.storeGlobal : Op.deleteGlobal), load ? 1 : (store ? -1 : 0), name)
        case .local:
            if load { e.loadFast(id.localNum) } else if store { e.storeFast(id.localNum) }
            else { e.opUInt(Op.deleteFast, 0, id.localNum) }
        case .cell, .free:
            if load { e.opUInt(Op.loadDeref, 1, id.localNum) } else if store { e.opUInt(Op.storeDeref, -1, id.localNum) }
            else { e.opUInt(Op.deleteDeref, 0, id.localNum) }
        }
    }

    func loadName(_ name: String, _ line: Int) throws(CompileError) {
        if pass == .scope { scope.idForLoad(name) } else { nameOp(name, load: true, store: false) }
    }

    func storeName(_ name: String, _ line: Int) throws(CompileError) {
        if pass == .scope { scope.idForModification(name) } else { nameOp(name, load: false, store: true) }
    }

    func deleteName(_ name: String, _ line: Int) throws(CompileError) {
        if pass == .scope { scope.idForModification(name) } else { nameOp(name, load: false, store: false) }
    }

    // MARK: - exception levels

    func increaseExceptLevel(_ label: Int, _ opcode: UInt8) {
        e.opLabel(opcode, opcode == Op.setupWith ? 2 : 0, label)
        exceptLevel += 1
        if exceptLevel > scope.excStackSize { scope.excStackSize = exceptLevel }
    }

    func decreaseExceptLevel() {
        exceptLevel -= 1
        e.op(Op.endFinally, -1)
    }

    // MARK: - functions, closures, classes

    /// Loads closed-over cells and makes the function (MicroPython's close_over_variables_etc).
    func makeFunction(_ fs: Scope, nPosDefaults: Int, nKwDefaults: Int) {
        if nKwDefaults > 0 { fs.flags |= scopeFlagDefKwArgs }
        fs.numDefPosArgs = nPosDefaults
        var nfree = 0
        if scope.kind != .module {
            for id in scope.ids where id.kind == .cell || id.kind == .free {
                for id2 in fs.ids where id2.kind == .free && id2.name == id.name {
                    e.loadFast(id.localNum)
                    nfree += 1
                }
            }
        }
        let idx = e.child(fs)
        if nfree == 0 {
            if nPosDefaults == 0 && nKwDefaults == 0 {
                e.opUInt(Op.makeFunction, 1, idx)
            } else {
                e.opUInt(Op.makeFunctionDefargs, -1, idx)
            }
        } else {
            if nPosDefaults == 0 && nKwDefaults == 0 {
                e.opUInt(Op.makeClosure, 1 - nfree, idx)
            } else {
                e.opUInt(Op.makeClosureDefargs, -1 - nfree, idx)
            }
            e.raw(UInt8(truncatingIfNeeded: nfree))
        }
    }

    /// Compiles default values then makes the function object.
    func funcDefaults(_ fs: Scope, _ params: [Param]) throws(CompileError) {
        var haveStar = false
        var nDict = 0, nDefault = 0
        for prm in params {
            switch prm.kind {
            case .star: haveStar = true
            case .doubleStar: break
            case .normal:
                if let d = prm.defaultValue {
                    if haveStar {
                        nDict += 1
                        if nDict == 1 {
                            if nDefault > 0 { e.opUInt(Op.buildTuple, 1 - nDefault, nDefault) } else { e.op(Op.loadNull, 1) }
                            e.opUInt(Op.buildMap, 1, 0)
                        }
                        try expr(d)
                        e.opQstr(Op.loadConstString, 1, prm.name!)
                        e.op(Op.storeMap, -2)
                    } else {
                        nDefault += 1
                        try expr(d)
                    }
                } else if !haveStar && nDefault != 0 {
                    throw err("non-default argument follows default argument", prm.line)
                }
            }
        }
        if nDefault > 0 && nDict == 0 {
            e.opUInt(Op.buildTuple, 1 - nDefault, nDefault)
            e.op(Op.loadNull, 1)
        }
        makeFunction(fs, nPosDefaults: nDefault, nKwDefaults: nDict)
    }

    /// Handles `@micropython.xxx` decorators; returns true if the decorator was one of them.
    func builtinDecorator(_ d: Decorator) throws(CompileError) -> Bool {
        guard d.dotted[0] == "micropython" else { return false }
        if d.dotted.count != 2 || !["bytecode", "native", "viper"].contains(d.dotted[1]) {
            throw err("invalid micropython decorator", d.line)
        }
        return true
    }

    func compileDecorators(_ decs: [Decorator]) throws(CompileError) -> Int {
        var n = 0
        for d in decs {
            if try builtinDecorator(d) { continue }
            n += 1
            try loadName(d.dotted[0], d.line)
            for a in d.dotted.dropFirst() { e.opQstr(Op.loadAttr, 0, a) }
            if let args = d.args {
                e.setLine(d.argsLine)
                try callArgs(args, isMethod: false, extraPositional: 0, line: d.argsLine)
            }
        }
        return n
    }

    func funcDef(_ f: FunctionDef, line: Int) throws(CompileError) {
        if !f.decorators.isEmpty { e.setLine(line) }
        let nDec = try compileDecorators(f.decorators)
        if pass == .scope {
            let s = newScope(.function, name: f.name)
            s.funcDef = f
            f.scope = s
            for d in f.decorators where d.dotted.count == 2 && d.dotted[0] == "micropython" {
                switch d.dotted[1] {
                case "native": s.emitKind = EmitKind.native
                case "viper": s.emitKind = EmitKind.viper
                case "bytecode": s.emitKind = EmitKind.bytecode
                default: break
                }
            }
        }
        let fs = f.scope!
        if f.isAsync { fs.flags |= scopeFlagGenerator }
        try funcDefaults(fs, f.params)
        for _ in 0..<nDec { e.opUInt(Op.callFunction, -1, 1) }
        try storeName(f.name, line)
    }

    func classDef(_ c: ClassDef, line: Int) throws(CompileError) {
        e.setLine(line)
        let nDec = try compileDecorators(c.decorators)
        if pass == .scope {
            let s = newScope(.classScope, name: c.name)
            s.classDef = c
            c.scope = s
        }
        e.op(Op.loadBuildClass, 1)
        makeFunction(c.scope!, nPosDefaults: 0, nKwDefaults: 0)
        e.opQstr(Op.loadConstString, 1, c.name)
        try callArgs(c.bases ?? [], isMethod: false, extraPositional: 2, line: c.basesLine)
        for _ in 0..<nDec { e.opUInt(Op.callFunction, -1, 1) }
        try storeName(c.name, line)
    }

    // MARK: - comprehensions

    func comprehension(_ c: Comprehension) throws(CompileError) {
        if pass == .scope {
            let kind: ScopeKind
            let name: String
            switch c.kind {
            case .list: kind = .listComp; name = "<listcomp>"
            case .dict: kind = .dictComp; name = "<dictcomp>"
            case .set: kind = .setComp; name = "<setcomp>"
            case .gen: kind = .genExpr; name = "<genexpr>"
            }
            let s = newScope(kind, name: name)
            s.comp = c
            c.scope = s
        }
        makeFunction(c.scope!, nPosDefaults: 0, nKwDefaults: 0)
        try expr(c.generators[0].iter)
        if c.kind == .gen { e.op(Op.getIter, 0) }
        e.opUInt(Op.callFunction, -1, 1)
    }

    func compileComprehensionScope(_ s: Scope) throws(CompileError) {
        let c = s.comp!
        if pass == .scope {
            s.findOrAdd("", .local)
            s.numPosArgs = 1
        }
        e.setLine(c.line)
        switch s.kind {
        case .listComp: e.opUInt(Op.buildList, 1, 0)
        case .dictComp: e.opUInt(Op.buildMap, 1, 0)
        case .setComp: e.opUInt(Op.buildSet, 1, 0)
        default: break
        }
        if s.kind == .genExpr {
            e.op(Op.loadNull, 1)
            try loadName("", c.line)
            e.op(Op.loadNull, 1)
            e.op(Op.loadNull, 1)
        } else {
            try loadName("", c.line)
            e.op(Op.getIterStack, 3)
        }
        try compIter(c, 0)
        if s.kind == .genExpr { e.op(Op.loadConstNone, 1) }
        e.op(Op.returnValue, -1)
        e.suppress = true
    }

    func compIter(_ c: Comprehension, _ depth: Int) throws(CompileError) {
        let gen = c.generators[depth]
        let top = newLabel()
        let end = newLabel()
        e.assignLabel(top)
        e.opLabel(Op.forIter, 1, end)
        try assign(gen.target)
        for cond in gen.ifs { try condJump(cond, false, top) }
        if depth + 1 < c.generators.count {
            try expr(c.generators[depth + 1].iter)
            e.op(Op.getIterStack, 3)
            try compIter(c, depth + 1)
        } else if c.kind == .gen {
            try expr(c.elt)
            e.op(Op.yieldValue, 0)
            scope.flags |= scopeFlagGenerator
            e.op(Op.popTop, -1)
        } else {
            let stackIndex = 4 * depth + 5
            if c.kind == .dict {
                e.setLine(c.elt.line)
                try expr(c.value!)
                try expr(c.elt)
                e.opUInt(Op.storeComp, -2, ((stackIndex + 1) << 2) | 1)
            } else {
                try expr(c.elt)
                e.opUInt(Op.storeComp, -1, (stackIndex << 2) | (c.kind == .list ? 0 : 2))
            }
        }
        e.jump(top)
        e.assignLabel(end)
        e.adjust(-4)
    }
}
