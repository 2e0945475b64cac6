/// The series' life as a line of variants: the RFC, the review point on it that the later postings
/// kept, each posting, the merged release and each fix after it (`kind: history` documents in
/// Patches/history/, each based on the one before). Scenarios say where on the line a bug lives
/// (`since=`, `fixed-by=`), and the line is what `vmaspec review --history` bisects.
extension Project {
    /// The history line, oldest first: the base, then every variant the newest history document
    /// builds on, then that document. Empty when Patches/ has no history document.
    public var historyLine: [String] {
        guard let tip = historyTips.first else { return [] }
        return lineage(of: tip.header.id) ?? []
    }

    /// History documents no other history document builds on: one, on a well-formed line.
    var historyTips: [Review] {
        let history = reviews.filter { $0.header.kind == .history }
        return history.filter { doc in !history.contains { $0.header.base == doc.header.id } }
    }

    /// `variant` and what it builds on, base first (`rfc`, `naming`, `v1`); nil for a build
    /// configuration such as `rfc-nopvl`, which is no step of the series.
    public func lineage(of variant: String) -> [String]? {
        guard configurations[variant] == nil else { return nil }
        var result: [String] = []
        var current = variant
        while current != Self.baseVariant {
            guard let review = review(id: current), !result.contains(current) else { return nil }
            result.insert(current, at: 0)
            current = review.header.base
        }
        return [Self.baseVariant] + result
    }

    /// Whether `scenario` must fail in `variant`: `expect=fail`, a variant `fails=` names, or a
    /// variant of the history line that has the bug (`since=` is in its lineage, `fixed-by=` not).
    public func expectsFailure(_ scenario: Block.Scenario, in variant: String) -> Bool {
        if scenario.expectFailure || (scenario.failsOn ?? []).contains(variant) { return true }
        guard let fixedBy = scenario.fixedBy, historyLine.contains(variant), let lineage = lineage(of: variant) else { return false }
        if let since = scenario.since, !lineage.contains(since) { return false }
        return fixedBy == Block.Scenario.neverFixed || !lineage.contains(fixedBy)
    }

    /// The scenarios of Spec/ and Patches/ that place a bug on the history line, with their blocks.
    public var historyScenarios: [(scenario: Block.Scenario, block: Block)] {
        (chapters + reviews.map(\.document)).flatMap(\.blocks).compactMap { block in
            guard case .scenario(let scenario) = block.role, scenario.fixedBy != nil else { return nil }
            return (scenario, block)
        }
    }
}

extension Variant {
    /// The variant a `variants=` entry names: `v1` for `!v1`, `v1+` and `!v1+`.
    static func filterTarget(_ entry: String) -> String {
        var name = Substring(entry)
        if name.hasPrefix("!") { name = name.dropFirst() }
        if name.hasSuffix("+") { name = name.dropLast() }
        return String(name)
    }
}
