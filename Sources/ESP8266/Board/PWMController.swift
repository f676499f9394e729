/// The firmware's software PWM: up to 8 channels on GPIO 0, 2, 4, 5, 12, 13, 14 and 15, one
/// frequency for all of them (1...1000 Hz, 500 at start), a 10-bit duty per channel (0...1023).
/// The model keeps the state a program can read back; it does not toggle the pads.
public final class PWMController {
    /// The pins the PWM timer can drive, in channel order.
    public static let pins = [0, 2, 4, 5, 12, 13, 14, 15]
    public static let minFrequency = 1
    public static let maxFrequency = 1000
    public static let defaultFrequency = 500
    /// The largest duty (PWM_DEPTH).
    public static let maxDuty = 1023

    /// The shared frequency in Hz.
    public private(set) var frequency = PWMController.defaultFrequency
    /// Duty of each active pin (pins without PWM are absent).
    public private(set) var duty: [Int: Int] = [:]
    /// The order channels were added (the firmware's channel table).
    public private(set) var active: [Int] = []
    /// True once the PWM timer was started (pwm_init).
    public private(set) var started = false

    public init() {}

    public func powerOn() {
        frequency = PWMController.defaultFrequency
        duty.removeAll()
        active.removeAll()
        started = false
    }

    public static func supports(_ pin: Int) -> Bool { pins.contains(pin) }

    /// Starts the PWM timer (the first PWM object does it).
    public func start() {
        if !started { started = true; frequency = PWMController.defaultFrequency }
    }

    /// Adds `pin` as a channel (duty 0 when new); false if the pin can't do PWM.
    @discardableResult
    public func add(_ pin: Int) -> Bool {
        guard PWMController.supports(pin) else { return false }
        if duty[pin] == nil { duty[pin] = 0; active.append(pin) }
        return true
    }

    public func remove(_ pin: Int) {
        duty[pin] = nil
        active.removeAll { $0 == pin }
    }

    public func isActive(_ pin: Int) -> Bool { duty[pin] != nil }

    /// pwm_set_freq: the value is taken as 16 bits, then clamped to 1...1000.
    public func setFrequency(_ hz: Int) {
        let f = Int(UInt16(truncatingIfNeeded: hz))
        frequency = min(max(f, PWMController.minFrequency), PWMController.maxFrequency)
    }

    /// pwm_set_duty: 16-bit signed, clamped to 0...1023; ignored for a pin without a channel.
    public func setDuty(_ pin: Int, _ value: Int) {
        guard duty[pin] != nil else { return }
        let d = Int(Int16(truncatingIfNeeded: value))
        duty[pin] = min(max(d, 0), PWMController.maxDuty)
    }

    public func dutyOf(_ pin: Int) -> Int { duty[pin] ?? 0 }
}
