import ArgumentParser
import Foundation
import Literate
import Mutation
import Synchronization

/// `vmaspec mutate [--variant V] [--json FILE]`: mutation testing of the locking protocol.
struct Mutate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take away each protection of a variant in turn and check that some scenario fails without it.",
        discussion: """
            Every site where an operator applies (a mark, a sequence check, an increment, an RCU \
            section, a grace period, a detached check, an assertion) becomes a mutant. All mutants \
            are compiled into one executable, each behind a switch; each runs in its own process the \
            scenarios that reach its site. Exit status 0 when every mutant is killed or declared \
            equivalent (`equivalent=` on its block), 1 otherwise, 2 on bad input.
            """
    )

    @OptionGroup var spec: SpecOptions

    @Option(help: "The variant to mutate.")
    var variant: String = "rfc"

    @Option(help: "Also write the report as JSON to this file.")
    var json: String?

    @Option(help: "Mutants run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a mutant may run before it counts as killed by a hang.")
    var timeout: Int = 300

    @Flag(help: "List the mutants without building or running them.")
    var list = false

    @Option(help: "Where the schema is built and the report kept (default: .build/vmaspec-mutants under the root).")
    var scratch: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second, not \(timeout)") }
    }

    func run() throws {
        let entry = try reportingBadInput { try VariantEntry.named(variant) }
        let project = try reportingBadInput { try spec.project() }
        guard !project.isMustFail(variant) else { throw badArgument("'\(variant)' is a must-fail variant: it has a bug already") }
        let schema = try reportingBadInput { try MutantSchema(variant: try Variant(project: project, name: variant)) }
        if list {
            for mutant in schema.mutants { print("\(mutant.location)\t\(mutant.op.rawValue)\t\(mutant.name)\(mutant.equivalent ? "\tequivalent" : "")") }
            return
        }
        let folder = scratch.map { URL(fileURLWithPath: $0) } ?? MutantBuild.defaultScratch(root: spec.rootURL)
        let report = try MutationRun(schema: schema, defines: entry.perVMALock ? ["PER_VMA_LOCK"] : [], scratch: folder, jobs: jobs,
                                     timeout: TimeInterval(timeout)).run()
        print(report.table(), terminator: "")
        print(report.scoreLine)
        try report.store(scratch: folder)
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json), options: .atomic)
        }
        if !report.problems.isEmpty { throw ExitStatus.checkFailed }
    }
}

/// One whole mutation run: build, baseline, every mutant in its own process, `jobs` at a time.
struct MutationRun {
    let schema: MutantSchema
    let defines: [String]
    let scratch: URL
    let jobs: Int
    let timeout: TimeInterval

    func run() throws -> MutationReport {
        let clock = ContinuousClock()
        let start = clock.now
        let progress = MutationProgress()
        defer { progress.finish() }
        let build = MutantBuild(schema: schema, defines: defines, scratch: scratch)
        let executable = try build.build().executable
        let built = clock.now
        let runner = MutantRunner(executable: executable, timeout: timeout)
        let baseline = try runner.baseline()
        let baselined = clock.now
        let results = Mutex([MutantResult?](repeating: nil, count: schema.mutants.count))
        let next = Atomic<Int>(0), done = Atomic<Int>(0)
        let mutants = schema.mutants
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(mutants.count, 1))) { _ in
            while case let index = next.add(1, ordering: .relaxed).oldValue, index < mutants.count {
                let result = MutantResult(mutant: mutants[index], verdict: runner.verdict(mutants[index], baseline: baseline))
                let killed = results.withLock { results in
                    results[index] = result
                    return results.compactMap { $0 }.filter(\.killed).count
                }
                progress.show(done.add(1, ordering: .relaxed).newValue, of: mutants.count, killed: killed, since: baselined)
            }
        }
        let fingerprint = (try? String(contentsOf: build.variantFolder.appendingPathComponent("fingerprint"), encoding: .utf8)) ?? ""
        return MutationReport(
            variant: schema.variant.name, schemaFingerprint: fingerprint, results: results.withLock { $0.compactMap { $0 } },
            baselineSeconds: (baselined - built).inSeconds, buildSeconds: (built - start).inSeconds, totalSeconds: (clock.now - start).inSeconds)
    }
}

/// `12/58 mutants, 9 killed, 40 s`, rewritten in place on standard error.
final class MutationProgress: Sendable {
    private let shown = Atomic<Bool>(false)

    func show(_ done: Int, of total: Int, killed: Int, since start: ContinuousClock.Instant) {
        shown.store(true, ordering: .relaxed)
        let line = String(format: "\r%d/%d mutants, %d killed, %.0f s    ", done, total, killed, (ContinuousClock.now - start).inSeconds)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if shown.load(ordering: .relaxed) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
