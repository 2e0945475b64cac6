/// An object passed to `call_rcu` under the explorer, waiting for its grace period.
struct PendingFree {
    let object: RCUObject
    /// Runs just before the free, as the kernel's RCU callback does.
    let callback: (() -> Void)?
    let site: SourceSite
    let readers: [(thread: ModelThread, exits: Int)]
}

/// RCU under the explorer: read sections are per-thread nesting counts; a grace period is over
/// once every thread that was inside a section at its start has left that section.
extension Execution {
    /// The threads inside a read section now, with their exit counts.
    private func readersNow() -> [(thread: ModelThread, exits: Int)] {
        threads.filter { $0.rcuNesting > 0 }.map { ($0, $0.rcuExits) }
    }

    private static func elapsed(_ readers: [(thread: ModelThread, exits: Int)]) -> Bool {
        readers.allSatisfy { $0.thread.rcuExits > $0.exits }
    }

    func rcuReadLock(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        thread.rcuNesting += 1
        thread.trace("rcu_read_lock()", file: file, line: line)
    }

    func rcuReadUnlock(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        guard thread.rcuNesting > 0 else {
            thread.fail(.assertion, "rcu_read_unlock() without rcu_read_lock()", file: file, line: line)
        }
        thread.rcuNesting -= 1
        guard thread.rcuNesting == 0 else { return thread.trace("rcu_read_unlock()", file: file, line: line) }
        thread.rcuExits += 1
        if thread.tracksMemory { rcuClock.join(release(thread)) }
        // Adversarial: objects are freed the moment their grace period is over.
        let due = rcuPending.filter { Self.elapsed($0.readers) }
        rcuPending.removeAll { Self.elapsed($0.readers) }
        thread.trace(
            due.isEmpty ? "rcu_read_unlock()" : "rcu_read_unlock() -> grace period over, frees \(due.map(\.object.kind).joined(separator: ", "))",
            file: file, line: line)
        for pending in due { free(pending, on: thread, graceEnd: SourceSite(file, line)) }
    }

    /// Runs the object's RCU callback (no scheduling point inside: softirq context), then frees it.
    private func free(_ pending: PendingFree, on thread: ModelThread, graceEnd: SourceSite) {
        if let callback = pending.callback {
            thread.preemptCount += 1
            callback()
            thread.preemptCount -= 1
        }
        pending.object.poison(freedBy: pending.site, graceEnd: graceEnd)
    }

    func synchronizeRCU(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        if thread.rcuNesting > 0 {
            thread.fail(.assertion, "synchronize_rcu() inside an RCU read-side critical section", file: file, line: line)
        }
        let readers = readersNow()
        acquire(thread, rcuClock)
        if readers.isEmpty { return thread.trace("synchronize_rcu() -> no readers", file: file, line: line) }
        let names = readers.map(\.thread.name).joined(separator: ", ")
        thread.block("synchronize_rcu() waits for \(names)", file: file, line: line) { Self.elapsed(readers) }
        acquire(thread, rcuClock)
        thread.trace("synchronize_rcu() -> grace period over", file: file, line: line)
    }

    func callRCU(_ thread: ModelThread, _ object: RCUObject, callback: (() -> Void)?, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        if object.queued.exchange(true, ordering: .relaxed) {
            thread.fail(
                .assertion, "call_rcu() on a \(object.kind) already freed by call_rcu at \(object.freedBy?.description ?? "(pending)")",
                file: file, line: line)
        }
        let site = SourceSite(file, line)
        let readers = readersNow()
        let pending = PendingFree(object: object, callback: callback, site: site, readers: readers)
        if readers.isEmpty {
            thread.trace("call_rcu(\(object.kind)) -> freed at once, no readers", file: file, line: line)
            return free(pending, on: thread, graceEnd: site)
        }
        rcuPending.append(pending)
        let names = readers.map(\.thread.name).joined(separator: ", ")
        thread.trace("call_rcu(\(object.kind)) -> freed once \(names) leave(s) the read section", file: file, line: line)
    }
}
