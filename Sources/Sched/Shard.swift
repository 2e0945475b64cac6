/// One part of a depth-first exploration's schedule tree, for splitting it across processes,
/// machines or cores.
///
/// The tree is cut at a fixed depth: a schedule's first `prefixDepth` decisions are its prefix,
/// and prefixes are numbered in the order depth-first search meets them. Shard `index` of `count`
/// owns the prefixes whose number is `index` modulo `count`, with every schedule below them. So
/// the shards of one count are disjoint, together they are the whole tree, and each shard's
/// schedules run in the same order as in one undivided run. A shard still runs one schedule of
/// each prefix it does not own, to learn where that prefix's subtree lies.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based.
    public let index: Int
    public let count: Int

    /// Decisions in a prefix: deep enough for many prefixes (balance), shallow enough that the
    /// one schedule per foreign prefix costs little next to a shard's own.
    public static let prefixDepth = 10

    /// Nil unless `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` with `1 <= K <= N`, as `--shard` takes it (one-based, like Playwright's and Jest's).
    public init?(oneBased text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k - 1, count: n)
    }

    /// The `part`-th of `parts` pieces of this shard: a shard of `count * parts` whose prefixes are all this shard's.
    public func split(_ part: Int, of parts: Int) -> Shard {
        Shard(index: index + count * part, count: count * parts)!
    }

    /// One-based, `K/N`.
    public var description: String { "\(index + 1)/\(count)" }
}
