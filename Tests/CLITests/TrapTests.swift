import Foundation
import Synchronization
import Literate
import Testing
@testable import vmaspec

/// Issue 9, item 6: a trap in an example or a scenario is a reported failure at its Markdown line
/// (a scenario's with a replay token and a trace), and the run goes on with the next one.
///
/// The examples and scenarios compiled into `vmaspec` do not trap, so the test builds a worker of
/// its own, as `vmaspec worker` is built: a fixture chapter, tangled, with the worker's sources.
@Suite struct TrapTests {
    static let chapter = """
    # Traps

    ```swift
    func element(_ values: [Int], _ index: Int) -> Int {
        values[index]
    }
    ```

    ```swift example name=index-out-of-range
    print(element([1, 2, 3], 7))
    ```

    ```output
    never printed
    ```

    ```swift example name=after-the-crash
    print("the run goes on")
    ```

    ```output
    the run goes on
    ```

    ```swift example name=the-handler-has-room
    print(CrashHandler.alternateStackSize() >= CrashHandler.alternateStackBytes)
    ```

    ```output
    true
    ```

    ```swift scenario name=unwraps-nil expect=pass
    let flag = AtomicInt(0)
    scenario.thread("setter") {
        flag.store(1)
    }
    scenario.thread("reader") {
        let seen: Int? = flag.load() == 1 ? nil : 0
        _ = seen!
    }
    ```

    ```swift scenario name=passes-after-it expect=pass
    let flag = AtomicInt(0)
    scenario.thread("one") { flag.store(1) }
    ```
    """

    static let main = """
    import Foundation
    import Sched

    let request = try JSONDecoder().decode(WorkerRequest.self, from: Data(CommandLine.arguments[2].utf8))
    let examples = VMASpecCatalog.examples.map { example in
        WorkerCatalog.Example(
            identity: ExampleOutcome(file: example.file, line: example.line, name: example.name, codeHash: example.codeHash,
                                     outputLine: example.outputLine),
            run: example.run)
    }
    WorkerRunner.run(request, catalog: WorkerCatalog(examples: examples, scenarios: VMASpecCatalog.scenarios))
    """

    /// The fixture's root (Spec/98-traps.md) and its worker, built once for the suite.
    static let fixture: Result<(root: URL, worker: URL), Error> = Result {
        let root = try Harness.folder(["Spec/98-traps.md": chapter, "main.swift": main])
        let tangled = try Harness.vmaspec(["tangle", "--root", root.path, "--out", root.appendingPathComponent("out").path])
        guard tangled.status == 0 else { throw Harness.Failure("tangle: \(tangled.stderr)") }
        let sched = Harness.buildDirectory.appendingPathComponent("Sched.build")
        let objects = try FileManager.default.contentsOfDirectory(atPath: sched.path).filter { $0.hasSuffix(".o") }
            .map { sched.appendingPathComponent($0).path }
        let isolation = Harness.packageRoot.appendingPathComponent("Sources/vmaspec/Isolation")
        let workerSources = ["Outcomes.swift", "WorkerRunner.swift", "CrashHandler.swift"].map { isolation.appendingPathComponent($0).path }
        let generated = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path)
            .filter { $0.hasSuffix(".swift") }.map { "out/" + $0 }
        let build = try Harness.swiftc(["-g", "-module-name", "Traps", "-D", "PER_VMA_LOCK",
                                        "-I", Harness.buildDirectory.appendingPathComponent("Modules").path,
                                        "main.swift", "-o", "worker"] + generated + workerSources + objects, in: root)
        guard build.status == 0 else { throw Harness.Failure("swiftc: \(build.stderr)") }
        return (root, root.appendingPathComponent("worker"))
    }

    @Test func aTrappingExampleIsAFailureAtItsLineAndTheNextOneRuns() throws {
        let (root, worker) = try Self.fixture.get()
        let outcomes = try Supervisor(executable: worker).examples(variant: "rfc")
        #expect(outcomes.map(\.name) == ["index-out-of-range", "after-the-crash", "the-handler-has-room"])
        let crash = try #require(outcomes.first?.crash)
        #expect(crash.signal == "SIGILL")
        #expect(crash.message == "Fatal error: Index out of range")
        #expect(crash.location == "Spec/98-traps.md:5")
        #expect(outcomes[1].output == "the run goes on\n")
        #expect(outcomes[1].crash == nil)

        let project = try Project.load(root: root)
        let results = try ExampleRun.run(variants: ["rfc"], project: project, supervisor: Supervisor(executable: worker))
        #expect(results.map(\.passed) == [false, true, true], "\(results.map(\.report))")
        #expect(results[0].report.hasPrefix("Spec/98-traps.md:5: example 'index-out-of-range' (rfc) crashed: Fatal error: Index out of range (the example starts at Spec/98-traps.md:9)"), "\(results[0].report)")
    }

    @Test func aTrappingScenarioIsAFailureWithAReplayTokenAndATrace() throws {
        let (_, worker) = try Self.fixture.get()
        let supervisor = Supervisor(executable: worker)
        let outcomes = try supervisor.scenarios(WorkerRequest(kind: .scenarios, variant: "rfc"))
        #expect(outcomes.map(\.name) == ["unwraps-nil", "passes-after-it"])
        let crash = try #require(outcomes.first?.crash)
        #expect(outcomes.first?.meetsExpectation == false)
        #expect(crash.message == "Fatal error: Unexpectedly found nil while unwrapping an Optional value")
        #expect(crash.location == "Spec/98-traps.md:40")
        #expect(crash.thread == "reader")
        let token = try #require(crash.replayToken)
        #expect(!crash.trace.isEmpty)
        #expect(crash.trace.allSatisfy { $0.file == "Spec/98-traps.md" }, "\(crash.trace)")
        #expect(outcomes.last?.meetsExpectation == true)

        // The token replays the crashing schedule: the same crash, the same trace.
        let replayed = try supervisor.scenarios(WorkerRequest(kind: .scenarios, variant: "rfc", only: ["unwraps-nil"], replay: token))
        #expect(replayed.first?.crash?.replayToken == token)
        #expect(replayed.first?.crash?.trace == crash.trace)

        // Explorers side by side (`explore --jobs 2`) report the same crash as one explorer.
        let parallel = try supervisor.scenarios(WorkerRequest(kind: .scenarios, variant: "rfc", only: ["unwraps-nil"], jobs: 2))
        #expect(parallel.first?.crash?.replayToken == token)
        #expect(parallel.first?.crash?.location == "Spec/98-traps.md:40")
        #expect(parallel.first?.crash?.trace == crash.trace)
    }

    /// The kernel writes the CPU's register state on the alternate signal stack before the
    /// handler runs; a large register state (AVX-512, AMX) leaves little of the runtime's 29 KB
    /// stack, the likely cause of a worker that died of SIGSEGV without a report on CI. The
    /// handler brings its own.
    @Test func theCrashHandlerBringsARoomyAlternateStack() {
        let measured = Mutex<(before: Int, after: Int, again: Int)>((0, 0, 0))
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let before = CrashHandler.alternateStackSize()
            CrashHandler.ensureAlternateStack(bytes: CrashHandler.alternateStackBytes)
            let after = CrashHandler.alternateStackSize()
            CrashHandler.ensureAlternateStack(bytes: CrashHandler.alternateStackBytes)
            measured.withLock { $0 = (before, after, CrashHandler.alternateStackSize()) }
            done.signal()
        }
        done.wait()
        let sizes = measured.withLock { $0 }
        #expect(sizes.before < CrashHandler.alternateStackBytes)
        #expect(sizes.after == CrashHandler.alternateStackBytes)
        #expect(sizes.again == sizes.after)
    }
}
