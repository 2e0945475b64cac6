import Synchronization

/// The explorer's side of `RWSemaphore`: FIFO queue, hand-off on release, misuse as failures.
extension RWSemaphore {
    func modelTryRead(_ thread: ModelThread) -> Bool {
        let value = count.load(ordering: .relaxed)
        guard value & Self.writer == 0, modelQueue.isEmpty else { return false }
        count.store(value + Self.reader, ordering: .relaxed)
        acquireClock(thread)
        return true
    }

    func modelTryWrite(_ thread: ModelThread) -> Bool {
        guard count.load(ordering: .relaxed) == 0, modelQueue.isEmpty else { return false }
        grantWrite(to: thread)
        acquireClock(thread)
        return true
    }

    /// The acquiring thread joins what earlier releases published.
    private func acquireClock(_ thread: ModelThread) {
        guard thread.tracksMemory else { return }
        thread.execution.acquire(thread, modelClock.current(in: thread.execution.id))
    }

    /// The releasing thread publishes its clock to later acquirers.
    private func releaseClock(_ thread: ModelThread) {
        guard thread.tracksMemory else { return }
        modelClock.join(thread.execution.release(thread), in: thread.execution.id)
    }

    func modelDownRead(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        if modelTryRead(thread) { return thread.trace("down_read(\(name))", file: file, line: line) }
        wait(thread, isWriter: false, operation: "down_read", file: file, line: line)
    }

    func modelDownWrite(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        if modelTryWrite(thread) { return thread.trace("down_write(\(name))", file: file, line: line) }
        wait(thread, isWriter: true, operation: "down_write", file: file, line: line)
    }

    func modelUpRead(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        let value = count.load(ordering: .relaxed)
        guard value & Self.writer == 0, value >= Self.reader else {
            thread.fail(.assertion, "up_read(\(name)) without a read hold", file: file, line: line)
        }
        releaseClock(thread)
        count.store(value - Self.reader, ordering: .relaxed)
        guard value == Self.reader, !modelQueue.isEmpty else {
            thread.trace("up_read(\(name))", file: file, line: line)
            return handOff()
        }
        // __up_read: the last reader saw RWSEM_FLAG_WAITERS, so it goes on to rwsem_wake(), which
        // takes sem->wait_lock: a second step, with the count already released.
        thread.trace("up_read(\(name)) -> count released, waiters to wake", file: file, line: line)
        thread.point(file: file, line: line)
        if let container, container.is_freed {
            thread.fail(.useAfterFree, container.useAfterFreeMessage("rwsem_wake(\(name))"), file: file, line: line)
        }
        handOff()
        thread.trace("rwsem_wake(\(name))", file: file, line: line)
    }

    func modelUpWrite(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        guard is_write_locked_by_current else {
            thread.fail(.assertion, "up_write(\(name)) by a thread that does not hold it for write", file: file, line: line)
        }
        releaseClock(thread)
        owner.store(0, ordering: .relaxed)
        count.store(0, ordering: .relaxed)
        thread.trace("up_write(\(name))", file: file, line: line)
        handOff()
    }

    func modelDowngrade(_ thread: ModelThread, file: StaticString, line: UInt) {
        thread.point(file: file, line: line)
        guard is_write_locked_by_current else {
            thread.fail(.assertion, "downgrade_write(\(name)) by a thread that does not hold it for write", file: file, line: line)
        }
        releaseClock(thread)
        owner.store(0, ordering: .relaxed)
        count.store(Self.reader, ordering: .relaxed)
        thread.trace("downgrade_write(\(name))", file: file, line: line)
        handOff()
    }

    private func grantWrite(to thread: ModelThread) {
        count.store(Self.writer, ordering: .relaxed)
        owner.store(thread.osThread, ordering: .relaxed)
    }

    private func wait(_ thread: ModelThread, isWriter: Bool, operation: String, file: StaticString, line: UInt) {
        let waiter = RWSemaphoreWaiter(thread: thread, isWriter: isWriter)
        modelQueue.append(waiter)
        thread.block("\(operation)(\(name)) waits", file: file, line: line) { [unowned self] in
            waiter.granted || mayTakeBeforeWakeup(waiter)
        }
        acquireClock(thread)
        if waiter.granted { return thread.trace("\(operation)(\(name)) acquired after waiting", file: file, line: line) }
        modelQueue.removeFirst()
        grantWrite(to: thread)
        waiter.granted = true
        thread.trace("\(operation)(\(name)) acquired in its slow-path loop, before any wake-up", file: file, line: line)
    }

    /// A queued writer still awake in `rwsem_down_write_slowpath` retries `rwsem_try_write_lock`
    /// under the wait lock; it succeeds once the count has no holder, even before the releaser's
    /// `rwsem_wake` has run. Only `up_read`'s two steps leave such a window.
    private func mayTakeBeforeWakeup(_ waiter: RWSemaphoreWaiter) -> Bool {
        waiter.isWriter && modelQueue.first === waiter && count.load(ordering: .relaxed) == 0
    }

    /// Grants the lock to the head of the queue: a writer if free, else every queued reader.
    private func handOff() {
        guard let head = modelQueue.first else { return }
        let value = count.load(ordering: .relaxed)
        if head.isWriter {
            guard value == 0 else { return }
            modelQueue.removeFirst()
            grantWrite(to: head.thread)
            head.granted = true
            return
        }
        guard value & Self.writer == 0 else { return }
        var granted = 0
        modelQueue.removeAll { waiter in
            guard !waiter.isWriter else { return false }
            waiter.granted = true
            granted += 1
            return true
        }
        count.store(value + granted * Self.reader, ordering: .relaxed)
    }
}
