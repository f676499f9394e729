/// Expression half of the parser.
extension Parser {
    mutating func parseTest() throws(CompileError) -> Expr {
        try enter()
        defer { leave() }
        if isKw("lambda") { return try parseLambda(noCond: false) }
        let line = tok.line
        let e = try parseOrTest()
        if isKw("if") {
            next()
            let cond = try parseOrTest()
            try expectKw("else")
            let orelse = try parseTest()
            return Expr(.ifExp(test: cond, body: e, orelse: orelse), line: line)
        }
        return e
    }

    mutating func parseTestNoCond() throws(CompileError) -> Expr {
        if isKw("lambda") { return try parseLambda(noCond: true) }
        return try parseOrTest()
    }

    mutating func parseLambda(noCond: Bool) throws(CompileError) -> Expr {
        let line = tok.line
        try expectKw("lambda")
        let params = try parseParams(close: ":", annotations: false)
        try expectOp(":")
        let body = noCond ? try parseTestNoCond() : try parseTest()
        return Expr(.lambda(Lambda(params: params, body: body, line: line)), line: line)
    }

    mutating func parseOrTest() throws(CompileError) -> Expr {
        let line = tok.line
        let first = try parseAndTest()
        if !isKw("or") { return first }
        var items = [first]
        while acceptKw("or") { items.append(try parseAndTest()) }
        return folder.foldLogical(isOr: true, items, line: line)
    }

    mutating func parseAndTest() throws(CompileError) -> Expr {
        let line = tok.line
        let first = try parseNotTest()
        if !isKw("and") { return first }
        var items = [first]
        while acceptKw("and") { items.append(try parseNotTest()) }
        return folder.foldLogical(isOr: false, items, line: line)
    }

    mutating func parseNotTest() throws(CompileError) -> Expr {
        if isKw("not") {
            let line = tok.line
            next()
            try enter()
            defer { leave() }
            let e = try parseNotTest()
            if let b = folder.constTruth(e) {
                return Expr(b ? .falseConst : .trueConst, line: line)
            }
            return Expr(.not(e), line: line)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(CompileError) -> Expr {
        let line = tok.line
        let first = try parseExpr()
        var ops: [(CmpOp, Expr)] = []
        while true {
            var op: CmpOp? = nil
            if tok.kind == .op {
                switch tok.text {
                case "<": op = .lt
                case ">": op = .gt
                case "==": op = .eq
                case "<=": op = .le
                case ">=": op = .ge
                case "!=": op = .ne
                default: break
                }
                if op != nil { next() }
            } else if isKw("in") {
                next(); op = .in
            } else if isKw("not") && peek(1).isKw("in") {
                next(); next(); op = .notIn
            } else if isKw("is") {
                next()
                op = acceptKw("not") ? .isNot : .is
            }
            guard let o = op else { break }
            ops.append((o, try parseExpr()))
        }
        if ops.isEmpty { return first }
        return Expr(.compare(first, ops), line: line)
    }

    /// Parses a left-associative chain of binary operators at one precedence level, folding
    /// the whole chain only when every operand is a number (MicroPython folds whole rules).
    mutating func parseChain(_ ops: [String: BinOp], _ sub: (inout Parser) throws(CompileError) -> Expr) throws(CompileError) -> Expr {
        let line = tok.line
        let first = try sub(&self)
        var rest: [(BinOp, Expr)] = []
        while tok.kind == .op, let op = ops[tok.text] {
            next()
            rest.append((op, try sub(&self)))
        }
        if rest.isEmpty { return first }
        if let folded = folder.foldChain(first, rest) { return folded }
        var acc = first
        for (op, e) in rest { acc = Expr(.binOp(acc, op, e), line: line) }
        return acc
    }

    mutating func parseExpr() throws(CompileError) -> Expr {
        return try parseChain(["|": .or]) { (p: inout Parser) throws(CompileError) in try p.parseXor() }
    }
    mutating func parseXor() throws(CompileError) -> Expr {
        return try parseChain(["^": .xor]) { (p: inout Parser) throws(CompileError) in try p.parseAnd() }
    }
    mutating func parseAnd() throws(CompileError) -> Expr {
        return try parseChain(["&": .and]) { (p: inout Parser) throws(CompileError) in try p.parseShift() }
    }
    mutating func parseShift() throws(CompileError) -> Expr {
        return try parseChain(["<<": .lshift, ">>": .rshift]) { (p: inout Parser) throws(CompileError) in try p.parseArith() }
    }
    mutating func parseArith() throws(CompileError) -> Expr {
        return try parseChain(["+": .add, "-": .sub]) { (p: inout Parser) throws(CompileError) in try p.parseTerm() }
    }
    mutating func parseTerm() throws(CompileError) -> Expr {
        return try parseChain(["*": .mul, "@": .matmul, "/": .truediv, "%": .mod, "//": .floordiv]) {
            (p: inout Parser) throws(CompileError) in try p.parseFactor()
        }
    }

    mutating func parseFactor() throws(CompileError) -> Expr {
        if tok.kind == .op && (tok.text == "-" || tok.text == "+" || tok.text == "~") {
            let line = tok.line
            let op: UnaryOp = tok.text == "-" ? .neg : (tok.text == "+" ? .pos : .invert)
            next()
            try enter()
            defer { leave() }
            let e = try parseFactor()
            if let f = folder.foldUnary(op, e) { return f }
            return Expr(.unary(op, e), line: line)
        }
        return try parsePower()
    }

    mutating func parsePower() throws(CompileError) -> Expr {
        let line = tok.line
        let base = try parseAtomExpr()
        if acceptOp("**") {
            let exp = try parseFactor()
            if let f = folder.foldChain(base, [(.power, exp)]) { return f }
            return Expr(.binOp(base, .power, exp), line: line)
        }
        return base
    }

    mutating func parseAtomExpr() throws(CompileError) -> Expr {
        let line = tok.line
        if isKw("await") {
            next()
            try enter()
            defer { leave() }
            let e = try parseAtomExprNoAwait(line: line)
            return Expr(.await(e), line: line)
        }
        return try parseAtomExprNoAwait(line: line)
    }

    mutating func parseAtomExprNoAwait(line: Int) throws(CompileError) -> Expr {
        let atom = try parseAtom()
        var trailers: [Trailer] = []
        while true {
            let tl = tok.line
            if acceptOp("(") {
                trailers.append(.call(try parseArgList(close: ")"), line: tl))
            } else if acceptOp("[") {
                trailers.append(.index(try parseSubscriptList(), line: tl))
                try expectOp("]")
            } else if acceptOp(".") {
                trailers.append(.attr(try expectName(), line: tl))
            } else {
                break
            }
        }
        if trailers.isEmpty { return atom }
        // math.pi and friends are folded (MicroPython's module constants).
        if options.foldModuleConstants, trailers.count == 1, case .name(let m) = atom.kind,
           case .attr(let a, _) = trailers[0], let c = folder.moduleConst(m, a) {
            return c
        }
        return Expr(.postfix(atom, trailers), line: line)
    }

    mutating func parseSubscriptList() throws(CompileError) -> Expr {
        let line = tok.line
        let first = try parseSubscript()
        if !isOp(",") { return first }
        var items = [first]
        while acceptOp(",") {
            if isOp("]") { break }
            items.append(try parseSubscript())
        }
        return folder.tupleOrConst(items, line: line)
    }

    mutating func parseSubscript() throws(CompileError) -> Expr {
        let line = tok.line
        var lower: Expr? = nil
        if !isOp(":") {
            lower = try parseTest()
            if !isOp(":") { return lower! }
        }
        try expectOp(":")
        var upper: Expr? = nil
        if !isOp(":") && !isOp("]") && !isOp(",") { upper = try parseTest() }
        var step: Expr? = nil
        var hasStep = false
        if acceptOp(":") {
            hasStep = true
            if !isOp("]") && !isOp(",") { step = try parseTest() }
        }
        return Expr(.slice(lower, upper, step, hasStep: hasStep), line: line)
    }

    mutating func parseArgList(close: String) throws(CompileError) -> [Arg] {
        var args: [Arg] = []
        while !isOp(close) {
            if acceptOp("*") {
                args.append(.star(try parseTest()))
            } else if acceptOp("**") {
                args.append(.doubleStar(try parseTest()))
            } else {
                let argLine = tok.line
                let e = try parseTest()
                if isOp("=") {
                    next()
                    let v = try parseTest()
                    if case .name(let n) = e.kind {
                        args.append(.keyword(n, v, line: argLine))
                    } else {
                        args.append(.badKeyword(line: argLine))
                    }
                } else if isOp(":=") {
                    next()
                    let v = try parseTest()
                    guard case .name(let n) = e.kind else { throw error() }
                    args.append(.named(n, v))
                } else if isKw("for") || (isKw("async") && peek(1).isKw("for")) {
                    let gens = try parseCompFor()
                    let c = Comprehension(kind: .gen, elt: e, value: nil, generators: gens, line: argLine)
                    c.isBareArgument = true
                    args.append(.positional(Expr(.comp(c), line: argLine)))
                } else {
                    args.append(.positional(e))
                }
            }
            if !acceptOp(",") { break }
        }
        try expectOp(close)
        return args
    }

    mutating func parseCompFor() throws(CompileError) -> [CompFor] {
        var gens: [CompFor] = []
        while isKw("for") {
            let line = tok.line
            next()
            let target = try parseExprList()
            try expectKw("in")
            let iter = try parseOrTest()
            var ifs: [Expr] = []
            while isKw("if") {
                next()
                ifs.append(try parseTestNoCond())
            }
            gens.append(CompFor(target: target, iter: iter, ifs: ifs, line: line))
        }
        return gens
    }

    mutating func parseAtom() throws(CompileError) -> Expr {
        let t = tok
        let line = t.line
        switch t.kind {
        case .name:
            next()
            interned.insert(t.text)
            if let c = folder.consts[t.text] { return folder.copyConst(c, line: line) }
            return Expr(.name(t.text), line: line)
        case .integer:
            next()
            return try folder.parseInt(t.text, line: line)
        case .floatOrImag:
            next()
            return try folder.parseFloat(t.text, line: line)
        case .string:
            next()
            if t.bytes.count <= 10 || interned.contains(t.text) || staticQstrSet.contains(t.text) {
                interned.insert(t.text)
                return Expr(.str(t.text), line: line)
            }
            return Expr(.constObj(.str(t.text)), line: line)
        case .bytes:
            next()
            return Expr(.constObj(.bytes(t.bytes)), line: line)
        case .keyword:
            switch t.text {
            case "None": next(); return Expr(.none, line: line)
            case "True": next(); return Expr(.trueConst, line: line)
            case "False": next(); return Expr(.falseConst, line: line)
            default: throw error()
            }
        case .op:
            switch t.text {
            case "...": next(); return Expr(.ellipsis, line: line)
            case "(": return try parseParen()
            case "[": return try parseBracket()
            case "{": return try parseBrace()
            default: throw error()
            }
        default:
            throw error()
        }
    }

    mutating func parseParen() throws(CompileError) -> Expr {
        let line = tok.line
        next()
        try enter()
        defer { leave() }
        if acceptOp(")") { return Expr(.tuple([]), line: line) }
        if isKw("yield") {
            let y = try parseYield()
            try expectOp(")")
            return y
        }
        let elLine = tok.line
        let first = isOp("*") ? try parseStarExpr() : try parseNamedExprTest()
        if isKw("for") || (isKw("async") && peek(1).isKw("for")) {
            let gens = try parseCompFor()
            try expectOp(")")
            let c = Comprehension(kind: .gen, elt: first, value: nil, generators: gens, line: elLine)
            return Expr(.comp(c), line: line)
        }
        if acceptOp(")") { return first }
        var items = [first]
        var secondLine = elLine
        while acceptOp(",") {
            if isOp(")") { break }
            if items.count == 1 { secondLine = tok.line }
            items.append(isOp("*") ? try parseStarExpr() : try parseNamedExprTest())
        }
        try expectOp(")")
        // MicroPython records a folded (a, b, ...) at the line where its second item starts.
        let t = folder.tupleOrConst(items, line: line)
        if case .constObj = t.kind { t.line = secondLine }
        return t
    }

    mutating func parseBracket() throws(CompileError) -> Expr {
        let line = tok.line
        next()
        try enter()
        defer { leave() }
        if acceptOp("]") { return Expr(.list([]), line: line) }
        let elLine = tok.line
        let first = isOp("*") ? try parseStarExpr() : try parseNamedExprTest()
        if isKw("for") || (isKw("async") && peek(1).isKw("for")) {
            let gens = try parseCompFor()
            try expectOp("]")
            let c = Comprehension(kind: .list, elt: first, value: nil, generators: gens, line: elLine)
            return Expr(.comp(c), line: line)
        }
        var items = [first]
        while acceptOp(",") {
            if isOp("]") { break }
            items.append(isOp("*") ? try parseStarExpr() : try parseNamedExprTest())
        }
        try expectOp("]")
        return Expr(.list(items), line: line)
    }

    mutating func parseBrace() throws(CompileError) -> Expr {
        let line = tok.line
        next()
        try enter()
        defer { leave() }
        if acceptOp("}") { return Expr(.dict([]), line: line) }
        let elLine = tok.line
        if isOp("*") || isOp("**") { throw error() }
        let first = try parseTest()
        if acceptOp(":") {
            let v = try parseTest()
            if isKw("for") {
                let gens = try parseCompFor()
                try expectOp("}")
                let c = Comprehension(kind: .dict, elt: first, value: v, generators: gens, line: elLine)
                return Expr(.comp(c), line: line)
            }
            var items = [(first, v)]
            while acceptOp(",") {
                if isOp("}") { break }
                let k = try parseTest()
                if !acceptOp(":") {
                    throw CompileError(.syntaxError, "expecting key:value for dict", line: line)
                }
                items.append((k, try parseTest()))
            }
            try expectOp("}")
            return Expr(.dict(items), line: line)
        }
        if isKw("for") {
            let gens = try parseCompFor()
            try expectOp("}")
            let c = Comprehension(kind: .set, elt: first, value: nil, generators: gens, line: elLine)
            return Expr(.comp(c), line: line)
        }
        var items = [first]
        while acceptOp(",") {
            if isOp("}") { break }
            if isOp("*") { throw error() }
            let e = try parseTest()
            if isOp(":") { throw CompileError(.syntaxError, "expecting just a value for set", line: line) }
            items.append(e)
        }
        try expectOp("}")
        return Expr(.set(items), line: line)
    }
}
