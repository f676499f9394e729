/// Statement compilation.
extension CodeGen {
    func stmts(_ list: [Stmt]) throws(CompileError) {
        guard let v = e.viper else {
            for s in list { try stmt(s) }
            return
        }
        // Viper, as MicroPython: a block stops at the first statement with an error, whose
        // line (when the block has several statements) is the error's line.
        for s in list {
            try stmt(s)
            if v.error != nil || v.fatal != nil {
                if list.count > 1 && v.errorLine == nil { v.errorLine = s.line }
                return
            }
        }
    }

    func isLonelyConst(_ x: Expr) -> Bool {
        if case .name = x.kind { return false }
        if x.isLeaf { return true }
        if case .constObj = x.kind { return true }
        return false
    }

    func stmt(_ s: Stmt) throws(CompileError) {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw err("too complex", s.line) }
        let line = s.line
        switch s.kind {
        case .funcDef(let f):
            if f.decorators.isEmpty { e.setLine(line) }
            try funcDef(f, line: line)
            return
        case .classDef(let c):
            try classDef(c, line: line)
            return
        default:
            break
        }
        e.setLine(line)
        switch s.kind {
        case .expr(let x):
            if !keepsLonelyConstants && isLonelyConst(x) {
                break
            } else if isRepl && scope.kind == .module {
                try loadName("__repl_print__", line)
                try expr(x)
                e.opUInt(Op.callFunction, -1, 1)
                e.op(Op.popTop, -1)
            } else if !isLonelyConst(x) {
                try expr(x)
                e.op(Op.popTop, -1)
            }
        case .assign(let targets, let value):
            if targets.count == 1 {
                if case .tuple(let l) = targets[0].kind, case .tuple(let r) = value.kind,
                   l.count == r.count, l.count == 2 || (l.count == 3 && options.tripleTupleAssign),
                   !l.contains(where: { if case .star = $0.kind { return true }; return false }) {
                    try expr(r[0])
                    try expr(r[1])
                    if l.count == 3 {
                        try expr(r[2])
                        e.op(Op.rotThree, 0)
                    }
                    e.op(Op.rotTwo, 0)
                    for t in l { try assign(t) }
                    return
                }
                try expr(value)
                try assign(targets[0])
            } else {
                try expr(value)
                e.op(Op.dupTop, 1)
                try assign(targets[0])
                for i in 1..<targets.count {
                    if i + 1 < targets.count { e.op(Op.dupTop, 1) }
                    try assign(targets[i])
                }
            }
        case .augAssign(let target, let op, let value):
            try augAssign(target, op, value)
        case .annotation(let target):
            if scope.kind == .function, case .name(let n) = target.kind, pass == .scope {
                scope.findOrAdd(n, .local)
            }
        case .del(let targets):
            for t in targets { try delTarget(t) }
        case .pass:
            break
        case .breakStmt, .continueStmt:
            let isBreak: Bool
            if case .breakStmt = s.kind { isBreak = true } else { isBreak = false }
            let label = isBreak ? breakLabel : continueLabel
            if label < 0 { throw err("'break'/'continue' outside loop", line) }
            unwindJump(label, exceptLevel - breakContinueExceptLevel)
        case .returnStmt(let v):
            if scope.kind != .function { throw err("'return' outside function", line) }
            if let v = v {
                if options.returnIfExpr, case .ifExp(let test, let body, let orelse) = v.kind {
                    let fail = newLabel()
                    try condJump(test, false, fail)
                    try expr(body)
                    e.op(Op.returnValue, -1)
                    e.suppress = true
                    e.assignLabel(fail)
                    try expr(orelse)
                } else {
                    try expr(v)
                }
            } else {
                e.op(Op.loadConstNone, 1)
            }
            e.op(Op.returnValue, -1)
            e.suppress = true
        case .raise(let x, let cause):
            if scope.emitKind != EmitKind.bytecode && (x == nil || cause != nil) {
                throw CompileError(.notImplementedError, "native raise", line: line)
            }
            if let x = x {
                try expr(x)
                if let c = cause {
                    try expr(c)
                    e.op(Op.raiseFrom, -2)
                } else {
                    e.op(Op.raiseObj, -1)
                }
            } else {
                e.op(Op.raiseLast, 0)
            }
            e.suppress = true
        case .global(let names), .nonlocal(let names):
            var isGlobal = false
            if case .global = s.kind { isGlobal = true }
            if pass == .scope {
                if !isGlobal && scope.kind == .module { throw err("can't declare nonlocal in outer code", line) }
                for n in names {
                    let i = scope.findOrAdd(n, .undecided)
                    try declareGlobalOrNonlocal(i, isGlobal, line)
                }
            }
        case .assert(let test, let msg):
            if options.optimizationLevel != 0 { return }
            let end = newLabel()
            try condJump(test, true, end)
            e.opQstr(Op.loadGlobal, 1, "AssertionError")
            if let m = msg {
                try expr(m)
                e.opUInt(Op.callFunction, -1, 1)
            }
            e.op(Op.raiseObj, -1)
            e.suppress = true
            e.assignLabel(end)
        case .importName(let aliases):
            for a in aliases {
                e.loadSmallInt(0)
                e.op(Op.loadConstNone, 1)
                e.opQstr(Op.importName, -1, a.dotted.joined(separator: "."))
                if let asName = a.asName {
                    for attr in a.dotted.dropFirst() { e.opQstr(Op.loadAttr, 0, attr) }
                    try storeName(asName, line)
                } else {
                    try storeName(a.dotted[0], line)
                }
            }
        case .importFrom(let level, let module, let names):
            let modName = module?.joined(separator: ".") ?? ""
            if let names = names {
                e.loadSmallInt(level)
                for (n, _) in names { e.opQstr(Op.loadConstString, 1, n) }
                e.opUInt(Op.buildTuple, 1 - names.count, names.count)
                e.opQstr(Op.importName, -1, modName)
                for (n, a) in names {
                    e.opQstr(Op.importFrom, 1, n)
                    try storeName(a ?? n, line)
                }
                e.op(Op.popTop, -1)
            } else {
                if scope.kind != .module { throw err("import * not at module level", line) }
                e.loadSmallInt(level)
                e.opQstr(Op.loadConstString, 1, "*")
                e.opUInt(Op.buildTuple, 0, 1)
                e.opQstr(Op.importName, -1, modName)
                e.op(Op.importStar, -1)
            }
        case .ifStmt(let test, let body, let elifs, let orelse):
            try ifStmt(test, body, elifs, orelse)
        case .whileStmt(let test, let body, let orelse):
            let (ob, oc, ol) = (breakLabel, continueLabel, breakContinueExceptLevel)
            let brk = newLabel(), cont = newLabel()
            breakLabel = brk; continueLabel = cont; breakContinueExceptLevel = exceptLevel
            if folderTruth(test) != false {
                let top = newLabel()
                if folderTruth(test) != true { e.jump(cont) }
                e.assignLabel(top)
                try stmts(body)
                e.assignLabel(cont)
                try condJump(test, true, top)
            }
            breakLabel = ob; continueLabel = oc; breakContinueExceptLevel = ol
            if let o = orelse { try stmts(o) }
            e.assignLabel(brk)
        case .forStmt(let target, let iter, let body, let orelse, let isAsync):
            if isAsync {
                try asyncFor(target, iter, body, orelse, line)
            } else {
                try forStmt(target, iter, body, orelse)
            }
        case .tryStmt(let body, let handlers, let orelse, let fin):
            if let f = fin {
                try tryFinally(body, handlers, orelse, f)
            } else {
                try tryExcept(body, handlers, orelse)
            }
        case .with(let items, let body, let isAsync):
            if isAsync {
                if scope.flags & scopeFlagGenerator == 0 { throw err("async for/with outside async function", line) }
                try asyncWith(items[...], body)
            } else {
                try withStmt(items[...], body)
            }
        case .funcDef, .classDef:
            break
        }
    }

    func folderTruth(_ x: Expr) -> Bool? {
        return ConstFolder(allowComplex: true).constTruth(x)
    }

    func declareGlobalOrNonlocal(_ i: Int, _ isGlobal: Bool, _ line: Int) throws(CompileError) {
        if isGlobal {
            let k = scope.ids[i].kind
            if k != .undecided && k != .globalExplicit { throw err("identifier redefined as global", line) }
            scope.ids[i].kind = .globalExplicit
            if let (g, j) = scope.findGlobal(scope.ids[i].name) { g.ids[j].kind = .globalExplicit }
        } else {
            if scope.ids[i].kind == .undecided {
                scope.ids[i].kind = .globalImplicit
                scope.checkToCloseOver(i)
                if scope.ids[i].kind == .globalImplicit { throw err("no binding for nonlocal found", line) }
            } else if scope.ids[i].kind != .free {
                throw err("identifier redefined as nonlocal", line)
            }
        }
    }

    func unwindJump(_ label: Int, _ depth: Int) {
        let l = label & ~breakFromFor
        if depth == 0 {
            if label & breakFromFor != 0 {
                for _ in 0..<4 { e.raw(Op.popTop) }
            }
            e.opLabel(Op.jump, 0, l)
        } else {
            e.opLabel(Op.unwindJump, 0, l)
            e.raw(UInt8((label & breakFromFor != 0 ? 0x80 : 0) | depth))
        }
        e.suppress = true
    }

    func ifStmt(_ test: Expr, _ body: [Stmt], _ elifs: [(Expr, [Stmt])], _ orelse: [Stmt]?) throws(CompileError) {
        let end = newLabel()
        done: do {
            if folderTruth(test) != false {
                let fail = newLabel()
                try condJump(test, false, fail)
                try stmts(body)
                if folderTruth(test) == true { break done }
                if !(elifs.isEmpty && orelse == nil) { e.jump(end) }
                e.assignLabel(fail)
            }
            for (t, b) in elifs where folderTruth(t) != false {
                let fail = newLabel()
                try condJump(t, false, fail)
                try stmts(b)
                if folderTruth(t) == true { break done }
                e.jump(end)
                e.assignLabel(fail)
            }
            if let o = orelse { try stmts(o) }
        }
        e.assignLabel(end)
    }

    /// `for x in range(...)` compiled as a counter loop (mpy-cross does this).
    func rangeArgs(_ iter: Expr) -> (Expr, Expr, Expr)? {
        guard case .postfix(let base, let trailers) = iter.kind, case .name("range") = base.kind,
              trailers.count == 1, case .call(let args, _) = trailers[0] else { return nil }
        var plain: [Expr] = []
        for a in args {
            guard case .positional(let x) = a else { return nil }
            if case .comp(let c) = x.kind, c.isBareArgument { return nil }
            plain.append(x)
        }
        switch plain.count {
        case 1: return (Expr(.int(0), line: 0), plain[0], Expr(.int(1), line: 0))
        case 2: return (plain[0], plain[1], Expr(.int(1), line: 0))
        case 3:
            if case .int(let st) = plain[2].kind, st != 0, fitsSmallInt(st) { return (plain[0], plain[1], plain[2]) }
            return nil
        default: return nil
        }
    }

    func forStmt(_ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt]?) throws(CompileError) {
        let (ob, oc, ol) = (breakLabel, continueLabel, breakContinueExceptLevel)
        if case .name = target.kind, let (start, end, step) = rangeArgs(iter) {
            let brk = newLabel(), cont = newLabel()
            breakLabel = brk; continueLabel = cont; breakContinueExceptLevel = exceptLevel
            let top = newLabel(), entry = newLabel()
            var endOnStack = true
            if case .int(let v) = end.kind, fitsSmallInt(v) { endOnStack = false }
            if endOnStack { try expr(end) }
            try expr(start)
            e.jump(entry)
            e.assignLabel(top)
            e.op(Op.dupTop, 1)
            try assign(target)
            try stmts(body)
            e.assignLabel(cont)
            try expr(step)
            e.binary(Op.binInplaceAdd)
            e.assignLabel(entry)
            if endOnStack {
                e.op(Op.dupTopTwo, 2)
                e.op(Op.rotTwo, 0)
            } else {
                e.op(Op.dupTop, 1)
                try expr(end)
            }
            var stepv = 1
            if case .int(let v) = step.kind { stepv = v }
            e.binary(stepv >= 0 ? Op.binLess : Op.binMore)
            e.opLabel(Op.popJumpIfTrue, -1, top)
            breakLabel = ob; continueLabel = oc; breakContinueExceptLevel = ol
            var endLabel = 0
            if let o = orelse {
                e.op(Op.popTop, -1)
                if endOnStack { e.op(Op.popTop, -1) }
                try stmts(o)
                endLabel = newLabel()
                e.jump(endLabel)
                e.adjust(endOnStack ? 2 : 1)
            }
            e.assignLabel(brk)
            e.op(Op.popTop, -1)
            if endOnStack { e.op(Op.popTop, -1) }
            if orelse != nil { e.assignLabel(endLabel) }
            return
        }
        let brk = newLabel(), cont = newLabel()
        breakLabel = brk | breakFromFor; continueLabel = cont; breakContinueExceptLevel = exceptLevel
        let pop = newLabel()
        try expr(iter)
        e.op(Op.getIterStack, 3)
        e.assignLabel(cont)
        e.opLabel(Op.forIter, 1, pop)
        try assign(target)
        try stmts(body)
        e.jump(cont)
        e.assignLabel(pop)
        e.adjust(-4)
        breakLabel = ob; continueLabel = oc; breakContinueExceptLevel = ol
        if let o = orelse { try stmts(o) }
        e.assignLabel(brk)
    }

    func tryExcept(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]?) throws(CompileError) {
        let l1 = newLabel()
        let success = newLabel()
        increaseExceptLevel(l1, Op.setupExcept)
        try stmts(body)
        e.opLabel(Op.popExceptJump, 0, success)
        e.suppress = true
        e.assignLabel(l1)
        e.adjust(4)
        let l2 = newLabel()
        for (i, h) in handlers.enumerated() {
            let endFinally = newLabel()
            if let t = h.type {
                e.op(Op.dupTop, 1)
                try expr(t)
                e.binary(Op.binExceptionMatch)
                e.opLabel(Op.popJumpIfFalse, -1, endFinally)
            } else if i + 1 != handlers.count {
                throw err("default 'except' must be last", h.line)
            }
            if let n = h.name { try storeName(n, h.line) } else { e.op(Op.popTop, -1) }
            var l3 = 0
            if h.name != nil {
                l3 = newLabel()
                increaseExceptLevel(l3, Op.setupFinally)
            }
            try stmts(h.body)
            if let n = h.name {
                e.op(Op.loadConstNone, 1)
                e.assignLabel(l3)
                e.adjust(1)
                e.op(Op.loadConstNone, 1)
                try storeName(n, h.line)
                try deleteName(n, h.line)
                e.adjust(-1)
                decreaseExceptLevel()
            }
            e.opLabel(Op.popExceptJump, 0, l2)
            e.suppress = true
            e.assignLabel(endFinally)
            e.adjust(1)
        }
        decreaseExceptLevel()
        e.adjust(-3)
        e.assignLabel(success)
        if let o = orelse { try stmts(o) }
        e.assignLabel(l2)
    }

    func tryFinally(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]?, _ fin: [Stmt]) throws(CompileError) {
        let finLabel = newLabel()
        increaseExceptLevel(finLabel, Op.setupFinally)
        if handlers.isEmpty {
            e.adjust(3)
            try stmts(body)
            e.adjust(-3)
        } else {
            try tryExcept(body, handlers, orelse)
        }
        e.op(Op.loadConstNone, 1)
        e.assignLabel(finLabel)
        e.adjust(1)
        try stmts(fin)
        e.adjust(-1)
        decreaseExceptLevel()
    }

    func withStmt(_ items: ArraySlice<WithItem>, _ body: [Stmt]) throws(CompileError) {
        guard let item = items.first else {
            try stmts(body)
            return
        }
        let end = newLabel()
        try expr(item.expr)
        increaseExceptLevel(end, Op.setupWith)
        if let t = item.target { try assign(t) } else { e.op(Op.popTop, -1) }
        try withStmt(items.dropFirst(), body)
        e.op(Op.loadConstNone, 1)
        e.assignLabel(end)
        e.op(Op.withCleanup, 2)
        e.adjust(-4)
        decreaseExceptLevel()
    }

    func awaitMethod(_ name: String) {
        e.opQstr(Op.loadMethod, 1, name)
        e.opUInt(Op.callMethod, -1, 0)
        yieldFrom()
    }

    func yieldFrom() {
        e.op(Op.getIter, 0)
        e.op(Op.loadConstNone, 1)
        e.op(Op.yieldFrom, -1)
        scope.flags |= scopeFlagGenerator
    }

    func asyncFor(_ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt]?, _ line: Int) throws(CompileError) {
        if scope.flags & scopeFlagGenerator == 0 { throw err("async for/with outside async function", line) }
        let whileElse = newLabel(), tryExc = newLabel(), tryElse = newLabel(), tryFin = newLabel()
        try expr(iter)
        e.opQstr(Op.loadMethod, 1, "__aiter__")
        e.opUInt(Op.callMethod, -1, 0)
        let (ob, oc, ol) = (breakLabel, continueLabel, breakContinueExceptLevel)
        let brk = newLabel(), cont = newLabel()
        breakLabel = brk; continueLabel = cont; breakContinueExceptLevel = exceptLevel
        e.assignLabel(cont)
        increaseExceptLevel(tryExc, Op.setupExcept)
        e.op(Op.dupTop, 1)
        awaitMethod("__anext__")
        try assign(target)
        e.opLabel(Op.popExceptJump, 0, tryElse)
        e.suppress = true
        e.assignLabel(tryExc)
        e.adjust(4)
        e.op(Op.dupTop, 1)
        e.opQstr(Op.loadGlobal, 1, "StopAsyncIteration")
        e.binary(Op.binExceptionMatch)
        e.opLabel(Op.popJumpIfFalse, -1, tryFin)
        e.op(Op.popTop, -1)
        e.opLabel(Op.popExceptJump, 0, whileElse)
        e.suppress = true
        e.assignLabel(tryFin)
        e.adjust(1)
        decreaseExceptLevel()
        e.adjust(-3)
        e.assignLabel(tryElse)
        try stmts(body)
        e.jump(cont)
        breakLabel = ob; continueLabel = oc; breakContinueExceptLevel = ol
        e.assignLabel(whileElse)
        if let o = orelse { try stmts(o) }
        e.assignLabel(brk)
        e.op(Op.popTop, -1)
    }

    func asyncWith(_ items: ArraySlice<WithItem>, _ body: [Stmt]) throws(CompileError) {
        guard let item = items.first else {
            try stmts(body)
            return
        }
        let finBlock = newLabel(), aexitNoExc = newLabel(), retUnwind = newLabel(), end = newLabel()
        try expr(item.expr)
        e.op(Op.dupTop, 1)
        awaitMethod("__aenter__")
        if let t = item.target { try assign(t) } else { e.op(Op.popTop, -1) }
        increaseExceptLevel(finBlock, Op.setupFinally)
        e.adjust(3)
        try asyncWith(items.dropFirst(), body)
        e.adjust(-3)
        e.op(Op.loadConstNone, 1)
        e.op(Op.rotTwo, 0)
        e.jump(aexitNoExc)
        e.assignLabel(finBlock)
        e.op(Op.dupTop, 1)
        e.opQstr(Op.loadGlobal, 1, "BaseException")
        e.binary(Op.binExceptionMatch)
        e.opLabel(Op.popJumpIfFalse, -1, retUnwind)
        e.op(Op.dupTop, 1)
        e.op(Op.rotThree, 0)
        e.op(Op.rotTwo, 0)
        e.opQstr(Op.loadMethod, 1, "__aexit__")
        e.op(Op.rotThree, 0)
        e.op(Op.rotThree, 0)
        e.op(Op.dupTop, 1)
        e.opQstr(Op.loadAttr, 0, "__class__")
        e.op(Op.rotTwo, 0)
        e.op(Op.loadConstNone, 1)
        e.opUInt(Op.callMethod, -4, 3)
        yieldFrom()
        e.opLabel(Op.popJumpIfFalse, -1, end)
        e.op(Op.popTop, -1)
        e.op(Op.loadConstNone, 1)
        e.jump(end)
        e.adjust(2)
        e.assignLabel(retUnwind)
        e.op(Op.rotThree, 0)
        e.op(Op.rotThree, 0)
        e.assignLabel(aexitNoExc)
        e.opQstr(Op.loadMethod, 1, "__aexit__")
        e.op(Op.loadConstNone, 1)
        e.op(Op.dupTop, 1)
        e.op(Op.dupTop, 1)
        e.opUInt(Op.callMethod, -4, 3)
        yieldFrom()
        e.op(Op.popTop, -1)
        e.adjust(-1)
        e.assignLabel(end)
        decreaseExceptLevel()
    }
}
