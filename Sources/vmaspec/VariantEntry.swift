import Sched

/// A variant module linked into this binary (the list is tangled from Package.swift's targets).
struct VariantEntry: Sendable {
    var name: String
    var module: String
    var perVMALock: Bool
    var examples: [ExampleEntry]
    var scenarios: [ScenarioDefinition]
    /// A fresh `MM` of this variant, seen through the public surface every variant exports.
    var makeModel: @Sendable () -> ModelAdapter

    /// Build configurations that tangle as another variant (`rfc-nopvl` → `rfc`): they compile the
    /// same text with other settings.
    static var configurations: [String: String] {
        ["rfc-nopvl": "rfc"]
    }

    static func named(_ name: String) throws -> VariantEntry {
        guard let entry = variantRegistry.first(where: { $0.name == name }) else {
            throw LiterateErrorBridge.unknownVariant(name)
        }
        return entry
    }
}

/// An example compiled into a variant module.
struct ExampleEntry: Sendable {
    var file: String
    var line: Int
    var name: String?
    var expected: String
    var codeHash: String
    var outputLine: Int
    var run: @Sendable () -> String
}

/// The public surface of DESIGN.md section 4, as closures, so tools can drive any variant's `MM`.
struct ModelAdapter: Sendable {
    var mmap: @Sendable (_ length: UInt64, _ writable: Bool) throws -> UInt64
    var munmap: @Sendable (_ start: UInt64, _ length: UInt64) throws -> Void
    var mprotect: @Sendable (_ start: UInt64, _ length: UInt64, _ writable: Bool) throws -> Void
    /// Faults at the address; true when the VMA lock handled it.
    var fault: @Sendable (_ address: UInt64, _ write: Bool) -> Bool
    var store: @Sendable (_ value: UInt8, _ address: UInt64) throws -> Void
    var stats: @Sendable () -> ModelStats
}

/// `VMALockStats` of any variant.
struct ModelStats: Encodable, Sendable {
    var success, abort, retry, miss, mmapReadFallbacks: Int
}
