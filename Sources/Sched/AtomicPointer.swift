import Synchronization

/// A pointer field that code reads without holding the lock its writer holds (`vma->vm_policy`,
/// `mm->notifier_subscriptions`): each load and store is one step, a scheduling point with a
/// trace line under the explorer.
///
/// Under sequential consistency it adds no ordering beyond the kernel's plain pointer access;
/// the mutex only makes the load and store atomic in Swift terms. Declared `access: .plain`, its
/// accesses are plain C under the `hb` and `weak` memory models and checked for data races;
/// otherwise a store is a release and a load an acquire (`smp_store_release` / `smp_load_acquire`).
public final class AtomicPointer<T: AnyObject>: @unchecked Sendable {
    /// The stored reference; `@unchecked Sendable` because the model, not the slot, decides who
    /// may use the object.
    private struct Slot: @unchecked Sendable { let object: T? }
    private let slot: Mutex<Slot>
    /// Name shown in traces, e.g. `"vma->vm_policy"`.
    public let name: String
    /// `.plain` for a field the kernel accesses as plain C; `.seqCst` otherwise.
    public let access: MemoryOrder
    private let tracked = TrackedLocation()
    private let clock = Mutex(SyncClock())

    public init(_ value: T?, name: String, access: MemoryOrder = .seqCst) {
        slot = Mutex(Slot(object: value))
        self.name = name
        self.access = access
    }

    /// Reads the pointer.
    public func load(file: StaticString = #filePath, line: UInt = #line) -> T? {
        guard let model = currentModel() else { return peek }
        return model.op(file: file, line: line, { "load(\(name)) -> \(Self.label($0))" }) {
            if model.tracksMemory { track(model, isWrite: false, file: file, line: line) }
            return peek
        }
    }

    /// Writes the pointer.
    public func store(_ value: T?, file: StaticString = #filePath, line: UInt = #line) {
        let slot = Slot(object: value)
        guard let model = currentModel() else { return self.slot.withLock { $0 = slot } }
        model.op(file: file, line: line, { _ in "store(\(name), \(Self.label(value)))" }) {
            if model.tracksMemory { track(model, isWrite: true, file: file, line: line) }
            self.slot.withLock { $0 = slot }
        }
    }

    /// Race detection, and release/acquire for a marked pointer.
    private func track(_ thread: ModelThread, isWrite: Bool, file: StaticString, line: UInt) {
        let execution = thread.execution
        let access = thread.recordedAccess(isWrite: isWrite, plain: self.access == .plain, file: file, line: line)
        let clockNow = execution.clocks[thread.index]
        let race = tracked.with(execution, current: 0) { $0.races.access(access, clock: clockNow) }
        if let race { execution.raced(DataRace(location: name, earlier: race, later: access), on: thread) }
        guard self.access != .plain else { return }
        if isWrite {
            let released = execution.release(thread)
            clock.withLock { $0.join(released, in: execution.id) }
        } else {
            execution.acquire(thread, clock.withLock { $0.current(in: execution.id) })
        }
    }

    /// Reads the pointer without a scheduling point or trace line (assertions, `finally` checks).
    public var peek: T? { slot.withLock { $0.object } }

    private static func label(_ object: T?) -> String {
        guard let object else { return "NULL" }
        return (object as? RCUObject)?.kind ?? String(describing: type(of: object))
    }
}
