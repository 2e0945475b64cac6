/// Picks which thread runs at each decision of a schedule, and which schedule comes next.
protocol Scheduler: AnyObject {
    /// Prepares the next schedule; false when there is none left.
    func nextExecution() -> Bool
    /// Picks one of `enabled` (thread indices, ascending, at least two). `current` is the thread
    /// that was running if it could go on (switching away from it is a preemption). `step` counts
    /// scheduling points so far. Nil when no choice fits (a replay token that does not match).
    func choose(_ enabled: [Int], current: Int?, step: Int) -> Int?
    /// Picks which of `count` (at least two) stores a weak load reads; 0 is the newest. Nil when
    /// no choice fits (a replay token that does not match).
    func chooseValue(_ count: Int) -> Int?
    /// Called after each schedule with its number of steps.
    func executionEnded(steps: Int)
    /// True once the scheduler has covered its whole space (DFS only).
    var exhaustive: Bool { get }
    /// The strategy part of replay tokens, e.g. `dfs2` or `pct3s42i17`.
    var tag: String { get }
    /// Whether the schedule that just ended belongs to this scheduler's shard (see `Shard`); a
    /// schedule that does not is neither counted nor judged.
    var ownsLastSchedule: Bool { get }
    /// The number of the last schedule's prefix in depth-first order (see `Shard`); -1 for other strategies.
    var prefixOrdinal: Int { get }
}

extension Scheduler {
    var ownsLastSchedule: Bool { true }
    var prefixOrdinal: Int { -1 }
}

/// SplitMix64: a small, fast, seedable generator (the same sequence on every platform).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0).
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

extension Strategy {
    func makeScheduler(shard: Shard? = nil) -> Scheduler {
        switch self {
        case .dfs(let bound): DFSScheduler(preemptionBound: bound, shard: shard)
        case .pct(let iterations, let depth, let seed): PCTScheduler(iterations: iterations, depth: depth, seed: seed)
        case .random(let iterations, let seed): RandomScheduler(iterations: iterations, seed: seed)
        }
    }
}
