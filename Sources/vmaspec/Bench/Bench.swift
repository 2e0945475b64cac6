import ArgumentParser
import Foundation
import Literate

/// `vmaspec bench [--suite S]...`: workloads side by side, each against a baseline measured in the
/// same run, reported as ratios (never as timed assertions).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the benchmarks and report ratios against same-run baselines.")

    @OptionGroup var spec: SpecOptions

    @Option(help: "Which suites to run: tangle, tangle-process, fault, contention, explorer, memory, scale, mutation, kernel (default: all but kernel).")
    var suite: [String] = []

    @Flag(help: "Run the kernel suite: this machine's kernel beside the models under the same fault and writer load.")
    var kernel = false

    @Option(name: .customLong("writer-rates"), help: "Writer loads for the kernel suite: cycles per second, 0 for a thread that only spins, max for flat out.")
    var writerRates: [String] = ["0", "5000", "20000", "50000", "max"]

    @Option(name: .customLong("fault-threads"), help: "Fault-thread counts for the kernel suite's scaling table (default: 1 to the number of cores).")
    var faultThreads: [Int] = []

    @Option(name: .customLong("run-seconds"), help: "Seconds per run in the kernel suite.")
    var runSeconds: Double = 0.5

    @Option(help: "Variants for the fault and contention suites (default: rfc, rfc-nopvl and the review variants).")
    var variant: [String] = []

    @Option(parsing: .unconditional, help: "Seconds each contention run lasts.")
    var seconds: Double = 2

    @Option(help: "Sizes of the synthetic spec for the tangle suite, as multiples of Spec/.")
    var scale: [Int] = [1, 10, 100]

    @Option(name: .customLong("process-scale"), help: "Sizes of the generated spec for the tangle-process suite, as multiples of 20 chapters × 20 chunks × 15 lines.")
    var processScale: [Int] = [1, 10]

    @Option(parsing: .unconditional, help: "Samples per measurement (the median is reported).")
    var repeats: Int = 5

    @Option(parsing: .upToNextOption, help: "Preemption bounds of the scale suite (default: 2).")
    var bounds: [Int] = [2]

    @Option(help: "Write the figures as JSON to this file too.")
    var json: String?

    func run() throws {
        try ArgumentChecks.wholeNumber(repeats, "--repeats", minimum: 1)
        try ArgumentChecks.positive(seconds, "--seconds")
        for size in scale { try ArgumentChecks.wholeNumber(size, "--scale", minimum: 1) }
        for size in processScale { try ArgumentChecks.wholeNumber(size, "--process-scale", minimum: 1) }
        for bound in bounds { try ArgumentChecks.wholeNumber(bound, "--bounds", minimum: 0) }
        let jsonURL = try json.map { try ArgumentChecks.outputFile($0, "--json") }
        try ArgumentChecks.positive(runSeconds, "--run-seconds")
        for count in faultThreads { try ArgumentChecks.wholeNumber(count, "--fault-threads", minimum: 1) }
        let loads = try writerRates.map { rate in
            guard let load = WriterLoad(argument: rate) else {
                throw badArgument("'--writer-rates' must be a number of cycles per second ≥ 0 or max, not '\(rate)'")
            }
            return load
        }
        let everyDay = ["tangle", "tangle-process", "fault", "contention", "explorer", "memory", "scale", "mutation"]
        let known = everyDay + ["kernel"]
        let suites = kernel ? suite + ["kernel"] : suite.isEmpty ? everyDay : suite
        if let unknown = suites.first(where: { !known.contains($0) }) {
            throw badArgument("unknown suite '\(unknown)' (known: \(known.joined(separator: ", ")))")
        }
        var figures: [String: Any] = [:]
        let project = try reportingBadInput { try spec.project() }
        let entries = try reportingBadInput {
            try variant.isEmpty ? variantRegistry.filter { !project.isMustFail($0.name) } : variant.map { try VariantEntry.named($0) }
        }
        for name in suites {
            switch name {
            case "fault":
                let baseline = try reportingBadInput { try VariantEntry.named("rfc-nopvl") }
                let rows = try FaultBench.run(entries, baseline: baseline, rounds: 2_000, repeats: repeats)
                print(FaultBench.report(rows))
                figures["fault"] = try Self.jsonObject(rows)
            case "contention":
                let rows = try ContentionBench.run(entries, seconds: seconds)
                print(ContentionBench.report(rows))
                figures["contention"] = try Self.jsonObject(rows)
            case "explorer":
                let rows = ExplorerBench.run(project: project)
                print(ExplorerBench.report(rows))
                figures["explorer"] = try Self.jsonObject(rows)
            case "memory":
                let entry = try reportingBadInput { try VariantEntry.named(variant.first ?? "fix-memory-ordering") }
                let rows = MemoryBench.run(entry)
                print(MemoryBench.report(rows, variant: entry.name))
                figures["memory"] = try Self.jsonObject(rows)
            case "scale":
                let entry = try reportingBadInput { try VariantEntry.named(variant.first ?? "rfc") }
                let rows = ScaleBench.run(entry, bounds: bounds, jobs: ProcessInfo.processInfo.activeProcessorCount)
                print(ScaleBench.report(rows, variant: entry.name))
                figures["scale"] = try Self.jsonObject(rows)
            case "mutation":
                let scratch = MutantBuild.defaultScratch(root: spec.rootURL)
                let rows = try MutationBench.run(variant.isEmpty ? [try VariantEntry.named("rfc")] : entries, project: project,
                                                 scratch: scratch, jobs: ProcessInfo.processInfo.activeProcessorCount)
                print(MutationBench.report(rows))
                figures["mutation"] = try Self.jsonObject(rows)
            case "tangle":
                let rows = try scale.map { try TangleBench.measure(project, scale: $0, repeats: $0 >= 100 ? max(1, repeats / 2) : repeats) }
                print(TangleBench.report(rows))
                figures["tangle"] = rows.map { ["scale": Double($0.scale), "bytes": Double($0.bytes), "parse_s": $0.parseSeconds, "tangle_s": $0.tangleSeconds, "ratio": $0.ratio] }
            case "tangle-process":
                let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("vmaspec-bench-\(getpid())")
                defer { try? FileManager.default.removeItem(at: workspace) }
                let (rows, missing) = try TangleProcessBench.run(scales: processScale, repeats: repeats * 3, workspace: workspace)
                print(TangleProcessBench.report(rows, missing: missing))
                figures["tangle-process"] = try Self.jsonObject(rows)
            case "kernel":
                let names = ["rfc", "rfc-nopvl", "naming", "no-fallback", "retry-contract"]
                let models = variant.isEmpty ? variantRegistry.filter { names.contains($0.name) } : entries
                let counts = faultThreads.isEmpty ? Array(1...ProcessInfo.processInfo.activeProcessorCount) : faultThreads
                let result = try KernelBench.run(models, loads: loads, threads: counts, seconds: runSeconds, rounds: repeats)
                print(KernelBench.report(result))
                figures["kernel"] = try Self.jsonObject(result)
            default:
                continue
            }
        }
        if let jsonURL {
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
            try OutputWriter.write(String(decoding: data, as: UTF8.self) + "\n", to: jsonURL)
        }
    }

    static func jsonObject<T: Encodable>(_ value: T) throws -> Any {
        try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value))
    }

}
