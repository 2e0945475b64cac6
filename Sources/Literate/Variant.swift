/// One variant of the model: the base spec with the reviews of its `base` chain applied, in order.
///
/// A review replaces whole chunks (like a Knuth change file) and renames identifiers. A chunk
/// replaced by several reviews of the chain takes the text of the last; each text is then renamed
/// by the review that wrote it and by every later one.
public struct Variant: Sendable {
    public let project: Project
    /// The name asked for (`rfc-nopvl`, `naming`).
    public let name: String
    /// The variant whose text this one compiles (`rfc` for `rfc-nopvl`).
    public let sourceName: String
    /// Reviews applied, base first.
    public let chain: [Review]

    public init(project: Project, name: String) throws {
        self.project = project
        self.name = name
        sourceName = project.configurations[name] ?? name
        var chain: [Review] = []
        var current = sourceName
        while current != Project.baseVariant {
            guard let review = project.review(id: current) else {
                throw LiterateError(file: "Patches", line: 1, "unknown variant '\(current)' (known: \(project.variantNames.joined(separator: ", ")))")
            }
            guard !chain.contains(where: { $0.header.id == current }) else {
                throw LiterateError(review.header.line(of: "base"), "cyclic base through '\(current)'")
            }
            chain.insert(review, at: 0)
            current = review.header.base
        }
        self.chain = chain
    }

    /// The review that owns this variant's own tests, examples and scenarios, if any.
    public var ownReview: Review? { chain.last }

    /// Documents whose blocks this variant compiles: every chapter, then the reviews of the chain.
    public var documents: [Document] { project.chapters + chain.map(\.document) }

    /// A block of code as this variant compiles it.
    public struct TangledBlock: Sendable {
        /// Where the text comes from: a Spec/ block, or the review block that replaced it.
        public var source: Block
        public var code: String
        /// The chunk this text stands for, when named.
        public var chunk: String?
    }

    /// The model code of `document`, in order, with replacements and renames applied.
    public func modelBlocks(in document: Document) -> [TangledBlock] {
        let ownIndex = chain.firstIndex { $0.document.path == document.path }
        if !document.isReview || ownIndex != nil {
            return document.blocks.compactMap { block in
                guard case .model(let chunk) = block.role else { return nil }
                if let chunk, let (index, replacement) = replacement(for: chunk) {
                    return TangledBlock(source: replacement, code: renamed(replacement.code, from: index), chunk: chunk)
                }
                return TangledBlock(source: block, code: renamed(block.code, from: ownIndex ?? 0), chunk: chunk)
            }
        }
        return []
    }

    /// Blocks of `document` with `role`'s kind that this variant compiles, renamed.
    /// Tests, examples and scenarios of a review belong to that review's own variant, and those of
    /// a history document also to the later steps of the line (`includes`).
    public func blocks(in document: Document, where keep: (Block.Role) -> Bool) -> [TangledBlock] {
        let chainIndex = chain.firstIndex { $0.document.path == document.path }
        if document.isReview, chainIndex == nil { return [] }
        return document.blocks.compactMap { block in
            guard keep(block.role), includes(block, from: document) else { return nil }
            return TangledBlock(source: block, code: renamed(block.code, from: chainIndex ?? 0), chunk: nil)
        }
    }

    /// Whether a test, example or scenario block is compiled in this variant.
    /// `variants=a,b` keeps the block in those variants only; `variants=!a` in every variant but `a`;
    /// `a+` stands for `a` and every variant built on it (`variants=!v1+`: the variants before v1).
    /// A review's own blocks belong to its variant; a history document's also to the later steps.
    func includes(_ block: Block, from document: Document) -> Bool {
        if let filter = block.variantFilter {
            let excluded = filter.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
            if !excluded.isEmpty {
                guard !excluded.contains(where: matches) else { return false }
            } else if !filter.contains(where: matches) {
                return false
            }
        }
        guard document.isReview else { return true }
        if ownReview?.document.path == document.path { return true }
        return chain.contains { $0.document.path == document.path && $0.header.kind == .history }
    }

    /// Whether a `variants=` entry names this variant: `name`, or `base+` for a variant built on `base`.
    func matches(_ entry: String) -> Bool {
        guard entry.hasSuffix("+") else { return entry == name }
        return project.lineage(of: name)?.contains(String(entry.dropLast())) == true
    }

    /// The last review of the chain that replaces `chunk`, with its index.
    func replacement(for chunk: String) -> (Int, Block)? {
        for (index, review) in chain.enumerated().reversed() {
            if let block = review.replacements.first(where: { $0.chunkName == chunk }) { return (index, block) }
        }
        return nil
    }

    /// Text of the document at `path` as this variant reads it: renamed by each review of the chain
    /// from the one that owns the document on (all of them for a Spec/ chapter).
    public func renamed(_ text: String, inDocument path: String) -> String {
        renamed(text, from: chain.firstIndex { $0.document.path == path } ?? 0)
    }

    /// `code` renamed by reviews `index...` of the chain, in order.
    func renamed(_ code: String, from index: Int) -> String {
        chain[min(index, chain.count)...].reduce(code) { text, review in
            Renamer.apply(review.header.renameTable, to: text)
        }
    }

    /// Every identifier used in this variant's code of any kind.
    public func allCodeWords() -> Set<String> {
        var words: Set<String> = []
        for document in documents {
            for block in modelBlocks(in: document) { words.formUnion(Renamer.words(in: block.code)) }
            for block in blocks(in: document, where: { _ in true }) where block.source.isCompiled {
                words.formUnion(Renamer.words(in: block.code))
            }
        }
        return words
    }

    /// The text of chunk `name` in this variant.
    public func chunkText(_ name: String) -> String? {
        chunk(name)?.code
    }

    /// Chunk `name` as this variant compiles it, with the block its text comes from.
    public func chunk(_ name: String) -> TangledBlock? {
        for document in documents {
            if let block = modelBlocks(in: document).first(where: { $0.chunk == name }) { return block }
        }
        return nil
    }
}

extension Block {
    /// Whether the block is Swift that some target compiles.
    var isCompiled: Bool {
        switch role {
        case .model, .replacement, .example, .test, .scenario: true
        default: false
        }
    }
}
