/// Whether a scenario is meant to pass or to fail (a scenario that demonstrates a bug).
public enum Expectation: String, Sendable {
    case pass, fail
}

/// A scenario: a stateless body that builds fresh state and declares threads, run once per schedule.
public struct ScenarioDefinition: Sendable {
    public let name: String
    public let expect: Expectation
    /// The kind of failure a failing run must end in, when the scenario pins it (nil: any).
    public let expectedFailure: Failure.Kind?
    /// The preemption bound the scenario asks for (nil: the explorer's default).
    public let bound: Int?
    /// The step limit of one schedule the scenario asks for (nil: the explorer's default).
    public let maxSteps: Int?
    /// Sampling instead of bounded search (PCT or random, with their seed), when the scenario asks.
    public let sampling: Strategy?
    /// The memory model the scenario asks for (nil: sequential consistency unless the run says otherwise).
    public let memory: MemoryModel?
    /// Where the scenario is defined (e.g. its Markdown file and line).
    public let file: String
    public let line: Int
    let body: @Sendable (Scenario) throws -> Void

    public init(
        name: String, expect: Expectation, expectedFailure: Failure.Kind? = nil, bound: Int?, maxSteps: Int? = nil,
        sampling: Strategy? = nil, memory: MemoryModel? = nil, file: String, line: Int,
        body: @escaping @Sendable (Scenario) throws -> Void
    ) {
        self.memory = memory
        self.name = name
        self.expect = expect
        self.expectedFailure = expectedFailure
        self.bound = bound
        self.maxSteps = maxSteps
        self.sampling = sampling
        self.file = file
        self.line = line
        self.body = body
    }
}

/// Handed to a scenario body: declares the model threads, a final check, and invariants.
public final class Scenario {
    var threads: [(name: String, body: () throws -> Void)] = []
    var finallyBody: (() throws -> Void)?

    init() {}

    /// Drops the declared bodies (they often capture this scenario).
    func clear() {
        threads = []
        finallyBody = nil
    }

    /// Declares a model thread; threads start when the body returns.
    public func thread(_ name: String, _ body: @escaping () throws -> Void) {
        threads.append((name, body))
    }

    /// Runs after every thread has finished, e.g. to check the final state.
    public func finally(_ body: @escaping () throws -> Void) {
        finallyBody = body
    }

    /// An invariant: an `invariant` failure when `condition` is false (a fatal error outside the explorer).
    public func check(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard !condition() else { return }
        if let model = currentModel() { model.fail(.invariant, message(), file: file, line: line) }
        fatalError("\(file):\(line): invariant violated: \(message())")
    }
}
