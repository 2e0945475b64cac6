import Foundation
import Literate
import Sched

/// The explorer's speed: schedules per second on fault-vs-mprotect-split (a scenario every
/// variant passes, so the rate covers a whole bound), the time to exhaust the three-thread
/// scenario at bound 2, and the time to catch each must-fail variant.
/// Goals (issue 4): each must-fail variant caught in under 10 s; bound-2 exhaustion of
/// two-faults-one-writer in under 60 s on the 2-core machine.
enum ExplorerBench {
    struct Row: Encodable {
        var what: String
        var variant: String
        var scenario: String
        var schedules: Int
        var seconds: Double
        var verdict: String
        var schedulesPerSecond: Double { Double(schedules) / max(seconds, 1e-9) }
    }

    static func row(_ what: String, _ entry: VariantEntry, _ name: String) -> Row? {
        guard let scenario = entry.scenarios.first(where: { $0.name == name }) else { return nil }
        let report = Explorer.explore(scenario, config: .declared(by: scenario))
        let verdict = report.verdict.failure.map { "\($0.kind.rawValue) at \($0.location ?? "?")" } ?? (report.exhaustive ? "passed, exhaustive" : "passed")
        return Row(what: what, variant: entry.name, scenario: name, schedules: report.schedulesExplored,
                   seconds: report.elapsed.inSeconds, verdict: verdict)
    }

    static func run(project: Project) -> [Row] {
        var rows: [Row] = []
        if let rfc = variantRegistry.first(where: { $0.name == "rfc" }) {
            rows += [row("rate", rfc, "fault-vs-mprotect-split"), row("exhaust", rfc, "two-faults-one-writer")].compactMap { $0 }
        }
        for entry in variantRegistry where project.isMustFail(entry.name) {
            for name in project.review(id: entry.name)?.header.catches ?? [] {
                if let row = row("find bug", entry, name) { rows.append(row) }
            }
        }
        return rows
    }

    static func report(_ rows: [Row]) -> String {
        var out = "explorer, DFS at each scenario's bound (2)\n"
        out += "what      variant                        scenario                  schedules   seconds   sched/s   verdict\n"
        for row in rows {
            out += row.what.padding(toLength: 10, withPad: " ", startingAt: 0) + row.variant.padding(toLength: 31, withPad: " ", startingAt: 0)
                + row.scenario.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: "%9d   %7.3f   %7.0f   ", row.schedules, row.seconds, row.schedulesPerSecond) + row.verdict + "\n"
        }
        return out
    }
}
