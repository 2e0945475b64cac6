import Synchronization

/// Memory ordering of an atomic operation, as in C11 / Linux `smp_*` barriers.
///
/// Normal runs pass it to the hardware. The explorer models sequential consistency only: orderings
/// appear in traces but weak-memory reorderings are not explored.
public enum MemoryOrder: Sendable {
    case relaxed, acquire, release, acqRel, seqCst

    /// The suffix traces show after the atomic's name (nothing for `.seqCst`).
    var traceSuffix: String {
        switch self {
        case .relaxed: ", relaxed"
        case .acquire: ", acquire"
        case .release: ", release"
        case .acqRel: ", acq_rel"
        case .seqCst: ""
        }
    }
}

/// An integer atomic (Linux `atomic_long_t`), backed by `Synchronization.Atomic<Int>`.
///
/// Every operation is a scheduling point under the explorer.
public final class AtomicInt: @unchecked Sendable {
    private let value: Atomic<Int>
    /// Sleepers of `wait_var_event` on this variable, made on first use.
    private let waiters = Mutex<WaitQueue?>(nil)
    /// Name shown in traces, e.g. `"mm->mm_lock_seq"`.
    public let name: String

    /// An atomic holding `value`; `name` labels it in traces.
    public init(_ value: Int, name: String = "atomic") {
        self.value = Atomic(value)
        self.name = name
    }

    /// Reads the value.
    public func load(_ order: MemoryOrder = .seqCst, file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let model = currentModel() else { return plainLoad(order) }
        return model.op(file: file, line: line, { "load(\(name)\(order.traceSuffix)) -> \($0)" }) {
            value.load(ordering: .sequentiallyConsistent)
        }
    }

    /// Writes the value.
    public func store(_ newValue: Int, _ order: MemoryOrder = .seqCst, file: StaticString = #filePath, line: UInt = #line) {
        guard let model = currentModel() else { return plainStore(newValue, order) }
        model.op(file: file, line: line, { _ in "store(\(name), \(newValue)\(order.traceSuffix))" }) {
            value.store(newValue, ordering: .sequentiallyConsistent)
        }
    }

    /// Adds `delta` (wrapping) and returns the new value.
    @discardableResult
    public func add(_ delta: Int, _ order: MemoryOrder = .seqCst, file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let model = currentModel() else { return plainAdd(delta, order) }
        return model.op(file: file, line: line, { "add(\(name), \(delta)\(order.traceSuffix)) -> \($0)" }) {
            value.wrappingAdd(delta, ordering: .sequentiallyConsistent).newValue
        }
    }

    /// Stores `desired` if the value is `expected`; returns whether it did and the value found.
    public func compareExchange(
        expected: Int, desired: Int, _ order: MemoryOrder = .seqCst,
        file: StaticString = #filePath, line: UInt = #line
    ) -> (exchanged: Bool, original: Int) {
        guard let model = currentModel() else {
            return plainCompareExchange(expected, desired, order)
        }
        return model.op(
            file: file, line: line,
            { "cmpxchg(\(name), \(expected), \(desired)\(order.traceSuffix)) -> \($0.exchanged ? "ok" : "failed, was \($0.original)")" }
        ) {
            value.compareExchange(expected: expected, desired: desired, ordering: .sequentiallyConsistent)
        }
    }

    // Orderings must be compile-time constants, hence one switch per operation.

    @inline(__always) private func plainLoad(_ order: MemoryOrder) -> Int {
        switch order {
        case .relaxed: value.load(ordering: .relaxed)
        case .acquire, .acqRel: value.load(ordering: .acquiring)
        case .release, .seqCst: value.load(ordering: .sequentiallyConsistent)
        }
    }

    @inline(__always) private func plainStore(_ newValue: Int, _ order: MemoryOrder) {
        switch order {
        case .relaxed: value.store(newValue, ordering: .relaxed)
        case .release, .acqRel: value.store(newValue, ordering: .releasing)
        case .acquire, .seqCst: value.store(newValue, ordering: .sequentiallyConsistent)
        }
    }

    @inline(__always) private func plainAdd(_ delta: Int, _ order: MemoryOrder) -> Int {
        switch order {
        case .relaxed: value.wrappingAdd(delta, ordering: .relaxed).newValue
        case .acquire: value.wrappingAdd(delta, ordering: .acquiring).newValue
        case .release: value.wrappingAdd(delta, ordering: .releasing).newValue
        case .acqRel: value.wrappingAdd(delta, ordering: .acquiringAndReleasing).newValue
        case .seqCst: value.wrappingAdd(delta, ordering: .sequentiallyConsistent).newValue
        }
    }

    @inline(__always)
    private func plainCompareExchange(_ expected: Int, _ desired: Int, _ order: MemoryOrder) -> (exchanged: Bool, original: Int) {
        switch order {
        case .relaxed: value.compareExchange(expected: expected, desired: desired, ordering: .relaxed)
        case .acquire: value.compareExchange(expected: expected, desired: desired, ordering: .acquiring)
        case .release: value.compareExchange(expected: expected, desired: desired, ordering: .releasing)
        case .acqRel: value.compareExchange(expected: expected, desired: desired, ordering: .acquiringAndReleasing)
        case .seqCst: value.compareExchange(expected: expected, desired: desired, ordering: .sequentiallyConsistent)
        }
    }

    /// Reads the value without a scheduling point or trace line (for assertions and `finally` checks).
    public var peek: Int { value.load(ordering: .sequentiallyConsistent) }
}

extension AtomicInt {
    /// The wait queue of this variable, as the kernel's `__var_waitqueue(&var)` finds one.
    var waitQueue: WaitQueue {
        waiters.withLock { queue in
            if let queue { return queue }
            let made = WaitQueue(name: name)
            queue = made
            return made
        }
    }
}

/// Sleeps until `condition()` holds, waiting on `variable` (Linux `wait_var_event`); it is
/// re-checked after each `wake_up_var(variable)`.
public func wait_var_event(_ variable: AtomicInt, file: StaticString = #filePath, line: UInt = #line, _ condition: () -> Bool) {
    variable.waitQueue.wait_event(file: file, line: line, condition)
}

/// Wakes everything sleeping in `wait_var_event(variable)` (Linux `wake_up_var`).
public func wake_up_var(_ variable: AtomicInt, file: StaticString = #filePath, line: UInt = #line) {
    variable.waitQueue.wake_up_all(file: file, line: line)
}
