import Literate

/// `vmaspec review --diff ID`: what a review changes against its base, chunk by chunk, in the
/// manner of `git range-diff`: the renames, each replaced chunk's base text beside the new text
/// (with the Markdown lines of both sides), the chunks that changed by renames alone, and the
/// code the review adds.
enum ReviewDiff {
    static func render(_ review: Review, project: Project) throws -> String {
        let header = review.header
        let base = try Variant(project: project, name: header.base)
        let variant = try Variant(project: project, name: header.id)
        var out = "review \(header.id) on \(header.base): \(header.title)\n"
        out += "  \(header.reviewer), \(header.date), \(header.source); status \(header.status.rawValue)\n\n"
        out += renamesSection(header, base: base)
        let statuses = Dictionary(try project.replacementStatuses(of: review).map { ($0.chunk, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, block) in review.replacements.enumerated() {
            guard let name = block.chunkName, let old = base.chunk(name), let new = variant.chunk(name) else { continue }
            out += "\(index + 1): chunk \(name)  \(old.source.position) -> \(new.source.position)"
            if let status = statuses[name] {
                out += "  [base \(status.recorded ?? "unrecorded") vs today \(status.current): \(status.isFresh ? "fresh" : "STALE")]"
            }
            out += "\n" + indent(OutputDiff.unified(
                expected: old.code, actual: new.code, expectedStart: old.source.firstCodeLine, actualStart: new.source.firstCodeLine,
                labels: ("\(old.source.file):\(old.source.firstCodeLine) (\(header.base))", "\(new.source.file):\(new.source.firstCodeLine) (\(header.id))"))) + "\n"
        }
        out += renamedOnlySection(review, base: base, variant: variant)
        out += addedSection(review, variant: variant)
        return out
    }

    static func renamesSection(_ header: ReviewHeader, base: Variant) -> String {
        guard !header.renames.isEmpty else { return "renames: none\n\n" }
        var out = "renames (applied to code and to inline code in prose):\n"
        let width = header.renames.map(\.old.count).max() ?? 0
        for rename in header.renames {
            let uses = base.documents.flatMap { base.modelBlocks(in: $0) }.reduce(0) { $0 + occurrences(of: rename.old, in: $1.code) }
            out += "  \(rename.old.padding(toLength: width, withPad: " ", startingAt: 0)) -> \(rename.new)   (\(uses) uses in model code; \(header.position.file):\(rename.line))\n"
        }
        return out + "\n"
    }

    /// Chunks the review does not replace but whose text differs from the base: renames at work.
    static func renamedOnlySection(_ review: Review, base: Variant, variant: Variant) -> String {
        let replaced = Set(review.replacements.compactMap(\.chunkName))
        var rows: [String] = []
        for name in variant.project.chunkDefinitions.keys.sorted() where !replaced.contains(name) {
            guard let old = base.chunk(name), let new = variant.chunk(name), old.code != new.code else { continue }
            let changed = zip(old.code.split(separator: "\n"), new.code.split(separator: "\n")).filter { $0 != $1 }.count
            rows.append("  \(name)  \(new.source.position)  \(changed) line\(changed == 1 ? "" : "s") renamed")
        }
        guard !rows.isEmpty else { return "" }
        return "chunks changed by renames only:\n" + rows.joined(separator: "\n") + "\n\n"
    }

    static func addedSection(_ review: Review, variant: Variant) -> String {
        let added = variant.modelBlocks(in: review.document).filter { $0.chunk == nil }
        guard !added.isEmpty else { return "" }
        return "code the review adds:\n" + added.map {
            "  \($0.source.position)  \($0.code.split(separator: "\n", omittingEmptySubsequences: false).count - 1) lines\n"
        }.joined() + "\n"
    }

    static func occurrences(of word: String, in text: String) -> Int {
        Renamer.apply([word: "\u{1}"], to: text).reduce(0) { $1 == "\u{1}" ? $0 + 1 : $0 }
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    \($0)" }.joined(separator: "\n")
    }
}
