import Foundation
import Histogram
import KernelWorkload
import Synchronization

/// One workload shape run two ways: on this machine's kernel (the C target `KernelWorkload`) and
/// on a variant's model. Fault threads write to fresh anonymous pages of their own VMA; writer
/// threads map four pages, write-protect one and unmap them, on other VMAs, at a chosen rate.
struct WorkloadShape: Sendable {
    var faultThreads = 1
    var writer = WriterLoad.none
    var writerThreads = 1
    var seconds = 0.5
}

/// What the writer threads do while the faults run.
enum WriterLoad: Sendable, Hashable, CustomStringConvertible {
    /// No writer thread at all: the baseline of every ratio.
    case none
    /// A writer thread that only spins: a busy core, no VMA changes.
    case spinning
    /// mmap/mprotect/munmap cycles per second, per writer thread.
    case rate(Double)
    case flatOut

    /// `0` spins, `max` is flat out, any other number is cycles per second.
    init?(argument: String) {
        if argument == "max" { self = .flatOut; return }
        guard let value = Double(argument), value >= 0, value.isFinite else { return nil }
        self = value == 0 ? .spinning : .rate(value)
    }

    var description: String {
        switch self {
        case .none: "none"
        case .spinning: "spin"
        case .rate(let value): value >= 1000 ? String(format: "%gk/s", value / 1000) : String(format: "%g/s", value)
        case .flatOut: "max"
        }
    }

    /// The C target's `writer_rate`: < 0 flat out, 0 spinning.
    var cRate: Double {
        switch self {
        case .none, .spinning: 0
        case .rate(let value): value
        case .flatOut: -1
        }
    }
}

struct WorkloadResult: Sendable {
    var faults: UInt64
    var elapsedSeconds: Double
    var writerOps: UInt64
    var p50Nanoseconds: UInt64
    var p99Nanoseconds: UInt64
    /// The kernel's minor faults over the fault threads (nil for the model).
    var minorFaults: UInt64?
    /// The model's faults that fell back to `mmap_lock` (nil for the kernel).
    var fallbacks: Int?

    var faultsPerSecond: Double { Double(faults) / elapsedSeconds }
    var writerOpsPerSecond: Double { Double(writerOps) / elapsedSeconds }
}

enum KernelWorkloadRun {
    /// Runs the shape on the kernel. A run whose minor faults fall short of its page writes (a
    /// huge page or a prefault served them) is an error, not a figure.
    static func run(_ shape: WorkloadShape) throws -> WorkloadResult {
        let capacity = 4_000_000
        var latencies = [UInt32](repeating: 0, count: capacity)
        var result = kw_result()
        let status = latencies.withUnsafeMutableBufferPointer { buffer in
            var config = kw_config()
            config.fault_threads = Int32(shape.faultThreads)
            config.region_bytes = 64 << 20
            config.writer_threads = shape.writer == .none ? 0 : Int32(shape.writerThreads)
            config.writer_rate = shape.writer.cRate
            config.seconds = shape.seconds
            config.latencies = buffer.baseAddress
            config.latency_capacity = capacity
            return kw_run(&config, &result)
        }
        guard status == 0 else {
            let call = withUnsafeBytes(of: result.failed_call) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw BenchError("kernel workload: \(call) failed: \(String(cString: strerror(result.error)))")
        }
        guard Double(result.minor_faults) >= 0.9 * Double(result.faults) else {
            throw BenchError("kernel workload: \(result.faults) page writes but only \(result.minor_faults) minor faults (huge pages or prefaulting?)")
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 10_000_000_000)
        for latency in latencies.prefix(result.latencies_recorded) { _ = histogram.record(UInt64(latency)) }
        return WorkloadResult(faults: result.faults, elapsedSeconds: result.elapsed_seconds, writerOps: result.writer_ops,
                              p50Nanoseconds: histogram.valueAtPercentile(50), p99Nanoseconds: histogram.valueAtPercentile(99),
                              minorFaults: result.minor_faults, fallbacks: nil)
    }
}

enum ModelWorkloadRun {
    /// Pages per fault region: when a thread has written them all it maps a fresh region.
    static let regionPages: UInt64 = 4096
    static let page: UInt64 = 4096

    /// Runs the shape on a fresh model of the variant.
    static func run(_ entry: VariantEntry, _ shape: WorkloadShape) throws -> WorkloadResult {
        let model = entry.makeModel()
        let stop = Atomic<Bool>(false)
        let start = Atomic<Int>(0)
        let writerOps = Atomic<Int>(0)
        let writers = shape.writer == .none ? 0 : shape.writerThreads
        let group = DispatchGroup()
        for _ in 0..<writers {
            spawn(group) { writerLoop(model, shape.writer, stop: stop, start: start, ops: writerOps) }
        }
        let results = Mutex<[Result<FaultThreadResult, Error>]>([])
        let faultGroup = DispatchGroup()
        for _ in 0..<shape.faultThreads {
            spawn(faultGroup) {
                let result = Result { try faultLoop(model, seconds: shape.seconds, start: start) }
                results.withLock { $0.append(result) }
            }
        }
        start.store(1, ordering: .releasing)
        let begin = DispatchTime.now().uptimeNanoseconds
        faultGroup.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
        stop.store(true, ordering: .relaxed)
        group.wait()
        var histogram = Histogram<UInt64>(highestTrackableValue: 10_000_000_000)
        var faults: UInt64 = 0
        for result in results.withLock({ $0 }) {
            let thread = try result.get()
            faults += thread.faults
            histogram.add(thread.histogram)
        }
        return WorkloadResult(faults: faults, elapsedSeconds: elapsed, writerOps: UInt64(writerOps.load(ordering: .relaxed)),
                              p50Nanoseconds: histogram.valueAtPercentile(50), p99Nanoseconds: histogram.valueAtPercentile(99),
                              minorFaults: nil, fallbacks: model.stats().mmapReadFallbacks)
    }

    struct FaultThreadResult: @unchecked Sendable {
        var faults: UInt64
        var histogram: Histogram<UInt64>
    }

    static func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// A fault region between two read-only guard pages, so no writer mapping can merge into it
    /// (a merge would make the writer's mprotect lock the faulting VMA, which the kernel run avoids).
    static func mapRegion(_ model: ModelAdapter) throws -> UInt64 {
        let base = try model.mmap((regionPages + 2) * page, true)
        try model.mprotect(base, page, false)
        try model.mprotect(base + (regionPages + 1) * page, page, false)
        return base
    }

    static func faultLoop(_ model: ModelAdapter, seconds: Double, start: borrowing Atomic<Int>) throws -> FaultThreadResult {
        var histogram = Histogram<UInt64>(highestTrackableValue: 10_000_000_000)
        while start.load(ordering: .acquiring) == 0 {}
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var base = try mapRegion(model)
        var faults: UInt64 = 0, next: UInt64 = 0
        while true {
            let t0 = DispatchTime.now().uptimeNanoseconds
            guard t0 < deadline else { break }
            try model.store(1, base + (1 + next) * page)
            _ = histogram.record(DispatchTime.now().uptimeNanoseconds - t0)
            faults += 1
            next += 1
            if next == regionPages {
                try model.munmap(base, (regionPages + 2) * page)
                base = try mapRegion(model)
                next = 0
            }
        }
        try model.munmap(base, (regionPages + 2) * page)
        return FaultThreadResult(faults: faults, histogram: histogram)
    }

    /// The writer of `KernelWorkload`: op i is due at start + i / rate, waited for by spinning;
    /// more than 10 ms behind, the schedule is re-based rather than caught up in a burst.
    static func writerLoop(_ model: ModelAdapter, _ load: WriterLoad, stop: borrowing Atomic<Bool>,
                           start: borrowing Atomic<Int>, ops: borrowing Atomic<Int>) {
        while start.load(ordering: .acquiring) == 0 {}
        var origin = DispatchTime.now().uptimeNanoseconds
        var index: UInt64 = 0
        while !stop.load(ordering: .relaxed) {
            switch load {
            case .none, .spinning:
                continue
            case .rate(let rate):
                let due = origin + UInt64(Double(index) * 1e9 / rate)
                let now = DispatchTime.now().uptimeNanoseconds
                if now < due { continue }
                if now - due > 10_000_000 { origin = now; index = 0 }
            case .flatOut:
                break
            }
            guard let region = try? model.mmap(4 * page, true) else { return }
            try? model.mprotect(region + page, page, false)
            try? model.munmap(region, 4 * page)
            ops.add(1, ordering: .relaxed)
            index += 1
        }
    }
}
