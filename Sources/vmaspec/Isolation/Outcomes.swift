import Foundation
import Sched

// What a worker process sends back (Isolation/WorkerRunner.swift). Plain Codable values, so a
// result crosses the process boundary whole; this file and the worker's depend only on
// Foundation and Sched, so tests can build a worker of their own around a tangled fixture.

/// How one example ran: what it printed, or how it crashed.
struct ExampleOutcome: Codable, Sendable {
    var file: String
    var line: Int
    var name: String?
    var codeHash: String
    var outputLine: Int
    /// What the example printed (nil when it crashed).
    var output: String?
    var crash: CrashOutcome?
}

/// One scenario's exploration, as `ExplorationReport` says it, or its crash.
struct ScenarioOutcome: Codable, Sendable {
    var name: String
    var file: String
    var line: Int
    var expect: String
    var schedules: Int
    var seconds: Double
    var exhaustive: Bool
    var strategy: String
    /// Whether the verdict is what the scenario's `expect=` (and `failure=`) asks for.
    var meetsExpectation: Bool
    var failure: FailureOutcome?
    /// Set when a schedule crashed the worker; such a run never meets an expectation.
    var crash: CrashOutcome?
    /// For depth-first search: the schedules by prefix, so shards' reports merge (`explore --merge`).
    var tally: TallyOutcome?
    /// With `explore --minimize`: the failure's smallest schedule.
    var minimized: MinimizedOutcome?

    init(_ report: ExplorationReport, scenario: ScenarioDefinition) {
        name = scenario.name
        file = scenario.file
        line = scenario.line
        expect = scenario.expect.rawValue
        schedules = report.schedulesExplored
        seconds = report.elapsed.inSeconds
        exhaustive = report.exhaustive
        strategy = report.strategy
        meetsExpectation = report.meetsExpectation
        failure = report.verdict.failure.map(FailureOutcome.init)
        tally = report.tally.schedulesByPrefix.keys.contains { $0 >= 0 } ? TallyOutcome(report.tally) : nil
    }

    init(crashed scenario: ScenarioIdentity, crash: CrashOutcome, strategy: String) {
        name = scenario.name
        file = scenario.file
        line = scenario.line
        expect = scenario.expect
        schedules = 0
        seconds = 0
        exhaustive = false
        self.strategy = strategy
        meetsExpectation = false
        failure = nil
        self.crash = crash
    }
}

/// Which scenario an item of a worker's list is, before it runs.
struct ScenarioIdentity: Codable, Sendable {
    var name: String
    var file: String
    var line: Int
    var expect: String
}

struct FailureOutcome: Codable, Sendable {
    var kind: String
    var message: String
    var thread: String
    var file: String?
    var line: Int?
    var replayToken: String
    var trace: [TraceStepOutcome]

    init(_ failure: Failure) {
        kind = failure.kind.rawValue
        message = failure.message
        thread = failure.thread
        file = failure.file
        line = failure.line
        replayToken = failure.replayToken
        trace = failure.trace.map(TraceStepOutcome.init)
    }

    var location: String? { file.map { "\($0):\(line ?? 0)" } }
}

struct TraceStepOutcome: Codable, Sendable, Equatable, CustomStringConvertible {
    var thread: String
    var operation: String
    var file: String
    var line: Int
    /// The step's thread took over from one that could have gone on.
    var preempts: Bool?

    init(_ step: TraceStep) {
        thread = step.thread
        operation = step.operation
        file = step.file
        line = step.line
        preempts = step.preempts ? true : nil
    }

    var description: String { "\(preempts == true ? "(preempts) " : "")[\(thread)] \(operation)  (\(file):\(line))" }
}

/// `ShardTally` as JSON: `[prefix, schedules]` pairs.
struct TallyOutcome: Codable, Sendable, Equatable {
    var schedulesByPrefix: [[Int]]
    var failurePrefix: Int?

    init(_ tally: ShardTally) {
        schedulesByPrefix = tally.schedulesByPrefix.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        failurePrefix = tally.failurePrefix
    }

    func tally(exhaustive: Bool) -> ShardTally {
        ShardTally(schedulesByPrefix: Dictionary(schedulesByPrefix.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }, uniquingKeysWith: +),
                   failurePrefix: failurePrefix, exhaustive: exhaustive)
    }
}

/// `Explorer.minimize`'s result: the two schedules' costs and the smaller one's failure.
struct MinimizedOutcome: Codable, Sendable {
    var original: String
    var minimized: String
    var schedulesTried: Int
    var failure: FailureOutcome

    init?(_ shrunk: Minimization) {
        guard let failure = shrunk.report.verdict.failure else { return nil }
        original = shrunk.original.description
        minimized = shrunk.minimized.description
        schedulesTried = shrunk.schedulesTried
        self.failure = FailureOutcome(failure)
    }
}

/// A trap (or other fatal signal) in example or scenario code, as the dying worker and its
/// standard error describe it.
struct CrashOutcome: Codable, Sendable {
    /// The signal that ended the worker (`SIGILL` for a Swift trap).
    var signal: String
    /// The runtime's own words, e.g. `Fatal error: Index out of range`.
    var message: String
    /// The innermost Markdown line on the crashing thread's stack, when the backtrace names one.
    var location: String?
    /// For a scenario: the model thread that crashed, and the token that replays the schedule.
    var thread: String?
    var replayToken: String?
    var trace: [TraceStepOutcome] = []
}
