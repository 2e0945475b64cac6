/// A unified diff of two texts, line by line, for example output that differs from its `output` block.
public enum OutputDiff {
    enum Edit: Equatable {
        case same(String), removed(String), added(String)
    }

    /// `--- expected` / `+++ actual` hunks with 2 lines of context; `expectedStart` is the Markdown
    /// line of the expected text's first line, so hunk headers point into the file.
    public static func unified(expected: String, actual: String, expectedStart: Int = 1, actualStart: Int = 1,
                               labels: (String, String) = ("expected", "actual"), context: Int = 2) -> String {
        let edits = diff(lines(expected), lines(actual))
        var out = "--- \(labels.0)\n+++ \(labels.1)\n"
        for hunk in hunks(edits, context: context) {
            let (oldStart, oldCount, newCount) = counts(edits, hunk)
            out += "@@ -\(oldStart + expectedStart),\(oldCount) +\(counts(edits, hunk, side: .new) + actualStart),\(newCount) @@\n"
            for edit in edits[hunk] {
                switch edit {
                case .same(let line): out += " \(line)\n"
                case .removed(let line): out += "-\(line)\n"
                case .added(let line): out += "+\(line)\n"
                }
            }
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// Longest-common-subsequence edit script; outputs are small, so O(n·m) is fine.
    static func diff(_ a: [String], _ b: [String]) -> [Edit] {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                edits.append(.same(a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                edits.append(.removed(a[i])); i += 1
            } else {
                edits.append(.added(b[j])); j += 1
            }
        }
        return edits
    }

    /// Ranges of the edit script around each change, merged when their context overlaps.
    static func hunks(_ edits: [Edit], context: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for (index, edit) in edits.enumerated() {
            if case .same = edit { continue }
            let range = max(0, index - context)..<min(edits.count, index + context + 1)
            if let last = result.last, last.upperBound >= range.lowerBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    enum Side { case old, new }

    /// Lines of the old (or new) side before `hunk`.
    static func counts(_ edits: [Edit], _ hunk: Range<Int>, side: Side) -> Int {
        edits[..<hunk.lowerBound].reduce(0) { count, edit in
            switch (edit, side) {
            case (.same, _), (.removed, .old), (.added, .new): count + 1
            default: count
            }
        }
    }

    /// Start of the hunk on the old side, and the number of old and new lines in it.
    static func counts(_ edits: [Edit], _ hunk: Range<Int>) -> (Int, Int, Int) {
        var old = 0, new = 0
        for edit in edits[hunk] {
            switch edit {
            case .same: old += 1; new += 1
            case .removed: old += 1
            case .added: new += 1
            }
        }
        return (counts(edits, hunk, side: .old), old, new)
    }
}
