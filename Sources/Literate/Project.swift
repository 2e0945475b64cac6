import Foundation

/// The whole literate source: the chapters of Spec/ and the review documents of Patches/,
/// checked together so that every tangle sees a consistent spec.
public struct Project: Sendable {
    public var root: URL
    /// Spec/*.md, in file-name order (the order of the series).
    public var chapters: [Document]
    /// Patches/**/*.md, in path order.
    public var reviews: [Review]
    /// Build configurations of a variant that tangle like it (`rfc-nopvl` tangles as `rfc`).
    public var configurations: [String: String]

    /// The base variant: the spec as posted, with no review applied.
    public static let baseVariant = "rfc"

    /// Loads and checks everything under `root`; throws the first problem, with its `file:line`.
    public static func load(root: URL, configurations: [String: String] = [:]) throws -> Project {
        let chapters = try markdownFiles(root: root, folder: "Spec").map { try Document(root: root, path: $0) }
        let reviews = try markdownFiles(root: root, folder: "Patches").map { path in
            try Review(document: try Document(root: root, path: path))
        }
        return try Project(root: root, chapters: chapters, reviews: reviews, configurations: configurations)
    }

    /// Checks documents already in memory (tests build fixtures this way).
    public init(root: URL, chapters: [Document], reviews: [Review], configurations: [String: String] = [:]) throws {
        self.root = root
        self.chapters = chapters
        self.reviews = reviews
        self.configurations = configurations
        try ProjectChecks(self).run()
    }

    /// Every variant name: the base, its configurations, and one per review document.
    public var variantNames: [String] {
        [Self.baseVariant] + configurations.keys.sorted() + reviews.map(\.header.id)
    }

    /// The first definition of each chunk in Spec/.
    public var chunkDefinitions: [String: Block] {
        var result: [String: Block] = [:]
        for block in chapters.flatMap(\.blocks) {
            if let name = block.chunkName, result[name] == nil { result[name] = block }
        }
        return result
    }

    /// Whether `variant` is a bug put back in, which must fail rather than pass.
    public func isMustFail(_ variant: String) -> Bool {
        review(id: variant)?.header.kind == .bug
    }

    public func review(id: String) -> Review? {
        reviews.first { $0.header.id == id }
    }

    /// The Markdown files of `folder` (recursively), relative to `root`, sorted.
    static func markdownFiles(root: URL, folder: String) throws -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var result: [String] = []
        while let entry = walker.nextObject() as? String {
            if entry.hasSuffix(".md") { result.append("\(folder)/\(entry)") }
        }
        return result.sorted()
    }
}

/// A review document: its header and the chunks it replaces.
public struct Review: Sendable {
    public var document: Document
    public var header: ReviewHeader

    public init(document: Document) throws {
        self.document = document
        header = try ReviewHeader.parse(document)
    }

    public var replacements: [Block] {
        document.blocks.filter { if case .replacement = $0.role { true } else { false } }
    }
}
