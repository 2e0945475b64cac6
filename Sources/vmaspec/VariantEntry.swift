import Sched

/// A variant module linked into this binary (the list is tangled from Package.swift's targets).
struct VariantEntry {
    var name: String
    var module: String
    var perVMALock: Bool
    var examples: [ExampleEntry]
    var scenarios: [ScenarioDefinition]

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
struct ExampleEntry {
    var file: String
    var line: Int
    var name: String?
    var expected: String
    var codeHash: String
    var outputLine: Int
    var run: @Sendable () -> String
}
