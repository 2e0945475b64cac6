import Synchronization

/// Whether the model's own oracles run: checks that no kernel makes, there so the explorer sees a
/// bug the model's code would otherwise not depend on (chapter 7's VMA stability check is one).
///
/// They are always on under the explorer: a schedule is never checked with less than the spec
/// says. Outside it they are on unless `withModelOraclesOff` is running, which only benchmarks
/// use, so that a model's timings measure the mechanism it shares with the kernel and not the
/// cost of watching it.
@inline(__always) public var model_oracles_enabled: Bool {
    explorersActive.load(ordering: .relaxed) > 0 || oraclesOff.load(ordering: .relaxed) == 0
}

/// Runs `body` with the model's oracles off in every thread's normal (not explored) runs.
///
/// Process-wide, since a benchmark's model threads are its own; nesting is counted.
public func withModelOraclesOff<R>(_ body: () throws -> R) rethrows -> R {
    oraclesOff.add(1, ordering: .sequentiallyConsistent)
    defer { oraclesOff.subtract(1, ordering: .sequentiallyConsistent) }
    return try body()
}

private let oraclesOff = Atomic<Int>(0)
