import Foundation

/// Runs a variant's examples or scenarios in worker processes, so that a trap in one (an index
/// out of range, a forced unwrap of nil) becomes a reported failure at its Markdown line, with a
/// replay token for a scenario, and the run goes on with the next item in a new worker.
struct Supervisor: Sendable {
    /// The program to start as a worker: this binary (`vmaspec worker …`), or a test's own.
    var executable: URL

    /// This very binary.
    static let current = Supervisor(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())

    struct WorkerFailed: Error, CustomStringConvertible {
        var description: String
    }

    func examples(variant: String) throws -> [ExampleOutcome] {
        try collect(WorkerRequest(kind: .examples, variant: variant), progress: nil).examples
    }

    /// The scenarios of `request.variant`; a crashed one is replayed once more to get its trace.
    func scenarios(_ request: WorkerRequest, progress: (@Sendable (ScenarioIdentity, ExplorerProgressOutcome) -> Void)? = nil) throws -> [ScenarioOutcome] {
        var request = request
        request.kind = .scenarios
        request.progress = progress != nil
        return try collect(request, progress: progress).scenarios.map { outcome in
            var outcome = outcome
            if outcome.crash != nil, (request.jobs ?? 1) > 1 {
                // Explorers side by side race to the first crash: one explorer's is the one to report.
                var alone = request
                alone.jobs = 1
                alone.only = [outcome.name]
                alone.progress = false
                outcome = try collect(alone, progress: nil).scenarios.first ?? outcome
            }
            guard request.replay == nil, var crash = outcome.crash, let token = crash.replayToken else { return outcome }
            let replay = WorkerRequest(kind: .scenarios, variant: request.variant, only: [outcome.name], replay: token)
            if let again = try collect(replay, progress: nil).scenarios.first?.crash, again.replayToken == token {
                crash.trace = again.trace
            }
            var traced = outcome
            traced.crash = crash
            return traced
        }
    }

    private struct Collected {
        var exampleList: [ExampleOutcome] = []
        var scenarioList: [ScenarioIdentity] = []
        var examples: [ExampleOutcome] = []
        var scenarios: [ScenarioOutcome] = []
        var running: Int?
        var crash: CrashReport?
    }

    /// Starts workers until every item ran: after a crash, the next worker starts at the item
    /// after the one that crashed.
    private func collect(_ request: WorkerRequest, progress: (@Sendable (ScenarioIdentity, ExplorerProgressOutcome) -> Void)?) throws -> Collected {
        var request = request
        var collected = Collected()
        while true {
            collected.running = nil
            collected.crash = nil
            let ending = try WorkerProcess.run(executable, request) { message in
                if let list = message.examples { collected.exampleList = list }
                if let list = message.scenarios { collected.scenarioList = list }
                if let index = message.started { collected.running = index }
                if let outcome = message.example { collected.examples.append(outcome); collected.running = nil }
                if let outcome = message.scenario { collected.scenarios.append(outcome); collected.running = nil }
                if let report = message.crash { collected.crash = report }
                if let update = message.progress, let progress, update.item < collected.scenarioList.count {
                    progress(collected.scenarioList[update.item], update)
                }
            }
            if ending.succeeded { return collected }
            guard let index = collected.running else {
                throw WorkerFailed(description: "the \(request.kind.rawValue) of \(request.variant) could not run (\(ending.description)): \(ending.standardError.suffix(2000))")
            }
            let crash = CrashText.crash(ending, report: collected.crash)
            switch request.kind {
            case .examples:
                var outcome = collected.exampleList[index]
                outcome.crash = crash
                collected.examples.append(outcome)
            case .scenarios:
                collected.scenarios.append(ScenarioOutcome(crashed: collected.scenarioList[index], crash: crash,
                                                           strategy: request.replay == nil ? "explore" : "replay"))
            }
            request.from = index + 1
            let count = request.kind == .examples ? collected.exampleList.count : collected.scenarioList.count
            if request.from >= count { return collected }
        }
    }
}
