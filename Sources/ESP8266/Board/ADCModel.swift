/// The analogue inputs: the TOUT pin (ADC(0), 10 bits over 0...1.0 V, so 0...1024) and the
/// supply voltage (ADC(1), system_get_vdd33, in units of 1/1024 V). Tests and virtual hardware
/// set the values.
public final class ADCModel {
    /// The largest TOUT reading (1.0 V).
    public static let maxReading = 1024
    /// Readings per volt for both channels.
    public static let unitsPerVolt = 1024.0
    /// A healthy 3.3 V supply.
    public static let nominalSupplyVolts = 3.3

    /// The raw TOUT reading, 0...1024.
    public var tout = 0 { didSet { tout = min(max(tout, 0), ADCModel.maxReading) } }
    /// The raw supply reading (1/1024 V).
    public var vdd33 = ADCModel.units(volts: ADCModel.nominalSupplyVolts)

    public init() {}

    public static func units(volts: Double) -> Int { Int((volts * unitsPerVolt).rounded()) }

    /// Sets the TOUT pin's voltage (clamped to 0...1.0 V).
    public func setTout(volts: Double) { tout = ADCModel.units(volts: volts) }

    public func powerOn() {
        tout = 0
        vdd33 = ADCModel.units(volts: ADCModel.nominalSupplyVolts)
    }
}
