import Foundation
import Literate
import Sched

/// The memory models' cost: every scenario of one variant explored under `sc`, `hb` and `weak`,
/// one after the other per scenario (so drift hits all three alike), at the scenario's own bound.
/// Goal (issue 12): `hb` at most 2× `sc` in time per schedule, over the scenarios both pass.
enum MemoryBench {
    struct Row: Encodable {
        var scenario: String
        var memory: String
        var schedules: Int
        var seconds: Double
        var exhaustive: Bool
        var verdict: String
        var secondsPerSchedule: Double { seconds / Double(max(schedules, 1)) }
    }

    /// `weak` may branch far more; it stops after this long per scenario (and says so).
    static let weakBudget: Duration = .seconds(5)

    static func run(_ entry: VariantEntry) -> [Row] {
        var rows: [Row] = []
        for scenario in entry.scenarios {
            for memory in MemoryModel.allCases {
                var config = ExplorerConfig.declared(by: scenario)
                config.memory = memory
                if memory == .weak { config.maxDuration = weakBudget }
                let report = Explorer.explore(scenario, config: config)
                let verdict = report.verdict.failure.map { "\($0.kind.rawValue)" } ?? "passed"
                rows.append(Row(scenario: scenario.name, memory: memory.rawValue, schedules: report.schedulesExplored,
                                seconds: report.elapsed.inSeconds, exhaustive: report.exhaustive, verdict: verdict))
            }
        }
        return rows
    }

    /// Time per schedule of `memory` over that of `sc`, summed over the scenarios that pass
    /// exhaustively in both with the same number of schedules (the same tree, walked twice).
    static func ratio(_ rows: [Row], _ memory: String) -> (ratio: Double, scenarios: Int) {
        var base = 0.0, measured = 0.0, count = 0
        for sc in rows where sc.memory == "sc" && sc.verdict == "passed" && sc.exhaustive {
            guard let other = rows.first(where: { $0.scenario == sc.scenario && $0.memory == memory }),
                  other.verdict == "passed", other.exhaustive else { continue }
            base += sc.secondsPerSchedule * Double(other.schedules)
            measured += other.seconds
            count += 1
        }
        return (base > 0 ? measured / base : 0, count)
    }

    static func report(_ rows: [Row], variant: String) -> String {
        var out = "memory models on \(variant), DFS at each scenario's bound; weak stops after \(weakBudget)\n"
        out += "scenario                                      memory  schedules   seconds   sched/s  verdict\n"
        for row in rows {
            out += row.scenario.padding(toLength: 46, withPad: " ", startingAt: 0) + row.memory.padding(toLength: 6, withPad: " ", startingAt: 0)
                + String(format: "%11d %9.3f %9.0f  ", row.schedules, row.seconds, Double(row.schedules) / max(row.seconds, 1e-9))
                + row.verdict + (row.exhaustive ? "" : " (not exhaustive)") + "\n"
        }
        for memory in ["hb", "weak"] {
            let (ratio, count) = ratio(rows, memory)
            out += String(format: "%@ vs sc, time per schedule over %d scenarios passed exhaustively by both: %.2fx", memory, count, ratio)
                + (memory == "hb" ? String(format: " (goal: at most 2x, %@)\n", ratio <= 2 ? "met" : "MISSED") : "\n")
        }
        return out
    }
}
