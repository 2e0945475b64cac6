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
    /// `built`, `failed` or `not built` (static run).
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
        build == "failed" || [sharedSuite, variantTests, specTests, examples].contains { ($0?.failed ?? 0) > 0 }
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
    /// The row of `review`, with whatever results are at hand.
    init(review: Review, project: Project, build: String, results: TestResults?, entry: VariantEntry?) throws {
        let header = review.header
        let statuses = try project.replacementStatuses(of: review)
        let namespace = "Variant_" + SwiftNames.identifier(header.id)
        let own = Document.identifier(forPath: review.document.path)
        self.init(
            id: header.id, title: header.title, reviewer: header.reviewer, date: header.date, source: header.source,
            base: header.base, status: header.status.rawValue, upstream: header.upstream, document: review.document.path,
            build: build,
            sharedSuite: results?.count(namespace) { $0.hasPrefix("Behaviour_") },
            variantTests: results?.count(namespace) { $0 == own },
            specTests: results?.count(namespace) { $0.hasPrefix("ch_") },
            examples: results?.count(namespace) { $0 == "Examples" },
            scenarios: results.map { Self.verdicts(from: $0, namespace) } ?? entry.map(Self.explore),
            freshness: statuses.contains { $0.recorded == nil } ? "unrecorded" : statuses.allSatisfy(\.isFresh) ? "fresh" : "stale",
            staleChunks: statuses.filter { !$0.isFresh && $0.recorded != nil }.map(\.chunk),
            replacedChunks: statuses.map(\.chunk),
            renames: header.renameTable)
    }

    /// The verdicts of the test run's scenario suite for the variant.
    static func verdicts(from results: TestResults, _ namespace: String) -> ScenarioVerdicts {
        let count = results.count(namespace) { $0 == "Scenarios" }
        return ScenarioVerdicts(asExpected: count.passed, total: count.total, schedules: nil, unexpected: [])
    }

    /// Every scenario of the variant at its bound.
    static func explore(_ entry: VariantEntry) -> ScenarioVerdicts {
        let reports = entry.scenarios.map { Explorer.explore($0, config: .declared(by: $0)) }
        return ScenarioVerdicts(asExpected: reports.filter(\.meetsExpectation).count, total: reports.count,
                                schedules: reports.reduce(0) { $0 + $1.schedulesExplored },
                                unexpected: reports.filter { !$0.meetsExpectation }.map(\.scenario))
    }
}
