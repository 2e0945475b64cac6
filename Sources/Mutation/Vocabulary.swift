import Literate

/// The names the operators look for, as one variant spells them: the RFC's names put through the
/// variant's renames (`vma_mark_locked` is `vma_start_write` from `v2` on).
public struct Vocabulary: Sendable, Equatable {
    /// Functions that mark a VMA write-locked.
    public var marks: Set<String>
    /// The function that unlocks every VMA of a write session.
    public var unlockAll: Set<String>
    /// Functions that read-lock a VMA with the sequence test.
    public var readTrylocks: Set<String>
    /// Tests of whether a VMA left the tree.
    public var detachedChecks: Set<String>
    /// Assertions of the lock rules.
    public var asserts: Set<String>

    /// The RFC's own names.
    public static let rfc = Vocabulary(
        marks: ["vma_mark_locked"], unlockAll: ["vma_mark_unlocked_all"], readTrylocks: ["vma_read_trylock"],
        detachedChecks: ["vma_is_detached", "RB_EMPTY_NODE"],
        asserts: ["mmap_assert_locked", "mmap_assert_write_locked", "vma_assert_locked", "vma_assert_write_locked", "vma_assert_no_reader"])

    public init(marks: Set<String>, unlockAll: Set<String>, readTrylocks: Set<String>, detachedChecks: Set<String>, asserts: Set<String>) {
        self.marks = marks
        self.unlockAll = unlockAll
        self.readTrylocks = readTrylocks
        self.detachedChecks = detachedChecks
        self.asserts = asserts
    }

    /// The RFC's names as `variant` spells them.
    public init(variant: Variant) {
        let rename = { (names: Set<String>) in Set(names.map { variant.renamed($0, inDocument: "Spec/") }) }
        let rfc = Self.rfc
        self.init(marks: rename(rfc.marks), unlockAll: rename(rfc.unlockAll), readTrylocks: rename(rfc.readTrylocks),
                  detachedChecks: rename(rfc.detachedChecks), asserts: rename(rfc.asserts))
    }
}
