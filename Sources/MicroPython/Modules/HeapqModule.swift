/// heapq: a binary min-heap on a list (MicroPython's extmod/modheapq.c algorithm).
public enum HeapqModule {
    static func heapList(_ o: Obj) throws(PyExc) -> Obj {
        guard kindOf(o) == .list else { throw PyExc.typeError("heap must be a list") }
        return o
    }

    /// Moves the item at `pos` up towards `start` while it is less than its parent.
    static func siftDown(_ heap: Obj, _ start: Int, _ pos: Int) throws(PyExc) {
        var pos = pos
        let item = List.item(heap, pos)
        while pos > start {
            let parentPos = (pos - 1) >> 1
            let parent = List.item(heap, parentPos)
            if try Runtime.binaryOp(BinOp.less, item, parent) == .true {
                List.items(heap)[pos] = parent
                pos = parentPos
            } else {
                break
            }
        }
        List.items(heap)[pos] = item
    }

    static func siftUp(_ heap: Obj, _ pos: Int) throws(PyExc) {
        var pos = pos
        let startPos = pos
        let endPos = List.count(heap)
        let item = List.item(heap, pos)
        var childPos = 2 * pos + 1
        while childPos < endPos {
            let rightPos = childPos + 1
            if rightPos < endPos,
               try Runtime.binaryOp(BinOp.less, List.item(heap, childPos), List.item(heap, rightPos)) == .false {
                childPos = rightPos
            }
            List.items(heap)[pos] = List.item(heap, childPos)
            pos = childPos
            childPos = 2 * pos + 1
        }
        List.items(heap)[pos] = item
        try siftDown(heap, startPos, pos)
    }

    static func install() {
        let m = ModuleBuilder("heapq", extensible: true)
        m.function("heappush", 2, 2) { (a, _, _) throws(PyExc) in
            let heap = try heapList(a[0])
            try List.append(heap, a[1])
            try siftDown(heap, 0, List.count(heap) - 1)
            return .none
        }
        m.function("heappop", 1, 1) { (a, _, _) throws(PyExc) in
            let heap = try heapList(a[0])
            let n = List.count(heap)
            if n == 0 { throw PyExc.indexError("empty heap") }
            let ret = List.item(heap, 0)
            List.items(heap)[0] = List.item(heap, n - 1)
            List.items(heap)[n - 1] = .null
            List.setCount(heap, n - 1)
            if n - 1 > 0 { try siftUp(heap, 0) }
            return ret
        }
        m.function("heapify", 1, 1) { (a, _, _) throws(PyExc) in
            let heap = try heapList(a[0])
            var i = List.count(heap) / 2
            while i > 0 {
                i -= 1
                try siftUp(heap, i)
            }
            return .none
        }
    }
}
