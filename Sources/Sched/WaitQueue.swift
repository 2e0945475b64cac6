import Synchronization

/// A wait queue (Linux `wait_queue_head_t`) with `wait_event` / `wake_up_all`.
///
/// Normal runs sleep on a condition variable; under the explorer a waiter is not runnable
/// until a `wake_up_all` after it went to sleep, then re-checks its condition.
public final class WaitQueue: @unchecked Sendable {
    private let parker = Parker()
    /// Bumped by every `wake_up_all` under the explorer.
    var modelWakeups = 0
    /// What wake-ups have published (`hb` and `weak` memory models): a woken task's code after its
    /// sleep happens after the waker's code before the wake-up.
    var modelClock = SyncClock()
    /// Name shown in traces.
    public let name: String

    /// An empty wait queue; `name` labels it in traces.
    public init(name: String = "waitqueue") {
        self.name = name
    }

    /// Sleeps until `condition()` is true; it is re-checked after each wake-up.
    public func wait_event(file: StaticString = #filePath, line: UInt = #line, _ condition: () -> Bool) {
        if let model = currentModel() { return modelWait(model, file: file, line: line, condition) }
        if condition() { return }
        parker.lock()
        while !condition() { parker.wait() }
        parker.unlock()
    }

    /// Wakes every sleeper so it re-checks its condition.
    public func wake_up_all(file: StaticString = #filePath, line: UInt = #line) {
        if let model = currentModel() {
            return model.op(file: file, line: line, { _ in "wake_up_all(\(name))" }) {
                if model.tracksMemory { modelClock.join(model.execution.release(model), in: model.execution.id) }
                modelWakeups += 1
            }
        }
        parker.withLock { parker.broadcast() }
    }

    private func modelWait(_ thread: ModelThread, file: StaticString, line: UInt, _ condition: () -> Bool) {
        thread.point(file: file, line: line)
        while !condition() {
            let seen = modelWakeups
            thread.block("wait_event(\(name)) sleeps", file: file, line: line) { [unowned self] in modelWakeups != seen }
            if thread.tracksMemory { thread.execution.acquire(thread, modelClock.current(in: thread.execution.id)) }
        }
        thread.trace("wait_event(\(name)) -> condition true", file: file, line: line)
    }
}

/// An explicit scheduling point (e.g. inside a retry loop); a no-op in normal runs.
///
/// Under the explorer the caller yields: other runnable threads go first, so a spin loop
/// with a yield point makes progress or, if nothing else can run, hits the step bound.
public func sched_yield_point(_ what: String, file: StaticString = #filePath, line: UInt = #line) {
    guard let model = currentModel() else { return }
    model.point(file: file, line: line, yield: true)
    model.trace("yield(\(what))", file: file, line: line)
}
