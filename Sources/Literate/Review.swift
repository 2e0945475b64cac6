import Foundation
import Yams

/// The `review` header of a document in Patches/ (DESIGN.md section 3).
public struct ReviewHeader: Equatable, Sendable {
    public var id: String
    public var title: String
    public var reviewer: String
    public var date: String
    /// Message-ID of the mail the review point comes from.
    public var source: String
    /// The variant this one applies to: `rfc` or another review id.
    public var base: String
    public var status: Status
    /// How the kernel finally resolved the point.
    public var upstream: String
    /// Identifiers renamed in code and inline code, in the order given.
    public var renames: [Rename]
    /// A review point, or a bug put back in (a must-fail variant).
    public var kind: Kind
    /// For a bug: the scenarios that must catch it.
    public var catches: [String]
    /// For a history document: the variant whose bug it fixes (the kernel's `Fixes:` tag).
    public var fixes: String?
    /// For a history document: the kernel commits it models (`fb49c455323f`).
    public var commits: [String] = []
    /// For a history document: later fixes of its bugs the model cannot show yet, each with why.
    public var pending: [String] = []
    /// Mutants (`chunk/operator.N`) this variant declares equivalent, for mutation testing: the
    /// document's prose says why. They stay equivalent in the variants built on this one.
    public var equivalent: [String] = []
    /// Where the header block starts, and where each key sits.
    public var position: SourcePosition
    public var keyLines: [String: Int]

    public enum Status: String, CaseIterable, Sendable {
        case open, answered, adopted, rejected, superseded
    }

    public enum Kind: String, CaseIterable, Sendable {
        /// A review comment turned into a variant that must pass every check.
        case review
        /// A historical or synthetic bug put back in: some scenario must fail on it.
        case bug
        /// A step of the series' life (a posting, the merged release, a fix after it), based on
        /// the step before it: a variant that must pass every check, on the history line.
        case history
    }

    public struct Rename: Equatable, Sendable {
        public var old: String
        public var new: String
        public var line: Int
    }

    static let requiredKeys = ["id", "title", "reviewer", "date", "source", "base", "status", "upstream"]
    static let requiredBugKeys = ["id", "title", "base", "source", "catches"]
    static let knownKeys = Set(requiredKeys + ["renames", "kind", "catches", "equivalent", "fixes", "commit", "pending"])

    /// `renames` as a table, old name → new name.
    public var renameTable: [String: String] {
        Dictionary(renames.map { ($0.old, $0.new) }, uniquingKeysWith: { first, _ in first })
    }

    /// The line of `key` in the Markdown file, or the header's fence line.
    public func line(of key: String) -> SourcePosition {
        SourcePosition(file: position.file, line: keyLines[key] ?? position.line)
    }
}

extension ReviewHeader {
    /// Reads the header from a review document, whose first block must be ```` ```review ````.
    static func parse(_ document: Document) throws -> ReviewHeader {
        guard let block = document.blocks.first, block.role == .review else {
            throw LiterateError(file: document.path, line: document.blocks.first?.line ?? 1,
                                "a review document must start with a 'review' block (YAML: id, title, reviewer, date, source, base, status, upstream)")
        }
        let mapping = try yamlMapping(block)
        var fields: [String: String] = [:]
        var keyLines: [String: Int] = [:]
        var renames: [Rename] = []
        var pending: [String] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = block.line + (keyNode.mark?.line ?? 0)
            guard knownKeys.contains(key) else {
                throw LiterateError(file: block.file, line: line, "unknown key '\(key)' in the review header (expected: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            if let first = keyLines[key] {
                throw LiterateError(file: block.file, line: line, "key '\(key)' given twice in the review header (first at line \(first))")
            }
            keyLines[key] = line
            if key == "renames" {
                renames = try parseRenames(value, block: block, line: line)
            } else if key == "pending" {
                guard let list = value.sequence, list.allSatisfy({ $0.string?.isEmpty == false }) else {
                    throw LiterateError(file: block.file, line: line, "'pending' lists fixes not modelled yet, one text each ('- b1f02b95758d: why')")
                }
                pending = list.compactMap(\.string)
            } else if key == "catches" || key == "equivalent" || key == "commit", let list = value.sequence {
                fields[key] = list.compactMap(\.string).joined(separator: ",")
            } else {
                guard let text = value.string, !text.isEmpty else {
                    throw LiterateError(file: block.file, line: line, "'\(key)' must be a non-empty text")
                }
                fields[key] = text
            }
        }
        guard let kind = Kind(rawValue: fields["kind"] ?? "review") else {
            throw LiterateError(file: block.file, line: keyLines["kind"]!, "kind must be 'review', 'bug' or 'history', not '\(fields["kind"]!)'")
        }
        for key in kind == .bug ? requiredBugKeys : requiredKeys where fields[key] == nil {
            throw LiterateError(block.position, "the \(kind == .bug ? "bug" : "review") header lacks '\(key)'")
        }
        guard let status = Status(rawValue: fields["status"] ?? "open") else {
            throw LiterateError(file: block.file, line: keyLines["status"]!, "status must be one of \(Status.allCases.map(\.rawValue).joined(separator: ", ")), not '\(fields["status"]!)'")
        }
        let catches = (fields["catches"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if kind == .bug, catches.isEmpty {
            throw LiterateError(file: block.file, line: keyLines["catches"] ?? block.line,
                                "a bug must name the scenarios that catch it ('catches: [scenario, ...]'): an empty list checks nothing")
        }
        try BlockRoleParser.checkName(fields["id"]!, what: "review id", SourcePosition(file: block.file, line: keyLines["id"]!))
        var header = ReviewHeader(id: fields["id"]!, title: fields["title"]!, reviewer: fields["reviewer"] ?? "", date: fields["date"] ?? "",
                                  source: fields["source"]!, base: fields["base"]!, status: status, upstream: fields["upstream"] ?? "",
                                  renames: renames, kind: kind, catches: catches, position: block.position, keyLines: keyLines)
        header.equivalent = (fields["equivalent"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        header.fixes = fields["fixes"]
        header.pending = pending
        header.commits = try parseCommits(fields["commit"], line: keyLines["commit"], block: block)
        if kind != .history, let key = ["fixes", "commit", "pending"].first(where: { keyLines[$0] != nil }) {
            throw LiterateError(file: block.file, line: keyLines[key]!, "'\(key)' belongs to a history document ('kind: history')")
        }
        return header
    }

    /// `commit: 5e31275cc997` or a list of them: abbreviated kernel commit ids, 12 hex digits or more.
    private static func parseCommits(_ text: String?, line: Int?, block: Block) throws -> [String] {
        guard let text else { return [] }
        let commits = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for commit in commits where commit.count < 12 || commit.count > 40 || !commit.allSatisfy(\.isHexDigit) || commit != commit.lowercased() {
            throw LiterateError(file: block.file, line: line ?? block.line, "'\(commit)' is not a commit id (12 to 40 lowercase hex digits)")
        }
        return commits
    }

    private static func yamlMapping(_ block: Block) throws -> Node.Mapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: block.code)
        } catch let error as YamlError {
            throw LiterateError(file: block.file, line: block.line + (error.markLine ?? 1), "malformed review header: \(error.problem)")
        }
        guard let mapping = node?.mapping else {
            throw LiterateError(block.position, "the review header must be a YAML mapping of keys to values")
        }
        return mapping
    }

    private static func parseRenames(_ node: Node, block: Block, line: Int) throws -> [Rename] {
        guard let mapping = node.mapping else {
            throw LiterateError(file: block.file, line: line, "'renames' must map old names to new ones")
        }
        return try mapping.map { old, new in
            let renameLine = block.line + (old.mark?.line ?? 0)
            guard let oldName = old.string, let newName = new.string,
                  Renamer.isIdentifier(oldName), Renamer.isIdentifier(newName) else {
                throw LiterateError(file: block.file, line: renameLine, "a rename maps one identifier to another, as 'old_name: new_name'")
            }
            return Rename(old: oldName, new: newName, line: renameLine)
        }
    }
}

extension YamlError {
    /// The 1-based line within the YAML text where libyaml stopped, when it says.
    var markLine: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(self)"
        }
    }
}
