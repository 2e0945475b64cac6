import Foundation
import Mutation

/// One mutant and how it fared.
struct MutantResult: Codable, Sendable {
    var mutant: Mutant
    var verdict: MutantVerdict

    var killed: Bool { if case .killed = verdict { true } else { false } }
    /// A result that fails the run: a survivor not declared equivalent, or a mutant declared
    /// equivalent that a scenario tells apart after all.
    var isProblem: Bool { mutant.equivalent == killed }
}

/// The outcome of `vmaspec mutate` for one variant: every mutant, the score, the costs.
struct MutationReport: Codable, Sendable {
    var variant: String
    /// Fingerprint of the schema's sources: the report belongs to exactly this code.
    var schemaFingerprint: String
    var results: [MutantResult]
    /// The baseline run of every scenario (no mutant), and the whole run.
    var baselineSeconds: Double
    var buildSeconds: Double
    var totalSeconds: Double

    var killed: Int { results.filter { $0.killed && !$0.mutant.equivalent }.count }
    var equivalent: Int { results.filter(\.mutant.equivalent).count }
    var counted: Int { results.count - equivalent }
    var problems: [MutantResult] { results.filter(\.isProblem) }
    /// Killed among the mutants not declared equivalent.
    var score: Double { counted == 0 ? 1 : Double(killed) / Double(counted) }

    var scoreLine: String {
        let survivors = results.filter { !$0.killed && !$0.mutant.equivalent }.count
        var line = "\(variant): \(killed)/\(counted) mutants killed (\(String(format: "%.0f", score * 100))%)"
        line += ", \(equivalent) declared equivalent, \(survivors) surviving"
        let wrongly = results.filter { $0.killed && $0.mutant.equivalent }.count
        if wrongly > 0 { line += ", \(wrongly) declared equivalent but killed" }
        return line
    }

    /// Two lines per mutant: site, operator and result, then the line of code.
    func table() -> String {
        var out = ""
        for result in results {
            let mutant = result.mutant
            out += "\(mutant.location.padding(toLength: max(38, mutant.location.count + 1), withPad: " ", startingAt: 0))"
            out += "\(mutant.op.rawValue.padding(toLength: 23, withPad: " ", startingAt: 0))\(Self.describe(result))\n"
            out += "    \(mutant.code)    [\(mutant.name)]\n"
        }
        return out
    }

    static func describe(_ result: MutantResult) -> String {
        switch (result.verdict, result.mutant.equivalent) {
        case (.killed(let scenario, let how, _), false): "killed by \(scenario): \(how)"
        case (.killed(let scenario, let how, _), true): "DECLARED EQUIVALENT, BUT \(scenario) KILLS IT: \(how)"
        case (.survived, true), (.notCovered, true): "equivalent (declared)"
        case (.survived(let scenarios), false): "SURVIVED \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s")"
        case (.notCovered, false): "SURVIVED: no scenario reaches it"
        }
    }

    /// The last report of `variant` kept under `scratch`.
    static func stored(variant: String, scratch: URL) -> MutationReport? {
        guard let data = try? Data(contentsOf: location(variant: variant, scratch: scratch)) else { return nil }
        return try? JSONDecoder().decode(MutationReport.self, from: data)
    }

    static func location(variant: String, scratch: URL) -> URL {
        scratch.appendingPathComponent("\(variant)/report.json")
    }

    func store(scratch: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: Self.location(variant: variant, scratch: scratch), options: .atomic)
    }
}
