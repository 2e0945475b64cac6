import Foundation
import Literate
import Sched

/// Which part of the schedule tree `explore` covers: `--shard K/N`, or what the job runner that
/// started it says: Bazel's test sharding (`TEST_SHARD_INDEX`, `TEST_TOTAL_SHARDS`, and the
/// `TEST_SHARD_STATUS_FILE` it wants touched), or a count in `VMASPEC_SHARD_COUNT` with the index
/// in `VMASPEC_SHARD_INDEX` or a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`.
enum ShardSelection {
    struct Selected {
        var shard: Shard
        /// Where it came from, for the report.
        var source: String
    }

    static func resolve(option: String?, environment: [String: String]) throws -> Selected? {
        if let option {
            guard let shard = Shard(oneBased: option) else { throw badArgument("'--shard' must be K/N with 1 ≤ K ≤ N, not '\(option)'") }
            return Selected(shard: shard, source: "--shard")
        }
        if let count = environment["TEST_TOTAL_SHARDS"] {
            let shard = try zeroBased(index: ("TEST_SHARD_INDEX", environment["TEST_SHARD_INDEX"]), count: ("TEST_TOTAL_SHARDS", count))
            if let status = environment["TEST_SHARD_STATUS_FILE"], !FileManager.default.createFile(atPath: status, contents: nil) {
                throw badArgument("cannot write TEST_SHARD_STATUS_FILE '\(status)'")
            }
            return Selected(shard: shard, source: "TEST_SHARD_INDEX")
        }
        if let count = environment["VMASPEC_SHARD_COUNT"] {
            let index = environment["VMASPEC_SHARD_INDEX"].map { ("VMASPEC_SHARD_INDEX", $0) }
                ?? ("JOB_COMPLETION_INDEX", environment["JOB_COMPLETION_INDEX"])
            return Selected(shard: try zeroBased(index: index, count: ("VMASPEC_SHARD_COUNT", count)), source: index.0)
        }
        return nil
    }

    private static func zeroBased(index: (name: String, value: String?), count: (name: String, value: String)) throws -> Shard {
        guard let total = Int(count.value), total >= 1 else {
            throw badArgument("\(count.name) must be a whole number ≥ 1, not '\(count.value)'")
        }
        guard let value = index.value else { throw badArgument("\(count.name) is set but \(index.name) is not") }
        guard let number = Int(value), let shard = Shard(index: number, count: total) else {
            throw badArgument("\(index.name) must be a whole number from 0 to \(total - 1) (\(count.name) is \(total)), not '\(value)'")
        }
        return shard
    }
}

/// What `explore --json` writes: one run's outcome (a shard's, or a merged one's), enough for
/// `explore --merge` to add shards up exactly as one undivided run would have counted.
struct ExploreReportFile: Codable {
    static let currentFormat = "vmaspec-explore-1"

    var format = Self.currentFormat
    var variant: String
    /// The search, without the shard (`dfs(preemptionBound: 2)`); equal across the shards of one run.
    var strategy: String
    /// `K/N` for a shard; nil for a whole or merged run.
    var shard: String?
    var outcome: ScenarioOutcome

    /// Writes the report whole or not at all.
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}

/// `explore --merge`: shards' reports as one verdict.
enum ShardMerge {
    struct Merged {
        var variant: String
        var outcome: ScenarioOutcome
        var shards: Int
    }

    /// The shards of one run, all of them once each, as one outcome: counted as one explorer
    /// would (`ShardTally.combine`), exhaustive only if every shard was, the failure of the lowest
    /// prefix, or the first crash by shard.
    static func merge(_ paths: [String]) throws -> Merged {
        let reports = try paths.map(read)
        let first = reports[0].report
        for (path, report) in reports.dropFirst() {
            for (what, mine, theirs) in [("variant", report.variant, first.variant), ("scenario", report.outcome.name, first.outcome.name),
                                         ("search", report.strategy, first.strategy)] where mine != theirs {
                throw bad(path, "its \(what) '\(mine)' differs from '\(theirs)' in \(reports[0].path): shards of different runs")
            }
        }
        let shards = try reports.map { path, report in
            guard let text = report.shard, let shard = Shard(oneBased: text) else {
                throw bad(path, "not a shard's report (no shard K/N): only shards merge")
            }
            return shard
        }
        let count = shards[0].count
        if let odd = shards.indices.first(where: { shards[$0].count != count }) {
            throw bad(reports[odd].path, "shard \(shards[odd]) is of \(shards[odd].count) shards, but \(reports[0].path) is of \(count)")
        }
        for index in 0..<count {
            let holders = shards.indices.filter { shards[$0].index == index }
            if holders.isEmpty { throw badArgument("shard \(index + 1)/\(count) is missing: merge every shard of the run") }
            if holders.count > 1 { throw bad(reports[holders[1]].path, "shard \(index + 1)/\(count) is also in \(reports[holders[0]].path)") }
        }
        let ordered = shards.indices.sorted { shards[$0].index < shards[$1].index }.map { reports[$0].report.outcome }
        return Merged(variant: first.variant, outcome: combine(ordered, strategy: first.strategy, count: count), shards: count)
    }

    private static func combine(_ parts: [ScenarioOutcome], strategy: String, count: Int) -> ScenarioOutcome {
        var merged = parts[0]
        merged.strategy = "\(strategy), merged from \(count) shards"
        merged.seconds = parts.map(\.seconds).max() ?? 0
        merged.tally = nil
        merged.minimized = nil
        if let crashed = parts.first(where: { $0.crash != nil }) {
            merged.crash = crashed.crash
            merged.failure = nil
            merged.meetsExpectation = false
            merged.exhaustive = false
            merged.schedules = parts.reduce(0) { $0 + $1.schedules }
            return merged
        }
        let combined = ShardTally.combine(parts.map { $0.tally?.tally(exhaustive: $0.exhaustive) ?? ShardTally(exhaustive: $0.exhaustive) })
        let deciding = parts[combined.failing ?? 0]
        merged.schedules = combined.tally.schedules
        merged.exhaustive = combined.tally.exhaustive
        merged.tally = TallyOutcome(combined.tally)
        merged.failure = deciding.failure
        merged.meetsExpectation = deciding.meetsExpectation
        return merged
    }

    private static func read(_ path: String) throws -> (path: String, report: ExploreReportFile) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw badArgument("cannot read '\(path)': \(ArgumentChecks.reason(error))")
        }
        guard let report = try? JSONDecoder().decode(ExploreReportFile.self, from: data), report.format == ExploreReportFile.currentFormat else {
            throw bad(path, "not a report of `vmaspec explore --json` (format \(ExploreReportFile.currentFormat))")
        }
        return (path, report)
    }

    private static func bad(_ path: String, _ message: String) -> Error {
        FileHandle.standardError.write(Data("\(LiterateError(file: path, line: 1, message))\n".utf8))
        return ExitStatus.badInput
    }
}
