import Foundation
import Sched

/// The uncontended fault path, one thread: each variant against the `mmap_lock`-only build
/// (`rfc-nopvl`), interleaved: every round measures each variant once, starting one variant later
/// each round, and a variant's ratio is the median of its per-round ratios to the baseline's
/// sample of the same round (drift in the machine then cancels). Goal (issue 14): `rfc` ≤ 1.2×.
/// The model's own oracles are off (`withModelOraclesOff`) except in the one extra row that
/// measures the first variant with them on, so what they cost is shown in the same run.
enum FaultBench {
    /// A variant and whether its oracles run.
    struct Subject {
        var entry: VariantEntry
        var oracles = false

        var label: String { oracles ? "\(entry.name)+oracles" : entry.name }
    }

    struct Row: Encodable {
        var variant: String
        var nanosecondsPerFault: Double
        var vmaLockShare: Double
        var ratioToBaseline: Double
        /// The lowest and highest per-round ratio: the run's noise.
        var lowestRatio: Double
        var highestRatio: Double
    }

    struct Sample {
        var nanosecondsPerFault: Double
        var vmaLockShare: Double
    }

    /// Read faults over the pages of a populated VMA, `rounds` times.
    static func sample(_ subject: Subject, rounds: Int) throws -> Sample {
        subject.oracles ? try measure(subject.entry, rounds: rounds) : try withModelOraclesOff { try measure(subject.entry, rounds: rounds) }
    }

    static func measure(_ entry: VariantEntry, pages: Int = 64, rounds: Int) throws -> Sample {
        let model = entry.makeModel()
        let start = try model.mmap(UInt64(pages) * 4096, true)
        for page in 0..<pages { try model.store(1, start + UInt64(page) * 4096) }
        var viaVMALock = 0
        let begin = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for page in 0..<pages where model.fault(start + UInt64(page) * 4096, false) { viaVMALock += 1 }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begin)
        return Sample(nanosecondsPerFault: elapsed / Double(rounds * pages), vmaLockShare: Double(viaVMALock) / Double(rounds * pages))
    }

    static func run(_ entries: [VariantEntry], baseline: VariantEntry, rounds: Int, repeats: Int) throws -> [Row] {
        let variants = [baseline] + entries.filter { $0.name != baseline.name }
        let all = variants.map { Subject(entry: $0) } + variants.dropFirst().prefix(1).map { Subject(entry: $0, oracles: true) }
        var samples = Array(repeating: [Sample](), count: all.count)
        for round in 0..<repeats {
            for index in Rounds.rotated(Array(all.indices), by: round) {
                samples[index].append(try sample(all[index], rounds: rounds))
            }
        }
        return all.indices.map { index in
            let ratios = zip(samples[index], samples[0]).map { $0.nanosecondsPerFault / $1.nanosecondsPerFault }.sorted()
            return Row(variant: all[index].label, nanosecondsPerFault: Rounds.median(samples[index].map(\.nanosecondsPerFault)),
                       vmaLockShare: samples[index].last?.vmaLockShare ?? 0, ratioToBaseline: Rounds.median(ratios),
                       lowestRatio: ratios.first ?? 1, highestRatio: ratios.last ?? 1)
        }
    }

    static func report(_ rows: [Row]) -> String {
        var out = "uncontended read fault, one thread (interleaved rounds; median; baseline \(rows.first?.variant ?? "?"))\n"
        out += "variant              ns/fault   via VMA lock   × baseline   (rounds' range)\n"
        for row in rows {
            out += row.variant.padding(toLength: 19, withPad: " ", startingAt: 0)
                + String(format: "%9.1f   %11.0f%%   %9.2f×   (%.2f–%.2f)\n", row.nanosecondsPerFault, row.vmaLockShare * 100,
                         row.ratioToBaseline, row.lowestRatio, row.highestRatio)
        }
        return out
    }
}
