import Foundation
import Literate

/// The tables of `bench --kernel`: the sweep (with/without-writer ratio per writer load, kernel
/// first, each model's distance from it), the absolute figures behind it, and thread scaling.
extension KernelBench {
    static func report(_ figures: Figures) -> String {
        let subjects = figures.subjects
        let loads = figures.loads
        var out = "the kernel beside the model: 1 thread writing fresh pages, 1 writer thread mapping, protecting and unmapping other VMAs\n"
        out += "(throughput with the writer over without, same round; median of \(figures.rounds) rounds of \(String(format: "%g", figures.seconds)) s; "
            + "spin = a writer thread that only spins)\n"
        out += "writer   " + subjects.map { pad($0, 16) }.joined() + "\n"
        for load in loads where load != WriterLoad.none.description {
            out += pad(load, 9)
            for subject in subjects {
                guard let point = figures.points.first(where: { $0.subject == subject && $0.writer == load }) else { out += pad("-", 16); continue }
                out += pad(String(format: "%.2f", point.ratio) + (figures.missesKernel(point) ? "*" : ""), 16)
            }
            out += "\n"
        }
        out += "* more than \(tolerance) from the kernel's ratio at that load\n"
        if let control = figures.points.first(where: { $0.subject == kernel && $0.writer == WriterLoad.spinning.description }),
           control.ratio < 0.9 {
            out += String(format: "warning: a writer that only spins cost the kernel's faults %.0f%%: something else is using the CPUs, and every ratio includes it\n",
                          (1 - control.ratio) * 100)
        }
        out += "\n"
        out += absoluteTable(figures, subjects: subjects, loads: loads)
        out += scalingTable(figures.scaling, subjects: subjects)
        out += verdicts(figures)
        if let counters = figures.vmaLockCounters {
            out += "kernel /proc/vmstat over its runs: " + counters.sorted { $0.key < $1.key }.map { "\($0.key) +\($0.value)" }.joined(separator: ", ") + "\n"
        } else {
            out += "this kernel reports no vma_lock_* counters in /proc/vmstat (CONFIG_PER_VMA_LOCK_STATS is off)\n"
        }
        return out
    }

    /// Faults/s, writer cycles/s achieved, latency and the model's fallbacks, per subject and load.
    static func absoluteTable(_ figures: Figures, subjects: [String], loads: [String]) -> String {
        var out = "subject        writer   faults/s    writer/s   p50 ns   p99 ns   fallbacks   ratio range\n"
        for subject in subjects {
            for load in loads {
                guard let point = figures.points.first(where: { $0.subject == subject && $0.writer == load }) else { continue }
                out += pad(subject, 15) + pad(load, 9)
                out += String(format: "%9.0f  %10.0f  %7llu  %7llu   ", point.faultsPerSecond, point.writerOpsPerSecond, point.p50Nanoseconds, point.p99Nanoseconds)
                out += pad(point.fallbacks.map(String.init) ?? "-", 12)
                out += String(format: "%.2f–%.2f\n", point.lowestRatio, point.highestRatio)
            }
        }
        return out + "\n"
    }

    static func scalingTable(_ scaling: [Scaling], subjects: [String]) -> String {
        let counts = Array(Set(scaling.map(\.threads))).sorted()
        guard counts.count > 1 else { return "" }
        var out = "fault threads, no writer (faults/s, and speed-up over \(counts[0]) thread\(counts[0] == 1 ? "" : "s") in the same round)\n"
        out += "threads  " + subjects.map { pad($0, 22) }.joined() + "\n"
        for count in counts {
            out += pad(String(count), 9)
            for subject in subjects {
                guard let row = scaling.first(where: { $0.subject == subject && $0.threads == count }) else { out += pad("-", 22); continue }
                out += pad(String(format: "%.0f (%.2f×)", row.faultsPerSecond, row.speedUp), 22)
            }
            out += "\n"
        }
        return out + "\n"
    }

    /// Per model, the loads where its ratio is within the tolerance of the kernel's.
    static func verdicts(_ figures: Figures) -> String {
        var out = ""
        for subject in figures.subjects where subject != kernel {
            let own = figures.points.filter { $0.subject == subject && $0.writer != WriterLoad.none.description }
            let missed = own.filter(figures.missesKernel).map(\.writer)
            out += "\(subject): within ±\(tolerance) of the kernel at \(own.count - missed.count) of \(own.count) loads"
            out += missed.isEmpty ? "\n" : " (missed: \(missed.joined(separator: ", ")); Spec/09-appendix-patch-map.md, \"The model under load\", explains why)\n"
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
