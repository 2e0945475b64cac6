/// The rules of the history line: its documents form one line, each fix names a variant before
/// it, and each scenario's `since=` and `fixed-by=` lie on the line, in that order.
struct HistoryChecks {
    let project: Project

    func run() throws {
        let tips = project.historyTips
        if tips.count > 1 {
            throw LiterateError(tips[1].header.line(of: "base"),
                                "the history is one line, but '\(tips[0].header.id)' and '\(tips[1].header.id)' both end it: base one on the other")
        }
        let line = project.historyLine
        for review in project.reviews where review.header.kind == .history {
            if let fixes = review.header.fixes {
                try checkEarlier(fixes, than: review.header.id, on: line, at: review.header.line(of: "fixes"), what: "'fixes'")
            }
        }
        for (scenario, block) in project.historyScenarios {
            guard let fixedBy = scenario.fixedBy else { continue }
            if fixedBy != Block.Scenario.neverFixed {
                try checkOnLine(fixedBy, line, block, what: "fixed-by")
            }
            if let since = scenario.since {
                try checkOnLine(since, line, block, what: "since")
                if fixedBy != Block.Scenario.neverFixed {
                    try checkEarlier(since, than: fixedBy, on: line, at: block.position, what: "'since=\(since)'")
                }
            }
        }
    }

    private func checkOnLine(_ variant: String, _ line: [String], _ block: Block, what: String) throws {
        guard line.contains(variant) else {
            throw LiterateError(block.position, "'\(what)=\(variant)' names no variant of the history line (\(line.isEmpty ? "Patches/ has no 'kind: history' document" : line.joined(separator: " → ")))")
        }
    }

    private func checkEarlier(_ earlier: String, than later: String, on line: [String], at position: SourcePosition, what: String) throws {
        guard let first = line.firstIndex(of: earlier), let second = line.firstIndex(of: later), first < second else {
            throw LiterateError(position, "\(what) must name a variant before '\(later)' on the history line (\(line.joined(separator: " → ")))")
        }
    }
}
