import Storage

/// The filesystems the native Vfs classes offer: VfsLfs2 and VfsFat as on the ESP8266, plus
/// VfsLfs1 and VfsPosix when the port has host filesystems (as MicroPython's unix port has it).
extension NativeVfs {
    static func registerDrivers(hostFilesystems: Bool) {
        drivers = []
        if hostFilesystems {
            drivers.append(VfsDriver(
                name: "VfsLfs1", kind: .littlefs,
                format: { (dev, o) throws(StorageError) in try LittleFS1.format(dev, configuration: lfs1(o)) },
                mount: { (dev, o) throws(StorageError) in try LittleFS1(mounting: dev, configuration: lfs1(o)) }))
        }
        drivers.append(VfsDriver(
            name: "VfsLfs2", kind: .littlefs,
            format: { (dev, o) throws(StorageError) in try LittleFS2.format(dev, configuration: lfs2(o)) },
            mount: { (dev, o) throws(StorageError) in try LittleFS2(mounting: dev, configuration: lfs2(o)) }))
        if hostFilesystems { drivers.append(VfsDriver(name: "VfsPosix", kind: .posix)) }
        drivers.append(VfsDriver(
            name: "VfsFat", kind: .fat,
            format: { (dev, _) throws(StorageError) in try FATFileSystem.format(dev, clock: clockNanoseconds) },
            mount: { (dev, _) throws(StorageError) in try FATFileSystem(mounting: dev, clock: clockNanoseconds) }))
    }

    static func lfs1(_ o: VfsOptions) -> LittleFS1.Configuration {
        LittleFS1.Configuration(readSize: o.readSize, progSize: o.progSize, lookahead: o.lookahead)
    }

    static func lfs2(_ o: VfsOptions) -> LittleFS2.Configuration {
        LittleFS2.Configuration(readSize: o.readSize, progSize: o.progSize, lookaheadSize: o.lookahead)
    }
}
