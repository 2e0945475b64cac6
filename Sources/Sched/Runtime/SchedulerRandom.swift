/// Uniformly random choices, `iterations` schedules from one seed.
final class RandomScheduler: Scheduler {
    private let iterations: Int
    private let seed: UInt64
    private var iteration = -1
    private var random: SplitMix64

    init(iterations: Int, seed: UInt64) {
        self.iterations = iterations
        self.seed = seed
        random = SplitMix64(seed: seed)
    }

    var exhaustive: Bool { false }
    var tag: String { "random\(seed)i\(iteration)" }

    func nextExecution() -> Bool {
        iteration += 1
        random = SplitMix64(seed: seed &+ UInt64(iteration) &* 0x2545_F491_4F6C_DD1D)
        return iteration < iterations
    }

    func choose(_ enabled: [Int], current: Int?, step: Int) -> Int? {
        enabled[random.next(below: enabled.count)]
    }

    func chooseValue(_ count: Int) -> Int? {
        random.next(below: count)
    }

    func executionEnded(steps: Int) {}
}
