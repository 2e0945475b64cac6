import Testing
@testable import Mutation

/// The operators find their sites in model Swift by its syntax, and the schema's edits keep
/// every line where it was.
@Suite struct SiteFinderTests {
    static let trylock = """
    func vma_read_trylock(_ vma: VMA) -> Bool {
        vma.access("lock")
        if !vma.vm_lock.down_read_trylock() { return false }
        if vma.vm_lock_seq.load(.relaxed) == vma.vm_mm.mm_lock_seq.load(.relaxed) {
            vma.vm_lock.up_read()
            return false
        }
        return true
    }
    """

    static let writers = """
    func mmap_write_unlock(_ mm: MM) {
        vma_mark_unlocked_all(mm)
        mm.mmap_lock.up_write()
    }

    func vma_mark_unlocked_all(_ mm: MM) {
        mmap_assert_write_locked(mm)
        mm.mm_lock_seq.store(mm.seq_wrap(mm.mm_lock_seq.load(.relaxed) + 1), .relaxed)
    }

    func detach(_ mm: MM, _ vma: VMA) {
        vma_mark_locked(vma)                     // patch 14
        _ = vma_mark_locked(vma) // not a statement call: an assignment
        call_rcu(vma) { vma in vma_assert_no_reader(vma) }
    }

    func lookup(_ mm: MM) -> VMA? {
        rcu_read_lock()
        let vma = find(mm)
        if vma_is_detached(vma) {
            rcu_read_unlock()
            return nil
        }
        rcu_read_unlock()
        return vma
    }
    """

    func operators(_ code: String) -> [String] {
        SiteFinder.sites(in: code, vocabulary: .rfc).map { "\($0.line) \($0.op.rawValue)" }
    }

    @Test func theTrylockHasItsThreeSequenceSites() {
        #expect(operators(Self.trylock) == ["4 seq-check-before-lock", "4 remove-seq-check", "4 invert-seq-check"])
    }

    @Test func writersHaveMarksIncrementsAssertsFreesAndSections() {
        #expect(operators(Self.writers) == [
            "2 increment-after-unlock", "7 remove-assert", "8 drop-seq-increment", "12 remove-mark",
            "14 free-immediately", "14 remove-assert", "18 remove-rcu-section", "20 remove-detached-check",
        ])
    }

    @Test func theAssertInsideATrailingClosureIsASiteToo() {
        // `vma_assert_no_reader` in the closure of `call_rcu` is a statement of its own.
        let code = "func f(_ vma: VMA) {\n    call_rcu(vma) { vma in\n        vma_assert_no_reader(vma)\n    }\n}\n"
        #expect(operators(code) == ["2 free-immediately", "3 remove-assert"])
    }

    @Test func renamedVocabularyFollowsTheVariant() {
        var vocabulary = Vocabulary.rfc
        vocabulary.marks = ["vma_start_write"]
        let code = "func f(_ v: VMA) {\n    vma_start_write(v)\n    vma_mark_locked(v)\n}\n"
        #expect(SiteFinder.sites(in: code, vocabulary: vocabulary).map(\.line) == [2])
    }

    @Test func editsComposeAndKeepTheLines() {
        let sites = SiteFinder.sites(in: Self.trylock, vocabulary: .rfc)
        let rewritten = TextEdits.apply(sites.enumerated().flatMap { $0.element.edits($0.offset + 1) }, to: Self.trylock)
        #expect(rewritten.split(separator: "\n", omittingEmptySubsequences: false).count
                == Self.trylock.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(rewritten.contains("if __mutant(1), vma.vm_lock_seq.load(.relaxed) == vma.vm_mm.mm_lock_seq.load(.relaxed) { return false }; if !vma.vm_lock.down_read_trylock() { return false }"))
        #expect(rewritten.contains("if !__mutant(1) { if (__mutant(3) ? vma.vm_lock_seq.load(.relaxed) != vma.vm_mm.mm_lock_seq.load(.relaxed) : !__mutant(2) && (vma.vm_lock_seq.load(.relaxed) == vma.vm_mm.mm_lock_seq.load(.relaxed))) {"), "\(rewritten)")
    }

    @Test func theUnlockMovesAfterTheReleaseWithItsAssertionsOff() {
        let sites = SiteFinder.sites(in: Self.writers, vocabulary: .rfc).filter { $0.op == .incrementAfterUnlock }
        let rewritten = TextEdits.apply(sites[0].edits(7), to: Self.writers)
        #expect(rewritten.contains("    if !__mutant(7) { vma_mark_unlocked_all(mm) }\n    mm.mmap_lock.up_write(); if __mutant(7) { withAssertionsSuppressed { vma_mark_unlocked_all(mm) } }\n"))
    }
}
