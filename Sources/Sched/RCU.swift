import Glibc
import Synchronization

/// Enters an RCU read-side critical section (nestable).
public func rcu_read_lock(file: StaticString = #filePath, line: UInt = #line) {
    if let model = currentModel() { return model.execution.rcuReadLock(model, file: file, line: line) }
    ThreadState.withCurrent { state in
        if state.rcuNesting == 0 { state.rcuPhase = RCUGrace.enter() }
        state.rcuNesting += 1
    }
}

/// Leaves an RCU read-side critical section.
public func rcu_read_unlock(file: StaticString = #filePath, line: UInt = #line) {
    if let model = currentModel() { return model.execution.rcuReadUnlock(model, file: file, line: line) }
    ThreadState.withCurrent { state in
        guard state.rcuNesting > 0 else { fatalError("\(file):\(line): BUG: rcu_read_unlock() without rcu_read_lock()") }
        state.rcuNesting -= 1
        if state.rcuNesting == 0 { RCUGrace.leave(phase: state.rcuPhase) }
    }
}

/// Whether the calling thread is inside an RCU read-side critical section.
public func rcu_read_lock_held() -> Bool {
    if let model = currentModel() { return model.rcuNesting > 0 }
    return ThreadState.withCurrent { $0.rcuNesting > 0 }
}

/// Waits until every read-side critical section that began before the call has ended.
public func synchronize_rcu(file: StaticString = #filePath, line: UInt = #line) {
    if let model = currentModel() { return model.execution.synchronizeRCU(model, file: file, line: line) }
    if (ThreadState.currentIfExists?.rcuNesting ?? 0) > 0 {
        fatalError("\(file):\(line): BUG: synchronize_rcu() inside an RCU read-side critical section")
    }
    RCUGrace.synchronize()
}

/// Frees `object` (poisons it) once every read-side critical section running at the call has ended.
///
/// Normal runs free on a background reclaimer thread; `rcu_barrier()` waits for it.
/// Under the explorer the object is freed at the step where its grace period ends.
public func call_rcu(_ object: RCUObject, file: StaticString = #filePath, line: UInt = #line) {
    enqueueRCU(object, callback: nil, file: file, line: line)
}

/// `call_rcu(&object->rcu, callback)`: once the grace period has ended, runs `callback` on the
/// object and then frees it.
///
/// The callback runs as the kernel's do, in softirq context: under the explorer on the thread
/// whose `rcu_read_unlock` ends the grace period (or at the call, when no reader is inside a
/// read section), with no scheduling point inside it; in normal runs on the reclaimer thread.
public func call_rcu<Object: RCUObject>(
    _ object: Object, file: StaticString = #filePath, line: UInt = #line, _ callback: @escaping (Object) -> Void
) {
    enqueueRCU(object, callback: { [unowned object] in callback(object) }, file: file, line: line)
}

private func enqueueRCU(_ object: RCUObject, callback: (() -> Void)?, file: StaticString, line: UInt) {
    if let model = currentModel() { return model.execution.callRCU(model, object, callback: callback, file: file, line: line) }
    if object.queued.exchange(true, ordering: .relaxed) {
        fatalError("\(file):\(line): BUG: call_rcu() on a \(object.kind) already freed by call_rcu at \(object.freedBy?.description ?? "(pending)")")
    }
    RCUReclaimer.shared.enqueue(object, callback: callback, site: SourceSite(file, line))
}

/// Frees `object` at once, with no grace period (`kmem_cache_free` on an object readers may still
/// hold). A reader that reaches it afterwards commits a use-after-free, which is reported.
public func kfree(_ object: RCUObject, file: StaticString = #filePath, line: UInt = #line) {
    if let model = currentModel() { model.point(file: file, line: line) }
    if object.queued.exchange(true, ordering: .relaxed) {
        let message = "kfree() on a \(object.kind) already freed at \(object.freedBy?.description ?? "(pending)")"
        guard let model = currentModel() else { fatalError("\(file):\(line): BUG: \(message)") }
        model.fail(.assertion, message, file: file, line: line)
    }
    currentModel()?.trace("kfree(\(object.kind))", file: file, line: line)
    object.poison(freedBy: SourceSite(file, line), graceEnd: nil)
}

/// Waits until every object passed to `call_rcu` before the call has been freed.
public func rcu_barrier() {
    if currentModel() != nil { return }
    RCUReclaimer.shared.barrier()
}

/// Normal-run grace periods: two reader counters, one per phase; a grace period flips the phase
/// and waits for the old phase's counter to drain.
enum RCUGrace {
    private static let phase = Atomic<Int>(0)
    private static let readers0 = Atomic<Int>(0)
    private static let readers1 = Atomic<Int>(0)
    /// Serializes grace periods (a pthread mutex, which ThreadSanitizer understands).
    private static let writers = Parker()

    @inline(__always) private static func counter(_ phase: Int, _ delta: Int) {
        if phase == 0 { readers0.add(delta, ordering: .sequentiallyConsistent) } else { readers1.add(delta, ordering: .sequentiallyConsistent) }
    }

    /// Registers a reader; returns the phase it registered in.
    static func enter() -> Int {
        while true {
            let current = phase.load(ordering: .sequentiallyConsistent)
            counter(current, 1)
            if phase.load(ordering: .sequentiallyConsistent) == current { return current }
            counter(current, -1)
        }
    }

    static func leave(phase: Int) { counter(phase, -1) }

    private static func readers(_ phase: Int) -> Int {
        phase == 0 ? readers0.load(ordering: .sequentiallyConsistent) : readers1.load(ordering: .sequentiallyConsistent)
    }

    static func synchronize() {
        writers.withLock {
            let old = phase.load(ordering: .sequentiallyConsistent)
            phase.store(1 - old, ordering: .sequentiallyConsistent)
            var spins = 0
            while readers(old) != 0 {
                spins += 1
                if spins < 64 { sched_yield() } else { usleep(UInt32(min(spins, 1000))) }
            }
        }
    }
}
