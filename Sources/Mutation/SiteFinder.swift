import SwiftParser
import SwiftSyntax

/// One place in one block's code where one operator applies.
struct FoundSite {
    let op: MutationOperator
    /// 1-based line within the block's code where the site starts.
    let line: Int
    /// The edits that build the mutant whose switch number is the argument.
    let edits: (Int) -> [TextEdit]
}

/// Finds the protocol sites of a block of model Swift with swift-syntax: calls, conditions and
/// statement pairs, recognised by the names of the variant's vocabulary.
final class SiteFinder: SyntaxVisitor {
    private let vocabulary: Vocabulary
    private let converter: SourceLocationConverter
    private let tree: SourceFileSyntax
    private(set) var sites: [FoundSite] = []
    /// Names of the functions the visitor is inside, innermost last.
    private var functions: [String] = []

    init(code: String, vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        tree = Parser.parse(source: code)
        converter = SourceLocationConverter(fileName: "block", tree: tree)
        super.init(viewMode: .sourceAccurate)
    }

    /// Every site of `code`, in source order.
    static func sites(in code: String, vocabulary: Vocabulary) -> [FoundSite] {
        let finder = SiteFinder(code: code, vocabulary: vocabulary)
        finder.walk(finder.tree)
        // Stable: sites of one line keep the order the walk found them in.
        return finder.sites.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        functions.append(node.name.text)
        if let body = node.body { findRCUSection(in: body) }
        return .visitChildren
    }

    override func visitPost(_ node: FunctionDeclSyntax) {
        functions.removeLast()
    }

    override func visit(_ node: CodeBlockItemListSyntax) -> SyntaxVisitorContinueKind {
        findStatementPairs(Array(node))
        return .visitChildren
    }

    override func visit(_ node: CodeBlockItemSyntax) -> SyntaxVisitorContinueKind {
        guard let call = Syntaxes.call(in: node), let name = Syntaxes.calleeName(call) else { return .visitChildren }
        if vocabulary.marks.contains(name) {
            add(.removeMark, node) { id in [Rewrites.guarded(node, id)] }
        } else if vocabulary.asserts.contains(name) {
            add(.removeAssert, node) { id in [Rewrites.guarded(node, id)] }
        } else if name == "call_rcu", let object = call.arguments.first?.expression.trimmedDescription {
            add(.freeImmediately, node) { id in [Rewrites.replacedWhenActive(node, id, by: "kfree(\(object))")] }
        } else if Syntaxes.isSequenceStore(call) {
            add(.dropSeqIncrement, node) { id in [Rewrites.guarded(node, id)] }
        }
        return .visitChildren
    }

    override func visit(_ node: IfExprSyntax) -> SyntaxVisitorContinueKind {
        guard node.conditions.count == 1, case .expression(let condition) = node.conditions.first!.condition else {
            return .visitChildren
        }
        if Syntaxes.mentions(condition, vocabulary.detachedChecks) {
            add(.removeDetachedCheck, condition) { id in [Rewrites.neverTrue(condition, id)] }
        }
        if inReadTrylock, let comparison = Syntaxes.sequenceComparison(condition) {
            add(.removeSeqCheck, condition) { id in [Rewrites.neverTrue(condition, id)] }
            add(.invertSeqCheck, condition) { id in [Rewrites.inverted(comparison, id)] }
        }
        return .visitChildren
    }

    private var inReadTrylock: Bool {
        functions.last.map { vocabulary.readTrylocks.contains($0) } ?? false
    }

    private func add(_ op: MutationOperator, _ node: some SyntaxProtocol, _ edits: @escaping (Int) -> [TextEdit]) {
        sites.append(FoundSite(op: op, line: converter.location(for: node.positionAfterSkippingLeadingTrivia).line, edits: edits))
    }

    /// One site for all of a function's `rcu_read_lock`/`rcu_read_unlock` statements.
    private func findRCUSection(in body: CodeBlockSyntax) {
        let statements = Syntaxes.statements(in: body).filter {
            Syntaxes.call(in: $0).flatMap(Syntaxes.calleeName).map { ["rcu_read_lock", "rcu_read_unlock"].contains($0) } ?? false
        }
        guard let first = statements.first else { return }
        add(.removeRCUSection, first) { id in statements.map { Rewrites.guarded($0, id) } }
    }

    /// Sites made of two statements of one block: the unlock-all call before `up_write`, and the
    /// trylock before the sequence recheck.
    private func findStatementPairs(_ items: [CodeBlockItemSyntax]) {
        for (first, second) in zip(items, items.dropFirst()) {
            guard let call = Syntaxes.call(in: first), let name = Syntaxes.calleeName(call), vocabulary.unlockAll.contains(name) else { continue }
            let release = second.trimmedDescription
            guard release.hasSuffix(".up_write()") || release.hasSuffix(".downgrade_write()") else { continue }
            add(.incrementAfterUnlock, first) { id in Rewrites.movedAfter(first, second, id) }
        }
        guard inReadTrylock,
              let trylock = items.first(where: { $0.trimmedDescription.hasPrefix("if") && $0.trimmedDescription.contains("down_read_trylock") }),
              let recheck = items.last(where: { Syntaxes.ifCondition($0).flatMap(Syntaxes.sequenceComparison) != nil }),
              trylock.position < recheck.position,
              let condition = Syntaxes.ifCondition(recheck) else { return }
        add(.seqCheckBeforeLock, recheck) { id in Rewrites.checkedBefore(trylock, recheck, condition, id) }
    }
}
