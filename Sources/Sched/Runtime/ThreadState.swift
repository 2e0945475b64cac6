import Glibc
import Synchronization

/// Number of explorations running in this process; primitives check it (relaxed) before the thread-local.
let explorersActive = Atomic<Int>(0)

/// Per-OS-thread state: RCU nesting for normal runs, the thread's name, and its model thread under the explorer.
final class ThreadState {
    /// RCU read-side nesting depth (normal runs).
    var rcuNesting = 0
    /// The grace-period phase this thread's outermost read section registered in (normal runs).
    var rcuPhase = 0
    /// Name reported by `current_thread_name`.
    var name: String?
    /// Set while this OS thread runs a model thread (or the setup/finally phase) of an exploration.
    var model: ModelThread?
    /// Above zero inside `withAssertionsSuppressed` (mutation testing only).
    var assertionsSuppressed = 0

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { raw in
            if let raw { Unmanaged<ThreadState>.fromOpaque(raw).release() }
        }
        precondition(rc == 0, "pthread_key_create failed")
        return key
    }()

    /// This thread's state, created on first use.
    @inline(__always) static var current: ThreadState {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<ThreadState>.fromOpaque(raw).takeUnretainedValue()
        }
        return makeCurrent()
    }

    /// This thread's state if it was ever created.
    @inline(__always) static var currentIfExists: ThreadState? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<ThreadState>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Runs `body` on this thread's state without reference counting (the hot RCU path).
    @inline(__always) static func withCurrent<R>(_ body: (ThreadState) -> R) -> R {
        let raw = pthread_getspecific(key) ?? Unmanaged.passUnretained(makeCurrent()).toOpaque()
        return Unmanaged<ThreadState>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
    }

    private static func makeCurrent() -> ThreadState {
        let state = ThreadState()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}

/// The model thread running on this OS thread, if an exploration is running here.
@inline(__always) func currentModel() -> ModelThread? {
    if explorersActive.load(ordering: .relaxed) == 0 { return nil }
    return ThreadState.currentIfExists?.model
}

/// The calling thread's name: the model thread's name under the explorer, else "main" unless set.
public var current_thread_name: String {
    get {
        if let model = currentModel() { return model.name }
        return ThreadState.currentIfExists?.name ?? "main"
    }
    set { ThreadState.current.name = newValue }
}
