import Dispatch
import Glibc
import Testing
import Sched

@Suite("Primitives in normal runs")
struct PrimitiveTests {
    @Test func atomicOperations() {
        let value = AtomicInt(5, name: "v")
        #expect(value.load() == 5)
        value.store(7, .release)
        #expect(value.load(.acquire) == 7)
        #expect(value.add(3) == 10)
        #expect(value.add(-1, .relaxed) == 9)
        #expect(AtomicInt(Int.max).add(1) == Int.min)
        #expect(value.compareExchange(expected: 1, desired: 2) == (false, 9))
        #expect(value.compareExchange(expected: 9, desired: 2, .acqRel) == (true, 9))
        #expect(value.load() == 2)
    }

    @Test func counterIsExactAcrossThreads() {
        let counter = AtomicInt(0)
        let lock = RWSemaphore(name: "lock")
        nonisolated(unsafe) var plain = 0
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<20_000 {
                counter.add(1, .relaxed)
                lock.down_write()
                plain += 1
                lock.up_write()
            }
        }
        #expect(counter.load() == 80_000)
        #expect(plain == 80_000)
    }

    @Test func readersShareWritersExclude() {
        let lock = RWSemaphore(name: "lock")
        #expect(!lock.is_locked)
        lock.down_read()
        #expect(lock.down_read_trylock())
        #expect(lock.readers == 2)
        #expect(lock.is_locked && !lock.is_write_locked)
        #expect(!lock.down_write_trylock())
        lock.up_read()
        lock.up_read()
        #expect(lock.down_write_trylock())
        #expect(lock.is_write_locked && lock.is_write_locked_by_current)
        #expect(!lock.down_read_trylock())
        #expect(!lock.down_write_trylock())
        #expect(lock.readers == 0)
        lock.up_write()
        #expect(!lock.is_locked)
    }

    @Test func ownershipIsPerThread() {
        let lock = RWSemaphore(name: "lock")
        lock.down_write()
        let seenElsewhere = AtomicInt(-1)
        Thread0 { seenElsewhere.store(lock.is_write_locked_by_current ? 1 : 0) }.join()
        #expect(seenElsewhere.load() == 0)
        #expect(lock.is_write_locked_by_current)
        lock.up_write()
    }

    @Test func downgradeKeepsWritersOutAndLetsReadersIn() {
        let lock = RWSemaphore(name: "lock")
        lock.down_write()
        lock.downgrade_write()
        #expect(lock.readers == 1)
        #expect(!lock.is_write_locked)
        #expect(lock.down_read_trylock())
        #expect(!lock.down_write_trylock())
        lock.up_read()
        lock.up_read()
        #expect(lock.down_write_trylock())
        lock.up_write()
    }

    @Test func blockedWriterGetsTheLockAndBlocksNewReaders() {
        let lock = RWSemaphore(name: "lock")
        let acquired = AtomicInt(0)
        lock.down_read()
        let writer = Thread0 {
            lock.down_write()
            acquired.store(1)
            lock.up_write()
        }
        while !waitersVisible(lock) { usleep(100) }
        #expect(acquired.load() == 0)
        // A writer is waiting: trylock readers must fail, as with RWSEM_FLAG_WAITERS.
        #expect(!lock.down_read_trylock())
        lock.up_read()
        writer.join()
        #expect(acquired.load() == 1)
        #expect(!lock.is_locked)
    }

    /// Spins until a second `down_read_trylock` fails, which happens once the writer is queued.
    private func waitersVisible(_ lock: RWSemaphore) -> Bool {
        usleep(1_000)
        if lock.down_read_trylock() {
            lock.up_read()
            return false
        }
        return true
    }

    @Test func waitQueueWakesSleeper() {
        let queue = WaitQueue(name: "wq")
        let flag = AtomicInt(0)
        let sleeper = Thread0 { queue.wait_event { flag.load() == 1 } }
        usleep(2_000)
        flag.store(1)
        queue.wake_up_all()
        sleeper.join()
    }

    @Test func threadNameDefaultsToMainAndCanBeSet() {
        let thread = Thread0 {
            let before = current_thread_name
            current_thread_name = "worker"
            precondition(before == "main" && current_thread_name == "worker")
        }
        thread.join()
    }

    @Test func warnOnReturnsItsCondition() {
        #expect(WARN_ON(false, "never") == false)
        #expect(WARN_ON(1 + 1 == 2, "printed to stderr by design") == true)
    }
}

/// A joinable pthread running `body`.
final class Thread0: @unchecked Sendable {
    private var thread = pthread_t()

    init(_ body: @escaping @Sendable () -> Void) {
        final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        let rc = pthread_create(&thread, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, context)
        precondition(rc == 0)
    }

    func join() { pthread_join(thread, nil) }
}
