import Foundation
import Testing

/// `vmaspec explore` across processes and machines (issue 13): shards chosen by `--shard` or by a
/// job runner's environment, each writing a JSON report, merged into the verdict and count of one
/// undivided run; explorers side by side with the same report; `--minimize`; folded traces.
@Suite struct ShardCLITests {
    /// Exhaustive at bound 2 in well under a second, with hundreds of classes to share out.
    static let passing = "fault-during-fork"
    /// Fails on the RFC (its `up_read` race) after 41 schedules.
    static let failing = "fault-vs-munmap"

    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vmaspec-shards-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func explore(_ arguments: [String], environment: [String: String] = [:]) throws -> Harness.Outcome {
        try Harness.vmaspec(["explore", "--root", Harness.packageRoot.path] + arguments, environment: environment)
    }

    func report(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The class numbers a report counted schedules in, with their counts.
    func classes(_ name: String) throws -> [Int: Int] {
        let outcome = try #require(try report(name)["outcome"] as? [String: Any])
        let tally = try #require(outcome["tally"] as? [String: Any])
        let pairs = try #require(tally["schedulesByPrefix"] as? [[Int]])
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0[0], $0[1]) })
    }

    func line(_ output: String, startingWith prefix: String) -> Substring? {
        output.split(separator: "\n").first { $0.hasPrefix(prefix) }
    }

    /// Three worker processes at once, one shard each: their classes are disjoint, together they
    /// are the undivided run's with the same counts, and `--merge` gives its verdict and count.
    @Test func threeShardProcessesPartitionTheTreeAndMergeToOneRun() async throws {
        let whole = try explore([Self.passing, "--variant", "rfc", "--jobs", "1", "--json", folder.appendingPathComponent("whole.json").path])
        #expect(whole.status == 0, "\(whole.stdout)\(whole.stderr)")
        let outcomes = try await withThrowingTaskGroup(of: Harness.Outcome.self) { group in
            for k in 1...3 {
                let json = folder.appendingPathComponent("shard\(k).json").path
                group.addTask { try explore([Self.passing, "--variant", "rfc", "--jobs", "1", "--shard", "\(k)/3", "--json", json]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.stderr))")
        let parts = try (1...3).map { try classes("shard\($0).json") }
        #expect(parts.allSatisfy { !$0.isEmpty }, "every shard got schedules")
        #expect(parts.reduce(0) { $0 + $1.count } == Set(parts.flatMap(\.keys)).count, "no class in two shards")
        let union = parts.reduce(into: [Int: Int]()) { $0.merge($1, uniquingKeysWith: +) }
        #expect(union == (try classes("whole.json")), "together the shards are the whole tree, class by class")

        let merged = try explore(["--merge"] + (1...3).map { folder.appendingPathComponent("shard\($0).json").path })
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        #expect(merged.stdout.contains("merged from 3 shards"))
        let count = { (output: String) in self.line(output, startingWith: "passed: ")?.split(separator: " ").prefix(4).joined(separator: " ") }
        #expect(count(merged.stdout) != nil && count(merged.stdout) == count(whole.stdout), "\(merged.stdout)\n\(whole.stdout)")
    }

    /// A failing scenario split three ways: the merge reports the failure one explorer meets
    /// first, with its token and its count, whichever shard found it.
    @Test func mergedShardsOfAFailingScenarioReportTheFirstFailure() throws {
        let whole = try explore([Self.failing, "--variant", "rfc", "--jobs", "1"])
        var paths: [String] = []
        for k in 1...3 {
            paths.append(folder.appendingPathComponent("fail\(k).json").path)
            _ = try explore([Self.failing, "--variant", "rfc", "--shard", "\(k)/3", "--json", paths.last!])
        }
        let merged = try explore(["--merge"] + paths.reversed())
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        #expect(line(merged.stdout, startingWith: "replay: ") == line(whole.stdout, startingWith: "replay: "))
        let summary = { (output: String) in self.line(output, startingWith: "failed after ")?.split(separator: " ").prefix(3).joined(separator: " ") }
        #expect(summary(merged.stdout) == summary(whole.stdout), "\(merged.stdout)")
    }

    /// Explorers side by side print the same report as one explorer, but for the time.
    @Test func jobsDoNotChangeTheReport() throws {
        let untimed = { (output: String) in output.replacingOccurrences(of: #"in [0-9.]+ s"#, with: "in _ s", options: .regularExpression) }
        let one = try explore([Self.failing, "--variant", "rfc", "--jobs", "1"])
        let two = try explore([Self.failing, "--variant", "rfc", "--jobs", "2"])
        #expect(one.status == 0)
        #expect(untimed(one.stdout) == untimed(two.stdout))
    }

    /// Bazel's test sharding: the index and total from the environment, the status file touched.
    @Test func bazelShardVariablesChooseTheShard() throws {
        let status = folder.appendingPathComponent("status").path
        let outcome = try explore([Self.passing, "--variant", "rfc"],
                                  environment: ["TEST_TOTAL_SHARDS": "2", "TEST_SHARD_INDEX": "1", "TEST_SHARD_STATUS_FILE": status])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("shard 2/2"))
        #expect(FileManager.default.fileExists(atPath: status))
    }

    /// A Kubernetes Indexed Job: the pod's JOB_COMPLETION_INDEX with the count the Job was given.
    @Test func indexedJobVariablesChooseTheShard() throws {
        let outcome = try explore([Self.passing, "--variant", "rfc"], environment: ["VMASPEC_SHARD_COUNT": "4", "JOB_COMPLETION_INDEX": "0"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("shard 1/4"))
    }

    @Test(arguments: [
        (["--shard", "0/2"], [:], "'--shard' must be K/N with 1 ≤ K ≤ N, not '0/2'"),
        (["--shard", "3/2"], [:], "'--shard' must be K/N with 1 ≤ K ≤ N, not '3/2'"),
        (["--shard", "1/2", "--pct", "10"], [:], "shards split depth-first search, not a sampled one"),
        (["--shard", "1/2", "--replay", "dfs2.10000.a"], [:], "a replay runs one schedule and has no shards"),
        (["--jobs", "0"], [:], "'--jobs' must be a whole number ≥ 1, not '0'"),
        ([], ["TEST_TOTAL_SHARDS": "2", "TEST_SHARD_INDEX": "2"], "TEST_SHARD_INDEX must be a whole number from 0 to 1 (TEST_TOTAL_SHARDS is 2), not '2'"),
        ([], ["TEST_TOTAL_SHARDS": "none"], "TEST_TOTAL_SHARDS must be a whole number ≥ 1, not 'none'"),
        ([], ["VMASPEC_SHARD_COUNT": "3"], "VMASPEC_SHARD_COUNT is set but JOB_COMPLETION_INDEX is not"),
    ] as [([String], [String: String], String)])
    func badShardsAreRefusedBeforeAnythingRuns(arguments: [String], environment: [String: String], message: String) throws {
        let json = folder.appendingPathComponent("never.json")
        let outcome = try explore([Self.passing, "--variant", "rfc", "--json", json.path] + arguments, environment: environment)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("<command line>:1: error: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: json.path), "nothing written")
    }

    /// Reports that are not the shards of one run are refused, naming the file at fault.
    @Test func badMergesNameTheReport() throws {
        let one = folder.appendingPathComponent("m1.json").path, two = folder.appendingPathComponent("m2.json").path
        let other = folder.appendingPathComponent("other.json").path, junk = folder.appendingPathComponent("junk.json").path
        _ = try explore([Self.passing, "--variant", "rfc", "--shard", "1/2", "--json", one])
        _ = try explore([Self.passing, "--variant", "rfc", "--shard", "2/2", "--json", two])
        _ = try explore([Self.failing, "--variant", "rfc", "--shard", "2/2", "--json", other])
        try Data("{}".utf8).write(to: URL(fileURLWithPath: junk))
        let cases: [([String], String)] = [
            ([one], "<command line>:1: error: shard 2/2 is missing: merge every shard of the run"),
            ([one, one, two], "\(one):1: error: shard 1/2 is also in \(one)"),
            ([one, other], "\(other):1: error: its scenario '\(Self.failing)' differs from '\(Self.passing)'"),
            ([junk], "\(junk):1: error: not a report of `vmaspec explore --json`"),
            ([folder.appendingPathComponent("absent.json").path], "cannot read"),
        ]
        for (files, message) in cases {
            let outcome = try explore(["--merge"] + files)
            #expect(outcome.status == 2, "\(files)")
            #expect(outcome.stderr.hasPrefix(message) || outcome.stderr.contains(message), "\(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
        }
        let named = try explore([Self.passing, "--merge", one, two])
        #expect(named.status == 2 && named.stderr.contains("--merge takes the shards' reports, not a scenario name"))
    }

    /// `--minimize` prints the smallest schedule's token, which replays the same failure.
    @Test func minimizedScheduleReplays() throws {
        let found = try explore([Self.failing, "--variant", "rfc", "--pct", "300", "--seed", "3", "--minimize"])
        #expect(found.status == 0, "\(found.stdout)\(found.stderr)")
        let summary = try #require(line(found.stdout, startingWith: "minimized: "))
        #expect(summary.contains(" preemptions, ") && summary.contains(" -> "))
        let replays = found.stdout.split(separator: "\n").filter { $0.hasPrefix("replay: ") }
        #expect(replays.count == 2, "the original's token, then the minimized one's")
        let token = String(try #require(replays.last?.split(separator: " ").last))
        let again = try explore([Self.failing, "--variant", "rfc", "--replay", token])
        #expect(again.status == 0)
        #expect(again.stdout.contains("useAfterFree") && again.stdout.contains("rwsem_wake(vma->lock)"))
    }

    /// The setup is one line by default and every step with --full-trace; a preemption is marked.
    @Test func setupIsFoldedAndPreemptionsMarked() throws {
        let folded = try explore([Self.failing, "--variant", "rfc"])
        let steps = folded.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains(". [") || $0.contains(". (preempts) [") }
        let first = try #require(steps.first)
        #expect(first.contains("[setup]") && first.contains("steps folded, --full-trace shows them"), "\(first)")
        #expect(steps.filter { $0.contains("[setup]") }.count == 1)
        #expect(steps.contains { $0.contains("(preempts) [munmap]") }, "\(steps)")
        let full = try explore([Self.failing, "--variant", "rfc", "--full-trace"])
        #expect(full.stdout.split(separator: "\n").filter { $0.contains("[setup]") }.count > 2)
        #expect(!full.stdout.contains("steps folded"))
    }
}
