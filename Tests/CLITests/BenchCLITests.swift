import Foundation
import Testing

/// The benchmarks run end to end (tiny sizes; the figures themselves are not asserted).
@Suite struct BenchCLITests {
    @Test func everySuiteRunsAndWritesJSON() throws {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let outcome = try Harness.vmaspec(["bench", "--root", Harness.packageRoot.path, "--suite", "tangle", "--suite", "fault",
                                           "--scale", "1", "--repeats", "1", "--json", json.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("tangle vs cmark-gfm parse"))
        #expect(outcome.stdout.contains("rfc-nopvl"))
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(Set(figures.keys) == ["tangle", "fault"])
    }

    /// Issue 14: whole processes on a generated spec; `tangle` and `vmaspec tangle` are always
    /// there, `cmark-gfm` and `notangle` when the machine has them (`make bench` installs them).
    @Test func tangleProcessSuiteTimesTheToolsOnTheGeneratedSpec() throws {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let outcome = try Harness.vmaspec(["bench", "--root", Harness.packageRoot.path, "--suite", "tangle-process",
                                           "--process-scale", "1", "--repeats", "1", "--json", json.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("whole processes on a generated spec"))
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let rows = try #require(figures["tangle-process"] as? [[String: Any]])
        #expect(rows.count == 1)
        let milliseconds = try #require(rows.first?["milliseconds"] as? [String: Double])
        #expect(Set(milliseconds.keys).isSuperset(of: ["tangle", "start-up", "vmaspec tangle"]))
        #expect(milliseconds.values.allSatisfy { $0 > 0 })
        let missing = ["cmark-gfm", "notangle"].filter { milliseconds[$0] == nil }
        #expect(missing.allSatisfy { outcome.stdout.contains("not measured, missing: \($0)") })
    }

    /// Issue 14: the kernel and a model under the same load, in one run; the kernel's figures are
    /// only reported when its minor faults account for every page write.
    @Test func kernelSuitePutsTheKernelBesideTheModel() throws {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let outcome = try Harness.vmaspec(["bench", "--root", Harness.packageRoot.path, "--kernel", "--variant", "rfc",
                                           "--writer-rates", "max", "--writer-rates", "20000", "--fault-threads", "1", "--fault-threads", "2",
                                           "--run-seconds", "0.05", "--repeats", "1", "--json", json.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("the kernel beside the model"))
        #expect(outcome.stdout.contains("rfc: within ±0.15 of the kernel at"))
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let kernel = try #require(figures["kernel"] as? [String: Any])
        let points = try #require(kernel["points"] as? [[String: Any]])
        let keys = Set(points.map { "\($0["subject"]!) \($0["writer"]!)" })
        #expect(keys == ["kernel none", "kernel max", "kernel 20k/s", "rfc none", "rfc max", "rfc 20k/s"])
        #expect(points.allSatisfy { ($0["faultsPerSecond"] as? Double ?? 0) > 0 })
        let paced = try #require(points.first { $0["subject"] as? String == "kernel" && $0["writer"] as? String == "20k/s" })
        #expect((paced["writerOpsPerSecond"] as? Double ?? 0) < 30_000, "the writer is paced, not flat out")
        let scaling = try #require(kernel["scaling"] as? [[String: Any]])
        #expect(scaling.count == 4)
    }

    @Test func unknownSuiteIsBadInput() throws {
        let outcome = try Harness.vmaspec(["bench", "--root", Harness.packageRoot.path, "--suite", "nope"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("unknown suite 'nope'"))
    }
}
