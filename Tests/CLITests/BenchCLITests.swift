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

    @Test func unknownSuiteIsBadInput() throws {
        let outcome = try Harness.vmaspec(["bench", "--root", Harness.packageRoot.path, "--suite", "nope"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("unknown suite 'nope'"))
    }
}
