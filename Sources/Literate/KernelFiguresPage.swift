import Foundation

/// The page of `vmaspec bench --kernel`'s figures: the with/without-writer sweep and the
/// fault-thread scaling as charts (the kernel's curve in black, the tolerance shaded around it),
/// then the numbers behind them.
extension Book {
    static let kernelFiguresPath = "bench/kernel.html"

    func kernelFiguresPage(_ figures: KernelFigures) -> String {
        var body = "<h1>The model under load, beside the kernel</h1>\n"
        body += "<p>One thread writes fresh anonymous pages while one writer thread maps, write-protects and unmaps other VMAs at each rate of a sweep; "
            + "the same shape runs on this machine's kernel and on each variant's model, alternating. Each point is the fault throughput with that writer over the throughput with none, "
            + "median of \(figures.rounds) rounds of \(Self.escape(String(format: "%g", figures.seconds))) s. "
            + "<a href=\"../rfc/\(Self.escape(appendixPage))\">The appendix</a> says why the model's curve leaves the kernel's and what that means for its timings.</p>\n"
        if let machine = figures.machine { body += "<p class=\"badge\">measured on \(Self.escape(machine)) by <code>vmaspec bench --kernel --json</code></p>\n" }
        body += sweepChart(figures).svg()
        body += sweepTable(figures)
        if let chart = scalingChart(figures) { body += chart.svg() }
        if let counters = figures.vmaLockCounters {
            body += "<p>The kernel's <code>/proc/vmstat</code> over its runs: " + counters.sorted { $0.key < $1.key }.map { "<code>\(Self.escape($0.key))</code> +\($0.value)" }.joined(separator: ", ") + ".</p>\n"
        } else {
            body += "<p>The kernel measured had no <code>vma_lock_*</code> counters in <code>/proc/vmstat</code> (<code>CONFIG_PER_VMA_LOCK_STATS</code> off).</p>\n"
        }
        return page(title: "The model under load, beside the kernel", variant: nil, body: body, nav: "<nav><a href=\"../index.html\">contents</a></nav>")
    }

    /// The chapter that explains the figures: the appendix, by its file name.
    var appendixPage: String {
        project.chapters.last.map(pageName) ?? "index.html"
    }

    /// The writer loads other than none: the sweep's x axis.
    func sweepLoads(_ figures: KernelFigures) -> [String] {
        figures.loads.filter { $0 != "none" }
    }

    func sweepChart(_ figures: KernelFigures) -> LineChart {
        let loads = sweepLoads(figures)
        let series = figures.subjects.map { subject in
            LineChart.Series(name: subject, values: loads.map { figures.point(subject, $0)?.ratio }, emphasized: subject == KernelFigures.kernel)
        }
        let kernel = loads.map { figures.point(KernelFigures.kernel, $0)?.ratio }
        let band = LineChart.Band(label: "kernel ± \(KernelFigures.tolerance)", lower: kernel.map { $0.map { max($0 - KernelFigures.tolerance, 0) } },
                                  upper: kernel.map { $0.map { $0 + KernelFigures.tolerance } })
        return LineChart(title: "Fault throughput kept under a writer (with / without)", xLabel: "writer load (mmap/mprotect/munmap cycles per second; spin = a busy thread)",
                         yLabel: "with writer / without", categories: loads, series: series, band: band)
    }

    func scalingChart(_ figures: KernelFigures) -> LineChart? {
        let counts = Array(Set(figures.scaling.map(\.threads))).sorted()
        guard counts.count > 1 else { return nil }
        let series = figures.subjects.map { subject in
            LineChart.Series(name: subject, values: counts.map { count in figures.scaling.first { $0.subject == subject && $0.threads == count }?.speedUp },
                             emphasized: subject == KernelFigures.kernel)
        }
        return LineChart(title: "Fault threads, no writer: speed-up over \(counts[0])", xLabel: "fault threads", yLabel: "speed-up",
                         categories: counts.map(String.init), series: series)
    }

    func sweepTable(_ figures: KernelFigures) -> String {
        let loads = sweepLoads(figures)
        var out = "<table><tr><th>subject</th>" + loads.map { "<th>\(Self.escape($0))</th>" }.joined() + "<th>faults/s without writer</th></tr>\n"
        for subject in figures.subjects {
            out += "<tr><td><code>\(Self.escape(subject))</code></td>"
            for load in loads {
                guard let point = figures.point(subject, load) else { out += "<td>–</td>"; continue }
                let missed = figures.missesKernel(point)
                out += "<td\(missed ? " class=\"missed\"" : "")>\(String(format: "%.2f", point.ratio))\(missed ? "*" : "")"
                    + "<br><small>\(String(format: "%.2f–%.2f", point.lowestRatio, point.highestRatio))</small></td>"
            }
            out += "<td>\(figures.point(subject, "none").map { String(format: "%.0f", $0.faultsPerSecond) } ?? "–")</td></tr>\n"
        }
        return out + "</table>\n<p><small>* further than \(KernelFigures.tolerance) from the kernel's ratio at that load; under each ratio, the range over the rounds.</small></p>\n"
    }
}
