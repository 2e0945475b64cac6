import Foundation
import Literate
import Synchronization

/// One variant's share of `check`: its examples and scenarios (for a must-fail variant, the
/// scenarios its document names in `catches:`), as its workers reported them.
struct VariantCheck: Sendable {
    var name: String
    var perVMALock: Bool
    var mustFail: Bool
    var examples: [ExampleResult]
    var scenarios: [ScenarioOutcome]
    var seconds: Double

    /// A scenario met its expectation: for a must-fail variant, it caught the bug.
    func isAsExpected(_ outcome: ScenarioOutcome) -> Bool {
        guard outcome.crash == nil else { return false }
        return mustFail ? outcome.failure.map { $0.kind != "replayMismatch" } == true : outcome.meetsExpectation
    }

    var failures: Int {
        examples.filter { !$0.passed }.count + scenarios.filter { !isAsExpected($0) }.count
    }
}

/// Runs the variants' checks, `jobs` at a time, and prints each variant's lines in registry
/// order as soon as it and the ones before it are done; progress goes to standard error.
struct CheckRun {
    let project: Project
    /// The memory model every scenario runs under instead of its own (`check --memory`).
    var memory: String? = nil

    func run(jobs: Int, print emit: @escaping @Sendable (String) -> Void) -> [Result<VariantCheck, Error>] {
        let project = self.project, memory = self.memory
        let entries = variantRegistry.filter { !project.isMustFail($0.name) } + variantRegistry.filter { project.isMustFail($0.name) }
        let results = Mutex([Result<VariantCheck, Error>?](repeating: nil, count: entries.count))
        let printed = Mutex(0)
        let queue = DispatchQueue(label: "check", attributes: .concurrent)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: jobs)
        for (index, entry) in entries.enumerated() {
            slots.wait()
            queue.async(group: group) {
                defer { slots.signal() }
                let result = Result { try Self.check(entry, project: project, memory: memory) }
                results.withLock { $0[index] = result }
                printed.withLock { next in
                    let done = results.withLock { $0 }
                    while next < entries.count, let ready = done[next] {
                        emit(CheckReport.lines(for: ready, entry: entries[next], first: next == 0, firstBug: next == entries.firstIndex { project.isMustFail($0.name) }))
                        next += 1
                    }
                }
            }
        }
        group.wait()
        return results.withLock { $0.map { $0! } }
    }

    static func check(_ entry: VariantEntry, project: Project, memory: String? = nil) throws -> VariantCheck {
        let start = ContinuousClock.now
        let mustFail = project.isMustFail(entry.name)
        let catches = project.review(id: entry.name)?.header.catches
        Progress.line("\(entry.name): " + (mustFail ? "\(catches?.count ?? 0) scenario(s) that must catch the bug"
                                                    : "\(entry.examples.count) examples, \(entry.scenarios.count) scenarios"))
        let examples = mustFail ? [] : try ExampleRun.run(variants: [entry.name], project: project)
        let throttle = Progress.Throttle()
        let scenarios = try Supervisor.current.scenarios(
            WorkerRequest(kind: .scenarios, variant: entry.name, only: mustFail ? catches : nil, memory: memory),
            progress: { scenario, update in
                guard update.seconds >= 2 else { return }
                throttle.every(seconds: 5, key: scenario.name) {
                    "\(entry.name): \(scenario.name): \(update.schedules) schedules, \(String(format: "%.0f", update.seconds)) s"
                }
            })
        return VariantCheck(name: entry.name, perVMALock: entry.perVMALock, mustFail: mustFail, examples: examples,
                            scenarios: scenarios, seconds: (ContinuousClock.now - start).inSeconds)
    }
}

/// Progress lines on standard error: what runs now, and where a long scenario has got to.
enum Progress {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data("… \(text)\n".utf8))
    }

    /// At most one line per key every few seconds.
    final class Throttle: Sendable {
        private let last = Mutex([String: ContinuousClock.Instant]())

        func every(seconds: Double, key: String, _ text: () -> String) {
            let now = ContinuousClock.now
            let due = last.withLock { times in
                guard times[key].map({ (now - $0).inSeconds >= seconds }) ?? true else { return false }
                times[key] = now
                return true
            }
            if due { Progress.line(text()) }
        }
    }
}
