import Foundation

/// The uncontended fault path, one thread: each variant against the `mmap_lock`-only build
/// (`rfc-nopvl`) measured in the same run. Goal (issue 3): the per-VMA path costs at most 1.3×.
enum FaultBench {
    struct Row: Encodable {
        var variant: String
        var nanosecondsPerFault: Double
        var vmaLockShare: Double
        var ratioToBaseline: Double
    }

    /// Read faults over the pages of a populated VMA, `rounds` times; median of `repeats` runs.
    static func measure(_ entry: VariantEntry, pages: Int = 64, rounds: Int, repeats: Int) throws -> (Double, Double) {
        var samples: [Double] = []
        var share = 0.0
        for _ in 0..<repeats {
            let model = entry.makeModel()
            let start = try model.mmap(UInt64(pages) * 4096, true)
            for page in 0..<pages { try model.store(1, start + UInt64(page) * 4096) }
            var viaVMALock = 0
            let begin = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds {
                for page in 0..<pages where model.fault(start + UInt64(page) * 4096, false) { viaVMALock += 1 }
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begin)
            samples.append(elapsed / Double(rounds * pages))
            share = Double(viaVMALock) / Double(rounds * pages)
        }
        return (samples.sorted()[samples.count / 2], share)
    }

    static func run(_ entries: [VariantEntry], baseline: VariantEntry, rounds: Int, repeats: Int) throws -> [Row] {
        let (base, baseShare) = try measure(baseline, rounds: rounds, repeats: repeats)
        var rows = [Row(variant: baseline.name, nanosecondsPerFault: base, vmaLockShare: baseShare, ratioToBaseline: 1)]
        for entry in entries where entry.name != baseline.name {
            let (ns, share) = try measure(entry, rounds: rounds, repeats: repeats)
            rows.append(Row(variant: entry.name, nanosecondsPerFault: ns, vmaLockShare: share, ratioToBaseline: ns / base))
        }
        return rows
    }

    static func report(_ rows: [Row]) -> String {
        var out = "uncontended read fault, one thread (median; baseline \(rows.first?.variant ?? "?"))\n"
        out += "variant              ns/fault   via VMA lock   × baseline\n"
        for row in rows {
            out += row.variant.padding(toLength: 19, withPad: " ", startingAt: 0)
                + String(format: "%9.1f   %11.0f%%   %9.2f×\n", row.nanosecondsPerFault, row.vmaLockShare * 100, row.ratioToBaseline)
        }
        return out
    }
}
