import Foundation
import Histogram
import Sched
import Synchronization

/// One thread faults on its own VMA while another runs mmap, mprotect and munmap on other VMAs:
/// the per-VMA locks use case (writers on some VMAs, faults on others). Reports fault throughput,
/// p50/p99 latency (HdrHistogram) and how often faults fell back to `mmap_lock`, per variant,
/// with ratios against the first variant measured in the same run. The model's own oracles are
/// off: they are work the kernel's fault does not do.
enum ContentionBench {
    struct Row: Encodable {
        var variant: String
        var faultsPerSecond: Double
        var p50Nanoseconds: UInt64
        var p99Nanoseconds: UInt64
        var writerOperations: Int
        var stats: ModelStats
        var throughputRatio: Double
        var p99Ratio: Double
    }

    static func measure(_ entry: VariantEntry, seconds: Double) throws -> Row {
        let model = entry.makeModel()
        let pages: UInt64 = 16
        let faultRegion = try model.mmap(pages * 4096, true)
        for page in 0..<pages { try model.store(1, faultRegion + page * 4096) }
        // A read-only guard page after it, so the writer's mappings can never merge into (and so
        // lock) the VMA the faults use: the writer works on *other* VMAs.
        _ = try model.mmap(4096, false)
        let stop = Atomic<Bool>(false)
        let writerOps = Atomic<Int>(0)
        let writerDone = DispatchSemaphore(value: 0)
        let writer = Thread {
            while !stop.load(ordering: .relaxed) {
                guard let region = try? model.mmap(4 * 4096, true) else { break }
                try? model.mprotect(region + 4096, 4096, false)
                try? model.munmap(region, 4 * 4096)
                writerOps.add(1, ordering: .relaxed)
            }
            writerDone.signal()
        }
        writer.start()
        var histogram = Histogram<UInt64>(highestTrackableValue: 10_000_000_000)
        var faults = 0
        let begin = DispatchTime.now().uptimeNanoseconds
        let deadline = begin + UInt64(seconds * 1e9)
        var now = begin
        while now < deadline {
            let address = faultRegion + UInt64(faults % Int(pages)) * 4096
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = model.fault(address, false)
            now = DispatchTime.now().uptimeNanoseconds
            _ = histogram.record(now - t0)
            faults += 1
        }
        stop.store(true, ordering: .relaxed)
        writerDone.wait()
        return Row(variant: entry.name, faultsPerSecond: Double(faults) / (Double(now - begin) / 1e9),
                   p50Nanoseconds: histogram.valueAtPercentile(50), p99Nanoseconds: histogram.valueAtPercentile(99),
                   writerOperations: writerOps.load(ordering: .relaxed), stats: model.stats(), throughputRatio: 1, p99Ratio: 1)
    }

    static func run(_ entries: [VariantEntry], seconds: Double) throws -> [Row] {
        var rows = try withModelOraclesOff { try entries.map { try measure($0, seconds: seconds) } }
        guard let base = rows.first else { return rows }
        for index in rows.indices {
            rows[index].throughputRatio = rows[index].faultsPerSecond / base.faultsPerSecond
            rows[index].p99Ratio = Double(rows[index].p99Nanoseconds) / Double(max(base.p99Nanoseconds, 1))
        }
        return rows
    }

    static func report(_ rows: [Row]) -> String {
        var out = "faults on one VMA while a writer maps, protects and unmaps others (ratios against \(rows.first?.variant ?? "?"))\n"
        out += "variant              faults/s   × base   p50 ns   p99 ns   × base   writer ops   VMA-lock ok   fallbacks\n"
        for row in rows {
            out += row.variant.padding(toLength: 19, withPad: " ", startingAt: 0)
                + String(format: "%10.0f   %5.2f×  %7llu  %7llu   %5.2f×   %10d   %11d   %9d\n", row.faultsPerSecond, row.throughputRatio,
                         row.p50Nanoseconds, row.p99Nanoseconds, row.p99Ratio, row.writerOperations, row.stats.success, row.stats.mmapReadFallbacks)
        }
        return out
    }
}
