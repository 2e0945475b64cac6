import Foundation

/// The lines `check` prints for each variant: a row of the variant table (or of the must-fail
/// table), then every example or scenario that did not do what the spec says, in full.
enum CheckReport {
    static func lines(for result: Result<VariantCheck, Error>, entry: VariantEntry, first: Bool, firstBug: Bool) -> String {
        var out = ""
        if first { out += row("variant", "PER_VMA_LOCK", "examples", "scenarios (as declared: DFS bound or PCT)", "time") + "\n" }
        if firstBug { out += "\n" + row("must-fail variant", "caught by", "schedules", "failure") + "\n" }
        let check: VariantCheck
        switch result {
        case .success(let value): check = value
        case .failure(let error):
            return out + row(entry.name, "could not run: \(error)") + "\n"
        }
        return out + (check.mustFail ? bugLines(check) : variantLines(check))
    }

    static func variantLines(_ check: VariantCheck) -> String {
        let failedExamples = check.examples.filter { !$0.passed }
        let unexpected = check.scenarios.filter { !check.isAsExpected($0) }
        let schedules = check.scenarios.reduce(0) { $0 + $1.schedules }
        var out = row(check.name, check.perVMALock ? "y" : "n", "\(check.examples.count - failedExamples.count)/\(check.examples.count)",
                      "\(check.scenarios.count - unexpected.count)/\(check.scenarios.count) as expected, \(schedules) schedules",
                      String(format: "%.1f s", check.seconds)) + "\n"
        for result in failedExamples { out += indent(result.report) }
        for outcome in unexpected { out += indent(scenarioReport(outcome, check)) }
        return out
    }

    static func bugLines(_ check: VariantCheck) -> String {
        check.scenarios.map { outcome in
            let verdict: String
            if let crash = outcome.crash {
                verdict = "CRASHED: \(crash.message)" + (crash.location.map { " at \($0)" } ?? "")
            } else if let failure = outcome.failure, check.isAsExpected(outcome) {
                verdict = "\(failure.kind) at \(failure.location ?? "?")"
            } else {
                verdict = "NOT CAUGHT"
            }
            var line = row(check.name, outcome.name, "\(outcome.schedules)", verdict) + "\n"
            if outcome.crash != nil { line += indent(scenarioReport(outcome, check)) }
            return line
        }.joined()
    }

    /// A scenario that did not meet its expectation, as `explore` would print it.
    static func scenarioReport(_ outcome: ScenarioOutcome, _ check: VariantCheck) -> String {
        let header = "\(outcome.file):\(outcome.line): scenario '\(outcome.name)' on \(check.name) (expect=\(outcome.expect))\n"
        let details = ExploreReport.details(outcome, variant: check.name)
        return header + (details.isEmpty ? "passed, but expect=\(outcome.expect)\n" : details)
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  \($0)" }.joined(separator: "\n")
            + (text.hasSuffix("\n") ? "" : "\n")
    }

    static func row(_ columns: String...) -> String {
        let widths = [30, 24, 12, 44]
        return columns.enumerated().map { index, text in
            index < widths.count && index < columns.count - 1
                ? text.padding(toLength: max(widths[index], text.count + 1), withPad: " ", startingAt: 0) : text
        }.joined()
    }
}
