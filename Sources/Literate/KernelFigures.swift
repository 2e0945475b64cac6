import Foundation

/// What `vmaspec bench --kernel` measured: the with/without-writer sweep and fault-thread scaling
/// for this machine's kernel and each model. `bench --json` writes it; the book draws it.
public struct KernelFigures: Codable, Sendable, Equatable {
    /// One subject (the kernel or a variant) under one writer load.
    public struct Point: Codable, Sendable, Equatable {
        public var subject: String
        public var writer: String
        /// Throughput with this writer load over throughput with none, median of the rounds.
        public var ratio: Double
        public var lowestRatio: Double
        public var highestRatio: Double
        public var faultsPerSecond: Double
        public var writerOpsPerSecond: Double
        public var p50Nanoseconds: UInt64
        public var p99Nanoseconds: UInt64
        /// Model faults that fell back to `mmap_lock` (kernel: nil).
        public var fallbacks: Int?

        public init(subject: String, writer: String, ratio: Double, lowestRatio: Double, highestRatio: Double, faultsPerSecond: Double,
                    writerOpsPerSecond: Double, p50Nanoseconds: UInt64, p99Nanoseconds: UInt64, fallbacks: Int?) {
            self.subject = subject
            self.writer = writer
            self.ratio = ratio
            self.lowestRatio = lowestRatio
            self.highestRatio = highestRatio
            self.faultsPerSecond = faultsPerSecond
            self.writerOpsPerSecond = writerOpsPerSecond
            self.p50Nanoseconds = p50Nanoseconds
            self.p99Nanoseconds = p99Nanoseconds
            self.fallbacks = fallbacks
        }
    }

    /// One subject with this many fault threads and no writer.
    public struct Scaling: Codable, Sendable, Equatable {
        public var subject: String
        public var threads: Int
        public var faultsPerSecond: Double
        /// Over the fewest threads' throughput in the same round, median of the rounds.
        public var speedUp: Double

        public init(subject: String, threads: Int, faultsPerSecond: Double, speedUp: Double) {
            self.subject = subject
            self.threads = threads
            self.faultsPerSecond = faultsPerSecond
            self.speedUp = speedUp
        }
    }

    /// The name of the kernel's subject; every other subject is a variant's model.
    public static let kernel = "kernel"
    /// How far a model's ratio may be from the kernel's at the same load (issue 14's goal).
    public static let tolerance = 0.15

    public var seconds: Double
    public var rounds: Int
    public var points: [Point]
    public var scaling: [Scaling]
    /// `/proc/vmstat` `vma_lock_*` deltas over the kernel runs; nil when the kernel has none.
    public var vmaLockCounters: [String: Int]?
    /// Where and when it was measured (cores, kernel release, date), for the reader of a plot.
    public var machine: String?

    public init(seconds: Double, rounds: Int, points: [Point], scaling: [Scaling], vmaLockCounters: [String: Int]?, machine: String?) {
        self.seconds = seconds
        self.rounds = rounds
        self.points = points
        self.scaling = scaling
        self.vmaLockCounters = vmaLockCounters
        self.machine = machine
    }

    /// Subjects in the order measured: the kernel first.
    public var subjects: [String] { Self.firstSeen(points.map(\.subject)) }
    /// Writer loads in the order measured: none first.
    public var loads: [String] { Self.firstSeen(points.map(\.writer)) }

    public func point(_ subject: String, _ writer: String) -> Point? {
        points.first { $0.subject == subject && $0.writer == writer }
    }

    /// Whether a model's ratio is further than the tolerance from the kernel's at its load.
    public func missesKernel(_ point: Point) -> Bool {
        guard point.subject != Self.kernel, let kernelPoint = self.point(Self.kernel, point.writer) else { return false }
        return abs(point.ratio - kernelPoint.ratio) > Self.tolerance
    }

    static func firstSeen(_ names: [String]) -> [String] {
        names.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }
}

extension KernelFigures {
    /// Where the project keeps the figures the book draws: `vmaspec bench --kernel --json` writes
    /// them there, from the machine they describe.
    public static let projectFile = "Benchmarks/kernel-figures.json"

    /// The figures under `kernel` in a `bench --json` file; nil when the project keeps no such file.
    /// A file that is there but broken is bad input, named with the key that is wrong.
    public static func load(project root: URL) throws -> KernelFigures? {
        let url = root.appendingPathComponent(projectFile)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(BenchFile.self, from: data).kernel
        } catch let error as DecodingError {
            throw LiterateError(file: projectFile, line: 1, "not the JSON of `vmaspec bench --kernel --json`: \(describe(error))")
        } catch {
            throw LiterateError(file: projectFile, line: 1, "not JSON: \(error.localizedDescription)")
        }
    }

    private struct BenchFile: Decodable {
        var kernel: KernelFigures
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? context.debugDescription : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
