import Glibc
import Synchronization

/// A reader-writer semaphore with Linux `rw_semaphore` semantics (kernel/locking/rwsem.c).
///
/// Readers share, a writer excludes everyone. While anyone waits, `down_read_trylock` and
/// `down_write_trylock` fail and new readers queue, as with the kernel's `RWSEM_FLAG_WAITERS`.
/// Normal runs use an atomic count, spin a while when it is taken, then sleep on a mutex/condvar
/// slow path (`spinBeforeSleeping` says why). Under the explorer each
/// operation is a scheduling point, waiters queue in FIFO order and releases hand the lock to
/// the head of the queue (a writer, or every waiting reader), as `rwsem_mark_wake` does.
///
/// `up_read` is two steps under the explorer, as `__up_read` is in the kernel: the count is
/// released first, and only then, when waiters are queued, does the reader take the wait lock
/// to wake them (`rwsem_wake`). A queued writer that is still awake in its slow-path loop may
/// take the lock in between, so the waking reader can touch a semaphore whose owner has
/// already moved on; see `embed(in:)`.
public final class RWSemaphore: @unchecked Sendable {
    static let writer = 1
    static let reader = 2

    /// `writer` bit while write-locked, plus `reader` per read holder.
    let count = Atomic<Int>(0)
    /// pthread of the write holder (0 when none), for `is_write_locked_by_current`.
    let owner = Atomic<UInt>(0)
    /// Threads in the normal-run slow path.
    private let waiters = Atomic<Int>(0)
    private let parker = Parker()
    /// FIFO wait queue under the explorer.
    var modelQueue: [RWSemaphoreWaiter] = []
    /// What releases of the semaphore have published (`hb` and `weak` memory models).
    var modelClock = SyncClock()
    /// The object the semaphore is a field of (`vma->lock` lives in the VMA), if any: touching the
    /// semaphore once that object is freed is a use-after-free.
    private(set) weak var container: RCUObject?
    /// Name shown in traces, e.g. `"vma->vm_lock"`.
    public let name: String

    /// An unlocked semaphore; `name` labels it in traces.
    public init(name: String = "rwsem") {
        self.name = name
    }

    /// Declares that the semaphore is a field of `object`. Under the explorer, `up_read`'s wake-up
    /// of a waiter (which still touches the semaphore after the count is released, as the
    /// kernel's `rwsem_wake` does) is then checked against `object` having been freed.
    public func embed(in object: RCUObject) {
        container = object
    }

    // MARK: Queries (not scheduling points)

    /// `rwsem_is_locked`: held by any reader or a writer.
    public var is_locked: Bool { count.load(ordering: .relaxed) != 0 }
    /// Held for write by some thread.
    public var is_write_locked: Bool { count.load(ordering: .relaxed) & Self.writer != 0 }
    /// Held for write by the calling thread (lockdep's `lockdep_assert_held_write`).
    public var is_write_locked_by_current: Bool { is_write_locked && owner.load(ordering: .relaxed) == pthread_self() }
    /// Number of read holders.
    public var readers: Int {
        let value = count.load(ordering: .relaxed)
        return value & Self.writer != 0 ? 0 : value / Self.reader
    }

    // MARK: Read side

    /// Acquires for read, sleeping while a writer holds or waits.
    public func down_read(file: StaticString = #filePath, line: UInt = #line) {
        if let model = currentModel() { return modelDownRead(model, file: file, line: line) }
        if tryRead(respectingWaiters: true) { return }
        if spinBeforeSleeping(until: { self.count.load(ordering: .relaxed) & Self.writer == 0 }, { self.tryRead(respectingWaiters: true) }) { return }
        slowPath { self.tryRead(respectingWaiters: false) }
    }

    /// Acquires for read if no writer holds or waits; never sleeps.
    public func down_read_trylock(file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let model = currentModel() else { return tryRead(respectingWaiters: true) }
        return model.op(file: file, line: line, { "down_read_trylock(\(name)) -> \($0)" }) { modelTryRead(model) }
    }

    /// Releases a read hold.
    public func up_read(file: StaticString = #filePath, line: UInt = #line) {
        if let model = currentModel() { return modelUpRead(model, file: file, line: line) }
        let after = count.subtract(Self.reader, ordering: .sequentiallyConsistent).newValue
        if after < 0 || after & Self.writer != 0 {
            fatalError("\(file):\(line): BUG: up_read(\(name)) without a read hold")
        }
        if after == 0 { wakeWaiters() }
    }

    // MARK: Write side

    /// Acquires for write, sleeping until there are no holders.
    public func down_write(file: StaticString = #filePath, line: UInt = #line) {
        if let model = currentModel() { return modelDownWrite(model, file: file, line: line) }
        if tryWrite(respectingWaiters: true) { return }
        if spinBeforeSleeping(until: { self.count.load(ordering: .relaxed) == 0 }, { self.tryWrite(respectingWaiters: true) }) { return }
        slowPath { self.tryWrite(respectingWaiters: false) }
    }

    /// Acquires for write if there are no holders and no waiters; never sleeps.
    public func down_write_trylock(file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let model = currentModel() else { return tryWrite(respectingWaiters: true) }
        return model.op(file: file, line: line, { "down_write_trylock(\(name)) -> \($0)" }) { modelTryWrite(model) }
    }

    /// Releases the write hold.
    public func up_write(file: StaticString = #filePath, line: UInt = #line) {
        if let model = currentModel() { return modelUpWrite(model, file: file, line: line) }
        guard is_write_locked_by_current else {
            fatalError("\(file):\(line): BUG: up_write(\(name)) by a thread that does not hold it for write")
        }
        owner.store(0, ordering: .relaxed)
        count.store(0, ordering: .sequentiallyConsistent)
        wakeWaiters()
    }

    /// Turns the caller's write hold into a read hold without letting a writer in between.
    public func downgrade_write(file: StaticString = #filePath, line: UInt = #line) {
        if let model = currentModel() { return modelDowngrade(model, file: file, line: line) }
        guard is_write_locked_by_current else {
            fatalError("\(file):\(line): BUG: downgrade_write(\(name)) by a thread that does not hold it for write")
        }
        owner.store(0, ordering: .relaxed)
        count.store(Self.reader, ordering: .sequentiallyConsistent)
        wakeWaiters()
    }

    // MARK: Normal-run machinery

    @inline(__always)
    private func tryRead(respectingWaiters: Bool) -> Bool {
        var value = count.load(ordering: .relaxed)
        while true {
            if value & Self.writer != 0 { return false }
            if respectingWaiters && waiters.load(ordering: .relaxed) != 0 { return false }
            let result = count.compareExchange(
                expected: value, desired: value + Self.reader, ordering: .sequentiallyConsistent)
            if result.exchanged { return true }
            value = result.original
        }
    }

    @inline(__always)
    private func tryWrite(respectingWaiters: Bool) -> Bool {
        if respectingWaiters && waiters.load(ordering: .relaxed) != 0 { return false }
        guard count.compareExchange(expected: 0, desired: Self.writer, ordering: .sequentiallyConsistent).exchanged
        else { return false }
        owner.store(pthread_self(), ordering: .relaxed)
        return true
    }

    /// How long a normal-run waiter spins before it sleeps: the kernel's cap when readers own an
    /// rwsem (`rwsem_rspin_threshold`, 25 µs).
    static let spinNanoseconds = 25_000

    /// Spins, re-reading the count until `free` says the lock looks free and then trying `attempt`,
    /// for at most `spinNanoseconds`; false if it must sleep.
    ///
    /// The kernel's rwsem spins before it sleeps while the owner runs (`rwsem_optimistic_spin`,
    /// [idx:178591577], [idx:69403956737]), and a spinlock's waiter always spins; the model's
    /// `page_table_lock` stands for the PTE spinlock. Sleeping at once costs a futex wake-up, tens
    /// of microseconds, for a hold of well under one. Waiters queued to sleep keep their turn:
    /// `attempt` respects them, as the kernel's spinners yield to a hand-off.
    private func spinBeforeSleeping(until free: () -> Bool, _ attempt: () -> Bool) -> Bool {
        let deadline = Self.monotonicNanoseconds() + Self.spinNanoseconds
        var round = 0
        while true {
            if free() && attempt() { return true }
            round += 1
            if round & 63 == 0 && Self.monotonicNanoseconds() >= deadline { return false }
        }
    }

    static func monotonicNanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1_000_000_000 + now.tv_nsec
    }

    /// Sleeps until `attempt` succeeds; releasers broadcast under the same mutex, so no wakeup is lost.
    private func slowPath(_ attempt: () -> Bool) {
        parker.lock()
        waiters.add(1, ordering: .sequentiallyConsistent)
        while !attempt() { parker.wait() }
        waiters.subtract(1, ordering: .sequentiallyConsistent)
        parker.unlock()
    }

    private func wakeWaiters() {
        guard waiters.load(ordering: .sequentiallyConsistent) != 0 else { return }
        parker.withLock { parker.broadcast() }
    }
}

/// A thread queued on an `RWSemaphore` under the explorer.
final class RWSemaphoreWaiter {
    let thread: ModelThread
    let isWriter: Bool
    var granted = false

    init(thread: ModelThread, isWriter: Bool) {
        self.thread = thread
        self.isWriter = isWriter
    }
}
