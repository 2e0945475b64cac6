import Foundation

/// One Markdown source (a Spec/ chapter or a Patches/ review document) and its blocks.
public struct Document: Sendable {
    /// Path relative to the package root, e.g. `Spec/04-the-per-vma-lock.md`.
    public var path: String
    public var text: String
    public var blocks: [Block]
    /// True for review documents (under Patches/).
    public var isReview: Bool

    /// Parses `text`; throws the first bad block, with its line.
    public init(path: String, text: String, isReview: Bool? = nil) throws {
        self.path = path
        self.text = text
        let inReview = isReview ?? path.hasPrefix("Patches/")
        self.isReview = inReview
        let tree = MarkdownTree(text)
        blocks = try tree.fences(source: text).map { fence in
            let position = SourcePosition(file: path, line: fence.startLine)
            guard fence.isClosed else {
                throw LiterateError(position, "unterminated code fence (no closing fence before the end of its container)")
            }
            let info = try InfoString(parsing: fence.info, at: position)
            let role = try BlockRoleParser.role(of: info, at: position, inReview: inReview)
            return Block(file: path, line: fence.startLine, info: info, code: fence.code, role: role)
        }
        try checkExamplesHaveOutputs()
    }

    /// Reads `path` (relative to `root`) as strict UTF-8.
    public init(root: URL, path: String) throws {
        let bytes = try SourceReader.bytes(root: root, path: path)
        try self.init(path: path, text: try SourceReader.utf8(bytes, path: path))
    }

    /// Each example is followed by its `output` block; each `output` block follows an example.
    private func checkExamplesHaveOutputs() throws {
        var pendingExample: Block?
        for block in blocks {
            switch block.role {
            case .example:
                if let previous = pendingExample {
                    throw LiterateError(previous.position, "example has no 'output' block after it")
                }
                pendingExample = block
            case .output:
                guard pendingExample != nil else {
                    throw LiterateError(block.position, "'output' block without a 'swift example' before it")
                }
                pendingExample = nil
            default:
                continue
            }
        }
        if let example = pendingExample {
            throw LiterateError(example.position, "example has no 'output' block after it")
        }
    }

    /// Examples paired with the `output` block that follows each.
    public var examples: [(example: Block, output: Block)] {
        var result: [(Block, Block)] = []
        var pending: Block?
        for block in blocks {
            if case .example = block.role { pending = block }
            if case .output = block.role, let example = pending {
                result.append((example, block))
                pending = nil
            }
        }
        return result
    }

    /// A Swift identifier for this document: `Spec/04-the-per-vma-lock.md` → `ch04_the_per_vma_lock`.
    public var identifier: String { Self.identifier(forPath: path) }

    public static func identifier(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "ch" + SwiftNames.identifier(name.hasSuffix(".md") ? String(name.dropLast(3)) : name)
    }
}

/// Reads sources strictly: a path outside the package or bytes that are not UTF-8 are bad input.
public enum SourceReader {
    public static func bytes(root: URL, path: String) throws -> [UInt8] {
        try PathRules.checkInsidePackage(path, at: SourcePosition(file: path, line: 1))
        let url = root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LiterateError(file: path, line: 1, "cannot read file")
        }
        return [UInt8](data)
    }

    /// Decodes `bytes`, naming the line of the first invalid byte.
    public static func utf8(_ bytes: [UInt8], path: String) throws -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var validPrefix = bytes.count
        while validPrefix > 0, String(validating: bytes[..<validPrefix], as: UTF8.self) == nil {
            validPrefix -= 1
        }
        let line = SourceLines.lineNumber(ofByte: validPrefix, in: bytes)
        throw LiterateError(file: path, line: line, "invalid UTF-8 (byte \(validPrefix + 1) of the file)")
    }
}

/// Swift spellings of names from the spec.
public enum SwiftNames {
    /// `rfc-nopvl` → `rfc_nopvl`, `04-the-lock` → `_04_the_lock`: letters, digits and `_` only.
    public static func identifier(_ text: String) -> String {
        var result = String(text.unicodeScalars.map {
            ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) ? Character($0) : "_"
        })
        if let first = result.first, first.isNumber { result = "_" + result }
        return result
    }

    /// A Swift string literal holding `text` exactly.
    public static func stringLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
