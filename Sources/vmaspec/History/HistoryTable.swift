import Literate

/// The history line for people, at most `width` columns wide: one line per step (id, date,
/// commit or Message-ID, title), then what the explorer finds there, indented under it.
enum HistoryTable {
    static func render(_ rows: [HistoryRow], width: Int?) -> String {
        guard !rows.isEmpty else { return "history: Patches/ has no 'kind: history' document\n" }
        let limit = width ?? Int.max
        var out = ReviewTable.wrapped("history: " + rows.map(\.id).joined(separator: " → "), width: limit, indent: "")
        let idWidth = rows.map(\.id.count).max()! + 2
        let referenceWidth = min(rows.map(\.reference.count).max()!, 46) + 2
        for row in rows {
            let reference = ReviewTable.clipped(row.reference, referenceWidth - 2)
            let head = row.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + row.date + "  "
                + reference.padding(toLength: referenceWidth, withPad: " ", startingAt: 0)
            out += head + ReviewTable.clipped(row.title, max(limit - head.count, 12)) + "\n"
            for line in details(row) { out += ReviewTable.wrapped(line, width: limit, indent: "    ") }
        }
        return out
    }

    /// The indented lines under a step.
    static func details(_ row: HistoryRow) -> [String] {
        var lines: [String] = []
        if !row.fixedHere.isEmpty { lines.append("fixes: " + row.fixedHere.joined(separator: ", ")) }
        let bugs = row.bugs.map { bug in "\(bug.scenario) (\(bug.fixedIn.map { $0 == Block.Scenario.neverFixed ? "never fixed" : "fixed in \($0)" } ?? "no fix named"))" }
        lines.append("\(row.bugs.count) of \(row.scenarios) scenarios fail" + (bugs.isEmpty ? "" : ": " + bugs.joined(separator: ", ")))
        if row.asDeclared == false { lines.append("NOT as the scenarios declare: see `vmaspec check`") }
        lines += row.pending.map { "pending: " + $0 }
        return lines
    }
}
