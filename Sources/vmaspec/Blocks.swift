import ArgumentParser
import Foundation
import Literate

/// `vmaspec blocks [--json] FILE...`: the fenced blocks of Markdown files.
struct Blocks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the fenced code blocks of Markdown files.")

    @Flag(help: "Print a JSON array: file, line, info, language, attributes, flags, code.")
    var json = false

    @OptionGroup var spec: SpecOptions

    @Argument(help: "Markdown files, relative to --root.")
    var files: [String]

    func run() throws {
        try ArgumentChecks.packageRoot(spec.rootURL, needsSpec: false)
        let documents = try reportingBadInput {
            try files.map { try Document(root: spec.rootURL, path: relativePath($0)) }
        }
        let blocks = documents.flatMap(\.blocks)
        if json {
            print(try BlockJSON.encode(blocks))
        } else {
            for block in blocks { print(Self.summary(block)) }
        }
    }

    /// A file argument relative to the root, whether given relative or absolute.
    func relativePath(_ argument: String) -> String {
        let rootPath = spec.rootURL.path + "/"
        let absolute = URL(fileURLWithPath: argument, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        return absolute.hasPrefix(rootPath) ? String(absolute.dropFirst(rootPath.count)) : argument
    }

    static func summary(_ block: Block) -> String {
        let attributes = block.info.attributes.map { "\($0.key)=\($0.value)" } + block.info.flags
        let lines = SourceLines.endingCount(block.code)
        return "\(block.file):\(block.line)\t\(block.language.isEmpty ? "-" : block.language)\t\(attributes.joined(separator: " "))\t\(lines) lines"
    }
}

/// The JSON shape of `blocks --json`: exactly the keys file, line, info (the info string as
/// cmark-gfm gives it), language, attributes, flags, code.
enum BlockJSON {
    struct Entry: Encodable {
        var file: String
        var line: Int
        var info: String
        var language: String
        var attributes: [String: String]
        var flags: [String]
        var code: String
    }

    static func encode(_ blocks: [Block]) throws -> String {
        let entries = blocks.map {
            Entry(file: $0.file, line: $0.line, info: $0.info.text, language: $0.language,
                  attributes: Dictionary($0.info.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
                  flags: $0.info.flags, code: $0.code)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
