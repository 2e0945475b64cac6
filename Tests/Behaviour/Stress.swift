// Shared behaviour suite: real threads. Fault/store threads work on their own VMAs while a
// writer maps, protects and unmaps scratch ranges, splits and merges the fault threads' VMAs
// under them, and unmaps and remaps a range the fault threads also touch. Small and bounded.

final class StressResult: @unchecked Sendable {
    var errors: [String] = []
    let lock = NSLock()
    func fail(_ message: String) { lock.lock(); errors.append(message); lock.unlock() }
}

@Test func stress_faults_against_mmap_mprotect_munmap() throws {
    let mm = MM()
    let page: UInt64 = PAGE_SIZE
    let threads = 3, pagesPerThread: UInt64 = 4, iterations = 150
    // Each fault thread owns one VMA; a shared "victim" VMA is unmapped and remapped by the writer.
    let owned = try (0..<threads).map { _ in try mm.mmap(length: pagesPerThread * page, prot: [.read, .write]) }
    let victim = try mm.mmap(length: 2 * page, prot: [.read, .write])
    let result = StressResult()
    let group = DispatchGroup()

    for t in 0..<threads {
        group.enter()
        let thread = Thread {
            current_thread_name = "fault-\(t)"
            for i in 0..<iterations {
                let p = UInt64(i) % pagesPerThread
                let address = owned[t] + p * page + UInt64(t)
                let value = UInt8(truncatingIfNeeded: i * 7 + t)
                do {
                    try mm.store(value, at: address)
                    let back = try mm.load(at: address)
                    if back != value { result.fail("thread \(t): read \(back) after storing \(value)") }
                } catch {
                    result.fail("thread \(t): \(error) on its own VMA")
                }
                _ = try? mm.store(1, at: victim + (UInt64(i) % 2) * page)   // may segfault: unmapped now and then
                _ = mm.fault(at: owned[t] + p * page, access: .read)
            }
            group.leave()
        }
        thread.start()
    }

    group.enter()
    let writer = Thread {
        current_thread_name = "writer"
        for i in 0..<iterations / 3 {
            do {
                let scratch = try mm.mmap(length: 3 * page, prot: [.read, .write])
                try mm.store(1, at: scratch)
                try mm.mprotect(scratch + page, length: page, prot: [.read])
                try mm.munmap(scratch, length: 3 * page)
                // Split and merge a fault thread's VMA under it; it stays writable throughout.
                let target = owned[i % threads] + UInt64(i % Int(pagesPerThread)) * page
                try mm.mprotect(target, length: page, prot: [.read, .write, .exec])
                try mm.mprotect(target, length: page, prot: [.read, .write])
                try mm.munmap(victim, length: 2 * page)
                try mm.mmap(at: victim, length: 2 * page, prot: [.read, .write])
            } catch {
                result.fail("writer: \(error)")
            }
        }
        group.leave()
    }
    writer.start()
    // A hang (a lost wakeup, a deadlock) fails here; the clock starts once the threads run, so a
    // test pool busy with other suites does not count against it, as it would with `.timeLimit`.
    if group.wait(timeout: .now() + .seconds(300)) == .timedOut {
        Issue.record("fault and writer threads still running after 5 minutes: a hang")
        return
    }

    #expect(result.errors.isEmpty, "\(result.errors.prefix(5))")
    // Every thread's last value is where it stored it.
    for t in 0..<threads {
        for p in 0..<pagesPerThread {
            let last: Int = (0..<iterations).last { UInt64($0) % pagesPerThread == p }!
            let expected = UInt8(truncatingIfNeeded: last * 7 + t)
            let address: UInt64 = owned[t] + p * page + UInt64(t)
            let found: UInt8 = try mm.load(at: address)
            #expect(found == expected)
        }
    }
    // The splits merged back: each fault thread's range lies inside one read-write VMA again.
    let layout = mm.layout
    for t in 0..<threads {
        let end = owned[t] + pagesPerThread * page
        #expect(layout.contains { $0.start <= owned[t] && $0.end >= end && $0.prot == [.read, .write] })
    }
    // The statistics add up.
    let stats = mm.stats
    let faults = mm.vmstat.faults.peek
    #expect(stats.success + stats.mmapReadFallbacks == faults)
    if CONFIG_PER_VMA_LOCK {
        #expect(stats.success > 0)
    } else {
        #expect(stats == VMALockStats(mmapReadFallbacks: faults))
    }
}
