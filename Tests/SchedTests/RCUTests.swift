import Glibc
import Testing
import Sched

@Suite("RCU in normal runs")
struct RCUTests {
    @Test func readLockNestsAndIsPerThread() {
        #expect(!rcu_read_lock_held())
        rcu_read_lock()
        rcu_read_lock()
        #expect(rcu_read_lock_held())
        let other = Thread0 { precondition(!rcu_read_lock_held()) }
        other.join()
        rcu_read_unlock()
        #expect(rcu_read_lock_held())
        rcu_read_unlock()
        #expect(!rcu_read_lock_held())
    }

    @Test func objectOutlivesTheReaderThatHoldsIt() {
        let object = RCUObject(kind: "vma")
        let inSection = AtomicInt(0)
        let release = AtomicInt(0)
        let sawPoison = AtomicInt(0)
        let reader = Thread0 {
            rcu_read_lock()
            inSection.store(1)
            while release.load() == 0 { usleep(100) }
            // call_rcu happened after this section began: the object must still be intact.
            usleep(20_000)
            if object.is_freed { sawPoison.store(1) }
            object.access("vm_start")
            rcu_read_unlock()
        }
        while inSection.load() == 0 { usleep(100) }
        call_rcu(object)
        release.store(1)
        reader.join()
        #expect(sawPoison.load() == 0)
        rcu_barrier()
        #expect(object.is_freed)
    }

    @Test func synchronizeWaitsForExistingReaders() {
        let inSection = AtomicInt(0)
        let left = AtomicInt(0)
        let reader = Thread0 {
            rcu_read_lock()
            inSection.store(1)
            usleep(30_000)
            left.store(1)
            rcu_read_unlock()
        }
        while inSection.load() == 0 { usleep(100) }
        synchronize_rcu()
        #expect(left.load() == 1)
        reader.join()
    }

    @Test func callbackRunsAfterTheGracePeriodAndBeforeTheFree() {
        let object = RCUObject(kind: "vma")
        let seenFreed = AtomicInt(-1)
        rcu_read_lock()
        call_rcu(object) { object in seenFreed.store(object.is_freed ? 1 : 0) }
        usleep(10_000)
        #expect(seenFreed.load() == -1, "the callback waits for this read section")
        rcu_read_unlock()
        rcu_barrier()
        #expect(seenFreed.load() == 0)
        #expect(object.is_freed)
    }

    @Test func synchronizeWithoutReadersReturns() {
        for _ in 0..<100 { synchronize_rcu() }
        let object = RCUObject(kind: "x")
        call_rcu(object)
        rcu_barrier()
        #expect(object.is_freed)
    }
}
