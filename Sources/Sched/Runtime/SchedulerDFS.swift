/// Depth-first search over schedules with a preemption bound (CHESS, loom).
///
/// Every decision first continues the running thread, then tries the others in index order.
/// Switching away from a thread that could go on costs one preemption; branches over the bound
/// are skipped. Each schedule replays the decision path of the previous one up to its last
/// untried branch.
final class DFSScheduler: Scheduler {
    private struct Node {
        /// Candidates in the order tried: the running thread first (if it could go on), then the rest.
        let candidates: [Int]
        let current: Int?
        let preemptionsBefore: Int
        var position = 0

        var choice: Int { candidates[position] }

        func preemptions(choosing candidate: Int) -> Int {
            preemptionsBefore + (current != nil && candidate != current ? 1 : 0)
        }
    }

    let preemptionBound: Int
    private var path: [Node] = []
    private var depth = 0
    private var started = false
    private(set) var exhaustive = false

    init(preemptionBound: Int) {
        self.preemptionBound = max(0, preemptionBound)
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
                if node.preemptions(choosing: node.choice) <= preemptionBound {
                    path.append(node)
                    return true
                }
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
            return enabled.contains(node.choice) ? node.choice : nil
        }
        let before = path.last.map { $0.preemptions(choosing: $0.choice) } ?? 0
        var candidates = enabled
        if let current, let at = candidates.firstIndex(of: current) {
            candidates.remove(at: at)
            candidates.insert(current, at: 0)
        }
        path.append(Node(candidates: candidates, current: current, preemptionsBefore: before))
        return candidates[0]
    }

    func executionEnded(steps: Int) {
        // A schedule that ended early (a failure) leaves deeper nodes of an old path behind.
        if depth < path.count { path.removeLast(path.count - depth) }
    }
}
