/// A code state ("frame"): the words a running bytecode function needs, laid out identically on
/// the value stack (ordinary calls) and inside generator objects (which outlive their call):
///
///     0 function object         3 active exception records (count)
///     1 ip (offset from the     4 generator: pending status / self-reference
///       first opcode)           5 reserved
///     2 sp (index into state; -1 = empty)
///     6...                      state: n_state value slots. Local i lives in
///                               state[n_state-1-i]; the operand stack grows up from state[0]
///     6+n_state...              exception records, 3 words each:
///                               handler offset, saved sp index | finally flag << 31, prev exception
public enum Frame {
    public static let headerWords = 6
    public static let recordWords = 3

    @inline(__always) public static func words(nState: Int, nExc: Int) -> Int {
        headerWords + nState + recordWords * nExc
    }
}

extension VM {
    /// A soft reset: no frames, no pending interrupt or scheduled work, no reset under way.
    static func resetSession() {
        depth = 0
        yielded = false
        pendingInterrupt = false
        pendingHook = false
        abandoning = false
        stackUsed = 0
    }
}
