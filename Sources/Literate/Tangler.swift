/// Writes the Swift of one variant: per document, the model code (with its scenarios) and the
/// examples; per variant, a catalog of examples and scenarios; and the tests of the spec test target.
public struct Tangler: Sendable {
    public let variant: Variant

    public init(variant: Variant) {
        self.variant = variant
    }

    /// The generated file names of `document` in a variant target.
    public static func modelFileName(_ document: Document) -> String { "\(document.identifier).swift" }
    public static func examplesFileName(_ document: Document) -> String { "\(document.identifier).examples.swift" }
    public static let catalogFileName = "Catalog.swift"

    /// Model code and scenario definitions of `document`; `rewrite` may change a block's code
    /// line for line (mutation testing does), so its `#sourceLocation` stays true.
    public func modelSource(_ document: Document, rewrite: (Variant.TangledBlock) -> String = \.code) -> String {
        var out = SwiftEmitter(header: "\(document.path) for variant \(variant.name)")
        out.line("import Sched")
        out.line()
        for var block in variant.modelBlocks(in: document) {
            block.code = rewrite(block)
            out.block(block)
        }
        let scenarios = variant.blocks(in: document) { if case .scenario = $0 { true } else { false } }
        for block in scenarios {
            out.line()
            out.line("private func scenario_\(block.source.line)(_ scenario: Scenario) throws {")
            if case .scenario(let s) = block.source.role, let bits = s.counterBits {
                out.line("    let counterBits = \(bits)  // from the scenario's counterBits=")
            }
            out.located(block.code, file: block.source.file, line: block.source.firstCodeLine)
            out.line("}")
        }
        out.line()
        out.line("let \(document.identifier)_scenarios: [ScenarioDefinition] = [")
        for block in scenarios {
            guard case .scenario(let s) = block.source.role else { continue }
            let bound = s.bound.map(String.init) ?? "nil"
            let steps = s.steps.map(String.init) ?? "nil"
            let sampling = s.pct.map { ".pct(iterations: \($0.iterations), depth: \($0.depth), seed: \($0.seed))" } ?? "nil"
            let expect = variant.project.expectsFailure(s, in: variant.name) ? "fail" : "pass"
            let failure = s.failure.map { ".\($0)" } ?? "nil"
            let memory = s.memory.map { ".\($0)" } ?? "nil"
            out.line("    ScenarioDefinition(name: \(SwiftNames.stringLiteral(s.name)), expect: .\(expect), expectedFailure: \(failure), bound: \(bound), maxSteps: \(steps), sampling: \(sampling), memory: \(memory), file: \(SwiftNames.stringLiteral(block.source.file)), line: \(block.source.line), body: scenario_\(block.source.line)),")
        }
        out.line("]")
        return out.text
    }

    /// The examples of `document`, each a function whose `print` is captured.
    public func examplesSource(_ document: Document) -> String {
        var out = SwiftEmitter(header: "\(document.path) for variant \(variant.name)")
        out.line("import Sched")
        out.line("import Synchronization")
        out.line()
        out.line("/// What the example running now printed; `print` in this file writes here, not to stdout.")
        out.line("private let capturedOutput = Mutex<String>(\"\")")
        out.line()
        out.line("private func print(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\") {")
        out.line("    let text = items.map { String(describing: $0) }.joined(separator: separator) + terminator")
        out.line("    capturedOutput.withLock { $0 += text }")
        out.line("}")
        out.line()
        out.line("private func capture(_ body: () throws -> Void) -> String {")
        out.line("    exampleLock.withLock { _ in")
        out.line("        capturedOutput.withLock { $0 = \"\" }")
        out.line("        do { try body() } catch { print(\"uncaught error: \\(error)\") }")
        out.line("        return capturedOutput.withLock { $0 }")
        out.line("    }")
        out.line("}")
        let examples = examplePairs(in: document)
        for (example, _) in examples {
            out.line()
            out.line("private func example_\(example.source.line)() throws {")
            out.located(example.code, file: example.source.file, line: example.source.firstCodeLine)
            out.line("}")
        }
        out.line()
        out.line("let \(document.identifier)_examples: [VMASpecExample] = [")
        for (example, output) in examples {
            guard case .example(let name) = example.source.role else { continue }
            out.line("    VMASpecExample(file: \(SwiftNames.stringLiteral(example.source.file)), line: \(example.source.line), name: \(name.map(SwiftNames.stringLiteral) ?? "nil"), expected: \(SwiftNames.stringLiteral(output.code)), codeHash: \(SwiftNames.stringLiteral(Fingerprint.of(example.source.code))), outputLine: \(output.source.line), run: { capture(example_\(example.source.line)) }),")
        }
        out.line("]")
        return out.text
    }

    /// Examples of `document` this variant compiles, each with its (renamed) output block.
    func examplePairs(in document: Document) -> [(Variant.TangledBlock, Variant.TangledBlock)] {
        let blocks = variant.blocks(in: document) {
            switch $0 {
            case .example, .output: true
            default: false
            }
        }
        var pairs: [(Variant.TangledBlock, Variant.TangledBlock)] = []
        var pending: Variant.TangledBlock?
        for block in blocks {
            if case .example = block.source.role { pending = block }
            if case .output = block.source.role, let example = pending {
                pairs.append((example, block))
                pending = nil
            }
        }
        return pairs
    }

    /// The variant's catalog: every document's examples and scenarios, and the example type.
    public func catalogSource(documents: [String]) -> String {
        var out = SwiftEmitter(header: "the document list for variant \(variant.name)")
        out.line("import Sched")
        out.line("import Synchronization")
        out.line()
        out.line("/// Runs one example at a time: examples share the model's globals and their captured output.")
        out.line("let exampleLock = Mutex<Void>(())")
        out.line()
        out.line("/// A `swift example` block of the spec, with the `output` block that follows it.")
        out.line("public struct VMASpecExample: Sendable {")
        out.line("    public let file: String")
        out.line("    public let line: Int")
        out.line("    public let name: String?")
        out.line("    public let expected: String")
        out.line("    /// Fingerprint of the example's code, to find it again in an edited Markdown file.")
        out.line("    public let codeHash: String")
        out.line("    public let outputLine: Int")
        out.line("    /// Runs the example and returns what it printed.")
        out.line("    public let run: @Sendable () -> String")
        out.line("}")
        out.line()
        out.line("/// What the spec compiled into this module, for the CLI and the tests.")
        out.line("public enum VMASpecCatalog {")
        out.line("    public static let variant = \(SwiftNames.stringLiteral(variant.name))")
        out.line("    /// Whether this module was built with CONFIG_PER_VMA_LOCK (the PER_VMA_LOCK condition).")
        out.line("    #if PER_VMA_LOCK")
        out.line("    public static let perVMALock = true")
        out.line("    #else")
        out.line("    public static let perVMALock = false")
        out.line("    #endif")
        let identifiers = documents.map(Document.identifier(forPath:))
        out.line("    public static let examples: [VMASpecExample] = [\(identifiers.map { "\($0)_examples" }.joined(separator: ", "))].flatMap { $0 }")
        out.line("    public static let scenarios: [ScenarioDefinition] = [\(identifiers.map { "\($0)_scenarios" }.joined(separator: ", "))].flatMap { $0 }")
        out.line("}")
        return out.text
    }
}
