// Shared behaviour suite: which lock faults are handled under, and the statistics that say so.
// Branches on CONFIG_PER_VMA_LOCK at run time, so one text serves every variant.

@Test func faults_on_vma_with_anon_vma_use_the_vma_lock() throws {
    let mm = MM()
    let a = try mm.mmap(length: 4 * PAGE_SIZE, prot: [.read, .write])
    // The first write fault of a fresh VMA attaches the anon_vma, under whichever lock this
    // variant uses for it (the VMA lock in the RFC, mmap_lock from v1 on: Spec/07).
    let first = mm.fault(at: a, access: .write)
    #expect(first.result == .ok)
    #expect(mm.layout[0].hasAnonVMA)
    let before = mm.stats
    // Every later fault on it.
    for page in 1..<4 {
        let outcome = mm.fault(at: a + UInt64(page) * PAGE_SIZE, access: page % 2 == 0 ? .read : .write)
        #expect(outcome == FaultOutcome(result: .ok, path: CONFIG_PER_VMA_LOCK ? .vmaLock : .mmapLock))
    }
    if CONFIG_PER_VMA_LOCK {
        let stats = mm.stats
        #expect(stats.success == before.success + 3 && stats.mmapReadFallbacks == before.mmapReadFallbacks)
        #expect(stats.success + stats.mmapReadFallbacks == 4, "each fault counted once, one way or the other")
    } else {
        #expect(mm.stats == VMALockStats(mmapReadFallbacks: 4))
    }
}

@Test func without_per_vma_lock_every_fault_takes_mmap_lock() throws {
    let mm = MM()
    let a = try mm.mmap(length: 2 * PAGE_SIZE, prot: [.read, .write])
    var faults = 0
    for round in 0..<3 {
        for page in 0..<2 {
            let outcome = mm.fault(at: a + UInt64(page) * PAGE_SIZE, access: round == 1 ? .write : .read)
            faults += 1
            if !CONFIG_PER_VMA_LOCK { #expect(outcome.path == .mmapLock) }
        }
    }
    let stats = mm.stats
    if CONFIG_PER_VMA_LOCK {
        #expect(stats.success + stats.mmapReadFallbacks == faults)
    } else {
        #expect(stats == VMALockStats(mmapReadFallbacks: faults))
    }
}

@Test func file_backed_faults_take_mmap_lock() throws {
    let mm = MM()
    let f = try mm.mmap(length: PAGE_SIZE, prot: [.read, .write], kind: .file)
    try mm.store(3, at: f)
    #expect(try mm.load(at: f) == 3)
    #expect(mm.fault(at: f, access: .read).path == .mmapLock)
    #expect(mm.stats.success == 0)
}

@Test func narrow_counters_still_give_correct_results() throws {
    let mm = MM(config: ModelConfig(counterBits: 2))
    let a = try mm.mmap(length: PAGE_SIZE, prot: [.read, .write])
    for round in 0..<20 {
        try mm.store(UInt8(round), at: a)
        try mm.mprotect(a, length: PAGE_SIZE, prot: [.read])
        #expect(try mm.load(at: a) == UInt8(round))
        try mm.mprotect(a, length: PAGE_SIZE, prot: [.read, .write])
    }
}
