/// The tracker's table for people (`--json` has every field in full), at most `width` columns
/// wide: a column every row leaves empty is left out, and when the upstream outcome does not
/// fit beside the rest it goes on its own wrapped lines under its row.
enum ReviewTable {
    static let defaultWidth = 120

    static func clipped(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    static func render(_ rows: [ReviewRow], width: Int?) -> String {
        var header = ["id", "reviewer", "status", "variant", "shared", "own tests", "spec tests", "examples", "explorer", "base"]
        var lines = rows.map { row in
            [row.id, clipped(row.reviewer, width == nil ? 64 : 20), row.status, row.build, row.sharedSuite?.text ?? "-",
             row.variantTests?.text ?? "-", row.specTests?.text ?? "-", row.examples?.text ?? "-", row.scenarios?.text ?? "-",
             clipped(row.freshness + (row.staleChunks.isEmpty ? "" : " (\(row.staleChunks.joined(separator: ", ")))"), width == nil ? 200 : 28)]
        }
        // Test columns nobody ran say nothing; leave them out.
        for column in [6, 5, 4] where !rows.isEmpty && lines.allSatisfy({ $0[column] == "-" }) {
            header.remove(at: column)
            for index in lines.indices { lines[index].remove(at: column) }
        }
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        let fixed = widths.reduce(0) { $0 + $1 + 2 }
        let upstreamWidth = width.map { $0 - fixed } ?? Int.max
        let inline = upstreamWidth >= 32 && rows.allSatisfy { $0.upstream.count <= upstreamWidth }
        func cells(_ values: [String]) -> String {
            values.enumerated().map { index, text in text.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0) }.joined()
        }
        var out = inline ? cells(header) + "upstream\n" : trimmed(cells(header)) + "\n"
        for (row, values) in zip(rows, lines) {
            if inline {
                out += cells(values) + row.upstream + "\n"
            } else {
                out += trimmed(cells(values)) + "\n"
                out += wrapped("upstream: " + row.upstream, width: width ?? Int.max, indent: "    ")
            }
        }
        return out
    }

    /// What the table leaves to `make test`, said once under it.
    static func footnote(testsRan: Bool) -> String {
        testsRan ? "" : "The spec's `swift test` blocks and the shared suite run in `make test`; `vmaspec review` shows them too.\n"
    }

    static func trimmed(_ text: String) -> String {
        var copy = text
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    /// `text` in lines of at most `width` columns, the first starting with `indent` and the rest
    /// two further in, broken at spaces (a word longer than a line is cut).
    static func wrapped(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        var prefix: String { lines.isEmpty ? indent : indent + "  " }
        for var word in text.split(separator: " ").map(String.init) {
            if !line.isEmpty, prefix.count + line.count + 1 + word.count > width {
                lines.append(prefix + line)
                line = ""
            }
            while prefix.count + word.count > width, width > prefix.count + 1 {
                let room = width - prefix.count
                lines.append(prefix + word.prefix(room))
                word = String(word.dropFirst(room))
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(prefix + line)
        return lines.joined(separator: "\n") + "\n"
    }
}
