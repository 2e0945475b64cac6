import Foundation

/// One step of a schedule: which thread did what, and where in the source.
public struct TraceStep: Sendable, Equatable, CustomStringConvertible {
    /// The model thread's name (`setup` and `finally` for the scenario's own phases).
    public let thread: String
    /// What happened, e.g. `down_read_trylock(vma->vm_lock) -> true`.
    public let operation: String
    /// The call site's file, as `#filePath` gave it (a `Spec/` or `Patches/` path for model code).
    public let file: String
    public let line: Int
    /// This step's thread took over from one that could have gone on: a preemption.
    public var preempts: Bool

    public init(thread: String, operation: String, file: String, line: Int, preempts: Bool = false) {
        self.thread = thread
        self.operation = operation
        self.file = file
        self.line = line
        self.preempts = preempts
    }

    public var description: String { "\(preempts ? "(preempts) " : "")[\(thread)] \(operation)  (\(file):\(line))" }
}

/// Why a schedule failed, with the replay token and the trace that leads there.
public struct Failure: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// `BUG_ON` / `WARN_ON` fired, or a primitive was misused (e.g. `up_write` by a non-holder).
        case assertion
        /// `Scenario.check` found its condition false.
        case invariant
        /// Some thread had not finished and none could run.
        case deadlock
        /// The schedule ran past `maxSteps` (livelock, endless retry).
        case stepBound
        /// `RCUObject.access` on an object freed by `call_rcu`.
        case useAfterFree
        /// Two accesses to one location, at least one plain and one a write, unordered by
        /// happens-before (memory models `hb` and `weak` only).
        case dataRace
        /// A thread body, the scenario body or `finally` threw.
        case uncaughtError
        /// A replay token asked for a choice the scenario no longer offers.
        case replayMismatch
    }

    public let kind: Kind
    /// What went wrong, e.g. `BUG: vma is not write-locked`.
    public let message: String
    /// The thread that failed (`setup`, `finally`, or a model thread).
    public let thread: String
    /// Where the failure was raised, when known.
    public let file: String?
    public let line: Int?
    /// Feeds `Explorer.replay` to re-run exactly this schedule.
    public let replayToken: String
    /// Every step of the schedule up to the failure.
    public let trace: [TraceStep]

    public var location: String? { file.map { "\($0):\(line ?? 0)" } }

    public var description: String {
        var text = "\(kind.rawValue) in \(thread): \(message)"
        if let location { text += " at \(location)" }
        text += "\nreplay token: \(replayToken)"
        for (index, step) in trace.enumerated() { text += "\n  \(index + 1). \(step)" }
        return text
    }
}

/// Overall result of an exploration.
public enum Verdict: Sendable, Equatable {
    case passed
    case failed(Failure)

    public var failure: Failure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}

/// What `Explorer.explore` and `Explorer.replay` return.
public struct ExplorationReport: Sendable, CustomStringConvertible {
    public let scenario: String
    public let verdict: Verdict
    /// Schedules run (for replay: 1).
    public let schedulesExplored: Int
    public let elapsed: Duration
    /// True when DFS covered every schedule within its preemption bound.
    public let exhaustive: Bool
    /// The strategy, e.g. `dfs(preemptionBound: 2)`.
    public let strategy: String
    /// Whether the verdict is what the scenario declares (`expect: .fail` wants a failure).
    public let meetsExpectation: Bool
    /// For depth-first search: the schedules counted by prefix and the failing one's prefix (see
    /// `Shard`), so that shards' reports add up to one undivided run's (`ShardTally.combine`).
    public var tally = ShardTally()

    public var failurePrefix: Int? { tally.failurePrefix.flatMap { $0 >= 0 ? $0 : nil } }

    /// One line for a pass (`passed: 192 schedules, exhaustive, dfs(preemptionBound: 2), 0.03 s`), or the failure with its trace.
    public var description: String {
        let seconds = elapsed.inSeconds
        let timing = "\(schedulesExplored) schedule\(schedulesExplored == 1 ? "" : "s")\(exhaustive ? ", exhaustive" : ""), \(strategy), \(String(format: "%.2f", seconds)) s"
        switch verdict {
        case .passed: return "\(scenario): passed: \(timing)"
        case .failed(let failure): return "\(scenario): failed after \(timing)\n\(failure)"
        }
    }

    public var schedulesPerSecond: Double {
        let seconds = elapsed.inSeconds
        return seconds > 0 ? Double(schedulesExplored) / seconds : 0
    }
}

/// Progress of a running exploration, delivered to `ExplorerConfig.progress`.
public struct ExplorerProgress: Sendable {
    public let schedulesExplored: Int
    public let elapsed: Duration
}

extension Duration {
    /// The duration in seconds, as a `Double` (for rates and reports).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
