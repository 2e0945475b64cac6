/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010; as in shuttle).
///
/// Each schedule gives the threads random distinct priorities and picks `depth - 1` random
/// change points among the expected number of steps; the highest-priority runnable thread runs,
/// and at a change point the running thread drops below every initial priority. A bug of depth
/// `d` is found with probability at least 1/(n·k^(d-1)) per schedule.
final class PCTScheduler: Scheduler {
    private let iterations: Int
    private let depth: Int
    private let seed: UInt64
    private var iteration = -1
    private var random: SplitMix64
    /// Priority per thread index (higher runs first).
    private var priorities: [Int] = []
    private var changePoints: [Int] = []
    private var expectedSteps = 32
    private var lastPick: Int?

    init(iterations: Int, depth: Int, seed: UInt64) {
        self.iterations = iterations
        self.depth = max(1, depth)
        self.seed = seed
        random = SplitMix64(seed: seed)
    }

    var exhaustive: Bool { false }
    var tag: String { "pct\(depth)s\(seed)i\(iteration)" }

    func nextExecution() -> Bool {
        iteration += 1
        guard iteration < iterations else { return false }
        random = SplitMix64(seed: seed &+ UInt64(iteration) &* 0x9E37_79B9_7F4A_7C15)
        priorities = []
        lastPick = nil
        changePoints = (0..<(depth - 1)).map { _ in 1 + random.next(below: expectedSteps) }
        return true
    }

    func choose(_ enabled: [Int], current: Int?, step: Int) -> Int? {
        while priorities.count <= enabled.max()! {
            // Distinct initial priorities above the change-point range: depth + random tiebreak.
            priorities.append(depth + 1 + random.next(below: 1 << 20) * 64 + priorities.count)
        }
        // A change point falls on the first decision at or after its step.
        while let running = lastPick, let change = changePoints.firstIndex(where: { $0 > 0 && $0 <= step }) {
            priorities[running] = depth - 1 - change
            changePoints[change] = -1
        }
        let pick = enabled.max { priorities[$0] < priorities[$1] }!
        lastPick = pick
        return pick
    }

    func chooseValue(_ count: Int) -> Int? {
        random.next(below: count)
    }

    func executionEnded(steps: Int) {
        expectedSteps = max(expectedSteps, steps)
    }
}
