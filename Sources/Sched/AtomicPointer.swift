import Synchronization

/// A pointer field that code reads without holding the lock its writer holds (`vma->vm_policy`,
/// `mm->notifier_subscriptions`): each load and store is one step, a scheduling point with a
/// trace line under the explorer.
///
/// It adds no ordering beyond what the kernel's plain pointer access has under sequential
/// consistency; the mutex only makes the load and store atomic in Swift terms.
public final class AtomicPointer<T: AnyObject>: @unchecked Sendable {
    /// The stored reference; `@unchecked Sendable` because the model, not the slot, decides who
    /// may use the object.
    private struct Slot: @unchecked Sendable { let object: T? }
    private let slot: Mutex<Slot>
    /// Name shown in traces, e.g. `"vma->vm_policy"`.
    public let name: String

    public init(_ value: T?, name: String) {
        slot = Mutex(Slot(object: value))
        self.name = name
    }

    /// Reads the pointer.
    public func load(file: StaticString = #filePath, line: UInt = #line) -> T? {
        guard let model = currentModel() else { return peek }
        return model.op(file: file, line: line, { "load(\(name)) -> \(Self.label($0))" }) { peek }
    }

    /// Writes the pointer.
    public func store(_ value: T?, file: StaticString = #filePath, line: UInt = #line) {
        let slot = Slot(object: value)
        guard let model = currentModel() else { return self.slot.withLock { $0 = slot } }
        model.op(file: file, line: line, { _ in "store(\(name), \(Self.label(value)))" }) { self.slot.withLock { $0 = slot } }
    }

    /// Reads the pointer without a scheduling point or trace line (assertions, `finally` checks).
    public var peek: T? { slot.withLock { $0.object } }

    private static func label(_ object: T?) -> String {
        guard let object else { return "NULL" }
        return (object as? RCUObject)?.kind ?? String(describing: type(of: object))
    }
}
