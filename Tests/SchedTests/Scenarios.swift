import Sched

/// Small scenarios the explorer tests share.
enum Scenarios {
    /// Two threads increment a counter with a separate load and store: a lost update.
    static let lostUpdate = ScenarioDefinition(name: "lost update", expect: .fail, bound: 1, file: #filePath, line: #line) { s in
        let counter = AtomicInt(0, name: "counter")
        for name in ["A", "B"] {
            s.thread(name) {
                let seen = counter.load()
                counter.store(seen + 1)
            }
        }
        s.finally { s.check(counter.peek == 2, "counter is \(counter.peek), expected 2") }
    }

    /// The same with an atomic add: correct under every schedule.
    static let atomicIncrement = ScenarioDefinition(name: "atomic increment", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
        let counter = AtomicInt(0, name: "counter")
        for name in ["A", "B"] {
            s.thread(name) {
                counter.add(1)
                counter.add(1)
            }
        }
        s.finally { s.check(counter.peek == 4, "counter is \(counter.peek), expected 4") }
    }

    /// Two writers take two semaphores in opposite orders.
    static let abba = ScenarioDefinition(name: "ABBA", expect: .fail, bound: 1, file: #filePath, line: #line) { s in
        let a = RWSemaphore(name: "A")
        let b = RWSemaphore(name: "B")
        s.thread("first") {
            a.down_write()
            b.down_write()
            b.up_write()
            a.up_write()
        }
        s.thread("second") {
            b.down_write()
            a.down_write()
            a.up_write()
            b.up_write()
        }
    }

    /// A thread spins (with a yield point) for a flag nobody sets.
    static let spinForever = ScenarioDefinition(name: "spin forever", expect: .fail, bound: 0, file: #filePath, line: #line) { s in
        let flag = AtomicInt(0, name: "flag")
        s.thread("spinner") {
            while flag.load() == 0 { sched_yield_point("wait for flag") }
        }
    }

    /// A thread spins for a flag another thread sets: yielding lets the setter run.
    static let spinUntilSet = ScenarioDefinition(name: "spin until set", expect: .pass, bound: 1, file: #filePath, line: #line) { s in
        let flag = AtomicInt(0, name: "flag")
        s.thread("spinner") {
            while flag.load() == 0 { sched_yield_point("wait for flag") }
        }
        s.thread("setter") { flag.store(1) }
    }

    /// A thread trips `BUG_ON`.
    static let bug = ScenarioDefinition(name: "bug", expect: .fail, bound: 0, file: #filePath, line: #line) { s in
        let value = AtomicInt(0, name: "value")
        s.thread("checker") {
            BUG_ON(value.load() == 0, "value is zero")
        }
    }

    /// A reader dereferences an RCU pointer while a writer replaces the object and frees it by RCU.
    /// A writer that frees with `kfree` instead of `call_rcu`: a read section does not help.
    static let readerVersusKfree = ScenarioDefinition(name: "rcu reader vs kfree", expect: .fail, bound: 2, file: #filePath, line: #line) { s in
        let pointer = RCUPointer(RCUObject(kind: "old"))
        s.thread("reader") {
            rcu_read_lock()
            pointer.rcu_dereference().access("field")
            rcu_read_unlock()
        }
        s.thread("writer") {
            let old = pointer.rcu_dereference()
            pointer.rcu_assign_pointer(RCUObject(kind: "new"))
            kfree(old)
        }
    }

    static func rcuReader(protected: Bool) -> ScenarioDefinition {
        ScenarioDefinition(
            name: protected ? "rcu reader, protected" : "rcu reader, unprotected", expect: protected ? .pass : .fail,
            bound: 2, file: #filePath, line: #line
        ) { s in
            let pointer = RCUPointer(RCUObject(kind: "old"))
            s.thread("reader") {
                if protected { rcu_read_lock() }
                let object = pointer.rcu_dereference()
                object.access("field")
                if protected { rcu_read_unlock() }
            }
            s.thread("writer") {
                let old = pointer.rcu_dereference()
                pointer.rcu_assign_pointer(RCUObject(kind: "new"))
                call_rcu(old)
            }
        }
    }

    /// A writer waits out a grace period with `synchronize_rcu` before freeing directly.
    static let synchronizeThenFree = ScenarioDefinition(name: "synchronize then free", expect: .pass, bound: 2, file: #filePath, line: #line) { s in
        let pointer = RCUPointer(RCUObject(kind: "old"))
        let freed = AtomicInt(0, name: "freed")
        s.thread("reader") {
            rcu_read_lock()
            let object = pointer.rcu_dereference()
            BUG_ON(object.kind == "old" && freed.load() == 1, "old object used after synchronize_rcu returned")
            rcu_read_unlock()
        }
        s.thread("writer") {
            pointer.rcu_assign_pointer(RCUObject(kind: "new"))
            synchronize_rcu()
            freed.store(1)
        }
    }

    /// A waiter sleeps on a wait queue until a flag is set and the queue is woken.
    static func waitQueue(wakes: Bool) -> ScenarioDefinition {
        ScenarioDefinition(name: "wait queue", expect: wakes ? .pass : .fail, bound: 2, file: #filePath, line: #line) { s in
            let queue = WaitQueue(name: "wq")
            let flag = AtomicInt(0, name: "flag")
            s.thread("waiter") { queue.wait_event { flag.load() == 1 } }
            s.thread("waker") {
                flag.store(1)
                if wakes { queue.wake_up_all() }
            }
        }
    }
}
