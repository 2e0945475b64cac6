import Foundation
import Testing
@testable import Literate

/// `bench --kernel`'s figures in the book: the charts draw what the JSON holds (kernel in black,
/// its tolerance shaded, a gap where a subject has no point), the table marks the loads a model
/// misses, and a broken figures file is bad input that names the wrong key.
@Suite struct KernelFiguresPageTests {
    static func point(_ subject: String, _ writer: String, _ ratio: Double) -> KernelFigures.Point {
        KernelFigures.Point(subject: subject, writer: writer, ratio: ratio, lowestRatio: ratio - 0.01, highestRatio: ratio + 0.01,
                            faultsPerSecond: 1000 * ratio, writerOpsPerSecond: 0, p50Nanoseconds: 1, p99Nanoseconds: 2, fallbacks: nil)
    }

    static let figures = KernelFigures(
        seconds: 0.5, rounds: 3,
        points: [point("kernel", "none", 1), point("kernel", "spin", 1), point("kernel", "20k/s", 0.9),
                 point("rfc<x>", "none", 1), point("rfc<x>", "spin", 0.95), point("rfc<x>", "20k/s", 0.4)],
        scaling: [.init(subject: "kernel", threads: 1, faultsPerSecond: 10, speedUp: 1), .init(subject: "kernel", threads: 2, faultsPerSecond: 19, speedUp: 1.9),
                  .init(subject: "rfc<x>", threads: 1, faultsPerSecond: 5, speedUp: 1)],
        vmaLockCounters: nil, machine: "2 cores, Linux 6.1.0, 2026-12-02")

    @Test func sweepChartHasOneLinePerSubjectAndTheKernelBand() {
        let book = Book(project: try! Fixture.project([("Spec/a.md", Fixture.chapter)]), kernelFigures: Self.figures)
        let svg = book.sweepChart(Self.figures).svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains("stroke=\"#111\" stroke-width=\"3.0\""))
        #expect(svg.contains("<title>kernel at 20k/s: 0.90</title>"))
        #expect(svg.contains("<title>rfc&lt;x&gt; at 20k/s: 0.40</title>"))
        #expect(svg.contains("<polygon class=\"band\""))
        #expect(!svg.contains(">none<"), "the baseline load is every ratio's denominator, not a point")
    }

    @Test func pointsSitWhereTheirValuesSay() {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", categories: ["a", "b"], series: [.init(name: "s", values: [0, 1])])
        #expect(chart.yTicks() == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(chart.svg().contains("<circle cx=\"60.0\" cy=\"288.0\""))
        #expect(chart.svg().contains("<circle cx=\"510.0\" cy=\"34.0\""))
    }

    @Test func missingPointLeavesAGapNotAZero() {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", categories: ["a", "b", "c", "d"],
                              series: [.init(name: "s", values: [1, 1, nil, 1])])
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
    }

    @Test func pageMarksTheLoadsAModelMisses() throws {
        let book = Book(project: try Fixture.project([("Spec/a.md", Fixture.chapter)]), kernelFigures: Self.figures)
        let pages = try book.pages()
        let page = try #require(pages.first { $0.path == Book.kernelFiguresPath }?.contents)
        #expect(page.contains("<td class=\"missed\">0.40*"))
        #expect(page.contains("<td>0.95<br>"))
        #expect(page.contains("measured on 2 cores, Linux 6.1.0, 2026-12-02"))
        #expect(page.contains("speed-up over 1"))
        #expect(page.contains("no <code>vma_lock_*</code> counters"))
        #expect(try #require(pages.first { $0.path == "index.html" }?.contents).contains("href=\"bench/kernel.html\""))
    }

    @Test func noFiguresNoPage() throws {
        let pages = try Book(project: try Fixture.project([("Spec/a.md", Fixture.chapter)])).pages()
        #expect(!pages.contains { $0.path == Book.kernelFiguresPath })
    }

    @Test func figuresFileRoundTripsAndABrokenOneNamesTheKey() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try KernelFigures.load(project: root) == nil)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Benchmarks"), withIntermediateDirectories: true)
        let file = root.appendingPathComponent(KernelFigures.projectFile)
        let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(Self.figures))
        try JSONSerialization.data(withJSONObject: ["kernel": encoded, "fault": [1]]).write(to: file)
        #expect(try KernelFigures.load(project: root) == Self.figures)

        var broken = try #require(encoded as? [String: Any])
        var points = try #require(broken["points"] as? [[String: Any]])
        points[1]["ratio"] = "fast"
        broken["points"] = points
        try JSONSerialization.data(withJSONObject: ["kernel": broken]).write(to: file)
        let message = Fixture.error { _ = try KernelFigures.load(project: root) }
        #expect(message?.hasPrefix("Benchmarks/kernel-figures.json:1: error: not the JSON of `vmaspec bench --kernel --json`: kernel.points[1].ratio") == true, "\(message ?? "no error")")

        try Data("{\"kernel\": ".utf8).write(to: file)
        #expect(Fixture.error { _ = try KernelFigures.load(project: root) }?.hasPrefix("Benchmarks/kernel-figures.json:1: error: not") == true)
    }
}
