/// Depth-first search over schedules with a preemption bound (CHESS, loom).
///
/// Every decision first continues the running thread, then tries the others in index order.
/// Switching away from a thread that could go on costs one preemption; branches over the bound
/// are skipped. Each schedule replays the decision path of the previous one up to its last
/// untried branch.
///
/// Under the weak memory model a load may also decide which store it reads: such a decision
/// first reads the newest store (what sequential consistency gives), then older ones; each older
/// read costs one stale read, bounded like preemptions (by the same number).
///
/// Schedules fall into classes by their first `Shard.levels` deviations, the decisions that do
/// not take their first candidate (see `Shard`); classes are numbered as the search meets them.
/// With a shard, the scheduler skips the classes of other shards without running them; it runs
/// the few schedules with fewer deviations in any case, since the classes branch off their
/// decisions. `ownsLastSchedule` says whether a run counts.
final class DFSScheduler: Scheduler {
    private struct Node {
        /// Candidates in the order tried: the running thread first (if it could go on), then the rest.
        let candidates: [Int]
        let current: Int?
        let preemptionsBefore: Int
        /// A weak load's choice of store (candidates are store positions, 0 the newest).
        var isValue = false
        var staleBefore = 0
        var position = 0

        var choice: Int { candidates[position] }

        func preemptions(choosing candidate: Int) -> Int {
            preemptionsBefore + (!isValue && current != nil && candidate != current ? 1 : 0)
        }

        func stale(choosing candidate: Int) -> Int {
            staleBefore + (isValue && candidate != 0 ? 1 : 0)
        }
    }

    let preemptionBound: Int
    private var path: [Node] = []
    private var depth = 0
    private var started = false
    private(set) var exhaustive = false
    private let shard: Shard?
    private var classesMet = 1
    /// The current schedule's class.
    private(set) var prefixOrdinal = 0
    private(set) var ownsLastSchedule: Bool

    init(preemptionBound: Int, shard: Shard? = nil) {
        self.preemptionBound = max(0, preemptionBound)
        self.shard = shard
        ownsLastSchedule = shard.map { $0.index == 0 } ?? true
    }

    var tag: String { "dfs\(preemptionBound)" }

    func nextExecution() -> Bool {
        depth = 0
        if !started {
            started = true
            return true
        }
        while var node = path.popLast() {
            while node.position + 1 < node.candidates.count {
                node.position += 1
                guard node.preemptions(choosing: node.choice) <= preemptionBound, node.stale(choosing: node.choice) <= preemptionBound else {
                    continue
                }
                let level = path.reduce(1) { $0 + ($1.position > 0 ? 1 : 0) }
                if level <= Shard.levels, !enterClass(), level == Shard.levels { continue }
                path.append(node)
                return true
            }
        }
        exhaustive = true
        return false
    }

    func choose(_ enabled: [Int], current: Int?, step: Int) -> Int? {
        defer { depth += 1 }
        if depth < path.count {
            let node = path[depth]
            // A deterministic scenario offers the same choices on the same path.
            return !node.isValue && enabled.contains(node.choice) ? node.choice : nil
        }
        let before = path.last.map { $0.preemptions(choosing: $0.choice) } ?? 0
        var candidates = enabled
        if let current, let at = candidates.firstIndex(of: current) {
            candidates.remove(at: at)
            candidates.insert(current, at: 0)
        }
        path.append(Node(candidates: candidates, current: current, preemptionsBefore: before, staleBefore: staleSoFar))
        return candidates[0]
    }

    func chooseValue(_ count: Int) -> Int? {
        defer { depth += 1 }
        if depth < path.count {
            let node = path[depth]
            return node.isValue && node.choice < count ? node.choice : nil
        }
        let before = path.last.map { $0.preemptions(choosing: $0.choice) } ?? 0
        path.append(Node(candidates: Array(0..<count), current: nil, preemptionsBefore: before, isValue: true, staleBefore: staleSoFar))
        return 0
    }

    /// Stale reads chosen on the path so far.
    private var staleSoFar: Int { path.last.map { $0.stale(choosing: $0.choice) } ?? 0 }

    func executionEnded(steps: Int) {
        // A schedule that ended early (a failure) leaves deeper nodes of an old path behind.
        if depth < path.count { path.removeLast(path.count - depth) }
    }

    /// Numbers the class the next schedule starts (one of `Shard.levels` deviations, or the one
    /// schedule of fewer); true when it is this shard's.
    private func enterClass() -> Bool {
        prefixOrdinal = classesMet
        classesMet += 1
        ownsLastSchedule = shard.map { prefixOrdinal % $0.count == $0.index } ?? true
        return ownsLastSchedule
    }
}
