#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library, in one place (the core uses no Foundation).
public enum Math {
    public static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
    public static func fmod(_ x: Double, _ y: Double) -> Double { Glibc.fmod(x, y) }
    public static func sqrt(_ x: Double) -> Double { Glibc.sqrt(x) }
    public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    public static func log(_ x: Double) -> Double { Glibc.log(x) }
    public static func log2(_ x: Double) -> Double { Glibc.log2(x) }
    public static func log10(_ x: Double) -> Double { Glibc.log10(x) }
    public static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    public static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    public static func tan(_ x: Double) -> Double { Glibc.tan(x) }
    public static func asin(_ x: Double) -> Double { Glibc.asin(x) }
    public static func acos(_ x: Double) -> Double { Glibc.acos(x) }
    public static func atan(_ x: Double) -> Double { Glibc.atan(x) }
    public static func atan2(_ y: Double, _ x: Double) -> Double { Glibc.atan2(y, x) }
    public static func sinh(_ x: Double) -> Double { Glibc.sinh(x) }
    public static func cosh(_ x: Double) -> Double { Glibc.cosh(x) }
    public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
    public static func asinh(_ x: Double) -> Double { Glibc.asinh(x) }
    public static func acosh(_ x: Double) -> Double { Glibc.acosh(x) }
    public static func atanh(_ x: Double) -> Double { Glibc.atanh(x) }
    public static func expm1(_ x: Double) -> Double { Glibc.expm1(x) }
    public static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
    public static func erf(_ x: Double) -> Double { Glibc.erf(x) }
    public static func erfc(_ x: Double) -> Double { Glibc.erfc(x) }
    public static func tgamma(_ x: Double) -> Double { Glibc.tgamma(x) }
    public static func lgamma(_ x: Double) -> Double { Glibc.lgamma(x) }
    public static func frexp(_ x: Double) -> (Double, Int) { var e: Int32 = 0; let m = Glibc.frexp(x, &e); return (m, Int(e)) }
    public static func ldexp(_ x: Double, _ e: Int) -> Double { Glibc.ldexp(x, Int32(clamping: e)) }
    public static func modf(_ x: Double) -> (Double, Double) { var i = 0.0; let f = Glibc.modf(x, &i); return (f, i) }

    /// printf-style formatting of one double: `spec` is e.g. "%.17g".
    public static func format(_ spec: String, _ x: Double) -> String {
        var buf = [CChar](repeating: 0, count: 512)
        _ = spec.withCString { f in withVaList([x]) { vsnprintf(&buf, 512, f, $0) } }
        return String(cString: buf)
    }
}
