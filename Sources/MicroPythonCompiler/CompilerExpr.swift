/// Expression compilation, assignment targets and calls.
extension CodeGen {
    func expr(_ x: Expr) throws(CompileError) {
        depth += 1
        defer { depth -= 1 }
        if depth > 400 { throw err("too complex", x.line) }
        if !x.isLeaf { e.setLine(x.line) }
        switch x.kind {
        case .name(let n): try loadName(n, x.line)
        case .int(let v):
            if fitsSmallInt(v) { e.loadSmallInt(v) } else { e.loadConstObj(.int(String(v))) }
        case .constObj(let c): e.loadConstObj(c, node: x)
        case .str(let s): e.opQstr(Op.loadConstString, 1, s)
        case .none: e.op(Op.loadConstNone, 1)
        case .trueConst: e.op(Op.loadConstTrue, 1)
        case .falseConst: e.op(Op.loadConstFalse, 1)
        case .ellipsis: e.loadConstObj(.ellipsis)
        case .tuple(let items):
            for i in items { try expr(i) }
            e.opUInt(Op.buildTuple, 1 - items.count, items.count)
        case .list(let items):
            for i in items { try expr(i) }
            e.opUInt(Op.buildList, 1 - items.count, items.count)
        case .set(let items):
            for i in items { try expr(i) }
            e.opUInt(Op.buildSet, 1 - items.count, items.count)
        case .dict(let items):
            e.opUInt(Op.buildMap, 1, items.count)
            for (k, v) in items {
                e.setLine(k.line)
                try expr(v)
                try expr(k)
                e.op(Op.storeMap, -2)
            }
        case .binOp:
            // Walk the left spine iteratively so long chains don't recurse deeply.
            var spine: [(BinOp, Expr)] = []
            var cur = x
            while case .binOp(let l, let op, let r) = cur.kind {
                spine.append((op, r))
                cur = l
            }
            try expr(cur)
            for (op, r) in spine.reversed() {
                try expr(r)
                e.binary(op.rawValue)
            }
        case .unary(let op, let v):
            try expr(v)
            e.unary(op.rawValue)
        case .not(let v):
            try expr(v)
            e.unary(Op.unaryNot)
        case .boolOp(let isOr, let items):
            let end = newLabel()
            for (i, v) in items.enumerated() {
                try expr(v)
                if i + 1 < items.count {
                    e.opLabel(isOr ? Op.jumpIfTrueOrPop : Op.jumpIfFalseOrPop, -1, end)
                }
            }
            e.assignLabel(end)
        case .compare(let first, let ops):
            try expr(first)
            let multi = ops.count > 1
            let fail = multi ? newLabel() : 0
            for (i, (op, v)) in ops.enumerated() {
                try expr(v)
                let last = i + 1 == ops.count
                if !last {
                    e.op(Op.dupTop, 1)
                    e.op(Op.rotThree, 0)
                }
                switch op {
                case .lt: e.binary(Op.binLess)
                case .gt: e.binary(Op.binMore)
                case .eq: e.binary(Op.binEqual)
                case .le: e.binary(Op.binLessEqual)
                case .ge: e.binary(Op.binMoreEqual)
                case .ne: e.binary(Op.binNotEqual)
                case .in: e.binary(Op.binIn)
                case .notIn: e.binary(Op.binIn); e.unary(Op.unaryNot)
                case .is: e.binary(Op.binIs)
                case .isNot: e.binary(Op.binIs); e.unary(Op.unaryNot)
                }
                if !last { e.opLabel(Op.jumpIfFalseOrPop, -1, fail) }
            }
            if multi {
                let end = newLabel()
                e.jump(end)
                e.assignLabel(fail)
                e.adjust(1)
                e.op(Op.rotTwo, 0)
                e.op(Op.popTop, -1)
                e.assignLabel(end)
            }
        case .ifExp(let test, let body, let orelse):
            let fail = newLabel(), end = newLabel()
            try condJump(test, false, fail)
            try expr(body)
            e.jump(end)
            e.assignLabel(fail)
            e.adjust(-1)
            try expr(orelse)
            e.assignLabel(end)
        case .lambda(let l):
            if pass == .scope {
                let s = newScope(.lambda, name: "<lambda>")
                s.lambda = l
                l.scope = s
            }
            try funcDefaults(l.scope!, l.params)
        case .postfix(let base, let trailers):
            try postfix(base, trailers)
        case .slice:
            throw err("invalid syntax", x.line)
        case .star:
            throw err("*x must be assignment target", x.line)
        case .yield(let v):
            if scope.kind != .function && scope.kind != .lambda { throw err("'yield' outside function", x.line) }
            if let v = v { try expr(v) } else { e.op(Op.loadConstNone, 1) }
            e.op(Op.yieldValue, 0)
            scope.flags |= scopeFlagGenerator
        case .yieldFrom(let v):
            if scope.kind != .function && scope.kind != .lambda { throw err("'yield' outside function", x.line) }
            try expr(v)
            yieldFrom()
        case .await(let v):
            if scope.kind != .function && scope.kind != .lambda { throw err("'await' outside function", x.line) }
            try expr(v)
            yieldFrom()
        case .comp(let c):
            try comprehension(c)
        case .named(let target, let value):
            try namedExpr(target, value, x.line)
        }
    }

    func namedExpr(_ target: Expr, _ value: Expr, _ line: Int) throws(CompileError) {
        guard case .name(let n) = target.kind else { throw err("can't assign to expression", line) }
        try expr(value)
        e.op(Op.dupTop, 1)
        if pass == .scope && scope.isCompLike, let parent = scope.parent {
            let pi = parent.idForModification(n)
            if parent.ids[pi].kind == .globalExplicit {
                scope.findOrAdd(n, .globalExplicit)
            } else {
                let i = scope.findOrAdd(n, .undecided)
                let isGlobal = parent.parent == nil
                if !isGlobal && scope.ids[i].kind == .globalImplicit { scope.ids[i].kind = .undecided }
                try declareGlobalOrNonlocal(i, isGlobal, line)
            }
        }
        try storeName(n, line)
    }

    /// Compiles an index expression (subscript trailer), including slices.
    func subscriptIndex(_ x: Expr) throws(CompileError) {
        if case .slice(let lo, let hi, let step, let hasStep) = x.kind {
            e.setLine(x.line)
            if let lo = lo { try expr(lo) } else { e.op(Op.loadConstNone, 1) }
            if let hi = hi { try expr(hi) } else { e.op(Op.loadConstNone, 1) }
            if hasStep, let st = step {
                try expr(st)
                e.opUInt(Op.buildSlice, -2, 3)
            } else {
                e.opUInt(Op.buildSlice, -1, 2)
            }
        } else if case .tuple(let items) = x.kind {
            e.setLine(x.line)
            for i in items { try subscriptIndex(i) }
            e.opUInt(Op.buildTuple, 1 - items.count, items.count)
        } else {
            try expr(x)
        }
    }

    func postfix(_ base: Expr, _ trailers: [Trailer]) throws(CompileError) {
        try expr(base)
        var i = 0
        if scope.kind == .function, case .name("super") = base.kind, case .call(let args, let cl) = trailers[0], args.isEmpty {
            try loadName("__class__", cl)
            guard let first = scope.ids.first(where: { $0.isParam }) else {
                throw err("super() can't find self", cl)
            }
            try loadName(first.name, cl)
            if trailers.count >= 3, case .attr(let m, _) = trailers[1], case .call(let margs, let ml) = trailers[2] {
                e.opQstr(Op.loadSuperMethod, -1, m)
                try callArgs(margs, isMethod: true, extraPositional: 0, line: ml)
                i = 3
            } else {
                e.opUInt(Op.callFunction, -2, 2)
                i = 1
            }
        }
        while i < trailers.count {
            if i + 1 < trailers.count, case .attr(let m, _) = trailers[i], case .call(let args, let cl) = trailers[i + 1] {
                e.opQstr(Op.loadMethod, 1, m)
                try callArgs(args, isMethod: true, extraPositional: 0, line: cl)
                i += 2
                continue
            }
            try trailer(trailers[i])
            i += 1
        }
    }

    func trailer(_ t: Trailer) throws(CompileError) {
        switch t {
        case .call(let args, let line):
            e.setLine(line)
            try callArgs(args, isMethod: false, extraPositional: 0, line: line)
        case .attr(let name, let line):
            e.setLine(line)
            e.opQstr(Op.loadAttr, 0, name)
        case .index(let idx, let line):
            e.setLine(line)
            try subscriptIndex(idx)
            e.op(Op.loadSubscr, -1)
        }
    }

    func callArgs(_ args: [Arg], isMethod: Bool, extraPositional: Int, line: Int) throws(CompileError) {
        var nPos = extraPositional
        var nKw = 0
        var starFlags = 0
        var starArgs = 0
        for (i, a) in args.enumerated() {
            switch a {
            case .star(let v):
                if starFlags & 2 != 0 { throw err("* arg after **", line) }
                if nKw > 0 { throw err("* arg after kwarg", line) }
                if i >= 30 { throw err("too many args", line) }
                starFlags |= 1
                starArgs |= 1 << i
                try expr(v)
                nPos += 1
            case .doubleStar(let v):
                starFlags |= 2
                e.op(Op.loadNull, 1)
                try expr(v)
                nKw += 1
            case .keyword(let k, let v, _):
                e.opQstr(Op.loadConstString, 1, k)
                try expr(v)
                nKw += 1
            case .badKeyword(let l):
                throw err("LHS of keyword arg must be an id", l)
            case .named(let n, let v):
                try namedExpr(Expr(.name(n), line: line), v, line)
                nPos += 1
            case .positional(let v):
                if starFlags & 2 != 0 { throw err("positional arg after **", v.line) }
                if nKw > 0 { throw err("positional arg after keyword arg", v.line) }
                if case .comp(let c) = v.kind, c.isBareArgument {
                    // compiled without a line-table entry of its own, as in mpy-cross
                    try comprehension(c)
                } else {
                    try expr(v)
                }
                nPos += 1
            }
        }
        if starFlags != 0 { e.loadSmallInt(starArgs) }
        let base = isMethod ? Op.callMethod : Op.callFunction
        var delta = isMethod ? -1 : 0
        delta -= nPos + 2 * nKw
        if starFlags != 0 {
            e.opUInt(base + 1, delta - 1, (nKw << 8) | nPos)
        } else {
            e.opUInt(base, delta, (nKw << 8) | nPos)
        }
    }

    /// Conditional jump with the short-circuit structure MicroPython uses (c_if_cond).
    func condJump(_ x: Expr, _ jumpIf: Bool, _ label: Int) throws(CompileError) {
        if let t = folderTruth(x) {
            if t == jumpIf { e.jump(label) }
            return
        }
        switch x.kind {
        case .boolOp(let isOr, let items):
            if isOr != jumpIf {
                let l2 = newLabel()
                for v in items.dropLast() { try condJump(v, !jumpIf, l2) }
                try condJump(items.last!, jumpIf, label)
                e.assignLabel(l2)
            } else {
                for v in items { try condJump(v, jumpIf, label) }
            }
            if !x.isLeaf { }
            return
        case .not(let v):
            try condJump(v, !jumpIf, label)
            return
        default:
            break
        }
        try expr(x)
        e.opLabel(jumpIf ? Op.popJumpIfTrue : Op.popJumpIfFalse, -1, label)
    }

    // MARK: - assignment

    func assign(_ t: Expr) throws(CompileError) {
        switch t.kind {
        case .name(let n):
            try storeName(n, t.line)
        case .postfix(let base, let trailers):
            try expr(base)
            for tr in trailers.dropLast() { try trailer(tr) }
            switch trailers.last! {
            case .index(let idx, _):
                try subscriptIndex(idx)
                e.op(Op.storeSubscr, -3)
            case .attr(let n, _):
                e.opQstr(Op.storeAttr, -2, n)
            default:
                throw err("can't assign to expression", t.line)
            }
        case .tuple(let items), .list(let items):
            if case .tuple = t.kind, items.isEmpty, t.line >= 0 { throw err("can't assign to expression", t.line) }
            try assignTuple(items)
        default:
            throw err("can't assign to expression", t.line)
        }
    }

    func assignTuple(_ items: [Expr]) throws(CompileError) {
        var starIndex = -1
        for (i, it) in items.enumerated() {
            if case .star = it.kind {
                if starIndex >= 0 { throw err("multiple *x in assignment", it.line) }
                e.opUInt(Op.unpackEx, i + (items.count - i - 1), i | ((items.count - i - 1) << 8))
                starIndex = i
            }
        }
        if starIndex < 0 { e.opUInt(Op.unpackSequence, items.count - 1, items.count) }
        for (i, it) in items.enumerated() {
            if i == starIndex, case .star(let inner) = it.kind { try assign(inner) } else { try assign(it) }
        }
    }

    func augAssign(_ t: Expr, _ op: BinOp, _ value: Expr) throws(CompileError) {
        switch t.kind {
        case .name(let n):
            try loadName(n, t.line)
            try expr(value)
            e.binary(op.inplace)
            try storeName(n, t.line)
        case .postfix(let base, let trailers):
            try expr(base)
            for tr in trailers.dropLast() { try trailer(tr) }
            switch trailers.last! {
            case .index(let idx, _):
                try subscriptIndex(idx)
                e.op(Op.dupTopTwo, 2)
                e.op(Op.loadSubscr, -1)
                try expr(value)
                e.binary(op.inplace)
                e.op(Op.rotThree, 0)
                e.op(Op.storeSubscr, -3)
            case .attr(let n, _):
                e.op(Op.dupTop, 1)
                e.opQstr(Op.loadAttr, 0, n)
                try expr(value)
                e.binary(op.inplace)
                e.op(Op.rotTwo, 0)
                e.opQstr(Op.storeAttr, -2, n)
            default:
                throw err("can't assign to expression", t.line)
            }
        default:
            throw err("can't assign to expression", t.line)
        }
    }

    func delTarget(_ t: Expr) throws(CompileError) {
        switch t.kind {
        case .name(let n):
            try deleteName(n, t.line)
        case .postfix(let base, let trailers):
            try expr(base)
            for tr in trailers.dropLast() { try trailer(tr) }
            switch trailers.last! {
            case .index(let idx, _):
                try subscriptIndex(idx)
                e.op(Op.loadNull, 1)
                e.op(Op.rotThree, 0)
                e.op(Op.storeSubscr, -3)
            case .attr(let n, _):
                e.op(Op.loadNull, 1)
                e.op(Op.rotTwo, 0)
                e.opQstr(Op.storeAttr, -2, n)
            default:
                throw err("can't delete expression", t.line)
            }
        case .tuple(let items) where !items.isEmpty:
            for i in items { try delTarget(i) }
        case .list(let items) where !items.isEmpty:
            for i in items { try delTarget(i) }
        default:
            throw err("can't delete expression", t.line)
        }
    }
}
