import Synchronization

/// What the explorers of one run share: the limits, the schedule count, and the lowest prefix
/// (see `Shard`) at which one of them failed, past which the others need not look.
final class ExplorationRun: Sendable {
    let start = ContinuousClock().now
    let firstFailingPrefix = Atomic<Int>(.max)
    private let schedules = Atomic<Int>(0)
    private let lastProgress: Mutex<ContinuousClock.Instant>
    private let maxSchedules: Int?
    private let maxDuration: Duration?
    private let progress: (@Sendable (ExplorerProgress) -> Void)?

    init(config: ExplorerConfig) {
        maxSchedules = config.maxSchedules
        maxDuration = config.maxDuration
        progress = config.progress
        lastProgress = Mutex(start)
    }

    /// False once the run has its schedules or its time.
    func withinLimits() -> Bool {
        if let maxSchedules, schedules.load(ordering: .relaxed) >= maxSchedules { return false }
        if let maxDuration, ContinuousClock().now - start >= maxDuration { return false }
        return true
    }

    /// Counts one judged schedule; reports progress about every half second.
    func counted() {
        let count = schedules.add(1, ordering: .relaxed).newValue
        guard let progress else { return }
        let now = ContinuousClock().now
        let due = lastProgress.withLock { last in
            guard now - last > .milliseconds(500) else { return false }
            last = now
            return true
        }
        if due { progress(ExplorerProgress(schedulesExplored: count, elapsed: now - start)) }
    }
}

/// What one explorer of a run found.
struct ShardOutcome {
    var tally = ShardTally()
    var failure: Failure?

    init() {}

    /// The parts of one tree together (see `ShardTally.combine`).
    init(combining parts: [ShardOutcome]) {
        let combined = ShardTally.combine(parts.map(\.tally))
        tally = combined.tally
        failure = combined.failing.flatMap { parts[$0].failure }
    }
}

/// What a part of a depth-first run counted, by prefix (see `Shard`), so that parts explored
/// apart (on threads, processes or machines) add up to what one undivided run reports.
public struct ShardTally: Sendable, Equatable {
    /// Schedules counted, by the number of their prefix.
    public var schedulesByPrefix: [Int: Int]
    /// The prefix of the part's failing schedule, if it failed.
    public var failurePrefix: Int?
    public var exhaustive: Bool
    /// All schedules counted (a combined tally's count, which `schedulesByPrefix` does not hold).
    public var schedules: Int

    public init(schedulesByPrefix: [Int: Int] = [:], failurePrefix: Int? = nil, exhaustive: Bool = false) {
        self.schedulesByPrefix = schedulesByPrefix
        self.failurePrefix = failurePrefix
        self.exhaustive = exhaustive
        schedules = schedulesByPrefix.values.reduce(0, +)
    }

    mutating func count(prefix: Int) {
        schedulesByPrefix[prefix, default: 0] += 1
        schedules += 1
    }

    /// The parts of one tree as one run: the failing part is the one of the lowest failing prefix
    /// (the failure one explorer meets first), and the count is what that explorer would have
    /// run: every schedule of a lower prefix, and the failing prefix's up to the failure. Without
    /// a failure: every schedule, exhaustive when every part was.
    public static func combine(_ parts: [ShardTally]) -> (tally: ShardTally, failing: Int?) {
        let failing = parts.indices.filter { parts[$0].failurePrefix != nil }.min { parts[$0].failurePrefix! < parts[$1].failurePrefix! }
        guard let failing, let prefix = parts[failing].failurePrefix else {
            let all = parts.reduce(into: [Int: Int]()) { sum, part in sum.merge(part.schedulesByPrefix, uniquingKeysWith: +) }
            return (ShardTally(schedulesByPrefix: all, exhaustive: parts.allSatisfy(\.exhaustive)), nil)
        }
        var before = parts.reduce(into: [Int: Int]()) { sum, part in
            sum.merge(part.schedulesByPrefix.filter { $0.key < prefix }, uniquingKeysWith: +)
        }
        before[prefix] = parts[failing].schedulesByPrefix[prefix, default: 0]
        return (ShardTally(schedulesByPrefix: before, failurePrefix: prefix, exhaustive: false), failing)
    }
}
