/// Scopes and identifier classification (module, class, function, lambda, comprehensions),
/// following MicroPython's rules so local numbering and cell/free decisions match mpy-cross.
enum ScopeKind { case module, classScope, function, lambda, listComp, dictComp, setComp, genExpr }

enum IdKind { case undecided, globalImplicit, globalImplicitAssigned, globalExplicit, local, cell, free }

struct IdInfo {
    var name: String
    var kind: IdKind
    var isParam = false
    var isStarParam = false
    var isDblStarParam = false
    var localNum = 0
}

let scopeFlagGenerator = 0x01
let scopeFlagVarKeywords = 0x02
let scopeFlagVarArgs = 0x04
let scopeFlagDefKwArgs = 0x08

final class Scope {
    let kind: ScopeKind
    weak var parent: Scope?
    var simpleName: String
    var ids: [IdInfo] = []
    var flags = 0
    var numPosArgs = 0
    var numKwOnlyArgs = 0
    var numDefPosArgs = 0
    var numLocals = 0
    var stackSize = 0
    var excStackSize = 0
    /// What this scope compiles: exactly one is set. The syntax tree owns its nodes and each
    /// node its scope, so these point back weakly (a strong cycle leaked every nested scope).
    weak var funcDef: FunctionDef?
    weak var lambda: Lambda?
    weak var comp: Comprehension?
    weak var classDef: ClassDef?
    var moduleBody: [Stmt] = []
    var evalExpr: Expr?
    // Emitter state carried between passes.
    var labelOffsets: [Int] = []
    var nInfo = 0
    var nCell = 0
    var codeInfoSize = 0
    var bytecodeSize = 0
    var children: [Scope] = []
    var data: [UInt8] = []
    /// `EmitKind` of a function decorated `@micropython.native` / `@micropython.viper`.
    var emitKind: UInt8 = 0
    /// Viper annotations: parameter types by name, and the return type.
    var viperParams: [String: ViperType] = [:]
    var viperReturn: ViperType = .object

    init(kind: ScopeKind, parent: Scope?, name: String) {
        self.kind = kind
        self.parent = parent
        self.simpleName = name
    }

    var isFuncLike: Bool { return kind == .function || kind == .lambda || isCompLike }
    var isCompLike: Bool { return kind == .listComp || kind == .dictComp || kind == .setComp || kind == .genExpr }

    func find(_ name: String) -> Int? {
        for i in 0..<ids.count where ids[i].name == name { return i }
        return nil
    }

    @discardableResult
    func findOrAdd(_ name: String, _ kind: IdKind) -> Int {
        if let i = find(name) { return i }
        ids.append(IdInfo(name: name, kind: kind))
        return ids.count - 1
    }

    func findGlobal(_ name: String) -> (Scope, Int)? {
        var s = self
        while let p = s.parent { s = p }
        if let i = s.find(name) { return (s, i) }
        return nil
    }

    /// Called for a name being loaded.
    func idForLoad(_ name: String) { findOrAdd(name, .globalImplicit) }

    /// Called for a name being stored or deleted.
    @discardableResult
    func idForModification(_ name: String) -> Int {
        let i = findOrAdd(name, .globalImplicit)
        if ids[i].kind == .globalImplicit {
            ids[i].kind = isFuncLike ? .local : .globalImplicitAssigned
        }
        return i
    }

    private func closeOverInParents(_ name: String) {
        var s = parent
        while let sc = s {
            let i = sc.findOrAdd(name, .undecided)
            if sc.ids[i].kind == .undecided {
                sc.ids[i].kind = .free
            } else {
                if sc.ids[i].kind == .local { sc.ids[i].kind = .cell }
                return
            }
            s = sc.parent
        }
    }

    func checkToCloseOver(_ idx: Int) {
        var s = parent
        while let sc = s, sc.parent != nil {
            if let j = sc.find(ids[idx].name) {
                let k = sc.ids[j].kind
                if k == .local || k == .cell || k == .free {
                    ids[idx].kind = .free
                    closeOverInParents(ids[idx].name)
                }
                return
            }
            s = sc.parent
        }
    }

    /// Numbers the locals once all identifiers are known (MicroPython's scope_compute_things).
    func computeThings() {
        if flags & scopeFlagVarArgs != 0 {
            // the *args parameter goes after all other parameters (except **kwargs)
            var paramIdx: Int? = nil
            var i = ids.count - 1
            while i >= 0 {
                if ids[i].isStarParam {
                    if let p = paramIdx { ids.swapAt(p, i) }
                    break
                } else if paramIdx == nil && ids[i].isParam && !ids[i].isStarParam && !ids[i].isDblStarParam {
                    paramIdx = i
                }
                i -= 1
            }
        }
        numLocals = 0
        for i in 0..<ids.count {
            if kind == .classScope && ids[i].name == "__class__" { continue }
            if isFuncLike && ids[i].kind == .globalImplicit { ids[i].kind = .globalExplicit }
            if ids[i].kind == .local || ids[i].isParam {
                ids[i].localNum = numLocals
                numLocals += 1
            }
        }
        for i in 0..<ids.count where ids[i].kind == .cell && !ids[i].isParam {
            ids[i].localNum = numLocals
            numLocals += 1
        }
        if let p = parent {
            var numFree = 0
            for pid in p.ids where pid.kind == .cell || pid.kind == .free {
                for j in 0..<ids.count where ids[j].kind == .free && ids[j].name == pid.name {
                    ids[j].localNum = numFree
                    numFree += 1
                }
            }
            if numFree > 0 {
                for i in 0..<ids.count where ids[i].kind != .free || ids[i].isParam {
                    ids[i].localNum += numFree
                }
                numPosArgs += numFree
                numLocals += numFree
            }
        }
    }
}
