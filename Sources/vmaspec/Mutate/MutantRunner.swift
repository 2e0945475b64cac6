import Foundation
import Mutation
import Synchronization

/// What one scenario did in one run of the schema's runner (its JSON line).
struct RunnerOutcome: Codable, Sendable {
    var scenario: String
    var failure: String?
    var location: String?
    var message: String?
    var token: String?
    var schedules: Int
    var seconds: Double
    var reached: [Int]?

    /// What a mutant must change to be told apart: the verdict, and where a failure was raised.
    var signature: String { failure.map { "\($0) at \(location ?? "?")" } ?? "passed" }
}

/// How one mutant fared.
enum MutantVerdict: Codable, Sendable, Equatable {
    /// A scenario ended differently: `how` says what it did, `token` replays it.
    case killed(scenario: String, how: String, token: String?)
    /// Every scenario that reaches the site ended as on the variant.
    case survived(scenarios: [String])
    /// No scenario reaches the site.
    case notCovered
}

/// Runs the schema's executable in child processes: once without a mutant (the baseline, with
/// which sites each scenario reaches), then once per mutant, so that a trap or a hang in a mutant
/// is that mutant's result and not the tool's end.
struct MutantRunner: Sendable {
    let executable: URL
    /// Longest a mutant may run before it counts as killed by a hang.
    let timeout: TimeInterval

    func baseline() throws -> [RunnerOutcome] {
        let run = try launch(environment: ["VMASPEC_COVERAGE": "1"], scenarios: [])
        guard run.status == 0 else { throw MutationError.runnerFailed(run.errors) }
        return run.outcomes
    }

    /// Runs the scenarios that reach `mutant`'s site, cheapest first, until one tells it apart.
    func verdict(_ mutant: Mutant, baseline: [RunnerOutcome]) -> MutantVerdict {
        let covering = baseline.filter { $0.reached?.contains(mutant.id) ?? false }.sorted { $0.seconds < $1.seconds }
        guard !covering.isEmpty else { return .notCovered }
        let expected = Dictionary(uniqueKeysWithValues: covering.map { ($0.scenario, $0.signature) })
        var killed: MutantVerdict?
        let run = try? launch(environment: ["VMASPEC_MUTANT": String(mutant.id)], scenarios: covering.map(\.scenario)) { outcome in
            guard outcome.signature != expected[outcome.scenario] else { return false }
            killed = .killed(scenario: outcome.scenario, how: outcome.signature, token: outcome.token)
            return true
        }
        if let killed { return killed }
        guard let run else { return .killed(scenario: covering[0].scenario, how: "the runner did not start", token: nil) }
        if run.timedOut || run.status != 0 {
            let next = covering.dropFirst(run.outcomes.count).first?.scenario ?? covering[0].scenario
            let how = run.timedOut ? "no result in \(Int(timeout)) s" : "the process died (status \(run.status))"
            return .killed(scenario: next, how: how, token: nil)
        }
        return .survived(scenarios: covering.map(\.scenario))
    }

    struct Run {
        var outcomes: [RunnerOutcome] = []
        var status: Int32 = 0
        var timedOut = false
        var errors = ""
    }

    /// Starts the runner and reads its outcomes as they come; `stop` ends it early. Standard
    /// error goes to a file, so that a long crash report cannot fill a pipe nobody reads.
    private func launch(environment: [String: String], scenarios: [String],
                        stop: (RunnerOutcome) -> Bool = { _ in false }) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = scenarios
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }) { $1 }
        let output = Pipe()
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("vmaspec-mutant-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let fired = TimeoutFlag()
        let deadline = DispatchWorkItem {
            guard process.isRunning else { return }
            fired.value.store(true, ordering: .relaxed)
            process.terminate()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        var run = Run()
        var pending = Data()
        reading: while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = pending[(newline + 1)...]
                guard let outcome = try? JSONDecoder().decode(RunnerOutcome.self, from: line) else { continue }
                run.outcomes.append(outcome)
                if stop(outcome) {
                    process.terminate()
                    break reading
                }
            }
        }
        process.waitUntilExit()
        deadline.cancel()
        run.status = process.terminationStatus
        run.timedOut = fired.value.load(ordering: .relaxed)
        run.errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return run
    }
}

/// Set when a runner was stopped for running too long.
private final class TimeoutFlag: Sendable {
    let value = Atomic<Bool>(false)
}
