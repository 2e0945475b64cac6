/// Lines of a Markdown source as CommonMark counts them: a line ends at `\n`, at `\r\n`, or at a
/// lone `\r` (CommonMark 0.30, section 2.1), so line numbers here are the ones cmark-gfm reports.
///
/// Swift's `Character` joins `\r\n` into one grapheme, so splitting a `String` on `"\n"` finds no
/// line break in a CRLF file: everything here works on UTF-8 bytes instead.
public enum SourceLines {
    /// One line: its text without the ending, and the ending itself (`""` for a last line without one).
    public struct Line: Equatable, Sendable {
        public var text: String
        public var ending: String
    }

    /// The byte offset where each line starts (the first is 0). A text that ends with a line
    /// ending has no further, empty line.
    public static func starts(_ bytes: some Collection<UInt8>) -> [Int] {
        var starts = [0]
        var offset = 0
        var previousCR = false
        for byte in bytes {
            offset += 1
            if byte == UInt8(ascii: "\n") {
                if previousCR { starts[starts.count - 1] = offset } else { starts.append(offset) }
            } else if byte == UInt8(ascii: "\r") {
                starts.append(offset)
            }
            previousCR = byte == UInt8(ascii: "\r")
        }
        if starts.count > 1, starts.last == offset { starts.removeLast() }
        return starts
    }

    /// The 1-based line holding byte `offset` of `bytes`.
    public static func lineNumber(ofByte offset: Int, in bytes: some Collection<UInt8>) -> Int {
        let starts = starts(bytes)
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The lines of `text` with their endings; joining `text + ending` of each gives `text` back.
    public static func split(_ text: String) -> [Line] {
        let bytes = Array(text.utf8)
        var lines: [Line] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                index += 1
                continue
            }
            let width = byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
            lines.append(Line(text: String(decoding: bytes[start..<index], as: UTF8.self),
                              ending: String(decoding: bytes[index..<(index + width)], as: UTF8.self)))
            index += width
            start = index
        }
        if start < bytes.count || lines.isEmpty {
            lines.append(Line(text: String(decoding: bytes[start...], as: UTF8.self), ending: ""))
        }
        return lines
    }

    /// `lines` joined back into one text, each with its own ending.
    public static func join(_ lines: [Line]) -> String {
        lines.reduce(into: "") { $0 += $1.text + $1.ending }
    }

    /// How many line endings `text` holds (the line count of a code block's literal).
    public static func endingCount(_ text: String) -> Int {
        var count = 0
        var previousCR = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && !previousCR) { count += 1 }
            previousCR = byte == UInt8(ascii: "\r")
        }
        return count
    }

    /// `text` with every line ending written `\n`.
    public static func normalized(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        return split(text).reduce(into: "") { $0 += $1.text + ($1.ending.isEmpty ? "" : "\n") }
    }
}
