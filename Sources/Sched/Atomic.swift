import Synchronization

/// Memory ordering of an access, as in C11 / the Linux kernel memory model.
///
/// `plain` is a C access with no marking at all (`vma->vm_flags`); `relaxed` is `READ_ONCE` /
/// `WRITE_ONCE`; `acquire` and `release` are `smp_load_acquire` / `smp_store_release`. Normal
/// runs pass the ordering to the hardware (a plain access as relaxed, so Swift stays free of data
/// races). The explorer honours it under the `hb` and `weak` memory models (`MemoryModel`); under
/// `sc` it only labels traces.
public enum MemoryOrder: Sendable {
    case plain, relaxed, acquire, release, acqRel, seqCst

    var isAcquire: Bool { self == .acquire || self == .acqRel || self == .seqCst }
    var isRelease: Bool { self == .release || self == .acqRel || self == .seqCst }
    /// Loads that always read the newest store: sequentially consistent ones, and plain ones (a
    /// plain load that could read an older store races with the newer one, and is reported).
    var readsNewest: Bool { self == .seqCst || self == .plain }

    /// The suffix traces show after the atomic's name (nothing for `.seqCst`).
    var traceSuffix: String {
        switch self {
        case .plain: ""
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
    let value: Atomic<Int>
    /// Its state in the schedule being explored (`hb` and `weak` memory models).
    let tracked = TrackedLocation()
    /// The ordering of an access that names none: `.plain` for a field the kernel reads and writes
    /// as plain C, `.seqCst` (the default) otherwise.
    public let access: MemoryOrder
    /// Sleepers of `wait_var_event` on this variable, made on first use.
    private let waiters = Mutex<WaitQueue?>(nil)
    /// Name shown in traces, e.g. `"mm->mm_lock_seq"`.
    public let name: String

    /// An atomic holding `value`; `name` labels it in traces; `access` is the ordering of an
    /// access that names none (`.plain` for a field the kernel accesses as plain C).
    public init(_ value: Int, name: String = "atomic", access: MemoryOrder = .seqCst) {
        self.value = Atomic(value)
        self.name = name
        self.access = access
    }

    /// Reads the value.
    public func load(_ order: MemoryOrder? = nil, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let order = order ?? access
        guard let model = currentModel() else { return plainLoad(order) }
        return model.op(file: file, line: line, { "load(\(name)\(order.traceSuffix)) -> \($0)" }) {
            guard model.tracksMemory else { return value.load(ordering: .sequentiallyConsistent) }
            return trackedLoad(model, order, file: file, line: line)
        }
    }

    /// Reads the newest value, as `load` does under sequential consistency, without race
    /// detection: for model code that stands for a structure the kernel keeps apart (the tree
    /// walk reads a VMA's bound where the kernel's walk reads the maple tree's copy of it).
    public func loadUnchecked(file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let model = currentModel() else { return value.load(ordering: .relaxed) }
        return model.op(file: file, line: line, { "load(\(name)) -> \($0)" }) { value.load(ordering: .sequentiallyConsistent) }
    }

    /// Writes the value.
    public func store(_ newValue: Int, _ order: MemoryOrder? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let order = order ?? access
        guard let model = currentModel() else { return plainStore(newValue, order) }
        model.op(file: file, line: line, { _ in "store(\(name), \(newValue)\(order.traceSuffix))" }) {
            guard model.tracksMemory else { return value.store(newValue, ordering: .sequentiallyConsistent) }
            trackedStore(model, newValue, order, file: file, line: line)
        }
    }

    /// Adds `delta` (wrapping) and returns the new value.
    @discardableResult
    public func add(_ delta: Int, _ order: MemoryOrder? = nil, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let order = order ?? access
        guard let model = currentModel() else { return plainAdd(delta, order) }
        return model.op(file: file, line: line, { "add(\(name), \(delta)\(order.traceSuffix)) -> \($0)" }) {
            guard model.tracksMemory else { return value.wrappingAdd(delta, ordering: .sequentiallyConsistent).newValue }
            return trackedUpdate(model, order, file: file, line: line) { old in
                let new = old &+ delta
                return (new, new)
            }
        }
    }

    /// Stores `desired` if the value is `expected`; returns whether it did and the value found.
    public func compareExchange(
        expected: Int, desired: Int, _ order: MemoryOrder? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) -> (exchanged: Bool, original: Int) {
        let order = order ?? access
        guard let model = currentModel() else {
            return plainCompareExchange(expected, desired, order)
        }
        return model.op(
            file: file, line: line,
            { "cmpxchg(\(name), \(expected), \(desired)\(order.traceSuffix)) -> \($0.exchanged ? "ok" : "failed, was \($0.original)")" }
        ) {
            guard model.tracksMemory else {
                return value.compareExchange(expected: expected, desired: desired, ordering: .sequentiallyConsistent)
            }
            return trackedUpdate(model, order, file: file, line: line) { old in
                old == expected ? (desired, (true, old)) : (nil, (false, old))
            }
        }
    }

    // Orderings must be compile-time constants, hence one switch per operation.

    @inline(__always) private func plainLoad(_ order: MemoryOrder) -> Int {
        switch order {
        case .plain, .relaxed: value.load(ordering: .relaxed)
        case .acquire, .acqRel: value.load(ordering: .acquiring)
        case .release, .seqCst: value.load(ordering: .sequentiallyConsistent)
        }
    }

    @inline(__always) private func plainStore(_ newValue: Int, _ order: MemoryOrder) {
        switch order {
        case .plain, .relaxed: value.store(newValue, ordering: .relaxed)
        case .release, .acqRel: value.store(newValue, ordering: .releasing)
        case .acquire, .seqCst: value.store(newValue, ordering: .sequentiallyConsistent)
        }
    }

    @inline(__always) private func plainAdd(_ delta: Int, _ order: MemoryOrder) -> Int {
        switch order {
        case .plain, .relaxed: value.wrappingAdd(delta, ordering: .relaxed).newValue
        case .acquire: value.wrappingAdd(delta, ordering: .acquiring).newValue
        case .release: value.wrappingAdd(delta, ordering: .releasing).newValue
        case .acqRel: value.wrappingAdd(delta, ordering: .acquiringAndReleasing).newValue
        case .seqCst: value.wrappingAdd(delta, ordering: .sequentiallyConsistent).newValue
        }
    }

    @inline(__always)
    private func plainCompareExchange(_ expected: Int, _ desired: Int, _ order: MemoryOrder) -> (exchanged: Bool, original: Int) {
        switch order {
        case .plain, .relaxed: value.compareExchange(expected: expected, desired: desired, ordering: .relaxed)
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
