import Synchronization

/// Runs single schedules of a scenario on a reusable worker pool: setup, the threads, finally.
final class Runner {
    private let pool: WorkerPool
    private let stats: ExplorerStats

    private var pin: CPUPin

    /// `part`: which of several runners side by side this is (each gets its own CPU); nil for one alone.
    init(stats: ExplorerStats, part: Int? = nil) {
        self.stats = stats
        pin = CPUPin(part: part)
        pool = WorkerPool(stats: stats)
        explorersActive.add(1, ordering: .sequentiallyConsistent)
    }

    /// Stops the workers and unpins the calling thread; the runner is unusable afterwards.
    func close() {
        pool.shutdown()
        pin.release()
        explorersActive.subtract(1, ordering: .sequentiallyConsistent)
    }

    /// Runs one schedule chosen by `scheduler` and returns the finished execution.
    func run(
        _ scenario: ScenarioDefinition, scheduler: Scheduler, maxSteps: Int, recording: Bool, memory: MemoryModel = .sc
    ) -> Execution {
        let execution = Execution(scheduler: scheduler, maxSteps: maxSteps, recording: recording, memory: memory, stats: stats)
        let definition = Scenario()
        // Bodies usually capture the scenario (`s.check` in `s.finally`): break that cycle.
        defer { definition.clear() }
        runPhase(execution, name: "setup") { try scenario.body(definition) }
        guard execution.problem == nil else { return execution }

        let workers = pool.ensure(definition.threads.count)
        execution.threads = definition.threads.enumerated().map { index, declared in
            ModelThread(execution: execution, index: index, name: declared.name, worker: workers[index])
        }
        for (thread, declared) in zip(execution.threads, definition.threads) {
            let body = declared.body
            thread.worker.job = { [unowned execution] in execution.runThread(thread, body) }
        }
        if memory.tracksHappensBefore { execution.startClocks() }
        execution.phase = .running
        if let first = execution.decide(current: nil, yielding: false) {
            execution.start(first)
            execution.done.wait()
        } else if !execution.threads.isEmpty {
            execution.problem = .init(kind: .replayMismatch, message: Execution.mismatchMessage, thread: "explorer", site: nil)
        }
        if execution.problem != nil {
            execution.tearDown()
            pool.reap()
            return execution
        }
        if let race = execution.dataRaceProblem() {
            execution.problem = race
            return execution
        }
        if let finallyBody = definition.finallyBody {
            execution.phase = .finally
            runPhase(execution, name: "finally", finallyBody)
        }
        return execution
    }

    private func runPhase(_ execution: Execution, name: String, _ body: @escaping () throws -> Void) {
        let worker = pool.ensure(1)[0]
        let thread = ModelThread(execution: execution, index: -1, name: name, worker: worker)
        worker.job = { [unowned execution] in execution.runPhase(thread, body) }
        worker.wake.post()
        execution.done.wait()
        if execution.problem != nil { pool.reap() }
    }
}

/// Resource counters of one exploration: nothing may accumulate across schedules.
final class ExplorerStats: @unchecked Sendable {
    /// OS threads created for the exploration (initial workers plus replacements after failures).
    let workersSpawned = Atomic<Int>(0)
    /// Workers whose threads are running now.
    let workersAlive = Atomic<Int>(0)
    /// `Execution` objects not yet deallocated.
    let executionsAlive = Atomic<Int>(0)
    /// With `logsSchedules`: the choices of every schedule counted, in the order counted (for tests of `Shard`).
    let logsSchedules: Bool
    let schedules = Mutex<[[Int]]>([])

    init(logsSchedules: Bool = false) {
        self.logsSchedules = logsSchedules
    }

    func counted(_ choices: [Int]) {
        if logsSchedules { schedules.withLock { $0.append(choices) } }
    }
}
