import Synchronization

/// An RCU-protected pointer (the kernel's `__rcu` pointer with `rcu_dereference` and
/// `rcu_assign_pointer`).
///
/// Readers load the current object without taking any lock the writer holds; writers publish a
/// new, fully built object in one step. The object itself must be immutable once published (the
/// model publishes immutable snapshots of the VMA tree), so a reader can never see it half
/// written. Old objects stay alive as long as a reader holds a reference (Swift ARC), and the
/// model frees what they point to through `call_rcu`, which is what a grace period protects.
///
/// Both operations are scheduling points (with trace lines) under the explorer. The mutex only makes the pointer
/// load and store atomic in Swift terms; it is never held across anything else, so it adds no
/// ordering the kernel would not have (`rcu_assign_pointer` is a release store, `rcu_dereference`
/// a dependency-ordered load).
public final class RCUPointer<T: AnyObject>: @unchecked Sendable {
    /// The published object; `@unchecked Sendable` because publication, not the mutex, is what
    /// makes sharing it safe (it is immutable or internally synchronized).
    private struct Published: @unchecked Sendable { let object: T }
    private let slot: Mutex<Published>
    /// The clock of the latest `rcu_assign_pointer` (`hb` and `weak` memory models).
    private let clock = Mutex(SyncClock())

    public init(_ value: T) {
        slot = Mutex(Published(object: value))
    }

    /// Loads the current object; call it inside `rcu_read_lock()` on lockless paths (or with the
    /// writer's lock held).
    public func rcu_dereference(file: StaticString = #filePath, line: UInt = #line) -> T {
        guard let model = currentModel() else { return slot.withLock { $0.object } }
        return model.op(file: file, line: line, { "rcu_dereference() -> \(Self.label($0))" }) {
            if model.tracksMemory {
                let published = clock.withLock { $0.current(in: model.execution.id) }
                model.execution.acquire(model, published)
            }
            return slot.withLock { $0.object }
        }
    }

    /// Publishes `value`; readers that start after this see it, readers already running may still
    /// see the previous object.
    public func rcu_assign_pointer(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        let published = Published(object: value)
        guard let model = currentModel() else { return slot.withLock { $0 = published } }
        model.op(file: file, line: line, { _ in "rcu_assign_pointer(\(Self.label(value)))" }) {
            if model.tracksMemory {
                let released = model.execution.release(model)
                clock.withLock { $0.join(released, in: model.execution.id) }
            }
            slot.withLock { $0 = published }
        }
    }

    private static func label(_ object: T) -> String {
        (object as? RCUObject)?.kind ?? String(describing: type(of: object))
    }
}
