import Foundation

/// A generated spec for whole-process benchmarks: the same chunks as Markdown chapters (`Spec/`)
/// and as noweb files (`noweb/`), so `vmaspec`, `cmark-gfm` and `notangle` work on the same text.
enum SyntheticSpec {
    /// Writes the spec under `root` (replacing what was there); returns the Markdown's size in bytes.
    static func write(_ shape: TangleProcessBench.Shape, to root: URL) throws -> Int {
        try? FileManager.default.removeItem(at: root)
        let spec = root.appendingPathComponent("Spec"), noweb = root.appendingPathComponent("noweb")
        try FileManager.default.createDirectory(at: spec, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: noweb, withIntermediateDirectories: true)
        var bytes = 0
        for chapter in 0..<(shape.chapters * shape.scale) {
            let name = String(format: "%04d-chapter", chapter)
            let markdown = self.markdown(chapter: chapter, shape)
            bytes += markdown.utf8.count
            try markdown.write(to: spec.appendingPathComponent(name + ".md"), atomically: false, encoding: .utf8)
            try self.noweb(chapter: chapter, shape).write(to: noweb.appendingPathComponent(name + ".nw"), atomically: false, encoding: .utf8)
        }
        return bytes
    }

    static func markdownFiles(_ root: URL) throws -> [URL] { try files(root.appendingPathComponent("Spec"), ending: ".md") }
    static func nowebFiles(_ root: URL) throws -> [URL] { try files(root.appendingPathComponent("noweb"), ending: ".nw") }

    private static func files(_ folder: URL, ending: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(ending) }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    static func chunkName(chapter: Int, chunk: Int) -> String { "chapter\(chapter)-chunk\(chunk)" }

    /// A paragraph of prose before each chunk, as a chapter explains each block.
    static func prose(chapter: Int, chunk: Int) -> String {
        "Chunk \(chunk) of chapter \(chapter) adds one more helper. The prose says why the helper exists,\n"
            + "which lock it expects its caller to hold, and what a reviewer should check in it.\n"
    }

    /// `lines` lines of Swift for one chunk.
    static func code(chapter: Int, chunk: Int, lines: Int) -> String {
        var text = "func helper_\(chapter)_\(chunk)(_ value: Int) -> Int {\n"
        for line in 0..<max(0, lines - 3) { text += "    let step\(line) = value &* \(line + 1) &+ \(chunk)\n" }
        text += "    return value\n}\n"
        return text
    }

    static func markdown(chapter: Int, _ shape: TangleProcessBench.Shape) -> String {
        var text = "# Chapter \(chapter)\n\n"
        for chunk in 0..<shape.chunks {
            text += prose(chapter: chapter, chunk: chunk) + "\n"
            text += "```swift chunk=\(chunkName(chapter: chapter, chunk: chunk))\n"
            text += code(chapter: chapter, chunk: chunk, lines: shape.lines) + "```\n\n"
        }
        return text
    }

    /// The same chapter for noweb; each file adds its chunks to the one root `*`, so one
    /// `notangle` run over every file writes every chunk, as one `vmaspec tangle` does.
    static func noweb(chapter: Int, _ shape: TangleProcessBench.Shape) -> String {
        var text = "@ Chapter \(chapter)\n\n"
        for chunk in 0..<shape.chunks {
            text += "@ " + prose(chapter: chapter, chunk: chunk) + "\n"
            text += "<<\(chunkName(chapter: chapter, chunk: chunk))>>=\n"
            text += code(chapter: chapter, chunk: chunk, lines: shape.lines) + "\n"
        }
        text += "@ The chapter's chunks in order.\n\n<<*>>=\n"
        for chunk in 0..<shape.chunks { text += "<<\(chunkName(chapter: chapter, chunk: chunk))>>\n" }
        text += "@\n"
        return text
    }
}
