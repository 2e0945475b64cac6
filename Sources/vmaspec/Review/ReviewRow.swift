import Foundation
import Literate
import Sched

/// One review point in the tracker: what the document says, and what building, testing and
/// exploring its variant showed.
struct ReviewRow: Encodable {
    var id: String
    var title: String
    var reviewer: String
    var date: String
    var source: String
    var base: String
    var status: String
    var upstream: String
    var document: String
    /// `built`, `failed`, `not tested` (absent from the test results), `not built` (static run),
    /// `not run`, or `no target`.
    var build: String
    var sharedSuite: TestResults.Count?
    var variantTests: TestResults.Count?
    var specTests: TestResults.Count?
    var examples: TestResults.Count?
    var scenarios: ScenarioVerdicts?
    /// `fresh`, `stale` or `unrecorded`, from the fingerprints of the replaced chunks.
    var freshness: String
    var staleChunks: [String]
    var replacedChunks: [String]
    var renames: [String: String]

    struct ScenarioVerdicts: Encodable {
        var asExpected: Int
        var total: Int
        /// Known when the explorer ran here; not when the verdicts come from a test run.
        var schedules: Int?
        var unexpected: [String]
        var text: String { "\(asExpected)/\(total)" + (schedules.map { " (\($0) schedules)" } ?? " as expected") }
    }

    /// Whether the variant failed anything it ran.
    var failed: Bool {
        build == "failed" || build == "not tested" || [sharedSuite, variantTests, specTests, examples].contains { ($0?.failed ?? 0) > 0 }
            || (scenarios.map { $0.asExpected < $0.total } ?? false)
    }
}

extension TestResults.Count: Encodable {
    enum CodingKeys: String, CodingKey { case passed, failed }
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(failed, forKey: .failed)
    }
}

extension ReviewRow {
    /// What was found out about a variant: from a test run (`results`), from `check`'s own run of
    /// examples and scenarios (`checked`), or nothing (a static look at the documents).
    struct Evidence {
        var results: TestResults?
        var checked: VariantCheck?
    }

    /// The row of `review`, with whatever results are at hand.
    init(review: Review, project: Project, build: String, evidence: Evidence) throws {
        let header = review.header
        let statuses = try project.replacementStatuses(of: review)
        let namespace = "Variant_" + SwiftNames.identifier(header.id)
        let own = Document.identifier(forPath: review.document.path)
        let results = evidence.results.flatMap { $0.ran(namespace) ? $0 : nil }
        self.init(
            id: header.id, title: header.title, reviewer: header.reviewer, date: header.date, source: header.source,
            base: header.base, status: header.status.rawValue, upstream: header.upstream, document: review.document.path,
            build: build,
            sharedSuite: results?.count(namespace) { $0.hasPrefix("Behaviour_") },
            variantTests: results?.count(namespace) { $0 == own },
            specTests: results?.count(namespace) { $0.hasPrefix("ch_") },
            examples: results?.count(namespace) { $0 == "Examples" } ?? evidence.checked.map(Self.examples),
            scenarios: results.map { Self.verdicts(from: $0, namespace) } ?? evidence.checked.map(Self.verdicts),
            freshness: statuses.contains { $0.recorded == nil } ? "unrecorded" : statuses.allSatisfy(\.isFresh) ? "fresh" : "stale",
            staleChunks: statuses.filter { !$0.isFresh && $0.recorded != nil }.map(\.chunk),
            replacedChunks: statuses.map(\.chunk),
            renames: header.renameTable)
    }

    /// The verdicts of the test run's scenario suite for the variant; nil when it ran none.
    static func verdicts(from results: TestResults, _ namespace: String) -> ScenarioVerdicts? {
        let count = results.count(namespace) { $0 == "Scenarios" }
        guard count.total > 0 else { return nil }
        return ScenarioVerdicts(asExpected: count.passed, total: count.total, schedules: nil, unexpected: [])
    }

    static func examples(_ check: VariantCheck) -> TestResults.Count {
        let passed = check.examples.filter(\.passed).count
        return TestResults.Count(passed: passed, failed: check.examples.count - passed)
    }

    /// The scenarios `check` (or `review --no-run`) explored.
    static func verdicts(_ check: VariantCheck) -> ScenarioVerdicts {
        let unexpected = check.scenarios.filter { !check.isAsExpected($0) }
        return ScenarioVerdicts(asExpected: check.scenarios.count - unexpected.count, total: check.scenarios.count,
                                schedules: check.scenarios.reduce(0) { $0 + $1.schedules }, unexpected: unexpected.map(\.name))
    }
}

/// The rows of the review points, from the results at hand.
enum ReviewRows {
    /// After `check`: each review point's variant with the examples and scenarios `check` ran.
    static func fromCheck(_ project: Project, _ checks: [VariantCheck]) throws -> [ReviewRow] {
        try project.reviews.filter { $0.header.kind == .review }.map { review in
            let checked = checks.first { $0.name == review.header.id }
            return try ReviewRow(review: review, project: project, build: checked == nil ? "not run" : "built",
                                 evidence: .init(checked: checked))
        }
    }
}
