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
    var schedules = 0
    var exhaustive = false
    var failure: Failure?
    /// The failing schedule's prefix number (DFS only).
    var failurePrefix: Int?

    init() {}

    /// The parts of one tree together: every schedule counted, exhaustive when every part was,
    /// and the failure of the lowest prefix.
    init(combining parts: [ShardOutcome]) {
        schedules = parts.reduce(0) { $0 + $1.schedules }
        let failing = parts.filter { $0.failure != nil }.min { ($0.failurePrefix ?? .max) < ($1.failurePrefix ?? .max) }
        failure = failing?.failure
        failurePrefix = failing?.failurePrefix
        exhaustive = failing == nil && parts.allSatisfy(\.exhaustive)
    }
}
