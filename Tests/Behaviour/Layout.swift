// Shared behaviour suite: layout after each system call, in the style of tools/testing/vma.
// Each step draws the address space, one character per page from the base address:
// letters are VMAs (capitals: has an anon_vma), '.' is unmapped.

let P: UInt64 = PAGE_SIZE
let base: UInt64 = 0x1000_0000
let rw: Prot = [.read, .write]

/// A fresh mm with the default configuration (two users, so the VMA lock is tried).
func freshMM() -> MM { MM() }

func vma(_ startPage: UInt64, _ endPage: UInt64, _ prot: Prot = [.read, .write], anon: Bool = false,
         kind: MappingKind = .anonymous) -> VMAInfo {
    VMAInfo(start: base + startPage * P, end: base + endPage * P, prot: prot, kind: kind, hasAnonVMA: anon)
}

@Test func mmap_adjacent_ranges_merge() throws {
    let mm = freshMM()
    // 0123
    // AA..
    let a = try mm.mmap(length: 2 * P, prot: rw)
    #expect(a == base)
    #expect(mm.layout == [vma(0, 2)])
    // AAB.  -> AAA.  (same flags, anonymous: vma_merge extends A)
    try mm.mmap(at: base + 2 * P, length: P, prot: rw)
    #expect(mm.layout == [vma(0, 3)])
    // AAAC  (different protection: no merge)
    try mm.mmap(at: base + 3 * P, length: P, prot: [.read])
    #expect(mm.layout == [vma(0, 3), vma(3, 4, [.read])])
}

@Test func mprotect_split_into_three_and_merge_back() throws {
    let mm = freshMM()
    // 012
    // AAA
    try mm.mmap(length: 3 * P, prot: rw)
    for page in 0..<3 { try mm.store(UInt8(page + 1), at: base + UInt64(page) * P) }
    // ABA  (B read-only)
    try mm.mprotect(base + P, length: P, prot: [.read])
    #expect(mm.layout == [vma(0, 1, anon: true), vma(1, 2, [.read], anon: true), vma(2, 3, anon: true)])
    #expect(throws: MMError.segfault(base + P)) { try mm.store(9, at: base + P) }
    #expect(try mm.load(at: base + P) == 2)
    // AAA
    try mm.mprotect(base + P, length: P, prot: rw)
    #expect(mm.layout == [vma(0, 3, anon: true)])
    try mm.store(9, at: base + P)
    #expect(try (0..<3).map { try mm.load(at: base + UInt64($0) * P) } == [1, 9, 3])
}

@Test func mprotect_none_hides_pages_and_keeps_contents() throws {
    let mm = freshMM()
    try mm.mmap(length: P, prot: rw)
    try mm.store(5, at: base)
    try mm.mprotect(base, length: P, prot: [])
    #expect(throws: MMError.segfault(base)) { try mm.load(at: base) }
    try mm.mprotect(base, length: P, prot: [.read])
    #expect(try mm.load(at: base) == 5)
}

@Test func munmap_middle_range() throws {
    let mm = freshMM()
    // 01234
    // AAAAA
    try mm.mmap(length: 5 * P, prot: rw)
    for page in 0..<5 { try mm.store(UInt8(page + 1), at: base + UInt64(page) * P) }
    // AA.AA
    try mm.munmap(base + 2 * P, length: P)
    #expect(mm.layout == [vma(0, 2, anon: true), vma(3, 5, anon: true)])
    #expect(throws: MMError.segfault(base + 2 * P)) { try mm.load(at: base + 2 * P) }
    #expect(try mm.load(at: base + P) == 2)
    #expect(try mm.load(at: base + 3 * P) == 4)
    // A new mapping in the hole starts zeroed: the old page was zapped.
    try mm.mmap(at: base + 2 * P, length: P, prot: [.read])
    #expect(try mm.load(at: base + 2 * P) == 0)
}

@Test func munmap_spanning_several_vmas() throws {
    let mm = freshMM()
    // AABB.CC  -> A.....C
    try mm.mmap(length: 2 * P, prot: rw)
    try mm.mmap(at: base + 2 * P, length: 2 * P, prot: [.read])
    try mm.mmap(at: base + 5 * P, length: 2 * P, prot: rw)
    try mm.munmap(base + P, length: 5 * P)
    #expect(mm.layout == [vma(0, 1), vma(6, 7)])
}

@Test func mremap_grow_in_place_shrink_and_move() throws {
    let mm = freshMM()
    // AA....
    try mm.mmap(length: 2 * P, prot: rw)
    try mm.store(1, at: base)
    // AAAA..  grow in place
    #expect(try mm.mremap(base, oldLength: 2 * P, newLength: 4 * P, mayMove: false) == base)
    #expect(mm.layout == [vma(0, 4, anon: true)])
    // A.....  shrink
    #expect(try mm.mremap(base, oldLength: 4 * P, newLength: P, mayMove: false) == base)
    #expect(mm.layout == [vma(0, 1, anon: true)])
    // AB....  B blocks growth; without MREMAP_MAYMOVE: ENOMEM, nothing changes
    try mm.mmap(at: base + P, length: P, prot: [.read])
    #expect(throws: MMError.noMemory) { _ = try mm.mremap(base, oldLength: P, newLength: 2 * P, mayMove: false) }
    #expect(mm.layout == [vma(0, 1, anon: true), vma(1, 2, [.read])])
    // .BAA..  moved to the first gap that fits, contents with it
    let moved = try mm.mremap(base, oldLength: P, newLength: 2 * P, mayMove: true)
    #expect(moved == base + 2 * P)
    #expect(mm.layout == [vma(1, 2, [.read]), vma(2, 4, anon: true)])
    #expect(try mm.load(at: moved) == 1)
    #expect(throws: MMError.segfault(base)) { try mm.load(at: base) }
}

@Test func fork_then_write_on_both_sides() throws {
    let parent = freshMM()
    try parent.mmap(length: 2 * P, prot: rw)
    try parent.store(1, at: base)
    let child = try parent.fork()
    #expect(child.layout == parent.layout)
    #expect(try child.load(at: base) == 1)
    // Copy-on-write: each side keeps its own value.
    try parent.store(2, at: base)
    try child.store(3, at: base)
    #expect(try parent.load(at: base) == 2)
    #expect(try child.load(at: base) == 3)
    // A page never written before the fork is private too.
    try child.store(4, at: base + P)
    #expect(try parent.load(at: base + P) == 0)
}

@Test func faults_on_read_and_write() throws {
    let mm = freshMM()
    let a = try mm.mmap(length: P, prot: rw)
    #expect(mm.fault(at: a, access: .read).result == .ok)
    #expect(mm.fault(at: a, access: .write).result == .ok)
    #expect(mm.fault(at: a, access: .exec).result == .segv)
    let r = try mm.mmap(length: P, prot: [.read])
    #expect(mm.fault(at: r, access: .write).result == .segv)
    #expect(mm.fault(at: r + 5 * P, access: .read).result == .segv)
}

@Test func load_store_round_trip() throws {
    let mm = freshMM()
    let a = try mm.mmap(length: 3 * P, prot: rw)
    for offset in stride(from: UInt64(0), to: 3 * P, by: 1021) { try mm.store(UInt8(offset % 251), at: a + offset) }
    for offset in stride(from: UInt64(0), to: 3 * P, by: 1021) { #expect(try mm.load(at: a + offset) == UInt8(offset % 251)) }
}

@Test func segfault_on_unmapped_address_is_a_typed_error() {
    let mm = freshMM()
    #expect(throws: MMError.segfault(0x4000_0000)) { try mm.load(at: 0x4000_0000) }
    #expect(throws: MMError.segfault(0x4000_0000)) { try mm.store(1, at: 0x4000_0000) }
}

@Test func bad_input_leaves_layout_unchanged() throws {
    let mm = freshMM()
    try mm.mmap(length: 2 * P, prot: rw)
    let before = mm.layout
    #expect(throws: MMError.self) { try mm.mmap(length: 0, prot: rw) }
    #expect(throws: MMError.self) { try mm.mmap(at: base + 1, length: P, prot: rw) }
    #expect(throws: MMError.self) { try mm.mmap(length: P, prot: Prot(rawValue: 0x80)) }
    #expect(throws: MMError.alreadyMapped(base + P)) { try mm.mmap(at: base + P, length: 2 * P, prot: rw) }
    #expect(throws: MMError.notMapped(base + 8 * P)) { try mm.munmap(base + 8 * P, length: P) }
    #expect(throws: MMError.self) { try mm.munmap(base, length: 0) }
    #expect(throws: MMError.self) { try mm.munmap(base + 3, length: P) }
    #expect(throws: MMError.noMemory) { try mm.mprotect(base, length: 4 * P, prot: [.read]) }
    #expect(throws: MMError.self) { try mm.mprotect(base, length: P, prot: Prot(rawValue: 0x10)) }
    #expect(throws: MMError.notMapped(base + 8 * P)) { _ = try mm.mremap(base + 8 * P, oldLength: P, newLength: 2 * P, mayMove: true) }
    #expect(throws: MMError.self) { _ = try mm.mremap(base, oldLength: 3 * P, newLength: 4 * P, mayMove: true) }
    #expect(throws: MMError.self) { try mm.mmap(at: 1 << 47, length: P, prot: rw) }
    #expect(mm.layout == before)
}

@Test func lengths_round_up_to_pages() throws {
    let mm = freshMM()
    let a = try mm.mmap(length: 10, prot: rw)
    #expect(mm.layout == [vma(0, 1)])
    try mm.munmap(a, length: 1)
    #expect(mm.layout.isEmpty)
}
