/// How costly a schedule is to read: its preemptions first, then its scheduling points.
public struct ScheduleCost: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let preemptions: Int
    public let steps: Int

    public static func < (a: ScheduleCost, b: ScheduleCost) -> Bool {
        (a.preemptions, a.steps) < (b.preemptions, b.steps)
    }

    public var description: String { "\(preemptions) preemption\(preemptions == 1 ? "" : "s"), \(steps) steps" }
}

/// A failing schedule and the smallest one found that fails the same way.
public struct Minimization: Sendable {
    public let original: ScheduleCost
    public let minimized: ScheduleCost
    /// The replay of the smallest schedule: its failure, token and trace.
    public let report: ExplorationReport
    /// Schedules run while searching.
    public let schedulesTried: Int
}

extension Explorer {
    /// Shrinks a failing schedule to the fewest preemptions, then the fewest steps, keeping the
    /// failure: the same kind raised at the same place (as shuttle and QuickCheck shrink).
    ///
    /// Depth-first search runs with preemption bound 0, 1, … up to the original's cost; at the
    /// first bound where a schedule fails the same way, the search goes on at that bound (at most
    /// `budget` schedules per bound) for the one with fewest steps. The result is deterministic,
    /// and its token replays. Nil when the token is malformed or its schedule does not fail.
    public static func minimize(_ scenario: ScenarioDefinition, failure: Failure, budget: Int = 5_000) -> Minimization? {
        guard let decoded = ReplayToken.decode(failure.replayToken) else { return nil }
        let memory = MemoryModel.from(tag: decoded.tag)
        let runner = Runner(stats: ExplorerStats())
        defer { runner.close() }
        let replaying = ReplayScheduler(choices: decoded.choices, tag: decoded.tag)
        _ = replaying.nextExecution()
        let first = runner.run(scenario, scheduler: replaying, maxSteps: decoded.maxSteps, recording: false, memory: memory)
        guard let problem = first.problem, problem.kind != .replayMismatch else { return nil }
        let original = ScheduleCost(preemptions: first.preemptions, steps: first.steps)
        let sameFailure = { (other: Execution.Problem) in
            other.kind == problem.kind && other.site?.file == problem.site?.file && other.site?.line == problem.site?.line
        }
        var tried = 1
        for bound in 0...max(original.preemptions, dfsBound(of: decoded.tag) ?? 0) {
            let scheduler = DFSScheduler(preemptionBound: bound)
            var best: (cost: ScheduleCost, choices: [Int])?
            var triedAtBound = 0
            while triedAtBound < budget, scheduler.nextExecution() {
                let execution = runner.run(scenario, scheduler: scheduler, maxSteps: decoded.maxSteps, recording: false, memory: memory)
                scheduler.executionEnded(steps: execution.steps)
                triedAtBound += 1
                guard let found = execution.problem, sameFailure(found) else { continue }
                let cost = ScheduleCost(preemptions: execution.preemptions, steps: execution.steps)
                if best.map({ cost < $0.cost }) ?? true { best = (cost, execution.choices) }
            }
            tried += triedAtBound
            guard let best else { continue }
            if !(best.cost < original) { break }
            let token = ReplayToken.encode(tag: scheduler.tag + memory.tagSuffix, maxSteps: decoded.maxSteps, choices: best.choices)
            return Minimization(original: original, minimized: best.cost, report: replay(scenario, token: token), schedulesTried: tried)
        }
        return Minimization(original: original, minimized: original, report: replay(scenario, token: failure.replayToken),
                            schedulesTried: tried)
    }

    /// The preemption bound a `dfsK` tag names.
    private static func dfsBound(of tag: String) -> Int? {
        guard tag.hasPrefix("dfs") else { return nil }
        return Int(tag.dropFirst(3).prefix { $0.isNumber })
    }
}
