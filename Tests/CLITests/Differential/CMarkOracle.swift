import CCmarkGFM
import Foundation

/// What libcmark-gfm itself says about the fenced code blocks of a document, with no code of the
/// engine in between: the reference of the differential tests.
enum CMarkOracle {
    struct Fence: Equatable {
        var line: Int
        var info: String
        var code: String
        var closed: Bool
    }

    /// Every fenced code block of `text`, in document order, with the same extensions the engine uses.
    static func fences(_ text: String) -> [Fence] {
        let raw = parse(text)
        return raw.map { fence in
            Fence(line: fence.line, info: fence.info, code: fence.code, closed: isClosed(fence, in: text))
        }
    }

    private struct RawFence {
        var line: Int
        var endLine: Int
        var info: String
        var code: String
        var character: UInt8
        var length: Int
    }

    private static func parse(_ text: String) -> [RawFence] {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        for name in ["table", "tasklist", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
            }
        }
        let root = cmark_parser_finish(parser)!
        defer { cmark_node_free(root) }
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        var result: [RawFence] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { continue }
            var length: Int32 = 0, offset: Int32 = 0, character: CChar = 0
            guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { continue }
            result.append(RawFence(
                line: Int(cmark_node_get_start_line(node)), endLine: Int(cmark_node_get_end_line(node)),
                info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
                code: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
                character: UInt8(bitPattern: character), length: Int(length)))
        }
        return result
    }

    /// cmark-gfm keeps no "closed" flag, so ask it a second question: blank out the fence run on
    /// the block's last line and parse again. If that line was the block's closing fence, every
    /// container continued on it, so it now becomes code of the same block, which grows by a line.
    /// If the block ended with its container, or at the end of the document, it does not grow.
    private static func isClosed(_ fence: RawFence, in text: String) -> Bool {
        guard fence.endLine > fence.line else { return false }
        var lines = splitLines(text)
        guard fence.endLine <= lines.count else { return false }
        var line = Array(lines[fence.endLine - 1].text.utf8)
        guard let start = line.indices.first(where: { index in
            line[index...].prefix { $0 == fence.character }.count >= fence.length
        }) else { return false }
        var index = start
        while index < line.count, line[index] == fence.character {
            line[index] = UInt8(ascii: "x")
            index += 1
        }
        lines[fence.endLine - 1].text = String(decoding: line, as: UTF8.self)
        let probe = lines.map { $0.text + $0.ending }.joined()
        guard let again = parse(probe).first(where: { $0.line == fence.line }) else { return false }
        return lineCount(again.code) > lineCount(fence.code)
    }

    private static func lineCount(_ code: String) -> Int {
        code.utf8.filter { $0 == UInt8(ascii: "\n") }.count
    }

    /// Lines ending in `\n`, `\r\n` or `\r`, each kept with its ending (written here, apart from
    /// the engine's `SourceLines`, so the two are checked against each other).
    private static func splitLines(_ text: String) -> [(text: String, ending: String)] {
        var result: [(String, String)] = []
        var current = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\n":
                result.append((current, "\n"))
                current = ""
            case "\r":
                if pending == "\n" {
                    pending = scalars.next()
                    result.append((current, "\r\n"))
                } else {
                    result.append((current, "\r"))
                }
                current = ""
            default:
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { result.append((current, "")) }
        return result
    }
}
