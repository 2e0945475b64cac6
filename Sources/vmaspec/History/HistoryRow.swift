import Foundation
import Literate

/// One step of the series' history line, as `vmaspec review --history` and the book show it:
/// like a line of `git log --oneline`, with the bugs the explorer finds on that step.
struct HistoryRow: Codable, Sendable {
    /// A scenario that fails on the step: a bug the step has.
    struct Bug: Codable, Sendable {
        var scenario: String
        /// `file:line` of the scenario's block.
        var location: String
        /// The failure's kind and where it was raised, when the scenario was run.
        var failure: String?
        var replayToken: String?
        /// The step whose document fixes it (`fixed-by=`), `none`, or nil when the scenario does
        /// not say (a failure no history step explains).
        var fixedIn: String?
    }

    var id: String
    var date: String
    /// Kernel commits, or the posting's Message-ID.
    var reference: String
    var title: String
    /// The step whose bug this one fixes (`fixes:`), for a fix.
    var fixes: String?
    var bugs: [Bug]
    /// Scenarios that fail on the step before and pass from this one on (`fixed-by=` this step).
    var fixedHere: [String]
    var scenarios: Int
    var pending: [String]
    /// Whether what ran is what the scenarios declare for this step; nil when nothing ran.
    var asDeclared: Bool?
}

enum HistoryRows {
    /// The history line's rows. With `checks` (each step's scenarios as `check` ran them), the
    /// bugs are the failures seen; without, the failures the scenarios declare.
    static func make(_ project: Project, checks: [VariantCheck]?) -> [HistoryRow] {
        let scenarios = scenarioBlocks(project)
        return project.historyLine.map { step in
            let header = project.review(id: step)?.header
            let check = checks?.first { $0.name == step }
            let declared = declaredFailures(project, step, scenarios)
            let bugs: [HistoryRow.Bug]
            if let check {
                bugs = check.scenarios.filter { $0.failure != nil || $0.crash != nil }.map { outcome in
                    HistoryRow.Bug(scenario: outcome.name, location: "\(outcome.file):\(outcome.line)",
                                   failure: outcome.failure.map { "\($0.kind) at \($0.file ?? "?"):\($0.line ?? 0)" } ?? "crash",
                                   replayToken: outcome.failure?.replayToken, fixedIn: scenarios[outcome.name]?.scenario.fixedBy)
                }
            } else {
                bugs = declared.map { name in
                    HistoryRow.Bug(scenario: name, location: scenarios[name].map { "\($0.block.file):\($0.block.line)" } ?? "?",
                                   failure: nil, replayToken: nil, fixedIn: scenarios[name]?.scenario.fixedBy)
                }
            }
            return HistoryRow(
                id: step, date: header?.date ?? "2022-09-01",
                reference: header.map { $0.commits.isEmpty ? $0.source : $0.commits.joined(separator: ", ") } ?? "<20220901173516.702122-1-surenb@google.com>",
                title: header?.title ?? "The RFC as posted",
                fixes: header?.fixes, bugs: bugs,
                fixedHere: project.historyScenarios.filter { $0.scenario.fixedBy == step }.map(\.scenario.name),
                scenarios: check?.scenarios.count ?? variantRegistry.first(where: { $0.name == step })?.scenarios.count ?? 0,
                pending: header?.pending ?? [],
                asDeclared: check.map { _ in Set(bugs.map(\.scenario)) == Set(declared) })
        }
    }

    /// Every scenario of Spec/ and Patches/ by name.
    static func scenarioBlocks(_ project: Project) -> [String: (scenario: Block.Scenario, block: Block)] {
        var result: [String: (Block.Scenario, Block)] = [:]
        for block in (project.chapters + project.reviews.map(\.document)).flatMap(\.blocks) {
            if case .scenario(let scenario) = block.role { result[scenario.name] = (scenario, block) }
        }
        return result
    }

    /// The scenarios compiled into `step` that must fail there, by name, in registry order.
    static func declaredFailures(_ project: Project, _ step: String,
                                 _ scenarios: [String: (scenario: Block.Scenario, block: Block)]) -> [String] {
        let compiled = variantRegistry.first { $0.name == step }?.scenarios.map(\.name) ?? []
        return compiled.filter { name in scenarios[name].map { project.expectsFailure($0.scenario, in: step) } ?? false }
    }
}

extension HistoryRows {
    /// The book's history page: the rows, and each fixed bug's failing schedule on the step
    /// just before its fix, from `checks`.
    static func page(_ rows: [HistoryRow], checks: [VariantCheck]) -> HistoryPage {
        var schedules: [HistoryPage.Schedule] = []
        for (before, row) in zip(rows, rows.dropFirst()) {
            for scenario in row.fixedHere {
                guard let outcome = checks.first(where: { $0.name == before.id })?.scenarios.first(where: { $0.name == scenario }),
                      let failure = outcome.failure else { continue }
                schedules.append(HistoryPage.Schedule(
                    scenario: scenario, failsOn: before.id, fixedIn: row.id,
                    failure: "\(failure.kind): \(failure.message) (\(failure.file ?? "?"):\(failure.line ?? 0))",
                    replayToken: failure.replayToken,
                    trace: failure.trace.enumerated().map { "\($0.offset + 1). \($0.element)" }))
            }
        }
        let steps = rows.map { HistoryPage.Step(id: $0.id, date: $0.date, reference: $0.reference, title: $0.title, details: HistoryTable.details($0)) }
        return HistoryPage(steps: steps, schedules: schedules)
    }
}
