/// framebuf: FrameBuffer, drawing (pixels, lines, rectangles, ellipses, polygons, 8x8 text,
/// blits, scrolling) into a buffer of pixels in one of seven formats (extmod/modframebuf.c).
///
/// A FrameBuffer is 5 words, 2 blocks as MicroPython's object on a 32-bit build:
/// [type, buffer object, spare (C's buffer pointer), width | height << 16, stride | format << 16].
/// The buffer's address is looked up again on every call and its length checked against what
/// the geometry needs, so a buffer resized after construction can't be written outside of.
/// A FrameBuffer is itself a buffer (its buffer's bytes) and may be subclassed from Python:
/// the methods work on the FrameBuffer part of a subclass instance.
public enum FramebufModule {
    /// Pixel formats, as MicroPython numbers them.
    enum Format {
        static let monoVLSB = 0, rgb565 = 1, gs4HMSB = 2, monoHLSB = 3, monoHMSB = 4, gs2HMSB = 5, gs8 = 6
    }
    static let maxDimension = 0xFFFF
    /// ellipse(): the fill flag and the quadrant bits of its mask (Q2 Q1 over Q3 Q4).
    static let ellipseFill = 0x10, ellipseAllQuadrants = 0x0F
    static let quadrant1 = 0x01, quadrant2 = 0x02, quadrant3 = 0x04, quadrant4 = 0x08
    static let glyphSize = 8
    /// The font's rows keep the leftmost pixel in the top bit.
    static let fontLeftmostBit: UInt8 = 0x80
    /// How many FrameBuffers over FrameBuffers a buffer lookup follows (a chain longer than
    /// this, or a loop made through __init__, has no buffer).
    static let maxBufferChain = 64

    nonisolated(unsafe) static var frameBufferClass: NativeClass!
    nonisolated(unsafe) static var bufferField: NativeField<Obj>!
    nonisolated(unsafe) static var sizeField: NativeField<UInt32>!
    nonisolated(unsafe) static var layoutField: NativeField<UInt32>!

    // MARK: the geometry

    /// Width, height, stride (in pixels) and format of a frame buffer.
    struct Layout {
        var width = 0, height = 0, stride = 0, format = 0

        /// Checks the geometry as framebuf's constructor does and rounds the stride up to a
        /// whole byte for the formats that pack pixels in rows; the bytes it needs.
        mutating func validate() throws(PyExc) -> Int {
            if width < 1 || height < 1 || width > maxDimension || height > maxDimension || stride > maxDimension || stride < width {
                throw PyExc.make(Exceptions.ValueError)
            }
            var bitsPerPixel = 1, heightNeeded = height, widthNeeded = width, strides = height - 1
            switch format {
            case Format.monoVLSB:
                heightNeeded = (height + 7) & ~7
                strides = heightNeeded - 8
            case Format.monoHLSB, Format.monoHMSB:
                stride = (stride + 7) & ~7
                widthNeeded = (width + 7) & ~7
            case Format.gs2HMSB:
                stride = (stride + 3) & ~3
                widthNeeded = (width + 3) & ~3
                bitsPerPixel = 2
            case Format.gs4HMSB:
                stride = (stride + 1) & ~1
                widthNeeded = (width + 1) & ~1
                bitsPerPixel = 4
            case Format.gs8: bitsPerPixel = 8
            case Format.rgb565: bitsPerPixel = 16
            default: throw PyExc.valueError("invalid format")
            }
            return (strides * stride + (heightNeeded - strides) * widthNeeded) * bitsPerPixel / 8
        }

        /// The bytes a validated layout needs.
        var bytesNeeded: Int {
            var copy = self
            return (try? copy.validate()) ?? 0
        }
    }

    // MARK: pixels

    /// A frame buffer's pixels for the length of one call: its buffer's address (checked
    /// to hold the whole geometry) and its layout. Coordinates given to `set`/`get`/`fill`
    /// are inside the frame.
    struct Surface {
        let p: UnsafeMutablePointer<UInt8>
        let count: Int
        let width: Int, height: Int, stride: Int, format: Int

        func set(_ x: Int, _ y: Int, _ c: UInt32) {
            switch format {
            case Format.monoVLSB:
                let i = (y >> 3) * stride + x, bit = UInt8(1) << UInt8(y & 7)
                p[i] = c != 0 ? p[i] | bit : p[i] & ~bit
            case Format.monoHLSB, Format.monoHMSB:
                let i = (x + y * stride) >> 3
                let bit = UInt8(1) << UInt8(format == Format.monoHMSB ? x & 7 : 7 - (x & 7))
                p[i] = c != 0 ? p[i] | bit : p[i] & ~bit
            case Format.rgb565:
                let i = 2 * (x + y * stride)
                p[i] = UInt8(truncatingIfNeeded: c)
                p[i + 1] = UInt8(truncatingIfNeeded: c >> 8)
            case Format.gs2HMSB:
                let i = (x + y * stride) >> 2, shift = UInt8((x & 3) << 1)
                p[i] = (p[i] & ~(3 << shift)) | (UInt8(truncatingIfNeeded: c & 3) << shift)
            case Format.gs4HMSB:
                let i = (x + y * stride) >> 1, nibble = UInt8(truncatingIfNeeded: c & 0x0F)
                p[i] = x & 1 != 0 ? (p[i] & 0xF0) | nibble : (p[i] & 0x0F) | nibble << 4
            default:
                p[x + y * stride] = UInt8(truncatingIfNeeded: c)
            }
        }

        /// The byte a pixel lives in (its index in the buffer).
        func byteIndex(_ x: Int, _ y: Int) -> Int {
            switch format {
            case Format.monoVLSB: return (y >> 3) * stride + x
            case Format.monoHLSB, Format.monoHMSB: return (x + y * stride) >> 3
            case Format.rgb565: return 2 * (x + y * stride)
            case Format.gs2HMSB: return (x + y * stride) >> 2
            case Format.gs4HMSB: return (x + y * stride) >> 1
            default: return x + y * stride
            }
        }

        func get(_ x: Int, _ y: Int) -> UInt32 {
            let i = byteIndex(x, y)
            switch format {
            case Format.monoVLSB: return UInt32(p[i] >> UInt8(y & 7)) & 1
            case Format.monoHLSB, Format.monoHMSB:
                return UInt32(p[i] >> UInt8(format == Format.monoHMSB ? x & 7 : 7 - (x & 7))) & 1
            case Format.rgb565: return UInt32(p[i]) | UInt32(p[i + 1]) << 8
            case Format.gs2HMSB: return UInt32(p[i] >> UInt8((x & 3) << 1)) & 3
            case Format.gs4HMSB: return x & 1 != 0 ? UInt32(p[i] & 0x0F) : UInt32(p[i] >> 4)
            default: return UInt32(p[i])
            }
        }

        /// A palette entry: pixel (x, 0) for any x whose bytes lie in the buffer (as C reads
        /// past the palette's width), 0 beyond the buffer.
        func paletteEntry(_ x: UInt32) -> UInt32 {
            let i = byteIndex(Int(x), 0)
            let last = format == Format.rgb565 ? i + 1 : i
            return last < count ? get(Int(x), 0) : 0
        }

        /// Fills a rectangle that lies inside the frame.
        func fill(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ c: UInt32) {
            if format == Format.gs8 {
                let v = UInt8(truncatingIfNeeded: c)
                for row in y..<(y + h) { (p + x + row * stride).update(repeating: v, count: w) }
                return
            }
            for row in y..<(y + h) {
                for col in x..<(x + w) { set(col, row, c) }
            }
        }

        func setChecked(_ x: Int128, _ y: Int128, _ c: UInt32) {
            if x >= 0 && x < width && y >= 0 && y < height { set(Int(x), Int(y), c) }
        }

        /// fill_rect with C's int arguments: clipped to the frame; nothing when empty.
        func fillRect(_ x0: Int128, _ y0: Int128, _ w0: Int128, _ h0: Int128, _ c: UInt32) {
            let x = Int32(truncatingIfNeeded: x0), y = Int32(truncatingIfNeeded: y0)
            let w = Int32(truncatingIfNeeded: w0), h = Int32(truncatingIfNeeded: h0)
            let xEnd = x &+ w, yEnd = y &+ h
            if h < 1 || w < 1 || xEnd <= 0 || yEnd <= 0 || Int(y) >= height || Int(x) >= width { return }
            let left = max(Int(x), 0), top = max(Int(y), 0)
            fill(left, top, min(width, Int(xEnd)) - left, min(height, Int(yEnd)) - top, c)
        }

        /// Bresenham's line from (x1, y1) to (x2, y2), both ends drawn. Steps where the line is
        /// outside the frame are skipped arithmetically (the same pixels as stepping through them).
        func line(_ x1: Int128, _ y1: Int128, _ x2: Int128, _ y2: Int128, _ c: UInt32) {
            var dx = x2 &- x1, sx: Int128 = 1
            if dx <= 0 { dx = 0 &- dx; sx = -1 }
            var dy = y2 &- y1, sy: Int128 = 1
            if dy <= 0 { dy = 0 &- dy; sy = -1 }
            // a: the coordinate stepped every time (of length da), b: the other one.
            let steep = dy > dx
            let a0 = steep ? y1 : x1, b0 = steep ? x1 : y1
            let da = steep ? dy : dx, db = steep ? dx : dy
            let sa = steep ? sy : sx, sb = steep ? sx : sy
            let aLimit = Int128(steep ? height : width), bLimit = Int128(steep ? width : height)
            if da > 0 {
                // Steps k whose a is inside the frame.
                var kStart: Int128 = sa > 0 ? 0 &- a0 : a0 &- aLimit &+ 1
                var kEnd: Int128 = sa > 0 ? aLimit &- 1 &- a0 : a0
                kStart = max(kStart, 0)
                kEnd = min(kEnd, da &- 1)
                if kStart <= kEnd {
                    let e0 = 2 &* db &- da
                    // The state at step kStart: b moved once for every time the error went >= 0.
                    var moves: Int128 = 0
                    if kStart > 0 {
                        let t = e0 &+ 2 &* db &* (kStart &- 1)
                        moves = t < 0 ? 0 : t / (2 &* da) &+ 1
                    }
                    var a = a0 &+ sa &* kStart, b = b0 &+ sb &* moves
                    var e = e0 &+ 2 &* db &* kStart &- 2 &* da &* moves
                    var k = kStart
                    while k <= kEnd {
                        if (sb > 0 && b >= bLimit) || (sb < 0 && b < 0) { break }
                        if steep { setChecked(b, a, c) } else { setChecked(a, b, c) }
                        while e >= 0 {
                            b = b &+ sb
                            e = e &- 2 &* da
                        }
                        a = a &+ sa
                        e = e &+ 2 &* db
                        k += 1
                    }
                }
            }
            setChecked(x2, y2, c)
        }
    }

    // MARK: buffers and objects

    /// The FrameBuffer behind `o`: itself, or the FrameBuffer part of a subclass instance.
    static func frameBuffer(_ o: Obj) -> Obj? {
        if frameBufferClass.isInstance(o) { return o }
        if kindOf(o) == .instance {
            let n = Classes.nativePart(o)
            if !n.isNull && frameBufferClass.isInstance(n) { return n }
        }
        return nil
    }

    static func selfFrameBuffer(_ o: Obj) throws(PyExc) -> Obj {
        if let fb = frameBuffer(o) { return fb }
        throw PyExc.wrongSelf("FrameBuffer", o)
    }

    /// The bytes of a buffer-protocol object (a FrameBuffer's are those of its buffer);
    /// `writable` refuses bytes and str. nil: no (such) buffer.
    static func bytes(of start: Obj, writable: Bool) -> (UnsafeMutablePointer<UInt8>, Int)? {
        var o = start
        for _ in 0..<maxBufferChain {
            if kindOf(o) == .instance {
                o = Classes.nativePart(o)
                if o.isNull { return nil }
            }
            if frameBufferClass.isInstance(o) {
                o = bufferField[o]
                if o.isNull { return nil }
                continue
            }
            switch kindOf(o) {
            case .bytearray: return BytesMethods.data(o)
            case .memoryview:
                let base = kindOf(field(o, 1))
                if writable && (base == .bytes || base == .str) { return nil }
                return BytesMethods.data(o)
            case .bytes, .str: return writable ? nil : BytesMethods.data(o)
            case .nativeObject:
                if let b = ArrayModule.buffer(o) { return b }
                guard let p = NativeProtocols.of(o), !writable || p.bufferIsWritable else { return nil }
                return NativeProtocols.bytes(o)
            default: return nil
            }
        }
        return nil
    }

    static func bufferRequired(_ o: Obj, writable: Bool) throws(PyExc) -> (UnsafeMutablePointer<UInt8>, Int) {
        guard let b = bytes(of: o, writable: writable) else { throw PyExc.typeError("object with buffer protocol required") }
        return b
    }

    static func layout(_ fb: Obj) -> Layout {
        let size = sizeField[fb], shape = layoutField[fb]
        return Layout(width: Int(size & 0xFFFF), height: Int(size >> 16), stride: Int(shape & 0xFFFF), format: Int(shape >> 16))
    }

    /// The pixels of a layout over buffer object `buffer`, for this call. A buffer that no
    /// longer holds the geometry (a bytearray shrunk since) is ValueError.
    static func surface(_ l: Layout, _ buffer: Obj) throws(PyExc) -> Surface {
        if l.width == 0 {
            // Never initialised (a subclass whose __init__ failed): nothing to draw on.
            return Surface(p: arenaBytes(0), count: 0, width: 0, height: 0, stride: 0, format: Format.gs8)
        }
        let (p, n) = try bufferRequired(buffer, writable: false)
        if n < l.bytesNeeded { throw PyExc.make(Exceptions.ValueError) }
        return Surface(p: p, count: n, width: l.width, height: l.height, stride: l.stride, format: l.format)
    }

    static func surface(_ fb: Obj) throws(PyExc) -> Surface { try surface(layout(fb), bufferField[fb]) }

    /// Reads (buffer, width, height, format[, stride]) and checks them as the constructor does.
    static func parse(_ a: UnsafeMutablePointer<Obj>, _ n: Int, writable: Bool) throws(PyExc) -> Layout {
        var l = Layout()
        l.width = try IntOps.toInt(a[1])
        l.height = try IntOps.toInt(a[2])
        l.format = try IntOps.toInt(a[3])
        l.stride = n >= 5 ? try IntOps.toInt(a[4]) : l.width
        let needed = try l.validate()
        let (_, count) = try bufferRequired(a[0], writable: writable)
        if needed > count { throw PyExc.make(Exceptions.ValueError) }
        return l
    }

    /// A blit source or palette: a FrameBuffer (or subclass instance), or a tuple/list
    /// (buffer, width, height, format[, stride]).
    static func readOnlySource(_ o: Obj) throws(PyExc) -> (Layout, Obj) {
        if let fb = frameBuffer(o) { return (layout(fb), bufferField[fb]) }
        guard let (items, n) = ModSupport.items(o) else {
            throw PyExc.typeError("object '\(typeName(o))' isn't a tuple or list")
        }
        if n < 4 || n > 5 { throw PyExc.make(Exceptions.ValueError) }
        // The items may change while their ints are read (__index__): work on a copy.
        let hold = try PyStack.pushObjs(n); defer { PyStack.pop(to: hold) }
        hold.update(from: items, count: n)
        let l = try parse(hold, n, writable: false)
        return (l, hold[0])
    }

    static func int128(_ o: Obj) throws(PyExc) -> Int128 { Int128(try IntOps.toInt(o)) }
    static func colour(_ o: Obj) throws(PyExc) -> UInt32 { UInt32(truncatingIfNeeded: try IntOps.toInt(o)) }

    // MARK: drawing

    static func ellipse(_ s: Surface, _ cx: Int128, _ cy: Int128, _ xr: Int128, _ yr: Int128, _ c: UInt32, _ mask: Int) {
        let filled = mask & ellipseFill != 0
        func points(_ x: Int128, _ y: Int128) {
            if filled {
                if mask & quadrant1 != 0 { s.fillRect(cx, cy &- y, x &+ 1, 1, c) }
                if mask & quadrant2 != 0 { s.fillRect(cx &- x, cy &- y, x &+ 1, 1, c) }
                if mask & quadrant3 != 0 { s.fillRect(cx &- x, cy &+ y, x &+ 1, 1, c) }
                if mask & quadrant4 != 0 { s.fillRect(cx, cy &+ y, x &+ 1, 1, c) }
            } else {
                if mask & quadrant1 != 0 { s.setChecked(cx &+ x, cy &- y, c) }
                if mask & quadrant2 != 0 { s.setChecked(cx &- x, cy &- y, c) }
                if mask & quadrant3 != 0 { s.setChecked(cx &- x, cy &+ y, c) }
                if mask & quadrant4 != 0 { s.setChecked(cx &+ x, cy &+ y, c) }
            }
        }
        let width = Int128(s.width), height = Int128(s.height)
        let twoASquare = 2 &* xr &* xr, twoBSquare = 2 &* yr &* yr
        // The steep part: y steps every time; its rows only move away from the centre.
        var x = xr, y: Int128 = 0
        var xChange = yr &* yr &* (1 &- 2 &* xr), yChange = xr &* xr
        var error: Int128 = 0
        var stopX = twoBSquare &* xr, stopY: Int128 = 0
        while stopX >= stopY {
            if cy &- y < 0 && cy &+ y >= height { break }
            points(x, y)
            y = y &+ 1
            stopY = stopY &+ twoASquare
            error = error &+ yChange
            yChange = yChange &+ twoASquare
            if 2 &* error &+ xChange > 0 {
                x = x &- 1
                stopX = stopX &- twoBSquare
                error = error &+ xChange
                xChange = xChange &+ twoBSquare
            }
        }
        // The flat part: x steps every time.
        x = 0
        y = yr
        xChange = yr &* yr
        yChange = xr &* xr &* (1 &- 2 &* yr)
        error = 0
        stopX = 0
        stopY = twoASquare &* yr
        while stopX <= stopY {
            if !filled && cx &- x < 0 && cx &+ x >= width { break }
            points(x, y)
            x = x &+ 1
            stopX = stopX &+ twoBSquare
            error = error &+ xChange
            xChange = xChange &+ twoBSquare
            if 2 &* error &+ yChange > 0 {
                y = y &- 1
                stopY = stopY &- twoASquare
                error = error &+ yChange
                yChange = yChange &+ twoASquare
            }
        }
    }

    /// poly's vertex list: the ints of a buffer read with its typecode (bytes: unsigned bytes).
    struct Vertices {
        let o: Obj
        let count: Int   // of (x, y) pairs

        init(_ o: Obj) throws(PyExc) {
            self.o = o
            if ArrayModule.isArray(o) {
                let size = ArrayModule.itemSize(ArrayModule.code(o))
                count = size == 0 ? 0 : ArrayModule.count(o) / 2
            } else {
                count = try bufferRequired(o, writable: false).1 / 2
            }
        }

        func value(_ i: Int) throws(PyExc) -> Int128 {
            if ArrayModule.isArray(o) {
                if i >= ArrayModule.count(o) { return 0 }
                return Int128(try IntOps.toInt(try ArrayModule.get(o, i)))
            }
            guard let (p, n) = bytes(of: o, writable: false), i < n else { return 0 }
            return Int128(p[i])
        }
    }

    static func poly(_ s: Surface, _ x: Int128, _ y: Int128, _ v: Vertices, _ c: UInt32, _ fill: Bool) throws(PyExc) {
        let n = v.count
        if !fill {
            var px1 = try v.value(0), py1 = try v.value(1)
            var i = n * 2 - 1
            repeat {
                let py2 = try v.value(i), px2 = try v.value(i - 1)
                i -= 2
                s.line(x &+ px1, y &+ py1, x &+ px2, y &+ py2, c)
                px1 = px2
                py1 = py2
            } while i >= 0
            return
        }
        // Scan lines: where the edges cross each row, filled between pairs of crossings
        // (each edge without its bottom pixel, local minima drawn on their own).
        var yMin = Int128.max, yMax = Int128.min
        for i in 0..<n {
            let py = try v.value(2 * i + 1)
            yMin = min(yMin, py)
            yMax = max(yMax, py)
        }
        // Only rows that land in the frame draw anything.
        let height = Int128(s.height)
        yMin = max(yMin, 0 &- y)
        yMax = min(yMax, height &- 1 &- y)
        if yMin > yMax { return }
        let nodes = UnsafeMutablePointer<Int128>.allocate(capacity: max(1, n))
        defer { nodes.deallocate() }
        var row = yMin
        while row <= yMax {
            var count = 0
            var px1 = try v.value(0), py1 = try v.value(1)
            var i = n * 2 - 1
            repeat {
                let py2 = try v.value(i), px2 = try v.value(i - 1)
                i -= 2
                if py1 != py2 && ((py1 > row && py2 <= row) || (py1 <= row && py2 > row)) {
                    let num = 32 &* (px2 &- px1) &* (row &- py1)
                    let (q, overflow) = num.dividedReportingOverflow(by: py2 &- py1)
                    if count < n { nodes[count] = (32 &* px1 &+ (overflow ? 0 : q) &+ 16) / 32 }
                    count += 1
                } else if row == max(py1, py2) {
                    if py1 < py2 {
                        s.setChecked(x &+ px2, y &+ py2, c)
                    } else if py2 < py1 {
                        s.setChecked(x &+ px1, y &+ py1, c)
                    } else {
                        s.line(x &+ px1, y &+ py1, x &+ px2, y &+ py2, c)
                    }
                }
                px1 = px2
                py1 = py2
            } while i >= 0
            count = min(count, n)
            if count > 0 {
                // Left to right (insertion order by adjacent swaps, as the C code's sort).
                var k = 0
                while k < count - 1 {
                    if nodes[k] > nodes[k + 1] {
                        let swap = nodes[k]
                        nodes[k] = nodes[k + 1]
                        nodes[k + 1] = swap
                        if k > 0 { k -= 1 }
                    } else {
                        k += 1
                    }
                }
                var j = 0
                while j + 1 < count {
                    s.fillRect(x &+ nodes[j], y &+ row, nodes[j + 1] &- nodes[j] &+ 1, 1, c)
                    j += 2
                }
            }
            row += 1
        }
    }

    static func blit(_ dst: Surface, _ src: Surface, _ x: Int128, _ y: Int128, _ key: UInt32, _ palette: Surface?) {
        if x >= Int128(dst.width) || y >= Int128(dst.height) || x <= Int128(-src.width) || y <= Int128(-src.height) { return }
        let xi = Int(x), yi = Int(y)
        var sy = max(0, -yi)
        let sxStart = max(0, -xi)
        let xEnd = min(dst.width, xi + src.width), yEnd = min(dst.height, yi + src.height)
        var dy = max(0, yi)
        while dy < yEnd {
            var sx = sxStart
            var dx = max(0, xi)
            while dx < xEnd {
                var c = src.get(sx, sy)
                if let pal = palette { c = pal.paletteEntry(c) }
                if c != key { dst.set(dx, dy, c) }
                sx += 1
                dx += 1
            }
            sy += 1
            dy += 1
        }
    }

    static func scroll(_ s: Surface, _ xStep: Int, _ yStep: Int) {
        if xStep <= -s.width || xStep >= s.width || yStep <= -s.height || yStep >= s.height { return }
        // Copy in the direction that reads each pixel before it is overwritten.
        let xFirst = xStep < 0 ? 0 : s.width - 1, xStop = xStep < 0 ? s.width + xStep : xStep - 1
        let yFirst = yStep < 0 ? 0 : s.height - 1, yStop = yStep < 0 ? s.height + yStep : yStep - 1
        let dx = xStep < 0 ? 1 : -1, dy = yStep < 0 ? 1 : -1
        var y = yFirst
        while y != yStop {
            var x = xFirst
            while x != xStop {
                s.set(x, y, s.get(x - xStep, y - yStep))
                x += dx
            }
            y += dy
        }
    }

    static func text(_ s: Surface, _ str: UnsafeBufferPointer<UInt8>, _ x: Int128, _ y: Int128, _ c: UInt32) {
        let font = FramebufFont.rows
        var left = x
        for ch in str {
            if ch == 0 { break }   // the C string ends there
            var code = Int(ch)
            if code < FramebufFont.first || code > FramebufFont.last { code = FramebufFont.last }
            let glyph = (code - FramebufFont.first) * glyphSize
            for row in 0..<glyphSize {
                let py = y &+ Int128(row)
                if py < 0 || py >= Int128(s.height) { continue }
                let bits = font[glyph + row]
                if bits == 0 { continue }
                for col in 0..<glyphSize where bits & (fontLeftmostBit >> UInt8(col)) != 0 {
                    s.setChecked(left &+ Int128(col), py, c)
                }
            }
            left = left &+ Int128(glyphSize)
        }
    }

    // MARK: the module

    static func install() {
        let m = ModuleBuilder("framebuf")
        let cls = NativeClass("FrameBuffer", in: m)
        frameBufferClass = cls
        bufferField = cls.field(Obj.self)
        _ = cls.field(UInt32.self)   // C's cached buffer address: kept for the object's size
        sizeField = cls.field(UInt32.self)
        layoutField = cls.field(UInt32.self)
        words(cls.type)[5] |= TypeFlags.subclassable

        func construct(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
            let l = try parse(a, n, writable: true)
            let o = try cls.make()
            bufferField[o] = a[0]
            sizeField[o] = UInt32(l.width) | UInt32(l.height) << 16
            layoutField[o] = UInt32(l.stride) | UInt32(l.format) << 16
            return o
        }
        cls.constructor(4, 5) { (a, nPos, _) throws(PyExc) in try construct(a + 1, nPos - 1) }

        /// A method whose self may be a FrameBuffer or an instance of a subclass; `body` gets
        /// the FrameBuffer part as a[0].
        func method(_ name: String, _ minArgs: Int, _ maxArgs: Int, _ body: @escaping NativeFn) {
            Builtins.setMember(cls.type, name, Native.make(name, minArgs, maxArgs) { (a, nPos, nKw) throws(PyExc) in
                let hold = try PyStack.pushObjs(nPos); defer { PyStack.pop(to: hold) }
                hold.update(from: a, count: nPos)
                hold[0] = try selfFrameBuffer(a[0])
                return try body(hold, nPos, nKw)
            })
        }

        method("fill", 2, 2) { (a, _, _) throws(PyExc) in
            let c = try colour(a[1])
            let s = try surface(a[0])
            if s.width > 0 { s.fill(0, 0, s.width, s.height, c) }
            return .none
        }
        method("fill_rect", 6, 6) { (a, _, _) throws(PyExc) in
            let x = try int128(a[1]), y = try int128(a[2]), w = try int128(a[3]), h = try int128(a[4])
            let c = try colour(a[5])
            try surface(a[0]).fillRect(x, y, w, h, c)
            return .none
        }
        method("pixel", 3, 4) { (a, nPos, _) throws(PyExc) in
            let x = try int128(a[1]), y = try int128(a[2])
            let l = layout(a[0])
            guard x >= 0 && x < Int128(l.width) && y >= 0 && y < Int128(l.height) else { return .none }
            // The colour is read only for a pixel inside the frame, as in C.
            let c = nPos > 3 ? try colour(a[3]) : 0
            let s = try surface(a[0])
            if nPos == 3 { return Obj(small: Int(s.get(Int(x), Int(y)))) }
            s.set(Int(x), Int(y), c)
            return .none
        }
        method("hline", 5, 5) { (a, _, _) throws(PyExc) in
            let x = try int128(a[1]), y = try int128(a[2]), w = try int128(a[3])
            let c = try colour(a[4])
            try surface(a[0]).fillRect(x, y, w, 1, c)
            return .none
        }
        method("vline", 5, 5) { (a, _, _) throws(PyExc) in
            let x = try int128(a[1]), y = try int128(a[2]), h = try int128(a[3])
            let c = try colour(a[4])
            try surface(a[0]).fillRect(x, y, 1, h, c)
            return .none
        }
        method("rect", 6, 7) { (a, nPos, _) throws(PyExc) in
            let x = try int128(a[1]), y = try int128(a[2]), w = try int128(a[3]), h = try int128(a[4])
            let c = try colour(a[5])
            let filled = nPos > 6 ? try Runtime.isTrue(a[6]) : false
            let s = try surface(a[0])
            if filled {
                s.fillRect(x, y, w, h, c)
            } else {
                s.fillRect(x, y, w, 1, c)
                s.fillRect(x, y &+ h &- 1, w, 1, c)
                s.fillRect(x, y, 1, h, c)
                s.fillRect(x &+ w &- 1, y, 1, h, c)
            }
            return .none
        }
        method("line", 6, 6) { (a, _, _) throws(PyExc) in
            let x1 = try int128(a[1]), y1 = try int128(a[2]), x2 = try int128(a[3]), y2 = try int128(a[4])
            let c = try colour(a[5])
            try surface(a[0]).line(x1, y1, x2, y2, c)
            return .none
        }
        method("ellipse", 6, 8) { (a, nPos, _) throws(PyExc) in
            let cx = try int128(a[1]), cy = try int128(a[2]), xr = try int128(a[3]), yr = try int128(a[4])
            let c = try colour(a[5])
            var mask = 0
            if nPos > 6, try Runtime.isTrue(a[6]) { mask = ellipseFill }
            if nPos > 7 {
                mask |= try IntOps.toInt(a[7]) & ellipseAllQuadrants
            } else {
                mask |= ellipseAllQuadrants
            }
            let s = try surface(a[0])
            if xr == 0 && yr == 0 {
                if mask & ellipseAllQuadrants != 0 { s.setChecked(cx, cy, c) }
                return .none
            }
            ellipse(s, cx, cy, xr, yr, c, mask)
            return .none
        }
        method("poly", 5, 6) { (a, nPos, _) throws(PyExc) in
            let x = try int128(a[1]), y = try int128(a[2])
            let v = try Vertices(a[3])
            if v.count == 0 { return .none }
            let c = try colour(a[4])
            let fill = nPos > 5 ? try Runtime.isTrue(a[5]) : false
            try poly(try surface(a[0]), x, y, v, c, fill)
            return .none
        }
        method("blit", 4, 6) { (a, nPos, _) throws(PyExc) in
            let (sourceLayout, sourceBuffer) = try readOnlySource(a[1])
            let x = try int128(a[2]), y = try int128(a[3])
            let key = nPos > 4 ? try IntOps.toInt(a[4]) : -1
            var palette: (Layout, Obj)? = nil
            if nPos > 5 && a[5] != .none { palette = try readOnlySource(a[5]) }
            let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
            hold[0] = sourceBuffer
            hold[1] = palette?.1 ?? .null
            let dst = try surface(a[0])
            let src = try surface(sourceLayout, sourceBuffer)
            let pal = try palette.map { (p) throws(PyExc) -> Surface in try surface(p.0, p.1) }
            blit(dst, src, x, y, UInt32(truncatingIfNeeded: key), pal)
            return .none
        }
        method("scroll", 3, 3) { (a, _, _) throws(PyExc) in
            let xStep = try IntOps.toInt(a[1]), yStep = try IntOps.toInt(a[2])
            scroll(try surface(a[0]), xStep, yStep)
            return .none
        }
        method("text", 4, 5) { (a, nPos, _) throws(PyExc) in
            let k = kindOf(a[1])
            guard Str.isStr(a[1]) || k == .bytes else {
                throw PyExc.typeError("can't convert '\(typeName(a[1]))' object to str implicitly")
            }
            let x = try int128(a[2]), y = try int128(a[3])
            let c = nPos > 4 ? try colour(a[4]) : 1
            let s = try surface(a[0])
            let (p, n) = BytesMethods.data(a[1])
            text(s, UnsafeBufferPointer(start: p, count: n), x, y, c)
            return .none
        }

        let slots = NativeProtocols()
        slots.buffer = { o in
            guard let (p, n) = bytes(of: o, writable: false) else { return nil }
            return UnsafeMutableRawBufferPointer(start: p, count: n)
        }
        slots.bufferIsWritable = true
        cls.implement(slots)

        // FrameBuffer1(buffer, width, height[, stride]): the legacy MONO_VLSB constructor.
        m.function("FrameBuffer1", 3, 4) { (a, nPos, _) throws(PyExc) in
            let args = try PyStack.pushObjs(5); defer { PyStack.pop(to: args) }
            args[0] = a[0]; args[1] = a[1]; args[2] = a[2]
            args[3] = Obj(small: Format.monoVLSB)
            args[4] = nPos > 3 ? a[3] : a[1]
            return try construct(args, 5)
        }
        m.set("MVLSB", Obj(small: Format.monoVLSB))
        m.set("MONO_VLSB", Obj(small: Format.monoVLSB))
        m.set("RGB565", Obj(small: Format.rgb565))
        m.set("GS2_HMSB", Obj(small: Format.gs2HMSB))
        m.set("GS4_HMSB", Obj(small: Format.gs4HMSB))
        m.set("GS8", Obj(small: Format.gs8))
        m.set("MONO_HLSB", Obj(small: Format.monoHLSB))
        m.set("MONO_HMSB", Obj(small: Format.monoHMSB))
    }
}
