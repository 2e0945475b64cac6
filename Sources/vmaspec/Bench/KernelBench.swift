import Foundation
import Literate
import Sched

/// The kernel beside the model (issue 14): one fault thread writing fresh pages while one writer
/// thread maps, write-protects and unmaps other VMAs at each rate of a sweep. Each subject (this
/// machine's kernel, then each variant's model) reports its throughput with the writer over its
/// throughput with no writer thread, measured in the same round; rounds rotate the order of
/// subjects and loads, and the median round is reported. Then fault-thread scaling, no writer.
/// Goal: each model's ratio within ±0.15 of the kernel's at every rate. The models run with
/// their own oracles off, which the kernel does not have.
enum KernelBench {
    static let kernel = KernelFigures.kernel
    static let tolerance = KernelFigures.tolerance
    typealias Figures = KernelFigures
    typealias Point = KernelFigures.Point
    typealias Scaling = KernelFigures.Scaling

    typealias Subject = (name: String, run: (WorkloadShape) throws -> WorkloadResult)

    static func subjects(_ entries: [VariantEntry]) -> [Subject] {
        [(kernel, { try KernelWorkloadRun.run($0) })] + entries.map { entry in (entry.name, { shape in try withModelOraclesOff { try ModelWorkloadRun.run(entry, shape) } }) }
    }

    static func run(_ entries: [VariantEntry], loads: [WriterLoad], threads: [Int], seconds: Double, rounds: Int) throws -> Figures {
        let subjects = subjects(entries)
        let allLoads = [WriterLoad.none] + loads.filter { $0 != .none }
        var samples: [String: [WriterLoad: [WorkloadResult]]] = [:]
        var scalingSamples: [String: [Int: [Double]]] = [:]
        let before = VMStat.vmaLockCounters()
        var kernelDelta: [String: Int] = [:]
        for round in 0..<rounds {
            for subject in Rounds.rotated(subjects, by: round) {
                let counters = subject.name == kernel ? VMStat.vmaLockCounters() : nil
                for load in Rounds.rotated(allLoads, by: round) {
                    let result = try subject.run(WorkloadShape(writer: load, seconds: seconds))
                    samples[subject.name, default: [:]][load, default: []].append(result)
                }
                for count in Rounds.rotated(threads, by: round) {
                    let result = try subject.run(WorkloadShape(faultThreads: count, writer: .none, seconds: seconds))
                    scalingSamples[subject.name, default: [:]][count, default: []].append(result.faultsPerSecond)
                }
                if let counters, let after = VMStat.vmaLockCounters() {
                    for (name, value) in after { kernelDelta[name, default: 0] += value - (counters[name] ?? value) }
                }
            }
        }
        let points = subjects.flatMap { subject in
            allLoads.map { point(subject.name, $0, samples[subject.name]![$0]!, baseline: samples[subject.name]![.none]!) }
        }
        let scaling = subjects.flatMap { subject in
            threads.map { count in
                let own = scalingSamples[subject.name]![count]!, single = scalingSamples[subject.name]![threads.min()!]!
                return Scaling(subject: subject.name, threads: count, faultsPerSecond: Rounds.median(own),
                               speedUp: Rounds.median(zip(own, single).map { $0 / $1 }))
            }
        }
        return Figures(seconds: seconds, rounds: rounds, points: points, scaling: scaling, vmaLockCounters: before == nil ? nil : kernelDelta,
                       machine: machineDescription())
    }

    static func point(_ subject: String, _ load: WriterLoad, _ results: [WorkloadResult], baseline: [WorkloadResult]) -> Point {
        let ratios = zip(results, baseline).map { $0.faultsPerSecond / $1.faultsPerSecond }.sorted()
        let middle = results.sorted { $0.faultsPerSecond < $1.faultsPerSecond }[results.count / 2]
        return Point(subject: subject, writer: load.description, ratio: Rounds.median(ratios), lowestRatio: ratios.first!, highestRatio: ratios.last!,
                     faultsPerSecond: middle.faultsPerSecond, writerOpsPerSecond: Rounds.median(results.map(\.writerOpsPerSecond)),
                     p50Nanoseconds: middle.p50Nanoseconds, p99Nanoseconds: middle.p99Nanoseconds, fallbacks: middle.fallbacks)
    }

}

/// Cores, kernel release and today's date: what a reader of the figures needs to weigh them.
func machineDescription() -> String {
    var name = utsname()
    uname(&name)
    let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    let date = formatter.string(from: Date())
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores, Linux \(release), \(date)"
}

/// The kernel's per-VMA lock statistics (`CONFIG_PER_VMA_LOCK_STATS`), when it has them.
enum VMStat {
    static func vmaLockCounters(path: String = "/proc/vmstat") -> [String: Int]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var counters: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("vma_lock_") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let value = Int(fields[1]) { counters[String(fields[0])] = value }
        }
        return counters.isEmpty ? nil : counters
    }
}
