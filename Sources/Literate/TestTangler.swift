/// Writes the spec test target's Swift for one variant: the `swift test` blocks of each document,
/// the shared behaviour suite, and the checks of every example and scenario.
///
/// Each variant's tests live in their own namespace (`Variant_rfc`) in files that import only that
/// variant's module, so one test target runs the same tests against every variant.
public struct TestTangler: Sendable {
    public let variant: Variant
    /// The Swift module of the variant (`VMALockRFC`).
    public let module: String

    public init(variant: Variant, module: String) {
        self.variant = variant
        self.module = module
    }

    public var namespace: String { "Variant_" + SwiftNames.identifier(variant.name) }

    /// A bug put back in: only its bug suite runs (its tests and examples would trap or differ).
    public var mustFail: Review? {
        variant.ownReview.flatMap { $0.header.kind == .bug ? $0 : nil }
    }

    private func skipped(_ origin: String) -> String {
        var out = SwiftEmitter(header: "\(origin) for variant \(variant.name)")
        out.line("// \(variant.name) is a must-fail variant: it runs only the scenarios that must catch its bug.")
        return out.text
    }

    private func header(_ origin: String) -> SwiftEmitter {
        var out = SwiftEmitter(header: "\(origin) for variant \(variant.name)")
        out.line("import Foundation")
        out.line("import Literate")
        out.line("import Sched")
        out.line("import Testing")
        out.line("@testable import \(module)")
        out.line()
        return out
    }

    /// The `swift test` blocks of `document`, in one suite.
    public func testsSource(_ document: Document) -> String {
        if mustFail != nil { return skipped(document.path) }
        var out = header(document.path)
        let tests = variant.blocks(in: document) { if case .test = $0 { true } else { false } }
        out.line("extension \(namespace) {")
        out.line("@Suite(\(SwiftNames.stringLiteral(document.path))) struct \(document.identifier) {")
        for block in tests { out.block(block) }
        out.line("}")
        out.line("}")
        return out.text
    }

    /// A file of the shared behaviour suite, compiled against this variant.
    public func behaviourSource(path: String, text: String) -> String {
        if mustFail != nil { return skipped(path) }
        var out = header(path)
        out.line("extension \(namespace) {")
        out.line("@Suite(\(SwiftNames.stringLiteral(path))) struct \(Self.behaviourIdentifier(path)) {")
        out.located(text, file: path, line: 1)
        out.line("}")
        out.line("}")
        return out.text
    }

    static func behaviourIdentifier(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "Behaviour_" + SwiftNames.identifier(name.hasSuffix(".swift") ? String(name.dropLast(6)) : name)
    }

    /// The variant's namespace, and one test for each example and each scenario it compiles, so
    /// that every one is reported (and counted by `vmaspec review`) on its own.
    public func suiteSource() -> String {
        if let bug = mustFail { return bugSuiteSource(bug) }
        var out = header("the variant catalog")
        out.line("@Suite(\(SwiftNames.stringLiteral(variant.name))) enum \(namespace) {}")
        out.line()
        out.line("extension \(namespace) {")
        out.line("@Suite(\"examples\") struct Examples {")
        out.line("    func check(_ file: String, _ line: Int) throws {")
        out.line("        let example = try #require(VMASpecCatalog.examples.first { $0.file == file && $0.line == line })")
        out.line("        let actual = example.run()")
        out.line("        guard actual != example.expected else { return }")
        out.line("        let diff = OutputDiff.unified(expected: example.expected, actual: actual, expectedStart: example.outputLine + 1)")
        out.line("        Issue.record(Comment(rawValue: \"example output differs from the output block at \\(file):\\(example.outputLine):\\n\\(diff)\"),")
        out.line("                     sourceLocation: SourceLocation(fileID: \"\(module)/\\(file)\", filePath: file, line: line, column: 1))")
        out.line("    }")
        let tangler = Tangler(variant: variant)
        for document in variant.documents {
            for (example, _) in tangler.examplePairs(in: document) {
                let name = example.source.info["name"].map { " \($0)" } ?? ""
                out.line("    @Test(\(SwiftNames.stringLiteral("\(example.source.position)\(name)"))) func \(document.identifier)_\(example.source.line)() throws {")
                out.line("        try check(\(SwiftNames.stringLiteral(example.source.file)), \(example.source.line))")
                out.line("    }")
            }
        }
        out.line("}")
        out.line()
        out.line("@Suite(\"scenarios\") struct Scenarios {")
        out.line("    func check(_ name: String) throws {")
        out.line("        let scenario = try #require(VMASpecCatalog.scenarios.first { $0.name == name })")
        out.line("        let report = Explorer.explore(scenario, config: .declared(by: scenario))")
        out.line("        guard report.meetsExpectation else {")
        out.line("            Issue.record(Comment(rawValue: \"scenario '\\(name)' expected to \\(scenario.expect.rawValue): \\(report)\"),")
        out.line("                         sourceLocation: SourceLocation(fileID: \"\(module)/\\(scenario.file)\", filePath: scenario.file, line: scenario.line, column: 1))")
        out.line("            return")
        out.line("        }")
        out.line("        // An expected failure must replay, from its token, to the same trace.")
        out.line("        if let failure = report.verdict.failure {")
        out.line("            #expect(Explorer.replay(scenario, token: failure.replayToken).verdict.failure?.trace == failure.trace, \"\\(name) does not replay\")")
        out.line("        }")
        out.line("    }")
        for document in variant.documents {
            for block in variant.blocks(in: document, where: { if case .scenario = $0 { true } else { false } }) {
                guard case .scenario(let scenario) = block.source.role else { continue }
                out.line("    @Test(\(SwiftNames.stringLiteral("\(scenario.name) (\(block.source.position))"))) func \(SwiftNames.identifier(scenario.name))() throws {")
                out.line("        try check(\(SwiftNames.stringLiteral(scenario.name)))")
                out.line("    }")
            }
        }
        out.line("}")
        out.line("}")
        return out.text
    }

    /// The scenarios a bug names must each pass on the bug's base variant (or they could not show
    /// the bug), fail within their bound on the bug's variant, and replay to the same trace.
    func bugSuiteSource(_ bug: Review) -> String {
        var out = header(bug.document.path)
        let position = bug.header.line(of: "catches")
        let base = SwiftNames.stringLiteral(bug.header.base)
        out.line("@Suite(\(SwiftNames.stringLiteral(variant.name))) enum \(namespace) {}")
        out.line()
        out.line("extension \(namespace) {")
        out.line("@Suite(\"the bug is caught\") struct Caught {")
        out.line("    @Test(\"each scenario it names fails within its bound\", arguments: [\(bug.header.catches.map(SwiftNames.stringLiteral).joined(separator: ", "))])")
        out.line("    func caught(_ name: String) throws {")
        out.line("        let baseScenario = try #require(scenariosByVariant[\(base)]?.first { $0.name == name })")
        out.line("        let baseReport = Explorer.explore(baseScenario, config: .declared(by: baseScenario))")
        out.line("        guard baseReport.verdict == .passed else {")
        out.line("            Issue.record(Comment(rawValue: \"\\(name) fails on \\(\(base)) already, so it cannot show this bug: \\(baseReport)\"),")
        out.line("                         sourceLocation: SourceLocation(fileID: \"\(module)/\(position.file)\", filePath: \(SwiftNames.stringLiteral(position.file)), line: \(position.line), column: 1))")
        out.line("            return")
        out.line("        }")
        out.line("        let scenario = try #require(VMASpecCatalog.scenarios.first { $0.name == name })")
        out.line("        let report = Explorer.explore(scenario, config: .declared(by: scenario))")
        out.line("        guard let failure = report.verdict.failure else {")
        out.line("            Issue.record(Comment(rawValue: \"\\(name) did not catch the bug: \\(report)\"),")
        out.line("                         sourceLocation: SourceLocation(fileID: \"\(module)/\(position.file)\", filePath: \(SwiftNames.stringLiteral(position.file)), line: \(position.line), column: 1))")
        out.line("            return")
        out.line("        }")
        out.line("        #expect(failure.kind != .replayMismatch)")
        out.line("        #expect(Explorer.replay(scenario, token: failure.replayToken).verdict.failure?.trace == failure.trace)")
        out.line("    }")
        out.line("}")
        out.line("}")
        return out.text
    }
}
