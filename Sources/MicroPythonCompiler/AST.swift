/// The syntax tree. Its shape follows what MicroPython's parser keeps after its own
/// simplifications (constant folding, const tuples, parenthesis removal), because those
/// decide which bytecode is emitted. `line` is the line MicroPython would record for the
/// node; `isLeaf` nodes never move the line-number table (MicroPython's leaf parse nodes).
final class Expr {
    var kind: ExprKind
    var line: Int
    init(_ kind: ExprKind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// Leaves are names, small ints, interned strings and keyword constants.
    var isLeaf: Bool {
        switch kind {
        case .name, .str, .none, .trueConst, .falseConst, .ellipsis: return true
        case .int(let v): return fitsSmallInt(v)
        default: return false
        }
    }
}

func fitsSmallInt(_ v: Int) -> Bool { return v >= -(1 << 30) && v < (1 << 30) }

enum Trailer {
    case call([Arg], line: Int)
    case attr(String, line: Int)
    case index(Expr, line: Int)
}

enum Arg {
    case positional(Expr)
    case star(Expr)
    case keyword(String, Expr, line: Int)
    case doubleStar(Expr)
    case named(String, Expr)  // f(x := 1)
    case badKeyword(line: Int)  // f(a.b=1): "LHS of keyword arg must be an id"
}

enum CompKind { case list, dict, set, gen }

struct CompFor {
    var target: Expr
    var iter: Expr
    var ifs: [Expr]
    var line: Int
}

final class Comprehension {
    var kind: CompKind
    var elt: Expr  // for dict: key
    var value: Expr?  // for dict: value
    var generators: [CompFor]
    var line: Int
    var scope: Scope?
    /// A generator expression written directly as a call argument, `f(x for x in y)`.
    var isBareArgument = false
    init(kind: CompKind, elt: Expr, value: Expr?, generators: [CompFor], line: Int) {
        self.kind = kind; self.elt = elt; self.value = value; self.generators = generators; self.line = line
    }
}

struct Param {
    enum Kind { case normal, star, doubleStar }
    var name: String?  // nil for a bare `*`
    var kind: Kind
    var defaultValue: Expr?
    var line: Int
    /// The annotation (`x: int`); only viper functions read it.
    var annotation: Expr? = nil
}

final class FunctionDef {
    var name: String
    var params: [Param]
    var body: [Stmt]
    var decorators: [Decorator]
    var isAsync: Bool
    var line: Int
    var scope: Scope?
    /// The return annotation (`-> int`); only viper functions read it.
    var returnAnnotation: Expr? = nil
    /// The line of `def` itself (after any decorators).
    var defLine = 0
    init(name: String, params: [Param], body: [Stmt], decorators: [Decorator], isAsync: Bool, line: Int) {
        self.name = name; self.params = params; self.body = body; self.decorators = decorators
        self.isAsync = isAsync; self.line = line
    }
}

final class Lambda {
    var params: [Param]
    var body: Expr
    var line: Int
    var scope: Scope?
    init(params: [Param], body: Expr, line: Int) { self.params = params; self.body = body; self.line = line }
}

struct Decorator {
    var dotted: [String]
    var args: [Arg]?
    var argsLine: Int
    var line: Int
}

final class ClassDef {
    var name: String
    var bases: [Arg]?  // nil: no parentheses
    var basesLine: Int
    var body: [Stmt]
    var decorators: [Decorator]
    var line: Int
    var scope: Scope?
    init(name: String, bases: [Arg]?, basesLine: Int, body: [Stmt], decorators: [Decorator], line: Int) {
        self.name = name; self.bases = bases; self.basesLine = basesLine; self.body = body
        self.decorators = decorators; self.line = line
    }
}

indirect enum ExprKind {
    case name(String)
    case int(Int)
    case constObj(Constant)  // MicroPython's const_object parse node
    case str(String)  // interned (qstr) string
    case none, trueConst, falseConst, ellipsis
    case tuple([Expr])  // parenthesised or bare tuple display
    case list([Expr])
    case set([Expr])
    case dict([(Expr, Expr)])
    case binOp(Expr, BinOp, Expr)
    case unary(UnaryOp, Expr)
    case not(Expr)
    case boolOp(isOr: Bool, [Expr])
    case compare(Expr, [(CmpOp, Expr)])
    case ifExp(test: Expr, body: Expr, orelse: Expr)
    case lambda(Lambda)
    case postfix(Expr, [Trailer])
    case slice(Expr?, Expr?, Expr?, hasStep: Bool)
    case star(Expr)
    case yield(Expr?)
    case yieldFrom(Expr)
    case await(Expr)
    case comp(Comprehension)
    case named(Expr, Expr)
}

/// Binary operator numbers as the bytecode uses them (opcode 0xD7 + n).
enum BinOp: Int {
    case or = 22, xor, and, lshift, rshift, add, sub, mul, matmul, floordiv, truediv, mod, power
    var inplace: Int { return rawValue - 13 }
}

enum UnaryOp: Int { case pos = 0, neg, invert }

enum CmpOp { case lt, gt, eq, le, ge, ne, `in`, notIn, `is`, isNot }

struct ExceptHandler {
    var type: Expr?
    var name: String?
    var body: [Stmt]
    var line: Int
}

struct WithItem {
    var expr: Expr
    var target: Expr?
}

struct ImportAlias {
    var dotted: [String]
    var asName: String?
}

final class Stmt {
    var kind: StmtKind
    var line: Int
    init(_ kind: StmtKind, line: Int) { self.kind = kind; self.line = line }
}

indirect enum StmtKind {
    case expr(Expr)
    case assign([Expr], Expr)
    case augAssign(Expr, BinOp, Expr)
    case annotation(Expr)  // `x: int` without value
    case del([Expr])
    case pass
    case breakStmt
    case continueStmt
    case returnStmt(Expr?)
    case raise(Expr?, Expr?)
    case global([String])
    case nonlocal([String])
    case assert(Expr, Expr?)
    case importName([ImportAlias])
    case importFrom(level: Int, module: [String]?, names: [(String, String?)]?)  // nil names: *
    case ifStmt(Expr, [Stmt], elifs: [(Expr, [Stmt])], orelse: [Stmt]?)
    case whileStmt(Expr, [Stmt], [Stmt]?)
    case forStmt(Expr, Expr, [Stmt], [Stmt]?, isAsync: Bool)
    case tryStmt([Stmt], [ExceptHandler], orelse: [Stmt]?, finally: [Stmt]?)
    case with([WithItem], [Stmt], isAsync: Bool)
    case funcDef(FunctionDef)
    case classDef(ClassDef)
}
