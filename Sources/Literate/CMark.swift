import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif

/// A parsed cmark-gfm document (GFM tables, task lists, strikethrough and autolinks on).
/// Owns the C tree and frees it when released.
final class MarkdownTree {
    let root: OpaquePointer
    private let parser: OpaquePointer

    /// The GFM extensions every document is parsed with.
    static let extensionNames = ["table", "tasklist", "strikethrough", "autolink"]

    init(_ text: String) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        self.parser = parser
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        root = cmark_parser_finish(parser)!
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Calls `visit` on every node, in document order, when the walk enters it.
    func forEachNode(_ visit: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    /// HTML for the tree, with raw HTML and dangerous URLs suppressed (cmark-gfm's safe mode).
    func html() -> String {
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let cString = cmark_render_html(root, CMARK_OPT_DEFAULT, extensions) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }
}

/// A fenced code block as cmark-gfm sees it, before its info string is interpreted.
struct RawFence {
    var info: String
    /// cmark-gfm's literal; cmark writes every line ending of it as `\n`.
    var code: String
    /// 1-based line of the opening fence.
    var startLine: Int
    var endLine: Int
    /// False when the fence runs to the end of its container (or of the document) without a closing fence.
    var isClosed: Bool
    /// The tree node, valid while its `MarkdownTree` lives.
    var node: OpaquePointer
}

extension MarkdownTree {
    /// Every fenced code block, in document order. Indented code blocks are not fences and are skipped.
    func fences(source: String) -> [RawFence] {
        var codeNodes: [OpaquePointer] = []
        var nodeStarts: Set<Int> = []
        forEachNode { node in
            nodeStarts.insert(Int(cmark_node_get_start_line(node)))
            if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK { codeNodes.append(node) }
        }
        var lines: [SourceLines.Line]?
        return codeNodes.compactMap { node in
            var length: Int32 = 0, offset: Int32 = 0, character: CChar = 0  // never nil: cmark writes all three
            guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { return nil }
            let code = Self.literal(of: node)
            let start = Int(cmark_node_get_start_line(node))
            let end = Int(cmark_node_get_end_line(node))
            if lines == nil { lines = SourceLines.split(source) }
            let closed = Self.isClosed(start: start, end: end, contentLines: SourceLines.endingCount(code),
                                       endLineText: end <= lines!.count ? lines![end - 1].text : "",
                                       anotherBlockStartsThere: nodeStarts.contains(end),
                                       character: UInt8(bitPattern: character), length: Int(length))
            return RawFence(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
                            code: code, startLine: start, endLine: end, isClosed: closed, node: node)
        }
    }

    /// Whether cmark-gfm ended a fenced block at a closing fence, or at the end of its container.
    ///
    /// cmark-gfm keeps no "closed" flag, and it gives a fence that its container ended on line L
    /// the same end line L as a fence closed on line L. CommonMark tells them apart: line L closes
    /// the fence only when every container continued on it (so no other block starts there, and
    /// the line is not code) and what is left of it is a run of at least `length` fence characters
    /// with nothing but spaces after. A fence that reaches the end of the document holds line L as
    /// code, so its literal has one line more.
    static func isClosed(start: Int, end: Int, contentLines: Int, endLineText: String,
                         anotherBlockStartsThere: Bool, character: UInt8, length: Int) -> Bool {
        guard end == start + contentLines + 1, !anotherBlockStartsThere else { return false }
        let afterPrefix = endLineText.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") }
        let run = afterPrefix.prefix { $0 == character }.count
        return run >= length && afterPrefix.dropFirst(run).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Replaces the literal text of a code node (block or inline).
    static func setLiteral(_ node: OpaquePointer, _ text: String) {
        cmark_node_set_literal(node, text)
    }

    /// Every inline code span, in document order.
    func inlineCodeNodes() -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        forEachNode { node in
            if cmark_node_get_type(node) == CMARK_NODE_CODE { result.append(node) }
        }
        return result
    }

    static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}

/// cmark-gfm's own work on a text, with nothing of ours: the baseline of the tangle benchmark.
public enum CMarkBaseline {
    /// Parses `text` with the same extensions and walks the tree once; returns the node count.
    @discardableResult
    public static func parse(_ text: String) -> Int {
        let tree = MarkdownTree(text)
        var nodes = 0
        tree.forEachNode { _ in nodes += 1 }
        return nodes
    }
}
