import SwiftSyntax

/// Questions the site finder asks of syntax nodes.
enum Syntaxes {
    /// The call a statement consists of (`f(x)`, `a.b.f(x)`, with or without a trailing closure).
    static func call(in item: CodeBlockItemSyntax) -> FunctionCallExprSyntax? {
        switch item.item {
        case .expr(let expression): expression.as(FunctionCallExprSyntax.self)
        case .stmt(let statement): statement.as(ExpressionStmtSyntax.self)?.expression.as(FunctionCallExprSyntax.self)
        default: nil
        }
    }

    /// `f` of `f(x)` and of `a.b.f(x)`.
    static func calleeName(_ call: FunctionCallExprSyntax) -> String? {
        if let reference = call.calledExpression.as(DeclReferenceExprSyntax.self) { return reference.baseName.text }
        return call.calledExpression.as(MemberAccessExprSyntax.self)?.declName.baseName.text
    }

    /// `….mm_lock_seq.store(…)`: the write that moves the mm's sequence number.
    static func isSequenceStore(_ call: FunctionCallExprSyntax) -> Bool {
        guard let member = call.calledExpression.as(MemberAccessExprSyntax.self), member.declName.baseName.text == "store" else {
            return false
        }
        return member.base?.as(MemberAccessExprSyntax.self)?.declName.baseName.text == "mm_lock_seq"
    }

    /// Whether `node` uses one of `names` as an identifier.
    static func mentions(_ node: some SyntaxProtocol, _ names: Set<String>) -> Bool {
        node.tokens(viewMode: .sourceAccurate).contains { names.contains($0.text) }
    }

    /// `left == right` comparing a `vm_lock_seq` with an `mm_lock_seq`, as the unfolded sequence
    /// swift-syntax parses it.
    static func sequenceComparison(_ expression: ExprSyntax) -> (left: ExprSyntax, right: ExprSyntax)? {
        guard let sequence = expression.as(SequenceExprSyntax.self), sequence.elements.count == 3 else { return nil }
        let elements = Array(sequence.elements)
        guard elements[1].as(BinaryOperatorExprSyntax.self)?.operator.text == "==" else { return nil }
        let sides = [elements[0], elements[2]]
        guard sides.contains(where: { mentions($0, ["vm_lock_seq"]) }), sides.contains(where: { mentions($0, ["mm_lock_seq"]) }) else {
            return nil
        }
        return (elements[0], elements[2])
    }

    /// The single expression condition of an `if` statement.
    static func ifCondition(_ item: CodeBlockItemSyntax) -> ExprSyntax? {
        let expression: ExprSyntax?
        switch item.item {
        case .expr(let value): expression = value
        case .stmt(let statement): expression = statement.as(ExpressionStmtSyntax.self)?.expression
        default: expression = nil
        }
        guard let ifExpression = expression?.as(IfExprSyntax.self), ifExpression.conditions.count == 1,
              case .expression(let condition) = ifExpression.conditions.first!.condition else { return nil }
        return condition
    }

    /// Every statement inside `body`, at any depth, outside nested functions.
    static func statements(in body: CodeBlockSyntax) -> [CodeBlockItemSyntax] {
        final class Collector: SyntaxVisitor {
            var items: [CodeBlockItemSyntax] = []
            override func visit(_ node: CodeBlockItemSyntax) -> SyntaxVisitorContinueKind {
                items.append(node)
                return .visitChildren
            }
            override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
        }
        let collector = Collector(viewMode: .sourceAccurate)
        collector.walk(body)
        return collector.items
    }
}

/// The edits of each operator. The switch `__mutant(id)` is true only in the mutant `id`'s run;
/// it also records that the site was reached.
enum Rewrites {
    static func range(_ node: some SyntaxProtocol) -> Range<Int> {
        node.positionAfterSkippingLeadingTrivia.utf8Offset..<node.endPositionBeforeTrailingTrivia.utf8Offset
    }

    /// The statement runs only outside the mutant.
    static func guarded(_ node: some SyntaxProtocol, _ id: Int) -> TextEdit {
        TextEdit(range: range(node)) { "if !__mutant(\(id)) { \($0) }" }
    }

    /// The mutant runs `replacement` instead of the statement.
    static func replacedWhenActive(_ node: some SyntaxProtocol, _ id: Int, by replacement: String) -> TextEdit {
        TextEdit(range: range(node)) { "if __mutant(\(id)) { \(replacement) } else { \($0) }" }
    }

    /// The condition is false in the mutant.
    static func neverTrue(_ node: some SyntaxProtocol, _ id: Int) -> TextEdit {
        TextEdit(range: range(node)) { "!__mutant(\(id)) && (\($0))" }
    }

    /// `left == right` becomes `left != right` in the mutant (other mutants keep their text).
    static func inverted(_ comparison: (left: ExprSyntax, right: ExprSyntax), _ id: Int) -> TextEdit {
        let left = comparison.left.trimmedDescription, right = comparison.right.trimmedDescription
        let whole = comparison.left.positionAfterSkippingLeadingTrivia.utf8Offset..<comparison.right.endPositionBeforeTrailingTrivia.utf8Offset
        return TextEdit(range: whole) { "(__mutant(\(id)) ? \(left) != \(right) : \($0))" }
    }

    /// `first` runs after `second` in the mutant, with the assertions that insist on its place
    /// switched off, so that the mutant shows the race rather than the assertion.
    static func movedAfter(_ first: CodeBlockItemSyntax, _ second: CodeBlockItemSyntax, _ id: Int) -> [TextEdit] {
        let moved = first.trimmedDescription
        return [guarded(first, id),
                TextEdit(range: range(second)) { "\($0); if __mutant(\(id)) { withAssertionsSuppressed { \(moved) } }" }]
    }

    /// The mutant tests the sequence numbers before the trylock and not after it.
    static func checkedBefore(_ trylock: CodeBlockItemSyntax, _ recheck: CodeBlockItemSyntax, _ condition: ExprSyntax, _ id: Int) -> [TextEdit] {
        let test = condition.trimmedDescription
        return [TextEdit(range: range(trylock)) { "if __mutant(\(id)), \(test) { return false }; \($0)" },
                guarded(recheck, id)]
    }
}
