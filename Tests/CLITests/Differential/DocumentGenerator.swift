/// Random Markdown documents full of the fences that are easy to get wrong: fences in list items
/// and block quotes, closers outdented out of their container or indented into code, lone CRs,
/// CRLF, tabs, Unicode, and fences that never close. Seeded, so a failing case can be rebuilt.
struct DocumentGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    private mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    /// Info strings the engine accepts, and a few it must refuse (a Unicode space in the language).
    static let infos = [
        "swift", "swift chunk=a-1", "swift\tchunk=b-2", "swift  ignore", "swift test", "swift test variants=rfc",
        "swift ignore name=a\u{2003}b", "swift ignore name=\u{00A0}x", "text", "c", "", "diff", "  swift   chunk=c-3  ",
        "swift\u{3000}chunk=d", "text\u{00A0}x", "ünïcødé", "swift ignore name=漢字",
    ]

    static let words = ["vma", "mmap_lock", "é", "漢字", "🦀", "`code`", "*em*", "[link](x)", "a\tb", "<b>", "&amp;", "|", "-", "~~s~~"]

    /// One document: Markdown text in `\n` lines; the caller picks the line endings.
    mutating func document() -> String {
        var lines: [String] = []
        for _ in 0..<int(1...10) {
            switch int(0...9) {
            case 0: lines += [paragraph()]
            case 1: lines += ["#" + String(repeating: "#", count: int(0...2)) + " " + paragraph()]
            case 2, 3: lines += fence(prefix: "", continuation: "")
            case 4: lines += listItemFence()
            case 5: lines += quoteFence()
            case 6: lines += ["- item", ""] + fence(prefix: "  ", continuation: "  ").map { "> " + $0 }
            case 7: lines += ["    " + pick(["```", "~~~", "code"]), "    more"]
            case 8: lines += ["| a | b |", "| - | - |", "| ``` | ~~~ |"]
            default: lines += [pick(["", "", "***", "> quoted " + paragraph(), "1. item"])]
            }
            if chance(70) { lines.append("") }
        }
        return lines.joined(separator: "\n") + (chance(80) ? "\n" : "")
    }

    /// `text` with its `\n` line endings replaced by `\r\n`, lone `\r`, or a mix, line by line.
    mutating func withLineEndings(_ text: String) -> String {
        let style = int(0...3)
        var out = ""
        for scalar in text.unicodeScalars {
            guard scalar == "\n" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch style {
            case 0: out += "\n"
            case 1: out += "\r\n"
            case 2: out += "\r"
            default: out += pick(["\n", "\r\n", "\r"])
            }
        }
        return out
    }

    private mutating func paragraph() -> String {
        (0..<int(1...6)).map { _ in pick(Self.words) }.joined(separator: " ") + (chance(10) ? "\rstray" : "")
    }

    /// A fence whose lines start with `prefix` (first line) and `continuation` (the rest).
    private mutating func fence(prefix: String, continuation: String) -> [String] {
        let character = pick(["`", "~"])
        let length = int(3...5)
        let marker = String(repeating: character, count: length)
        let indent = String(repeating: " ", count: int(0...3))
        var lines = [prefix + indent + marker + pick(Self.infos)]
        for _ in 0..<int(0...4) {
            lines.append(continuation + pick([
                "let x = 1", "", "\tindented", String(repeating: character, count: length - 1),
                pick(["```", "~~~"]) + " notacloser", "    " + marker, "漢字 🦀", "  > not a quote",
            ]))
        }
        switch int(0...9) {
        case 0: break  // never closed
        case 1: lines.append(continuation + "    " + marker)  // indented four: code, not a closer
        case 2: lines.append(String(repeating: character, count: length + int(0...2)))  // outdented past the container
        default:
            lines.append(continuation + String(repeating: " ", count: int(0...3)) + String(repeating: character, count: length + int(0...2))
                         + (chance(20) ? "  " : ""))
        }
        return lines
    }

    private mutating func listItemFence() -> [String] {
        let marker = pick(["- ", "* ", "1. ", "10) "])
        let pad = String(repeating: " ", count: marker.count)
        let head = chance(50) ? [marker + "item", ""] : []
        let first = head.isEmpty ? marker : pad
        return head + fence(prefix: first, continuation: pad)
    }

    private mutating func quoteFence() -> [String] {
        let lazy = chance(30)
        var lines = fence(prefix: "> ", continuation: "> ")
        if lazy, let last = lines.last, last.hasPrefix("> ") { lines[lines.count - 1] = String(last.dropFirst(2)) }
        return lines
    }
}
