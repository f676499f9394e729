/// Recursive-descent parser producing the AST, applying the same tree simplifications as
/// MicroPython's parser: constant folding, `const()` substitution, constant tuples.
struct Parser {
    var toks: [Token]
    var p = 0
    var nest = 0
    let maxNest = 90
    var folder: ConstFolder
    /// Strings the runtime would already know as qstrs: names seen so far (the static qstrs,
    /// `staticQstrSet`, are consulted beside it, so a compile neither copies nor, when it has
    /// no long string literal, builds that set).
    var interned: Set<String>
    let options: CompilerOptions

    init(tokens: [Token], options: CompilerOptions) {
        toks = tokens
        self.options = options
        folder = ConstFolder(allowComplex: options.allowComplex, floatModel: options.floatModel)
        folder.detailedErrors = options.detailedErrors
        interned = []
    }

    var tok: Token { return toks[min(p, toks.count - 1)] }
    func peek(_ n: Int) -> Token { return toks[min(p + n, toks.count - 1)] }
    mutating func next() { if p < toks.count - 1 { p += 1 } }

    func error(_ msg: String = "invalid syntax", line: Int? = nil) -> CompileError {
        let t = tok
        switch t.kind {
        case .indent: return CompileError(.indentationError, "unexpected indent", line: t.line)
        case .dedentMismatch:
            return CompileError(.indentationError, "unindent doesn't match any outer indent level", line: t.line)
        case .malformedFString: return CompileError(.syntaxError, "malformed f-string", line: t.line)
        case .unicodeNameEscape: return CompileError(.notImplementedError, "unicode name escapes", line: t.line)
        default: return CompileError(.syntaxError, msg, line: line ?? t.line)
        }
    }

    func isOp(_ s: String) -> Bool { return tok.kind == .op && tok.text == s }
    func isKw(_ s: String) -> Bool { return tok.kind == .keyword && tok.text == s }
    mutating func acceptOp(_ s: String) -> Bool { if isOp(s) { next(); return true }; return false }
    mutating func acceptKw(_ s: String) -> Bool { if isKw(s) { next(); return true }; return false }
    mutating func expectOp(_ s: String) throws(CompileError) { if !acceptOp(s) { throw error() } }
    mutating func expectKw(_ s: String) throws(CompileError) { if !acceptKw(s) { throw error() } }
    mutating func expectName() throws(CompileError) -> String {
        guard tok.kind == .name else { throw error() }
        let s = tok.text
        interned.insert(s)
        next()
        return s
    }

    mutating func enter() throws(CompileError) {
        nest += 1
        if nest > maxNest { throw CompileError(.syntaxError, "too complex", line: tok.line) }
    }
    mutating func leave() { nest -= 1 }

    // MARK: - top level

    mutating func parseFile() throws(CompileError) -> [Stmt] {
        var out: [Stmt] = []
        while tok.kind != .end {
            if tok.kind == .newline { next(); continue }
            out += try parseStatement()
        }
        return out
    }

    mutating func parseSingle() throws(CompileError) -> [Stmt] {
        while tok.kind == .newline { next() }
        if tok.kind == .end { return [] }
        let s = try parseStatement()
        while tok.kind == .newline { next() }
        if tok.kind != .end { throw error() }
        return s
    }

    mutating func parseEval() throws(CompileError) -> Expr {
        let e = try parseTestList(foldTuple: true)
        while tok.kind == .newline { next() }
        if tok.kind != .end { throw error() }
        return e
    }

    // MARK: - statements

    mutating func parseBlock() throws(CompileError) -> [Stmt] {
        try expectOp(":")
        if tok.kind == .newline {
            next()
            guard tok.kind == .indent else { throw error() }
            next()
            try enter()
            var out: [Stmt] = []
            while tok.kind != .dedent {
                if tok.kind == .end { throw error() }
                out += try parseStatement()
            }
            next()
            leave()
            return out
        }
        return try parseSimpleStatements()
    }

    mutating func parseStatement() throws(CompileError) -> [Stmt] {
        let line = tok.line
        if tok.kind == .keyword {
            switch tok.text {
            case "if": return [try parseIf()]
            case "while":
                next()
                let test = try parseNamedExprTest()
                let body = try parseBlock()
                let orelse = try parseElse()
                return [Stmt(.whileStmt(test, body, orelse), line: line)]
            case "for": return [try parseFor(isAsync: false, line: line)]
            case "try": return [try parseTry()]
            case "with": return [try parseWith(isAsync: false, line: line)]
            case "def": return [try parseFuncDef(decorators: [], isAsync: false, line: line)]
            case "class": return [try parseClassDef(decorators: [], line: line)]
            case "async":
                next()
                if isKw("def") { return [try parseFuncDef(decorators: [], isAsync: true, line: line)] }
                if isKw("for") { return [try parseFor(isAsync: true, line: line)] }
                if isKw("with") { return [try parseWith(isAsync: true, line: line)] }
                throw error()
            default: break
            }
        }
        if isOp("@") { return [try parseDecorated()] }
        return try parseSimpleStatements()
    }

    mutating func parseElse() throws(CompileError) -> [Stmt]? {
        if acceptKw("else") { return try parseBlock() }
        return nil
    }

    mutating func parseIf() throws(CompileError) -> Stmt {
        let line = tok.line
        next()
        let test = try parseNamedExprTest()
        let body = try parseBlock()
        var elifs: [(Expr, [Stmt])] = []
        while isKw("elif") {
            next()
            let t = try parseNamedExprTest()
            elifs.append((t, try parseBlock()))
        }
        let orelse = try parseElse()
        return Stmt(.ifStmt(test, body, elifs: elifs, orelse: orelse), line: line)
    }

    mutating func parseFor(isAsync: Bool, line: Int) throws(CompileError) -> Stmt {
        try expectKw("for")
        let target = try parseExprList()
        try expectKw("in")
        let iter = try parseTestList(foldTuple: true)
        let body = try parseBlock()
        let orelse = try parseElse()
        return Stmt(.forStmt(target, iter, body, orelse, isAsync: isAsync), line: line)
    }

    mutating func parseTry() throws(CompileError) -> Stmt {
        let line = tok.line
        next()
        let body = try parseBlock()
        var handlers: [ExceptHandler] = []
        while isKw("except") {
            let hl = tok.line
            next()
            var type: Expr? = nil
            var name: String? = nil
            if !isOp(":") {
                type = try parseTest()
                if acceptKw("as") { name = try expectName() }
            }
            handlers.append(ExceptHandler(type: type, name: name, body: try parseBlock(), line: hl))
        }
        var orelse: [Stmt]? = nil
        if !handlers.isEmpty { orelse = try parseElse() }
        var fin: [Stmt]? = nil
        if acceptKw("finally") { fin = try parseBlock() }
        if handlers.isEmpty && fin == nil { throw error() }
        return Stmt(.tryStmt(body, handlers, orelse: orelse, finally: fin), line: line)
    }

    mutating func parseWith(isAsync: Bool, line: Int) throws(CompileError) -> Stmt {
        try expectKw("with")
        var items: [WithItem] = []
        repeat {
            let e = try parseTest()
            var target: Expr? = nil
            if acceptKw("as") { target = try parseExpr() }
            items.append(WithItem(expr: e, target: target))
        } while acceptOp(",")
        let body = try parseBlock()
        return Stmt(.with(items, body, isAsync: isAsync), line: line)
    }

    mutating func parseDecorated() throws(CompileError) -> Stmt {
        let line = tok.line
        var decs: [Decorator] = []
        while isOp("@") {
            let dl = tok.line
            next()
            var dotted = [try expectName()]
            while acceptOp(".") { dotted.append(try expectName()) }
            var args: [Arg]? = nil
            var argsLine = 0
            if isOp("(") {
                argsLine = tok.line
                next()
                args = try parseArgList(close: ")")
            }
            guard tok.kind == .newline else { throw error() }
            next()
            decs.append(Decorator(dotted: dotted, args: args, argsLine: argsLine, line: dl))
        }
        if isKw("def") { return try parseFuncDef(decorators: decs, isAsync: false, line: line) }
        if isKw("class") { return try parseClassDef(decorators: decs, line: line) }
        if isKw("async") && peek(1).isKw("def") {
            next()
            return try parseFuncDef(decorators: decs, isAsync: true, line: line)
        }
        throw error()
    }

    mutating func parseFuncDef(decorators: [Decorator], isAsync: Bool, line: Int) throws(CompileError) -> Stmt {
        let defLine = tok.line
        try expectKw("def")
        let name = try expectName()
        try expectOp("(")
        let params = try parseParams(close: ")", annotations: true)
        var ret: Expr? = nil
        if acceptOp("->") { ret = try parseTest() }
        try enter()
        let body = try parseBlock()
        leave()
        let f = FunctionDef(name: name, params: params, body: body, decorators: decorators, isAsync: isAsync, line: line)
        f.returnAnnotation = ret
        f.defLine = defLine
        return Stmt(.funcDef(f), line: line)
    }

    mutating func parseParams(close: String, annotations: Bool) throws(CompileError) -> [Param] {
        var params: [Param] = []
        while !isOp(close) {
            let pl = tok.line
            if acceptOp("*") {
                var name: String? = nil
                var ann: Expr? = nil
                if tok.kind == .name {
                    name = try expectName()
                    if annotations && acceptOp(":") { ann = try parseTest() }
                }
                params.append(Param(name: name, kind: .star, defaultValue: nil, line: pl, annotation: ann))
            } else if acceptOp("**") {
                let name = try expectName()
                var ann: Expr? = nil
                if annotations && acceptOp(":") { ann = try parseTest() }
                params.append(Param(name: name, kind: .doubleStar, defaultValue: nil, line: pl, annotation: ann))
            } else {
                let name = try expectName()
                var ann: Expr? = nil
                if annotations && acceptOp(":") { ann = try parseTest() }
                var def: Expr? = nil
                if acceptOp("=") { def = try parseTest() }
                params.append(Param(name: name, kind: .normal, defaultValue: def, line: pl, annotation: ann))
            }
            if !acceptOp(",") { break }
        }
        if close == ")" { try expectOp(")") }
        return params
    }

    mutating func parseClassDef(decorators: [Decorator], line: Int) throws(CompileError) -> Stmt {
        try expectKw("class")
        let name = try expectName()
        var bases: [Arg]? = nil
        var basesLine = 0
        if isOp("(") {
            basesLine = tok.line
            next()
            let a = try parseArgList(close: ")")
            bases = a.isEmpty ? nil : a
        }
        try enter()
        let body = try parseBlock()
        leave()
        let c = ClassDef(name: name, bases: bases, basesLine: basesLine, body: body, decorators: decorators, line: line)
        return Stmt(.classDef(c), line: line)
    }

    mutating func parseSimpleStatements() throws(CompileError) -> [Stmt] {
        var out: [Stmt] = []
        while true {
            out.append(try parseSmallStatement())
            if acceptOp(";") {
                if tok.kind == .newline { break }
                continue
            }
            break
        }
        guard tok.kind == .newline else { throw error() }
        next()
        return out
    }

    mutating func parseDottedName() throws(CompileError) -> [String] {
        var d = [try expectName()]
        while acceptOp(".") { d.append(try expectName()) }
        return d
    }

    mutating func parseSmallStatement() throws(CompileError) -> Stmt {
        let line = tok.line
        if tok.kind == .keyword {
            switch tok.text {
            case "pass": next(); return Stmt(.pass, line: line)
            case "break": next(); return Stmt(.breakStmt, line: line)
            case "continue": next(); return Stmt(.continueStmt, line: line)
            case "return":
                next()
                if tok.kind == .newline || isOp(";") { return Stmt(.returnStmt(nil), line: line) }
                return Stmt(.returnStmt(try parseTestList(foldTuple: true)), line: line)
            case "raise":
                next()
                if tok.kind == .newline || isOp(";") { return Stmt(.raise(nil, nil), line: line) }
                let e = try parseTest()
                var cause: Expr? = nil
                if acceptKw("from") { cause = try parseTest() }
                return Stmt(.raise(e, cause), line: line)
            case "global", "nonlocal":
                let g = tok.text == "global"
                next()
                var names = [try expectName()]
                while acceptOp(",") { names.append(try expectName()) }
                return Stmt(g ? .global(names) : .nonlocal(names), line: line)
            case "assert":
                next()
                let t = try parseTest()
                var msg: Expr? = nil
                if acceptOp(",") { msg = try parseTest() }
                return Stmt(.assert(t, msg), line: line)
            case "del":
                next()
                let e = try parseExprList()
                if case .tuple(let items) = e.kind, e.line == -1 {
                    return Stmt(.del(items), line: line)
                }
                return Stmt(.del([e]), line: line)
            case "import":
                next()
                var aliases: [ImportAlias] = []
                repeat {
                    let d = try parseDottedName()
                    var asName: String? = nil
                    if acceptKw("as") { asName = try expectName() }
                    aliases.append(ImportAlias(dotted: d, asName: asName))
                } while acceptOp(",")
                return Stmt(.importName(aliases), line: line)
            case "from":
                next()
                var level = 0
                while isOp(".") || isOp("...") { level += tok.text == "." ? 1 : 3; next() }
                var module: [String]? = nil
                if tok.kind == .name { module = try parseDottedName() }
                if level == 0 && module == nil { throw error() }
                try expectKw("import")
                if acceptOp("*") { return Stmt(.importFrom(level: level, module: module, names: nil), line: line) }
                let paren = acceptOp("(")
                var names: [(String, String?)] = []
                repeat {
                    if paren && isOp(")") { break }
                    let n = try expectName()
                    var a: String? = nil
                    if acceptKw("as") { a = try expectName() }
                    names.append((n, a))
                } while acceptOp(",")
                if paren { try expectOp(")") }
                if names.isEmpty { throw error() }
                return Stmt(.importFrom(level: level, module: module, names: names), line: line)
            default: break
            }
        }
        return try parseExprStatement()
    }

    mutating func parseExprStatement() throws(CompileError) -> Stmt {
        let line = tok.line
        if isKw("yield") { return Stmt(.expr(try parseYield()), line: line) }
        let lhs = try parseTestListStarExpr()
        if acceptOp(":") {
            // annotated assignment; the annotation is ignored
            _ = try parseTest()
            if acceptOp("=") {
                let rhs = isKw("yield") ? try parseYield() : try parseTestListStarExpr()
                return try constAssign(lhs, rhs, line: line)
            }
            return Stmt(.annotation(lhs), line: line)
        }
        if tok.kind == .op, let op = augOps[tok.text] {
            next()
            let rhs = isKw("yield") ? try parseYield() : try parseTestListStarExpr()
            return Stmt(.augAssign(lhs, op, rhs), line: line)
        }
        if isOp("=") {
            var targets = [lhs]
            var rhs: Expr = lhs
            while acceptOp("=") {
                rhs = isKw("yield") ? try parseYield() : try parseTestListStarExpr()
                targets.append(rhs)
            }
            targets.removeLast()
            if targets.count == 1 { return try constAssign(lhs, rhs, line: line) }
            return Stmt(.assign(targets, rhs), line: line)
        }
        return Stmt(.expr(lhs), line: line)
    }

    /// Handles `X = const(value)`: records the constant and substitutes its value.
    mutating func constAssign(_ lhs: Expr, _ rhs: Expr, line: Int) throws(CompileError) -> Stmt {
        if case .name(let id) = lhs.kind, case .postfix(let base, let trailers) = rhs.kind,
           case .name("const") = base.kind, trailers.count == 1, case .call(let args, _) = trailers[0] {
            var value: Expr? = nil
            if args.count == 1, case .positional(let v) = args[0], folder.isConst(v) { value = v }
            guard let v = value else { throw CompileError(.syntaxError, "not a constant", line: rhs.line) }
            folder.consts[id] = v
            if id.hasPrefix("_") { return Stmt(.pass, line: 0) }
            return Stmt(.assign([lhs], v), line: line)
        }
        return Stmt(.assign([lhs], rhs), line: line)
    }

    // MARK: - expression lists

    /// `a, *b = ...` style lists (testlist_star_expr); constant tuples are folded.
    mutating func parseTestListStarExpr() throws(CompileError) -> Expr {
        let line = tok.line
        let first = isOp("*") ? try parseStarExpr() : try parseNamedOrTest()
        if !isOp(",") { return first }
        var items = [first]
        while acceptOp(",") {
            if endsList() { break }
            items.append(isOp("*") ? try parseStarExpr() : try parseNamedOrTest())
        }
        return folder.tupleOrConst(items, line: line)
    }

    mutating func parseNamedOrTest() throws(CompileError) -> Expr {
        return try parseTest()
    }

    func endsList() -> Bool {
        let t = tok
        if t.kind == .newline || t.kind == .end { return true }
        if t.kind == .op && ["=", ")", "]", "}", ":", ";"].contains(t.text) { return true }
        if t.kind == .op, augOps[t.text] != nil { return true }
        if t.kind == .keyword && (t.text == "in") { return true }
        return false
    }

    mutating func parseTestList(foldTuple: Bool) throws(CompileError) -> Expr {
        let line = tok.line
        let first = isOp("*") ? try parseStarExpr() : try parseTest()
        if !isOp(",") { return first }
        var items = [first]
        while acceptOp(",") {
            if endsList() { break }
            items.append(isOp("*") ? try parseStarExpr() : try parseTest())
        }
        return foldTuple ? folder.tupleOrConst(items, line: line) : Expr(.tuple(items), line: line)
    }

    /// Targets of `for` and `del` (exprlist). A bare tuple is marked with line -1 so `del a, b`
    /// can be told apart from `del (a, b)`.
    mutating func parseExprList() throws(CompileError) -> Expr {
        let line = tok.line
        let first = isOp("*") ? try parseStarExpr() : try parseExpr()
        if !isOp(",") { return first }
        var items = [first]
        while acceptOp(",") {
            if endsList() { break }
            items.append(isOp("*") ? try parseStarExpr() : try parseExpr())
        }
        let e = Expr(.tuple(items), line: line)
        e.line = -1
        return e
    }

    mutating func parseStarExpr() throws(CompileError) -> Expr {
        let line = tok.line
        try expectOp("*")
        try enter()
        defer { leave() }
        return Expr(.star(try parseExpr()), line: line)
    }

    mutating func parseYield() throws(CompileError) -> Expr {
        let line = tok.line
        try expectKw("yield")
        if acceptKw("from") { return Expr(.yieldFrom(try parseTest()), line: line) }
        if endsList() { return Expr(.yield(nil), line: line) }
        return Expr(.yield(try parseTestListStarExpr()), line: line)
    }

    mutating func parseNamedExprTest() throws(CompileError) -> Expr {
        let line = tok.line
        let t = try parseTest()
        if acceptOp(":=") {
            let v = try parseTest()
            return Expr(.named(t, v), line: line)
        }
        return t
    }
}

let augOps: [String: BinOp] = [
    "|=": .or, "^=": .xor, "&=": .and, "<<=": .lshift, ">>=": .rshift, "+=": .add, "-=": .sub,
    "*=": .mul, "@=": .matmul, "//=": .floordiv, "/=": .truediv, "%=": .mod, "**=": .power,
]
