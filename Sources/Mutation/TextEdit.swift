/// A change to one UTF-8 range of a block's code. `transform` gets the range's text, with the
/// edits nested inside it already applied, and returns its replacement; replacements keep the
/// text's line breaks, so the block's `#sourceLocation` stays true.
struct TextEdit {
    let range: Range<Int>
    let transform: (String) -> String
}

enum TextEdits {
    /// `code` with every edit applied, inner edits first; edits on the same range apply in order.
    static func apply(_ edits: [TextEdit], to code: String) -> String {
        let bytes = Array(code.utf8)
        let sorted = edits.enumerated().sorted {
            ($0.element.range.lowerBound, -$0.element.range.upperBound, $0.offset)
                < ($1.element.range.lowerBound, -$1.element.range.upperBound, $1.offset)
        }.map(\.element)
        return render(0..<bytes.count, sorted[...], bytes)
    }

    /// The text of `range`, with `edits` (all inside it, sorted by start, longest first) applied.
    private static func render(_ range: Range<Int>, _ edits: ArraySlice<TextEdit>, _ bytes: [UInt8]) -> String {
        var out = ""
        var cursor = range.lowerBound
        var index = edits.startIndex
        while index < edits.endIndex {
            let outer = edits[index].range
            out += text(cursor..<outer.lowerBound, bytes)
            // The edits on exactly this range, then those nested strictly inside it.
            var same = index
            while same < edits.endIndex, edits[same].range == outer { same += 1 }
            var inner = same
            while inner < edits.endIndex, edits[inner].range.upperBound <= outer.upperBound { inner += 1 }
            var rendered = render(outer, edits[same..<inner], bytes)
            for edit in edits[index..<same] { rendered = edit.transform(rendered) }
            out += rendered
            cursor = outer.upperBound
            index = inner
        }
        return out + text(cursor..<range.upperBound, bytes)
    }

    private static func text(_ range: Range<Int>, _ bytes: [UInt8]) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
