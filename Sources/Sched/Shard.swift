/// One part of a depth-first exploration's schedule tree, for splitting it across processes,
/// machines or cores.
///
/// A schedule deviates from the one the search runs first at the decisions where it does not take
/// the first candidate (the running thread goes on, a load reads the newest store). A schedule's
/// class is its first `levels` deviations (each a decision and the choice made there), or, for a
/// schedule with fewer, the schedule itself. Depth-first search meets the classes one after
/// another, each as one subtree, in an order that does not depend on the shard; they are
/// numbered in that order (the "prefix" numbers of reports). Shard `index` of `count` owns the
/// classes whose number is `index` modulo `count`. So the shards of one count are disjoint,
/// together they are the whole tree, and each shard's schedules run in the order of one
/// undivided run. A shard skips the classes of others without running them, but runs every
/// schedule of fewer than `levels` deviations, since the classes branch off their decisions.
/// With two levels there are thousands of classes (as many as pairs of deviations), and a
/// shard runs only a few dozen schedules it does not own.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based.
    public let index: Int
    public let count: Int

    /// Deviations that name a class.
    public static let levels = 2

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

    /// The `part`-th of `parts` pieces of this shard: a shard of `count * parts` whose classes are all this shard's.
    public func split(_ part: Int, of parts: Int) -> Shard {
        Shard(index: index + count * part, count: count * parts)!
    }

    /// One-based, `K/N`.
    public var description: String { "\(index + 1)/\(count)" }
}
