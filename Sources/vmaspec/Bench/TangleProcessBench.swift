import Foundation
import Glibc

/// Whole processes on one generated spec: the plugin's `tangle` tool and `vmaspec tangle` against
/// the `cmark-gfm` CLI (parse and render the same Markdown) and noweb's `notangle` (tangle the
/// same chunks), alternating within each round, median of the rounds. Goals (issue 14): tangle
/// ≤ 2× `cmark-gfm` and ≤ 0.3× `notangle`, at 1× and 10×.
enum TangleProcessBench {
    /// The generated spec: `chapters` × `scale` chapters of `chunks` chunks of `lines` lines each.
    struct Shape {
        var chapters = 20
        var chunks = 20
        var lines = 15
        var scale = 1
    }

    struct Row: Encodable {
        var scale: Int
        var markdownBytes: Int
        /// Median milliseconds per tool; a tool this machine lacks is absent.
        var milliseconds: [String: Double]
        /// `tangle` (the plugin's tool) over each baseline that ran.
        var ratios: [String: Double]
    }

    struct Tool {
        var name: String
        var executable: String
        var arguments: [String]
        /// Where the tool writes; each run gets its own empty folder beside it, so every run
        /// writes all its files.
        var outputFolder: URL?
    }

    static func run(scales: [Int], repeats: Int, workspace: URL) throws -> (rows: [Row], missing: [String]) {
        var rows: [Row] = []
        var missing: Set<String> = []
        for scale in scales {
            let root = workspace.appendingPathComponent("spec-\(scale)x")
            let bytes = try SyntheticSpec.write(Shape(scale: scale), to: root)
            let (tools, absent) = self.tools(root: root)
            missing.formUnion(absent)
            var samples: [String: [Double]] = [:]
            for round in 0..<repeats {
                for var tool in Rounds.rotated(tools, by: round) {
                    if let folder = tool.outputFolder {
                        // A fresh folder per run, as a clean build has, and no deletion between
                        // runs (ext4 searches longer for a free inode after many were deleted).
                        let fresh = folder.appendingPathExtension(String(round))
                        tool.arguments = tool.arguments.map { $0 == folder.path ? fresh.path : $0 }
                    }
                    samples[tool.name, default: []].append(try time(tool))
                }
            }
            let medians = samples.mapValues { Rounds.median($0) * 1000 }
            var ratios: [String: Double] = [:]
            if let tangle = medians["tangle"] {
                for (name, value) in medians where name != "tangle" && name != "start-up" { ratios[name] = tangle / value }
            }
            rows.append(Row(scale: scale, markdownBytes: bytes, milliseconds: medians, ratios: ratios))
        }
        return (rows, missing.sorted())
    }

    /// The processes to time: which exist on this machine, and which baselines are missing.
    static func tools(root: URL) -> ([Tool], [String]) {
        let spec = (try? SyntheticSpec.markdownFiles(root)) ?? []
        let noweb = (try? SyntheticSpec.nowebFiles(root)) ?? []
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // `swift build` names the tool `tangle`; the plugin's own build of it is `tangle-tool`.
        let tangle = ["tangle", "tangle-tool"].map { own.deletingLastPathComponent().appendingPathComponent($0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? ""
        var tools: [Tool] = []
        var missing: [String] = []
        if FileManager.default.isExecutableFile(atPath: tangle) {
            let out = root.appendingPathComponent("out-tangle")
            tools.append(Tool(name: "tangle", executable: tangle,
                              arguments: ["all", "--root", root.path, "--variant", "rfc", "--out", out.path], outputFolder: out))
            tools.append(Tool(name: "start-up", executable: tangle, arguments: ["--version"]))
        } else {
            missing.append("tangle (build it: swift build -c release --product tangle)")
        }
        let out = root.appendingPathComponent("out-vmaspec")
        tools.append(Tool(name: "vmaspec tangle", executable: own.path,
                          arguments: ["tangle", "--root", root.path, "--variant", "rfc", "--out", out.path], outputFolder: out))
        for (name, arguments) in [("cmark-gfm", spec), ("notangle", noweb)] {
            if let path = which(name) {
                tools.append(Tool(name: name, executable: path, arguments: arguments.map(\.path)))
            } else {
                missing.append("\(name) (apt-get install \(name == "notangle" ? "noweb" : name))")
            }
        }
        return (tools, missing)
    }

    /// Seconds from spawn to exit, standard output and error to /dev/null; a failing run is an error.
    static func time(_ tool: Tool) throws -> Double {
        let argv = ([tool.executable] + tool.arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, tool.executable, &actions, nil, argv, environ) == 0 else {
            throw BenchError("cannot start \(tool.executable)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        // `tangle --version` is a usage error on purpose: it measures start-up and exit.
        guard exited, code == 0 || tool.name == "start-up" else {
            throw BenchError("\(tool.name) failed (status \(status)): \(([tool.executable] + tool.arguments).joined(separator: " "))")
        }
        return elapsed
    }

    static func which(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func report(_ rows: [Row], missing: [String]) -> String {
        let columns = ["tangle", "start-up", "vmaspec tangle", "cmark-gfm", "notangle"]
        var out = "whole processes on a generated spec (20 chapters × 20 chunks × 15 lines per 1×; same run, alternating; median ms)\n"
        out += "scale  bytes     " + columns.map { $0.padding(toLength: 15, withPad: " ", startingAt: 0) }.joined()
            + "tangle/cmark-gfm  tangle/notangle\n"
        for row in rows {
            out += String(format: "%4d×  %-9d ", row.scale, row.markdownBytes)
            out += columns.map { row.milliseconds[$0].map { String(format: "%-15.2f", $0) } ?? "-".padding(toLength: 15, withPad: " ", startingAt: 0) }.joined()
            out += row.ratios["cmark-gfm"].map { String(format: "%15.2f×", $0) } ?? String(repeating: " ", count: 15) + "-"
            out += row.ratios["notangle"].map { String(format: "%16.2f×", $0) } ?? String(repeating: " ", count: 16) + "-"
            out += "\n"
        }
        out += "start-up: the tangle tool starting and exiting on a usage error; tangle: the plugin's tool writing every file of rfc\n"
        for name in missing { out += "not measured, missing: \(name)\n" }
        return out
    }
}

/// A benchmark that could not run as set up (a tool failed): the message says which and how.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
