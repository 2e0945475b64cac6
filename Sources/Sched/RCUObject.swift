import Synchronization

/// Base class for objects freed through `call_rcu` (the model's VMA subclasses it).
///
/// Freeing poisons the object instead of releasing its memory, so a later `access` is caught:
/// under the explorer as a `useAfterFree` failure, in a normal run as a fatal error naming the
/// access and the `call_rcu` that freed it.
open class RCUObject: @unchecked Sendable {
    /// What the object is, for messages (e.g. `"vma"`).
    public let kind: String
    private let freed = Atomic<Bool>(false)
    /// Set by `call_rcu`; a second `call_rcu` is a double free.
    let queued = Atomic<Bool>(false)
    private(set) var freedBy: SourceSite?
    private(set) var graceEndedAt: SourceSite?

    /// A live object; `kind` names it in messages.
    public init(kind: String) {
        self.kind = kind
    }

    /// Whether the object's grace period has elapsed and it has been freed.
    public var is_freed: Bool { freed.load(ordering: .acquiring) }

    /// Declares an access to the object's fields; call it before touching them.
    ///
    /// A scheduling point under the explorer. On a freed object: a use-after-free failure.
    public func access(_ what: String = "", file: StaticString = #filePath, line: UInt = #line) {
        if let model = currentModel() {
            model.point(file: file, line: line)
            let label = what.isEmpty ? kind : "\(kind).\(what)"
            if freed.load(ordering: .relaxed) {
                model.fail(.useAfterFree, useAfterFreeMessage("access(\(label))"), file: file, line: line)
            }
            return model.trace("access(\(label))", file: file, line: line)
        }
        if freed.load(ordering: .acquiring) {
            let label = what.isEmpty ? kind : "\(kind).\(what)"
            fatalError("\(file):\(line): BUG: \(useAfterFreeMessage("access(\(label))"))")
        }
    }

    /// `what` (e.g. `access(vma.lock)`) reached this object after it was freed.
    func useAfterFreeMessage(_ what: String) -> String {
        var message = "use-after-free: \(what) touches a \(kind) freed at \(freedBy?.description ?? "?")"
        if let graceEndedAt { message += " (grace period ended at \(graceEndedAt))" }
        return message
    }

    /// Frees (poisons) the object: `freedBy` is the `call_rcu` site, `graceEnd` where the grace period ended.
    func poison(freedBy site: SourceSite, graceEnd: SourceSite?) {
        freedBy = site
        graceEndedAt = graceEnd
        freed.store(true, ordering: .releasing)
    }
}

/// A source location captured from `#filePath` / `#line`.
struct SourceSite: CustomStringConvertible, Sendable {
    let file: String
    let line: Int

    init(_ file: StaticString, _ line: UInt) {
        self.file = file.description
        self.line = Int(line)
    }

    var description: String { "\(file):\(line)" }
}
