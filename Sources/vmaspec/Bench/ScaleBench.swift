import Foundation
import Sched

/// The explorer across cores and machines: every scenario of one variant explored by one
/// explorer, by one per core side by side (`jobs`), and as three shards run one after another
/// and added up (`ShardTally.combine`, what `explore --merge` does), alternating per scenario so
/// drift hits all three alike.
/// Goals (issue 13): the same verdict and schedule count every way; the cores' speed-up ≥ 1.7×
/// on 2 cores, over the scenarios that take long enough to measure (≥ 0.2 s alone).
enum ScaleBench {
    struct Row: Encodable {
        var scenario: String
        var bound: Int
        var schedules: Int
        var verdict: String
        var exhaustive: Bool
        var secondsOne: Double
        var jobs: Int
        var secondsJobs: Double
        var schedulesJobs: Int
        var verdictJobs: String
        var schedulesShards: Int
        var verdictShards: String
        var speedUp: Double { secondsOne / max(secondsJobs, 1e-9) }
        var agrees: Bool {
            schedules == schedulesJobs && schedules == schedulesShards && verdict == verdictJobs && verdict == verdictShards
        }
    }

    static let shards = 3
    /// A scenario that does not finish in this long is cut there (and marked not exhaustive).
    static let budget: Duration = .seconds(30)

    static func run(_ entry: VariantEntry, bounds: [Int], jobs: Int) -> [Row] {
        var rows: [Row] = []
        for bound in bounds {
            for scenario in entry.scenarios where scenario.sampling == nil {
                var config = ExplorerConfig.declared(by: scenario)
                config.strategy = .dfs(preemptionBound: bound)
                config.maxDuration = budget
                let one = Explorer.explore(scenario, config: config)
                var parallel = config
                parallel.jobs = jobs
                let many = Explorer.explore(scenario, config: parallel)
                let parts = (0..<shards).map { index in
                    var part = config
                    part.shard = Shard(index: index, count: shards)
                    return Explorer.explore(scenario, config: part)
                }
                let merged = ShardTally.combine(parts.map(\.tally))
                rows.append(Row(
                    scenario: scenario.name, bound: bound, schedules: one.schedulesExplored, verdict: verdict(one.verdict),
                    exhaustive: one.exhaustive, secondsOne: one.elapsed.inSeconds, jobs: jobs, secondsJobs: many.elapsed.inSeconds,
                    schedulesJobs: many.schedulesExplored, verdictJobs: verdict(many.verdict), schedulesShards: merged.tally.schedules,
                    verdictShards: merged.failing.map { verdict(parts[$0].verdict) } ?? "passed"))
            }
        }
        return rows
    }

    private static func verdict(_ verdict: Verdict) -> String {
        verdict.failure.map { "\($0.kind.rawValue) \($0.replayToken)" } ?? "passed"
    }

    /// Time alone over time side by side, summed over the exhaustive rows that take ≥ 0.2 s alone.
    static func speedUp(_ rows: [Row]) -> (ratio: Double, scenarios: Int) {
        let measured = rows.filter { $0.exhaustive && $0.secondsOne >= 0.2 }
        let one = measured.reduce(0) { $0 + $1.secondsOne }
        let many = measured.reduce(0) { $0 + $1.secondsJobs }
        return (many > 0 ? one / many : 0, measured.count)
    }

    static func report(_ rows: [Row], variant: String) -> String {
        let jobs = rows.first?.jobs ?? 1
        var out = "explorer at scale on \(variant): one explorer vs \(jobs) side by side vs \(shards) shards merged, same run\n"
        out += "scenario                                      bound  schedules  exh   1 job s  \(jobs) jobs s  speed-up  same count and verdict\n"
        for row in rows {
            out += row.scenario.padding(toLength: 46, withPad: " ", startingAt: 0)
                + String(format: "%5d  %9d  %-4@  %7.2f  %8.2f  %7.2fx  ", row.bound, row.schedules, row.exhaustive ? "yes" : "no",
                         row.secondsOne, row.secondsJobs, row.speedUp)
                + (row.agrees ? "yes" : "NO: \(row.schedulesJobs)/\(row.schedulesShards) schedules, \(row.verdictJobs) / \(row.verdictShards)") + "\n"
        }
        let (ratio, count) = speedUp(rows)
        let disagreeing = rows.filter { !$0.agrees && $0.exhaustive }.count
        out += String(format: "speed-up with %d jobs: %.2fx over %d scenarios taking >= 0.2 s (goal >= 1.7x on 2 cores); ", jobs, ratio, count)
        out += "\(disagreeing) exhaustive scenario(s) disagreeing (goal 0)\n"
        return out
    }
}
