import XCTest
@testable import MicroPython
#if canImport(Glibc)
import Glibc
#endif

/// The soft reset (MicroPython's gc_sweep_all + mp_deinit + mp_init) in one process: a reset
/// leaves the runtime exactly as the previous reset did, runs finalisers, and leaks nothing.
final class SoftResetTests: XCTestCase {
    /// A program that imports built-in modules and one from a file, leaves a file open,
    /// adds new names (dynamic qstrs), schedules a callback and raises.
    static let program = """
    import json, collections, vfs, micropython, sys
    sys.path.append('/')
    class RAMDisk:
        def __init__(self, n):
            self.data = bytearray(n * 512)
        def readblocks(self, block, buf, off=0):
            o = block * 512 + off
            buf[:] = self.data[o:o + len(buf)]
        def writeblocks(self, block, buf, off=None):
            if off is None:
                off = 0
            o = block * 512 + off
            self.data[o:o + len(buf)] = buf
        def ioctl(self, op, arg):
            if op == 4: return len(self.data) // 512
            if op == 5: return 512
            if op == 6: return 0
    disk = RAMDisk(24)
    vfs.VfsLfs2.mkfs(disk)
    vfs.mount(vfs.VfsLfs2(disk), '/')
    with open('/helper.py', 'w') as f:
        f.write('answer = 42\\n')
    import helper
    assert helper.answer == 42
    left_open = open('/data.txt', 'w')
    left_open.write(json.dumps(collections.OrderedDict(a=1)))
    globals()['name_%d' % len(disk.data)] = 1
    micropython.schedule(print, 1)
    raise ValueError('the end')
    """

    override func setUpWithError() throws {
        try XCTSkipUnless(TestRuntime.started, TestRuntime.sharedMessage)
        Heap.stress = false
    }

    /// Runs `program`, expecting it to raise ValueError; returns the exception's type name.
    @inline(never) func runProgram() -> String {
        var marker = 0
        Heap.stackTop = withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
        defer { Heap.stackTop = nil }
        do throws(PyExc) {
            _ = try Runtime.execSource(Array(Self.program.utf8), fileName: "<test>", globals: Heap.roots[Root.mainGlobals])
            return "no exception"
        } catch {
            let name = TypeObject.name(typeOf(error.obj)).string
            if name != "ValueError" { return Self.describe(error) }
            return name
        }
    }

    static func describe(_ e: PyExc) -> String {
        var p = Printer()
        Traceback.format(e.obj, &p)
        return String(decoding: p.bytes, as: UTF8.self)
    }

    /// The static region, the allocation table and the bytes of every allocated block.
    func snapshot() -> [UInt8] {
        var out = Array(UnsafeBufferPointer(start: arenaBytes(16), count: Int(Heap.staticTop) - 16))
        out += UnsafeBufferPointer(start: Heap.atb, count: Heap.poolBlocks >> 2)
        for b in 0..<Heap.poolBlocks where Heap.kind(b) != Heap.free {
            out += UnsafeBufferPointer(start: arenaBytes(Heap.offsetOf(block: b)), count: 16)
        }
        out += withUnsafeBytes(of: QstrPool.count) { Array($0) }
        return out
    }

    func residentBytes() -> Int {
        guard let f = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(f) }
        var size = 0, resident = 0
        _ = withUnsafeMutablePointer(to: &size) { s in
            withUnsafeMutablePointer(to: &resident) { r in withVaListScanf(f, s, r) }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    private func withVaListScanf(_ f: UnsafeMutablePointer<FILE>, _ a: UnsafeMutablePointer<Int>, _ b: UnsafeMutablePointer<Int>) -> Int32 {
        withVaList([a, b]) { vfscanf(f, "%ld %ld", $0) }
    }

    func testResetReturnsToTheSameState() {
        MicroPythonRuntime.softReset()
        let fresh = snapshot()
        let freeAtStart = Heap.freeBytes()
        XCTAssertEqual(runProgram(), "ValueError")
        XCTAssertLessThan(Heap.freeBytes(), freeAtStart)
        MicroPythonRuntime.softReset()
        XCTAssertEqual(Heap.freeBytes(), freeAtStart)
        XCTAssertTrue(snapshot() == fresh, "a soft reset must leave the static region and the heap as the previous one did")
        XCTAssertEqual(Dict.count(Heap.roots[Root.modules]), 1)   // only __main__
        XCTAssertTrue(Heap.roots[Root.vfsMounts].isNull)
        XCTAssertFalse(VM.pendingHook)
    }

    func testResetAfterTheHeapRanOut() {
        MicroPythonRuntime.softReset()
        let fresh = snapshot()
        // Fill the heap so that neither a MemoryError with a message nor its traceback fits:
        // the preallocated error and the emergency traceback buffer are used.
        let source = """
        def deep(n):
            if n:
                deep(n - 1)
            return bytearray(1000)
        chain = None
        try:
            while True:
                chain = (chain,)    # one block each: takes the last free blocks
        except MemoryError:
            pass
        deep(5)
        """
        // Twice: the second time after a reset, with what the first left behind cleared.
        for _ in 0..<2 {
            runOutOfHeap(source)
            MicroPythonRuntime.softReset()
            XCTAssertTrue(snapshot() == fresh, "the reset clears what running out of heap left in the static region")
        }
        XCTAssertEqual(runProgram(), "ValueError")
    }

    @inline(never) func runOutOfHeap(_ source: String) {
        var marker = 0
        Heap.stackTop = withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
        defer { Heap.stackTop = nil }
        do throws(PyExc) {
            _ = try Runtime.execSource(Array(source.utf8), fileName: "<test>", globals: Heap.roots[Root.mainGlobals])
            XCTFail("the heap did not run out")
        } catch {
            XCTAssertEqual(typeOf(error.obj), Exceptions.MemoryError)
            XCTAssertFalse(Exceptions.traceback(error.obj).isEmpty, "a MemoryError raised with the heap full keeps its traceback")
            XCTAssertFalse(Heap.inPool(error.obj), "the preallocated MemoryError")
        }
    }

    func testFinalisersRunAtReset() {
        MicroPythonRuntime.softReset()
        // Count the finalisers run for open files (the hook passes them on to their own).
        nonisolated(unsafe) var filesFinalised = 0
        Finalisers.native.insert({ o in
            if TypeObject.name(typeOf(o)).string.hasSuffix("IO") { filesFinalised += 1 }
            return false
        }, at: 0)
        defer { Finalisers.native.removeFirst() }
        XCTAssertEqual(runProgram(), "ValueError")
        XCTAssertEqual(filesFinalised, 0)
        MicroPythonRuntime.softReset()
        // The file the program left open, and no other (the `with` one was closed and freed?
        // closed files keep their finaliser until collected, so both may be counted).
        XCTAssertGreaterThanOrEqual(filesFinalised, 1)
    }

    func testTenThousandResetsLeakNoHostMemory() {
        var rss: [Int] = []
        for i in 0..<10_000 {
            MicroPythonRuntime.softReset()
            XCTAssertEqual(runProgram(), "ValueError")
            if i == 1_000 || i == 9_999 { rss.append(residentBytes()) }
        }
        MicroPythonRuntime.softReset()
        // Flat: less than 256 KiB of growth over the last 9,000 runs (a leak of 30 bytes a run
        // would show).
        XCTAssertLessThan(rss[1] - rss[0], 256 << 10, "host memory grew from \(rss[0]) to \(rss[1])")
    }
}
