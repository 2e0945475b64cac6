/// Knuth-style change-file staleness: each `replaces` block records a short hash of the base text it
/// was written against (`base=`); when the base chunk changes, the review point is stale.
public struct ReplacementStatus: Sendable {
    public var review: String
    public var chunk: String
    public var block: Block
    /// The fingerprint written in the block, if any.
    public var recorded: String?
    /// The fingerprint of the chunk's text in the review's base today.
    public var current: String

    public var isFresh: Bool { recorded == current }
}

public enum Fingerprint {
    /// 64-bit FNV-1a of the text's UTF-8, as 10 hex digits: short enough to read, long enough to trust.
    public static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(10))
    }
}

extension Project {
    /// One status per replaced chunk of `review`, against the text of its base variant.
    public func replacementStatuses(of review: Review) throws -> [ReplacementStatus] {
        let base = try Variant(project: self, name: review.header.base)
        return review.replacements.compactMap { block in
            guard case .replacement(let chunk, let recorded) = block.role else { return nil }
            let text = base.chunkText(chunk) ?? ""
            return ReplacementStatus(review: review.header.id, chunk: chunk, block: block,
                                     recorded: recorded, current: Fingerprint.of(text))
        }
    }

    /// The review document's text with every `replaces` block's `base=` set to today's fingerprint.
    /// Nothing else in the file changes.
    public func refreshedText(of review: Review) throws -> String {
        let statuses = try replacementStatuses(of: review)
        var lines = SourceLines.split(review.document.text)
        for status in statuses {
            let index = status.block.line - 1
            lines[index].text = Self.settingBase(status.current, in: lines[index].text)
        }
        return SourceLines.join(lines)
    }

    /// A fence line with its `base=` attribute set (added after `replaces=…` when missing). Words
    /// are split where the info string splits them, on spaces and tabs, which are kept as they are.
    static func settingBase(_ hash: String, in line: String) -> String {
        // Runs of separators and of word characters, alternating, so the line joins back unchanged.
        var runs: [String] = []
        var lastWasSeparator: Bool?
        for scalar in line.unicodeScalars {
            let isSeparator = scalar == " " || scalar == "\t"
            if isSeparator == lastWasSeparator {
                runs[runs.count - 1].unicodeScalars.append(scalar)
            } else {
                runs.append(String(scalar))
            }
            lastWasSeparator = isSeparator
        }
        if let index = runs.firstIndex(where: { $0.hasPrefix("base=") }) {
            runs[index] = "base=\(hash)"
        } else if let index = runs.firstIndex(where: { $0.hasPrefix("replaces=") }) {
            runs.insert(contentsOf: [" ", "base=\(hash)"], at: index + 1)
        }
        return runs.joined()
    }
}
