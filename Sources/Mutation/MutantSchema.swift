import Foundation
import Literate

/// One mutant of a variant: an operator applied at one site, located in the Markdown.
public struct Mutant: Sendable, Codable, Equatable {
    /// The mutant's switch in the schema (`VMASPEC_MUTANT=id`).
    public let id: Int
    /// Stable name: the chunk (or `file:line` of an unnamed block), the operator, and which of
    /// that operator's sites in the block it is: `vma-adjust/remove-mark.2`.
    public let name: String
    public let op: MutationOperator
    /// Where the site is: a `Spec/` or `Patches/` file and line.
    public let file: String
    public let line: Int
    /// The site's line of code.
    public let code: String
    /// Declared equivalent with `equivalent=` on its block: no scenario can tell it from the variant.
    public let equivalent: Bool

    public var location: String { "\(file):\(line)" }

    func declaredEquivalent() -> Mutant {
        Mutant(id: id, name: name, op: op, file: file, line: line, code: code, equivalent: true)
    }
}

/// Every mutant of a variant, compiled into one module: each behind its own runtime switch
/// (mutant schemata), so one build serves them all.
public struct MutantSchema {
    public let variant: Variant
    public let mutants: [Mutant]
    /// Per block (keyed by its Markdown position), the sites and their switch numbers.
    private let sitesByBlock: [String: [(site: FoundSite, id: Int)]]

    public init(variant: Variant) throws {
        self.variant = variant
        let vocabulary = Vocabulary(variant: variant)
        var mutants: [Mutant] = []
        var sitesByBlock: [String: [(FoundSite, Int)]] = [:]
        for document in variant.documents {
            for block in variant.modelBlocks(in: document) {
                let sites = SiteFinder.sites(in: block.code, vocabulary: vocabulary)
                let named = try Self.name(sites, of: block, firstID: mutants.count)
                mutants += named
                sitesByBlock[Self.key(block)] = zip(sites, named.map(\.id)).map { ($0, $1) }
            }
        }
        self.mutants = try Self.applyingReviewDeclarations(mutants, variant.chain)
        self.sitesByBlock = sitesByBlock
    }

    /// Marks the mutants the reviews of the chain declare equivalent in their headers; each name
    /// must be a mutant of the variant.
    private static func applyingReviewDeclarations(_ mutants: [Mutant], _ chain: [Review]) throws -> [Mutant] {
        let names = Set(mutants.map(\.name))
        var declared: Set<String> = []
        for review in chain {
            for name in review.header.equivalent {
                guard names.contains(name) else {
                    throw LiterateError(review.header.line(of: "equivalent"), "'equivalent' names no mutant '\(name)' of variant '\(review.header.id)'")
                }
                declared.insert(name)
            }
        }
        return mutants.map { declared.contains($0.name) ? $0.declaredEquivalent() : $0 }
    }

    static func key(_ block: Variant.TangledBlock) -> String { "\(block.source.file):\(block.source.line)" }

    /// The block's sites as mutants; its `equivalent=` must name only sites it has.
    private static func name(_ sites: [FoundSite], of block: Variant.TangledBlock, firstID: Int) throws -> [Mutant] {
        let owner = block.chunk ?? "\(block.source.file):\(block.source.line)"
        let lines = block.code.split(separator: "\n", omittingEmptySubsequences: false)
        var ordinals: [MutationOperator: Int] = [:]
        let mutants = sites.enumerated().map { index, site in
            let ordinal = (ordinals[site.op] ?? 0) + 1
            ordinals[site.op] = ordinal
            let label = "\(site.op.rawValue).\(ordinal)"
            return Mutant(id: firstID + index, name: "\(owner)/\(label)", op: site.op, file: block.source.file,
                          line: block.source.firstCodeLine + site.line - 1,
                          code: String(lines[site.line - 1]).trimmingCharacters(in: .whitespaces),
                          equivalent: block.source.equivalentMutants.contains(label))
        }
        let labels = Set(mutants.map { String($0.name.split(separator: "/").last!) })
        for declared in block.source.equivalentMutants where !labels.contains(declared) {
            throw LiterateError(block.source.position,
                                "'equivalent=\(declared)' names no mutant of this block (its mutants: \(labels.sorted().joined(separator: ", ")))")
        }
        return mutants
    }

    /// The block's code with every one of its mutants behind its switch.
    func rewrite(_ block: Variant.TangledBlock) -> String {
        let sites = sitesByBlock[Self.key(block)] ?? []
        if sites.isEmpty { return block.code }
        return TextEdits.apply(sites.flatMap { $0.site.edits($0.id) }, to: block.code)
    }

    /// Every file of the schema module: the variant's Swift with the switches, the switch itself,
    /// and the runner's `main.swift`.
    public func files() -> [(path: String, contents: String)] {
        Tangler(variant: variant).allFiles(rewrite: rewrite) + [
            ("MutantSwitch.swift", RunnerSource.mutantSwitch), ("main.swift", RunnerSource.main),
        ]
    }
}
