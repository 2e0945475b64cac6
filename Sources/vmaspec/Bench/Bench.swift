import ArgumentParser
import Foundation
import Literate

/// `vmaspec bench [--suite S]...`: workloads side by side, each against a baseline measured in the
/// same run, reported as ratios (never as timed assertions).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the benchmarks and report ratios against same-run baselines.")

    @OptionGroup var spec: SpecOptions

    @Option(help: "Which suites to run: tangle (default: all).")
    var suite: [String] = []

    @Option(help: "Samples per measurement (the median is reported).")
    var repeats: Int = 5

    @Option(help: "Write the figures as JSON to this file too.")
    var json: String?

    func run() throws {
        let suites = suite.isEmpty ? ["tangle"] : suite
        var figures: [String: [[String: Double]]] = [:]
        for name in suites {
            switch name {
            case "tangle":
                let project = try reportingBadInput { try spec.project() }
                let rows = try [1, 10, 100].map { try TangleBench.measure(project, scale: $0, repeats: $0 == 100 ? max(1, repeats / 2) : repeats) }
                print(TangleBench.report(rows))
                figures["tangle"] = rows.map { ["scale": Double($0.scale), "bytes": Double($0.bytes), "parse_s": $0.parseSeconds, "tangle_s": $0.tangleSeconds, "ratio": $0.ratio] }
            default:
                throw reportingError("unknown suite '\(name)' (known: tangle)")
            }
        }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
            try OutputWriter.write(String(decoding: data, as: UTF8.self) + "\n", to: URL(fileURLWithPath: json))
        }
    }

    func reportingError(_ message: String) -> Error {
        FileHandle.standardError.write(Data("<command line>:1: error: \(message)\n".utf8))
        return ExitStatus.badInput
    }
}
