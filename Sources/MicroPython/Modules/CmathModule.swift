/// cmath: what the unix build's py/modcmath.c offers (e, pi, phase, polar, rect, exp, log,
/// log10, sqrt, cos, sin), with its formulas. Only on profiles with complex numbers: elsewhere
/// `import cmath` is an ImportError, as on the ESP8266.
public enum CmathModule {
    static func install() {
        guard Complex.enabled else { return }
        let m = ModuleBuilder("cmath")
        m.set("e", MathModule.makeStaticFloat(2.718281828459045))
        m.set("pi", MathModule.makeStaticFloat(Double.pi))
        m.function("phase", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            return try Float.make(Math.atan2(im, re))
        }
        m.function("polar", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            let modulus = try Float.make(Math.sqrt(re * re + im * im))
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = modulus
            return try Tuple.make2(modulus, try Float.make(Math.atan2(im, re)))
        }
        m.function("rect", 2, 2) { (a, _, _) throws(PyExc) in
            let r = try MathModule.arg(a[0]), phi = try MathModule.arg(a[1])
            return try Complex.make(r * Math.cos(phi), r * Math.sin(phi))
        }
        m.function("exp", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            let e = Math.exp(re)
            return try Complex.make(e * Math.cos(im), e * Math.sin(im))
        }
        m.function("log", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            return try Complex.make(0.5 * Math.log(re * re + im * im), Math.atan2(im, re))
        }
        m.function("log10", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            return try Complex.make(0.5 * Math.log10(re * re + im * im), log10OfE * Math.atan2(im, re))
        }
        m.function("sqrt", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            // sqrt(|z|) as (re*re + im*im) ** 0.25, the angle halved.
            let root = Math.pow(re * re + im * im, 0.25)
            let theta = 0.5 * Math.atan2(im, re)
            return try Complex.make(root * Math.cos(theta), root * Math.sin(theta))
        }
        m.function("cos", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            return try Complex.make(Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im))
        }
        m.function("sin", 1, 1) { (a, _, _) throws(PyExc) in
            let (re, im) = try Complex.get(a[0])
            return try Complex.make(Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im))
        }
    }

    /// log10(e), the factor that turns a natural-log phase into a base-10 one.
    static let log10OfE = 0.4342944819032518
}
