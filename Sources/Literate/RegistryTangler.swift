/// The CLI's list of variant modules: each module's catalog, under one type the CLI defines.
public enum RegistryTangler {
    /// `modules` pairs a variant name with its module; the CLI defines `VariantEntry` and `ExampleEntry`.
    public static func source(modules: [(name: String, module: String)]) -> String {
        var out = importing(modules)
        out.line("/// Every variant module this build holds, in Package.swift order.")
        out.line("let variantRegistry: [VariantEntry] = [")
        for (name, module) in modules {
            out.line("    VariantEntry(")
            out.line("        name: \(SwiftNames.stringLiteral(name)), module: \(SwiftNames.stringLiteral(module)),")
            out.line("        perVMALock: \(module).VMASpecCatalog.perVMALock,")
            out.line("        examples: \(module).VMASpecCatalog.examples.map {")
            out.line("            ExampleEntry(file: $0.file, line: $0.line, name: $0.name, expected: $0.expected, codeHash: $0.codeHash, outputLine: $0.outputLine, run: $0.run)")
            out.line("        },")
            out.line("        scenarios: \(module).VMASpecCatalog.scenarios,")
            out.line("        makeModel: {")
            out.line("            let mm = \(module).MM()")
            out.line("            return ModelAdapter(")
            out.line("                mmap: { length, writable in try mm.mmap(length: length, prot: writable ? [.read, .write] : [.read]) },")
            out.line("                munmap: { try mm.munmap($0, length: $1) },")
            out.line("                mprotect: { address, length, writable in try mm.mprotect(address, length: length, prot: writable ? [.read, .write] : [.read]) },")
            out.line("                fault: { address, write in mm.fault(at: address, access: write ? .write : .read).path == .vmaLock },")
            out.line("                store: { try mm.store($0, at: $1) },")
            out.line("                stats: { let s = mm.stats; return ModelStats(success: s.success, abort: s.abort, retry: s.retry, miss: s.miss, mmapReadFallbacks: s.mmapReadFallbacks) })")
            out.line("        }")
            out.line("    ),")
        }
        out.line("]")
        return out.text
    }

    /// For the spec test target: every variant's scenarios by name, so that a review's tests can
    /// compare its variant with its base (`scenariosByVariant["rfc"]`).
    public static func testCatalogSource(modules: [(name: String, module: String)]) -> String {
        var out = importing(modules)
        out.line("/// Every variant's scenarios, by variant name.")
        out.line("let scenariosByVariant: [String: [ScenarioDefinition]] = [")
        for (name, module) in modules {
            out.line("    \(SwiftNames.stringLiteral(name)): \(module).VMASpecCatalog.scenarios,")
        }
        out.line("]")
        return out.text
    }

    /// A generated file's header, importing Sched and every variant module.
    static func importing(_ modules: [(name: String, module: String)]) -> SwiftEmitter {
        var out = SwiftEmitter(header: "the variant targets of Package.swift")
        out.line("import Sched")
        for (_, module) in modules { out.line("import \(module)") }
        out.line()
        return out
    }
}
