/// Rewrites `output` blocks in place (the cram `-i` loop): only the lines between the fences change,
/// every other byte of the file stays as it was.
public enum OutputBlocks {
    /// `text` with the content of the output block at `fenceLine` replaced by `output`.
    public static func replacing(in text: String, path: String, fenceLine: Int, codeLineCount: Int, with output: String) throws -> String {
        var lines = SourceLines.split(text)
        let fenceIndex = fenceLine - 1
        guard fenceIndex < lines.count, fenceIndex + codeLineCount < lines.count else {
            throw LiterateError(file: path, line: fenceLine, "no output block here")
        }
        let fence = lines[fenceIndex].text
        let prefix = String(fence.prefix { $0 != "`" && $0 != "~" })
        let marker = fence.dropFirst(prefix.count).prefix { $0 == fence.dropFirst(prefix.count).first }
        let newLines = output.isEmpty ? [] : SourceLines.split(output).map(\.text)
        if let clash = newLines.firstIndex(where: { $0.trimmingLeadingSpaces.hasPrefix(String(marker)) }) {
            throw LiterateError(file: path, line: fenceLine, "the new output's line \(clash + 1) would close the fence '\(marker)'; use a longer fence")
        }
        // New lines end the way the fence line does, so a CRLF or CR file keeps its line endings.
        let ending = lines[fenceIndex].ending.isEmpty ? "\n" : lines[fenceIndex].ending
        let indented = newLines.map { SourceLines.Line(text: $0.isEmpty ? prefix.trimmingTrailingSpaces : prefix + $0, ending: ending) }
        lines.replaceSubrange((fenceIndex + 1)..<(fenceIndex + 1 + codeLineCount), with: indented)
        return SourceLines.join(lines)
    }
}

extension String {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
