import Foundation
import Sched

/// What the parent asks a worker process to run (passed as one JSON argument).
struct WorkerRequest: Codable, Sendable {
    enum Kind: String, Codable, Sendable { case examples, scenarios }

    var kind: Kind
    var variant: String
    /// Start at this item of the list (the one after an item that crashed the previous worker).
    var from = 0
    /// Only the scenarios of these names, in this order.
    var only: [String]?
    /// Overrides of the scenarios' own settings (`explore --bound/--pct/--random/--max-steps`).
    var strategy: StrategyRequest?
    var maxSteps: Int?
    /// The memory model to explore under instead of each scenario's own (`--memory`).
    var memory: String?
    /// Replay this token instead of exploring.
    var replay: String?
    /// Send progress while a scenario explores.
    var progress = false
    /// Explorers per scenario, side by side (`explore --jobs`); one when nil.
    var jobs: Int?
    /// Explore only this part of the tree (`explore --shard`; zero-based index).
    var shardIndex: Int?
    var shardCount: Int?
    /// After a failure, shrink its schedule (`explore --minimize`).
    var minimize = false
}

enum StrategyRequest: Codable, Sendable, Equatable {
    case dfs(bound: Int)
    case pct(iterations: Int, depth: Int, seed: UInt64)
    case random(iterations: Int, seed: UInt64)

    var strategy: Strategy {
        switch self {
        case .dfs(let bound): .dfs(preemptionBound: bound)
        case .pct(let iterations, let depth, let seed): .pct(iterations: iterations, depth: depth, seed: seed)
        case .random(let iterations, let seed): .random(iterations: iterations, seed: seed)
        }
    }
}

/// One line of a worker's standard output: exactly one field is set.
struct WorkerMessage: Codable, Sendable {
    /// First: the items the worker will run, so the parent can name one that crashes it.
    var examples: [ExampleOutcome]?
    var scenarios: [ScenarioIdentity]?
    /// The index of the item about to run.
    var started: Int?
    var example: ExampleOutcome?
    var scenario: ScenarioOutcome?
    var progress: ExplorerProgressOutcome?
    /// Written by the crash handler as the worker dies.
    var crash: CrashReport?
}

struct ExplorerProgressOutcome: Codable, Sendable {
    var item: Int
    var schedules: Int
    var seconds: Double
}

/// What the crash handler knows as the process dies: which item, which signal, and for a
/// scenario the schedule so far.
struct CrashReport: Codable, Sendable {
    var item: Int
    var signal: String
    var thread: String?
    var replayToken: String?
    var trace: [TraceStepOutcome]
}

/// The examples and scenarios of one variant module, as a worker runs them.
struct WorkerCatalog: Sendable {
    struct Example: Sendable {
        var identity: ExampleOutcome
        var run: @Sendable () -> String
    }

    var examples: [Example]
    var scenarios: [ScenarioDefinition]
}

/// The worker side: runs items one after another, one JSON line per event on standard output.
/// A trap in an item kills only this process; the parent reports it and starts a new worker at
/// the next item.
enum WorkerRunner {
    static func run(_ request: WorkerRequest, catalog: WorkerCatalog) {
        CrashHandler.install()
        switch request.kind {
        case .examples:
            send(WorkerMessage(examples: catalog.examples.map(\.identity)))
            for (index, example) in catalog.examples.enumerated() where index >= request.from {
                begin(index)
                var outcome = example.identity
                outcome.output = example.run()
                send(WorkerMessage(example: outcome))
            }
        case .scenarios:
            let scenarios = request.only.map { names in
                names.compactMap { name in catalog.scenarios.first { $0.name == name } }
            } ?? catalog.scenarios
            send(WorkerMessage(scenarios: scenarios.map(identity)))
            for (index, scenario) in scenarios.enumerated() where index >= request.from {
                begin(index)
                let report = request.replay.map { Explorer.replay(scenario, token: $0) }
                    ?? Explorer.explore(scenario, config: config(for: scenario, request, item: index))
                var outcome = ScenarioOutcome(report, scenario: scenario)
                if request.minimize, let failure = report.verdict.failure, failure.kind != .replayMismatch,
                   let shrunk = Explorer.minimize(scenario, failure: failure) {
                    outcome.minimized = MinimizedOutcome(shrunk)
                }
                send(WorkerMessage(scenario: outcome))
            }
        }
    }

    static func identity(_ scenario: ScenarioDefinition) -> ScenarioIdentity {
        ScenarioIdentity(name: scenario.name, file: scenario.file, line: scenario.line, expect: scenario.expect.rawValue)
    }

    /// The scenario's declared settings, with the request's overrides.
    static func config(for scenario: ScenarioDefinition, _ request: WorkerRequest, item: Int) -> ExplorerConfig {
        var config = ExplorerConfig.declared(by: scenario)
        if let strategy = request.strategy { config.strategy = strategy.strategy }
        if let maxSteps = request.maxSteps { config.maxSteps = maxSteps }
        if let memory = request.memory.flatMap(MemoryModel.init(rawValue:)) { config.memory = memory }
        config.jobs = request.jobs ?? 1
        if let index = request.shardIndex, let count = request.shardCount { config.shard = Shard(index: index, count: count) }
        if request.progress {
            config.progress = { progress in
                send(WorkerMessage(progress: ExplorerProgressOutcome(item: item, schedules: progress.schedulesExplored,
                                                                     seconds: progress.elapsed.inSeconds)))
            }
        }
        return config
    }

    private static func begin(_ index: Int) {
        CrashHandler.setCurrentItem(index)
        send(WorkerMessage(started: index))
    }

    /// Writes one message as a line straight to file descriptor 1 (no buffer a crash could lose).
    static func send(_ message: WorkerMessage) {
        guard let data = try? JSONEncoder().encode(message) else { return }
        writeAll(data + Data("\n".utf8), to: 1)
    }

    static func writeAll(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
